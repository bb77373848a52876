#include "crawl_options.hpp"

namespace thinkdex::cli {

CLI::App* add_crawl_command(CLI::App& app, CrawlOptions& options) {
    auto* sub = app.add_subcommand("crawl", "Fetch pages from the seeds into the crawl store");
    add_common_options(*sub, options.common);
    sub->add_option("--seed", options.seeds, "Start crawling at this URL (repeatable)");
    sub->add_option("--max-pages", options.max_pages, "Fetch at most N pages in this run");
    sub->add_option("--partition", options.partition,
                    "Crawl only the hosts of partition i of N (0-based), e.g. 0/3");
    sub->add_flag("--json", options.json, "Print the summary as one JSON object");
    return sub;
}

}  // namespace thinkdex::cli
