#include "spelling.hpp"

#include <gtest/gtest.h>

namespace thinkdex::query {
namespace {

/// An in-memory index with `words` in one document each, unstemmed and English-stemmed, as
/// the indexer writes them.
Xapian::Database index_of(std::initializer_list<const char*> words) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const Xapian::Stem english("english");
    for (const char* word : words) {
        Xapian::Document doc;
        doc.add_term(word);
        doc.add_term("Z" + english(word));
        db.add_document(doc);
    }
    return db;
}

const std::vector<Xapian::Stem> kEnglish{Xapian::Stem("english")};

TEST(VettedCorrection, AWordNotInTheIndexIsCorrected) {
    const auto db = index_of({"semiconductor", "export"});
    EXPECT_EQ(vetted_correction(db, kEnglish, "semiconductr export", "semiconductor export"),
              "semiconductor export");
    // The query's syntax stays as typed.
    EXPECT_EQ(vetted_correction(db, kEnglish, "title:semiconductr", "title:semiconductor"),
              "title:semiconductor");
}

TEST(VettedCorrection, AWordThatMatchedIsNeverCorrected) {
    const auto db = index_of({"almaty", "alat", "sanctions", "café", "cafe"});
    // A different word of the same length class.
    EXPECT_EQ(vetted_correction(db, kEnglish, "almaty", "alat"), "");
    // Another form of a word that matched through its stem.
    EXPECT_EQ(vetted_correction(db, kEnglish, "sanction", "sanctions"), "");
    // Found through its folded form.
    EXPECT_EQ(vetted_correction(db, kEnglish, "Café", "can"), "");
    // Only the unknown word changes.
    EXPECT_EQ(vetted_correction(db, kEnglish, "almaty sanctionz", "alat sanctions"),
              "almaty sanctions");
}

TEST(VettedCorrection, NoStopWordsAndNoReshapedQueries) {
    const auto db = index_of({"have", "naive"});
    EXPECT_EQ(vetted_correction(db, kEnglish, "naïf", "have"), "");
    // Two edits turn half of a short word into another word.
    EXPECT_EQ(vetted_correction(db, kEnglish, "cafx", "can"), "");
    EXPECT_EQ(vetted_correction(db, kEnglish, "cafx", "cafe"), "cafe");
    EXPECT_EQ(vetted_correction(db, kEnglish, "naiev", "naive"), "naive");  // a swap is one edit
    // Xapian's string has another number of words: alignment is unknown, so no suggestion.
    EXPECT_EQ(vetted_correction(db, kEnglish, "a b", "a"), "");
}

TEST(SuggestionPays, OnlyWhenTheQueryFindsLittleAndTheSuggestionClearlyMore) {
    EXPECT_TRUE(suggestion_pays(0, 1));
    EXPECT_TRUE(suggestion_pays(2, 4));
    EXPECT_FALSE(suggestion_pays(2, 3));    // not clearly more
    EXPECT_FALSE(suggestion_pays(0, 0));    // finds nothing either
    EXPECT_FALSE(suggestion_pays(50, 500)); // the query found plenty
}

TEST(MatchesForSuggestion, CountsWithinTheFilter) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (int i = 0; i < 5; ++i) {
        Xapian::Document doc;
        doc.add_term("water");
        doc.add_boolean_term(i < 2 ? "Y2024" : "Y2025");
        db.add_document(doc);
    }
    EXPECT_EQ(matches_for_suggestion(db, Xapian::Query("water"), Xapian::Query()), 5u);
    EXPECT_EQ(matches_for_suggestion(db, Xapian::Query("water"), Xapian::Query("Y2024")), 2u);
}

}  // namespace
}  // namespace thinkdex::query
