// Ranking and sort orders on small indexes of their own: stemming, stop words, proximity,
// weighting schemes, page bounds, hyphenated words, undated documents and recency.

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixture_index.hpp"
#include "search_request.hpp"
#include "test_util.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/indexer/index_writer.hpp"
#include "thinkdex/query/engine.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::query {
namespace {

/// A small index for the ranking tests, with `docs` as {id, title, body}.
class RankingTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::vector<std::array<std::string, 3>> docs = {
            {"aspirin", "Pain relief", "aspirins reduce pain after surgery in most patients"},
            // "distant" has the smaller id hash, which ranks first on equal scores.
            {"distant", "Notes", "central europe and china trade routes grow while asia waits"},
            {"near", "Notes", "central asia trade routes grow while europe and china wait"},
            {"stop", "Misc", "the one and only"},
            {"arctic", "Arctic ice", "sea ice in the arctic melts while russia and china watch"},
            {"russia", "Russia", "russia sends ships through the arctic sea each summer"},
        };
        indexer::IndexWriter writer(dir_.path() / "index", "english");
        for (const auto& [id, title, body] : docs)
            writer.upsert(test::fixture_doc(id, title, {"Writer"}, "2024-01-01", body));
        writer.commit();
    }
    std::vector<std::string> ranked(const std::string& q, RankingOptions ranking = {}) {
        Searcher searcher(dir_.path() / "index", ranking);
        auto r = searcher.search(words(q, 50));
        EXPECT_TRUE(r.has_value()) << r.error().message;
        std::vector<std::string> out;
        if (r)
            for (const auto& h : r->hits) out.push_back(h.id.substr(h.id.rfind('/') + 1));
        return out;
    }
    static std::set<std::string> as_set(const std::vector<std::string>& v) {
        return {v.begin(), v.end()};
    }
    test::TempDir dir_;
};

TEST_F(RankingTest, CapitalisedWordsAreStemmedAcronymsAreNot) {
    // Xapian's STEM_SOME leaves "Aspirin" unstemmed, which misses "aspirins".
    EXPECT_EQ(ranked("Aspirin"), std::vector<std::string>{"aspirin"});
    EXPECT_TRUE(ranked("Aspirin", RankingOptions::plain()).empty());
    EXPECT_TRUE(ranked("ASPIRIN").empty());
    // A field prefix keeps its case: "Title:" is not the title: field.
    EXPECT_EQ(ranked("title:Arctic"), std::vector<std::string>{"arctic"});
}

TEST_F(RankingTest, StopWordsAloneMatchNothingElse) {
    EXPECT_EQ(as_set(ranked("the arctic")), (std::set<std::string>{"arctic", "russia"}));
    EXPECT_TRUE(as_set(ranked("the arctic", RankingOptions::plain())).contains("stop"));
    // A query of stop words only still finds them.
    EXPECT_TRUE(as_set(ranked("the one")).contains("stop"));
}

TEST_F(RankingTest, AdjacentQueryWordsRankFirst) {
    // Both documents have the same words, once each; only their distance differs.
    auto r = ranked("central asia");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0], "near");
    r = ranked("asia central");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0], "near");
    r = ranked("central asia", RankingOptions::plain());
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0], "distant");  // a tie without the proximity boost
}

TEST_F(RankingTest, BoostsAndFeedbackAddNoMatches) {
    // Feedback and the title and proximity boosts change the order only: the matching set is
    // the query's, as plain BM25 gives it.
    for (const std::string q : {"arctic", "arctic sea", "arctic -russia", "arctic AND china",
                                "\"sea ice\"", "title:arctic russia", "china +trade"}) {
        EXPECT_EQ(as_set(ranked(q)), as_set(ranked(q, RankingOptions::plain()))) << q;
    }
    EXPECT_EQ(as_set(ranked("arctic -russia")), std::set<std::string>{});
    EXPECT_EQ(as_set(ranked("china -russia")), (std::set<std::string>{"distant", "near"}));
}

TEST_F(RankingTest, Bm25WeightingAndUnknownWeighting) {
    RankingOptions bm25;
    bm25.weighting = "bm25";
    bm25.bm25_k1 = 1.2;
    bm25.bm25_b = 0.75;
    EXPECT_EQ(ranked("aspirin", bm25), std::vector<std::string>{"aspirin"});
    RankingOptions bad;
    bad.weighting = "tfidf";
    try {
        Searcher searcher(dir_.path() / "index", bad);
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown weighting 'tfidf'"), std::string::npos)
            << e.what();
    }
}

