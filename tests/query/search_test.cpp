#include "thinkdex/query/search.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <set>

#include <gtest/gtest.h>

#include "fixture_index.hpp"
#include "test_util.hpp"
#include "thinkdex/indexer/index_writer.hpp"

namespace thinkdex::query {
namespace {

SearchRequest words(const std::string& q, std::size_t limit = 10) {
    SearchRequest r;
    r.query = q;
    r.limit = limit;
    return r;
}

const std::string kSeed = "https://think.example.org/sino-russian";
const std::string kAral = "https://think.example.org/aral";

class SearchTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();
        test::build_fixture_index(dir_->path() / "index");
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }

    SearchResult run(SearchRequest request) {
        Searcher searcher(dir_->path() / "index");
        auto result = searcher.search(request);
        EXPECT_TRUE(result.has_value()) << result.error().message;
        return result ? *result : SearchResult{};
    }
    SearchResult run(const std::string& q, std::size_t limit = 20) { return run(words(q, limit)); }
    static std::set<std::string> ids(const SearchResult& r) {
        std::set<std::string> out;
        for (const auto& h : r.hits) out.insert(h.id);
        return out;
    }

    static test::TempDir* dir_;
};

test::TempDir* SearchTest::dir_ = nullptr;

TEST_F(SearchTest, DistinctiveQueriesRankTheRightDocumentFirst) {
    auto r = run("aral sea water");
    ASSERT_FALSE(r.hits.empty());
    EXPECT_EQ(r.hits[0].id, kAral);
    EXPECT_EQ(r.hits[0].rank, 1u);

    r = run("shanghai cooperation organisation");
    ASSERT_FALSE(r.hits.empty());
    EXPECT_EQ(r.hits[0].id, kSeed);
    EXPECT_EQ(r.hits[0].title, "Sino-Russian Relations in Central Asia");
    EXPECT_EQ(r.hits[0].authors, std::vector<std::string>{"Natasha Kuhrt"});
    EXPECT_EQ(r.hits[0].published, "2025-08-26");
    EXPECT_EQ(r.hits[0].site, "Eurasia Policy Digest");
}

TEST_F(SearchTest, TitleMatchesOutrankBodyMatches) {
    // "arctic" is in one title and one body; the title document must win.
    auto r = run("arctic");
    ASSERT_FALSE(r.hits.empty());
    EXPECT_EQ(r.hits[0].id, "https://think.example.org/arctic");
}

TEST_F(SearchTest, PhraseQueryNeedsAdjacentWords) {
    auto words = run("strategic partnership");
    auto phrase = run("\"strategic partnership\"");
    EXPECT_TRUE(ids(words).contains("https://think.example.org/rhetoric"));
    EXPECT_EQ(ids(phrase), std::set<std::string>{kSeed});
    EXPECT_EQ(phrase.total, 1u);
}

TEST_F(SearchTest, StemmingMatchesOtherFormsOfAWord) {
    auto r = run("partnerships");
    EXPECT_TRUE(ids(r).contains(kSeed));
}

TEST_F(SearchTest, SnippetMarksMatchesAndIsUnescaped) {
    auto r = run("\"Shanghai Cooperation Organisation\"");
    ASSERT_EQ(r.hits.size(), 1u);
    std::string marked;
    for (const auto& p : r.hits[0].snippet)
        if (p.match) marked += p.text + "|";
    EXPECT_NE(marked.find("Shanghai"), std::string::npos) << marked;

    r = run("renewables storage");
    ASSERT_FALSE(r.hits.empty());
    std::string text;
    for (const auto& p : r.hits[0].snippet) text += p.text;
    EXPECT_NE(text.find("Renewables & storage"), std::string::npos) << text;
    EXPECT_EQ(text.find("&amp;"), std::string::npos) << text;
}

