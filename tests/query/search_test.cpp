#include "thinkdex/query/search.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <xapian.h>

#include "fixture_index.hpp"
#include "test_util.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/query/engine.hpp"
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

TEST_F(SearchTest, PastTheExactLimitFacetsAndTotalAreScaledEstimates) {
    const std::size_t n = test::fixture_docs().size();
    SearchRequest request;  // every document
    request.exact_facet_matches = 4;
    auto r = run(request);
    EXPECT_FALSE(r.total_exact);
    const double half = static_cast<double>(n) / 2;
    EXPECT_NEAR(static_cast<double>(r.total), static_cast<double>(n), half);
    std::size_t years = 0;
    for (const auto& f : r.facets["year"]) years += f.count;
    EXPECT_NEAR(static_cast<double>(years), static_cast<double>(n), half);
    // Counted from 4 documents and scaled: every count is a multiple of the scale, roughly.
    for (const auto& f : r.facets["year"]) EXPECT_GE(f.count, n / 4 - 1) << f.value;

    request.exact_facet_matches = n;
    r = run(request);
    EXPECT_TRUE(r.total_exact);
    EXPECT_EQ(r.total, n);
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
    // Within the filters the correction would find nothing more: no suggestion.
    SearchRequest in_2023 = words("semiconductr");
    in_2023.years = {"2023"};
    EXPECT_EQ(run(in_2023).corrected_query, "");
    // A word that matched is never corrected, even into a more frequent word.
    EXPECT_EQ(run("chip").corrected_query, "");
}

TEST_F(SearchTest, MalformedQueryIsAQueryError) {
    Searcher searcher(dir_->path() / "index");
    auto r = searcher.search(words("after:last-tuesday"));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, "query");
    EXPECT_NE(r.error().message.find("last-tuesday"), std::string::npos) << r.error().message;
}

TEST_F(SearchTest, BadDateInsidePlusOrMinusIsAQueryError) {
    // Xapian's parser crashed when a field processor threw inside a +/- clause.
    Searcher searcher(dir_->path() / "index");
    for (const std::string q :
         {"-date:0", "+date:x", "-after:x", "-before:x", "russia -date:..", "+date:2024-13"}) {
        auto r = searcher.search(words(q));
        ASSERT_FALSE(r.has_value()) << q;
        EXPECT_EQ(r.error().kind, "query") << q;
    }
    EXPECT_TRUE(searcher.search(words("russia -date:2024")).has_value());
}

