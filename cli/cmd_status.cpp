// thinkdex status: what the crawl store and the index hold.

#include <ctime>
#include <iostream>

#include "commands.hpp"
#include "thinkdex/query/index_info.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::cli {

namespace {

std::string format_time(const std::optional<std::int64_t>& unix_time) {
    if (!unix_time) return "never";
    std::time_t t = static_cast<std::time_t>(*unix_time);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

int run_status(const CommonOptions& options) {
    Config config = load(options);
    std::cout << "data dir: " << config.data_dir.string() << "\n";
    if (std::filesystem::exists(config.store_path())) {
        store::CrawlStore store(config.store_path(), /*read_only=*/true);
        auto counts = store.counts();
        std::cout << "crawl store: " << counts.pages << " pages (" << counts.due
                  << " due for a visit), " << counts.gone << " gone, " << counts.queued
                  << " queued, robots.txt of " << counts.robots_cached << " site(s) cached\n"
                  << "last crawl: started " << format_time(counts.last_crawl_started)
                  << ", finished " << format_time(counts.last_crawl_finished) << "\n";
    } else {
        std::cout << "crawl store: none (run `thinkdex crawl`)\n";
    }
    if (auto info = query::index_info(config.index_path())) {
        std::cout << "index: " << info->documents << " documents";
        if (!info->oldest.empty()) std::cout << ", published " << info->oldest << " to " << info->newest;
        std::cout << "\nlast index: " << (info->last_index.empty() ? "never" : info->last_index)
                  << "\n";
    } else {
        std::cout << "index: none (run `thinkdex index`)\n";
    }
    return 0;
}

}  // namespace

void add_status(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<CommonOptions>();
    auto* sub = app.add_subcommand("status", "Show what the crawl store and the index hold");
    add_common_options(*sub, *options);
    sub->callback([options, &exit_code] { exit_code = run_status(*options); });
}

}  // namespace thinkdex::cli
