#include "extract_date.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

using namespace date_tunables;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha_ascii(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A month's name as the tokeniser writes it, generated at build time from ICU's month names
// (indexer/tools/gen_month_table.cpp, which says what is read where and why).
struct MonthName {
    std::string_view name;
    std::string_view language;  // empty: every language reads it as `number`
    int number;
    bool any_page;  // read on pages of any language, not only in `language`'s
};

// By name, then by the generator's locale priority.
constexpr MonthName kMonthNames[] = {
#include "month_table.inc"
};

constexpr bool by_name(const MonthName& a, const MonthName& b) { return a.name < b.name; }
static_assert(std::is_sorted(std::begin(kMonthNames), std::end(kMonthNames), by_name));

// The month `word` names on a page read by `reading`, 0 when none: the page's language's
// month when the name is one of its own, else that of the first locale that reads it on any
// page.
int month_number(std::string_view word, const DateReading& reading) {
    auto [first, last] = std::equal_range(std::begin(kMonthNames), std::end(kMonthNames),
                                          MonthName{word, {}, 0, false}, by_name);
    const MonthName* any = nullptr;
    for (auto it = first; it != last; ++it) {
        if (!reading.language.empty() && it->language == reading.language) return it->number;
        if (it->any_page && any == nullptr) any = &*it;
    }
    return any != nullptr ? any->number : 0;
}

struct Token {
    enum Kind { kNumber, kWord, kPunct } kind;
    std::string text;  // lower case for words
    int value = 0;     // for numbers
    std::size_t digits = 0;
    std::size_t at = 0;  // byte offset in the input
};

// Non-ASCII punctuation that ends a word: CJK full-width colon, comma and ideographic comma
// and full stop, the middle dot, the bullet, the Arabic comma. Without this "发布时间：2024"
// would be one word.
std::size_t punct_at(std::string_view s, std::size_t i) {
    for (std::string_view p : {"\uff1a", "\uff0c", "\u3001", "\u3002", "\u00b7", "\u2022",
                               "\u2013", "\u2014", "\u00a9", "\uff5c", "\u060c"}) {
        if (s.substr(i).starts_with(p)) return p.size();
    }
    return 0;
}

// The digit at `i`: its bytes (0 when none) and value. Full-width digits ("２０２５年") are
// digits too: Chinese and Japanese pages write dates with them; so are Arabic-Indic and
// Persian digits ("٢٠ مايو ٢٠٢٤").
std::size_t digit_at(std::string_view s, std::size_t i, int& value) {
    if (is_digit(s[i])) {
        value = s[i] - '0';
        return 1;
    }
    if (i + 1 < s.size()) {
        auto lead = static_cast<unsigned char>(s[i]);
        auto c = static_cast<unsigned char>(s[i + 1]);
        if ((lead == 0xD9 && c >= 0xA0 && c <= 0xA9) || (lead == 0xDB && c >= 0xB0 && c <= 0xB9)) {
            value = lead == 0xD9 ? c - 0xA0 : c - 0xB0;
            return 2;
        }
    }
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF &&
        static_cast<unsigned char>(s[i + 1]) == 0xBC) {
        auto c = static_cast<unsigned char>(s[i + 2]);
        if (c >= 0x90 && c <= 0x99) {
            value = c - 0x90;
            return 3;
        }
    }
    return 0;
}

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    int digit = 0;
    while (i < s.size() && out.size() < 200) {
        char c = s[i];
        if (digit_at(s, i, digit) != 0) {
            std::size_t j = i, len = 0, n = 0;
            std::string text;
            int v = 0;
            while (j < s.size() && (len = digit_at(s, j, digit)) != 0) {
                if (n < 8) v = v * 10 + digit;
                text.push_back(static_cast<char>('0' + digit));
                ++n;
                j += len;
            }
            out.push_back({Token::kNumber, std::move(text), v, n, i});
            i = j;
        } else if (std::size_t pl = punct_at(s, i); pl != 0) {
            out.push_back({Token::kPunct, std::string(s.substr(i, pl)), 0, 0, i});
            i += pl;
        } else if (is_alpha_ascii(c) || static_cast<unsigned char>(c) >= 0x80) {
            std::size_t j = i;
            while (j < s.size() &&
                   (is_alpha_ascii(s[j]) || static_cast<unsigned char>(s[j]) >= 0x80)) {
                std::size_t len = 0;
                if (static_cast<unsigned char>(s[j]) >= 0x80 &&
                    (space_at(s, j, len) || punct_at(s, j) != 0 || digit_at(s, j, digit) != 0))
                    break;
                ++j;
            }
            if (j == i) {  // a lone non-ASCII space
                std::size_t len = 1;
                space_at(s, i, len);
                i += std::max<std::size_t>(len, 1);
                continue;
            }
            out.push_back({Token::kWord, lower_basic(s.substr(i, j - i)), 0, 0, i});
            i = j;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
        } else {
            out.push_back({Token::kPunct, std::string(1, c), 0, 0, i});
            ++i;
        }
    }
    return out;
}