TEST(SearchSnippet, MarksWordsLongerThanTheSmallStringBuffer) {
    // The snippet's words were views of temporaries: words of 16 bytes or more, kept on the
    // heap, were read after they were freed and went unmarked.
    test::TempDir dir;
    {
        indexer::IndexWriter writer(dir.path() / "index", "english");
        writer.upsert(test::fixture_doc("long", "Standards", {}, "2024-01-01",
                                        "Internationalisation of technical standards bodies."));
        writer.commit();
    }
    Searcher searcher(dir.path() / "index");
    auto r = searcher.search(words("internationalisation"));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    ASSERT_EQ(r->hits.size(), 1u);
    std::string marked;
    for (const auto& p : r->hits[0].snippet)
        if (p.match) marked += p.text;
    EXPECT_EQ(marked, "Internationalisation");
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

// ---- Facets, collapsing, synonyms, recency, concurrency ----


const std::string kBrief = "https://think.example.org/sanctions-brief";
const std::string kMirror = "https://mirror.example.net/2024/05/sanctions-brief.html";
const std::string kIfri = "https://www.ifri.org/russie";
const std::string kScoOnly = "https://think.example.org/sco-summit";

/// The fixture corpus and: a French JSON-lines record on another site, a brief and its
/// mirror on a blog (near-duplicates with different sites, tags and days), and a page that
/// says only "SCO".
std::vector<indexer::IndexDocument> facet_docs() {
    auto docs = test::fixture_docs();
    auto ifri = test::fixture_doc("x", "La Russie et l'Europe", {"Jean Dupont"}, "2023-03-03",
                                  "Russia and Europe: la sécurité européenne après 2022.",
                                  {"Europe", "Russia"});
    ifri.id = ifri.url = kIfri;
    ifri.host = "www.ifri.org";
    ifri.site = "IFRI";
    ifri.language = "fr";
    ifri.type = "jsonl";
    docs.push_back(ifri);
    const std::string text = test::prose(7, 600);
    auto brief = test::fixture_doc("sanctions-brief", "Sanctions Enforcement", {"Ann Brief"},
                                   "2024-05-01", text, {"Sanctions"});
    docs.push_back(brief);
    auto mirror = brief;
    mirror.id = mirror.url = kMirror;
    mirror.host = "mirror.example.net";
    mirror.site = "Mirror Digest";
    mirror.published = "2024-05-03";
    mirror.tags = {"Sanctions", "Reposts"};
    mirror.body = "Reposted from Think Example. " + text + " Post a comment. Older posts.";
    docs.push_back(mirror);
    auto sco = test::fixture_doc("sco-summit", "Summit in Astana", {"Li Wei"}, "2024-07-04",
                                 "The SCO summit in Astana admitted Belarus.", {"Summits"});
    docs.push_back(sco);
    return docs;
}

class FacetTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();
        indexer::IndexWriter writer(dir_->path() / "index", "english");
        for (const auto& doc : facet_docs()) writer.upsert(doc);
        writer.commit();
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static SearchResult run(const SearchRequest& request,
                            const std::vector<std::vector<std::string>>& synonyms = {}) {
        Searcher searcher(dir_->path() / "index");
        searcher.set_synonyms(synonyms);
        auto result = searcher.search(request);
        EXPECT_TRUE(result.has_value()) << result.error().message;
        return result ? *result : SearchResult{};
    }
    static std::set<std::string> ids(const SearchResult& r) {
        std::set<std::string> out;
        for (const auto& h : r.hits) out.insert(h.id);
        return out;
    }
    /// `request` with `value` added to the filter of facet `name`.
    static SearchRequest with_filter(SearchRequest request, const std::string& name,
                                     const std::string& value) {
        if (name == "author") request.authors.push_back(value);
        else if (name == "year") request.years.push_back(value);
        else if (name == "site") request.sites.push_back(value);
        else if (name == "tag") request.tags.push_back(value);
        else if (name == "language") request.languages.push_back(value);
        else if (name == "type") request.types.push_back(value);
        else if (name == "kind") request.kinds.push_back(value);
        else ADD_FAILURE() << "unknown facet " << name;
        return request;
    }
    static const FacetValue* find(const SearchResult& r, const std::string& facet,
                                  const std::string& value) {
        auto it = r.facets.find(facet);
        if (it == r.facets.end()) return nullptr;
        for (const auto& v : it->second)
            if (v.value == value) return &v;
        return nullptr;
    }
    static test::TempDir* dir_;
};

test::TempDir* FacetTest::dir_ = nullptr;

TEST_F(FacetTest, TheMirrorIsANearDuplicateOfTheBrief) {
    // The precondition of the collapsing tests: the indexer put both in one group.
    SearchRequest request;
    request.query = "sanctions";
    request.collapse = false;
    auto r = run(request);
    ASSERT_TRUE(ids(r).contains(kBrief) && ids(r).contains(kMirror));
}

TEST_F(FacetTest, EveryFacetCountIsWhatItsFilterReturns) {
    const std::vector<std::string> names = {"author", "year", "site",
                                            "tag",    "language", "type", "kind"};
    for (const bool collapse : {true, false}) {
        for (const std::string q : {"", "russia", "sanctions", "europe OR summit"}) {
            SearchRequest request;
            request.query = q;
            request.collapse = collapse;
            request.facet_limit = 100;
            auto r = run(request);
            ASSERT_EQ(r.facets.size(), names.size()) << q;
            for (const auto& name : names) {
                std::size_t checked = 0;
                for (const auto& v : r.facets[name]) {
                    auto narrowed = run(with_filter(request, name, v.value));
                    EXPECT_EQ(narrowed.total, v.count)
                        << "query '" << q << "' " << name << "=" << v.value << " collapse "
                        << collapse;
                    EXPECT_TRUE(narrowed.total_exact);
                    ++checked;
                }
                if (q.empty()) {
                    EXPECT_GT(checked, 0u) << name;
                }
            }
        }
    }
}

