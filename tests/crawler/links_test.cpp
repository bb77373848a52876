#include "links.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_util.hpp"

namespace thinkdex::crawler {
namespace {


TEST(ExtractLinks, FindsLinksFeedsCanonicalAndBase) {
    auto links = extract_links(R"HTML(<!doctype html><html><head>
        <base href="/docs/">
        <link rel="alternate" type="application/atom+xml" href="/feed.atom">
        <link rel="Alternate" type="application/rss+xml" href="rss.xml">
        <link rel="alternate" hreflang="fr" href="/fr/">
        <link rel="canonical" href="https://example.org/canonical">
        <link rel="stylesheet" href="/style.css">
        </head><body>
        <a href="a.html">A</a> <a href="mailto:x@example.org">mail</a>
        <a>no href</a> <a href="javascript:void(0)">js</a>
        <a rel="nofollow" href="/login">login</a>
        <map><area href="/area"></map>
        </body></html>)HTML",
                               "http://example.org/section/page.html", "thinkdex");
    EXPECT_EQ(links.base, "http://example.org/docs/");
    EXPECT_EQ(links.links, (std::vector<std::string>{"a.html", "mailto:x@example.org",
                                                     "javascript:void(0)", "/area"}));
    EXPECT_EQ(links.nofollow_links, (std::vector<std::string>{"/login"}));
    EXPECT_EQ(links.feeds, (std::vector<std::string>{"/feed.atom", "rss.xml"}));
    EXPECT_EQ(links.canonical, "https://example.org/canonical");
    EXPECT_FALSE(links.directives.nofollow);
    EXPECT_FALSE(links.directives.noindex);
}

TEST(ExtractLinks, BrokenHtmlAndMetaNofollow) {
    auto links = extract_links("<meta name=ROBOTS content='noindex, NOFOLLOW'><a href=x>x</a><p><a href=y>y",
                               "http://example.org/", "thinkdex");
    EXPECT_EQ(links.base, "http://example.org/");
    EXPECT_TRUE(links.directives.nofollow);
    EXPECT_TRUE(links.directives.noindex);
    EXPECT_EQ(links.links.size(), 2u);
}

// <meta name="PRODUCT-TOKEN"> speaks to us as <meta name="robots"> does; another crawler's
// name does not.
TEST(ExtractLinks, MetaDirectivesForOurProductToken) {
    auto ours = extract_links("<meta name=ThinkDex content=nofollow><a href=x>x</a>",
                              "http://example.org/", "thinkdex");
    EXPECT_TRUE(ours.directives.nofollow);
    EXPECT_FALSE(ours.directives.noindex);
    auto none = extract_links("<meta name=robots content=none>", "http://example.org/", "thinkdex");
    EXPECT_TRUE(none.directives.nofollow);
    EXPECT_TRUE(none.directives.noindex);
    auto other = extract_links("<meta name=otherbot content='noindex,nofollow'>",
                               "http://example.org/", "thinkdex");
    EXPECT_FALSE(other.directives.nofollow);
    EXPECT_FALSE(other.directives.noindex);
}

TEST(ExtractLinks, HeadEndsAtTheBodyOrHeadTagOutsideCommentsScriptsAndStyles) {
    struct Case {
        const char* why;
        std::string html;
        std::string head;
    };
    const std::string rest = "<p>text <a href=/a>a</a></p>";
    const std::vector<Case> cases = {
        {"body tag", "<html><head><title>t</title></head><body>" + rest,
         "<html><head><title>t</title>"},
        {"upper case, attributes", "<HTML><HEAD><TITLE>t</TITLE><BODY class=x>" + rest,
         "<HTML><HEAD><TITLE>t</TITLE>"},
        {"no head end, body tag", "<title>t</title><body>" + rest, "<title>t</title>"},
        {"neither: all of it", "<title>t</title>" + rest, "<title>t</title>" + rest},
        {"not a body tag", "<bodyguard>x</bodyguard></head>" + rest, "<bodyguard>x</bodyguard>"},
        {"in a comment", "<!-- <body> --><link rel=canonical href=/c></head>" + rest,
         "<!-- <body> --><link rel=canonical href=/c>"},
        {"in a script", "<script>w('<body>')</SCRIPT><meta name=robots content=nofollow><body>",
         "<script>w('<body>')</SCRIPT><meta name=robots content=nofollow>"},
        {"in a style", "<style>a::after{content:'</head>'}</style><base href=/b/></head>",
         "<style>a::after{content:'</head>'}</style><base href=/b/>"},
        {"unclosed comment: all of it", "<title>t</title><!-- <body>", "<title>t</title><!-- <body>"},
    };
    for (const auto& c : cases) EXPECT_EQ(html_head(c.html), c.head) << c.why;

    auto head = extract_head_links(R"HTML(<html><head><base href="/docs/">
        <link rel="alternate" type="application/rss+xml" href="rss.xml">
        <link rel="canonical" href="https://example.org/canonical">
        <meta name="robots" content="nofollow">
        </head><body><a href="a.html">A</a></body></html>)HTML",
                                   "http://example.org/page.html", "thinkdex");
    EXPECT_EQ(head.base, "http://example.org/docs/");
    EXPECT_EQ(head.feeds, (std::vector<std::string>{"rss.xml"}));
    EXPECT_EQ(head.canonical, "https://example.org/canonical");
    EXPECT_TRUE(head.directives.nofollow);
    EXPECT_TRUE(head.links.empty());
}

