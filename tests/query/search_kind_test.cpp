// Page kinds in search: publications before listings and pages, scores, the kind filter and
// facet.

#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixture_index.hpp"
#include "search_request.hpp"
#include "test_util.hpp"
#include "thinkdex/indexer/index_writer.hpp"
#include "thinkdex/query/search.hpp"

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