TEST_F(SearchTest, AuthorFilterNarrowsAndIgnoresCase) {
    SearchRequest request;
    request.query = "russia";
    request.limit = 20;
    auto all = run(request);
    request.authors = {"Natasha Kuhrt"};
    auto hers = run(request);
    EXPECT_LT(hers.total, all.total);
    EXPECT_GT(hers.total, 0u);
    for (const auto& h : hers.hits)
        EXPECT_NE(std::find(h.authors.begin(), h.authors.end(), "Natasha Kuhrt"), h.authors.end());
    request.authors = {"natasha  KUHRT"};
    EXPECT_EQ(run(request).total, hers.total);
    // Several authors combine with OR.
    request.query.clear();
    request.authors = {"Natasha Kuhrt", "Li Wei"};
    EXPECT_EQ(run(request).total, 5u);
}

TEST_F(SearchTest, SinceAndUntilNarrowToTheRange) {
    SearchRequest request;
    request.limit = 20;
    request.since = "2024";
    request.until = "2024-12-31";
    auto r = run(request);
    EXPECT_EQ(r.total, 4u);  // aral, nato, energy, climate (dated only "2024")
    for (const auto& h : r.hits) EXPECT_TRUE(h.published.starts_with("2024")) << h.published;

    request.since = "2025-03";
    request.until.clear();
    r = run(request);
    EXPECT_EQ(ids(r), (std::set<std::string>{kSeed, "https://think.example.org/rhetoric"}));

    request.since.clear();
    request.until = "2022";
    r = run(request);
    EXPECT_EQ(r.total, 2u);  // cyber (2022) and hostile (2021)
}

TEST_F(SearchTest, YearFilter) {
    SearchRequest request;
    request.years = {"2023"};
    auto r = run(request);
    EXPECT_EQ(r.total, 2u);
    for (const auto& h : r.hits) EXPECT_TRUE(h.published.starts_with("2023"));
}

TEST_F(SearchTest, FacetCountsEqualWhatFilteringReturns) {
    for (const std::string q : {"", "russia", "central asia"}) {
        SearchRequest request;
        request.query = q;
        auto r = run(request);
        ASSERT_FALSE(r.facets["author"].empty()) << q;
        ASSERT_FALSE(r.facets["year"].empty()) << q;
        for (const auto& f : r.facets["author"]) {
            SearchRequest narrowed = request;
            narrowed.authors = {f.value};
            EXPECT_EQ(run(narrowed).total, f.count) << q << " author " << f.value;
        }
        for (const auto& f : r.facets["year"]) {
            SearchRequest narrowed = request;
            narrowed.years = {f.value};
            EXPECT_EQ(run(narrowed).total, f.count) << q << " year " << f.value;
        }
    }
    auto all = run("");
    EXPECT_EQ(all.total, test::fixture_docs().size());
    EXPECT_TRUE(all.total_exact);
    ASSERT_GE(all.facets["author"].size(), 2u);
    // Most frequent first: Natasha Kuhrt and Maria Garcia and John Smith have 3 each.
    EXPECT_GE(all.facets["author"][0].count, all.facets["author"][1].count);
    EXPECT_EQ(all.facets["author"][0].count, 3u);
}

TEST_F(SearchTest, FacetLimitKeepsTheMostFrequent) {
    SearchRequest request;
    request.facet_limit = 2;
    auto r = run(request);
    EXPECT_EQ(r.facets["author"].size(), 2u);
    EXPECT_EQ(r.facets["year"].size(), 2u);
}

TEST_F(SearchTest, SortNewestAndOldest) {
    SearchRequest request;
    request.query = "russia china";
    request.sort = SortOrder::kNewest;
    auto r = run(request);
    ASSERT_GE(r.hits.size(), 3u);
    for (std::size_t i = 1; i < r.hits.size(); ++i)
        EXPECT_GE(r.hits[i - 1].published, r.hits[i].published);
    request.sort = SortOrder::kOldest;
    r = run(request);
    for (std::size_t i = 1; i < r.hits.size(); ++i)
        EXPECT_LE(r.hits[i - 1].published, r.hits[i].published);
    // With no words there is nothing to rank, so newest comes first.
    auto all = run("");
    EXPECT_EQ(all.hits[0].id, kSeed);
}

