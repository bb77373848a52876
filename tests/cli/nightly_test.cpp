// scripts/nightly.sh over three simulated nights against a copy of the sample site served on
// 127.0.0.1 (issue 6, item 8): a first crawl; a night with pages changed, added and removed;
// a night with nothing changed; and two runs started at once. Also compaction (item 6): it
// keeps every document and result, and searches keep answering while it runs.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_server.hpp"
#include "test_util.hpp"
#include "thinkdex/indexer/index_writer.hpp"

namespace thinkdex {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// Whether `log` has a line "YYYY-MM-DD HH:MM:SS LEVEL nightly ...", the programs' own format.
bool has_log_line(const std::string& log, const std::string& level) {
    const std::string tail = " " + level + " nightly ";
    for (std::size_t at = log.find(tail); at != std::string::npos; at = log.find(tail, at + 1)) {
        const std::size_t newline = log.rfind('\n', at);
        const std::size_t start = newline == std::string::npos ? 0 : newline + 1;
        const std::string stamp = log.substr(start, at - start);  // "2025-09-02 02:30:07"
        if (stamp.size() == 19 && stamp[4] == '-' && stamp[10] == ' ' && stamp[13] == ':')
            return true;
    }
    return false;
}

class NightlyTest : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::copy(test::data("site"), site(), fs::copy_options::recursive);
        server_ = std::make_unique<test::HttpServer>(site());
        server_->add_root(test::sample_site_pdfs());
        server_->start();
        write_config(0);
    }

    fs::path site() const { return dir_.path() / "site"; }
    fs::path config() const { return dir_.path() / "thinkdex.toml"; }
    fs::path log_file() const { return dir_.path() / "logs" / "thinkdex.log"; }

    void write_config(int delay_ms) {
        test::write_file(config(), "data_dir = \"" + (dir_.path() / "data").string() +
                                       "\"\n[crawl]\ndelay_ms = " + std::to_string(delay_ms) +
                                       "\n[[crawl.sources]]\nseed = \"" + server_->base_url() +
                                       "/\"\n[log]\nlevel = \"warn\"\nfile = \"" +
                                       log_file().string() + "\"\n");
    }

    test::RunResult nightly() const {
        return test::run({test::data("../../scripts/nightly.sh").string(), config().string()},
                         {{"THINKDEX_BIN", test::bin("thinkdex").string()},
                          {"THINKDEX_LOCK", (dir_.path() / "nightly.lock").string()}});
    }

    /// URLs of every indexed document matching `query` ("" = all).
    std::vector<std::string> search(const std::string& query) const {
        std::vector<std::string> args = {test::bin("thinkdex").string(), "search", "--config",
                                         config().string(), "--json", "--limit", "1000"};
        if (!query.empty()) args.push_back(query);
        auto r = test::run(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        std::vector<std::string> urls;
        const json doc = json::parse(r.out);
        for (const auto& hit : doc["results"]) urls.push_back(hit["url"]);
        return urls;
    }

    std::string url(const std::string& path) const { return server_->base_url() + path; }

    void edit(const std::string& path, const std::string& from, const std::string& to) {
        const fs::path file = site() / (path.starts_with("/") ? path.substr(1) : path);
        std::string text = test::read_file(file);
        auto at = text.find(from);
        ASSERT_NE(at, std::string::npos) << path << ": " << from;
        text.replace(at, from.size(), to);
        test::write_file(file, text);
    }

    test::TempDir dir_;
    std::unique_ptr<test::HttpServer> server_;
};

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

