// Query building: the user's text and filters as Xapian queries.

#include "build_query.hpp"

#include <gtest/gtest.h>

#include "field_processors.hpp"
#include "fixture_index.hpp"
#include "test_util.hpp"
#include "thinkdex/common/schema.hpp"

namespace thinkdex::query {
namespace {

TEST(BuildQuery, CapitalisedWordsAreLoweredButAcronymsAndFieldsKept) {
    const std::pair<const char*, const char*> rows[] = {
        {"Aspirin inhibits PrP", "aspirin inhibits PrP"},
        {"SIDS and Sleep", "SIDS and sleep"},
        {"Title:War (Peace) \"Cold War\"", "Title:War (peace) \"cold war\""},
        {"+Russia -China", "+russia -China"},  // after '-' a word is not lowered
    };
    for (const auto& [in, out] : rows) EXPECT_EQ(lower_capitalised_words(in), out) << in;
}

TEST(BuildQuery, HyphenatedWordsSplitOutsideQuotesAndFields) {
    const std::pair<const char*, const char*> rows[] = {
        {"cost-benefit analysis", "cost benefit analysis"},
        {"post-Soviet state-building", "post Soviet state building"},
        {"COVID-19 vaccine", "COVID 19 vaccine"},
        {"\"cost-benefit\" cost-benefit", "\"cost-benefit\" cost benefit"},  // quoted: a phrase
        {"site:think-tank.org arms-control", "site:think-tank.org arms control"},
        {"title:sino-russian ties", "title:sino-russian ties"},  // a field's value as typed
        {"after:2024-01-01 gas", "after:2024-01-01 gas"},
        {"(title:sino-russian) arms-control", "(title:sino-russian) arms control"},
        {"energy -coal", "energy -coal"},  // NOT
        {"energy - coal", "energy - coal"},
        {"-", "-"},
        {"naïve-café", "naïve café"},
    };
    for (const auto& [in, out] : rows) EXPECT_EQ(split_hyphenated_words(in), out) << in;
}

TEST(BuildQuery, PredecessorAndSiteTerms) {
    EXPECT_EQ(predecessor("20250101"), "20250100");
    EXPECT_EQ(predecessor("20250000"), "20249999");
    EXPECT_EQ(site_term("WWW.Rusi.org"), "Hrusi.org");
}

TEST(BuildQuery, FiltersCombineOneFacetWithOrAndFacetsWithAnd) {
    SearchRequest request;
    EXPECT_TRUE(filter_query(request)->empty());
    request.authors = {"Natasha Kuhrt", "Li Wei"};
    request.sites = {"www.rusi.org"};
    auto q = filter_query(request);
    ASSERT_TRUE(q.has_value());
    const std::string d = q->get_description();
    EXPECT_NE(d.find("Anatasha kuhrt OR Ali wei"), std::string::npos) << d;
    EXPECT_NE(d.find(" AND Hrusi.org"), std::string::npos) << d;

    request.kinds = {"blog"};
    EXPECT_EQ(filter_query(request).error().kind, "request");
    request.kinds.clear();
    request.since = "2025";
    request.until = "2024";
    EXPECT_EQ(filter_query(request).error().kind, "date");
}

TEST(BuildQuery, BoostsOnlyForABagOfWords) {
    test::TempDir dir;
    test::build_fixture_index(dir.path() / "index");
    Xapian::Database db((dir.path() / "index").string());
    const Synonyms none;
    const Xapian::Stem english("english");
    auto built = build_query(db, english, true, none, "strategic partnership");
    EXPECT_FALSE(built.unranked);
    EXPECT_FALSE(built.proximity.empty());
    EXPECT_NE(built.query.get_description(), built.matching.get_description());  // title boost

    // A hyphenated word's parts are stemmed, a capitalised part too ("post-Soviet").
    const std::string d =
        build_query(db, english, true, none, "Post-Soviet").matching.get_description();
    EXPECT_NE(d.find("Zsoviet"), std::string::npos) << d;
    EXPECT_NE(d.find("Zpost"), std::string::npos) << d;

    built = build_query(db, english, true, none, "strategic AND partnership");
    EXPECT_TRUE(built.proximity.empty());
    EXPECT_EQ(built.query.get_description(), built.matching.get_description());

    built = build_query(db, english, false, none, "strategic partnership");  // plain ranking
    EXPECT_TRUE(built.proximity.empty());

    built = build_query(db, english, true, none, "  ");
    EXPECT_TRUE(built.unranked);

    EXPECT_THROW(build_query(db, english, true, none, "after:someday"), Xapian::QueryParserError);
}

TEST(BuildQuery, StopWordsOfTheLanguageTheQueryIsWrittenIn) {
    test::TempDir dir;
    {
        Xapian::WritableDatabase db((dir.path() / "index").string(), Xapian::DB_CREATE);
        db.set_metadata(std::string(schema::kMetaStemLanguages), "fr");
    }
    Xapian::Database db((dir.path() / "index").string());
    const Synonyms none;
    const Xapian::Stem english("english");
    std::string d = build_query(db, english, true, none, "la politique de la Russie")
                        .matching.get_description();
    EXPECT_EQ(d.find("Zla"), std::string::npos) << d;
    EXPECT_EQ(d.find("Zde"), std::string::npos) << d;
    EXPECT_NE(d.find("russi"), std::string::npos) << d;
    // An English query keeps the words that are French stop words only ("son": his).
    d = build_query(db, english, true, none, "the son of the president").matching.get_description();
    EXPECT_NE(d.find("Zson"), std::string::npos) << d;
    EXPECT_EQ(d.find("Zthe"), std::string::npos) << d;
    // Plain ranking drops no word.
    d = build_query(db, english, false, none, "la politique de la Russie").matching.get_description();
    EXPECT_NE(d.find("Zla"), std::string::npos) << d;
}

}  // namespace
}  // namespace thinkdex::query