TEST_F(SearchTest, PagingContinuesTheRanking) {
    SearchRequest request;
    request.limit = 3;
    auto first = run(request);
    request.offset = 3;
    auto second = run(request);
    ASSERT_EQ(first.hits.size(), 3u);
    ASSERT_EQ(second.hits.size(), 3u);
    EXPECT_EQ(second.hits[0].rank, 4u);
    EXPECT_EQ(second.total, first.total);
    EXPECT_GE(first.hits[2].published, second.hits[0].published);
}

TEST_F(SearchTest, FieldPrefixes) {
    EXPECT_EQ(ids(run("title:arctic")), std::set<std::string>{"https://think.example.org/arctic"});
    EXPECT_EQ(run("author:kuhrt").total, 3u);
    EXPECT_EQ(ids(run("author:\"li wei\"")).size(), 2u);
    EXPECT_EQ(ids(run("tag:sco")), std::set<std::string>{kSeed});
    EXPECT_EQ(run("site:eurasia-policy-digest.blogspot.com").total, 1u);
    EXPECT_EQ(run("site:think.example.org").total, test::fixture_docs().size() - 1);
    EXPECT_EQ(run("lang:EN").total, test::fixture_docs().size());
    // A filter prefix with words: words rank, the filter restricts.
    auto r = run("russia tag:arctic");
    EXPECT_EQ(ids(r), std::set<std::string>{"https://think.example.org/arctic"});
}

TEST_F(SearchTest, DatePrefixes) {
    EXPECT_EQ(run("date:2024").total, 4u);
    // aral, nato, energy; not climate, dated only "2024" (its month is unknown).
    EXPECT_EQ(run("date:2024-01..2024-06").total, 3u);
    EXPECT_EQ(run("date:2025-02..").total, 3u);
    EXPECT_EQ(run("before:2023").total, 2u);             // 2022 and 2021
    EXPECT_EQ(run("after:2025-04-01").total, 2u);        // inclusive
    EXPECT_EQ(run("central after:2024 before:2025").total, 1u);  // aral
}

TEST_F(SearchTest, BooleanOperatorsAndWildcards) {
    EXPECT_EQ(ids(run("semicond*")), std::set<std::string>{"https://think.example.org/chips"});
    auto r = run("russia NOT arctic");
    EXPECT_FALSE(ids(r).contains("https://think.example.org/arctic"));
    EXPECT_TRUE(ids(r).contains(kSeed));
    r = run("china AND water");
    EXPECT_EQ(r.total, 0u);
    r = run("+china -semiconductor");
    EXPECT_FALSE(ids(r).contains("https://think.example.org/chips"));
    EXPECT_TRUE(ids(r).contains(kSeed));
}

TEST_F(SearchTest, DidYouMean) {
    auto r = run("semiconductr");
    EXPECT_EQ(r.corrected_query, "semiconductor");
    EXPECT_EQ(run("semiconductor").corrected_query, "");
}

TEST_F(SearchTest, MalformedQueryIsAQueryError) {
    Searcher searcher(dir_->path() / "index");
    auto r = searcher.search(words("after:last-tuesday"));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, "query");
    EXPECT_NE(r.error().message.find("last-tuesday"), std::string::npos) << r.error().message;
}

TEST_F(SearchTest, BadDateIsADateError) {
    Searcher searcher(dir_->path() / "index");
    SearchRequest request;
    request.since = "2024-13";
    auto r = searcher.search(request);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, "date");
    EXPECT_EQ(r.error().message, "bad date '2024-13': no month 13");

    request.since = "2025";
    request.until = "2024";
    r = searcher.search(request);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, "date");
}