TEST_F(FacetTest, DocumentsIndexedBeforeTheFacetSlotCountAlike) {
    // An index from before schema::kSlotFacets: its documents have only the separate slots.
    test::TempDir old;
    std::filesystem::copy(dir_->path() / "index", old.path() / "index");
    {
        Xapian::WritableDatabase db((old.path() / "index").string(), Xapian::DB_OPEN);
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            Xapian::Document doc = db.get_document(*it);
            doc.remove_value(schema::kSlotFacets);
            db.replace_document(*it, doc);
        }
        db.commit();
        ASSERT_EQ(db.get_value_freq(schema::kSlotFacets), 0u);
    }
    Searcher searcher(old.path() / "index");
    for (const bool collapse : {true, false}) {
        for (const std::string q : {"", "russia", "sanctions"}) {
            SearchRequest request;
            request.query = q;
            request.collapse = collapse;
            request.facet_limit = 100;
            const SearchResult now = run(request);
            auto before = searcher.search(request);
            ASSERT_TRUE(before.has_value());
            EXPECT_EQ(before->total, now.total) << q;
            ASSERT_EQ(before->facets.size(), now.facets.size());
            for (const auto& [name, values] : now.facets) {
                const auto& old_values = before->facets.at(name);
                ASSERT_EQ(old_values.size(), values.size()) << name;
                for (std::size_t i = 0; i < values.size(); ++i) {
                    EXPECT_EQ(old_values[i].value, values[i].value) << name;
                    EXPECT_EQ(old_values[i].count, values[i].count) << name;
                    EXPECT_EQ(old_values[i].label, values[i].label) << name;
                }
            }
        }
    }
}

TEST_F(FacetTest, FacetValuesAndLabels) {
    SearchRequest request;
    request.facet_limit = 100;
    auto r = run(request);
    const FacetValue* think = find(r, "site", "think.example.org");
    ASSERT_NE(think, nullptr);
    EXPECT_EQ(think->label, "Think Example");
    const FacetValue* ifri = find(r, "site", "ifri.org");  // www. dropped
    ASSERT_NE(ifri, nullptr);
    EXPECT_EQ(ifri->label, "IFRI");
    EXPECT_EQ(ifri->count, 1u);
    ASSERT_NE(find(r, "language", "fr"), nullptr);
    EXPECT_EQ(find(r, "language", "fr")->count, 1u);
    ASSERT_NE(find(r, "type", "jsonl"), nullptr);
    EXPECT_EQ(find(r, "type", "jsonl")->count, 1u);
    ASSERT_NE(find(r, "type", "html"), nullptr);
    // The brief and its mirror are one result: the tag both have counts once.
    ASSERT_NE(find(r, "tag", "Sanctions"), nullptr);
    EXPECT_EQ(find(r, "tag", "Sanctions")->count, 1u);
    EXPECT_EQ(find(r, "tag", "Reposts")->count, 1u);
    EXPECT_EQ(r.total, facet_docs().size() - 1);
}

TEST_F(FacetTest, ValuesOfOneFacetOrDifferentFacetsAnd) {
    SearchRequest request;
    request.tags = {"water", "ARCTIC"};
    EXPECT_EQ(ids(run(request)), (std::set<std::string>{"https://think.example.org/aral",
                                                         "https://think.example.org/arctic"}));
    request = {};
    request.sites = {"www.ifri.org", "mirror.example.net"};
    EXPECT_EQ(ids(run(request)), (std::set<std::string>{kIfri, kMirror}));
    request.languages = {"FR"};
    EXPECT_EQ(ids(run(request)), (std::set<std::string>{kIfri}));
    request.types = {"html"};
    EXPECT_EQ(run(request).total, 0u);
    request = {};
    request.types = {"jsonl", "html"};
    request.languages = {"en", "fr"};
    EXPECT_EQ(run(request).total, facet_docs().size() - 1);
}

