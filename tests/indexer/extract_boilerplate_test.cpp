// Body rules: the article's text kept, the page's boilerplate (navigation, share and comment
// blocks, captions, teasers, promotions, datelines) dropped; one row per rule.

#include <gtest/gtest.h>
#include <string>
#include <vector>

#include "extract_page.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace {

using thinkdex::indexer::extract;
using thinkdex::indexer::Extracted;
using thinkdex::test::kLongPara;
using thinkdex::test::page;

// Body rules: text that must be kept and text that must go.
struct BodyCase {
    const char* name;
    std::string html;
    std::vector<std::string> present;
    std::vector<std::string> absent;
};

void PrintTo(const BodyCase& c, std::ostream* os) { *os << c.name; }

class BodyTest : public ::testing::TestWithParam<BodyCase> {};

TEST_P(BodyTest, KeepsArticleDropsBoilerplate) {
    const BodyCase& c = GetParam();
    Extracted e = extract(c.html).value();
    for (const auto& p : c.present) EXPECT_NE(e.body.find(p), std::string::npos) << c.name << ": " << p << "\n" << e.body;
    for (const auto& a : c.absent) EXPECT_EQ(e.body.find(a), std::string::npos) << c.name << ": " << a << "\n" << e.body;
}

const std::vector<BodyCase> kBodyCases = {
    {"drops_nav_header_footer_aside_scripts",
     page("<style>.x{}</style>",
          "<header><a href='/'>Home</a> Site Header Text</header><nav><a href='/a'>Menu One</a>"
          "</nav><main><h1>Main Title</h1><p>" + kLongPara + "</p><p>Second " + kLongPara +
              "</p><script>var leaked = 1;</script><noscript>Enable JS</noscript></main>"
              "<aside>Sidebar Text</aside><footer>Copyright Footer</footer>"),
     {"The policy debate has moved", "Second The policy"},
     {"Site Header Text", "Menu One", "Sidebar Text", "Copyright Footer", "leaked", "Enable JS"}},
    {"drops_class_vocabulary",
     page("", "<div class='content'><p>" + kLongPara + "</p><p>Another " + kLongPara +
                  "</p><div class='share-buttons'>Share to Facebook</div>"
                  "<div class='related-posts'><p>Related: another story about something</p></div>"
                  "<div id='comments'><p>Great post! I agree with all of it, really.</p></div>"
                  "<div class='newsletter-signup'>Subscribe to our newsletter</div></div>"),
     {"The policy debate", "Another The policy"},
     {"Share to Facebook", "Related: another", "Great post", "Subscribe to our"}},
    {"blogger_footer_lines",
     page("", "<div class='post-body entry-content'><p>" + kLongPara + "</p></div>"
              "<div class='post-footer'>Posted by Someone at 9:14 AM No comments:</div>"
              "<div class='comments'><h4>Post a Comment</h4></div>"),
     {"The policy debate"},
     {"Posted by", "No comments:", "Post a Comment"}},
    {"footnote_markers_dropped_text_kept",
     page("", "<article><p>" + kLongPara + "<sup><a href='#fn1' id='ref1'>1</a></sup> More "
              "text follows here.[2]</p><p id='fn1'>1. The footnote text itself.</p></article>"),
     {"supply. More text", "The footnote text itself."},
     {"supply.1", "supply.<"}},
    {"paragraphs_on_separate_lines",
     page("", "<article><h2>Heading</h2><p>" + kLongPara + "</p><ul><li>Item one is here</li>"
              "<li>Item two is here</li></ul><blockquote>A quoted passage of text.</blockquote>"
              "<table><tr><td>Cell A</td><td>Cell B</td></tr></table><p>End " + kLongPara +
              "</p></article>"),
     {"Heading\nThe policy", "\nItem one is here\nItem two is here\n",
      "\nA quoted passage of text.\n", "Cell A Cell B"},
     {}},
    {"readability_scoring_without_markers",
     page("", "<div id='menu'><a href='/1'>Link one</a> <a href='/2'>Link two</a></div>"
              "<div id='x1'><div id='story'><p>" + kLongPara + "</p><p>Two, " + kLongPara +
              "</p><p>Three, " + kLongPara + "</p></div></div>"
              "<div id='links'><a href='/a'>A link list item</a><a href='/b'>Another link</a></div>"),
     {"Two, The policy", "Three, The policy"},
     {"Link one", "A link list item"}},
    {"captions_and_credits_dropped",
     page("", "<article><p>" + kLongPara + "</p><figure><img src='a.jpg'><figcaption>A man "
              "looks at a map (Image: GETTY)</figcaption></figure><div class='photo-credit'>"
              "Photo Agency</div><p>Image copyright Getty Images</p><p>Two " + kLongPara +
              "</p></article>"),
     {"The policy debate", "Two The policy"},
     {"looks at a map", "Photo Agency", "Image copyright"}},
    {"teaser_label_and_its_links_dropped",
     page("", "<article><p>" + kLongPara + "</p><p>More:</p><p><a href='/x'>Another headline "
              "elsewhere</a></p><p><a href='/y'>Yet another headline</a></p><p>Two " +
              kLongPara + "</p><p>Related: <a href='/z'>Some other story</a></p></article>"),
     {"The policy debate", "Two The policy"},
     {"More:", "Another headline", "Yet another", "Some other story"}},
    {"dateline_byline_and_share_lines_dropped",
     page("", "<article><p>By Chris Pokorny Nov 18, 2019, 11:47am EST</p><p>Nov. 19, 2019</p>"
              "<p>Share this story</p><p>Facebook</p><p>" + kLongPara + "</p><p>Two " +
              kLongPara + "</p><p>Tags: energy, policy</p></article>"),
     {"The policy debate", "Two The policy"},
     {"Chris Pokorny", "Nov. 19", "Share this", "Facebook", "Tags:"}},
    // regression: an article split into chunks between ads kept only its first chunk
    {"article_chunks_with_same_class_joined",
     page("", "<main><div class='chunk'><div class='article__body'><p>" + kLongPara + "</p><p>"
              "One " + kLongPara + "</p></div></div><div class='ad'>Advert</div><div "
              "class='chunk'><div class='article__body'><p>Later " + kLongPara + "</p><p>Last "
              + kLongPara + "</p></div></div><div class='teaser'><p><a href='/x'>Other story "
              "headline link</a></p></div></main>"),
     {"The policy debate", "One The policy", "Later The policy", "Last The policy"},
     {"Advert", "Other story"}},
    {"promo_lines_dropped",
     page("", "<article><p>" + kLongPara + "</p><p>Sign up for our newsletter to get the daily "
              "briefing delivered to your inbox.</p><p>Follow Jane on Twitter for updates.</p>"
              "<p>Two " + kLongPara + "</p></article>"),
     {"The policy debate", "Two The policy"},
     {"Sign up for", "Follow Jane"}},
    {"runs_of_short_links_dropped",
     page("", "<article><p><a href='/a'>Dow Jones</a></p><p><a href='/b'>Barron's</a></p>"
              "<p><a href='/c'>MarketWatch</a></p><p>" + kLongPara + "</p><p>Two " + kLongPara +
              "</p><p>See the <a href='/report'>full report</a> for details.</p></article>"),
     {"The policy debate", "Two The policy", "See the full report for details."},
     {"Dow Jones", "Barron's", "MarketWatch"}},
    {"chronology_date_headings_kept",
     page("", "<article><p>" + kLongPara + "</p><p>Two " + kLongPara + "</p><p>Three " +
              kLongPara + "</p><p>Four " + kLongPara + "</p><p>Five " + kLongPara + "</p><p>Six " +
              kLongPara + "</p><p>Seven " + kLongPara + "</p><p>Eight " + kLongPara +
              "</p><h3>3 March 2024</h3><p>Nine " + kLongPara + "</p><p>Ten " + kLongPara +
              "</p><p>Eleven " + kLongPara + "</p><p>Twelve " + kLongPara + "</p><p>Thirteen " +
              kLongPara + "</p><p>Fourteen " + kLongPara + "</p><p>Fifteen " + kLongPara +
              "</p><p>Sixteen " + kLongPara + "</p><p>Tags and labels are useful, as this "
              "sentence shows.</p></article>"),
     {"\n3 March 2024\n", "Tags and labels are useful"},
     {}},
    // regression: the signature line of an embedded tweet was taken for a dateline
    {"embedded_post_signature_kept",
     page("", "<article><p>" + kLongPara + "</p><blockquote class='twitter-tweet'><p>Short "
              "post text here</p>\u2014 Shay Friedman (@ironshay) August 22, 2013</blockquote>"
              "<p>Two " + kLongPara + "</p></article>"),
     {"(@ironshay) August 22, 2013"},
     {}},
    {"sentence_starting_with_by_kept",
     page("", "<article><p>By the end of the year, prices had fallen.</p><p>" + kLongPara +
              "</p><p>Two " + kLongPara + "</p></article>"),
     {"By the end of the year, prices had fallen."},
     {}},
    {"hidden_elements_dropped",
     page("", "<article><p>" + kLongPara + "</p><div style='display: none'>Invisible text</div>"
              "<p hidden>Hidden paragraph</p></article>"),
     {"The policy debate"},
     {"Invisible text", "Hidden paragraph"}},
};

INSTANTIATE_TEST_SUITE_P(Rules, BodyTest, ::testing::ValuesIn(kBodyCases),
                         [](const ::testing::TestParamInfo<BodyCase>& p) {
                             return std::string(p.param.name);
                         });

}  // namespace