bool valid_ymd(int y, int m, int d) {
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
    static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return d <= kDays[static_cast<std::size_t>(m - 1)];
}

std::string format_ymd(int y, int m, int d) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

// Words that may sit between the parts of a date ("26 de agosto de 2025", "26th of August",
// "1er mai", "Sept. 3").
bool is_filler(const Token& t) {
    if (t.kind == Token::kPunct)
        return t.text == "," || t.text == "." || t.text == "-" || t.text == "\u060c";
    // "г." (Russian), "р." (Ukrainian) and "r." (Polish) abbreviate "year" after it
    static constexpr std::array<std::string_view, 12> kFill{
        "de", "del", "of", "the", "st", "nd", "rd", "th", "г", "р", "r", "er"};
    return std::find(kFill.begin(), kFill.end(), t.text) != kFill.end();
}

std::size_t skip_filler(const std::vector<Token>& t, std::size_t i) {
    std::size_t n = 0;
    while (i < t.size() && is_filler(t[i]) && n < 3) {
        ++i;
        ++n;
    }
    return i;
}

bool is_small(const Token& t) { return t.kind == Token::kNumber && t.digits <= 2; }
bool is_year(const Token& t) { return t.kind == Token::kNumber && t.digits == 4; }

// The date that starts at token `i`, or empty; `end` is set past its last token.
std::string date_at(const std::vector<Token>& t, std::size_t i, const DateReading& reading,
                    std::size_t& end) {
    const NumericOrder order = reading.order;
    const Token& a = t[i];
    if (is_year(a) && i + 4 < t.size()) {
        // ISO: 2025-08-26, 2025/08/26, 2025.08.26 (and Korean 2025. 8. 26.)
        const Token& s1 = t[i + 1];
        const Token& s2 = t[i + 3];
        if (s1.kind == Token::kPunct && s1.text == s2.text &&
            (s1.text == "-" || s1.text == "/" || s1.text == ".") && is_small(t[i + 2]) &&
            is_small(t[i + 4]) && valid_ymd(a.value, t[i + 2].value, t[i + 4].value)) {
            end = i + 5;
            return format_ymd(a.value, t[i + 2].value, t[i + 4].value);
        }
        // 2025年8月26日 (Chinese, Japanese), 2025년 8월 26일 (Korean)
        if (t[i + 1].kind == Token::kWord && is_small(t[i + 2]) && t[i + 3].kind == Token::kWord &&
            is_small(t[i + 4]) && i + 5 < t.size() && t[i + 5].kind == Token::kWord) {
            bool cjk = t[i + 1].text == "\u5e74" && t[i + 3].text == "\u6708" &&
                       t[i + 5].text.starts_with("\u65e5");
            bool korean = t[i + 1].text == "\ub144" && t[i + 3].text == "\uc6d4" &&
                          t[i + 5].text.starts_with("\uc77c");
            if ((cjk || korean) && valid_ymd(a.value, t[i + 2].value, t[i + 4].value)) {
                end = i + 6;
                return format_ymd(a.value, t[i + 2].value, t[i + 4].value);
            }
        }
    }
    if (is_year(a)) {
        // 2025. augusztus 26. (Hungarian), 2025 m. rugpjūčio 26 d. (Lithuanian): the year
        // first only with its mark (a dot, "m."), and the day closed, since prose has "in
        // 2025 may 26 people ..."
        std::size_t j = i + 1;
        if (j < t.size() && t[j].kind == Token::kWord && t[j].text == "m") ++j;
        if (j + 1 < t.size() && t[j].text == "." && t[j + 1].kind == Token::kWord) {
            int m = month_number(t[j + 1].text, reading);
            std::size_t k = skip_filler(t, j + 2);
            if (m != 0 && k < t.size() && is_small(t[k]) && valid_ymd(a.value, m, t[k].value) &&
                (k + 1 == t.size() || t[k + 1].text == "." || t[k + 1].text == "-" ||
                 t[k + 1].text == "d")) {
                end = k + 1;
                return format_ymd(a.value, m, t[k].value);
            }
        }
    }
    if (a.kind == Token::kNumber && a.digits == 8 && i == 0 && t.size() == 1) {
        // 20250826, only as a whole value (attributes such as data-date="20250826")
        int y = a.value / 10000, m = (a.value / 100) % 100, d = a.value % 100;
        if (valid_ymd(y, m, d)) {
            end = 1;
            return format_ymd(y, m, d);
        }
    }
    if (is_small(a)) {
        // 26.08.2025, 26/08/2025, 08/26/2025, 26-08-2025: the order decides when both
        // numbers could be a month; dots are day first wherever they are written
        if (i + 4 < t.size() && t[i + 1].kind == Token::kPunct && t[i + 1].text == t[i + 3].text &&
            (t[i + 1].text == "." || t[i + 1].text == "/" || t[i + 1].text == "-") &&
            is_small(t[i + 2]) && is_year(t[i + 4])) {
            int x = a.value, y = t[i + 2].value, year = t[i + 4].value;
            bool day_first = t[i + 1].text == "." || order == NumericOrder::kDayFirst;
            bool month_first = t[i + 1].text != "." && order == NumericOrder::kMonthFirst;
            end = i + 5;
            if ((x > 12 || day_first) && valid_ymd(year, y, x)) return format_ymd(year, y, x);
            if ((y > 12 || month_first) && valid_ymd(year, x, y)) return format_ymd(year, x, y);
        }
        // 26 August 2025, 26. August 2025, 26 de agosto de 2025, 26 августа 2025
        std::size_t j = skip_filler(t, i + 1);
        if (j < t.size() && t[j].kind == Token::kWord) {
            int m = month_number(t[j].text, reading);
            if (m != 0) {
                std::size_t k = skip_filler(t, j + 1);
                if (k < t.size() && is_year(t[k]) && valid_ymd(t[k].value, m, a.value)) {
                    end = k + 1;
                    return format_ymd(t[k].value, m, a.value);
                }
            }
        }
    }
    if (a.kind == Token::kWord) {
        int m = month_number(a.text, reading);
        if (m != 0) {
            // August 26, 2025 / Aug. 26th, 2025
            std::size_t j = skip_filler(t, i + 1);
            if (j < t.size() && is_small(t[j])) {
                std::size_t k = skip_filler(t, j + 1);
                if (k < t.size() && is_year(t[k]) && valid_ymd(t[k].value, m, t[j].value)) {
                    end = k + 1;
                    return format_ymd(t[k].value, m, t[j].value);
                }
            }
        }
    }
    return {};
}

