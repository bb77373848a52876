#include "robots.hpp"

#include <gtest/gtest.h>

#include <string>

namespace thinkdex::crawler {
namespace {

// RFC 9309, section 5.1.
constexpr const char* kRfcSimple = R"(User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF
)";

TEST(Robots, RfcSimpleExampleFoobot) {
    auto rules = RobotsRules::parse(kRfcSimple, "foobot");
    EXPECT_TRUE(rules.allowed("/example/page.html"));
    EXPECT_TRUE(rules.allowed("/example/allowed.gif"));
    EXPECT_FALSE(rules.allowed("/"));
    EXPECT_FALSE(rules.allowed("/example/other.html"));
    EXPECT_FALSE(rules.allowed("/publications/"));
}

TEST(Robots, RfcSimpleExampleGroupWithTwoAgents) {
    for (const char* agent : {"barbot", "bazbot"}) {
        auto rules = RobotsRules::parse(kRfcSimple, agent);
        EXPECT_FALSE(rules.allowed("/example/page.html")) << agent;
        EXPECT_TRUE(rules.allowed("/example/other.html")) << agent;
        EXPECT_TRUE(rules.allowed("/x.gif")) << agent;  // not the * group
    }
}

TEST(Robots, RfcSimpleExampleEmptyGroupAllowsAll) {
    auto rules = RobotsRules::parse(kRfcSimple, "quxbot");
    EXPECT_TRUE(rules.allowed("/example/page.html"));
    EXPECT_TRUE(rules.allowed("/x.gif"));
}

TEST(Robots, RfcSimpleExampleOthersUseTheStarGroup) {
    auto rules = RobotsRules::parse(kRfcSimple, "thinkdex");
    EXPECT_FALSE(rules.allowed("/example/page.html"));
    EXPECT_FALSE(rules.allowed("/images/logo.gif"));
    EXPECT_TRUE(rules.allowed("/images/logo.gif?v=2"));  // '$' anchors the end
    EXPECT_TRUE(rules.allowed("/publications/2024/brief.html"));
    EXPECT_TRUE(rules.allowed("/about"));
}

TEST(Robots, RfcLongestMatch) {
    // RFC 9309, section 5.2.
    auto rules = RobotsRules::parse(
        "User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n",
        "foobot");
    EXPECT_TRUE(rules.allowed("/example/page/"));
    EXPECT_TRUE(rules.allowed("/example/page/allowed.gif"));
    EXPECT_FALSE(rules.allowed("/example/page/disallowed.gif"));
}

TEST(Robots, AllowWinsATie) {
    auto rules = RobotsRules::parse("User-agent: *\nDisallow: /page\nAllow: /page\n", "thinkdex");
    EXPECT_TRUE(rules.allowed("/page"));
    rules = RobotsRules::parse("User-agent: *\nDisallow: /a*\nAllow: /ab\n", "thinkdex");
    EXPECT_TRUE(rules.allowed("/abc"));  // same length (3): allow
    rules = RobotsRules::parse("User-agent: *\nDisallow: /ab*\nAllow: /ab\n", "thinkdex");
    EXPECT_FALSE(rules.allowed("/abc"));  // longer disallow wins
}

TEST(Robots, ProductTokenIsCaseInsensitiveAndBeatsStar) {
    auto rules = RobotsRules::parse(
        "User-agent: *\nDisallow: /\n\nUser-agent: ThinkDex\nDisallow: /private/\n", "thinkdex");
    EXPECT_TRUE(rules.allowed("/public"));
    EXPECT_FALSE(rules.allowed("/private/x"));
    // A version after the token still names us.
    rules = RobotsRules::parse("User-agent: thinkdex/0.1\nDisallow: /x\n", "thinkdex");
    EXPECT_FALSE(rules.allowed("/x"));
    // Another product whose name starts like ours does not.
    rules = RobotsRules::parse("User-agent: thinkdexbot\nDisallow: /\n", "thinkdex");
    EXPECT_TRUE(rules.allowed("/x"));
}

TEST(Robots, GroupsForTheSameAgentAreMerged) {
    auto rules = RobotsRules::parse(
        "user-agent: thinkdex\ndisallow: /foo\ndisallow: /bar\n\n"
        "user-agent: other\ndisallow: /\n\nuser-agent: thinkdex\ndisallow: /baz\n",
        "thinkdex");
    EXPECT_FALSE(rules.allowed("/foo"));
    EXPECT_FALSE(rules.allowed("/bar"));
    EXPECT_FALSE(rules.allowed("/baz"));
    EXPECT_TRUE(rules.allowed("/qux"));
}

TEST(Robots, WildcardsAndAnchors) {
    auto rules = RobotsRules::parse(
        "User-agent: *\nDisallow: /*.php$\nDisallow: /search*q=\nDisallow: /fish*\n"
        "Allow: /this/*/exactly$\nDisallow: /this/\n",
        "thinkdex");
    EXPECT_FALSE(rules.allowed("/index.php"));
    EXPECT_FALSE(rules.allowed("/a/b/c.php"));
    EXPECT_TRUE(rules.allowed("/index.php?x=1"));
    EXPECT_TRUE(rules.allowed("/index.phpx"));
    EXPECT_FALSE(rules.allowed("/search?lang=en&q=x"));
    EXPECT_TRUE(rules.allowed("/search?lang=en"));
    EXPECT_FALSE(rules.allowed("/fish.html"));
    EXPECT_FALSE(rules.allowed("/fishheads/yummy"));
    EXPECT_TRUE(rules.allowed("/Fish.asp"));  // paths are case-sensitive
    EXPECT_TRUE(rules.allowed("/this/path/exactly"));
    EXPECT_FALSE(rules.allowed("/this/path/exactly/more"));
}

TEST(Robots, PatternMatcherEdgeCases) {
    EXPECT_TRUE(robots_pattern_matches("/", "/anything"));
    EXPECT_TRUE(robots_pattern_matches("*", ""));
    EXPECT_TRUE(robots_pattern_matches("/a*b*c$", "/axxbyyc"));
    EXPECT_FALSE(robots_pattern_matches("/a*b*c$", "/axxbyycd"));
    EXPECT_TRUE(robots_pattern_matches("/a*c$", "/abcbc"));
    EXPECT_TRUE(robots_pattern_matches("/$", "/"));
    EXPECT_FALSE(robots_pattern_matches("/$", "/a"));
}

TEST(Robots, PercentEncodingIsNormalisedBeforeMatching) {
    // RFC 9309, section 2.2.2: non-ASCII in a rule matches its percent-encoded form.
    auto rules = RobotsRules::parse(
        "User-agent: *\nDisallow: /foo/bar/\xE3\x83\x84\nDisallow: /%7euser/\n", "thinkdex");
    EXPECT_FALSE(rules.allowed("/foo/bar/%E3%83%84"));
    EXPECT_FALSE(rules.allowed("/foo/bar/%e3%83%84"));
    EXPECT_FALSE(rules.allowed("/~user/page"));
}

TEST(Robots, CrawlDelayCommentsSitemapsAndOddLines) {
    auto rules = RobotsRules::parse(
        "# comment\r\nDisallow: /ignored-before-any-group\r\n"
        "Sitemap: http://example.com/sitemap.xml\r\n"
        "User-agent: * # everyone\r\nCrawl-delay: 2.5\r\nDisallow: /tmp/ # temp\r\n"
        "Disallow:\r\nnonsense line\r\nSITEMAP: http://example.com/news.xml",
        "thinkdex");
    ASSERT_TRUE(rules.crawl_delay());
    EXPECT_EQ(rules.crawl_delay()->count(), 2500);
    EXPECT_EQ(rules.sitemaps(), (std::vector<std::string>{"http://example.com/sitemap.xml",
                                                         "http://example.com/news.xml"}));
    EXPECT_FALSE(rules.allowed("/tmp/x"));
    EXPECT_TRUE(rules.allowed("/ignored-before-any-group"));
}

TEST(Robots, NoMatchingGroupAllowsAllAndRobotsTxtIsAlwaysAllowed) {
    EXPECT_TRUE(RobotsRules::parse("User-agent: otherbot\nDisallow: /\n", "thinkdex").allowed("/x"));
    EXPECT_TRUE(RobotsRules::parse("", "thinkdex").allowed("/x"));
    EXPECT_FALSE(RobotsRules::disallow_all().allowed("/x"));
    EXPECT_TRUE(RobotsRules::disallow_all().allowed("/robots.txt"));
    EXPECT_TRUE(RobotsRules::allow_all().allowed("/x"));
}

TEST(Robots, OnlyTheFirst500KiBAreRead) {
    std::string text = "User-agent: *\n" + std::string(500 * 1024, '#') + "\nDisallow: /\n";
    EXPECT_TRUE(RobotsRules::parse(text, "thinkdex").allowed("/x"));
}

// RFC 9309 2.5: the limit may cut a line; the partial line is dropped, not read as a shorter
// rule. Regression: "Disallow: /private-area" cut to "Disallow: /pr" blocked /products.
TEST(Robots, TheParseLimitDropsAPartialLastLine) {
    std::string head = "User-agent: *\nDisallow: /tmp/\n";
    std::string rule = "Disallow: /private-area\n";
    std::string pad(kMaxRobotsBytes - head.size() - std::string("Disallow: /pr").size() - 1, '#');
    std::string text = head + pad + "\n" + rule;
    ASSERT_EQ(text.substr(0, kMaxRobotsBytes).substr(kMaxRobotsBytes - 13), "Disallow: /pr");
    auto rules = RobotsRules::parse(text, "thinkdex");
    EXPECT_TRUE(rules.allowed("/products"));
    EXPECT_FALSE(rules.allowed("/tmp/x"));
    EXPECT_EQ(robots_parse_window(text).size(), head.size() + pad.size() + 1);
    // A file that fits is read whole, its last line too, even without a final newline.
    EXPECT_EQ(robots_parse_window("User-agent: *\nDisallow: /x"), "User-agent: *\nDisallow: /x");
}

// Regression: "User-agent: FooBot / Crawl-delay: 5 / User-agent: * / Disallow: /" left FooBot
// unrestricted, the Crawl-delay line having closed its group. Only rules end the agent lines.
TEST(Robots, LinesOtherThanRulesDoNotSplitAGroup) {
    for (const char* between : {"Crawl-delay: 5\n", "Host: example.org\n", "X-Unknown: y\n",
                                "Sitemap: http://example.org/s.xml\n", "nonsense\n"}) {
        std::string text = std::string("User-agent: FooBot\n") + between +
                           "User-agent: *\nDisallow: /\n";
        EXPECT_FALSE(RobotsRules::parse(text, "foobot").allowed("/x")) << between;
        EXPECT_FALSE(RobotsRules::parse(text, "thinkdex").allowed("/x")) << between;
    }
    auto rules = RobotsRules::parse("User-agent: FooBot\nCrawl-delay: 5\nUser-agent: *\n"
                                    "Disallow: /\n",
                                    "foobot");
    ASSERT_TRUE(rules.crawl_delay());
    EXPECT_EQ(rules.crawl_delay()->count(), 5000);
    // A rule does end them: the next user-agent line starts a new group.
    rules = RobotsRules::parse("User-agent: a\nDisallow: /a\nUser-agent: b\nDisallow: /b\n", "a");
    EXPECT_FALSE(rules.allowed("/a"));
    EXPECT_TRUE(rules.allowed("/b"));
}

TEST(Robots, AByteOrderMarkIsSkipped) {
    auto rules = RobotsRules::parse("\xEF\xBB\xBFUser-agent: *\nDisallow: /\n", "thinkdex");
    EXPECT_FALSE(rules.allowed("/x"));
}

}  // namespace
}  // namespace thinkdex::crawler
