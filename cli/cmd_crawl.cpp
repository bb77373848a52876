// thinkdex crawl: its options here, for --help, the man page and the completions; its run in
// thinkdex-crawler (crawler_main.cpp), which this process becomes, so that `thinkdex` never
// loads libcurl and the libraries it brings (scripts/bench_startup.sh). Being the
// same process, given the same command line, keeps the crawl's options, output, exit codes
// and Ctrl-C as they were.

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "crawl_options.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/helper_program.hpp"

namespace thinkdex::cli {

void add_crawl(CLI::App& app, char** argv) {
    auto options = std::make_shared<CrawlOptions>();
    add_crawl_command(app, *options)->callback([options, argv] {
        const std::string crawler =
            helper_program("thinkdex-crawler", "THINKDEX_CRAWLER", THINKDEX_CRAWLER_BUILT);
        std::cout.flush();
        ::execv(crawler.c_str(), argv);
        throw Fatal("cannot run the crawler '" + crawler + "': " + std::strerror(errno) +
                    " (set THINKDEX_CRAWLER to its path, or reinstall thinkdex)");
    });
}

}  // namespace thinkdex::cli
