// thinkdex-crawler: the run of `thinkdex crawl`, in a program of its own so that only the crawl
// loads libcurl and its libraries. `thinkdex crawl ...` becomes this program by exec, with the
// same command line, which this parses as `thinkdex` does (crawl_options.hpp): so the options,
// the output, the exit codes and Ctrl-C are the crawl's as before. Installed in
// LIBEXECDIR/thinkdex, beside the CGI program.

#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <iostream>

#include "common_options.hpp"
#include "crawl_options.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/file_lock.hpp"
#include "thinkdex/crawler/crawler.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::cli {

namespace {

/// Ctrl-C (and SIGTERM) asks the crawl to stop at its next turn; the handler resets itself, so
/// a second Ctrl-C kills at once, which the store also survives (every write is committed).
void stop_on_signals() {
    struct sigaction action {};
    action.sa_handler = [](int) { crawler::request_stop(); };
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

/// The crawl's summary line, or with `json` the same as one JSON object.
void print_summary(const crawler::CrawlStats& stats, const std::filesystem::path& store, bool json) {
    const Skips skips = summarize(stats.skipped);
    if (json) {
        std::cout << nlohmann::json{{"status", stats.interrupted ? "interrupted" : "finished"},
                                    {"resumed", stats.resumed},
                                    {"fetched", stats.fetched},
                                    {"new", stats.new_pages},
                                    {"changed", stats.changed},
                                    {"unchanged", stats.unchanged},
                                    {"not_due", stats.not_due},
                                    {"gone", stats.gone},
                                    {"failed", stats.failed},
                                    {"skipped", skips.total},
                                    {"skipped_by_reason", skips.by_reason},
                                    {"handed_over", stats.handed_over},
                                    {"taken_over", stats.taken_over},
                                    {"store", store.string()}}
                  << "\n";
        return;
    }
    std::cout << "crawl " << (stats.resumed ? "resumed and " : "")
              << (stats.interrupted ? "interrupted" : "finished") << ": " << stats.fetched
              << " fetched, " << stats.new_pages << " new, " << stats.changed << " changed, "
              << stats.unchanged << " unchanged, " << stats.not_due << " not due, " << stats.gone
              << " gone, " << stats.failed << " failed, " << skips.total << " skipped"
              << (skips.text.empty() ? "" : " (" + skips.text + ")")
              << (stats.handed_over + stats.taken_over == 0
                      ? ""
                      : "; " + std::to_string(stats.handed_over) + " link(s) handed over, " +
                            std::to_string(stats.taken_over) + " taken over")
              << "; store: " << store.string() << "\n";
}

int run_crawl(const CrawlOptions& options) {
    Config config = load(options.common);
    std::error_code ec;
    spdlog::debug("crawler: {}", std::filesystem::read_symlink("/proc/self/exe", ec).string());
    for (const auto& seed : options.seeds) {
        Source source;
        source.seed = seed;
        config.crawl.sources.push_back(std::move(source));
    }
    if (options.max_pages) config.crawl.max_pages = *options.max_pages;
    std::optional<ShardPart> partition;
    if (!options.partition.empty()) partition = parse_shard_part(options.partition, "--partition");
    validate(config);
    if (config.crawl.sources.empty()) {
        throw ConfigError("nothing to crawl: give --seed URL or add [[crawl.sources]] to the config");
    }

    require_writable_dir(config.data_dir);
    // Two crawls on one store would each be polite to a host, and together twice as fast.
    const auto lock_path = config.data_dir / "crawl.lock";
    std::string holder;
    auto lock = FileLock::try_lock(lock_path, &holder);
    if (!lock) {
        throw Fatal("another crawl" + (holder.empty() ? "" : " (process " + holder + ")") +
                    " is running on data dir '" + config.data_dir.string() + "' (it holds '" +
                    lock_path.string() + "'); not starting a second one");
    }
    store::CrawlStore store(config.store_path());
    stop_on_signals();
    crawler::CrawlStats stats = crawler::crawl(config.crawl, store, partition);

    print_summary(stats, config.store_path(), options.json);
    if (stats.interrupted) {
        std::cerr << "thinkdex: crawl interrupted: every page fetched so far is kept in '"
                  << config.store_path().string()
                  << "'; run `thinkdex crawl` again to resume where it stopped\n";
        return 128 + SIGINT;  // as a shell reports a program that Ctrl-C stopped
    }
    return 0;
}

}  // namespace

}  // namespace thinkdex::cli

int main(int argc, char** argv) {
    namespace cli = thinkdex::cli;
    CLI::App app{"thinkdex-crawler: the crawl of `thinkdex crawl`, which runs it", "thinkdex"};
    cli::add_common_options(app, cli::global_options());
    app.require_subcommand(1);
    cli::CrawlOptions options;
    int exit_code = 0;
    cli::add_crawl_command(app, options)->callback([&] { exit_code = cli::run_crawl(options); });
    return cli::run_guarded(app, [&] {
        app.parse(argc, argv);
        return exit_code;
    });
}
