// Extraction tests: tables of small HTML in and one expected field out (one row per rule), the
// seed brief against expected.json, and the shared bench's pages.

#include <filesystem>
#include <functional>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "extract_page.hpp"
#include "test_util.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace {

using thinkdex::indexer::extract;
using thinkdex::indexer::Extracted;
using thinkdex::test::page;

std::string collapse(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
        } else {
            if (space) out.push_back(' ');
            space = false;
            out.push_back(c);
        }
    }
    return out;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : "|") + s;
    return out;
}

const std::string kArticle =
    "<article><h1>Energy Security After the Winter</h1>"
    "<p>Europe entered the winter with storage nearly full, and prices fell through the "
    "season as demand stayed low and new terminals came online across the continent.</p>"
    "<p>The second paragraph explains the policy choices ahead, from long-term contracts to "
    "joint purchasing, and what each would cost households and industry over the decade.</p>"
    "</article>";

struct FieldCase {
    const char* name;
    std::string html;
    std::function<std::string(const Extracted&)> field;
    std::string expected;
};

std::string title_of(const Extracted& e) { return e.title; }
std::string authors_of(const Extracted& e) { return join(e.authors); }
std::string date_of(const Extracted& e) { return e.published; }
std::string summary_of(const Extracted& e) { return e.summary; }
std::string site_of(const Extracted& e) { return e.site_name; }
std::string tags_of(const Extracted& e) { return join(e.tags); }
std::string lang_of(const Extracted& e) { return e.language; }
std::string url_of(const Extracted& e) { return e.url; }

void PrintTo(const FieldCase& c, std::ostream* os) { *os << c.name; }

class FieldTest : public ::testing::TestWithParam<FieldCase> {};

TEST_P(FieldTest, ExtractsField) {
    const FieldCase& c = GetParam();
    Extracted e = extract(c.html, "https://example.org/research/2024/brief.html").value();
    EXPECT_EQ(c.field(e), c.expected) << c.name;
}