bool contains_any(std::string_view lower, std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view w) { return lower.find(w) != std::string_view::npos; });
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long days_from_civil(long y, long m, long d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool split_ymd(std::string_view s, long& y, long& m, long& d) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    auto num = [&](std::size_t from, std::size_t n) {
        long v = 0;
        for (std::size_t k = from; k < from + n; ++k) {
            if (!is_digit(s[k])) return -1L;
            v = v * 10 + (s[k] - '0');
        }
        return v;
    };
    y = num(0, 4);
    m = num(5, 2);
    d = num(8, 2);
    return y > 0 && m > 0 && d > 0;
}

}  // namespace

NumericOrder numeric_order(std::string_view tag) {
    std::string t = lower_ascii(tag);
    std::replace(t.begin(), t.end(), '_', '-');
    if (t.empty() || t == "en") return NumericOrder::kUnknown;
    if (t.starts_with("en-us") || t == "en-ph") return NumericOrder::kMonthFirst;
    return NumericOrder::kDayFirst;
}

DateReading date_reading(std::string_view tag) {
    DateReading out(numeric_order(tag));
    std::string t = lower_ascii(tag);
    out.language = t.substr(0, std::min(t.find_first_of("-_"), t.size()));
    // the month table's names for Norwegian, Hebrew and Indonesian (older tags: "iw", "in")
    if (out.language == "no" || out.language == "nn") out.language = "nb";
    if (out.language == "iw") out.language = "he";
    if (out.language == "in") out.language = "id";
    return out;
}

std::string parse_date(std::string_view s, bool strict, const DateReading& reading) {
    if (strict && s.size() > 120) return {};
    if (s.size() > 4000) s = s.substr(0, 4000);
    std::vector<Token> t = tokenize(s);
    for (std::size_t i = 0; i < t.size(); ++i) {
        std::size_t end = i;
        std::string d = date_at(t, i, reading, end);
        if (!d.empty()) return d;
    }
    return {};
}

