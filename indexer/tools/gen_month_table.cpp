// Writes the month-name table of parse_date() (indexer/src/extract_date.cpp) from ICU's
// DateFormatSymbols: every month's name in the locales below, formatting (genitive: "5 marca
// 2025") and standalone (nominative: "marzec 2025"), wide and abbreviated, as the date tokeniser
// sees them. Run at build time, so that the names are CLDR's and `thinkdex` need not load ICU.
//
// Each name is written as extract_date.cpp's tokeniser writes a word: trailing dots dropped
// (the tokeniser splits "janv." into "janv" and a dot), lower-cased by lower_basic() (ASCII,
// Latin-1 and Russian's Cyrillic only; so "Şubat", "Ιανουαρίου" or "Јануар" keep their capital
// there and the table has the name lower-cased, title-cased and upper-cased, each passed
// through lower_basic()), and also with its accents folded by ICU's Latin-ASCII transform
// ("fevrier", "wrzesnia"), as pages typed without accents write it, and with the letters the
// locale's long date pattern joins to the month (Hebrew's "in": "5 במרץ 2024").
//
// Where languages disagree ("listopad" is October in Croatian, November in Polish and Czech):
// the page's language picks when it has the name, else the first locale of kLocales that has
// it, so the list is in order of priority. Abbreviations are short enough to be ordinary words
// elsewhere ("pro", Czech December, is Latin "for"; "sie", Polish August, is German "they";
// "des", Indonesian December, is French "of the"), and so are some nominatives ("leden", Czech
// January, is Dutch "members"), which a full date does not use where the language has a
// genitive ("5. ledna 2025"): so of a locale not marked `any_page` only the wide formatting
// names are read on pages of any language, the rest only on pages in the locale's language.
//
// Usage: gen_month_table OUTPUT.inc
#include <unicode/datefmt.h>
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "extract_text.hpp"
#include "generator_support.hpp"