const std::vector<FieldCase> kFieldCases = {
    // title
    {"citation_title_wins",
     page("<meta name='citation_title' content='Citation Title'><meta property='og:title' "
          "content='OG Title'><title>Site | Other</title>",
          kArticle),
     title_of, "Citation Title"},
    {"og_title", page("<meta property='og:title' content='OG Title'><title>T</title>", kArticle),
     title_of, "OG Title"},
    {"json_ld_headline",
     page("<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@type\":"
          "\"NewsArticle\",\"headline\":\"LD Headline\"}</script><title>Other</title>",
          kArticle),
     title_of, "LD Headline"},
    {"h1_in_title_tag", page("<title>Energy Security After the Winter | Think Tank</title>", kArticle),
     title_of, "Energy Security After the Winter"},
    {"title_site_prefix_stripped",
     page("<title>Eurasia Digest: A Long Enough Title Here</title>", "<p>text</p>"), title_of,
     "A Long Enough Title Here"},
    {"title_site_suffix_stripped",
     page("<title>A Long Enough Title Here | Eurasia Digest</title>", "<p>text</p>"), title_of,
     "A Long Enough Title Here"},
    // issue 11: a site label after the headline goes, in og:title too (site_name carries it)
    {"og_title_site_label_dropped",
     page("<meta property='og:title' content='How to Build a Terrarium | eHow'><title>How to "
          "Build a Terrarium (with Pictures) | eHow</title>",
          kArticle),
     title_of, "How to Build a Terrarium"},
    {"json_ld_headline_over_og_title",
     page("<meta property='og:title' content='Social Title'><script type='application/ld+json'>"
          "{\"@type\":\"NewsArticle\",\"headline\":\"Article Headline\"}</script>",
          kArticle),
     title_of, "Article Headline"},
    // regression: JSON-LD wrapped in CDATA was not parsed (title, date and author lost)
    {"json_ld_in_cdata",
     page("<script type='application/ld+json'>\n<![CDATA[\n{\"@type\":\"Article\",\"headline\":"
          "\"Wrapped Headline\",\"datePublished\":\"2018-04-05T06:00\"}\n]]>\n</script>",
          kArticle),
     title_of, "Wrapped Headline"},
    {"dc_title_among_several_keys",
     page("<title>Title Element</title><meta property='x:title dc:title' content='My title'>",
          kArticle),
     title_of, "My title"},
    {"title_short_parts_keep_whole",
     page("<title>Google - Site Reliability Engineering</title>", kArticle), title_of,
     "Google - Site Reliability Engineering"},
    {"title_colon_last_part",
     page("<title>Outside the web: standalone WebAssembly binaries using Emscripten</title>",
          kArticle),
     title_of, "standalone WebAssembly binaries using Emscripten"},
    {"title_colon_kept_when_heading_repeats_it",
     page("<title>Superbugs: What They Are and How You Get Them</title>",
          "<h2>Superbugs: What They Are and How You Get Them</h2>" + kArticle),
     title_of, "Superbugs: What They Are and How You Get Them"},
    // regression: an h1 contained in the <title> replaced the <title>'s own first part
    // issue 11: the visible h1 that agrees with the <title> is the headline a reader sees
    {"title_h1_part_agrees",
     page("<title>Evolve: Shared Mutable History \u2014 evolve extension for Mercurial</title>",
          "<h1>evolve extension for Mercurial</h1>" + kArticle),
     title_of, "evolve extension for Mercurial"},
    {"short_title_tag_kept_over_h1",
     page("<title>RTL Test</title>", "<article><h1>Lorem</h1><p>" + std::string(300, 'x') +
                                         "</p></article>"),
     title_of, "RTL Test"},

    // authors
    {"citation_author_repeated",
     page("<meta name='citation_author' content='Kuhrt, Natasha'><meta name='citation_author' "
          "content='John Smith'>",
          kArticle),
     authors_of, "Natasha Kuhrt|John Smith"},
    {"json_ld_author_array",
     page("<script type='application/ld+json'>{\"@type\":\"Article\",\"author\":[{\"@type\":"
          "\"Person\",\"name\":\"Ann Lee\"},{\"@type\":\"Person\",\"name\":\"Bo Chen\"}]}</script>",
          kArticle),
     authors_of, "Ann Lee|Bo Chen"},
    {"json_ld_author_string_in_graph",
     page("<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"S\"},"
          "{\"@type\":\"BlogPosting\",\"author\":\"Ann Lee\"}]}</script>",
          kArticle),
     authors_of, "Ann Lee"},
    {"meta_author_split", page("<meta name='author' content='By Ann Lee and Bo Chen'>", kArticle),
     authors_of, "Ann Lee|Bo Chen"},
    // regression: only the first of several <meta name=author> was read
    {"meta_author_repeated",
     page("<meta name='author' content='Ann Lee'><meta name='author' content='Bo Chen'>",
          kArticle),
     authors_of, "Ann Lee|Bo Chen"},
    // regression: a listing page took the author and date of its first teaser
    {"listing_teaser_author_not_the_page_author",
     page("", "<main><h1>Natasha Kuhrt</h1><p>Associate Fellow.</p><ul><li><a href='/a'>The "
              "Eurasian Economic Union at Ten</a> <span class='authors'>Natasha Kuhrt</span> "
              "<time datetime='2024-05-29'>29 May 2024</time></li><li><a href='/b'>Russia and "
              "China After Ukraine Today</a> <span class='authors'>Natasha Kuhrt</span> <time "
              "datetime='2023-03-21'>21 March 2023</time></li></ul></main>"),
     authors_of, ""},
    {"listing_teaser_date_not_the_page_date",
     page("", "<main><h1>Publications</h1><ul><li><a href='/a'>The Eurasian Economic Union at "
              "Ten</a> <time datetime='2024-05-29'>29 May 2024</time></li><li><a href='/b'>Russia "
              "and China After Ukraine Today</a> <time datetime='2023-03-21'>21 March "
              "2023</time></li></ul></main>"),
     date_of, ""},
    {"article_author_url_ignored",
     page("<meta property='article:author' content='https://facebook.com/someone'>", kArticle),
     authors_of, ""},
    {"itemprop_author",
     page("", "<article><h1>Title Of The Piece</h1><span itemprop='author'><span "
              "itemprop='name'>Maria Garcia</span></span><p>" +
                  std::string(300, 'x') + "</p></article>"),
     authors_of, "Maria Garcia"},
    {"byline_by_line_under_title",
     page("<title>Energy Security After the Winter</title>",
          "<h1>Energy Security After the Winter</h1><p>By Ann Lee, Bo Chen and Cy Diaz</p>" +
              kArticle),
     authors_of, "Ann Lee|Bo Chen|Cy Diaz"},
    {"byline_role_dropped",
     page("<meta name='author' content='Ann Lee, Senior Fellow'>", kArticle), authors_of,
     "Ann Lee"},
    {"bold_line_under_title",
     page("<meta property='og:title' content='The Brief Title'>",
          "<div class='post-body'><h2>The Brief Title</h2><p><b>Natasha Kuhrt</b></p><p>" +
              std::string(200, 'y') + "</p></div>"),
     authors_of, "Natasha Kuhrt"},
    {"heading_under_title_is_not_author",
     page("<meta property='og:title' content='The Brief Title'>",
          "<div class='post-body'><h2>The Brief Title</h2><p><b>Executive Summary</b></p><p>" +
              std::string(200, 'y') + "</p></div>"),
     authors_of, ""},
    // regression: "(avec B et C)" gave "Morgane Tual)" and lost B
    {"coauthors_in_parentheses",
     page("", "<article><h1>Title Of The Piece</h1><p>Par <span itemprop='author'><a "
              "href='/j/mu'>Martin Untersinger</a> (avec Damien Leloup et Morgane Tual)</span></p>"
              "<p>" + std::string(300, 'x') + "</p></article>"),
     authors_of, "Martin Untersinger|Damien Leloup|Morgane Tual"},
    // regression: authors of teasers after the article were added to the byline's
    {"teaser_authors_not_added",
     page("<title>Title Of The Piece</title>",
          "<article><h1>Title Of The Piece</h1><span class='author'>by <a rel='author' "
          "href='/p/sm'>Steven Musil</a></span><p>" + std::string(600, 'x') + "</p></article>"
          "<div class='asset'><h3>Another story</h3><span class='author'>by <a rel='author' "
          "href='/p/sb'>Seamus Byrne</a></span></div>"),
     authors_of, "Steven Musil"},
    // regression: "follow these authors" boxes before the title won over the byline under it
    {"byline_after_title_preferred",
     page("<title>Title Of The Piece</title>",
          "<ul><li class='author-follow'>Katie Couric</li></ul><h1>Title Of The Piece</h1>"
          "<div class='author-name'>NATALIYA VASILYEVA</div><p>" + std::string(600, 'x') +
              "</p>"),
     authors_of, "NATALIYA VASILYEVA"},
    // regression: a "sidebar-primary" class on <body> made the whole page chrome
    {"body_layout_class_not_chrome",
     "<html><head><title>Getting LEAN with Digital Ad UX | IAB</title></head><body "
     "class='single sidebar-primary'><div class='article__header'><h1>Getting LEAN with "
     "Digital Ad UX</h1><div class='article__author'>By\n\t\tScott Cunningham\t</div></div>"
     "<p>" + std::string(300, 'x') + "</p></body></html>",
     authors_of, "Scott Cunningham"},
    {"byline_in_aside_itemprop",
     page("", "<article><h1>Title Of The Piece</h1><p>" + std::string(300, 'x') + "</p>"
              "<aside><span itemprop='author'><span itemprop='name'>Nicolas Perriault</span>"
              "</span></aside></article>"),
     authors_of, "Nicolas Perriault"},
    {"og_article_author",
     page("<meta property='og:article:author' content='Jane Roe'>", kArticle), authors_of,
     "Jane Roe"},
    // issue 11: an organisation is never credited as a person
    {"og_article_author_organisation_is_no_author",
     page("<meta property='og:article:author' content='BBC News'>", kArticle), authors_of, ""},
    // issue 11: a group credit is the byline only when no person is named
    {"collective_credit_when_no_person",
     page("<meta name='author' content='Our Foreign Staff'>", kArticle), authors_of,
     "Our Foreign Staff"},
    {"collective_credit_gives_way_to_person",
     page("<meta name='author' content='Our Foreign Staff'>",
          kArticle + "<p class='byline'>By Jane Doe</p>"),
     authors_of, "Jane Doe"},
    {"blogger_posted_by_only_as_fallback",
     page("", kArticle + "<div class='post-footer'><span class='post-author vcard'>Posted by "
                         "<span class='fn' itemprop='author'><span itemprop='name'>Jane "
                         "Roe</span></span></span></div>"),
     authors_of, "Jane Roe"},

    // published
    {"citation_date_over_others",
     page("<meta name='citation_publication_date' content='2021/03/04'><meta "
          "property='article:published_time' content='2020-01-01T10:00:00Z'>",
          kArticle),
     date_of, "2021-03-04"},
    // regression: JSON-LD's date lost to a later article:published_time
    {"json_ld_date_over_article_published_time",
     page("<meta property='article:published_time' content='2015-12-11T14:28:34Z'><script "
          "type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":"
          "\"2015-10-15T02:19:15.607Z\"}</script>",
          kArticle),
     date_of, "2015-10-15"},
    {"meta_publishdate", page("<meta name='publishdate' content='2017-03-10'>", kArticle),
     date_of, "2017-03-10"},
    {"article_published_time",
     page("<meta property='article:published_time' content='2020-01-02T23:30:00+01:00'><meta "
          "property='article:modified_time' content='2024-01-01'>",
          kArticle),
     date_of, "2020-01-02"},
    {"json_ld_date",
     page("<script type='application/ld+json'>[{\"@type\":\"Article\",\"datePublished\":"
          "\"2019-11-30\",\"dateModified\":\"2023-01-01\"}]</script>",
          kArticle),
     date_of, "2019-11-30"},
    {"time_datetime",
     page("", "<article><h1>Title Of The Piece</h1><time datetime='2018-05-06T08:00'>6 May</time>"
              "<p>" + std::string(300, 'x') + "</p></article>"),
     date_of, "2018-05-06"},
    {"abbr_published",
     page("", kArticle + "<abbr class='published' title='2017-07-08T09:14:00+01:00'>9:14</abbr>"),
     date_of, "2017-07-08"},
    {"blogger_date_header",
     page("", "<h2 class='date-header'><span>Tuesday, August 26, 2025</span></h2>" + kArticle),
     date_of, "2025-08-26"},
    {"text_date_day_month_year",
     page("<title>Energy Security After the Winter</title>",
          "<p>26 August 2025</p>" + kArticle), date_of, "2025-08-26"},
    {"text_date_published_line",
     page("<title>Energy Security After the Winter</title>",
          kArticle + "<p>Published August 3, 2024</p>"), date_of, "2024-08-03"},
    {"text_date_after_title",
     page("<title>Energy Security After the Winter</title>",
          "<h1>Energy Security After the Winter</h1><p>March 3, 2024</p><p>" +
              std::string(300, 'x') + "</p>"),
     date_of, "2024-03-03"},
    {"text_date_dotted", page("<title>Energy Security After the Winter</title>",
                              "<h1>Energy Security After the Winter</h1><p>26.08.2025</p>"),
     date_of, "2025-08-26"},
    {"text_date_german", page("<title>Energy Security After the Winter</title>",
                              "<h1>Energy Security After the Winter</h1><p>3. März 2023</p>"),
     date_of, "2023-03-03"},
    {"text_date_russian", page("<title>Energy Security After the Winter</title>",
                               "<h1>Energy Security After the Winter</h1><p>5 августа 2022 г.</p>"),
     date_of, "2022-08-05"},
    {"text_date_portuguese", page("<title>Energy Security After the Winter</title>",
                                  "<h1>Energy Security After the Winter</h1><p>segunda-feira, 22 "
                                  "de janeiro de 2018</p>"),
     date_of, "2018-01-22"},
    {"updated_date_ignored",
     page("<title>Energy Security After the Winter</title>",
          "<h1>Energy Security After the Winter</h1><p>Updated March 3, 2024</p>"),
     date_of, ""},
    {"date_from_url_path",
     page("", kArticle), date_of, ""},

    // summary
    {"meta_description", page("<meta name='description' content='A short description.'>", kArticle),
     summary_of, "A short description."},
    {"executive_summary_block_wins",
     page("<meta name='description' content='Desc.'>",
          "<article><h1>T</h1><div><h4>Executive Summary</h4>First point of the summary.<ul>"
          "<li>Second point.</li></ul></div><p>" + std::string(300, 'x') + "</p></article>"),
     summary_of, "First point of the summary. Second point."},
    {"key_points_paragraph_heading",
     page("", "<article><p><strong>Key points</strong></p><p>The key point is stated in this "
              "sentence.</p><h2>Next</h2><p>" + std::string(300, 'x') + "</p></article>"),
     summary_of, "The key point is stated in this sentence."},

    // site name, tags, language, url
    {"og_site_name", page("<meta property='og:site_name' content='Think Tank'>", kArticle), site_of,
     "Think Tank"},
    {"json_ld_publisher",
     page("<script type='application/ld+json'>{\"@type\":\"Article\",\"publisher\":{\"@type\":"
          "\"Organization\",\"name\":\"Institute X\"}}</script>",
          kArticle),
     site_of, "Institute X"},
    {"site_from_title_prefix",
     page("<meta property='og:title' content='The Piece'><title>Blog Name: The Piece</title>",
          kArticle),
     site_of, "Blog Name"},
    {"article_tags",
     page("<meta property='article:tag' content='Energy'><meta property='article:tag' "
          "content='EU'>",
          kArticle),
     tags_of, "Energy|EU"},
    {"rel_tag_links_not_sidebar",
     page("", kArticle + "<span class='post-labels'>Labels: <a rel='tag' href='/l/a'>Asia</a>, "
                         "<a rel='tag' href='/l/b'>SCO</a></span><aside><a rel='tag' "
                         "href='/l/c'>Cloud</a></aside>"),
     tags_of, "Asia|SCO"},
    {"html_lang_region_dropped", "<html lang='en-GB'><body>" + kArticle + "</body></html>",
     lang_of, "en"},
    {"content_language_meta",
     page("<meta http-equiv='content-language' content='DE'>", kArticle), lang_of, "de"},
    {"canonical_relative_resolved", page("<link rel='canonical' href='/canonical/page'>", kArticle),
     url_of, "https://example.org/canonical/page"},
    {"og_url", page("<meta property='og:url' content='https://other.example/x'>", kArticle), url_of,
     "https://other.example/x"},
    {"given_url_fallback", page("", kArticle), url_of,
     "https://example.org/research/2024/brief.html"},
};