TEST_F(NightlyTest, ThreeNights) {
    const std::string minerals = "/publications/critical-minerals-central-asia.html";
    const std::string ferghana = "/publications/ferghana-valley-border-disputes.html";
    const std::string added = "/publications/caspian-sturgeon-caviar-trade.html";

    // Night 1: the first crawl indexes the site.
    auto night1 = nightly();
    ASSERT_EQ(night1.exit_code, 0) << night1.out << night1.err;
    EXPECT_NE(night1.out.find("0 changed, 0 gone, 0 failed"), std::string::npos) << night1.out;
    EXPECT_NE(night1.out.find("All well."), std::string::npos) << night1.out;
    EXPECT_NE(night1.out.find(" 0 removed"), std::string::npos) << night1.out;
    // A new index counts every page as a change since its (never done) compaction.
    EXPECT_NE(night1.out.find(" documents; compacted: "), std::string::npos) << night1.out;
    auto all1 = search("");
    EXPECT_TRUE(contains(all1, url(ferghana))) << json(all1).dump() << night1.out;
    EXPECT_TRUE(search("zirconium").empty());
    // The summary also goes to the log named in the config, in the programs' own line format.
    const std::string log = test::read_file(log_file());
    EXPECT_TRUE(has_log_line(log, "info")) << log;

    // Night 2: one page changed, one added (linked from the home page, which so changes too)
    // and one removed.
    edit(minerals, "<p>Kazakhstan produces", "<p>Zirconium sands are the newest find. Kazakhstan produces");
    test::write_file(site() / added.substr(1),
                     "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<title>Caspian Sturgeon and the Caviar Trade</title></head><body><main>"
                     "<article><h1>Caspian Sturgeon and the Caviar Trade</h1><p>Beluga sturgeon "
                     "stocks in the Caspian have collapsed; poaching for caviar continues "
                     "despite quotas agreed by the littoral states.</p></article></main>"
                     "</body></html>\n");
    edit("index.html", "</main>",
         "<p><a href=\"" + added + "\">Caspian Sturgeon and the Caviar Trade</a></p></main>");
    fs::remove(site() / ferghana.substr(1));

    auto night2 = nightly();
    ASSERT_EQ(night2.exit_code, 0) << night2.out << night2.err;
    EXPECT_NE(night2.out.find(": 1 new, 2 changed, 1 gone, 0 failed"), std::string::npos)
        << night2.out;
    EXPECT_NE(night2.out.find("index: 1 added, "), std::string::npos) << night2.out;
    EXPECT_NE(night2.out.find(" 1 removed"), std::string::npos) << night2.out;
    // 4 changes (1 new, 2 changed, 1 gone) of about 20 documents: over the 10% threshold.
    EXPECT_NE(night2.out.find(" compacted: "), std::string::npos) << night2.out;
    EXPECT_EQ(search("zirconium"), std::vector<std::string>{url(minerals)});
    auto sturgeon = search("sturgeon caviar");
    ASSERT_FALSE(sturgeon.empty()) << night2.out;
    EXPECT_EQ(sturgeon.front(), url(added));
    auto all2 = search("");
    EXPECT_FALSE(contains(all2, url(ferghana)));
    EXPECT_EQ(all2.size(), all1.size()) << "one added, one removed";  // same count overall

    // Night 3: nothing changed, so nothing is downloaded again and nothing reindexed.
    const std::size_t before = server_->responses().size();
    auto night3 = nightly();
    ASSERT_EQ(night3.exit_code, 0) << night3.out << night3.err;
    EXPECT_NE(night3.out.find(": 0 new, 0 changed, 0 gone, 0 failed"), std::string::npos)
        << night3.out;
    EXPECT_NE(night3.out.find("index: 0 added, 0 updated, 0 removed"), std::string::npos)
        << night3.out;
    EXPECT_NE(night3.out.find("compaction skipped (0 changes since the last compaction: 0% of "),
              std::string::npos)
        << night3.out;
    auto responses = server_->responses();
    ASSERT_GT(responses.size(), before);
    std::size_t not_modified = 0;
    for (std::size_t i = before; i < responses.size(); ++i) {
        const std::string& r = responses[i];
        // Only 304s, plus robots.txt, the sitemap and the 404 of the page that is gone.
        bool ok = r.starts_with("304 ") || r.ends_with(" /robots.txt") ||
                  r.ends_with(" /sitemap.xml") || r == "404 " + ferghana;
        EXPECT_TRUE(ok) << r;
        not_modified += r.starts_with("304 ");
    }
    EXPECT_GE(not_modified, 20u);
    EXPECT_EQ(search(""), all2);
}

TEST_F(NightlyTest, ASecondRunWhileOneIsGoingExitsCleanly) {
    // Slow enough (100 ms between requests, about 30 requests) to still hold the lock when
    // the second run starts.
    write_config(100);
    test::RunResult first;
    std::thread runner([&] { first = nightly(); });
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (server_->requests().empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    auto second = nightly();
    runner.join();
    EXPECT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("nightly: another run holds the lock"), std::string::npos)
        << second.out;
    EXPECT_EQ(second.out.find("new,"), std::string::npos) << second.out;
    EXPECT_EQ(first.exit_code, 0) << first.out << first.err;
    EXPECT_NE(first.out.find("All well."), std::string::npos) << first.out;
}

