// Issue 11's title and author rules on small pages of our own: one row per rule, each a page a
// new site could serve. Title rules: agreement between the visible h1 and the metadata, site
// names dropped, entities decoded. Author rules: every byline form, JSON-LD graphs, citation
// authors, author pages, and never the site or an account when people are named.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "thinkdex/indexer/extract.hpp"

namespace {

using thinkdex::indexer::extract;
using thinkdex::indexer::Extracted;

std::string page(const std::string& head, const std::string& body) {
    return "<!DOCTYPE html><html lang='en'><head>" + head + "</head><body>" + body +
           "</body></html>";
}

const std::string kText =
    "<p>Grain exports through the corridor recovered over the spring, and insurers returned "
    "as the risk premium fell back towards its pre-war level across the region.</p>"
    "<p>The second paragraph weighs the options for the coming season and what each would "
    "cost producers, shippers and the ports that depend on the trade.</p>";

struct Case {
    const char* name;
    std::string html;
    std::string expected;  // title, or authors joined with '|'
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : "|") + s;
    return out;
}

// A service page: its JSON-LD type, and text that speaks for the firm.
const std::string kService =
    "<script type='application/ld+json'>{\"@type\":\"Service\",\"name\":\"Consulting\"}"
    "</script>";
const std::string kWeText =
    "<p>We advise grain traders on the risks of the corridor. Our team prices your cover and "
    "we answer within a day.</p><p>Contact us to book a call with our advisers.</p>";

