// Query stop words: English always, and the one other index language a query is written in.

#include "stop_words.hpp"

#include <gtest/gtest.h>

namespace thinkdex::query {
namespace {

TEST(StopWords, SnowballListsForTheIndexLanguages) {
    ASSERT_NE(stop_words("en"), nullptr);
    EXPECT_TRUE((*stop_words("en"))("the"));
    EXPECT_FALSE((*stop_words("en"))("sanctions"));
    ASSERT_NE(stop_words("ru"), nullptr);
    EXPECT_TRUE((*stop_words("ru"))("и"));
    ASSERT_NE(stop_words("de"), nullptr);
    EXPECT_TRUE((*stop_words("de"))("über"));  // UTF-8 words survive generation
    EXPECT_EQ(stop_words("zh"), nullptr);       // no Snowball list
    EXPECT_EQ(stop_words(""), nullptr);
}

TEST(StopWords, AQueryInAnotherIndexLanguageGetsItsStopWords) {
    const QueryStopper french("La politique de la Russie", {"de", "fr", "ru"});
    EXPECT_EQ(french.language(), "fr");
    EXPECT_TRUE(french("la"));
    EXPECT_TRUE(french("de"));
    EXPECT_TRUE(french("the"));  // English's always
    EXPECT_FALSE(french("politique"));
    EXPECT_FALSE(french("russie"));
}

TEST(StopWords, OneForeignStopWordIsNotEnoughEvidence) {
    // "war" is a German stop word ("was"), "die" an English word too.
    for (const char* text : {"war in Ukraine", "die casting exports", "Sanktionen"}) {
        const QueryStopper stopper(text, {"de", "fr"});
        EXPECT_EQ(stopper.language(), "") << text;
        EXPECT_FALSE(stopper("war")) << text;
        EXPECT_FALSE(stopper("die")) << text;
        EXPECT_TRUE(stopper("in")) << text;
    }
}

TEST(StopWords, OnlyTheIndexLanguagesCount) {
    // French words, but no French document to search: nothing is dropped beyond English.
    const QueryStopper stopper("la politique de la Russie", {"de"});
    EXPECT_EQ(stopper.language(), "");
    EXPECT_FALSE(stopper("la"));
}

TEST(StopWords, EvenEvidenceForTwoLanguagesChoosesNeither) {
    // "de" and "en" are both Dutch and French stop words (and "en" is not English's).
    const QueryStopper stopper("de en", {"fr", "nl"});
    EXPECT_EQ(stopper.language(), "");
}

}  // namespace
}  // namespace thinkdex::query