namespace {

// True when one of `words` starts a word of `lower` (the class "event-date", not "prevent").
bool starts_a_word(std::string_view lower, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) {
        for (std::size_t at = lower.find(w); at != std::string_view::npos;
             at = lower.find(w, at + 1)) {
            if (at == 0 || !is_alpha_ascii(lower[at - 1])) return true;
        }
    }
    return false;
}

// The words of dates that are not a publication's though no modification either: an event's
// (a talk, a webinar, its start and end), a deadline, the day a source was accessed.
bool other_moment(std::string_view lower) {
    return starts_a_word(lower, {"event", "deadline", "due date", "accessed", "retrieved",
                                 "start date", "end date", "starts", "ends ", "when:",
                                 "date and time", "date & time", "veranstaltung", "termin:",
                                 "événement", "evenement", "evento", "abgerufen", "consulté",
                                 "consultado", "мероприят"}) ||
           contains_any(lower, {"活动时间", "会议时间", "开幕", "開催", "访问日期"});
}

}  // namespace

bool modification_context(std::string_view s) {
    std::string l = lower_basic(s);
    // German "Stand:" is the state a page is as of: its last revision; "changed" is how
    // Drupal names the last revision's field ("field--name-changed")
    if (other_moment(l) || starts_a_word(l, {"stand:", "changed"})) return true;
    return contains_any(l, {"updated", "update:", "modified", "modif", "\u00a9", "copyright",
                            "(c)", "last ", "revised", "aktualisiert", "geändert",
                            "mis à jour", "mise à jour", "actualizado", "actualización",
                            "aggiornato", "aggiornamento", "atualizado", "atualização",
                            "обновлено", "обновлен", "изменено", "оновлено", "zaktualizowano",
                            "aktualizacja", "aktualizováno", "güncelle", "bijgewerkt", "تحديث",
                            "更新",
                            "修改", "編集"});
}

bool current_date_class(std::string_view class_id) {
    // a word of its own only: "today" inside a name ("usatoday") is a site's
    return starts_a_word(class_id, {"today", "current-date", "current_date", "currentdate"});
}

bool publication_context(std::string_view s) {
    std::string l = lower_basic(s);
    // "publication" alone names a kind of page ("Publications"): only as the date's name
    return contains_any(l, {"publish", "posted", "pubdate", "publication date",
                            "publication-date", "publication_date", "publicationdate",
                            "date of publication", "release date", "veröffentlicht",
                            "erschienen", "erscheinungsdatum", "publiziert", "publié",
                            "publie le", "date de publication", "publicado",
                            "fecha de publicación", "pubblicato", "data di pubblicazione",
                            "publicação", "data de publicação", "опубликован", "дата публикации",
                            "опубліковано", "дата публікації", "opublikowano", "data publikacji",
                            "publikováno", "datum publikace", "gepubliceerd", "yayınla",
                            "yayın tarihi", "نشر", "نُشر", "发布", "發布", "发表", "公開", "投稿",
                            "掲載"}) ||
           starts_a_word(l, {"issued"});
}

LabelledDate date_in_line(std::string_view line, const DateReading& reading) {
    LabelledDate out;
    if (line.size() > kMaxDateLine) return out;
    std::vector<Token> t = tokenize(line);
    std::size_t from = 0;  // the words since the previous date label the next one
    for (std::size_t i = 0; i < t.size(); ++i) {
        std::size_t end = i;
        std::string d = date_at(t, i, reading, end);
        if (d.empty()) continue;
        std::string_view before = line.substr(from, t[i].at - from);
        DateLabel label = modification_context(before)   ? DateLabel::kModified
                          : publication_context(before) ? DateLabel::kPublished
                                                        : DateLabel::kUnlabelled;
        if (label == DateLabel::kPublished) return {d, label};
        if (label == DateLabel::kUnlabelled && out.date.empty()) out = {d, label};
        from = end < t.size() ? t[end].at : line.size();
        i = end - 1;
    }
    return out;
}

DateLabel label_of(std::string_view words, std::string_view date, const DateReading& reading) {
    LabelledDate l = date_in_line(words, reading);
    if (!l.date.empty() && l.date == date) return l.label;
    if (modification_context(words)) return DateLabel::kModified;
    if (publication_context(words)) return DateLabel::kPublished;
    return DateLabel::kUnlabelled;
}

