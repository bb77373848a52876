// Page kind: a table of small pages of our own -> "article", "listing" or "page", one row per
// signal family (structured types, date and byline, running text, teaser lists, URL shape,
// pagination, the reader addressed), and a table of the listing score's signals one at a time.

#include "extract_kind.hpp"
#include "kind_url.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "thinkdex/indexer/extract.hpp"

namespace {

using thinkdex::indexer::extract;

struct KindCase {
    const char* name;
    const char* url;
    std::string html;
    const char* kind;
};

std::string paragraphs(int n) {
    std::string out;
    for (int i = 0; i < n; ++i)
        out += "<p>Paragraph " + std::to_string(i + 1) +
               " of the argument: the water agreements of the basin states have held for three "
               "decades, but the new canal, the dry years and the growing cities downstream put "
               "more pressure on them than their drafters foresaw, and the commission that "
               "should settle disputes has not met since the spring.</p>\n";
    return out;
}

// Paragraphs of a firm's pitch: running text in the firm's own voice.
std::string we_paragraphs(int n) {
    std::string out;
    for (int i = 0; i < n; ++i)
        out += "<p>We have advised shippers on canal tolls for twenty years, and our team of "
               "analysts knows how the basin commission sets them; we can help you plan your "
               "routes, and our clients tell us that our reports pay for themselves within "
               "the first season of use on the water.</p>\n";
    return out;
}

// n short notes, each a bold label and a sentence: no headline links, so no teaser list is
// seen.
std::string notes(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
        out += "<div class=\"note\"><b>Note " + std::to_string(i) +
               "</b><p>The commission met again on the tolls and the dredging of the lower "
               "canal, and the basin states sent their engineers.</p>";
        out += "</div>";
    }
    return out;
}

// n teaser items, each a heading link with a date and a one-line summary.
std::string teasers(int n, const char* wrapper = "ul", const char* item = "li") {
    std::string out = std::string("<") + wrapper + " class=\"posts\">\n";
    for (int i = 0; i < n; ++i)
        out += std::string("<") + item + " class=\"post\"><h3><a href=\"/p/" + std::to_string(i) +
               "\">Headline number " + std::to_string(i) +
               " about the region's trade</a></h3><time datetime=\"2024-03-0" +
               std::to_string(i % 9 + 1) + "\">March 2024</time><p>A short summary.</p></" +
               item + ">\n";
    return out + "</" + wrapper + ">\n";
}

// A shop's list of n products: a name, a price and a purchase control each, but no headline
// links (the names are not links), so no teaser list is seen.
std::string products(int n, const char* control) {
    std::string out = "<div class=\"grid\">";
    for (int i = 0; i < n; ++i)
        out += "<div class=\"product\"><img src=\"/m/" + std::to_string(i) +
               ".jpg\" alt=\"\"><h2>Canal chart " + std::to_string(i + 1) +
               "</h2><span class=\"price\">12 EUR</span>" + control + "</div>";
    return out + "</div>";
}

std::string page(const std::string& head, const std::string& body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" + head +
           "</head><body><header><nav><ul><li><a href=\"/\">Home</a></li><li><a "
           "href=\"/research/\">Research</a></li><li><a href=\"/about/\">About</a></li></ul>"
           "</nav></header><main>" +
           body + "</main><footer><p>Footer text</p></footer></body></html>";
}