// Issue 14, defect 4: the lock was per config file, so two configs naming one data dir ran
// together. It is per data dir now.
TEST_F(NightlyTest, TwoConfigsOnOneDataDirDoNotRunTogether) {
    write_config(100);
    const fs::path other = dir_.path() / "other.toml";
    fs::copy_file(config(), other);
    auto run_with = [&](const fs::path& file) {
        return test::run({test::data("../../scripts/nightly.sh").string(), file.string()},
                         {{"THINKDEX_BIN", test::bin("thinkdex").string()}, {"THINKDEX_LOCK", ""}});
    };
    test::RunResult first;
    std::thread runner([&] { first = run_with(config()); });
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (server_->requests().empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    auto second = run_with(other);
    runner.join();
    EXPECT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("nightly: another run holds the lock " +
                              (dir_.path() / "data" / "nightly.lock").string()),
              std::string::npos)
        << second.out;
    EXPECT_EQ(first.exit_code, 0) << first.out << first.err;
    EXPECT_NE(first.out.find("All well."), std::string::npos) << first.out;
}

TEST_F(NightlyTest, ASiteThatIsDownNeedsAPerson) {
    server_->stop();
    auto r = nightly();
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("NEEDS ATTENTION"), std::string::npos) << r.out;
    EXPECT_TRUE(has_log_line(test::read_file(log_file()), "error"));
}

TEST_F(NightlyTest, ABadConfigIsAUsageError) {
    test::write_file(config(), "data_dir = [unclosed\n");
    auto r = nightly();
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    // Named once, with the file, and nothing is crawled or indexed.
    const auto first = r.err.find(config().string());
    ASSERT_NE(first, std::string::npos) << r.err;
    EXPECT_EQ(r.err.find(config().string(), first + 1), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("nightly "), std::string::npos) << r.out;
}


// ---- compaction ----