TEST_F(FacetTest, NearDuplicatesCollapseIntoOneHitThatSaysWhereElse) {
    SearchRequest request;
    request.query = "sanctions enforcement";
    auto collapsed = run(request);
    ASSERT_FALSE(collapsed.hits.empty());
    std::size_t copies = 0;
    for (const auto& h : collapsed.hits) {
        if (h.id != kBrief && h.id != kMirror) continue;
        ++copies;
        ASSERT_EQ(h.also_at.size(), 1u);
        const std::string other = h.id == kBrief ? kMirror : kBrief;
        EXPECT_EQ(h.also_at[0].url, other);
        EXPECT_EQ(h.also_at[0].site, h.id == kBrief ? "Mirror Digest" : "Think Example");
    }
    EXPECT_EQ(copies, 1u);
    request.collapse = false;
    auto all = run(request);
    EXPECT_EQ(all.total, collapsed.total + 1);
    EXPECT_TRUE(ids(all).contains(kBrief) && ids(all).contains(kMirror));
    // A filter that keeps only the mirror shows it, still pointing at the original.
    request.collapse = true;
    request.sites = {"mirror.example.net"};
    auto mirror = run(request);
    ASSERT_EQ(mirror.hits.size(), 1u);
    EXPECT_EQ(mirror.hits[0].id, kMirror);
    ASSERT_EQ(mirror.hits[0].also_at.size(), 1u);
    EXPECT_EQ(mirror.hits[0].also_at[0].url, kBrief);
}

TEST_F(FacetTest, RerankGivesTheSameResultsForDocumentsIndexedBeforeTheIdSlot) {
    // The rerank pass reads each top document's id term from its slot, or, for documents
    // indexed before the slot, from its term list: the results must not differ.
    test::TempDir old;
    std::filesystem::copy(dir_->path() / "index", old.path() / "index");
    {
        Xapian::WritableDatabase db((old.path() / "index").string(), Xapian::DB_OPEN);
        ASSERT_EQ(db.get_value_freq(schema::kSlotUniqueId), db.get_doccount());
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            Xapian::Document doc = db.get_document(*it);
            doc.remove_value(schema::kSlotUniqueId);
            db.replace_document(*it, doc);
        }
        db.commit();
    }
    SearchRequest request;
    request.query = "sanctions enforcement";
    request.collapse = false;
    auto with_slot = Searcher(dir_->path() / "index").search(request);
    auto without = Searcher(old.path() / "index").search(request);
    ASSERT_TRUE(with_slot.has_value() && without.has_value());
    ASSERT_FALSE(with_slot->hits.empty());
    ASSERT_EQ(with_slot->hits.size(), without->hits.size());
    for (std::size_t i = 0; i < with_slot->hits.size(); ++i) {
        EXPECT_EQ(with_slot->hits[i].id, without->hits[i].id) << i;
        EXPECT_DOUBLE_EQ(with_slot->hits[i].score, without->hits[i].score) << i;
    }
}

TEST_F(FacetTest, CopiesShowSiteAndUrlAlsoForDocumentsIndexedBeforeTheUrlSlot) {
    // The indexer writes the URL slot that "also at" reads instead of a copy's data.
    {
        Xapian::Database db((dir_->path() / "index").string());
        for (const std::string& id : {kBrief, kMirror}) {
            auto it = db.postlist_begin(schema::unique_id_term(id));
            ASSERT_NE(it, db.postlist_end(schema::unique_id_term(id)));
            EXPECT_EQ(db.get_document(*it).get_value(schema::kSlotUrl), id);
        }
    }
    // An index from before schema::kSlotUrl: the mirror has no URL slot, the brief has one.
    test::TempDir old;
    std::filesystem::copy(dir_->path() / "index", old.path() / "index");
    {
        Xapian::WritableDatabase db((old.path() / "index").string(), Xapian::DB_OPEN);
        const std::string term = schema::unique_id_term(kMirror);
        const Xapian::docid id = *db.postlist_begin(term);
        Xapian::Document doc = db.get_document(id);
        doc.remove_value(schema::kSlotUrl);
        db.replace_document(id, doc);
        db.commit();
        ASSERT_EQ(db.get_value_freq(schema::kSlotUrl), db.get_doccount() - 1);
    }
    Searcher searcher(old.path() / "index");
    SearchRequest request;
    request.query = "sanctions enforcement";
    request.collapse = false;
    auto r = searcher.search(request);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    std::size_t checked = 0;
    for (const auto& h : r->hits) {
        if (h.id != kBrief && h.id != kMirror) continue;
        ++checked;
        ASSERT_EQ(h.also_at.size(), 1u) << h.id;
        // The brief's copy is the mirror, read from its data; the mirror's, from the slots.
        EXPECT_EQ(h.also_at[0].url, h.id == kBrief ? kMirror : kBrief);
        EXPECT_EQ(h.also_at[0].site, h.id == kBrief ? "Mirror Digest" : "Think Example");
    }
    EXPECT_EQ(checked, 2u);
}

