// `thinkdex crawl` as a user runs it: no seeds, the crawler program, a data dir that cannot be
// made, Ctrl-C and resume, a second crawl on one data dir, a bad seed URL.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "cli_program.hpp"
#include "http_server.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

/// A config at `path` that crawls the site at `base` into `data_dir`, `delay_ms` apart.
void write_crawl_config(const std::filesystem::path& path, const std::filesystem::path& data_dir,
                        const std::string& base, int delay_ms) {
    test::write_file(path, "data_dir = \"" + data_dir.string() + "\"\n[crawl]\ndelay_ms = " +
                               std::to_string(delay_ms) + "\n[[crawl.sources]]\nseed = \"" +
                               base + "/\"\n");
}

using test::bin;
using test::run;
using test::TempDir;

TEST(Cli, CrawlWithoutSeedsSaysSo) {
    TempDir dir;
    auto r = run({thinkdex(), "crawl", "--data-dir", dir.path().string()},
                 {{"THINKDEX_CONFIG", ""}});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("nothing to crawl"), std::string::npos) << r.err;
}

// Issue 15: libcurl's libraries were most of `thinkdex`'s start-up, and only crawl needs them.
// crawl runs in thinkdex-crawler, found beside `thinkdex` (or as $THINKDEX_CRAWLER says).
TEST(Cli, CrawlRunsInTheCrawlerProgramAndOnlyItLinksLibcurl) {
    TempDir dir;
    const std::map<std::string, std::string> no_config{{"THINKDEX_CONFIG", ""}};
    auto r = run({thinkdex(), "-vv", "crawl", "--data-dir", dir.path().string()}, no_config);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("crawler: " + bin("thinkdex-crawler").string()), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("nothing to crawl"), std::string::npos) << r.err;

    auto missing = run({thinkdex(), "crawl", "--data-dir", dir.path().string()},
                       {{"THINKDEX_CONFIG", ""}, {"THINKDEX_CRAWLER", "/nonexistent/crawler"}});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("thinkdex: cannot run the crawler '/nonexistent/crawler': No such "
                               "file or directory (set THINKDEX_CRAWLER"),
              std::string::npos)
        << missing.err;

    auto needed = [](const std::string& program) {
        return run({"/bin/sh", "-c", "readelf -d \"$1\"", "sh", program}).out;
    };
    EXPECT_EQ(needed(thinkdex()).find("libcurl"), std::string::npos);
    EXPECT_NE(needed(bin("thinkdex-crawler").string()).find("libcurl"), std::string::npos);
}

// Issue 12: an unwritable data dir gave a raw SQLite message.
TEST(Cli, CrawlIntoADataDirThatCannotBeMadeSaysSo) {
    TempDir dir;
    test::write_file(dir.path() / "file", "not a directory\n");
    auto data_dir = (dir.path() / "file" / "data").string();
    auto r = run({thinkdex(), "crawl", "--data-dir", data_dir, "--seed", "http://127.0.0.1:9/"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("cannot create data dir '" + data_dir + "': Not a directory"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("--data-dir"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("sqlite"), std::string::npos) << r.err;
}

// Issue 12: Ctrl-C during a crawl exited silently.
TEST(Cli, InterruptedCrawlSaysWhatWasKeptAndResumes) {
    test::HttpServer server(test::data("site"));
    server.start();
    TempDir dir;
    auto config = dir.path() / "c.toml";
    auto write_config = [&](int delay_ms) {
        write_crawl_config(config, dir.path() / "data", server.base_url(), delay_ms);
    };
    write_config(700);  // slow enough to be stopped half-way
    // The shell runs the crawl in the background, and sends SIGINT as Ctrl-C would.
    auto r = run({"/bin/sh", "-c",
                  "\"$1\" crawl --config \"$2\" & pid=$!; sleep 2; kill -INT $pid; wait $pid; "
                  "echo \"exit $?\"",
                  "sh", thinkdex(), config.string()},
                 {{"THINKDEX_CONFIG", ""}});
    EXPECT_NE(r.out.find("exit 130"), std::string::npos) << r.out << r.err;
    EXPECT_NE(r.out.find("crawl interrupted:"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("every page fetched so far is kept in '" +
                         (dir.path() / "data" / "crawl.sqlite").string() + "'"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("run `thinkdex crawl` again to resume"), std::string::npos) << r.err;
    write_config(0);
    auto again = run({thinkdex(), "crawl", "--config", config.string()});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("crawl resumed and finished"), std::string::npos) << again.out;
}

// Issue 14, defect 4: two crawls on one data dir ran together and broke per-host politeness.
// The second refuses, naming the data dir, and exits 1; once the first ends, crawls run again.
TEST(Cli, ASecondCrawlOnOneDataDirRefuses) {
    test::HttpServer server(test::data("site"));
    server.start();
    TempDir dir;
    auto config = dir.path() / "c.toml";
    auto data_dir = (dir.path() / "data").string();
    auto write_config = [&](int delay_ms) {
        write_crawl_config(config, data_dir, server.base_url(), delay_ms);
    };
    write_config(700);  // the first crawl is still going when the second starts
    auto r = run({"/bin/sh", "-c",
                  "\"$1\" crawl -q --config \"$2\" & pid=$!; sleep 1.5; "
                  "\"$1\" crawl --config \"$2\"; echo \"second $?\"; "
                  "kill -INT $pid; wait $pid; echo \"first $?\"",
                  "sh", thinkdex(), config.string()},
                 {{"THINKDEX_CONFIG", ""}});
    EXPECT_NE(r.out.find("second 1"), std::string::npos) << r.out << r.err;
    EXPECT_NE(r.out.find("first 130"), std::string::npos) << r.out << r.err;
    EXPECT_NE(r.err.find("another crawl (process "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("is running on data dir '" + data_dir + "'"), std::string::npos)
        << r.err;
    write_config(0);
    auto again = run({thinkdex(), "crawl", "--config", config.string()});
    EXPECT_EQ(again.exit_code, 0) << again.err;
}

TEST(Cli, BadSeedUrlIsAConfigError) {
    TempDir dir;
    auto r = run({thinkdex(), "crawl", "--data-dir", dir.path().string(), "--seed", "not a url"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("not a url"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace thinkdex
