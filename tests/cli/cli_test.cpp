// The `thinkdex` program as a user runs it: help, exit codes and error messages, extract,
// and JSON-lines import.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "http_server.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

using test::bin;
using test::run;
using test::TempDir;

std::string thinkdex() { return bin("thinkdex").string(); }

TEST(Cli, HelpListsSubcommandsAndEachHasHelp) {
    auto top = run({thinkdex(), "--help"});
    EXPECT_EQ(top.exit_code, 0);
    for (const char* sub : {"crawl", "extract", "index", "search", "status"}) {
        EXPECT_NE(top.out.find(sub), std::string::npos) << sub;
        auto help = run({thinkdex(), sub, "--help"});
        EXPECT_EQ(help.exit_code, 0) << sub;
        EXPECT_NE(help.out.find("Usage"), std::string::npos) << sub << ": " << help.out;
    }
}

TEST(Cli, UsageErrorsExitTwo) {
    EXPECT_EQ(run({thinkdex(), "search", "--no-such-flag"}).exit_code, 2);
    EXPECT_EQ(run({thinkdex(), "search", "--sort", "sideways", "x"}).exit_code, 2);
    EXPECT_EQ(run({thinkdex(), "status", "stray"}).exit_code, 2);
}

// Issue 12: bare `thinkdex`, `thinkdex serach foo` and `thinkdex version` all said "A
// subcommand is required".
TEST(Cli, BareCommandListsTheCommands) {
    auto bare = run({thinkdex()});
    EXPECT_EQ(bare.exit_code, 2);
    EXPECT_TRUE(bare.out.empty()) << bare.out;
    for (const char* sub : {"crawl", "extract", "index", "search", "status", "compact", "config",
                            "version", "--version", "--config"})
        EXPECT_NE(bare.err.find(sub), std::string::npos) << sub << "\n" << bare.err;
    auto help = run({thinkdex(), "help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("search"), std::string::npos) << help.out;
    auto search_help = run({thinkdex(), "help", "search"});
    EXPECT_EQ(search_help.exit_code, 0);
    EXPECT_NE(search_help.out.find("--author"), std::string::npos) << search_help.out;
}

TEST(Cli, UnknownCommandIsNamedWithASuggestion) {
    auto typo = run({thinkdex(), "serach", "foo"});
    EXPECT_EQ(typo.exit_code, 2);
    EXPECT_NE(typo.err.find("unknown command 'serach'; did you mean 'search'?"),
              std::string::npos)
        << typo.err;
    auto other = run({thinkdex(), "crwal"});
    EXPECT_NE(other.err.find("did you mean 'crawl'?"), std::string::npos) << other.err;
    auto far = run({thinkdex(), "frobnicate"});
    EXPECT_EQ(far.exit_code, 2);
    EXPECT_NE(far.err.find("unknown command 'frobnicate'"), std::string::npos) << far.err;
    EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST(Cli, VersionAsCommandAndFlag) {
    for (const char* arg : {"version", "--version"}) {
        auto r = run({thinkdex(), arg});
        EXPECT_EQ(r.exit_code, 0) << arg << r.err;
        EXPECT_EQ(r.out, "thinkdex 0.1.0\n") << arg;
    }
}

TEST(Cli, GlobalOptionsBeforeTheCommand) {
    TempDir dir;
    auto r = run({thinkdex(), "--data-dir", dir.path().string(), "-q", "status"},
                 {{"THINKDEX_CONFIG", ""}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("data dir: " + dir.path().string()), std::string::npos) << r.out;
    auto config = run({thinkdex(), "--config", "/nonexistent/g.toml", "status"});
    EXPECT_EQ(config.exit_code, 2);
    EXPECT_NE(config.err.find("/nonexistent/g.toml"), std::string::npos) << config.err;
    // The command's own option wins over the one before it.
    test::write_file(dir.path() / "c.toml", "data_dir = \"from-file\"\n");
    auto own = run({thinkdex(), "--config", "/nonexistent/g.toml", "config", "--show",
                    "--config", (dir.path() / "c.toml").string()});
    EXPECT_EQ(own.exit_code, 0) << own.err;
    EXPECT_NE(own.out.find("data_dir = 'from-file'"), std::string::npos) << own.out;
}

TEST(Cli, ExtractTakesConfig) {
    auto page = test::data("seed/sino-russian-relations-in-central-asia.html").string();
    auto missing = run({thinkdex(), "extract", "--config", "/nonexistent/e.toml", page});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("/nonexistent/e.toml"), std::string::npos) << missing.err;
    TempDir dir;
    test::write_file(dir.path() / "c.toml", "[log]\nlevel = \"error\"\n");
    auto ok = run({thinkdex(), "extract", "--config", (dir.path() / "c.toml").string(), page});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("Natasha Kuhrt"), std::string::npos);
}

/// `thinkdex config --show` run in `cwd` with `env`, through the shell for the directory.
test::RunResult config_show(const std::filesystem::path& cwd,
                            std::map<std::string, std::string> env) {
    return run({"/bin/sh", "-c", "cd \"$1\" && exec \"$2\" config --show", "sh", cwd.string(),
                thinkdex()},
               env);
}

// Issue 12: --config, then $THINKDEX_CONFIG, then ./thinkdex.toml, then
// $XDG_CONFIG_HOME/thinkdex/thinkdex.toml ($HOME/.config without it).
TEST(Cli, ConfigDiscoveryOrder) {
    TempDir dir;
    auto cwd = dir.path() / "work", home = dir.path() / "home", xdg = dir.path() / "xdg";
    std::filesystem::create_directories(cwd);
    std::filesystem::create_directories(home / ".config" / "thinkdex");
    std::filesystem::create_directories(xdg / "thinkdex");
    test::write_file(home / ".config" / "thinkdex" / "thinkdex.toml", "data_dir = \"home\"\n");
    std::map<std::string, std::string> env = {
        {"THINKDEX_CONFIG", ""}, {"HOME", home.string()}, {"XDG_CONFIG_HOME", ""}};

    auto r = config_show(cwd, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("found by $HOME/.config"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("data_dir = 'home'"), std::string::npos) << r.out;

    test::write_file(xdg / "thinkdex" / "thinkdex.toml", "data_dir = \"xdg\"\n");
    env["XDG_CONFIG_HOME"] = xdg.string();
    r = config_show(cwd, env);
    EXPECT_NE(r.out.find("found by $XDG_CONFIG_HOME"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("data_dir = 'xdg'"), std::string::npos) << r.out;

    test::write_file(cwd / "thinkdex.toml", "data_dir = \"local\"\n");
    r = config_show(cwd, env);
    EXPECT_NE(r.out.find("'thinkdex.toml' (found by ./thinkdex.toml)"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("data_dir = 'local'"), std::string::npos) << r.out;

    test::write_file(dir.path() / "env.toml", "data_dir = \"env\"\n");
    env["THINKDEX_CONFIG"] = (dir.path() / "env.toml").string();
    r = config_show(cwd, env);
    EXPECT_NE(r.out.find("found by $THINKDEX_CONFIG"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("data_dir = 'env'"), std::string::npos) << r.out;

    // The environment over the file is shown as such, and the output reads back as a config.
    env["THINKDEX_DATA_DIR"] = "/srv/thinkdex";
    r = config_show(cwd, env);
    EXPECT_NE(r.out.find("# data_dir set by $THINKDEX_DATA_DIR"), std::string::npos) << r.out;
    test::write_file(dir.path() / "shown.toml", r.out);
    auto again = run({thinkdex(), "config", "--show", "--config",
                      (dir.path() / "shown.toml").string()},
                     {{"THINKDEX_DATA_DIR", ""}});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("data_dir = '/srv/thinkdex'"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("delay_ms = 1000"), std::string::npos) << again.out;
}

TEST(Cli, ConfigCheckListsEveryProblemWithFileAndLine) {
    TempDir dir;
    auto file = (dir.path() / "bad.toml").string();
    test::write_file(file, "[crawl]\ndelay_ms = 9223372036854775807\nscope = 3\n"
                           "user_agent = \"thinkdex\\r\\nX: 1\"\n");
    auto r = run({thinkdex(), "config", "--config", file});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find(file + ":2: crawl.delay_ms must be between 0 and 3600000"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(file + ":3: 'crawl.scope' must be a string"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(file + ":4: crawl.user_agent must not contain line breaks"),
              std::string::npos)
        << r.err;
    // In the file's order, whatever the kind of problem.
    EXPECT_LT(r.err.find(file + ":2:"), r.err.find(file + ":3:")) << r.err;
    EXPECT_LT(r.err.find(file + ":3:"), r.err.find(file + ":4:")) << r.err;
    test::write_file(file, "[crawl]\ndelay_ms = 10\n");
    auto ok = run({thinkdex(), "config", "--config", file});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("config OK: '" + file + "' (found by --config)"), std::string::npos)
        << ok.out;
}

TEST(Cli, MissingConfigFileIsNamed) {
    auto r = run({thinkdex(), "status", "--config", "/nonexistent/thinkdex.toml"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/nonexistent/thinkdex.toml"), std::string::npos) << r.err;
}

TEST(Cli, BadConfigListsEveryProblem) {
    TempDir dir;
    test::write_file(dir.path() / "bad.toml", "[crawl]\nscope = \"planet\"\ndelay_ms = \"x\"\n");
    auto r = run({thinkdex(), "status", "--config", (dir.path() / "bad.toml").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("crawl.delay_ms"), std::string::npos) << r.err;
}

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
        test::write_file(config, "data_dir = \"" + (dir.path() / "data").string() +
                                     "\"\n[crawl]\ndelay_ms = " + std::to_string(delay_ms) +
                                     "\n[[crawl.sources]]\nseed = \"" + server.base_url() +
                                     "/\"\n");
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
        test::write_file(config, "data_dir = \"" + data_dir + "\"\n[crawl]\ndelay_ms = " +
                                     std::to_string(delay_ms) + "\n[[crawl.sources]]\nseed = \"" +
                                     server.base_url() + "/\"\n");
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

TEST(Cli, SearchWithoutIndexSaysWhatToDo) {
    TempDir dir;
    auto r = run({thinkdex(), "search", "--data-dir", dir.path().string(), "russia"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no index at"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
}

TEST(Cli, IndexWithoutStoreSaysWhatToDo) {
    TempDir dir;
    auto r = run({thinkdex(), "index", "--data-dir", dir.path().string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no crawl store"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "index"));
}

TEST(Cli, StatusOnEmptyDataDir) {
    TempDir dir;
    auto r = run({thinkdex(), "status", "--data-dir", dir.path().string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("crawl store: none"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("index: none"), std::string::npos) << r.out;
}

nlohmann::json extract_one(const std::vector<std::string>& args) {
    auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    return nlohmann::json::parse(r.out);
}

void expect_seed_fields(const nlohmann::json& j) {
    EXPECT_EQ(j["title"], "Sino-Russian Relations in Central Asia");
    EXPECT_EQ(j["authors"], nlohmann::json::array({"Natasha Kuhrt"}));
    EXPECT_EQ(j["published"], "2025-08-26");
    EXPECT_EQ(j["language"], "en");
    for (const char* key : {"id", "url", "body", "summary", "site_name", "tags"}) {
        EXPECT_TRUE(j.contains(key)) << key;
    }
}

TEST(Cli, ExtractSeedPagePrintsOneJsonLine) {
    auto page = test::data("seed/sino-russian-relations-in-central-asia.html");
    auto j = extract_one({thinkdex(), "extract", page.string()});
    EXPECT_EQ(j["id"], "sino-russian-relations-in-central-asia");
    expect_seed_fields(j);
}

TEST(Cli, ExtractReadsGzippedFiles) {
    TempDir dir;
    auto html = test::read_file(test::data("seed/sino-russian-relations-in-central-asia.html"));
    auto gz_path = dir.path() / "brief.html.gz";
    test::write_file(gz_path, test::gzip(html));
    auto j = extract_one({thinkdex(), "extract", "--url", "https://example.org/brief",
                          gz_path.string()});
    EXPECT_EQ(j["id"], "brief");
    expect_seed_fields(j);
}

// Issue 14, defect 8: `extract` inflated .gz files without bound (a 1 MB bomb took 1 GB) and
// printed what a truncated one held. Both are now named with the reason, and exit 1.
TEST(Cli, ExtractRefusesTruncatedAndOversizedGzip) {
    TempDir dir;
    auto html = test::read_file(test::data("seed/sino-russian-relations-in-central-asia.html"));
    std::string packed = test::gzip(html);
    auto cut = dir.path() / "cut.html.gz";
    auto bomb = dir.path() / "bomb.html.gz";
    test::write_file(cut, packed.substr(0, packed.size() / 2));
    test::write_file(bomb, test::gzip(std::string(64u << 20, ' ')));
    auto r = run({thinkdex(), "extract", cut.string(), bomb.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("cut.html.gz': not an HTML page: truncated gzip data"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("bomb.html.gz': not an HTML page: gzip data inflates to more than"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(Cli, ExtractMissingFileIsAnError) {
    auto r = run({thinkdex(), "extract", "/nonexistent/page.html"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("/nonexistent/page.html"), std::string::npos) << r.err;
}

// A broken PDF or an image among HTML files: named with its reason on stderr, the good files
// still printed in order, and a non-zero exit.
TEST(Cli, ExtractRefusesNonHtmlFilesAndGoesOn) {
    TempDir dir;
    auto pdf = dir.path() / "paper.pdf";
    auto png = dir.path() / "chart.html";  // a misnamed image
    test::write_file(pdf, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    test::write_file(png, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
    auto seed = test::data("seed/sino-russian-relations-in-central-asia.html");
    auto r = run({thinkdex(), "extract", pdf.string(), seed.string(), png.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("paper.pdf': broken PDF ("), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("chart.html': not an HTML page: PNG image"), std::string::npos) << r.err;
    ASSERT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    expect_seed_fields(nlohmann::json::parse(r.out));
}

// PDFs made by the build from tests/data/pdf: a report printed with its type and page count,
// the encrypted and truncated ones named with their reason, and exit 1.
TEST(Cli, ExtractReadsPdfsAndRefusesBadOnes) {
    const std::filesystem::path dir = THINKDEX_TEST_PDF_DIR;
    auto r = run({thinkdex(), "extract", (dir / "report.pdf").string(),
                  (dir / "encrypted.pdf").string(), (dir / "truncated.pdf").string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("encrypted.pdf': encrypted PDF (needs a password)"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("truncated.pdf': broken PDF ("), std::string::npos) << r.err;
    ASSERT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["id"], "report");
    EXPECT_EQ(j["type"], "pdf");
    EXPECT_EQ(j["pages"], 3);
    EXPECT_EQ(j["title"], "Grain Reserves and Famine Prevention in the Sahel");
}

TEST(Cli, JsonlImportThenSearch) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl,
                     R"({"id":"d1","title":"Glacier retreat in the Pamirs","text":"Meltwater feeds the rivers.","authors":["Ada Lovelace"],"published":"2023-04-01"})"
                     "\n"
                     R"({"id":"d2","title":"Grain corridors","text":"Shipping through the Black Sea.","published":"2024-02-02"})"
                     "\n");
    auto db = (dir.path() / "db").string();
    auto imported = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.out.find("2 added"), std::string::npos) << imported.out;

    auto found = run({thinkdex(), "search", "--db", db, "--json", "glacier"});
    ASSERT_EQ(found.exit_code, 0) << found.err;
    auto j = nlohmann::json::parse(found.out);
    ASSERT_EQ(j["results"].size(), 1u);
    EXPECT_EQ(j["results"][0]["id"], "d1");
    EXPECT_EQ(j["results"][0]["authors"][0], "Ada Lovelace");

    // Importing again replaces, never duplicates.
    auto again = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db});
    EXPECT_NE(again.out.find("2 updated"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("2 documents"), std::string::npos) << again.out;
}

TEST(Cli, MalformedJsonlLineNamesItAndImportsNothing) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl, "{\"id\":\"ok\",\"title\":\"fine\",\"text\":\"x\"}\n{\"id\": oops}\n");
    auto db = dir.path() / "db";
    auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("docs.jsonl:2"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(Cli, JsonlWithABadDateOrIdNamesTheLineAndImportsNothing) {
    TempDir dir;
    const std::string good = "{\"id\":\"ok\",\"title\":\"fine\",\"text\":\"x\"}\n";
    const std::pair<std::string, std::string> cases[] = {
        {"{\"id\":\"d\",\"published\":\"2024-13-01\"}", "\"published\" must be a date"},
        {"{\"id\":\"d\",\"published\":\"yesterday\"}", "\"published\" must be a date"},
        {"{\"id\":\"d\",\"published\":\"2024-02-30\"}", "\"published\" must be a date"},
        {"{\"id\":null,\"title\":\"t\"}", "\"id\" must be a string or a whole number"},
        {"{\"id\":{\"a\":1},\"title\":\"t\"}", "\"id\" must be a string or a whole number"},
        {"{\"id\":\"\",\"title\":\"t\"}", "\"id\" is empty"},
    };
    for (const auto& [line, why] : cases) {
        auto jsonl = dir.path() / "docs.jsonl";
        test::write_file(jsonl, good + good + line + "\n");
        auto db = dir.path() / "db";
        auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db.string()});
        EXPECT_EQ(r.exit_code, 1) << line;
        EXPECT_NE(r.err.find("docs.jsonl:3: " + why), std::string::npos) << r.err;
        EXPECT_FALSE(std::filesystem::exists(db)) << line;
    }
    // A time after a real date is fine, as is a numeric id.
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl, "{\"id\":7,\"published\":\"2024-02-29T10:00:00Z\",\"text\":\"x\"}\n");
    auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db",
                  (dir.path() / "db").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(Cli, BatchSearchWritesATrecRun) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl,
                     "{\"id\":\"a\",\"title\":\"Wind power\",\"text\":\"turbines and wind\"}\n"
                     "{\"id\":\"b\",\"title\":\"Solar power\",\"text\":\"panels and sun\"}\n"
                     "{\"id\":\"c\",\"title\":\"Grid\",\"text\":\"wind and solar on the grid\"}\n");
    auto db = (dir.path() / "db").string();
    ASSERT_EQ(run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db}).exit_code, 0);
    auto queries = dir.path() / "queries.jsonl";
    test::write_file(queries, "{\"id\":\"q1\",\"text\":\"wind\"}\n{\"id\":7,\"text\":\"sun\"}\n");
    auto out = dir.path() / "run.trec";
    auto r = run({thinkdex(), "search", "--db", db, "--batch", queries.string(), "--run",
                  out.string(), "--limit", "1000"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::istringstream lines(test::read_file(out));
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::vector<std::string> row;
        for (std::string f; fields >> f;) row.push_back(f);
        ASSERT_EQ(row.size(), 6u) << line;
        rows.push_back(row);
    }
    ASSERT_EQ(rows.size(), 3u);  // q1 matches a and c; 7 matches b
    EXPECT_EQ(rows[0][0], "q1");
    EXPECT_EQ(rows[0][2], "a");  // title match ranks first
    EXPECT_EQ(rows[0][3], "1");
    EXPECT_GT(std::stod(rows[0][4]), std::stod(rows[1][4]));
    EXPECT_EQ(rows[2][0], "7");
    EXPECT_EQ(rows[2][2], "b");
}

TEST(Cli, BadDateIsAClearError) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl, "{\"id\":\"a\",\"title\":\"t\",\"text\":\"words\"}\n");
    auto db = (dir.path() / "db").string();
    ASSERT_EQ(run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db}).exit_code, 0);
    auto r = run({thinkdex(), "search", "--db", db, "--since", "2024-13-45", "words"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("2024-13-45"), std::string::npos) << r.err;
}

/// Three JSON-lines publications on two sites, in two languages, for the search flag tests.
std::string facet_index(const TempDir& dir) {
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(
        jsonl,
        R"({"id":"d1","url":"https://www.rusi.org/a","site":"RUSI","language":"en","tags":["SCO","Russia"],"title":"Summit notes","text":"The Shanghai Cooperation Organisation summit met in Astana.","published":"2024-07-04"})"
        "\n"
        R"({"id":"d2","url":"https://www.ifri.org/b","site":"IFRI","language":"fr","tags":["Russia"],"title":"Sommet","text":"Le sommet de la SCO et la Russie.","published":"2024-07-05"})"
        "\n"
        R"({"id":"d3","url":"https://rusi.org/c","site":"RUSI","language":"en","tags":["China"],"title":"Trade","text":"China trade after the summit.","published":"2020-01-01"})"
        "\n");
    auto db = (dir.path() / "db").string();
    auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return db;
}

std::set<std::string> result_ids(const test::RunResult& r) {
    std::set<std::string> out;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    if (j.is_discarded()) {
        ADD_FAILURE() << "not JSON: " << r.out << r.err;
        return out;
    }
    for (const auto& hit : j["results"]) out.insert(hit["id"].get<std::string>());
    return out;
}

TEST(CliSearch, FacetFlagsFilterAndCombine) {
    TempDir dir;
    const std::string db = facet_index(dir);
    auto search = [&](std::vector<std::string> args) {
        std::vector<std::string> argv = {thinkdex(), "search", "--db", db, "--json"};
        argv.insert(argv.end(), args.begin(), args.end());
        auto r = run(argv);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return result_ids(r);
    };
    using Ids = std::set<std::string>;
    EXPECT_EQ(search({"--site", "rusi.org", "summit"}), (Ids{"d1", "d3"}));
    EXPECT_EQ(search({"--site", "www.rusi.org", "--tag", "sco", "summit"}), Ids{"d1"});
    EXPECT_EQ(search({"--lang", "fr", "summit OR sommet"}), Ids{"d2"});
    EXPECT_EQ(search({"--type", "jsonl", "--tag", "Russia", "--tag", "China"}),
              (Ids{"d1", "d2", "d3"}));
    EXPECT_EQ(search({"--type", "html"}), Ids{});
    EXPECT_EQ(search({"--site", "ifri.org", "--site", "rusi.org", "--lang", "en"}),
              (Ids{"d1", "d3"}));
    auto sorted = run({thinkdex(), "search", "--db", db, "--sort", "recent", "--json", "summit"});
    ASSERT_EQ(sorted.exit_code, 0) << sorted.err;
    auto j = nlohmann::json::parse(sorted.out);
    for (const char* key : {"total", "total_exact", "elapsed_ms", "offset", "limit", "returned",
                            "next_offset", "results", "facets"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["facets"]["site"][0]["value"], "rusi.org");
    EXPECT_EQ(j["facets"]["site"][0]["label"], "RUSI");
    EXPECT_EQ(j["facets"]["site"][0]["count"], 2);
    EXPECT_EQ(run({thinkdex(), "search", "--db", db, "--sort", "sideways", "x"}).exit_code, 2);
}

// Issue 12: `--author "Natasha Kuhrt" russia` took "russia" as a second author.
TEST(CliSearch, FiltersNeverSwallowTheQuery) {
    TempDir dir;
    const std::string db = facet_index(dir);
    for (std::vector<std::string> filter :
         {std::vector<std::string>{"--site", "rusi.org"}, {"--lang", "en"}, {"--year", "2024"},
          {"--tag", "SCO"}, {"--type", "jsonl"}, {"--author", "Nobody"}}) {
        std::vector<std::string> argv = {thinkdex(), "search", "--db", db, "--json"};
        argv.insert(argv.end(), filter.begin(), filter.end());
        argv.push_back("summit");
        auto r = run(argv);
        ASSERT_EQ(r.exit_code, 0) << filter[0] << r.err;
        auto j = nlohmann::json::parse(r.out);
        EXPECT_EQ(j["query"], "summit") << filter[0];
    }
    auto ids = result_ids(run({thinkdex(), "search", "--db", db, "--json", "--tag", "Russia",
                               "--year", "2024", "summit"}));
    EXPECT_EQ(ids, std::set<std::string>{"d1"});  // d2 has the tag and year, not the word
    // Repeating a flag still gives several values.
    ids = result_ids(run({thinkdex(), "search", "--db", db, "--json", "--year", "2020", "--year",
                          "2024", "summit"}));
    EXPECT_EQ(ids, (std::set<std::string>{"d1", "d3"}));
}

// Issue 12: these silently gave 0 results, with exit code 0.
TEST(CliSearch, BadFilterValuesExitTwoNamingTheValue) {
    TempDir dir;
    const std::string db = facet_index(dir);
    for (std::vector<std::string> bad :
         {std::vector<std::string>{"--year", "trade"}, {"--lang", "english"}, {"--type", "docx"},
          {"--kind", "blog"}, {"--since", "2024-13-45"}, {"--until", "yesterday"},
          {"--site", "https://rusi.org/"}, {"--author", " "}, {"--page", "0"}, {"--page", "1001"},
          {"--limit", "5000"}, {"--limit", "ten"}}) {
        std::vector<std::string> argv = {thinkdex(), "search", "--db", db};
        argv.insert(argv.end(), bad.begin(), bad.end());
        argv.push_back("summit");
        auto r = run(argv);
        EXPECT_EQ(r.exit_code, 2) << bad[0];
        EXPECT_NE(r.err.find("'" + bad[1] + "'"), std::string::npos) << bad[0] << ": " << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
    // Every bad value at once, and before looking for the index.
    auto r = run({thinkdex(), "search", "--db", (dir.path() / "none").string(), "--year", "trade",
                  "--lang", "english", "x"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("bad year 'trade'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("bad language 'english'"), std::string::npos) << r.err;
    // Codes in any case, and the documented types, are fine.
    EXPECT_EQ(run({thinkdex(), "search", "--db", db, "--lang", "EN", "--type", "html", "x"})
                  .exit_code,
              0);
}

TEST(CliSearch, KindFlagTakesOneValueAndPublicationsComeFirst) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    // The listing matches "russia" best; without "kind" a record is an article.
    test::write_file(
        jsonl,
        R"({"id":"list","kind":"listing","title":"Russia","text":"Russia russia russia: all our Russia work."})"
        "\n"
        R"({"id":"bio","kind":"page","title":"Our Russia expert","text":"She writes on Russia."})"
        "\n"
        R"({"id":"brief","title":"Grain corridors","text":"Ships carry grain past Russia's fleet in the Black Sea."})"
        "\n");
    auto db = (dir.path() / "db").string();
    ASSERT_EQ(run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db}).exit_code, 0);
    auto search = [&](std::vector<std::string> args) {
        std::vector<std::string> argv = {thinkdex(), "search", "--db", db, "--json"};
        argv.insert(argv.end(), args.begin(), args.end());
        auto r = run(argv);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return nlohmann::json::parse(r.out, nullptr, false);
    };
    using Ids = std::set<std::string>;
    auto all = search({"russia"});
    ASSERT_EQ(all["results"].size(), 3u);
    EXPECT_EQ(all["results"][0]["id"], "brief");
    EXPECT_EQ(all["results"][0]["kind"], "article");
    // "--kind listing russia": one value, and "russia" stays the query (issue 12).
    auto listing = search({"--kind", "listing", "russia"});
    EXPECT_EQ(listing["query"], "russia");
    EXPECT_EQ(result_ids(run({thinkdex(), "search", "--db", db, "--json", "--kind", "listing",
                              "russia"})),
              Ids{"list"});
    EXPECT_EQ(listing["facets"]["kind"][0]["value"], "listing");
    EXPECT_EQ(result_ids(run({thinkdex(), "search", "--db", db, "--json", "--kind", "page",
                              "expert"})),
              Ids{"bio"});
    auto bad = run({thinkdex(), "search", "--db", db, "--kind", "blog", "russia"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("blog"), std::string::npos) << bad.err;
}

TEST(Cli, JsonlKindIsValidated) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl, R"({"id":"a","title":"t","text":"x","kind":"article"})"
                            "\n"
                            R"({"id":"b","title":"t","text":"x","kind":"blog"})"
                            "\n");
    auto db = dir.path() / "db";
    auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("docs.jsonl:2"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("\"kind\" must be"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(CliSearch, ColourOnlyWhenAskedOrOnATerminal) {
    TempDir dir;
    const std::string db = facet_index(dir);
    const std::string kMatch = "\033[1;31m";
    auto piped = run({thinkdex(), "search", "--db", db, "summit"}, {{"NO_COLOR", ""}});
    ASSERT_EQ(piped.exit_code, 0) << piped.err;
    EXPECT_EQ(piped.out.find('\033'), std::string::npos) << piped.out;
    EXPECT_NE(piped.out.find("**summit**"), std::string::npos) << piped.out;
    auto always = run({thinkdex(), "search", "--db", db, "--color", "always", "summit"},
                      {{"NO_COLOR", "1"}});
    EXPECT_NE(always.out.find(kMatch + "summit\033[0m"), std::string::npos) << always.out;
    EXPECT_NE(always.out.find("\033[1;36mSummit notes\033[0m"), std::string::npos);
    auto never = run({thinkdex(), "search", "--db", db, "--color", "never", "summit"});
    EXPECT_EQ(never.out.find('\033'), std::string::npos);
    EXPECT_EQ(run({thinkdex(), "search", "--db", db, "--color", "rainbow", "x"}).exit_code, 2);

    // On a terminal (script(1) gives the program a pty): colour, unless NO_COLOR is set.
    if (!std::filesystem::exists("/usr/bin/script")) GTEST_SKIP() << "no script(1)";
    const std::string command = thinkdex() + " search --db " + db + " summit";
    auto tty = run({"/usr/bin/script", "-qec", command, "/dev/null"}, {{"NO_COLOR", ""}});
    EXPECT_NE(tty.out.find(kMatch + "summit"), std::string::npos) << tty.out;
    auto no_color = run({"/usr/bin/script", "-qec", command, "/dev/null"}, {{"NO_COLOR", "1"}});
    EXPECT_EQ(no_color.out.find(kMatch), std::string::npos) << no_color.out;
    EXPECT_NE(no_color.out.find("**summit**"), std::string::npos) << no_color.out;
}

TEST(CliSearch, SynonymsFromTheConfig) {
    TempDir dir;
    const std::string db = facet_index(dir);
    auto config = dir.path() / "thinkdex.toml";
    test::write_file(config, "[search]\nrecency_half_life_days = 30\n[search.synonyms]\n"
                             "\"SCO\" = [\"Shanghai Cooperation Organisation\"]\n");
    auto search = [&](const std::string& q) {
        auto r = run({thinkdex(), "search", "--config", config.string(), "--db", db, "--json", q});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return result_ids(r);
    };
    EXPECT_EQ(search("SCO"), (std::set<std::string>{"d1", "d2"}));
    EXPECT_EQ(search("Shanghai Cooperation Organisation"), (std::set<std::string>{"d1", "d2"}));
    EXPECT_EQ(search("\"Shanghai Cooperation Organisation\""), std::set<std::string>{"d1"});
    test::write_file(config, "[search.synonyms]\nSCO = \"Shanghai\"\n");
    auto bad = run({thinkdex(), "search", "--config", config.string(), "--db", db, "SCO"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("search.synonyms.SCO"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace thinkdex