TEST_F(FacetTest, SynonymsWorkBothWaysOutsideQuotes) {
    const std::vector<std::vector<std::string>> synonyms = {
        {"SCO", "Shanghai Cooperation Organisation"}};
    const std::string seed = "https://think.example.org/sino-russian";
    auto search = [&](const std::string& q, bool with = true) {
        SearchRequest request;
        request.query = q;
        return ids(run(request, with ? synonyms : std::vector<std::vector<std::string>>{}));
    };
    // Without synonyms each form finds only its own document.
    EXPECT_EQ(search("SCO", false), std::set<std::string>{kScoOnly});
    EXPECT_FALSE(search("\"Shanghai Cooperation Organisation\"", false).contains(kScoOnly));
    // With them, either form finds both.
    EXPECT_EQ(search("SCO"), (std::set<std::string>{kScoOnly, seed}));
    EXPECT_EQ(search("sco"), (std::set<std::string>{kScoOnly, seed}));
    auto long_form = search("Shanghai Cooperation Organisation");
    EXPECT_TRUE(long_form.contains(kScoOnly) && long_form.contains(seed));
    EXPECT_EQ(search("+SCO +Astana"), std::set<std::string>{kScoOnly});
    EXPECT_EQ(search("summit AND SCO"), std::set<std::string>{kScoOnly});
    EXPECT_FALSE(search("russia -SCO").contains(seed));
    EXPECT_EQ(search("(SCO)"), (std::set<std::string>{kScoOnly, seed}));
    // Quoted phrases, field values and wildcards are not rewritten.
    EXPECT_EQ(search("\"SCO\""), std::set<std::string>{kScoOnly});
    EXPECT_EQ(search("\"SCO summit\""), std::set<std::string>{kScoOnly});
    EXPECT_EQ(search("\"Shanghai Cooperation Organisation\""), std::set<std::string>{seed});
    EXPECT_TRUE(search("title:SCO").empty());
    auto wildcard = search("SCO*");
    EXPECT_TRUE(wildcard.contains(kScoOnly) && !wildcard.contains(seed));
    // Words that merely contain a member are left alone.
    EXPECT_FALSE(search("SCOs").contains(seed));
    EXPECT_FALSE(search("SCO-led").contains(seed));
    // The rewriting never shows.
    SearchRequest request;
    request.query = "SCO sumit";
    auto r = run(request, synonyms);
    EXPECT_EQ(r.corrected_query.find("thinkdex"), std::string::npos) << r.corrected_query;
    if (!r.corrected_query.empty()) {
        EXPECT_EQ(r.corrected_query, "SCO summit");
    }
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

TEST(Searcher, SnippetOfALongTextComesFromWhereTheWordsAre) {
    // Snippets are chosen from a window of the text with the most query words: the words
    // near the end of a long text, marked, with "…" for what was left out on either side.
    test::TempDir dir;
    const std::string body = test::prose(3, 800) + " the quokka sanctuary grew. " +
                             test::prose(4, 40) + " quokkas returned. " + test::prose(5, 800);
    {
        indexer::IndexWriter writer(dir.path() / "index", "english");
        writer.upsert(test::fixture_doc("long", "Doc", {"A"}, "2024-01-01", body));
        writer.commit();
    }
    ASSERT_GT(body.size(), 8000u);
    Searcher searcher(dir.path() / "index");
    auto result = searcher.search(words("quokka sanctuary", 10));
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->hits.size(), 1u);
    const auto& snippet = result->hits[0].snippet;
    std::set<std::string> marked;
    std::string text;
    for (const auto& part : snippet) {
        if (part.match) marked.insert(part.text);
        text += part.text;
    }
    EXPECT_TRUE(marked.contains("quokka") && marked.contains("sanctuary")) << text;
    EXPECT_TRUE(text.starts_with("…")) << text;
    EXPECT_TRUE(text.ends_with("…")) << text;
}

