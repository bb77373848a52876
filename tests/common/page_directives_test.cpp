#include "thinkdex/common/page_directives.hpp"

#include <gtest/gtest.h>

namespace thinkdex {
namespace {

PageDirectives from_headers(std::string_view headers, std::string_view token = "thinkdex") {
    PageDirectives d;
    add_header_directives(headers, token, d);
    return d;
}

TEST(PageDirectives, MetaContent) {
    PageDirectives d;
    add_directives("index, FOLLOW", d);
    EXPECT_FALSE(d.noindex || d.nofollow);
    add_directives("noindex,nofollow", d);
    EXPECT_TRUE(d.noindex && d.nofollow);
    PageDirectives none;
    add_directives(" None ", none);
    EXPECT_TRUE(none.noindex && none.nofollow);
    PageDirectives partial;
    add_directives("noindexx nofollow-ish", partial);  // whole words only
    EXPECT_FALSE(partial.noindex || partial.nofollow);
}

TEST(PageDirectives, MetaNames) {
    EXPECT_TRUE(is_directives_meta("Robots", "thinkdex"));
    EXPECT_TRUE(is_directives_meta("ThinkDex", "thinkdex"));
    EXPECT_FALSE(is_directives_meta("googlebot", "thinkdex"));
    EXPECT_FALSE(is_directives_meta("", ""));
}

TEST(PageDirectives, XRobotsTagHeaders) {
    EXPECT_TRUE(from_headers("HTTP/1.1 200 OK\r\nx-robots-tag: noindex\r\n\r\n").noindex);
    auto both = from_headers("X-Robots-Tag: nofollow\r\nX-Robots-Tag: noarchive, noindex\r\n");
    EXPECT_TRUE(both.noindex && both.nofollow);
    EXPECT_TRUE(from_headers("X-Robots-Tag: ThinkDex: noindex\r\n").noindex);
    EXPECT_FALSE(from_headers("X-Robots-Tag: otherbot: noindex, nofollow\r\n").noindex);
    EXPECT_FALSE(from_headers("X-Robots-Tag: unavailable_after: 25 Jun 2010 15:00:00 PST\r\n").noindex);
    EXPECT_FALSE(from_headers("X-Robots-Tagged: noindex\r\nContent-Type: noindex\r\n").noindex);
    EXPECT_TRUE(from_headers("X-Robots-Tag: thinkdex-lab: none\r\n", "thinkdex-lab").nofollow);
}

TEST(PageDirectives, ProductToken) {
    EXPECT_EQ(product_token("thinkdex/0.1"), "thinkdex");
    EXPECT_EQ(product_token("ThinkDex-Staging/2.0 (+https://example.org)"), "thinkdex-staging");
    EXPECT_EQ(product_token("thinkdex_lab"), "thinkdex_lab");
    EXPECT_EQ(product_token(""), "");
}

}  // namespace
}  // namespace thinkdex
