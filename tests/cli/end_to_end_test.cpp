// The whole mission on the bundled sample site: serve it on 127.0.0.1, crawl, index, search,
// then crawl and index again and check that nothing changes.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http_server.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

using nlohmann::json;
using test::run;
using test::RunResult;

class EndToEnd : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        server_ = new test::HttpServer(test::data("site"));
        server_->add_root(test::sample_site_pdfs());
        server_->start();
        test::write_file(config(), "data_dir = \"" + (dir_->path() / "data").string() +
                                       "\"\n[crawl]\ndelay_ms = 0\n[[crawl.sources]]\nseed = \"" +
                                       server_->base_url() + "/\"\n");
        crawl_ = new RunResult(thinkdex({"crawl"}));
        index_ = new RunResult(thinkdex({"index"}));
    }
    static void TearDownTestSuite() {
        delete crawl_;
        delete index_;
        delete server_;
        delete dir_;
    }

    static std::string config() { return (dir_->path() / "thinkdex.toml").string(); }

    static RunResult thinkdex(std::vector<std::string> args) {
        args.insert(args.begin(), test::bin("thinkdex").string());
        args.insert(args.begin() + 2, {"--config", config()});
        return run(args);
    }

    static json search(std::vector<std::string> args) {
        args.insert(args.begin(), {"search", "--json", "--limit", "100"});
        auto r = thinkdex(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return json::parse(r.out);
    }

    static std::vector<std::string> titles(const json& result) {
        std::vector<std::string> out;
        for (const auto& hit : result["results"]) out.push_back(hit["title"]);
        return out;
    }

    static inline test::TempDir* dir_ = nullptr;
    static inline test::HttpServer* server_ = nullptr;
    static inline RunResult* crawl_ = nullptr;
    static inline RunResult* index_ = nullptr;
};

TEST_F(EndToEnd, CrawlAndIndexSucceed) {
    EXPECT_EQ(crawl_->exit_code, 0) << crawl_->err;
    EXPECT_NE(crawl_->out.find("crawl finished"), std::string::npos) << crawl_->out;
    EXPECT_EQ(index_->exit_code, 0) << index_->err;
    EXPECT_NE(index_->out.find("index finished"), std::string::npos) << index_->out;
}

TEST_F(EndToEnd, RobotsTxtIsObeyed) {
    for (const auto& path : server_->requests()) {
        EXPECT_FALSE(path.starts_with("/private/")) << path;
    }
    EXPECT_EQ(server_->requests().front(), "/robots.txt");
}

// The water brief's PDF report (citation_pdf_url) is one publication with it: a word only on
// the PDF's second page finds the brief, with the PDF at that page.
TEST_F(EndToEnd, WordOnlyInThePdfReportFindsItsLandingPage) {
    auto result = search({"saxaul"});
    ASSERT_EQ(result["results"].size(), 1u) << result.dump(2);
    const auto& hit = result["results"][0];
    EXPECT_EQ(hit["title"], "Water Scarcity and the Amu Darya Basin");
    const std::string pdf =
        server_->base_url() + "/publications/water-scarcity-amu-darya-basin.pdf";
    EXPECT_EQ(hit["pdf"], pdf + "#page=2");
    EXPECT_EQ(hit["pdfs"], json::array({pdf}));
    EXPECT_EQ(search({"--type", "pdf", "saxaul"})["results"].size(), 0u);
}

TEST_F(EndToEnd, PhraseQueryRanksSeedBriefFirst) {
    auto result = search({"\"Shanghai Cooperation Organisation\""});
    ASSERT_GE(result["results"].size(), 1u) << result.dump(2);
    const auto& top = result["results"][0];
    EXPECT_EQ(top["title"], "Sino-Russian Relations in Central Asia");
    EXPECT_EQ(top["authors"], json::array({"Natasha Kuhrt"}));
    EXPECT_EQ(top["published"], "2025-08-26");
    EXPECT_NE(top["snippet_html"].get<std::string>().find("<mark>"), std::string::npos);
}

TEST_F(EndToEnd, DistinctiveQueriesRankTheirPageFirst) {
    const std::pair<const char*, const char*> cases[] = {
        {"\"Amu Darya\"", "/publications/water-scarcity-amu-darya-basin.html"},
        {"tungsten rare earths", "/publications/critical-minerals-central-asia.html"},
        {"Rogun hydropower", "/publications/glaciers-hydropower-rogun-kambarata.html"},
        {"\"Caspian Pipeline Consortium\"", "/publications/kazakhstan-oil-export-routes.html"},
    };
    for (const auto& [query, path] : cases) {
        auto result = search({query});
        ASSERT_GE(result["results"].size(), 1u) << query;
        EXPECT_EQ(result["results"][0]["url"], server_->base_url() + path) << query;
    }
}

