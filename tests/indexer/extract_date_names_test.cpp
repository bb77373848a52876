// Month names from the table generated from ICU (indexer/tools/gen_month_table.cpp): dates in
// languages the hand-typed table lacked, the page's language picking among languages that
// disagree on a name, and short names that are ordinary words elsewhere left unread.

#include <gtest/gtest.h>

#include <string>

#include "extract_date.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace {

using namespace thinkdex::indexer::detail;
using thinkdex::indexer::extract;

struct NameCase {
    const char* name;
    const char* text;
    const char* language;  ///< the page's language tag, "" when unknown
    const char* expected;
};

void PrintTo(const NameCase& c, std::ostream* os) { *os << c.name; }

class MonthNames : public ::testing::TestWithParam<NameCase> {};

TEST_P(MonthNames, Reads) {
    const auto& c = GetParam();
    EXPECT_EQ(parse_date(c.text, true, date_reading(c.language)), c.expected) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Languages, MonthNames,
    ::testing::Values(
        NameCase{"romanian", "5 martie 2024", "", "2024-03-05"},
        NameCase{"hungarian_year_first", "2024. május 5.", "", "2024-05-05"},
        NameCase{"hungarian_abbreviation_on_its_page", "2024. márc. 15.", "hu", "2024-03-15"},
        NameCase{"lithuanian_year_first", "2024 m. gegužės 5 d.", "", "2024-05-05"},
        NameCase{"greek_capitalised", "5 Μαΐου 2024", "", "2024-05-05"},
        NameCase{"greek_lower", "15 ιανουαρίου 2024", "", "2024-01-15"},
        NameCase{"greek_upper", "15 ΙΑΝΟΥΑΡΙΟΥ 2024", "", "2024-01-15"},
        NameCase{"bulgarian", "5 септември 2024 г.", "", "2024-09-05"},
        NameCase{"finnish", "5. toukokuuta 2024", "", "2024-05-05"},
        NameCase{"serbian_cyrillic", "5. јун 2024.", "", "2024-06-05"},
        NameCase{"slovak", "5. októbra 2024", "", "2024-10-05"},
        NameCase{"latvian_abbreviation_on_its_page", "5. jūn. 2024", "lv", "2024-06-05"},
        NameCase{"persian", "۵ ژوئن ۲۰۲۴", "", "2024-06-05"},
        NameCase{"hebrew_bare", "5 מרץ 2024", "", "2024-03-05"},
        NameCase{"hebrew_in_march", "5 במרץ 2024", "", "2024-03-05"},
        NameCase{"polish_without_accents", "5 wrzesnia 2024", "", "2024-09-05"},
        NameCase{"maghreb_arabic", "5 جوان 2024", "", "2024-06-05"}));

// "listopad(a)" is October in Croatian, November in Polish and Czech: the page's language
// picks; without one, the first locale of the generator's priority list (Polish).
INSTANTIATE_TEST_SUITE_P(
    Ambiguity, MonthNames,
    ::testing::Values(
        NameCase{"croatian_page", "5. listopada 2024.", "hr-HR", "2024-10-05"},
        NameCase{"polish_page", "5 listopada 2024", "pl", "2024-11-05"},
        NameCase{"unknown_language_by_priority", "5 listopada 2024", "", "2024-11-05"},
        NameCase{"other_language_by_priority", "5 listopada 2024", "en", "2024-11-05"},
        NameCase{"abbreviation_croatian_page", "5. lis 2024.", "hr", "2024-10-05"},
        NameCase{"abbreviation_czech_page", "5. lis 2024", "cs", "2024-11-05"},
        // an abbreviation only its own language reads: no language, no month
        NameCase{"abbreviation_unknown_language", "5. lis 2024", "", ""}));

// Abbreviations and nominatives that are ordinary words in another language are read only
// on pages in their own language; the year first only with its mark.
INSTANTIATE_TEST_SUITE_P(
    OrdinaryWords, MonthNames,
    ::testing::Values(NameCase{"czech_pro_is_not_december", "iPhone 15 Pro 2023", "en", ""},
                      NameCase{"czech_pro_on_a_czech_page", "15. pro 2023", "cs", "2023-12-15"},
                      NameCase{"dutch_leden_is_not_january", "12 leden 2024", "nl", ""},
                      NameCase{"czech_leden_on_a_czech_page", "12 leden 2024", "cs", "2024-01-12"},
                      NameCase{"french_des_is_not_december", "3 des 2024 candidats", "fr", ""},
                      NameCase{"indonesian_des_on_its_page", "3 Des 2024", "id", "2024-12-03"},
                      NameCase{"year_first_needs_its_mark", "In 2025 may 26 people", "", ""}));

TEST(DateReading, LanguageOfTag) {
    EXPECT_EQ(date_reading("hr-HR").language, "hr");
    EXPECT_EQ(date_reading("pt_BR").language, "pt");
    EXPECT_EQ(date_reading("no").language, "nb");
    EXPECT_EQ(date_reading("").language, "");
    EXPECT_EQ(date_reading("en-US").order, NumericOrder::kMonthFirst);
}

// The page's language reaches the dateline: <html lang>, else og:locale.
TEST(MonthNamesOnPages, PageLanguagePicks) {
    auto page = [](const std::string& lang, const std::string& head) {
        return "<!DOCTYPE html><html" + lang + "><head><title>Vodni ugovori</title>" + head +
               "</head><body><article><h1>Vodni ugovori</h1><p>5. listopada 2024.</p><p>The "
               "basin states signed their water agreements three decades ago, and the new "
               "canal, the dry years and the growing cities downstream now test them.</p><p>The "
               "commission that should settle disputes has not met since the spring.</p>"
               "</article></body></html>";
    };
    EXPECT_EQ(extract(page(" lang='hr'", ""), "").value().published, "2024-10-05");
    EXPECT_EQ(
        extract(page("", "<meta property='og:locale' content='hr_HR'>"), "").value().published,
        "2024-10-05");
    EXPECT_EQ(extract(page(" lang='pl'", ""), "").value().published, "2024-11-05");
}

}  // namespace
