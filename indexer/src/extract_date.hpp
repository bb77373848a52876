#pragma once
// Private: reading the dates people and machines write ("20 мая 2024 г.", "2024年5月20日",
// "May 20th, 2024", "20/05/2024", ISO 8601), telling publication dates from modified ones, and
// choosing a page's publication date among its sources. Pure functions over UTF-8 strings.

#include <string>
#include <string_view>

namespace thinkdex::indexer::detail {

/// Tunables of finding and choosing dates, in one place (tuned on the wcxb-dev tuning half).
namespace date_tunables {
/// Nodes before and after the title heading that still make the article's head, where its
/// dateline sits (a date further away belongs to teasers, comments or the footer).
inline constexpr int kHeadBefore = 150;
inline constexpr int kHeadAfter = 1000;
/// Dates this many days apart or less are one moment seen in two time zones (a UTC timestamp
/// in the metadata, the local date on the page or in the URL).
inline constexpr long kSameMomentDays = 1;
/// Lines longer than this are sentences, not datelines or bylines.
inline constexpr std::size_t kMaxDateLine = 160;
/// Ancestors of a date element whose words may label it, up to the first that says more
/// than the date itself.
inline constexpr int kLabelLevels = 3;
/// Visible date elements (<time>, class "date") looked at per page.
inline constexpr std::size_t kMaxVisibleDates = 64;
}  // namespace date_tunables

/// How an all-numeric date with day and month both <= 12 ("05/06/2024") is read.
enum class NumericOrder {
    kUnknown,     ///< not at all: only dates whose day cannot be a month are read
    kDayFirst,    ///< 05/06/2024 is 5 June (every language and region but those below)
    kMonthFirst,  ///< 05/06/2024 is 6 May (en-US)
};

/// The numeric order of a page in language `tag` (html lang, og:locale: "en-US", "en_us",
/// "de", "fr-CA"): month first for US English, unknown for a bare "en" or an empty tag, day
/// first otherwise.
NumericOrder numeric_order(std::string_view tag);

/// How a page's dates are read: the numeric order, and the page's language, which picks the
/// month a name means where languages disagree ("listopad": October in Croatian, November in
/// Polish) and admits the names read on pages in their own language only (abbreviations and
/// nominatives of most languages: "lis", "leden"). Made from a bare order (implicitly), the
/// language is unknown, and a disputed name is read by the table's locale priority.
struct DateReading {
    // implicit: a caller that knows only the numeric order passes it as it did
    DateReading(NumericOrder o = NumericOrder::kUnknown) : order(o) {}
    NumericOrder order;
    std::string language;  ///< primary language subtag, lower case ("hr"); empty when unknown
};

/// The reading of a page in language `tag`: numeric_order(tag) and the tag's language
/// ("pt-BR" -> "pt"; "nb", "nn" and "no" -> "nb", as the month table names Norwegian; "iw"
/// -> "he", "in" -> "id").
DateReading date_reading(std::string_view tag);

/// Parses the first date written in `s` into "YYYY-MM-DD": ISO ("2025-08-26", "2025/08/26",
/// with a time or not), month names and their abbreviations in the languages of the month
/// table that the build generates from ICU (indexer/tools/gen_month_table.cpp: English,
/// German, French, Spanish, ..., Greek, Arabic, Persian, Hebrew; see `DateReading` for the
/// names read only on pages in their language) ("26 August 2025", "Aug. 26th, 2025", "26.
/// August 2025", "le 26 août 2025", "26 de agosto de 2025", "26 августа 2025 г.", "26 sierpnia
/// 2025 r.", "26 Αυγούστου 2025"), year first with the year's mark ("2025. augusztus 26.",
/// "2025 m. rugpjūčio 26 d."), Chinese, Japanese and Korean ("2025年8月26日", full-width digits
/// too, "2025년 8월 26일"), and numbers ("26.08.2025", "26/08/2025" read by `reading.order`).
/// Never a relative date ("3 days ago"). `strict`: `s` must be short (a date line or an
/// attribute), not a sentence with a date in it. Empty when nothing plausible is found.
std::string parse_date(std::string_view s, bool strict = false, const DateReading& reading = {});

/// What the words before a date say it is.
/// (kModified: any date the words say is not the publication's; see modification_context.)
enum class DateLabel { kUnlabelled, kPublished, kModified };

struct LabelledDate {
    std::string date;  ///< "YYYY-MM-DD", empty when none
    DateLabel label = DateLabel::kUnlabelled;
};

/// The publication date written in a short line ("By A | March 3, 2024", "Published 3 May
/// 2024 · Updated 9 June 2024"): the first date labelled as published, else the first date
/// not labelled as a modification, copyright or "last updated" date. Lines longer than
/// `date_tunables::kMaxDateLine` bytes give nothing.
LabelledDate date_in_line(std::string_view line, const DateReading& reading);

/// What `words` (a date element's text, or the text around it) say of `date` ("YYYY-MM-DD"):
/// the label `date_in_line` gives it when it reads `date` there, else modified when the words
/// speak of a modification ("Last updated", "Date Last Reviewed:"), published when they speak
/// of publishing, unlabelled otherwise.
DateLabel label_of(std::string_view words, std::string_view date, const DateReading& reading);

/// True when `s` (a line, a class name, an itemprop) speaks of a date that is not the
/// publication's, in one of the languages above: a modification, an update, a copyright, or
/// another moment (an event and its start or end, a deadline, the day a source was accessed).
bool modification_context(std::string_view s);

/// True when `class_id` (an element's lower-case class and id) marks a widget that shows the
/// current date ("todays-date", "current-date"): the day the page was fetched, never its
/// publication's.
bool current_date_class(std::string_view class_id);

/// True when `s` speaks of publishing ("Published", "Posted", "Veröffentlicht", "Publié",
/// "pubdate", "发布").
bool publication_context(std::string_view s);

/// The date in a URL's path: "/2024/05/20/", "/2024-05-20-slug". Empty when none.
/// (also "/2023/october/03/", a path that names the month in one of the languages above)
std::string url_date(std::string_view url);

/// Days from `a` to `b` (both "YYYY-MM-DD"); 0 when either is malformed.
long days_between(std::string_view a, std::string_view b);

/// The sources of a page's publication date, each "YYYY-MM-DD" or empty.
struct DateEvidence {
    std::string citation;        ///< citation_publication_date and its kin
    std::string ld_published;    ///< JSON-LD datePublished of the page's main node
    std::string ld_modified;     ///< JSON-LD dateModified of the same node
    bool ld_is_article = false;  ///< that node is an Article (not a generic WebPage)
    std::string meta_published;  ///< article:published_time, dc.date.issued, ...
    std::string meta_modified;   ///< article:modified_time, og:updated_time, ...
    std::string microdata;       ///< itemprop=datePublished in the article
    std::string visible;         ///< the date shown in the article's head, outside chrome
    DateLabel visible_label = DateLabel::kUnlabelled;
    bool visible_in_byline_box = false;  ///< `visible` is the byline box's (the last resort)
    std::string url;             ///< the date in the URL's path
};

/// The source `choose_published` names when the date is the byline box's alone.
inline constexpr char kBylineBoxSource[] = "byline box";

struct ChosenDate {
    std::string date;
    const char* source = "";
};

/// The publication date among `e`'s sources. Structured metadata first (citation tags,
/// JSON-LD, meta tags, microdata), checked against the date the reader sees: a visible date
/// labelled "published", or one earlier than the metadata's (a modified time dressed as
/// published), or within a day of it (the same moment in another time zone) wins. Then the
/// visible date, then the URL's.
ChosenDate choose_published(const DateEvidence& e);

}  // namespace thinkdex::indexer::detail
