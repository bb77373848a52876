// Dates: tables of strings and small pages of our own -> the publication date, one row per
// rule (formats by language, numeric order by language, labels, sources and their checks).

#include <gtest/gtest.h>

#include <string>

#include "extract_date.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace {

using namespace thinkdex::indexer::detail;
using thinkdex::indexer::extract;

struct ParseCase {
    const char* name;
    const char* text;
    NumericOrder order;
    const char* expected;
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.name; }

class ParseDate : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseDate, Reads) {
    const auto& c = GetParam();
    EXPECT_EQ(parse_date(c.text, false, c.order), c.expected) << c.text;
}

constexpr auto kAny = NumericOrder::kUnknown;

INSTANTIATE_TEST_SUITE_P(
    Formats, ParseDate,
    ::testing::Values(
        ParseCase{"iso_with_time", "2024-05-20T23:30:00-05:00", kAny, "2024-05-20"},
        ParseCase{"english_day_month", "20 May 2024", kAny, "2024-05-20"},
        ParseCase{"english_ordinal", "May 20th, 2024", kAny, "2024-05-20"},
        ParseCase{"english_abbreviation", "Sept. 3, 2024", kAny, "2024-09-03"},
        ParseCase{"german", "20. Mai 2024", kAny, "2024-05-20"},
        ParseCase{"german_maerz", "3. März 2023", kAny, "2023-03-03"},
        ParseCase{"french", "le 20 mai 2024", kAny, "2024-05-20"},
        ParseCase{"french_abbreviation", "3 janv. 2024", kAny, "2024-01-03"},
        ParseCase{"french_premier", "1er août 2024", kAny, "2024-08-01"},
        ParseCase{"spanish", "20 de mayo de 2024", kAny, "2024-05-20"},
        ParseCase{"italian", "20 maggio 2024", kAny, "2024-05-20"},
        ParseCase{"portuguese", "20 de maio de 2024", kAny, "2024-05-20"},
        ParseCase{"russian", "20 мая 2024 г.", kAny, "2024-05-20"},
        ParseCase{"russian_capitalised", "20 Декабря 2024", kAny, "2024-12-20"},
        ParseCase{"chinese", "发布时间：2024年5月20日 10:00", kAny, "2024-05-20"},
        ParseCase{"japanese_weekday", "2024年5月20日(月)", kAny, "2024-05-20"},
        ParseCase{"korean", "2024년 5월 20일", kAny, "2024-05-20"},
        ParseCase{"dotted_is_day_first", "05.06.2024", kAny, "2024-06-05"},
        ParseCase{"slash_day_cannot_be_month", "20/05/2024", kAny, "2024-05-20"},
        ParseCase{"slash_month_first_when_unambiguous", "05/20/2024", kAny, "2024-05-20"},
        ParseCase{"slash_ambiguous_unknown_order", "05/06/2024", kAny, ""},
        ParseCase{"slash_ambiguous_day_first", "05/06/2024", NumericOrder::kDayFirst,
                  "2024-06-05"},
        ParseCase{"slash_ambiguous_month_first", "05/06/2024", NumericOrder::kMonthFirst,
                  "2024-05-06"},
        ParseCase{"dashes_day_first", "05-06-2024", NumericOrder::kDayFirst, "2024-06-05"},
        ParseCase{"impossible_day", "31 February 2024", kAny, ""},
        ParseCase{"no_day", "May 2024", kAny, ""},
        ParseCase{"ukrainian", "7 березня 2025 р.", kAny, "2025-03-07"},
        ParseCase{"ukrainian_nominative_capitalised", "Листопад 7, 2025", kAny, "2025-11-07"},
        ParseCase{"polish", "7 marca 2025 r.", kAny, "2025-03-07"},
        ParseCase{"polish_capitalised", "7 Października 2025", kAny, "2025-10-07"},
        ParseCase{"czech", "7. března 2025", kAny, "2025-03-07"},
        ParseCase{"turkish", "7 Şubat 2025", kAny, "2025-02-07"},
        ParseCase{"turkish_lower", "7 ağustos 2025", kAny, "2025-08-07"},
        ParseCase{"dutch_abbreviation", "7 mrt 2025", kAny, "2025-03-07"},
        ParseCase{"full_width_digits", "２０２５年３月７日", kAny, "2025-03-07"},
        ParseCase{"full_width_day_and_month", "2025年０３月０７日", kAny, "2025-03-07"},
        ParseCase{"arabic", "20 مايو 2024", kAny, "2024-05-20"},
        ParseCase{"arabic_month_first_arabic_comma", "مايو 20، 2024", kAny, "2024-05-20"},
        ParseCase{"arabic_levant", "20 نيسان 2024", kAny, "2024-04-20"},
        ParseCase{"arabic_indic_digits", "٢٠ مايو ٢٠٢٤", kAny, "2024-05-20"},
        ParseCase{"persian_digits_iso", "۲۰۲۴/۰۵/۲۰", kAny, "2024-05-20"},
        // relative dates are never turned into a day: "now" is not the page's
        ParseCase{"relative_english", "3 days ago", kAny, ""},
        ParseCase{"relative_german", "vor 3 Tagen", kAny, ""},
        ParseCase{"relative_chinese", "3天前", kAny, ""},
        ParseCase{"relative_russian", "3 дня назад", kAny, ""},
        ParseCase{"yesterday", "Yesterday, 10:00", kAny, ""}));

