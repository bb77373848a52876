// thinkdex crawl: fetch the configured sources (and --seed URLs) into the crawl store.

#include <csignal>
#include <iostream>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/file_lock.hpp"
#include "thinkdex/crawler/crawler.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::cli {

namespace {

struct CrawlOptions {
    CommonOptions common;
    std::vector<std::string> seeds;
    std::optional<std::size_t> max_pages;
    std::string partition;
    bool json = false;
};

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

void add_crawl(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<CrawlOptions>();
    auto* sub = app.add_subcommand("crawl", "Fetch pages from the seeds into the crawl store");
    add_common_options(*sub, options->common);
    sub->add_option("--seed", options->seeds, "Start crawling at this URL (repeatable)");
    sub->add_option("--max-pages", options->max_pages, "Fetch at most N pages in this run");
    sub->add_option("--partition", options->partition,
                    "Crawl only the hosts of partition i of N (0-based), e.g. 0/3");
    sub->add_flag("--json", options->json, "Print the summary as one JSON object");
    sub->callback([options, &exit_code] { exit_code = run_crawl(*options); });
}

}  // namespace thinkdex::cli
