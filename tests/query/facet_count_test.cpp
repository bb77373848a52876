// Facet counting: exact counts and totals up to a limit, scaled estimates beyond.

#include "facet_count.hpp"

#include <gtest/gtest.h>

#include "fixture_index.hpp"
#include "test_util.hpp"

namespace thinkdex::query {
namespace {

TEST(FacetCount, CountsEveryMatchExactlyUpToTheLimit) {
    test::TempDir dir;
    test::build_fixture_index(dir.path() / "index");
    Xapian::Database db((dir.path() / "index").string());
    SearchRequest request;
    request.facet_limit = 2;
    Counted counted = count_matches(db, Xapian::Query::MatchAll, request);
    EXPECT_EQ(counted.total, 11u);
    EXPECT_TRUE(counted.exact);
    const auto& authors = counted.facets[kFacetAuthor];
    ASSERT_EQ(authors.size(), 2u);  // facet_limit
    // Three authors have 3 publications each: ties go by value.
    EXPECT_EQ(authors[0].value, "John Smith");
    EXPECT_EQ(authors[0].count, 3u);
    EXPECT_EQ(authors[1].value, "Maria Garcia");
    EXPECT_EQ(authors[1].count, 3u);
    // Sites by their filter value (without "www.") and shown by their name.
    const auto& sites = counted.facets[kFacetSite];
    ASSERT_FALSE(sites.empty());
    EXPECT_EQ(sites[0].value, "think.example.org");
    EXPECT_EQ(sites[0].label, "Think Example");
    EXPECT_EQ(sites[0].count, 10u);
    EXPECT_EQ(std::string(kFacetNames[kFacetSite]), "site");

    request.exact_facet_matches = 4;  // beyond: scaled from the first 4
    counted = count_matches(db, Xapian::Query::MatchAll, request);
    EXPECT_FALSE(counted.exact);
    EXPECT_EQ(counted.total, 11u);
}

}  // namespace
}  // namespace thinkdex::query
