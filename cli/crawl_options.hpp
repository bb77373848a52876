#pragma once
// `thinkdex crawl`'s command line, which two programs parse alike: `thinkdex` (its --help, the
// man page and the shell completions; then it becomes thinkdex-crawler, given the same
// arguments: cmd_crawl.cpp) and thinkdex-crawler, which runs the crawl (crawler_main.cpp).

#include <CLI/CLI.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common_options.hpp"

namespace thinkdex::cli {

struct CrawlOptions {
    CommonOptions common;
    std::vector<std::string> seeds;
    std::optional<std::size_t> max_pages;
    std::string partition;
    bool json = false;
};

/// Adds the `crawl` subcommand and its options, read into `options`, to `app`; returns it.
CLI::App* add_crawl_command(CLI::App& app, CrawlOptions& options);

}  // namespace thinkdex::cli
