// scripts/nightly.sh over three simulated nights against a copy of the sample site served on
// 127.0.0.1 (issue 6, item 8): a first crawl; a night with pages changed, added and removed;
// a night with nothing changed; and two runs started at once.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_server.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class NightlyTest : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::copy(test::data("site"), site(), fs::copy_options::recursive);
        server_ = std::make_unique<test::HttpServer>(site());
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
    auto all1 = search("");
    EXPECT_TRUE(contains(all1, url(ferghana))) << json(all1).dump() << night1.out;
    EXPECT_TRUE(search("zirconium").empty());
    // The summary also goes to the log named in the config.
    EXPECT_NE(test::read_file(log_file()).find("[nightly] [info] nightly "), std::string::npos);

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

TEST_F(NightlyTest, ASiteThatIsDownNeedsAPerson) {
    server_->stop();
    auto r = nightly();
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("NEEDS ATTENTION"), std::string::npos) << r.out;
    EXPECT_NE(test::read_file(log_file()).find("[nightly] [error]"), std::string::npos);
}

TEST_F(NightlyTest, ABadConfigIsAUsageError) {
    test::write_file(config(), "data_dir = [unclosed\n");
    auto r = nightly();
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.out.find("NEEDS ATTENTION"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace thinkdex