TEST(Sitemap, UrlsetWithLastmodAndEntities) {
    auto sitemap = parse_sitemap(R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> http://example.org/a?x=1&amp;y=2 </loc><lastmod>2024-05-01</lastmod></url>
  <url><loc><![CDATA[http://example.org/b]]></loc></url>
  <url><lastmod>2024-01-01</lastmod></url>
</urlset>)");
    ASSERT_TRUE(sitemap) << sitemap.error().message;
    ASSERT_EQ(sitemap->urls.size(), 2u);
    EXPECT_EQ(sitemap->urls[0].loc, "http://example.org/a?x=1&y=2");
    EXPECT_EQ(sitemap->urls[0].lastmod, "2024-05-01");
    EXPECT_EQ(sitemap->urls[1].loc, "http://example.org/b");
    EXPECT_TRUE(sitemap->sitemaps.empty());
}

TEST(Sitemap, IndexAndLimit) {
    auto sitemap = parse_sitemap(R"(<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://example.org/s1.xml</loc></sitemap>
  <sitemap><loc>http://example.org/s2.xml.gz</loc><lastmod>2024-02-02</lastmod></sitemap>
</sitemapindex>)",
                                 1);
    ASSERT_TRUE(sitemap);
    ASSERT_EQ(sitemap->sitemaps.size(), 1u);
    EXPECT_EQ(sitemap->sitemaps[0].loc, "http://example.org/s1.xml");
}

TEST(Sitemap, RejectsWhatIsNotASitemap) {
    EXPECT_FALSE(parse_sitemap("not xml at all"));
    auto html = parse_sitemap("<html><body>hi</body></html>");
    ASSERT_FALSE(html);
    EXPECT_NE(html.error().message.find("<html>"), std::string::npos);
}

TEST(Sitemap, DoesNotExpandExternalEntities) {
    auto sitemap = parse_sitemap(R"(<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>http://example.org/&x;</loc></url></urlset>)");
    ASSERT_TRUE(sitemap);
    for (const auto& u : sitemap->urls) EXPECT_EQ(u.loc.find("root:"), std::string::npos);
}

TEST(Feed, RssItemsUseLinkThenPermalinkGuid) {
    auto items = parse_feed(R"(<?xml version="1.0"?><rss version="2.0"><channel>
<title>T</title><link>http://example.org/</link>
<item><title>1</title><link>http://example.org/one</link></item>
<item><title>2</title><guid>http://example.org/two</guid></item>
<item><title>3</title><guid isPermaLink="false">tag:example.org,3</guid></item>
</channel></rss>)");
    ASSERT_TRUE(items) << items.error().message;
    EXPECT_EQ(*items, (std::vector<std::string>{"http://example.org/one", "http://example.org/two"}));
}

TEST(Feed, AtomEntriesUseAlternateLinks) {
    auto items = parse_feed(R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<link rel="self" href="http://example.org/feed.atom"/>
<entry><title>A</title><link rel="edit" href="http://example.org/edit/a"/>
  <link rel="alternate" type="text/html" href="http://example.org/a"/></entry>
<entry><title>B</title><link href="/b"/></entry>
</feed>)");
    ASSERT_TRUE(items);
    EXPECT_EQ(*items, (std::vector<std::string>{"http://example.org/a", "/b"}));
    EXPECT_FALSE(parse_feed("<urlset/>"));
}

}  // namespace
}  // namespace thinkdex::crawler

namespace thinkdex::crawler {
namespace {

TEST(Lastmod, W3cDatetimesGiveTheEndOfTheNamedPeriod) {
    // 2024-05-01T00:00:00Z is 1714521600.
    EXPECT_EQ(parse_lastmod("2024-05-01"), 1714521600 + 86399);
    EXPECT_EQ(parse_lastmod(" 2024-05-01T10:30Z "), 1714521600 + 10 * 3600 + 30 * 60 + 59);
    EXPECT_EQ(parse_lastmod("2024-05-01T10:30:15+02:00"), 1714521600 + 8 * 3600 + 30 * 60 + 15);
    EXPECT_EQ(parse_lastmod("2024-05-01T10:30:15.25-01:00"),
              1714521600 + 11 * 3600 + 30 * 60 + 15 + 1);
    EXPECT_TRUE(parse_lastmod("2024-05"));
    EXPECT_TRUE(parse_lastmod("2024"));
    EXPECT_FALSE(parse_lastmod(""));
    EXPECT_FALSE(parse_lastmod("yesterday"));
    EXPECT_FALSE(parse_lastmod("2024-13-01"));
    EXPECT_FALSE(parse_lastmod("2024-05-01 junk"));
}

}  // namespace
}  // namespace thinkdex::crawler
