#include "thinkdex/common/text_fold.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include <unicode/translit.h>
#include <unicode/unistr.h>

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
        // Decomposed letters fold as composed ones do; marks on other letters stay.
        {"Tie\u0302\u0301ng Vie\u0323\u0302t", "Tieng Viet"},
        {"g\u0336b\u0336p\u0336 \u00A3\u0336", "gbp \u00A3\u0336"},
        {"й\u0301", "й\u0301"},
    };
    for (const auto& [in, out] : rows) EXPECT_EQ(fold_accents(in), out) << in;
}

// fold_accents() uses a table generated from ICU's Latin-ASCII transform: on text of many
// languages it must agree with the transform itself (but for the case of "Æ" -> "AE"/"Ae",
// which ICU picks from the next letter and no search sees, as terms are lower case).
TEST(FoldAccents, AgreesWithIcuLatinAscii) {
    UErrorCode status = U_ZERO_ERROR;
    const std::unique_ptr<icu::Transliterator> latin_ascii(
        icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    ASSERT_TRUE(U_SUCCESS(status));
    const auto lower = [](icu::UnicodeString text) {
        std::string out;
        text.toLower().toUTF8String(out);
        return out;
    };
    for (const char* text : {
             "L'économie française, ça coûte: «déjà» œuvre",
             "Größere Wärmeplanung für Straßen", "Łódź, Gdańsk i Kraków są piękne",
             "Příliš žluťoučký kůň úpěl ďábelské ódy", "Tiếng Việt có dấu",
             "İstanbul'da şehir ılık, çiçek ğ", "Þórður Ægisson í Reykjavík",
             "Vânătorii din Brașov și Timișoara", "sequía, pingüino, ñandú",
             "Ação, São Paulo, coração", "Árvíztűrő tükörfúrógép",
             "“Quoted” — dash – and ‘single’ … ellipsis", "ＦＵＬＬＷＩＤＴＨ ａｂｃ １２３",
             "пшеница и 中国合作 stay", "ﬁnance ﬂow", "e\u0301te\u0301 decomposed"}) {
        icu::UnicodeString expected = icu::UnicodeString::fromUTF8(text);
        latin_ascii->transliterate(expected);
        EXPECT_EQ(lower(icu::UnicodeString::fromUTF8(fold_accents(text))), lower(expected))
            << text;
    }
}

TEST(FoldAccents, HasFoldable) {
    EXPECT_TRUE(has_foldable("café"));
    EXPECT_FALSE(has_foldable("cafe"));
    EXPECT_FALSE(has_foldable("пшеница"));
    EXPECT_FALSE(has_foldable("中国"));
}

}  // namespace
}  // namespace thinkdex