TEST(Searcher, WithoutFacetsTheTotalMayBeAnEstimate) {
    test::TempDir dir;
    {
        indexer::IndexWriter writer(dir.path() / "index", "english");
        for (int i = 0; i < 400; ++i)
            writer.upsert(test::fixture_doc(
                "d" + std::to_string(i), "Doc", {"A"}, "2024-01-01",
                std::string(i % 3 ? "alpha " : "") + (i % 5 ? "beta " : "") + test::prose(i, 20)));
        writer.commit();
    }
    Searcher searcher(dir.path() / "index");
    SearchRequest request = words("alpha beta", 1);
    auto exact = searcher.search(request);
    ASSERT_TRUE(exact.has_value());
    EXPECT_TRUE(exact->total_exact);
    request.facets = false;
    auto estimate = searcher.search(request);
    ASSERT_TRUE(estimate.has_value());
    EXPECT_TRUE(estimate->facets.empty());
    EXPECT_EQ(estimate->hits.size(), 1u);
    if (estimate->total_exact) EXPECT_EQ(estimate->total, exact->total);
    else EXPECT_GT(estimate->total, 0u);
}

TEST(Searcher, SearchesDuringIndexingSeeWholeBatchesOnly) {
    test::TempDir dir;
    const auto path = dir.path() / "index";
    constexpr int kBatches = 25;
    constexpr std::size_t kBatchSize = 7;
    { indexer::IndexWriter(path, "english").commit(); }
    std::atomic<int> committed{0};
    std::thread writer_thread([&] {
        indexer::IndexWriter writer(path, "english");
        for (int b = 0; b < kBatches; ++b) {
            for (std::size_t i = 0; i < kBatchSize; ++i)
                writer.upsert(test::fixture_doc(
                    "b" + std::to_string(b) + "-" + std::to_string(i), "Batch report", {"W"},
                    "2024-01-01", "concurrent batch report " +
                        test::prose(static_cast<unsigned>(b * 100) + static_cast<unsigned>(i), 40),
                    {"batch-" + std::to_string(b)}));
            writer.commit();
            committed = b + 1;
        }
    });
    Searcher long_lived(path);
    std::size_t searches = 0, full_batches_seen = 0, long_lived_full = 0;
    std::vector<std::string> failures;
    // Each search sees a batch whole or not at all; `full` counts the whole ones.
    auto check = [&](Searcher& searcher, const SearchRequest& request, int batch,
                     std::size_t& full) {
        auto r = searcher.search(request);
        ++searches;
        if (!r) failures.push_back(r.error().message);
        else if (r->total == kBatchSize) ++full;
        else if (r->total != 0)
            failures.push_back("batch " + std::to_string(batch) + ": " + std::to_string(r->total));
    };
    // A search that throws is a failure too (and the writer must still be joined).
    try {
        while (committed < kBatches || searches == 0) {
            for (int b = 0; b <= std::min(committed.load(), kBatches - 1); ++b) {
                SearchRequest request = words("concurrent report", 3);
                request.tags = {"batch-" + std::to_string(b)};
                check(long_lived, request, b, long_lived_full);
                Searcher fresh(path);  // as the CGI: the newest committed revision
                check(fresh, request, b, full_batches_seen);
            }
        }
    } catch (const std::exception& e) {
        failures.push_back(std::string("search threw: ") + e.what());
    }
    writer_thread.join();
    EXPECT_TRUE(failures.empty()) << failures.size() << " bad searches, first: "
                                  << (failures.empty() ? "" : failures.front());
    EXPECT_GT(full_batches_seen, 0u);
    // The long-lived searcher moves on to new revisions too.
    EXPECT_GT(long_lived_full, 0u);
    Searcher after(path);
    SearchRequest all = words("concurrent", 1);
    auto r = after.search(all);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->total, kBatches * kBatchSize);
}

}  // namespace
}  // namespace thinkdex::query

// ---- Page kinds ----