INSTANTIATE_TEST_SUITE_P(Rules, FieldTest, ::testing::ValuesIn(kFieldCases),
                         [](const ::testing::TestParamInfo<FieldCase>& p) {
                             return std::string(p.param.name);
                         });

TEST(Extract, DateFromUrlWhenNothingElse) {
    Extracted e = extract(page("", kArticle), "https://example.org/2023/04/05/a-post/").value();
    EXPECT_EQ(e.published, "2023-04-05");
}

// The seed brief: the regression test of the foundation issue.
TEST(ExtractSeed, MatchesExpectedJson) {
    std::string html =
        thinkdex::test::read_file(thinkdex::test::data("seed/sino-russian-relations-in-central-asia.html"));
    auto expected = nlohmann::json::parse(
        thinkdex::test::read_file(thinkdex::test::data("seed/expected.json")));
    ASSERT_FALSE(html.empty());
    Extracted e = extract(html, "https://eurasia-policy-digest.blogspot.com/2025/08/x.html",
                          "text/html; charset=UTF-8")
                      .value();
    EXPECT_EQ(e.title, expected["title"].get<std::string>());
    EXPECT_EQ(e.authors, expected["authors"].get<std::vector<std::string>>());
    EXPECT_EQ(e.published, expected["published"].get<std::string>());
    EXPECT_EQ(e.site_name, expected["site_name"].get<std::string>());
    EXPECT_EQ(e.tags, expected["tags"].get<std::vector<std::string>>());
    EXPECT_EQ(e.language, expected["language"].get<std::string>());
    EXPECT_EQ(e.url, expected["url"].get<std::string>());
    EXPECT_EQ(collapse(e.summary), collapse(expected["summary"].get<std::string>()));
    for (const auto& s : expected["body_must_contain"]) {
        EXPECT_NE(e.body.find(s.get<std::string>()), std::string::npos) << s;
    }
    for (const auto& s : expected["body_must_not_contain"]) {
        EXPECT_EQ(e.body.find(s.get<std::string>()), std::string::npos) << s;
    }
}

