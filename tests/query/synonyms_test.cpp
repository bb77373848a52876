// Query-time synonyms: which words of a query text are replaced, and the text restored.

#include "synonyms.hpp"

#include <gtest/gtest.h>

namespace thinkdex::query {
namespace {

TEST(Synonyms, RewritesBareWordsLongestFirstOutsideQuotesAndFields) {
    const std::vector<SynonymKey> keys = {{{"shanghai", "cooperation", "organisation"}, 0},
                                          {{"sco"}, 0}};
    const std::tuple<const char*, const char*, std::size_t> rows[] = {
        {"SCO summit", "thinkdexsyn:0  summit", 1},
        {"the Shanghai  Cooperation Organisation", "the thinkdexsyn:0 ", 1},
        {"\"SCO summit\"", "\"SCO summit\"", 0},     // quoted phrases stay exact
        {"title:SCO", "title:SCO", 0},               // a field value
        {"SCO* SCO.org SCO-led", "SCO* SCO.org SCO-led", 0},
        {"-SCO +sco", "-thinkdexsyn:0  +thinkdexsyn:1 ", 2},
        {"disco", "disco", 0},
    };
    for (const auto& [in, out, count] : rows) {
        SynonymsFound found;
        EXPECT_EQ(rewrite_synonyms(in, keys, found), out) << in;
        EXPECT_EQ(found.size(), count) << in;
    }
}

TEST(Synonyms, RestoresTheWordsAsTyped) {
    SynonymsFound found = {{0, "SCO"}, {0, "Shanghai Cooperation Organisation"}};
    // Each token was followed by a space of its own (rewrite_synonyms).
    EXPECT_EQ(restore_synonyms("thinkdexsyn:0  summit thinkdexsyn:1 ", found),
              "SCO summit Shanghai Cooperation Organisation");
}

TEST(Synonyms, GroupsParseTheirMembersAsTheQueryParserWould) {
    Synonyms synonyms;
    EXPECT_TRUE(synonyms.empty());
    synonyms.set({{"SCO", "Shanghai Cooperation Organisation", " "}}, Xapian::Stem("english"));
    ASSERT_FALSE(synonyms.empty());
    SynonymsFound found;
    EXPECT_EQ(synonyms.rewrite("sco", found), "thinkdexsyn:0 ");
    const auto queries = synonyms.queries(found);
    ASSERT_EQ(queries.size(), 1u);
    const std::string d = queries[0].get_description();
    EXPECT_NE(d.find("SYNONYM"), std::string::npos) << d;
    EXPECT_NE(d.find("Zsco@1 SYNONYM"), std::string::npos) << d;
    EXPECT_NE(d.find("Zshanghai@1"), std::string::npos) << d;
}

}  // namespace
}  // namespace thinkdex::query