namespace {

using thinkdex::tools::literal;

struct LocaleSpec {
    const char* locale;  ///< ICU locale id; the language before '_' is what a page's tag names
    bool any_page;       ///< its abbreviations are read on pages of any language
};

/// The locales think tanks publish in, in order of priority where two disagree on a name.
/// `any_page`: the languages whose abbreviations the table had before it was generated, read
/// on every page since ("Aug.", "okt.", "janv.", "ago", "сент."). Regional locales add spellings
/// their base lacks: en_GB "Sept", de_AT "Jänner", es_PE "setiembre", fr_CA "juill.", the
/// Levant's and the Maghreb's Arabic month names (of the Levant's, those of one word). Japanese,
/// Korean and Vietnamese name the months by number ("5月", "tháng 5"), read by the numeric rules
/// or not at all: they add nothing, and are listed so that the list says what was looked at.
constexpr LocaleSpec kLocales[] = {
    {"en", true},     {"en_GB", true}, {"de", true},    {"de_AT", true},  {"fr", true},
    {"fr_CA", true},  {"es", true},    {"es_PE", true}, {"it", true},     {"pt", true},
    {"pt_PT", true},  {"nl", true},    {"ru", true},    {"uk", true},     {"pl", false},
    {"cs", false},    {"sk", false},   {"sv", false},   {"da", false},    {"nb", false},
    {"fi", false},    {"tr", false},   {"ar", false},   {"ar_SY", false}, {"ar_TN", false},
    {"ar_MA", false}, {"fa", false},   {"he", false},   {"el", false},    {"ro", false},
    {"hu", false},    {"bg", false},   {"be", false},   {"sr", false},    {"sr_Latn", false},
    {"hr", false},    {"bs", false},   {"sl", false},   {"mk", false},    {"sq", false},
    {"lt", false},    {"lv", false},   {"et", false},   {"kk", false},    {"az", false},
    {"ka", false},    {"hy", false},   {"id", false},   {"vi", false},    {"zh", false},
    {"ja", false},    {"ko", false},
};

struct ExtraName {
    const char* name;
    const char* language;
    int month;
};

/// Spellings real pages use that CLDR lacks, read on pages of any language.
constexpr ExtraName kExtraNames[] = {
    // German typed without umlauts writes "ae" (Latin-ASCII folds "März" to "marz")
    {"maerz", "de", 3},
    // Russian three-letter abbreviations that sites generate, where CLDR has four letters
    {"фев", "ru", 2},
    {"сен", "ru", 9},
    {"ноя", "ru", 11},
    // Arabic as often written without hamza, and Egypt's spellings of June and July
    {"ابريل", "ar", 4},
    {"إبريل", "ar", 4},
    {"اغسطس", "ar", 8},
    {"اكتوبر", "ar", 10},
    {"يونيه", "ar", 6},
    {"يوليه", "ar", 7},
};

struct Sense {
    std::string language;
    int month;
    bool any_page;
    std::size_t priority;
};

/// One word as the tokeniser reads it: ASCII letters and non-ASCII bytes, no digit, space or
/// ASCII punctuation ("1月" is read as a number and a word; "tháng 1" and "كانون الثاني" are
/// two words, which the parser does not take for a month).
bool one_word(const std::string& s) {
    if (s.empty()) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
}

/// The letters `locale`'s long date pattern writes joined to the month's name ("d בMMMM y":
/// Hebrew's "in"), empty when none: a page writes "5 במרץ 2024", one word to the tokeniser.
icu::UnicodeString month_prefix(const icu::Locale& locale) {
    std::unique_ptr<icu::DateFormat> format(
        icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
    auto* simple = dynamic_cast<icu::SimpleDateFormat*>(format.get());
    if (simple == nullptr) return {};
    icu::UnicodeString pattern;
    simple->toPattern(pattern);
    int32_t month = pattern.indexOf(u'M');
    if (month < 0) return {};
    int32_t from = month;
    while (from > 0 && pattern[from - 1] >= 0x80 && u_isalpha(pattern[from - 1])) --from;
    // a word's start: not Chinese's "y年M月", where the letters end the year
    if (from > 0 && !u_isspace(pattern[from - 1])) return {};
    return icu::UnicodeString(pattern, from, month - from);  // a copy: the pattern goes
}

class Table {
  public:
    explicit Table(icu::Transliterator& latin_ascii) : latin_ascii_(latin_ascii) {}

    /// Adds ICU's name `name` of month `month` in `locale` (priority `priority`).
    void add(const icu::UnicodeString& name, const icu::Locale& locale, int month, bool any_page,
             std::size_t priority) {
        icu::UnicodeString trimmed(name);
        trimmed.trim();
        while (trimmed.endsWith(icu::UnicodeString(u"."))) trimmed.truncate(trimmed.length() - 1);
        icu::UnicodeString lower(trimmed), title(trimmed), upper(trimmed);
        lower.toLower(locale);
        title.toTitle(nullptr, locale);
        upper.toUpper(locale);
        icu::UnicodeString folded(lower);
        latin_ascii_.transliterate(folded);
        for (const icu::UnicodeString* form : {&trimmed, &lower, &title, &upper, &folded}) {
            std::string utf8;
            form->toUTF8String(utf8);
            add_key(thinkdex::indexer::detail::lower_basic(utf8), locale.getLanguage(), month,
                    any_page, priority);
        }
    }

    void add_key(const std::string& key, const std::string& language, int month, bool any_page,
                 std::size_t priority) {
        if (!one_word(key)) return;
        std::vector<Sense>& senses = names_[key];
        for (Sense& s : senses) {
            if (s.language != language) continue;
            if (s.month != month) {
                std::cerr << "gen_month_table: '" << key << "' is two months in " << language
                          << "\n";
                failed_ = true;
            }
            s.any_page = s.any_page || any_page;
            return;
        }
        senses.push_back({language, month, any_page, priority});
    }

    /// Writes the entries {name, language, month, any_page} by name, then priority. A name
    /// every language reads as the same month on any page is one entry with no language.
    bool write(std::ostream& out) const {
        for (const auto& [name, senses] : names_) {
            const int month = senses.front().month;
            bool agreed = std::all_of(senses.begin(), senses.end(), [month](const Sense& s) {
                return s.month == month && s.any_page;
            });
            if (agreed) {
                out << "{" << literal(name) << ", \"\", " << month << ", true},\n";
                continue;
            }
            std::vector<Sense> by_priority(senses);
            std::stable_sort(
                by_priority.begin(), by_priority.end(),
                [](const Sense& a, const Sense& b) { return a.priority < b.priority; });
            for (const Sense& s : by_priority) {
                out << "{" << literal(name) << ", " << literal(s.language) << ", " << s.month
                    << ", " << (s.any_page ? "true" : "false") << "},\n";
            }
        }
        return !failed_ && !names_.empty();
    }

  private:
    icu::Transliterator& latin_ascii_;
    std::map<std::string, std::vector<Sense>> names_;  // byte order, as std::string_view compares
    bool failed_ = false;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: gen_month_table OUTPUT.inc\n";
        return 2;
    }
    auto latin_ascii = thinkdex::tools::latin_ascii("gen_month_table");
    if (!latin_ascii) return 1;
    UErrorCode status = U_ZERO_ERROR;
    Table table(*latin_ascii);
    for (std::size_t p = 0; p < std::size(kLocales); ++p) {
        // the Gregorian names, also where the locale's own calendar is another (Persian)
        const std::string id = std::string(kLocales[p].locale) + "@calendar=gregorian";
        const icu::Locale locale(id.c_str());
        status = U_ZERO_ERROR;
        icu::DateFormatSymbols symbols(locale, status);
        if (U_FAILURE(status)) {
            std::cerr << "gen_month_table: no date symbols for " << kLocales[p].locale << ": "
                      << u_errorName(status) << '\n';
            return 1;
        }
        const icu::UnicodeString prefix = month_prefix(locale);
        for (auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
            for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
                int32_t n = 0;
                const icu::UnicodeString* names = symbols.getMonths(n, context, width);
                for (int32_t m = 0; m < n && m < 12; ++m) {
                    // a full name as a full date writes it is read on any page; the
                    // nominative where the date takes the genitive ("leden", Czech January,
                    // is Dutch "members"), like an abbreviation, on the language's pages only
                    bool dated = width == icu::DateFormatSymbols::WIDE &&
                                 context == icu::DateFormatSymbols::FORMAT;
                    table.add(names[m], locale, m + 1, dated || kLocales[p].any_page, p);
                    if (!prefix.isEmpty() && context == icu::DateFormatSymbols::FORMAT)
                        table.add(prefix + names[m], locale, m + 1, dated || kLocales[p].any_page,
                                  p);
                }
            }
        }
    }
    for (const ExtraName& e : kExtraNames) {
        table.add_key(e.name, e.language, e.month, true, std::size(kLocales));
    }
    std::ofstream out(argv[1]);
    out << "// Generated by indexer/tools/gen_month_table.cpp from ICU's DateFormatSymbols "
           "(ICU " U_ICU_VERSION
           "). Do not edit.\n"
           "// {name as the date tokeniser lower-cases it, language (empty: all agree), month,\n"
           "// read on pages of any language}, by name, then by priority.\n";
    bool ok = table.write(out);
    out.close();
    if (!ok || !out) {
        std::cerr << "gen_month_table: cannot write " << argv[1] << '\n';
        return 1;
    }
    return 0;
}