namespace thinkdex::query {
namespace {

/// `n` words of text that never says "sanctions".
std::string filler(std::size_t n) {
    static const char* const kWords[] = {"trade", "routes", "rail", "ports", "customs",
                                         "ministers", "water", "grain", "debt", "the", "of"};
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += std::string(i ? " " : "") + kWords[(i * 7) % 11];
    return out + ".";
}

/// Publications and other pages that match "sanctions": the listing and the page match it far
/// better than the publications do (in the title and many times in the text).
class KindTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();
        indexer::IndexWriter writer(dir_->path() / "index", "english");
        auto add = [&](const std::string& id, const std::string& title, const std::string& body,
                       const std::string& kind) {
            auto doc = test::fixture_doc(id, title, {"Ann Brief"}, "2024-05-01", body);
            doc.kind = kind;
            writer.upsert(doc);
        };
        add("listing", "Sanctions", "Sanctions sanctions sanctions: every sanctions brief.",
            "listing");
        add("team", "Our sanctions team", "The sanctions team advises on sanctions law.", "page");
        add("brief", "Export Controls in Central Asia",
            "Re-exports through Central Asia test the sanctions regime. " + filler(400),
            "article");
        add("report", "Trade Routes Through the Caucasus",
            filler(800) + " Sanctions are one reason among many.", "article");
        add("other", "Water in the Aral Basin", filler(300), "article");
        writer.commit();
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static Result<SearchResult> search(const SearchRequest& request) {
        Searcher searcher(dir_->path() / "index");
        return searcher.search(request);
    }
    static std::vector<std::string> ranked(const SearchRequest& request) {
        auto r = search(request);
        EXPECT_TRUE(r.has_value()) << r.error().message;
        std::vector<std::string> out;
        if (r)
            for (const auto& h : r->hits) out.push_back(h.id.substr(h.id.rfind('/') + 1));
        return out;
    }
    static test::TempDir* dir_;
};

test::TempDir* KindTest::dir_ = nullptr;

TEST_F(KindTest, ListingsAndPagesNeverRankAboveAMatchingPublication) {
    for (const SortOrder sort : {SortOrder::kRelevance, SortOrder::kRecent}) {
        SearchRequest request = words("sanctions");
        request.sort = sort;
        request.publications_first = false;
        // The precondition: by relevance alone, the listing and the page come first.
        auto plain = ranked(request);
        ASSERT_EQ(plain.size(), 4u);
        EXPECT_NE(plain[0], "brief");
        EXPECT_NE(plain[0], "report");
        request.publications_first = true;
        auto first = ranked(request);
        ASSERT_EQ(first.size(), 4u);
        EXPECT_EQ(std::set<std::string>(first.begin(), first.begin() + 2),
                  (std::set<std::string>{"brief", "report"}));
        EXPECT_EQ(std::set<std::string>(first.begin() + 2, first.end()),
                  (std::set<std::string>{"listing", "team"}));
        // Paging continues the same order.
        request.offset = 1;
        request.limit = 2;
        EXPECT_EQ(ranked(request), std::vector<std::string>(first.begin() + 1, first.begin() + 3));
    }
}

TEST_F(KindTest, ScoresAreRelevanceNotTheTier) {
    // Without feedback, whose words come from the top results and so from another top.
    RankingOptions ranking;
    ranking.feedback = false;
    Searcher searcher(dir_->path() / "index", ranking);
    SearchRequest request = words("sanctions");
    auto first = searcher.search(request);
    request.publications_first = false;
    auto plain = searcher.search(request);
    ASSERT_TRUE(first && plain);
    for (const Hit& a : first->hits) {
        for (const Hit& b : plain->hits) {
            if (a.id == b.id) {
                EXPECT_NEAR(a.score, b.score, 1e-9) << a.id;
            }
        }
    }
}

TEST_F(KindTest, KindFilterFacetAndPrefix) {
    SearchRequest request = words("sanctions");
    request.kinds = {"listing"};
    EXPECT_EQ(ranked(request), std::vector<std::string>{"listing"});
    request.kinds = {"page", "listing"};
    auto both = ranked(request);
    EXPECT_EQ(std::set<std::string>(both.begin(), both.end()),
              (std::set<std::string>{"listing", "team"}));
    EXPECT_EQ(ranked(words("kind:page sanctions")), std::vector<std::string>{"team"});
    auto all = search(words("sanctions"));
    ASSERT_TRUE(all.has_value());
    std::map<std::string, std::size_t> counts;
    for (const FacetValue& v : all->facets.at("kind")) counts[v.value] = v.count;
    EXPECT_EQ(counts, (std::map<std::string, std::size_t>{
                          {"article", 2}, {"listing", 1}, {"page", 1}}));
    for (const Hit& h : all->hits)
        EXPECT_EQ(h.kind, h.id.ends_with("listing") ? "listing"
                          : h.id.ends_with("team")  ? "page"
                                                    : "article");
}

TEST_F(KindTest, UnknownKindIsARequestError) {
    SearchRequest request = words("sanctions");
    request.kinds = {"blog"};
    auto r = search(request);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, "request");
    EXPECT_NE(r.error().message.find("unknown page kind 'blog'"), std::string::npos)
        << r.error().message;
}

}  // namespace
}  // namespace thinkdex::query