namespace {

// "2023/october/03/…" (a path that names the month): the date, else empty.
std::string url_date_month_named(std::string_view rest) {
    if (rest.size() < 10 || rest[4] != '/') return {};
    for (std::size_t k = 0; k < 4; ++k) {
        if (!is_digit(rest[k])) return {};
    }
    std::size_t m_end = rest.find('/', 5);
    if (m_end == std::string_view::npos || m_end == 5) return {};
    std::string_view month = rest.substr(5, m_end - 5);
    for (char c : month) {
        if (!is_alpha_ascii(c)) return {};
    }
    std::size_t d_end = m_end + 1;
    while (d_end < rest.size() && is_digit(rest[d_end])) ++d_end;
    if (d_end == m_end + 1 || d_end > m_end + 3 ||
        (d_end < rest.size() && rest[d_end] != '/' && rest[d_end] != '-'))
        return {};
    std::string written = std::string(rest.substr(m_end + 1, d_end - m_end - 1)) + " " +
                          std::string(month) + " " + std::string(rest.substr(0, 4));
    return parse_date(written, true);
}

}  // namespace

std::string url_date(std::string_view url) {
    std::size_t q = url.find_first_of("?#");
    if (q != std::string_view::npos) url = url.substr(0, q);
    std::size_t scheme = url.find("://");
    std::size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
    if (path == std::string_view::npos) return {};
    for (std::size_t p = url.find('/', path); p != std::string_view::npos; p = url.find('/', p + 1)) {
        std::string_view rest = url.substr(p + 1);
        if (rest.size() < 10 || !is_digit(rest[0])) continue;
        if (std::string named = url_date_month_named(rest); !named.empty()) return named;
        // /2024/05/20/ or /2024-05-20 at the start of a segment, followed by a separator
        bool slashes = rest[4] == '/' && rest[7] == '/';
        bool dashes = rest[4] == '-' && rest[7] == '-';
        if (!slashes && !dashes) continue;
        if (rest.size() > 10 && is_alpha_ascii(rest[10])) continue;
        if (rest.size() > 10 && is_digit(rest[10])) continue;
        std::string part(rest.substr(0, 10));
        std::replace(part.begin(), part.end(), '/', '-');
        long y = 0, m = 0, d = 0;
        if (split_ymd(part, y, m, d) && valid_ymd(static_cast<int>(y), static_cast<int>(m),
                                                  static_cast<int>(d)))
            return part;
    }
    return {};
}

long days_between(std::string_view a, std::string_view b) {
    long ya = 0, ma = 0, da = 0, yb = 0, mb = 0, db = 0;
    if (!split_ymd(a, ya, ma, da) || !split_ymd(b, yb, mb, db)) return 0;
    return days_from_civil(yb, mb, db) - days_from_civil(ya, ma, da);
}

ChosenDate choose_published(const DateEvidence& e) {
    ChosenDate structured;
    // a generic WebPage's datePublished is when the CMS made the page (service and landing
    // pages have one too): it counts only beside a sign that the page is dated
    // (a date beside a byline box, the last resort, is too weak a sign)
    bool page_only = !e.ld_is_article && (e.visible.empty() || e.visible_in_byline_box) &&
                     e.url.empty() && e.meta_published.empty() && e.microdata.empty();
    const std::string no_date;
    for (const auto& [date, source] :
         {std::pair{&e.citation, "citation meta"},
          std::pair{page_only ? &no_date : &e.ld_published, "JSON-LD"},
          std::pair{&e.meta_published, "meta"}, std::pair{&e.microdata, "itemprop"}}) {
        if (!date->empty()) {
            structured = {*date, source};
            break;
        }
    }
    if (!structured.date.empty()) {
        // the date the reader sees, when the metadata disagrees with it: labelled
        // "Published", or earlier (metadata later than the dateline is a modified time
        // dressed as published); never the metadata's own modified date shown on the page
        bool shows_modified = e.visible == e.ld_modified || e.visible == e.meta_modified;
        if (!e.visible.empty() && e.visible != structured.date && !shows_modified &&
            (e.visible_label == DateLabel::kPublished ||
             days_between(e.visible, structured.date) > 0))
            return {e.visible, "visible date over metadata"};
        // a UTC timestamp a day after the local date in the URL
        long url_earlier = e.url.empty() ? 0 : days_between(e.url, structured.date);
        if (url_earlier > 0 && url_earlier <= kSameMomentDays) return {e.url, "URL over metadata"};
        return structured;
    }
    if (!e.visible.empty())
        return {e.visible, e.visible_in_byline_box ? kBylineBoxSource : "visible date"};
    if (!e.url.empty()) return {e.url, "URL"};
    return {};
}

}  // namespace thinkdex::indexer::detail