const std::vector<KindCase>& cases() {
    static const std::vector<KindCase> kCases = {
        // Publications.
        {"json_ld_news_article", "https://example.org/analysis/basin-water",
         page("<title>Basin water</title><script type=\"application/ld+json\">{\"@context\":"
              "\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Basin water\","
              "\"datePublished\":\"2024-05-20\",\"author\":{\"@type\":\"Person\",\"name\":"
              "\"Jane Doe\"}}</script>",
              "<article><h1>Basin water</h1>" + paragraphs(5) + "</article>"),
         "article"},
        {"date_byline_and_running_text", "https://example.org/2024/05/20/basin-water-deal",
         page("<title>Basin water deal</title>",
              "<article><h1>Basin water deal</h1><p class=\"byline\">By Jane Doe</p><time "
              "datetime=\"2024-05-20\">20 May 2024</time>" +
                  paragraphs(6) + "</article>"),
         "article"},
        // Regression: a byline counted for an article, and a service page whose site tool sets
        // an author and og:type article on every page scored as one.
        {"service_page_with_author_meta_is_not_an_article", "https://example.org/tax-advice",
         page("<title>Tax advice</title><meta property=\"og:type\" content=\"article\">"
              "<meta name=\"author\" content=\"Jane Doe\">",
              "<main><h1>Tax advice</h1><p>We help small firms with their returns.</p>"
              "<p>Call us or write to us.</p><form><input name=\"name\"><input name=\"mail\">"
              "<textarea name=\"msg\"></textarea></form></main>"),
         "page"},
        {"og_article_with_related_teasers", "https://example.org/commentary/canal-politics",
         page("<title>Canal politics</title><meta property=\"og:type\" content=\"article\">"
              "<meta property=\"article:published_time\" content=\"2024-02-01\">",
              "<article><h1>Canal politics</h1>" + paragraphs(5) +
                  "</article><section class=\"related\"><h2>Related</h2>" + teasers(3) +
                  "</section>"),
         "article"},
        {"blog_posting_in_a_graph", "https://example.org/blog/why-the-canal-matters-now",
         page("<title>Why the canal matters</title><script type=\"application/ld+json\">"
              "{\"@graph\":[{\"@type\":\"WebPage\"},{\"@type\":[\"BlogPosting\"],\"headline\":"
              "\"Why the canal matters\"}]}</script>",
              "<h1>Why the canal matters</h1>" + paragraphs(4)),
         "article"},
        // Listings.
        {"home_page_of_teasers", "https://example.org/",
         page("<title>Example Institute</title><meta property=\"og:type\" content=\"website\">",
              "<h1>Example Institute</h1>" + teasers(10)),
         "listing"},
        {"tag_page", "https://example.org/tag/water/",
         page("<title>Water</title>", "<h1>Water</h1>" + teasers(6, "div", "article")),
         "listing"},
        {"collection_page_type", "https://example.org/research/energy",
         page("<title>Energy</title><script type=\"application/ld+json\">{\"@type\":"
              "\"CollectionPage\",\"name\":\"Energy\"}</script>",
              "<h1>Energy</h1><p>Our work on energy.</p>" + teasers(5)),
         "listing"},
        {"search_results", "https://example.org/?s=water",
         page("<title>Search</title>", "<h1>Results for water</h1>" + teasers(4)),
         "listing"},
        {"second_page_of_an_archive", "https://example.org/research/page/2/",
         page("<title>Research</title>", "<h1>Research</h1>" + teasers(3)), "listing"},
        {"teasers_without_urls_or_types", "",
         page("<title>Latest</title>", "<h1>Latest</h1>" + teasers(12, "div", "div")),
         "listing"},
        // Other pages.
        {"about_page", "https://example.org/about/",
         page("<title>About us</title>",
              "<h1>About us</h1><p>We are an independent institute founded in 2016 and study "
              "the region's politics and economies.</p><p>Our staff of twenty work in two "
              "offices.</p>"),
         "page"},
        {"contact_page_type", "https://example.org/get-in-touch",
         page("<title>Get in touch</title><script type=\"application/ld+json\">{\"@type\":"
              "\"ContactPage\"}</script>",
              "<h1>Get in touch</h1><form><label>Email <input name=\"e\"></label><button>Send"
              "</button></form><p>Call us on weekdays.</p>"),
         "page"},
        {"profile_page_type", "https://example.org/people/jane-doe",
         page("<title>Jane Doe</title><script type=\"application/ld+json\">{\"@type\":"
              "\"ProfilePage\",\"mainEntity\":{\"@type\":\"Person\",\"name\":\"Jane Doe\"}}"
              "</script>",
              "<h1>Jane Doe</h1><p>Jane Doe is a senior fellow who writes on water and energy "
              "in the basin states, and led the institute's work on the canal.</p>" +
                  paragraphs(1)),
         "page"},
        // A JobPosting is a Posting in name only: a job ad is a page, not an article.
        {"job_posting_type", "https://example.org/jobs/research-analyst",
         page("<title>Research analyst</title><script type=\"application/ld+json\">{\"@type\":"
              "\"JobPosting\",\"title\":\"Research analyst\",\"datePosted\":\"2025-03-01\","
              "\"hiringOrganization\":{\"@type\":\"Organization\",\"name\":\"Example "
              "Institute\"}}</script>",
              "<h1>Research analyst</h1>" + paragraphs(2)),
         "page"},
        {"service_page_with_product_type", "https://example.org/consulting",
         page("<title>Consulting</title><script type=\"application/ld+json\">{\"@type\":"
              "\"Service\",\"name\":\"Consulting\"}</script>",
              "<h1>Consulting</h1><p>We advise companies on risk in the region.</p>" +
                  paragraphs(2)),
         "page"},
        // An undated guide and a service page read alike (no date, byline or type): the
        // service page speaks for its firm ("we", "our") and asks the reader to act (the last
        // two rows differ only in their link texts).
        {"undated_guide_is_an_article", "https://example.org/guides/canal-tolls",
         page("<title>Canal tolls</title>",
              "<h1>Canal tolls</h1>" +
                  paragraphs(2)),
         "article"},
        {"service_page_speaking_for_its_firm", "https://example.org/guides/canal-tolls",
         page("<title>Canal tolls</title>",
              "<h1>Canal tolls</h1>" +
                  we_paragraphs(2)),
         "page"},
        {"guide_with_links_to_sources", "https://example.org/guides/canal-tolls",
         page("<title>Canal tolls</title>",
              "<h1>Canal tolls</h1>" + paragraphs(3) +
                  "<p><a href=\"/s1\">Commission</a> <a href=\"/s2\">Treaty text</a> "
                  "<button>Toll table</button> <a href=\"/s3\">Basin map</a> <a href=\"/s4\">"
                  "Canal history</a> <a href=\"/s5\">Shipping data</a> <a href=\"/s6\">"
                  "Glossary</a></p>"),
         "article"},
        {"service_page_with_calls_to_action", "https://example.org/guides/canal-tolls",
         page("<title>Canal tolls</title>",
              "<h1>Canal tolls</h1>" + paragraphs(3) +
                  "<p><a class=\"btn\" href=\"/start\">Get started</a> <a href=\"/call\">"
                  "Book a call</a> <button>Request a quote</button> <a href=\"/buy\">Buy "
                  "now</a> <a href=\"/contact\">Contact us</a> <a href=\"/trial\">Free "
                  "trial</a> <a href=\"/sign-up\">Sign up</a></p>"),
         "page"},
        // Pagination: the same notes are one page of a series when a rel="next" link says so.
        {"notes_without_pagination_are_a_page", "https://example.org/notes",
         page("<title>Notes</title>", "<h1>Notes</h1>" + notes(4)), "page"},
        {"paginated_notes_are_a_listing", "https://example.org/notes",
         page("<title>Notes</title><link rel=\"next\" href=\"/notes/2\">",
              "<h1>Notes</h1>" + notes(4)),
         "listing"},
        // Regression: cards with headline links made most of the text, so the page was a
        // listing; the cards speak to the reader ("your fleet") for the firm ("we").
        {"service_cards_addressing_the_reader", "https://example.org/fleet",
         page("<title>Fleet services</title>",
              "<h1>Fleet services</h1><p>Whatever you ship, your cargo gets through the canal "
              "on time with us.</p><div class=\"cards\">"
              "<div class=\"card\"><h3><a href=\"/s/routing\">Routing for your fleet</a></h3>"
              "<p>You tell us where your ships go; we plan your routes and your tolls.</p></div>"
              "<div class=\"card\"><h3><a href=\"/s/tolls\">Tolls for your fleet</a></h3>"
              "<p>You tell us where your ships go; we plan your routes and your tolls.</p></div>"
              "<div class=\"card\"><h3><a href=\"/s/cover\">Cover for your fleet</a></h3>"
              "<p>You tell us where your ships go; we plan your routes and your tolls.</p></div>"
              "</div>"),
         "page"},
        // A contact form's text fields are not a listing's filters (no path or type says
        // "contact" here).
        {"contact_form_is_a_page", "https://example.org/get-in-touch",
         page("<title>Get in touch</title>",
              "<h1>Get in touch</h1><p>Questions about the institute's research or events? "
              "Write to the press office.</p><form><label>Name <input name=\"n\"></label>"
              "<label>Email <input type=\"email\" name=\"e\"></label><label>Organisation "
              "<input name=\"o\"></label><label>Subject <input name=\"s\"></label><label>"
              "Message <textarea name=\"m\"></textarea></label><button>Send</button></form>"
              "<p>Press office, 12 Canal Street, Rotterdam.</p>"),
         "page"},
        // A shop's list of products: a purchase control on each, by its text or its class.
        {"products_with_add_to_cart_buttons", "https://example.org/charts",
         page("<title>Canal charts</title>",
              "<h1>Canal charts</h1>" + products(6, "<button>Add to cart</button>")),
         "listing"},
        {"products_with_add_to_cart_classes", "https://example.org/charts",
         page("<title>Canal charts</title>",
              "<h1>Canal charts</h1>" +
                  products(6, "<a class=\"button add_to_cart_button\" href=\"?add=1\">Buy"
                              "</a>")),
         "listing"},
        {"one_product_is_a_page", "https://example.org/charts",
         page("<title>Canal charts</title>",
              "<h1>Canal charts</h1>" + products(1, "<button>Add to cart</button>")),
         "page"},
        {"donate_page_by_path", "https://example.org/donate",
         page("<title>Support our work</title>",
              "<h1>Support our work</h1><p>Your gift keeps our research free to read.</p>"
              "<form><input name=\"amount\"><button>Give</button></form>"),
         "page"},
    };
    return kCases;
}