class TitleRule : public ::testing::TestWithParam<Case> {};
TEST_P(TitleRule, FindsHeadline) {
    Extracted e =
        extract(GetParam().html, "https://www.steppe-review.example/briefs/grain").value();
    EXPECT_EQ(e.title, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Issue11, TitleRule,
    ::testing::Values(
        Case{"site_suffix_named_by_og_site_name",
             page("<meta property='og:site_name' content='Steppe Review'>"
                  "<meta property='og:title' content='Grain Corridor After the Spring | Steppe "
                  "Review'>",
                  "<article>" + kText + "</article>"),
             "Grain Corridor After the Spring"},
        Case{"site_prefix_named_by_host",
             page("<title>Steppe-Review \u2013 Grain Corridor After the Spring</title>",
                  "<article>" + kText + "</article>"),
             "Grain Corridor After the Spring"},
        Case{"cjk_underscore_segments",
             page("<meta property='og:site_name' content='\u4e1c\u5c9a\u56fd\u9645\u95ee\u9898"
                  "\u7814\u7a76\u9662'><title>\u7cae\u98df\u8d70\u5eca\u7684\u672a\u6765_"
                  "\u4e1c\u5c9a\u56fd\u9645\u95ee\u9898\u7814\u7a76\u9662</title>",
                  "<article>" + kText + "</article>"),
             "\u7cae\u98df\u8d70\u5eca\u7684\u672a\u6765"},
        Case{"cjk_underscore_chain_without_site_name",
             page("<title>\u7cae\u98df\u8d70\u5eca\u7684\u672a\u6765_\u8bc4\u8bba_"
                  "\u67d0\u7814\u7a76\u9662</title>",
                  "<article>" + kText + "</article>"),
             "\u7cae\u98df\u8d70\u5eca\u7684\u672a\u6765"},
        Case{"visible_h1_agreeing_with_og_title_wins",
             page("<meta property='og:title' content='Grain corridor: what the spring "
                  "changed'>",
                  "<article><h1>What the Spring Changed for the Grain Corridor</h1>" + kText +
                      "</article>"),
             "What the Spring Changed for the Grain Corridor"},
        // one word of six in common, too few to agree, but the <title> leads with the h1
        Case{"h1_repeating_the_first_title_segment_wins",
             page("<title>Grain | Markets | Steppe Monitor Weekly Edition</title>",
                  "<main><h1>Grain</h1>" + kText + "</main>"),
             "Grain"},
        Case{"h1_in_a_later_title_segment_is_not_enough",
             page("<title>Markets | Grain | Steppe Monitor Weekly Edition</title>",
                  "<main><h1>Grain</h1>" + kText + "</main>"),
             "Markets | Grain | Steppe Monitor Weekly Edition"},
        Case{"logo_h1_disagreeing_is_not_the_title",
             page("<meta property='og:title' content='Grain Corridor After the Spring'>",
                  "<header><h1>Steppe Review</h1></header><article>" + kText + "</article>"),
             "Grain Corridor After the Spring"},
        Case{"double_encoded_entities_decoded",
             page("<meta property='og:title' content='Grain &amp;amp; Oil &amp;#8211; the "
                  "Spring Outlook for the Region'>",
                  "<article>" + kText + "</article>"),
             "Grain & Oil \u2013 the Spring Outlook for the Region"},
        // no og:site_name and another host than the page's: the segment's form names a site
        Case{"host_name_suffix_dropped",
             page("<title>Grain Outlook | Grain-Watch.org</title>",
                  "<article>" + kText + "</article>"),
             "Grain Outlook"},
        Case{"host_name_alone_is_kept",
             page("<title>Grain-Watch.org</title>", "<article>" + kText + "</article>"),
             "Grain-Watch.org"},
        Case{"dotted_words_are_not_a_host_name",
             page("<title>Grain Outlook | Version 2.0</title>", "<article>" + kText + "</article>"),
             "Grain Outlook | Version 2.0"},
        Case{"short_section_label_dropped",
             page("<title>Grain Corridor After the Spring | Commentary</title>",
                  "<article>" + kText + "</article>"),
             "Grain Corridor After the Spring"},
        // a label has letters: a number after " / " is part of the headline
        Case{"numeric_range_is_not_a_label",
             page("<meta property='og:title' content='Grain Harvest Outlook for 2026 / 2027'>"
                  "<title>Grain Harvest Outlook for 2026 / 2027</title>",
                  "<article>" + kText + "</article>"),
             "Grain Harvest Outlook for 2026 / 2027"},
        // a shop or blog platform fills twitter:title with the site's name on every page
        Case{"metadata_title_that_is_the_site_name_yields",
             page("<meta property='og:site_name' content='Steppe Review'>"
                  "<meta name='twitter:title' content='Steppe Review'>"
                  "<title>Grain Corridor After the Spring</title>",
                  "<article>" + kText + "</article>"),
             "Grain Corridor After the Spring"},
        Case{"home_page_named_only_by_the_site_name_keeps_it",
             page("<meta property='og:site_name' content='Steppe Review'>"
                  "<meta property='og:title' content='Steppe Review'>"
                  "<title>Steppe Review</title>",
                  "<main>" + kText + "</main>"),
             "Steppe Review"},
        Case{"home_page_whose_metadata_is_the_site_name_keeps_it",
             page("<meta property='og:site_name' content='Steppe Review'>"
                  "<meta property='og:title' content='Steppe Review'>"
                  "<meta name='twitter:title' content='Steppe Review'>"
                  "<title>Steppe Review – Grain, Ports and the Markets of the Region</title>",
                  "<main>" + kText + "</main>"),
             "Steppe Review"},
        Case{"cut_headline_completed_by_og_title",
             page("<script type='application/ld+json'>{\"@type\":\"Article\",\"headline\":"
                  "\"Grain Corridor After the Spring: Insurance, Ports and the Outlook for "
                  "(Including\"}</script><meta property='og:title' content='Grain Corridor "
                  "After the Spring: Insurance, Ports and the Outlook for (Including Rail)'>",
                  "<article>" + kText + "</article>"),
             "Grain Corridor After the Spring: Insurance, Ports and the Outlook for "
             "(Including Rail)"},
        // the h1 says which title; og:title and <title> agree on how to write it (the h1's
        // text is a rendering: typographic quotes, words glued across spans)
        Case{"h1_words_in_the_agreed_metadata_form",
             page("<meta property='og:title' content=\"Grain Corridor: What's Next\">"
                  "<title>Grain Corridor: What's Next | Steppe Review</title>",
                  "<article><h1>Grain Corridor: What\u2019s Next</h1>" + kText + "</article>"),
             "Grain Corridor: What's Next"},
        Case{"h1_words_glued_by_markup_in_the_agreed_metadata_form",
             page("<meta property='og:title' content='Grain Corridor After the Spring'>"
                  "<title>Grain Corridor After the Spring</title>",
                  "<article><h1><span>Grain</span><span>Corridor</span> After the Spring</h1>" +
                      kText + "</article>"),
             "Grain Corridor After the Spring"},
        // one source alone does not rewrite the h1
        Case{"single_metadata_form_leaves_the_h1",
             page("<meta property='og:title' content=\"Grain Corridor: What's Next\">",
                  "<article><h1>Grain Corridor: What\u2019s Next</h1>" + kText + "</article>"),
             "Grain Corridor: What\u2019s Next"},
        // no h1 agrees: the title two sources give beats the first metadata title
        Case{"title_two_sources_agree_on_beats_the_first_metadata_title",
             page("<script type='application/ld+json'>{\"@type\":\"Article\",\"headline\":"
                  "\"Ports reopen\"}</script>"
                  "<meta property='og:title' content='Grain Corridor After the Spring'>"
                  "<title>Grain Corridor After the Spring | Steppe Review</title>",
                  "<article><h1>Our Blog</h1>" + kText + "</article>"),
             "Grain Corridor After the Spring"},
        // a service page's h1 is a slogan: the page's name is what og:title and <title> agree on
        Case{"service_page_named_by_agreeing_metadata_over_its_h1",
             page(kService + "<meta property='og:title' content='Risk Consulting for Grain "
                             "Traders'><title>Risk Consulting for Grain Traders | Steppe "
                             "Review</title>",
                  "<main><h1>Grain risk consulting you can count on</h1>" + kWeText + "</main>"),
             "Risk Consulting for Grain Traders"},
        Case{"article_keeps_its_h1_over_agreeing_metadata",
             page("<meta property='og:title' content='Risk Consulting for Grain Traders'>"
                  "<title>Risk Consulting for Grain Traders | Steppe Review</title>",
                  "<article><h1>Grain risk consulting you can count on</h1>" + kText +
                      "</article>"),
             "Grain risk consulting you can count on"},
        // ... unless the <title> begins with the h1: the rest is a tagline
        Case{"service_page_h1_leading_the_title_tag_stays",
             page(kService + "<meta property='og:title' content='Grain Risk Consulting | Cover "
                             "for Every Cargo'><title>Grain Risk Consulting | Cover for Every "
                             "Cargo</title>",
                  "<main><h1>Grain Risk Consulting</h1>" + kWeText + "</main>"),
             "Grain Risk Consulting"}));

// A site's home page is named by the site: a <title> that leads with the site's name is kept
// whole there (less a trailing site name), whatever slogan the h1 carries; elsewhere the name
// is an affix and goes.
struct HomeCase {
    const char* name;
    const char* url;
    std::string html;
    std::string expected;
};

void PrintTo(const HomeCase& c, std::ostream* os) { *os << c.name; }

std::string service_page(const std::string& title) {
    return page(kService + "<meta property='og:title' content='" + title + "'><title>" + title +
                    "</title>",
                "<main><h1>Grain risk, handled</h1>" + kWeText + "</main>");
}

class HomePageTitle : public ::testing::TestWithParam<HomeCase> {};
TEST_P(HomePageTitle, KeepsTheBrandLedTitle) {
    EXPECT_EQ(extract(GetParam().html, GetParam().url).value().title, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Issue11, HomePageTitle,
    ::testing::Values(
        HomeCase{"brand_bar_tagline_at_the_root", "https://www.steppe-review.example/",
                 service_page("Steppe Review | Risk Consulting for Grain Traders"),
                 "Steppe Review | Risk Consulting for Grain Traders"},
        HomeCase{"brand_colon_tagline_at_a_language_root", "https://steppe-review.example/en/",
                 service_page("Steppe Review: Risk Consulting for Grain Traders"),
                 "Steppe Review: Risk Consulting for Grain Traders"},
        HomeCase{"trailing_site_name_still_goes", "https://steppe-review.example/index.html",
                 service_page("Steppe Review: Risk Consulting for Grain Traders - Steppe Review"),
                 "Steppe Review: Risk Consulting for Grain Traders"},
        HomeCase{"tagline_then_brand_loses_the_brand", "https://steppe-review.example/",
                 service_page("Risk Consulting for Grain Traders | Steppe Review"),
                 "Risk Consulting for Grain Traders"},
        HomeCase{"brand_prefix_dropped_below_the_root",
                 "https://steppe-review.example/services/consulting",
                 service_page("Steppe Review | Risk Consulting for Grain Traders"),
                 "Risk Consulting for Grain Traders"},
        HomeCase{"publication_at_the_root_keeps_its_headline", "https://steppe-review.example/",
                 page("<meta property='og:type' content='article'><title>Steppe Review | Grain "
                      "Corridor After the Spring</title>",
                      "<article><h1>Grain Corridor After the Spring</h1>" + kText + "</article>"),
                 "Grain Corridor After the Spring"}));

// The pages are publications (a headline of several words and running text): on other pages
// only the metadata credits an author (extract_kind_test.cpp).
class AuthorRule : public ::testing::TestWithParam<Case> {};
TEST_P(AuthorRule, FindsPeople) {
    Extracted e =
        extract(GetParam().html, "https://www.steppe-review.example/briefs/grain").value();
    EXPECT_EQ(join(e.authors), GetParam().expected);
}

const std::string kHead = "<meta property='og:site_name' content='Steppe Review'>";
const std::string kH1 = "<h1>Grain Corridor After the Spring</h1>";

INSTANTIATE_TEST_SUITE_P(
    Issue11, AuthorRule,
    ::testing::Values(
        Case{
            "by_a_and_b",
            page(kHead, "<article>" + kH1 + "<p>By Ann Lee and Bo Chen</p>" + kText + "</article>"),
            "Ann Lee|Bo Chen"},
        Case{"a_b_and_c",
             page(kHead, "<article>" + kH1 + "<p class='byline'>Ann Lee, Bo Chen and Cy Dale</p>" +
                             kText + "</article>"),
             "Ann Lee|Bo Chen|Cy Dale"},
        Case{"von_a_und_b",
             page(kHead,
                  "<article><h1>Der Getreidekorridor nach dem Frühjahr</h1><p>Von Anna Weber und "
                  "Jonas Keller</p>" +
                      kText + "</article>"),
             "Anna Weber|Jonas Keller"},
        Case{"par_a_et_b",
             page(kHead,
                  "<article><h1>Le corridor céréalier après le printemps</h1><p>Par Claire Martin "
                  "et Louis Petit</p>" +
                      kText + "</article>"),
             "Claire Martin|Louis Petit"},
        Case{"podcast_hosts",
             page(kHead, "<article>" + kH1 + "<p>Hosted by Ann Lee and Bo Chen</p>" + kText +
                             "</article>"),
             "Ann Lee|Bo Chen"},
        Case{"chinese_label",
             page("<meta name='author' content='\u4f5c\u8005\uff1a\u5f20\u4f1f'>",
                  "<article>" + kText + "</article>"),
             "\u5f20\u4f1f"},
        Case{"russian_label",
             page("<meta name='author' content='\u0410\u0432\u0442\u043e\u0440: \u0418\u0432"
                  "\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432'>",
                  "<article>" + kText + "</article>"),
             "\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432"},
        Case{"by_a_given_name_alone",
             page(kHead, "<article>" + kH1 + "<p>by Maja \u00b7 May 3, 2024</p>" + kText +
                             "</article>"),
             "Maja"},
        Case{"by_a_role_alone_is_no_name",
             page(kHead, "<article>" + kH1 + "<p>by Editor \u00b7 May 3, 2024</p>" + kText +
                             "</article>"),
             ""},
        Case{"profile_link_in_running_text_is_cited_not_author",
             page(kHead, "<article>" + kH1 + "<p>By Ann Lee</p><p>As <a href='/people/bo-chen'>"
                             "Bo Chen</a>, an economist who has followed the grain trade for "
                             "twenty years, explains, the corridor depends on insurers that "
                             "price the risk of every voyage, on ports that stay open through the "
                             "winter and on railways that carry the harvest to them.</p>" +
                             kText + "</article>"),
             "Ann Lee"},
        Case{"owner_named_like_the_site",
             page("<meta property='og:site_name' content='Lindqvist'>",
                  "<article>" + kH1 + "<p>Posted by <a rel='author' href='/about'>Maja "
                  "Lindqvist</a></p>" + kText + "</article>"),
             "Maja Lindqvist"},
        Case{"site_named_credit_is_no_owner",
             page("<meta property='og:site_name' content='Harbour Today'>",
                  "<article>" + kH1 + "<p>By <a rel='author' href='/about'>Harbour Today</a>"
                  "</p>" + kText + "</article>"),
             ""},
        Case{"fact_checker_box_is_no_author",
             page(kHead, "<article>" + kH1 + "<div class='author-wrap'><div>Written By</div>"
                             "<div class='author-name'>Ann Lee</div></div><div class='author-wrap'>"
                             "<div>Fact Checked By</div><div class='editor-name'>Bo Chen</div>"
                             "</div>" + kText + "</article>"),
             "Ann Lee"},
        Case{"written_by_on_its_own_line",
             page(kHead,
                  "<article>" + kH1 + "<p>Written by</p><p>Ann Lee</p>" + kText + "</article>"),
             "Ann Lee"},
        Case{"json_ld_graph_person_by_id",
             page("<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"Article\","
                  "\"author\":[{\"@id\":\"#p1\"},{\"@id\":\"#p2\"}]},{\"@type\":\"Person\","
                  "\"@id\":\"#p1\",\"name\":\"Ann Lee\"},{\"@type\":\"Person\",\"@id\":"
                  "\"#p2\",\"name\":\"Bo Chen\"}]}</script>",
                  "<article>" + kText + "</article>"),
             "Ann Lee|Bo Chen"},
        // an author JSON-LD types as an organisation is no person, whatever its name: the
        // author page link names the person; alone, the organisation is a group credit unless
        // it is the site
        Case{"json_ld_organisation_author_gives_way_to_a_person",
             page(kHead + "<script type='application/ld+json'>{\"@type\":\"Article\","
                          "\"author\":{\"@type\":\"Organization\",\"name\":\"Harbour "
                          "Analytics\"}}</script>",
                  "<article>" + kH1 + "<div class='meta'><a href='/experts/ann-lee/'>Ann Lee</a>"
                  "</div>" + kText + "</article>"),
             "Ann Lee"},
        Case{"json_ld_organisation_author_alone_is_a_group",
             page(kHead + "<script type='application/ld+json'>{\"@type\":\"Article\","
                          "\"author\":[{\"@type\":\"NewsMediaOrganization\",\"name\":"
                          "\"Harbour Analytics\"}]}</script>",
                  "<article>" + kH1 + kText + "</article>"),
             "Harbour Analytics"},
        Case{"json_ld_organisation_author_that_is_the_site",
             page(kHead + "<script type='application/ld+json'>{\"@type\":\"Article\","
                          "\"author\":{\"@type\":\"Organization\",\"name\":\"Steppe "
                          "Review\"}}</script>",
                  "<article>" + kH1 + kText + "</article>"),
             ""},
        // a share bar's icon-font glyphs in the author markup are no name: the byline is
        Case{"icon_glyphs_are_no_author",
             page("<meta name='author' content='\uf09a \uf232 \uf142'>",
                  "<article>" + kH1 + "<p>By Ann Lee</p>" + kText + "</article>"),
             "Ann Lee"},
        // the byline only in an author box after the text
        Case{"written_by_line_after_the_text",
             page(kHead, "<article>" + kH1 + kText + kText + kText +
                             "<div class='box'><p>Written by Ann Lee</p><p>More from Ann Lee"
                             "</p></div></article>"),
             "Ann Lee"},
        Case{"written_by_an_organisation_is_no_byline",
             page(kHead, "<article>" + kH1 + kText + kText + kText +
                             "<p>Written by Steppe Media Group</p></article>"),
             ""},
        Case{"article_written_by_label_over_the_name",
             page(kHead, "<article>" + kH1 + kText + kText + kText +
                             "<div><p>Article written by:</p><p>Ann Lee, MD</p></div></article>"),
             "Ann Lee"},
        Case{"citation_authors_surname_first",
             page("<meta name='citation_author' content='Lee, Ann'><meta "
                  "name='citation_author' content='Chen, Bo'>",
                  "<article>" + kText + "</article>"),
             "Ann Lee|Bo Chen"},
        Case{"twitter_written_by_pair",
             page("<meta name='twitter:label1' content='Written by'><meta name='twitter:data1' "
                  "content='Ann Lee'><meta name='twitter:label2' content='Est. reading "
                  "time'><meta name='twitter:data2' content='4 minutes'>",
                  "<article>" + kText + "</article>"),
             "Ann Lee"},
        Case{"author_page_link",
             page(kHead, "<article>" + kH1 +
                             "<div class='meta'><a href='/experts/ann-lee/'>Ann Lee</a></div>" +
                             kText + "</article>"),
             "Ann Lee"},
        Case{"author_box_name_over_date",
             page(kHead, "<article>" + kH1 + "<p class='author'>Ann Lee<br>4 August 2024</p>" +
                             kText + "</article>"),
             "Ann Lee"},
        Case{"author_box_label_is_not_a_name",
             page(kHead, "<article>" + kH1 +
                             "<div class='author-info'><p>Fact Checked By</p><p>Ann Lee</p></div>" +
                             kText + "</article>"),
             "Ann Lee"},
        Case{"post_nominals_dropped",
             page("<meta name='author' content='Ann Lee, PhD, MPH'>",
                  "<article>" + kText + "</article>"),
             "Ann Lee"},
        Case{"site_name_is_not_a_person_when_people_are_named",
             page(kHead + "<meta name='author' content='Steppe Review'>",
                  "<article>" + kH1 + "<p>By Ann Lee</p>" + kText + "</article>"),
             "Ann Lee"},
        Case{"site_credit_kept_when_no_person",
             page(kHead + "<meta name='author' content='Steppe Review'>",
                  "<article>" + kText + "</article>"),
             "Steppe Review"},
        Case{"account_names_are_not_authors",
             page("<meta name='author' content='admin'>", "<article>" + kText + "</article>"), ""},
        Case{"template_placeholders_are_not_authors",
             page("<meta name='author' content='page.head.extra.author'>",
                  "<article>" + kText + "</article>"),
             ""},
        Case{"unfilled_template_markup_is_not_an_author",
             page("<meta name='author' content='{{ author.name }}'>",
                  "<article>" + kText + "</article>"),
             ""},
        Case{"placeholder_in_metadata_leaves_the_author_link",
             page(kHead + "<meta name='author' content='${author}'>",
                  "<article>" + kH1 + "<p><a href='/author/ann-lee'>Ann Lee</a></p>" + kText +
                      "</article>"),
             "Ann Lee"},
        Case{"updated_by_is_not_the_author",
             page(kHead, "<article>" + kH1 + "<p>By Ann Lee</p><p>Updated by Bo Chen</p>" + kText +
                             "</article>"),
             "Ann Lee"},
        // the date runs on after the names with no separator: it used to hide the byline
        Case{"by_line_with_trailing_date",
             page(kHead, "<article>" + kH1 +
                             "<p>By <a href='/producers/ann-lee'>Ann "
                             "Lee</a> <span>December 2, 2025</span></p>" +
                             kText + "</article>"),
             "Ann Lee"},
        Case{"by_colon_name_comma_date",
             page(kHead,
                  "<article>" + kH1 + "<p>by: Bo Chen, Dec 17, 2025</p>" + kText + "</article>"),
             "Bo Chen"},
        Case{"by_and_name_in_adjacent_spans",
             page(kHead, "<article>" + kH1 +
                             "<p>A short standfirst about the harvest.</p>"
                             "<div><span>By</span><span>Ann Lee</span></div>" +
                             kText + "</article>"),
             "Ann Lee"},
        Case{"bare_name_right_under_the_title",
             page(kHead, "<article>" + kH1 + "<p>Ann Lee</p>" + kText + "</article>"), "Ann Lee"},
        Case{"bare_name_beside_the_dateline_under_a_standfirst",
             page(kHead, "<article>" + kH1 +
                             "<p>A short standfirst about the harvest and the ports.</p>"
                             "<p>Ann Lee</p><p>23.07.2025 &middot; 6 min read</p>" +
                             kText + "</article>"),
             "Ann Lee"},
        // after "By:" the byline is the credit under it, not the section named beside the date
        Case{"section_beside_the_dateline_after_a_by_label_is_no_name",
             page(kHead, "<article>" + kH1 +
                             "<p>By:</p><p>Steppe Editorial Team</p><p>Field Crops</p>"
                             "<p>Aug 1, 2025</p>" +
                             kText + "</article>"),
             ""},
        // metadata against the "By" line under the title: the account that posted the page
        // (no name in common) or the first author only (the line names more) give way
        Case{"by_line_beats_metadata_naming_someone_else",
             page(kHead + "<meta name='author' content='Lou Dale'>",
                  "<article>" + kH1 + "<p>By: Ann Lee</p>" + kText + "</article>"),
             "Ann Lee"},
        Case{"by_line_naming_the_metadata_author_and_more",
             page(kHead + "<meta name='author' content='Ann Lee'>",
                  "<article>" + kH1 + "<p>By Ann Lee and Bo Chen</p>" + kText + "</article>"),
             "Ann Lee|Bo Chen"},
        Case{"by_line_naming_fewer_than_the_metadata_keeps_the_metadata",
             page(kHead + "<meta name='author' content='Ann Lee, Bo Chen'>",
                  "<article>" + kH1 + "<p>By Ann Lee</p>" + kText + "</article>"),
             "Ann Lee|Bo Chen"},
        // an organisation is never a person, whichever source credits it
        Case{"organisation_in_the_byline_box_is_no_author",
             page(kHead, "<article>" + kH1 + "<div class='byline'>Steppe Grain Solutions</div>" +
                             kText + "</article>"),
             ""},
        Case{"organisation_in_author_meta_is_no_author",
             page(kHead + "<meta name='author' content='Steppe Consulting Partners'>",
                  "<article>" + kH1 + kText + "</article>"),
             ""},
        // two given names joined by a conjunction are one credit, kept as written
        Case{"given_names_joined_by_and_stay_as_written",
             page(kHead + "<meta name='author' content='Linny and Peter'>",
                  "<article>" + kH1 + kText + "</article>"),
             "Linny and Peter"},
        Case{"given_names_joined_by_ampersand_stay_as_written",
             page(kHead + "<meta name='author' content='Linny &amp; Peter'>",
                  "<article>" + kH1 + kText + "</article>"),
             "Linny & Peter"},
        Case{"bare_blog_subtitle_is_not_a_name",
             page(kHead, "<article>" + kH1 + "<p>The Rolling Tracker</p>" + kText + "</article>"),
             ""},
        Case{"bare_subtitle_under_the_title_is_not_a_name",
             page(kHead, "<article>" + kH1 + "<p>Steppe Grain Council Quarterly Outlook</p>" +
                             kText + "</article>"),
             ""},
        // an author-name element inside markup read as chrome (a byline card in a widget)
        // a directory of authors named in a compound ("/blog-authors/"), not inside a word
        Case{"author_directory_in_a_compound_segment",
             page(kHead, "<article>" + kH1 +
                             "<div class='meta'><a href='/blog-authors/ann-lee'>Ann Lee</a></div>" +
                             kText + "</article>"),
             "Ann Lee"},
        Case{"authority_directory_is_no_author_page",
             page(kHead, "<article>" + kH1 +
                             "<div class='meta'><a href='/local-authority/ann-lee'>Ann Lee</a></div>" +
                             kText + "</article>"),
             ""},
        Case{"author_name_class_in_chrome_under_the_title",
             page(kHead, "<article>" + kH1 +
                             "<div class='widget'><img alt=''>"
                             "<span class='post-author-name'>Ann Lee</span></div>" +
                             kText + "</article>"),
             "Ann Lee"},
        Case{"author_name_class_far_from_any_title_is_ignored",
             page(kHead, "<article>" + kText +
                             "</article><aside class='comments'><div "
                             "class='comment'><span class='author-name'>Bo Chen</span><p>Nice "
                             "piece.</p></div></aside>"),
             ""},
        // a utility class that places the head in the grid's "sidebar" area is layout, not a
        // sidebar: it used to hide the byline
        Case{"grid_area_utility_class_is_not_a_sidebar",
             page(kHead, "<article><div class='mb-6 md:[grid-area:sidebar]'>" + kH1 +
                             "<p>Written by</p><p>Ann Lee</p></div>" + kText + "</article>"),
             "Ann Lee"},
        Case{"date_then_names_then_section",
             page(kHead, "<article>" + kH1 +
                             "<p>Dec. 19, 2025 &middot; Ann Lee in "
                             "<a href='/topics/trade'>Trade</a></p>" +
                             kText + "</article>"),
             "Ann Lee"},
        Case{"date_then_reading_time_is_not_a_name",
             page(kHead, "<article>" + kH1 + "<p>Dec. 19, 2025 &middot; 5 min read</p>" + kText +
                             "</article>"),
             ""},
        // a facts box far below the title: "Author" over the name
        Case{"author_label_over_name_anywhere",
             page(kHead, "<article>" + kH1 + kText + kText + kText +
                             "<div class='facts'><h3>Published</h3><p>May 3, 2024</p>"
                             "<h3>Author</h3><p>Ann Lee</p></div></article>"),
             "Ann Lee"},
        // "sidebar" in the class of the box that holds the headline names a layout
        Case{"box_holding_the_headline_is_not_a_sidebar",
             page(kHead, "<div class='story-page story-sidebar-mode'><article>" + kH1 +
                             "<p>By Ann Lee</p>" + kText + "</article></div>"),
             "Ann Lee"},
        Case{"job_title_under_the_name_is_not_a_person",
             page(kHead, "<article>" + kH1 + kText +
                             "<div class='author-box'><h4 "
                             "class='author-box__name'>Ann Lee</h4><p>Former Policy "
                             "Consultant</p></div></article>"),
             "Ann Lee"},
        Case{"layout_symbol_after_the_name_dropped",
             page("<meta name='author' content='Ann Lee \u25cf'>",
                  "<article>" + kText + "</article>"),
             "Ann Lee"},
        Case{"group_in_byline_box_when_nobody_is_named",
             page(kHead, "<article>" + kH1 + "<p class='author-name'>The Research Team</p>" +
                             kText + "</article>"),
             "The Research Team"},
        Case{"group_in_byline_box_gives_way_to_a_person",
             page(kHead + "<meta name='author' content='Ann Lee'>",
                  "<article>" + kH1 + "<p class='author-name'>The Research Team</p>" + kText +
                      "</article>"),
             "Ann Lee"},
        Case{"post_nominals_in_a_byline_link_and_reviewer_left_out",
             page(kHead, "<article>" + kH1 +
                             "<div class='meta'>By <a "
                             "href='/author/ann-lee'>Ann Lee, DVM</a>. Reviewed by <a "
                             "href='/author/bo-chen'>Bo Chen, DVM</a></div>" +
                             kText + "</article>"),
             "Ann Lee"},
        Case{"by_line_without_date_after_names_is_not_cut",
             page(kHead, "<article>" + kH1 + "<p>By the numbers: what the harvest means</p>" +
                             kText + "</article>"),
             ""}));

}  // namespace
