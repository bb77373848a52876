#include "thinkdex/common/text_fold.hpp"

#include <gtest/gtest.h>

#include <utility>

namespace thinkdex {
namespace {

TEST(SplitElisions, DropsFrenchAndItalianElidedWords) {
    struct Row {
        const char* in;
        const char* out;
    } rows[] = {
        {"L'économie", "économie"},
        {"l’économie d’Italia", "économie Italia"},
        {"qu'il dell'Unione nell'anno", "il Unione anno"},
        {"jusqu'à l'été", "à été"},
        // English contractions and names are not elisions.
        {"don't it's O'Brien", "don't it's O'Brien"},
        {"aujourd'hui", "aujourd'hui"},
        {"l' alone, 'l'", "l' alone, 'l'"},
        {"no apostrophe", "no apostrophe"},
    };
    for (const Row& row : rows) EXPECT_EQ(split_elisions(row.in), row.out) << row.in;
}

TEST(FoldAccents, LatinToAsciiOtherScriptsUntouched) {
    const std::pair<const char*, const char*> rows[] = {
        {"café Québec", "cafe Quebec"},
        {"Wärmeplanung sequía", "Warmeplanung sequia"},
        {"Straße łódź", "Strasse lodz"},
        // Cyrillic and CJK keep their letters: their stemmers expect them (й is no и).
        {"пшеницы й", "пшеницы й"},
        {"中国合作", "中国合作"},
        {"plain ascii", "plain ascii"},
    };
    for (const auto& [in, out] : rows) EXPECT_EQ(fold_accents(in), out) << in;
}

TEST(FoldAccents, HasFoldable) {
    EXPECT_TRUE(has_foldable("café"));
    EXPECT_FALSE(has_foldable("cafe"));
    EXPECT_FALSE(has_foldable("пшеница"));
    EXPECT_FALSE(has_foldable("中国"));
}

}  // namespace
}  // namespace thinkdex