// A failing row is named, not dumped as bytes.
void PrintTo(const KindCase& c, std::ostream* os) { *os << c.name; }

class ExtractKind : public testing::TestWithParam<KindCase> {};

TEST_P(ExtractKind, Kind) {
    const KindCase& c = GetParam();
    EXPECT_EQ(extract(c.html, c.url).value().kind, c.kind) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Table, ExtractKind, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<KindCase>& p) {
                             return std::string(p.param.name);
                         });

TEST(ExtractKind, EmptyInputHasAKind) {
    // binary input is refused before any kind is given (extract_body_test.cpp)
    const std::string kind = extract(std::string(), "https://example.org/x").value().kind;
    EXPECT_TRUE(kind == "article" || kind == "listing" || kind == "page") << kind;
}

}  // namespace

namespace {

// A listing's dates are its teasers'; a service page is not a publication: neither has a
// publication date, whatever dates they show.
TEST(ExtractKind, OnlyPublicationsHaveAPublicationDate) {
    const auto& all = cases();
    for (const KindCase& c : all) {
        const auto e = extract(c.html, c.url).value();
        if (e.kind != "article") {
            EXPECT_EQ(e.published, "") << c.name;
        }
    }
    const auto it = std::find_if(all.begin(), all.end(), [](const KindCase& c) {
        return std::string(c.name) == "tag_page";
    });
    ASSERT_NE(it, all.end());
    EXPECT_EQ(extract(it->html, it->url).value().authors.size(), 0u);
}

}  // namespace

