#include <gtest/gtest.h>

#include "thinkdex/common/schema.hpp"

namespace thinkdex::schema {
namespace {

TEST(Schema, UniqueIdTermKeepsShortIds) {
    EXPECT_EQ(unique_id_term("https://example.org/a"), "Qhttps://example.org/a");
}

TEST(Schema, UniqueIdTermShortensLongIdsDistinctly) {
    std::string base = "https://example.org/" + std::string(300, 'a');
    std::string a = unique_id_term(base + "1");
    std::string b = unique_id_term(base + "2");
    EXPECT_LE(a.size(), 245u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a, unique_id_term(base + "1"));
}

TEST(Schema, FilterTermFoldsCaseAndSpace) {
    EXPECT_EQ(filter_term(kAuthor, "  Natasha   Kuhrt "), "Anatasha kuhrt");
    EXPECT_EQ(filter_term(kTag, "Central Asia"), "Kcentral asia");
}

}  // namespace
}  // namespace thinkdex::schema
