// The Searcher on the fixture index: ranking of the right document, filters, facets, sort,
// paging, query syntax and its errors, snippets, and date bounds.

#include "thinkdex/query/search.hpp"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixture_index.hpp"
#include "search_request.hpp"
#include "test_util.hpp"
#include "thinkdex/indexer/index_writer.hpp"

namespace thinkdex::query {
namespace {

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

}  // namespace
}  // namespace thinkdex::query