class CompactTest : public ::testing::Test {
  protected:
    void SetUp() override {
        // Enough documents for compaction to take a moment, with words to search for.
        std::string lines;
        for (int i = 0; i < 2000; ++i) {
            json doc = {{"id", "doc-" + std::to_string(i)},
                        {"title",
                         "Report " + std::to_string(i) + (i % 7 ? " on water" : " on oil")},
                        {"text", "Sanctions and trade " + std::to_string(i % 13) +
                                     " in the Caspian region; pipeline number " +
                                     std::to_string(i) + (i % 3 ? " gas" : " grain")},
                        {"published", "20" + std::to_string(10 + i % 15) + "-01-15"}};
            lines += doc.dump() + "\n";
        }
        test::write_file(dir_.path() / "docs.jsonl", lines);
        auto r = test::run({test::bin("thinkdex").string(), "index", "--jsonl",
                            (dir_.path() / "docs.jsonl").string(), "--db", index().string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    fs::path index() const { return dir_.path() / "index"; }

    /// The CGI's JSON answer for `query`: ids in rank order and the total.
    std::pair<std::vector<std::string>, std::size_t> cgi_search(const std::string& query) const {
        auto r = test::run({test::bin("thinkdex.cgi").string()},
                           {{"QUERY_STRING", query + "&format=json"},
                            {"REQUEST_METHOD", "GET"},
                            {"THINKDEX_INDEX", index().string()},
                            {"THINKDEX_CONFIG", ""},
                            {"THINKDEX_DATA_DIR", ""}});
        EXPECT_NE(r.out.find("Status: 200 OK"), std::string::npos) << r.out << r.err;
        auto body = r.out.find("\r\n\r\n");
        if (body == std::string::npos) return {};
        const json doc = json::parse(r.out.substr(body + 4), nullptr, false);
        if (doc.is_discarded()) return {};
        std::vector<std::string> ids;
        for (const auto& hit : doc["results"]) ids.push_back(hit["id"]);
        return {ids, doc["total"].get<std::size_t>()};
    }

    test::TempDir dir_;
};

const std::vector<std::string> kQueries = {"q=water", "q=oil+pipeline", "q=%22trade+7%22",
                                           "q=caspian&sort=newest&page=3", "since=2020"};

TEST_F(CompactTest, KeepsEveryDocumentAndSearchResult) {
    std::vector<std::pair<std::vector<std::string>, std::size_t>> before;
    for (const auto& q : kQueries) before.push_back(cgi_search(q));
    const auto bytes = [&] {
        std::uintmax_t total = 0;
        for (const auto& e : fs::directory_iterator(index())) total += e.file_size();
        return total;
    };
    const std::uintmax_t size_before = bytes();

    // An imported index has no record of changes: --auto leaves it alone.
    auto skipped = test::run({test::bin("thinkdex").string(), "compact", "--auto", "--db",
                              index().string()});
    EXPECT_EQ(skipped.exit_code, 0) << skipped.err;
    EXPECT_NE(skipped.out.find("compact skipped: no record of changes"), std::string::npos)
        << skipped.out;

    auto r = test::run({test::bin("thinkdex").string(), "compact", "--db", index().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("compact finished: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(", 2000 documents, "), std::string::npos) << r.out;
    EXPECT_LT(bytes(), size_before);
    EXPECT_FALSE(fs::exists(dir_.path() / "index.compacting"));
    for (std::size_t i = 0; i < kQueries.size(); ++i) {
        auto after = cgi_search(kQueries[i]);
        EXPECT_EQ(after.second, before[i].second) << kQueries[i];
        EXPECT_EQ(after.first, before[i].first) << kQueries[i];
        EXPECT_FALSE(after.first.empty()) << kQueries[i];
    }
    auto all = cgi_search("since=2000");
    EXPECT_EQ(all.second, 2000u);
}

TEST_F(CompactTest, SearchesKeepAnsweringWhileItRuns) {
    const auto expected = cgi_search("q=water+gas");
    ASSERT_FALSE(expected.first.empty());
    // `thinkdex compact` over and over (as the nightly runs it: its own process), so that every
    // search below overlaps a compaction or a swap.
    std::atomic<bool> stop = false;
    std::atomic<int> compactions = 0;
    std::string failure;
    std::thread compactor([&] {
        while (!stop && failure.empty()) {
            auto r = test::run({test::bin("thinkdex").string(), "compact", "-q", "--db",
                                index().string()});
            if (r.exit_code != 0) failure = r.err;
            ++compactions;
        }
    });
    while (compactions == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    for (int i = 0; i < 15 && failure.empty(); ++i) {
        auto got = cgi_search("q=water+gas");
        EXPECT_EQ(got.second, expected.second) << "search " << i;
        EXPECT_EQ(got.first, expected.first) << "search " << i;
    }
    stop = true;
    compactor.join();
    EXPECT_EQ(failure, "");
    EXPECT_GE(compactions.load(), 2);
    EXPECT_FALSE(fs::exists(dir_.path() / "index.compacting"));

    // `index --compact` imports, then compacts whatever changed.
    auto r = test::run({test::bin("thinkdex").string(), "index", "-q", "--jsonl",
                        (dir_.path() / "docs.jsonl").string(), "--db", index().string(),
                        "--compact"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("compact finished: "), std::string::npos) << r.out;
    EXPECT_EQ(cgi_search("q=water+gas"), expected);
}

TEST_F(CompactTest, AnIndexBeingWrittenIsLeftAlone) {
    // A compaction while an indexer holds the write lock would lose the indexer's commits:
    // it must refuse, saying why, and leave the index as it was.
    auto r = test::run({test::bin("thinkdex").string(), "compact", "--db",
                        (dir_.path() / "missing").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no index there"), std::string::npos) << r.err;
    {
        indexer::IndexWriter writer(index(), "english");  // holds the write lock
        writer.remove("doc-1");
        auto compact = test::run({test::bin("thinkdex").string(), "compact", "--db",
                                  index().string()});
        EXPECT_EQ(compact.exit_code, 1);
        EXPECT_NE(compact.err.find("another process is writing to it (an index run?)"),
                  std::string::npos)
            << compact.err;
        EXPECT_FALSE(fs::exists(dir_.path() / "index.compacting"));
        writer.commit();
    }
    // The writer's commit is in the index, which still answers.
    EXPECT_EQ(cgi_search("since=2000").second, 1999u);
}

}  // namespace
}  // namespace thinkdex
