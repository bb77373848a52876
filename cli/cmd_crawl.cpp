// thinkdex crawl: fetch the configured sources (and --seed URLs) into the crawl store.

#include <iostream>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/crawler/crawler.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::cli {

namespace {

struct CrawlOptions {
    CommonOptions common;
    std::vector<std::string> seeds;
    std::optional<std::size_t> max_pages;
};

int run_crawl(const CrawlOptions& options) {
    Config config = load(options.common);
    for (const auto& seed : options.seeds) {
        Source source;
        source.seed = seed;
        config.crawl.sources.push_back(std::move(source));
    }
    if (options.max_pages) config.crawl.max_pages = *options.max_pages;
    validate(config);
    if (config.crawl.sources.empty()) {
        throw ConfigError("nothing to crawl: give --seed URL or add [[crawl.sources]] to the config");
    }

    store::CrawlStore store(config.store_path());
    crawler::CrawlStats stats = crawler::crawl(config.crawl, store);

    std::size_t skipped = 0;
    std::string reasons;
    for (const auto& [reason, count] : stats.skipped) {
        skipped += count;
        reasons += (reasons.empty() ? "" : ", ") + reason + " " + std::to_string(count);
    }
    std::cout << "crawl " << (stats.resumed ? "resumed and " : "") << "finished: " << stats.fetched
              << " fetched, " << stats.new_pages << " new, " << stats.changed << " changed, "
              << stats.unchanged << " unchanged, " << stats.not_due << " not due, " << stats.gone
              << " gone, " << stats.failed << " failed, " << skipped << " skipped"
              << (reasons.empty() ? "" : " (" + reasons + ")")
              << "; store: " << config.store_path().string() << "\n";
    return 0;
}

}  // namespace

void add_crawl(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<CrawlOptions>();
    auto* sub = app.add_subcommand("crawl", "Fetch pages from the seeds into the crawl store");
    add_common_options(*sub, options->common);
    sub->add_option("--seed", options->seeds, "Start crawling at this URL (repeatable)");
    sub->add_option("--max-pages", options->max_pages, "Fetch at most N pages in this run");
    sub->callback([options, &exit_code] { exit_code = run_crawl(*options); });
}

}  // namespace thinkdex::cli
