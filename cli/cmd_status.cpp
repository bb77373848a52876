// thinkdex status: what the crawl store and the index hold.

#include <ctime>
#include <iostream>

#include "commands.hpp"
#include "thinkdex/common/schema.hpp"
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

/// An RFC 3339 time, or null for never.
nlohmann::json time_json(const std::optional<std::int64_t>& unix_time) {
    if (!unix_time) return nullptr;
    return format_time(unix_time);
}

struct StatusOptions {
    CommonOptions common;
    bool json = false;
};

/// The same facts as one JSON object: "store" and "index" are null when there is none.
int print_status_json(const Config& config) {
    nlohmann::json status{{"data_dir", config.data_dir.string()}, {"store", nullptr},
                          {"index", nullptr}};
    if (std::filesystem::exists(config.store_path())) {
        store::CrawlStore store(config.store_path(), /*read_only=*/true);
        auto counts = store.counts();
        status["store"] = {{"pages", counts.pages},
                           {"due", counts.due},
                           {"gone", counts.gone},
                           {"queued", counts.queued},
                           {"robots_cached", counts.robots_cached},
                           {"last_crawl_started", time_json(counts.last_crawl_started)},
                           {"last_crawl_finished", time_json(counts.last_crawl_finished)}};
    }
    if (auto info = query::index_info(config.index_path())) {
        status["index"] = {{"documents", info->documents},
                           {"oldest", info->oldest},
                           {"newest", info->newest},
                           {"last_index", info->last_index},
                           {"layout", info->layout},
                           {"outdated_layout", info->outdated_layout}};
    }
    std::cout << status << "\n";
    return 0;
}

int run_status(const StatusOptions& options) {
    Config config = load(options.common);
    if (options.json) return print_status_json(config);
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
        if (info->outdated_layout)
            std::cout << "index layout " << info->layout << " is older than this version's "
                      << schema::kIndexLayout
                      << ": run `thinkdex index --rebuild` so that searches find words without "
                         "accents, after elisions and in each document's language\n";
    } else {
        std::cout << "index: none (run `thinkdex index`)\n";
    }
    return 0;
}

}  // namespace

void add_status(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<StatusOptions>();
    auto* sub = app.add_subcommand("status", "Show what the crawl store and the index hold");
    add_common_options(*sub, options->common);
    sub->add_flag("--json", options->json, "Print the same as one JSON object");
    sub->callback([options, &exit_code] { exit_code = run_status(*options); });
}

}  // namespace thinkdex::cli