TEST_F(EndToEnd, PagesDisallowedByRobotsAreNotIndexed) {
    // "tamarisk" appears only in /private/internal-memo.html, which robots.txt disallows.
    EXPECT_EQ(search({"tamarisk"})["total"], 0);
}

TEST_F(EndToEnd, BoilerplateIsNotIndexed) {
    // Words that appear only in share bars, comment footers and the blog sidebar.
    for (const char* query : {"\"Share to Facebook\"", "\"Post a Comment\"", "BlogThis"}) {
        EXPECT_EQ(search({query})["total"], 0) << query;
    }
}

TEST_F(EndToEnd, AuthorFilterNarrowsToHerPublications) {
    auto all = search({});
    auto hers = search({"--author", "Natasha Kuhrt"});
    EXPECT_EQ(hers["total"], 3) << json(titles(hers)).dump();
    EXPECT_LT(hers["total"].get<int>(), all["total"].get<int>());
    for (const auto& hit : hers["results"]) {
        auto authors = hit["authors"].get<std::vector<std::string>>();
        EXPECT_NE(std::find(authors.begin(), authors.end(), "Natasha Kuhrt"), authors.end())
            << hit["title"];
    }
    EXPECT_EQ(search({"--author", "Natasha Kuhrt", "--since", "2024-01-01"})["total"], 2);
    // The facet count for her equals what the filter returns.
    bool found = false;
    for (const auto& value : all["facets"]["author"]) {
        if (value["value"] == "Natasha Kuhrt") {
            EXPECT_EQ(value["count"], hers["total"]);
            found = true;
        }
    }
    EXPECT_TRUE(found) << all["facets"].dump();
}

TEST_F(EndToEnd, DateFiltersNarrowByPublicationDate) {
    auto all = search({});
    auto recent = search({"--since", "2024-01-01"});
    auto old = search({"--until", "2023-12-31"});
    EXPECT_GT(recent["total"].get<int>(), 0);
    EXPECT_GT(old["total"].get<int>(), 0);
    EXPECT_LE(recent["total"].get<int>() + old["total"].get<int>(), all["total"].get<int>());
    for (const auto& hit : recent["results"]) EXPECT_GE(hit["published"].get<std::string>(), "2024-01-01");
    for (const auto& hit : old["results"]) {
        EXPECT_LE(hit["published"].get<std::string>(), "2023-12-31");
        EXPECT_FALSE(hit["published"].get<std::string>().empty());
    }
}

TEST_F(EndToEnd, SecondIndexRunChangesNothing) {
    auto before = search({});
    auto again = thinkdex({"index"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("0 added, 0 updated, 0 unchanged, 0 removed"), std::string::npos)
        << again.out;
    EXPECT_EQ(search({})["total"], before["total"]);
}

TEST_F(EndToEnd, RecrawlOfUnchangedSiteReindexesNothing) {
    auto crawl = thinkdex({"crawl"});
    ASSERT_EQ(crawl.exit_code, 0) << crawl.err;
    EXPECT_NE(crawl.out.find(" 0 new, 0 changed"), std::string::npos) << crawl.out;
    auto index = thinkdex({"index"});
    ASSERT_EQ(index.exit_code, 0) << index.err;
    EXPECT_NE(index.out.find("0 added, 0 updated"), std::string::npos) << index.out;
}

TEST_F(EndToEnd, AnIndexOfAnOlderLayoutIsReportedUntilRebuilt) {
    const std::string index = (dir_->path() / "data" / "index").string();
    // An index built before the layout was recorded: the key is absent (set to "" deletes it).
    ASSERT_EQ(run({"/usr/bin/xapian-metadata", "set", index, "thinkdex:layout", ""}).exit_code, 0);
    auto status = thinkdex({"status"});
    EXPECT_NE(status.out.find("index layout 1 is older than this version's"), std::string::npos)
        << status.out;
    EXPECT_EQ(json::parse(thinkdex({"status", "--json"}).out)["index"]["outdated_layout"], true);
    auto update = thinkdex({"index"});
    ASSERT_EQ(update.exit_code, 0) << update.err;
    EXPECT_NE(update.err.find("run `thinkdex index --rebuild`"), std::string::npos) << update.err;
    auto rebuild = thinkdex({"index", "--rebuild"});
    ASSERT_EQ(rebuild.exit_code, 0) << rebuild.err;
    EXPECT_EQ(rebuild.err.find("older thinkdex"), std::string::npos) << rebuild.err;
    status = thinkdex({"status"});
    EXPECT_EQ(status.out.find("index layout"), std::string::npos) << status.out;
    EXPECT_EQ(json::parse(thinkdex({"status", "--json"}).out)["index"]["outdated_layout"], false);
}

TEST_F(EndToEnd, StatusReportsStoreAndIndex) {
    auto r = thinkdex({"status"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("crawl store: "), std::string::npos);
    EXPECT_EQ(r.out.find("crawl store: none"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(" documents"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace thinkdex