TEST_F(RankingTest, ConfigNamesThePlainBaseline) {
    // The library reads no environment: THINKDEX_RANKING is read with the config.
    ::setenv("THINKDEX_RANKING", "plain", 1);
    auto tuned = ranked("Aspirin");
    ::unsetenv("THINKDEX_RANKING");
    EXPECT_EQ(tuned, std::vector<std::string>{"aspirin"});
    SearchConfig config;
    config.ranking = "plain";
    Engine plain(dir_.path() / "index", config);
    SearchRequest request = plain.request();
    request.query = "Aspirin";
    auto r = plain.search(request);
    ASSERT_TRUE(r.has_value());
    EXPECT_TRUE(r->hits.empty());
    config.ranking = "fancy";
    EXPECT_THROW(Engine(dir_.path() / "index", config), ConfigError);
}

TEST_F(RankingTest, PagesOutsideTheBoundsAreRefused) {
    Searcher searcher(dir_.path() / "index");
    SearchRequest request;
    request.limit = kMaxPageSize + 1;
    EXPECT_EQ(searcher.search(request).error().kind, "request");
    request.limit = 0;
    EXPECT_EQ(searcher.search(request).error().kind, "request");
    request.limit = 10;
    request.offset = kMaxPage * 10;
    EXPECT_EQ(searcher.search(request).error().kind, "request");
    request.offset = (kMaxPage - 1) * 10;
    EXPECT_TRUE(searcher.search(request).has_value());
}

TEST(Searcher, HyphenatedQueryWordsMatchTheirPartsStemmed) {
    // A hyphenated query word was an exact phrase: "cost-benefit" missed "costs and
    // benefits". The default ranking reads its parts as words, ranked above a document with
    // one part only; the words side by side still rank first (proximity), and plain BM25
    // keeps Xapian's phrase.
    test::TempDir dir;
    {
        indexer::IndexWriter writer(dir.path() / "index", "english");
        writer.upsert(test::fixture_doc("parts", "Sanctions", {}, "2024-01-01",
                                        "Weighing the costs and benefits of sanctions."));
        writer.upsert(test::fixture_doc("one", "Budget", {}, "2024-01-01",
                                        "The costs of the defence budget."));
        writer.upsert(test::fixture_doc("phrase", "Trade", {}, "2024-01-01",
                                        "A cost-benefit review of trade policy."));
        writer.upsert(test::fixture_doc("none", "Water", {}, "2024-01-01",
                                        "Water sharing in Central Asia."));
        writer.commit();
    }
    const std::string base = "https://think.example.org/";
    Searcher searcher(dir.path() / "index");
    auto r = searcher.search(words("cost-benefit"));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    ASSERT_EQ(r->hits.size(), 3u);
    EXPECT_EQ(r->hits[0].id, base + "phrase");
    EXPECT_EQ(r->hits[1].id, base + "parts");
    EXPECT_EQ(r->hits[2].id, base + "one");
    // Quoted, it is the phrase alone.
    r = searcher.search(words("\"cost-benefit\""));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    ASSERT_EQ(r->hits.size(), 1u);
    EXPECT_EQ(r->hits[0].id, base + "phrase");

    Searcher plain(dir.path() / "index", RankingOptions::plain());
    r = plain.search(words("cost-benefit"));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    ASSERT_EQ(r->hits.size(), 1u);
    EXPECT_EQ(r->hits[0].id, base + "phrase");
}

// Documents of equal score rank by their id's hash (schema::id_hash), whatever order they were
// indexed in: one index and its shards number documents differently, and the rerank pass
// reorders the first pass's top 30 only, so a tie across that cut, decided by document number,
// gave shards other results than one index (issue 17).
TEST(Searcher, EqualScoresRankByIdHashWhateverTheIndexingOrder) {
    std::vector<indexer::IndexDocument> docs;
    std::vector<std::string> ids;
    for (int i = 0; i < 45; ++i) {
        const std::string id = "doc" + std::to_string(i);
        // The same length and one "tariff" each: the same score. The other words are the
        // document's own, so that no two are near-duplicates and feedback finds no word.
        std::string body = "tariff";
        for (char c = 'a'; c <= 'h'; ++c) body += " " + id + c;
        docs.push_back(test::fixture_doc(id, "Note", {"A"}, "2024-01-01", body));
        ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
        return thinkdex::schema::id_hash(test::fixture_doc(a, "", {}, "", "").id) <
               thinkdex::schema::id_hash(test::fixture_doc(b, "", {}, "", "").id);
    });
    ASSERT_NE(ids.front(), "doc0") << "hash order is indexing order: the test shows nothing";
    test::TempDir dir;
    auto page = [&](bool reversed, std::size_t offset) {
        const auto path = dir.path() / (reversed ? "reversed" : "forward");
        if (!std::filesystem::exists(path)) {
            indexer::IndexWriter writer(path, "english");
            for (std::size_t i = 0; i < docs.size(); ++i)
                writer.upsert(docs[reversed ? docs.size() - 1 - i : i]);
            writer.commit();
        }
        SearchRequest request = words("tariff", 10);
        request.offset = offset;
        auto r = Searcher(path).search(request);
        EXPECT_TRUE(r.has_value());
        std::vector<std::string> out;
        if (r)
            for (const auto& h : r->hits) out.push_back(h.id.substr(h.id.rfind('/') + 1));
        return out;
    };
    // Within the reranked top 30, and across its end.
    for (const std::size_t offset : {0, 25, 30}) {
        const std::vector<std::string> expected(ids.begin() + offset, ids.begin() + offset + 10);
        EXPECT_EQ(page(false, offset), expected) << offset;
        EXPECT_EQ(page(true, offset), expected) << offset;
    }
}