TEST(NumericOrder, ByLanguage) {
    EXPECT_EQ(numeric_order("en-US"), NumericOrder::kMonthFirst);
    EXPECT_EQ(numeric_order("en_us"), NumericOrder::kMonthFirst);
    EXPECT_EQ(numeric_order("en-GB"), NumericOrder::kDayFirst);
    EXPECT_EQ(numeric_order("de"), NumericOrder::kDayFirst);
    EXPECT_EQ(numeric_order("en"), NumericOrder::kUnknown);
    EXPECT_EQ(numeric_order(""), NumericOrder::kUnknown);
}

struct LineCase {
    const char* name;
    const char* line;
    const char* date;
    DateLabel label;
};

void PrintTo(const LineCase& c, std::ostream* os) { *os << c.name; }

class DateInLine : public ::testing::TestWithParam<LineCase> {};

TEST_P(DateInLine, LabelsAndSkipsModified) {
    const auto& c = GetParam();
    LabelledDate d = date_in_line(c.line, NumericOrder::kUnknown);
    EXPECT_EQ(d.date, c.date);
    EXPECT_EQ(d.label, c.label);
}

INSTANTIATE_TEST_SUITE_P(
    Lines, DateInLine,
    ::testing::Values(
        LineCase{"byline", "By Ann Lee | March 3, 2024", "2024-03-03", DateLabel::kUnlabelled},
        LineCase{"published_then_updated", "Published 3 May 2024 · Updated 9 June 2024",
                 "2024-05-03", DateLabel::kPublished},
        LineCase{"updated_then_published", "Updated 9 June 2024 | Published 3 May 2024",
                 "2024-05-03", DateLabel::kPublished},
        LineCase{"only_updated", "Last updated: June 9, 2024", "", DateLabel::kUnlabelled},
        LineCase{"copyright", "© 2024 Institute · 1 January 2024", "", DateLabel::kUnlabelled},
        LineCase{"german_updated", "Aktualisiert am 9. Juni 2024", "", DateLabel::kUnlabelled},
        LineCase{"french_published", "Publié le 3 mai 2024", "2024-05-03",
                 DateLabel::kPublished},
        LineCase{"russian_published", "Опубликовано 3 мая 2024", "2024-05-03",
                 DateLabel::kPublished},
        LineCase{"chinese_published", "发布时间：2024年5月3日", "2024-05-03",
                 DateLabel::kPublished},
        LineCase{"ukrainian_published", "Опубліковано 3 травня 2024", "2024-05-03",
                 DateLabel::kPublished},
        LineCase{"arabic_published", "نُشر في 20 أبريل 2024", "2024-04-20",
                 DateLabel::kPublished},
        LineCase{"arabic_updated", "آخر تحديث 20 أبريل 2024", "", DateLabel::kUnlabelled},
        LineCase{"polish_updated", "Zaktualizowano 3 maja 2024", "", DateLabel::kUnlabelled},
        // other moments than the publication: an event, a deadline, an access date
        LineCase{"event_date", "Event date: June 12, 2026", "", DateLabel::kUnlabelled},
        LineCase{"event_start", "Starts Thursday, June 12, 2026", "", DateLabel::kUnlabelled},
        LineCase{"deadline", "Deadline: June 12, 2026", "", DateLabel::kUnlabelled},
        LineCase{"accessed", "Accessed June 12, 2026", "", DateLabel::kUnlabelled},
        LineCase{"german_event", "Veranstaltung am 12. Juni 2026", "", DateLabel::kUnlabelled},
        LineCase{"published_then_event", "Published 3 May 2026 · Event: June 12, 2026",
                 "2026-05-03", DateLabel::kPublished},
        // the date's name says publication: a label, not only a date
        LineCase{"publication_date", "Publication date: 20 May 2024", "2024-05-20",
                 DateLabel::kPublished},
        LineCase{"issued", "Issued 20 May 2024", "2024-05-20", DateLabel::kPublished},
        LineCase{"french_date_de_publication", "Date de publication : 20 mai 2024",
                 "2024-05-20", DateLabel::kPublished},
        LineCase{"russian_publication_date", "Дата публикации: 20 мая 2024", "2024-05-20",
                 DateLabel::kPublished},
        LineCase{"german_erscheinungsdatum", "Erscheinungsdatum: 20.05.2024", "2024-05-20",
                 DateLabel::kPublished},
        // German "Stand:" dates the page's state: its last revision
        LineCase{"german_stand", "Stand: 20.05.2024", "", DateLabel::kUnlabelled},
        LineCase{"stand_as_a_word", "Stand up for rivers | 20 May 2024", "2024-05-20",
                 DateLabel::kUnlabelled},
        // "event" starts a word there; "prevent" does not
        LineCase{"prevent_is_no_event", "Flood prevention | June 12, 2026", "2026-06-12",
                 DateLabel::kUnlabelled}));