TEST(ParseDateBound, Table) {
    struct Row {
        std::string in;
        bool end;
        std::string out;  // "" = error
    };
    const Row rows[] = {
        {"2024", false, "20240000"},       {"2024", true, "20241231"},
        {"2024-03", false, "20240300"},    {"2024-03", true, "20240331"},
        {"2024-02", true, "20240229"},     {"2023-02", true, "20230228"},
        {"2024-03-05", false, "20240305"}, {"2024-03-05", true, "20240305"},
        {"2024-13", false, ""},            {"2024-02-30", false, ""},
        {"24", false, ""},                 {"2024/03/05", false, ""},
        {"abcd", false, ""},               {"", false, ""},
        {"2024-3-5", false, ""},
    };
    for (const auto& row : rows) {
        auto r = parse_date_bound(row.in, row.end);
        if (row.out.empty()) {
            ASSERT_FALSE(r.has_value()) << row.in;
            EXPECT_EQ(r.error().kind, "date");
            EXPECT_NE(r.error().message.find("'" + row.in + "'"), std::string::npos);
        } else {
            ASSERT_TRUE(r.has_value()) << row.in << ": " << r.error().message;
            EXPECT_EQ(*r, row.out) << row.in;
        }
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

TEST(Searcher, MissingIndexIsFatalWithThePath) {
    test::TempDir dir;
    try {
        Searcher searcher(dir.path() / "nope");
        FAIL() << "expected Fatal";
    } catch (const Fatal& e) {
        EXPECT_NE(std::string(e.what()).find("cannot open index '" + (dir.path() / "nope").string()),
                  std::string::npos)
            << e.what();
    }
}

TEST(Searcher, SearchesWhileTheIndexChanges) {
    test::TempDir dir;
    auto path = dir.path() / "index";
    test::build_fixture_index(path);
    Searcher searcher(path);
    ASSERT_TRUE(searcher.search(words("russia")).has_value());
    {
        // Several commits overwrite the revision the searcher opened; it must reopen and
        // still answer, seeing whole batches only.
        indexer::IndexWriter writer(path, "english");
        for (int round = 0; round < 4; ++round) {
            for (int i = 0; i < 30; ++i) {
                auto doc = test::fixture_doc("extra-" + std::to_string(i), "Extra russia",
                                             {"Batch Writer"}, "2020-01-01",
                                             "russia round " + std::to_string(round));
                writer.upsert(doc);
            }
            writer.commit();
        }
    }
    auto r = searcher.search(words("russia", 100));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    // Either the old revision (no extras) or the new one (all 30): never part of a batch.
    std::size_t extras = 0;
    for (const auto& h : r->hits) extras += h.id.find("extra-") != std::string::npos;
    EXPECT_TRUE(extras == 0 || extras == 30) << extras;
}

/// A small index for the ranking tests, with `docs` as {id, title, body}.
class RankingTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::vector<std::array<std::string, 3>> docs = {
            {"aspirin", "Pain relief", "aspirins reduce pain after surgery in most patients"},
            // "apart" first: on equal scores the lower document number ranks first.
            {"apart", "Notes", "central europe and china trade routes grow while asia waits"},
            {"adjacent", "Notes", "central asia trade routes grow while europe and china wait"},
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
    EXPECT_EQ(r[0], "adjacent");
    r = ranked("asia central");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0], "adjacent");
    r = ranked("central asia", RankingOptions::plain());
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0], "apart");  // a tie without the proximity boost
}

TEST_F(RankingTest, BoostsAndFeedbackAddNoMatches) {
    // Feedback and the title and proximity boosts change the order only: the matching set is
    // the query's, as plain BM25 gives it.
    for (const std::string q : {"arctic", "arctic sea", "arctic -russia", "arctic AND china",
                                "\"sea ice\"", "title:arctic russia", "china +trade"}) {
        EXPECT_EQ(as_set(ranked(q)), as_set(ranked(q, RankingOptions::plain()))) << q;
    }
    EXPECT_EQ(as_set(ranked("arctic -russia")), std::set<std::string>{});
    EXPECT_EQ(as_set(ranked("china -russia")), (std::set<std::string>{"adjacent", "apart"}));
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

TEST_F(RankingTest, EnvironmentSelectsThePlainBaseline) {
    ::setenv("THINKDEX_RANKING", "plain", 1);
    auto plain = ranked("Aspirin");
    ::setenv("THINKDEX_RANKING", "default", 1);
    auto tuned = ranked("Aspirin");
    ::setenv("THINKDEX_RANKING", "fancy", 1);
    EXPECT_THROW(Searcher(dir_.path() / "index"), ConfigError);
    ::unsetenv("THINKDEX_RANKING");
    EXPECT_TRUE(plain.empty());
    EXPECT_EQ(tuned, std::vector<std::string>{"aspirin"});
}

}  // namespace
}  // namespace thinkdex::query