namespace {

// The names in a service page's text are its staff's or its clients': only the page's
// metadata credits an author there.
TEST(ExtractKind, PageCreditsOnlyTheAuthorsItsMetadataNames) {
    const std::string staff =
        "<h1>Consulting</h1><p>We advise companies on risk in the region.</p>" +
        we_paragraphs(2) +
        "<h2>Our team</h2><ul><li><a href=\"/people/jane-doe\">Jane Doe</a></li>"
        "<li><a href=\"/people/john-roe\">John Roe</a></li></ul>";
    const auto service = "<title>Consulting</title><script type=\"application/ld+json\">"
                         "{\"@type\":\"Service\",\"name\":\"Consulting\"}</script>";
    auto e = extract(page(service, staff), "https://example.org/consulting").value();
    EXPECT_EQ(e.kind, "page");
    EXPECT_TRUE(e.authors.empty()) << e.authors.front();

    e = extract(page(std::string(service) + "<meta name=\"author\" content=\"Ann Poe\">", staff),
                "https://example.org/consulting")
            .value();
    EXPECT_EQ(e.kind, "page");
    EXPECT_EQ(e.authors, std::vector<std::string>{"Ann Poe"});
}

}  // namespace

namespace {

using thinkdex::indexer::detail::classify_kind;
using thinkdex::indexer::detail::KindSignals;

// The listing score, one signal at a time, from a page that is not an article and sits just on
// the page side: each listing signal alone tips it to "listing", each page signal alone keeps
// a page of links a page.
struct ListingCase {
    const char* name;
    void (*change)(KindSignals&);
    const char* kind;
};

KindSignals plain_page() {
    KindSignals s;
    s.text_chars = 300;
    s.link_density = 0.05;
    s.teaser_share = 0.1;
    s.content_share = 0.9;
    return s;
}

KindSignals page_of_links() {
    KindSignals s = plain_page();
    s.link_density = 0.2;
    s.teaser_share = 0.2;
    s.content_share = 0.6;
    return s;
}

TEST(ExtractKind, ListingScoreSignals) {
    ASSERT_EQ(classify_kind(plain_page()), "page");
    ASSERT_EQ(classify_kind(page_of_links()), "listing");
    const std::vector<ListingCase> tips = {
        {"next_page", [](KindSignals& s) { s.next_page = true; }, "listing"},
        {"read_more_links", [](KindSignals& s) { s.more_links = 8; }, "listing"},
        {"filter_fields", [](KindSignals& s) { s.inputs = s.choices = 4; }, "listing"},
        {"listing_path", [](KindSignals& s) { s.url_shape = -1; }, "listing"},
        {"teasers", [](KindSignals& s) { s.teaser_share = 0.7; }, "listing"},
        {"links", [](KindSignals& s) { s.link_density = 0.4; }, "listing"},
        {"purchase_controls", [](KindSignals& s) { s.purchases = 3; }, "listing"},
    };
    for (const ListingCase& c : tips) {
        KindSignals s = plain_page();
        c.change(s);
        EXPECT_EQ(classify_kind(s), c.kind) << c.name;
    }
    const std::vector<ListingCase> keeps = {
        {"reader_addressed", [](KindSignals& s) { s.you_share = 0.05; }, "page"},
        {"firm_speaking", [](KindSignals& s) { s.we_share = 0.05; }, "page"},
        {"calls_to_action", [](KindSignals& s) { s.calls_to_action = 20; }, "page"},
        {"page_path", [](KindSignals& s) { s.url_shape = -2; }, "page"},
    };
    for (const ListingCase& c : keeps) {
        KindSignals s = page_of_links();
        c.change(s);
        EXPECT_EQ(classify_kind(s), c.kind) << c.name;
    }
}

// The signals as read from a page (no JSON-LD, no metadata but its URL).
KindSignals signals_of(const std::string& html) {
    const thinkdex::indexer::detail::Dom dom(html);
    const auto content = thinkdex::indexer::detail::extract_content(dom, {});
    thinkdex::indexer::Extracted meta;
    meta.url = "https://example.org/notes";
    return thinkdex::indexer::detail::kind_signals(dom, {}, meta, content);
}

TEST(ExtractKind, SiteRoot) {
    using thinkdex::indexer::detail::is_site_root;
    for (const char* url : {"https://steppe-review.example", "https://steppe-review.example/",
                            "https://steppe-review.example/?ref=feed",
                            "https://steppe-review.example/en/", "https://example.org/de-at/",
                            "https://example.org/index.html", "https://example.org/en/home"})
        EXPECT_TRUE(is_site_root(url)) << url;
    for (const char* url : {"", "steppe-review.example/", "https://example.org/about",
                            "https://example.org/en/briefs/grain", "https://example.org/blog/"})
        EXPECT_FALSE(is_site_root(url)) << url;
}

TEST(ExtractKind, ReadsTheListingSignals) {
    // "Read more" links in a few languages, alone or with an arrow; a longer link text is a
    // headline, not one of them.
    const KindSignals more = signals_of(
        page("<title>Notes</title>",
             "<h1>Notes</h1>" + notes(2) +
                 "<ul><li><a href=\"/a\">Read more</a></li><li><a href=\"/b\">Weiterlesen "
                 "\xC2\xBB</a></li><li><a href=\"/c\">Lire la suite</a></li><li><a href=\"/d\">"
                 "Read more about the canal commission</a></li></ul>"));
    EXPECT_EQ(more.more_links, 3u);
    EXPECT_FALSE(more.next_page);
    // rel="next" in the head or on a link, among other rel values.
    EXPECT_TRUE(signals_of(page("<link rel=\"next\" href=\"/notes/2\">", notes(3))).next_page);
    EXPECT_TRUE(signals_of(page("", notes(3) + "<a rel=\"nofollow next\" href=\"/notes/2\">"
                                               "Older</a>"))
                    .next_page);
    EXPECT_FALSE(signals_of(page("<link rel=\"prev\" href=\"/notes/1\">", notes(3))).next_page);
    // The reader addressed: "you" and "your" among the main text's words.
    const KindSignals you = signals_of(page(
        "<title>Fleet</title>",
        "<h1>Fleet</h1><p>You tell us where your ships go, and you get the routes and the tolls "
        "that suit your fleet and your budget, whatever the season on the canal.</p>"));
    EXPECT_GT(you.you_share, 0.1);
    EXPECT_EQ(signals_of(page("<title>Notes</title>", notes(3))).you_share, 0);
    // Purchase controls anywhere in the body, by their text (a few languages) or their class,
    // a control with both counted once; other buttons are not.
    EXPECT_EQ(signals_of(page("", products(2, "<button>Add to cart</button>") +
                                      products(1, "<a href=\"?b\">In den Warenkorb</a>") +
                                      products(1, "<input type=\"submit\" value=\"Ajouter au "
                                                  "panier\">")))
                  .purchases,
              4u);
    EXPECT_EQ(signals_of(page("", products(3, "<button class=\"add-to-cart\">Add to cart"
                                              "</button>")))
                  .purchases,
              3u);
    EXPECT_EQ(signals_of(page("", products(3, "<button>Compare</button>"))).purchases, 0u);
}

}  // namespace