TEST(LabelOf, WordsAroundADate) {
    constexpr auto kOrder = NumericOrder::kUnknown;
    EXPECT_EQ(label_of("Updated April 10, 2025", "2025-04-10", kOrder), DateLabel::kModified);
    EXPECT_EQ(label_of("Date Last Reviewed: April 2025", "2025-04-14", kOrder),
              DateLabel::kModified);
    EXPECT_EQ(label_of("Published 3 May 2024 · Updated 9 June 2024", "2024-05-03", kOrder),
              DateLabel::kPublished);
    EXPECT_EQ(label_of("Published 3 May 2024 · Updated 9 June 2024", "2024-06-09", kOrder),
              DateLabel::kModified);
    EXPECT_EQ(label_of("April 10, 2025", "2025-04-10", kOrder), DateLabel::kUnlabelled);
}

TEST(UrlDate, Paths) {
    EXPECT_EQ(url_date("https://example.org/2024/05/20/a-brief/"), "2024-05-20");
    EXPECT_EQ(url_date("https://example.org/news/2024-05-20-a-brief"), "2024-05-20");
    EXPECT_EQ(url_date("https://example.org/2024/05/a-brief/"), "");
    EXPECT_EQ(url_date("https://example.org/a?d=2024/05/20/"), "");
    EXPECT_EQ(url_date("https://example.org/items/2024-05-201"), "");
}

struct ChoiceCase {
    const char* name;
    DateEvidence evidence;
    const char* expected;
};

void PrintTo(const ChoiceCase& c, std::ostream* os) { *os << c.name; }

class ChoosePublished : public ::testing::TestWithParam<ChoiceCase> {};

TEST_P(ChoosePublished, Chooses) {
    const auto& c = GetParam();
    EXPECT_EQ(choose_published(c.evidence).date, c.expected);
}

DateEvidence article_ld(const char* published, const char* modified = "") {
    DateEvidence e;
    e.ld_published = published;
    e.ld_modified = modified;
    e.ld_is_article = true;
    return e;
}

DateEvidence with_visible(DateEvidence e, const char* date, DateLabel label) {
    e.visible = date;
    e.visible_label = label;
    return e;
}

DateEvidence with_url(DateEvidence e, const char* date) {
    e.url = date;
    return e;
}