// The dev sets of ../shared/bench, when present: the extractor must stay near its measured
// quality. Only cheap checks here; score_extraction.py gives the real figures.
TEST(ExtractSharedBench, ArticleBodyPagesGiveText) {
#ifdef THINKDEX_SHARED_DIR
    std::filesystem::path truth = std::filesystem::path(THINKDEX_SHARED_DIR) / "bench/article-body/truth.jsonl";
    if (!std::filesystem::exists(truth)) GTEST_SKIP() << "no " << truth;
    std::string lines = thinkdex::test::read_file(truth);
    std::size_t pos = 0;
    int pages = 0, empty = 0;
    while (pos < lines.size() && pages < 20) {
        std::size_t end = lines.find('\n', pos);
        if (end == std::string::npos) end = lines.size();
        auto row = nlohmann::json::parse(lines.substr(pos, end - pos), nullptr, false);
        pos = end + 1;
        if (row.is_discarded()) continue;
        std::string gz = thinkdex::test::read_file(truth.parent_path() / row["html"].get<std::string>());
        Extracted e = extract(gz).value();  // extract() inflates gzip itself
        ++pages;
        if (e.body.size() < 200) ++empty;
    }
    EXPECT_GT(pages, 0);
    EXPECT_EQ(empty, 0);
#else
    GTEST_SKIP() << "THINKDEX_SHARED_DIR not defined";
#endif
}

}  // namespace