TEST(Searcher, UndatedDocumentsSortLastBothWays) {
    test::TempDir dir;
    {
        indexer::IndexWriter writer(dir.path() / "index", "english");
        writer.upsert(test::fixture_doc("old", "Report", {"A"}, "2001-01-01", "report text"));
        writer.upsert(test::fixture_doc("undated", "Report", {"A"}, "", "report text"));
        writer.upsert(test::fixture_doc("new", "Report", {"A"}, "2020-01-01", "report text"));
        writer.commit();
    }
    Searcher searcher(dir.path() / "index");
    auto request = words("report");
    request.sort = SortOrder::kOldest;
    auto oldest = searcher.search(request);
    request.sort = SortOrder::kNewest;
    auto newest = searcher.search(request);
    ASSERT_TRUE(oldest && newest);
    ASSERT_EQ(oldest->hits.size(), 3u);
    ASSERT_EQ(newest->hits.size(), 3u);
    EXPECT_EQ(oldest->hits[0].published, "2001-01-01");
    EXPECT_EQ(oldest->hits[2].published, "");
    EXPECT_EQ(newest->hits[0].published, "2020-01-01");
    EXPECT_EQ(newest->hits[2].published, "");
}

TEST(Searcher, RecentSortPrefersNewerAmongEquallyRelevantOnly) {
    test::TempDir dir;
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day ymd(today);
    const std::string this_year = std::to_string(static_cast<int>(ymd.year()));
    {
        indexer::IndexWriter writer(dir.path() / "index", "english");
        writer.upsert(test::fixture_doc("old", "Report", {"A"}, "2001-01-01",
                                        "tariff report on trade"));
        writer.upsert(test::fixture_doc("undated", "Report", {"A"}, "", "tariff report on trade"));
        writer.upsert(test::fixture_doc("new", "Report", {"A"}, this_year + "-01",
                                        "tariff report on trade"));
        writer.upsert(test::fixture_doc("mid", "Report", {"A"}, "2015-06-01",
                                        "tariff report on trade"));
        writer.upsert(test::fixture_doc("strong-old", "Tariff tariffs", {"A"}, "1990-01-01",
                                        "tariff tariffs tariff: the tariff war, tariff by tariff"));
        std::string weak = "a long survey of ports, shipping, rail, roads, airports, canals, "
                           "logistics, warehouses, customs posts and fuel prices; ";
        writer.upsert(test::fixture_doc("weak-new", "Transport survey", {"A"}, this_year,
                                        weak + weak + weak + "one tariff"));
        writer.commit();
    }
    Searcher searcher(dir.path() / "index");
    auto order = [&](SortOrder sort, double half_life = 365) {
        SearchRequest request = words("tariff", 10);
        request.sort = sort;
        request.recency_half_life_days = half_life;
        auto r = searcher.search(request);
        EXPECT_TRUE(r.has_value());
        std::vector<std::string> out;
        if (r)
            for (const auto& h : r->hits) out.push_back(h.id.substr(h.id.rfind('/') + 1));
        return out;
    };
    auto recent = order(SortOrder::kRecent);
    ASSERT_EQ(recent.size(), 6u);
    auto pos = [&](const std::string& id) {
        return std::find(recent.begin(), recent.end(), id) - recent.begin();
    };
    // Equal text: newer first, undated last.
    EXPECT_LT(pos("new"), pos("mid"));
    EXPECT_LT(pos("mid"), pos("old"));
    EXPECT_LT(pos("old"), pos("undated"));
    // Mild: a much better match from 1990 still beats a weak one from this year.
    EXPECT_LT(pos("strong-old"), pos("weak-new"));
    // Same matches as relevance, only the order differs.
    auto relevance = order(SortOrder::kRelevance);
    EXPECT_EQ(std::set<std::string>(recent.begin(), recent.end()),
              std::set<std::string>(relevance.begin(), relevance.end()));
    SearchRequest bad = words("tariff");
    bad.sort = SortOrder::kRecent;
    bad.recency_half_life_days = 0;
    auto r = searcher.search(bad);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, "request");
}

}  // namespace
}  // namespace thinkdex::query