INSTANTIATE_TEST_SUITE_P(
    Sources, ChoosePublished,
    ::testing::Values(
        ChoiceCase{"metadata_alone", article_ld("2024-05-20"), "2024-05-20"},
        ChoiceCase{"metadata_later_than_dateline",
                   with_visible(article_ld("2025-06-24", "2025-06-24"), "2024-08-25",
                                DateLabel::kUnlabelled),
                   "2024-08-25"},
        ChoiceCase{"visible_later_is_not_the_publication",
                   with_visible(article_ld("2023-10-02"), "2024-12-06", DateLabel::kUnlabelled),
                   "2023-10-02"},
        ChoiceCase{"visible_published_label_wins",
                   with_visible(article_ld("2025-11-29"), "2025-08-13", DateLabel::kPublished),
                   "2025-08-13"},
        ChoiceCase{"visible_modified_date_dressed_as_published",
                   with_visible(article_ld("2023-10-02", "2024-12-06"), "2024-12-06",
                                DateLabel::kPublished),
                   "2023-10-02"},
        ChoiceCase{"url_local_date_before_utc_timestamp",
                   with_url(article_ld("2025-12-19"), "2025-12-18"), "2025-12-18"},
        ChoiceCase{"url_far_from_metadata_loses", with_url(article_ld("2025-12-19"), "2025-10-01"),
                   "2025-12-19"},
        ChoiceCase{"webpage_date_alone_is_not_a_publication",
                   [] {
                       DateEvidence e;
                       e.ld_published = "2020-07-04";
                       return e;
                   }(),
                   ""},
        ChoiceCase{"webpage_date_with_url", with_url([] {
                       DateEvidence e;
                       e.ld_published = "2020-07-04";
                       return e;
                   }(), "2020-07-04"),
                   "2020-07-04"},
        // a byline box's date is too weak a sign that a WebPage's date is a publication's
        ChoiceCase{"webpage_date_with_a_byline_box_date", [] {
                       DateEvidence e;
                       e.ld_published = "2017-09-07";
                       e.visible = "2025-08-07";
                       e.visible_in_byline_box = true;
                       return e;
                   }(),
                   "2025-08-07"},
        ChoiceCase{"visible_alone",
                   with_visible(DateEvidence{}, "2024-01-31", DateLabel::kUnlabelled),
                   "2024-01-31"},
        ChoiceCase{"url_alone", with_url(DateEvidence{}, "2024-01-31"), "2024-01-31"}));

// Whole pages: the head's date, chrome and modified dates ignored, language-resolved order.
struct PageCase {
    const char* name;
    std::string html;
    const char* url;
    const char* expected;
};

void PrintTo(const PageCase& c, std::ostream* os) { *os << c.name; }

std::string article(const std::string& lang, const std::string& head, const std::string& top,
                    const std::string& bottom = "") {
    return "<!DOCTYPE html><html lang='" + lang + "'><head><title>Water Treaties Under Strain" +
           "</title>" + head + "</head><body><article><h1>Water Treaties Under Strain</h1>" + top +
           "<p>The basin states signed their water agreements three decades ago, and the new "
           "canal, the dry years and the growing cities downstream now test them.</p><p>The "
           "commission that should settle disputes has not met since the spring, and the "
           "upstream dams fill while the delta shrinks.</p>" +
           bottom + "</article></body></html>";
}

// A post with no title heading (so no head): only a date marked published dates it.
std::string headless_post(const std::string& time_attributes) {
    return "<!DOCTYPE html><html lang='en'><head><title>Basin Review</title></head><body>"
           "<div class='post'><p class='meta'><time " +
           time_attributes +
           " datetime='2024-05-20T10:00:00+00:00'>May 20, 2024</time></p><p>The basin states "
           "signed their water agreements three decades ago, and the new canal, the dry years "
           "and the growing cities downstream now test them.</p><p>The commission that should "
           "settle disputes has not met since the spring.</p></div></body></html>";
}

// `page` with `html` inserted before its <article>.
std::string before_article(std::string page, const std::string& html) {
    page.insert(page.find("<article>"), html);
    return page;
}

class PageDate : public ::testing::TestWithParam<PageCase> {};

TEST_P(PageDate, Extracts) {
    const auto& c = GetParam();
    EXPECT_EQ(extract(c.html, c.url).value().published, c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Pages, PageDate,
    ::testing::Values(
        PageCase{"numeric_by_page_language_day_first",
                 article("fr", "", "<p class='date'>05/06/2024</p>"), "", "2024-06-05"},
        PageCase{"numeric_by_page_language_month_first",
                 article("en-US", "", "<p class='date'>05/06/2024</p>"), "", "2024-05-06"},
        PageCase{"numeric_by_og_locale",
                 article("en", "<meta property='og:locale' content='en_GB'>",
                         "<p class='date'>05/06/2024</p>"),
                 "", "2024-06-05"},
        PageCase{"numeric_ambiguous_without_language",
                 article("", "", "<p class='date'>05/06/2024</p>"), "", ""},
        PageCase{"russian_dateline", article("ru", "", "<p>20 мая 2024 г.</p>"), "",
                 "2024-05-20"},
        PageCase{"japanese_time_element", article("ja", "", "<time>2024年5月20日</time>"), "",
                 "2024-05-20"},
        // A dated "Updated" line is not the label of the date under it.
        PageCase{"dated_update_line_above_the_dateline",
                 article("en", "", "<p>Updated 3 June 2024</p><p>20 May 2024</p>"), "",
                 "2024-05-20"},
        PageCase{"updated_time_ignored",
                 article("en", "", "<span>Updated <time datetime='2025-10-08'>Oct 8</time></span>"),
                 "", ""},
        PageCase{"label_line_before_date",
                 article("en", "", "<div><div>Last updated:</div><div>Dec 12, 2025</div></div>"),
                 "", ""},
        PageCase{"published_label_over_updated",
                 article("en", "",
                         "<p>Updated <span class='date'>June 9, 2025</span></p><p>Published "
                         "<span class='date'>May 3, 2024</span></p>"),
                 "", "2024-05-03"},
        PageCase{"copyright_footer_ignored",
                 article("en", "", "", "<footer><p>© 2024 Basin Institute, 1 January 2024</p></footer>"),
                 "", ""},
        PageCase{"comment_dates_ignored",
                 article("en", "", "",
                         "<div class='comments'><time datetime='2024-06-01'>June 1, 2024</time>"
                         "</div>"),
                 "", ""},
        PageCase{"meta_modified_time_is_not_published",
                 article("en", "<meta property='article:modified_time' content='2024-06-01'>", ""),
                 "", ""},
        PageCase{"json_ld_later_than_byline",
                 article("en",
                         "<script type='application/ld+json'>{\"@type\":\"BlogPosting\","
                         "\"datePublished\":\"2025-06-24\",\"dateModified\":\"2025-06-24\"}"
                         "</script>",
                         "<div class='byline'>Ann Lee <span class='post-date'>August 25, 2024"
                         "</span></div>"),
                 "", "2024-08-25"},
        PageCase{"podcast_episode_json_ld",
                 article("en",
                         "<script type='application/ld+json'>{\"@type\":\"PodcastEpisode\","
                         "\"datePublished\":\"2024-03-05\"}</script>",
                         ""),
                 "", "2024-03-05"},
        // regression: the blocks were read last first, so a related article's node won
        PageCase{"json_ld_first_article_block_wins",
                 article("en",
                         "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
                         "\"datePublished\":\"2024-03-05\"}</script>"
                         "<script type='application/ld+json'>{\"@type\":\"Article\","
                         "\"datePublished\":\"2023-11-20\"}</script>",
                         ""),
                 "", "2024-03-05"},
        // a byline split into small inline pieces runs past the first lines after the title
        PageCase{"dateline_after_split_byline",
                 article("en", "",
                         "<p>How three decades of water agreements between the basin states "
                         "are tested by a new canal and the dry years.</p><div><div>By</div>"
                         "<div>The Basin Desk</div><div>|</div><div>6</div><div>mins</div>"
                         "<div>|</div><div>Water</div><div>|</div><div>February 28, 2026"
                         "</div></div>"),
                 "", "2026-02-28"},
        // ... but not past the head: a date after the text's second paragraph is no dateline
        PageCase{"date_after_two_paragraphs_ignored",
                 article("en", "",
                         "<p>How three decades of water agreements between the basin states "
                         "are tested by a new canal and the dry years.</p><p>The commission "
                         "has not met since the spring, and the upstream dams fill while the "
                         "delta shrinks.</p><p>a</p><p>b</p><p>c</p><p>d</p><p>e</p>"
                         "<p>February 28, 2026</p>"),
                 "", ""},
        // the metadata's title is worded otherwise than the h1: the dateline under the h1
        PageCase{"dateline_under_h1_when_metadata_title_differs",
                 "<html lang='en'><head><title>Treaties and rivers | Basin Review</title><meta "
                 "property='og:title' content='Treaties and rivers'></head><body><article><h1>"
                 "Water Treaties Under Strain: What the Dry Years Mean for the Basin</h1><p>Ann Lee</p><p>March 9, 2025</p><p>The "
                 "basin states signed their water agreements three decades ago, and the new "
                 "canal and the dry years now test them.</p></article></body></html>",
                 "", "2025-03-09"},
        // past the head's dateline, a heading opens a block of teasers: not the head's dates
        PageCase{"teaser_dates_after_a_heading_ignored",
                 article("en", "",
                         "<p>Page updated:</p><p>12 November 2025</p><h2>More to read</h2>"
                         "<p><a href='/soups'>Soups you can freeze</a></p><p>23 October 2025"
                         "</p>"),
                 "", ""},
        // ... but a heading before it (a kicker, the title again) does not end the head
        PageCase{"dateline_after_a_kicker_heading",
                 article("en", "",
                         "<h3>Rivers</h3><p>By Ann Lee</p><p>23 October 2025</p>"),
                 "", "2025-10-23"},
        // regression: a label line just before the head's first line went unread
        PageCase{"label_line_before_head_window",
                 before_article(article("en", "", ""),
                                "<div><p>Last updated:</p><p>Dec 12, 2025</p><p>Water</p>"
                                "<p>Rivers</p><p>Basins</p></div>"),
                 "", ""},
        // no dateline in the head: a "Posted on" line at the end of the article dates it
        PageCase{"posted_on_line_at_the_end",
                 article("en-GB", "", "",
                         "<p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><p>f</p><p>Posted on the "
                         "15/12/2025 at 19:00 by Ann</p>"),
                 "", "2025-12-15"},
        // no dateline in the head nor a "Published" line: the date in the author's byline box
        PageCase{"date_beside_the_byline_at_the_end",
                 article("en", "<meta property='og:type' content='article'>", "",
                         "<p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><p>f</p><div><p>Written by "
                         "<a href='/author/ann-lee'>Ann Lee</a></p><p>April 8, 2024</p></div>"),
                 "", "2024-04-08"},
        PageCase{"updated_date_beside_the_byline_is_no_date",
                 article("en", "<meta property='og:type' content='article'>", "",
                         "<p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><p>f</p><div><p>Written by "
                         "<a href='/author/ann-lee'>Ann Lee</a></p><p>Updated April 8, 2024"
                         "</p></div>"),
                 "", ""},
        PageCase{"updated_line_at_the_end_is_no_date",
                 article("en-GB", "", "",
                         "<p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><p>f</p><p>Last updated on "
                         "15/12/2025 by Ann</p>"),
                 "", ""},
        PageCase{"url_date", article("en", "", ""), "https://example.org/2024/05/20/water/",
                 "2024-05-20"},
        PageCase{"url_date_month_named", article("en", "", ""),
                 "https://example.org/blog/2023/october/03/water/", "2023-10-03"},
        PageCase{"url_year_and_word_is_no_date", article("en", "", ""),
                 "https://example.org/blog/2023/water/03-notes/", ""},
        PageCase{"url_date_from_canonical",
                 article("en", "<link rel='canonical' href='https://example.org/2024/05/20/w/'>",
                         ""),
                 "", "2024-05-20"},
        // a page builder wraps every block in "…-widget-container": not a sidebar widget
        PageCase{"date_in_page_builder_widget",
                 article("en", "", "<div class='pb-widget-container'><ul><li><time>July 27, "
                                   "2025</time></li></ul></div>"),
                 "", "2025-07-27"},
        PageCase{"date_in_sidebar_widget_ignored",
                 article("en", "", "", "<div class='widget widget_recent'><time>July 27, "
                                       "2025</time></div>"),
                 "", ""},
        // the words shown with a date label it before its class does
        PageCase{"updated_words_beat_a_published_class",
                 article("en", "", "<p class='published-date'>Updated April 10, 2025</p>"), "",
                 ""},
        // ... and so do those of the nearest ancestor that says more than the date
        PageCase{"label_beside_the_dates_wrapper",
                 article("en", "", "",
                         "<div class='field'><div class='field__label'>Date Last Reviewed:"
                         "</div><div class='field__item'><time datetime='2025-04-14'>April "
                         "2025</time></div></div>"),
                 "", ""},
        PageCase{"published_words_beside_the_dates_wrapper",
                 article("en", "",
                         "<div class='meta'><span>Published:</span><span><time "
                         "datetime='2025-04-14'>April 14</time></span></div>"),
                 "", "2025-04-14"},
        // regression: a name of words was split into keys, and "Updated Date" gave "date"
        PageCase{"meta_name_of_words_is_one_key",
                 article("en", "<meta name='Updated Date' content='2024-02-23T20:02:11Z'>", ""),
                 "", ""},
        PageCase{"meta_property_list_is_several_keys",
                 article("en",
                         "<meta property='dc:date article:published_time' content='2024-02-23'>",
                         ""),
                 "", "2024-02-23"},
        // an updated line, then a line naming the publication date
        PageCase{"publication_date_line_after_an_updated_line",
                 article("fr", "",
                         "<p>Mis à jour le 3 juin 2024</p><p>Date de publication : 20 mai 2024"
                         "</p>"),
                 "", "2024-05-20"},
        PageCase{"event_dateline_is_no_publication",
                 article("en", "", "<p>Event date: June 12, 2026</p>"), "", ""},
        PageCase{"event_class_is_no_publication",
                 article("en", "", "",
                         "<p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><p>f</p><div class='meta'>"
                         "<span class='event-date'>June 12, 2026</span></div>"),
                 "", ""},
        // regression: the prose around a date element was read as its label ("last")
        PageCase{"prose_around_a_date_is_no_label",
                 article("en", "",
                         "<div><span class='date'>June 12, 2026</span> At the last meeting of "
                         "the year the commission's members talked about the basin's rivers, "
                         "the new canal and the long dry years ahead of the delta's "
                         "farmers.</div>"),
                 "", "2026-06-12"},
        PageCase{"full_width_dateline", article("ja", "", "<p>２０２５年３月７日</p>"), "",
                 "2025-03-07"},
        // hAtom marks a post never revised "published updated": its publication date
        PageCase{"classes_published_and_updated",
                 headless_post("class='entry-date published updated'"), "", "2024-05-20"},
        PageCase{"class_updated_alone", headless_post("class='updated'"), "", ""},
        // ... but an itemprop outranks a class
        PageCase{"itemprop_modified_over_a_published_class",
                 headless_post("class='post-published-time' itemprop='dateModified'"), "", ""},
        PageCase{"meta_key_naming_publishing",
                 article("en", "<meta name='x-published-date' content='2025-05-27T06:03:43Z'>", ""),
                 "", "2025-05-27"},
        // a "today's date" widget shows the day the page was fetched, not the publication's
        PageCase{"todays_date_widget_is_not_the_dateline",
                 article("en", "",
                         "<p id='todays-date'><strong>Friday</strong>, December 19, 2025</p>"
                         "<p>By Ann Lee</p><p>12.12.2025</p>"),
                 "", "2025-12-12"},
        PageCase{"current_date_class_alone",
                 article("en", "", "<p class='current-date'>Friday, December 19, 2025</p>"), "",
                 ""},
        // Drupal's "changed" field is the last revision ("field--name-created" the first)
        PageCase{"changed_field_is_a_modification",
                 article("en", "",
                         "<time class='field--name-changed' datetime='2026-02-12'>February 12, "
                         "2026</time>"),
                 "", ""},
        // ... and so is the class of a wrapper that holds the date alone
        PageCase{"wrapper_class_labels_its_date",
                 article("en", "",
                         "<div class='field--name-changed'><time datetime='2026-02-12'>February "
                         "12, 2026</time></div>"),
                 "", ""},
        // ... unless the metadata calls that date published: themes mark a post's only
        // date "updated" (hAtom)
        PageCase{"updated_class_on_the_date_the_metadata_publishes",
                 article("en",
                         "<script type='application/ld+json'>{\"@type\":\"WebPage\","
                         "\"datePublished\":\"2021-09-09\",\"dateModified\":\"2023-09-21\"}"
                         "</script>",
                         "<time class='updated' datetime='2021-09-09'>September 9, 2021</time>"),
                 "", "2021-09-09"},
        PageCase{"wrapper_class_says_published",
                 article("en", "",
                         "<p><time datetime='2024-06-09'>June 9, 2024</time></p><div "
                         "class='post-published'><time datetime='2024-05-03'>May 3, 2024</time>"
                         "</div>"),
                 "", "2024-05-03"}));

}  // namespace
