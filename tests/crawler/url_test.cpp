#include <gtest/gtest.h>

#include <string>

#include "thinkdex/crawler/crawler.hpp"
#include "url.hpp"

namespace thinkdex::crawler {
namespace {

struct NormalizeRow {
    std::string url;
    std::string base;
    std::string expected;
};

// A failing row shows its URLs, not its bytes.
void PrintTo(const NormalizeRow& r, std::ostream* os) { *os << r.url << " (base " << r.base << ")"; }

class NormalizeUrl : public testing::TestWithParam<NormalizeRow> {};

TEST_P(NormalizeUrl, GivesOneCanonicalKey) {
    const auto& row = GetParam();
    auto got = normalize_url(row.url, row.base);
    ASSERT_TRUE(got) << row.url << ": " << got.error().message;
    EXPECT_EQ(*got, row.expected) << row.url;
}

INSTANTIATE_TEST_SUITE_P(
    Table, NormalizeUrl,
    testing::Values(
        NormalizeRow{"HTTP://Example.COM/a", "", "http://example.com/a"},
        NormalizeRow{"http://example.com", "", "http://example.com/"},
        NormalizeRow{"http://example.com:80/a", "", "http://example.com/a"},
        NormalizeRow{"https://example.com:443/a", "", "https://example.com/a"},
        NormalizeRow{"http://example.com:8080/a", "", "http://example.com:8080/a"},
        NormalizeRow{"https://example.com:80/a", "", "https://example.com:80/a"},
        NormalizeRow{"http://example.com/a/./b/../c", "", "http://example.com/a/c"},
        NormalizeRow{"http://example.com/a#section", "", "http://example.com/a"},
        NormalizeRow{"http://example.com/a?b=2&a=1", "", "http://example.com/a?a=1&b=2"},
        NormalizeRow{"http://example.com/a?utm_source=x&id=3&fbclid=y&gclid=z&UTM_MEDIUM=m", "",
                     "http://example.com/a?id=3"},
        NormalizeRow{"http://example.com/a?utm_source=x", "", "http://example.com/a"},
        // Percent-encoding: unreserved characters decoded, hex digits upper case.
        NormalizeRow{"http://example.com/%7euser/%61%2fb%2a", "", "http://example.com/~user/a%2Fb%2A"},
        NormalizeRow{"http://example.com/a b", "", "http://example.com/a%20b"},
        // Relative references.
        NormalizeRow{"../c?x=1#f", "http://example.com/a/b/page.html", "http://example.com/a/c?x=1"},
        NormalizeRow{"/root", "https://example.com/a/b", "https://example.com/root"},
        NormalizeRow{"//other.org/x", "https://example.com/", "https://other.org/x"},
        NormalizeRow{"  page2.html  ", "http://example.com/dir/", "http://example.com/dir/page2.html"}));

// Normalising a normalised URL changes nothing, for the key and for the request form.
// Regression: "/a%%41e" gave "/a%Ae", then "/a%AE".
TEST(NormalizeUrl, IsIdempotent) {
    for (const char* url : {
             "https://example.org/a%%41e", "https://example.org/a%", "https://example.org/a%4",
             "https://example.org/%zz%2", "https://example.org/%2e%2e/x", "https://example.org/a/%2E/b",
             "https://example.org/a/%2e%2E/b", "https://example.org/%252e%252e/",
             "https://example.org/a%2fb%7E%7e", "https://example.org/?q=%%&b=%41",
             "https://example.org/?b=2&a=1&a=0&&", "https://example.org/?", "https://example.org/a?#f",
             "HTTPS://User:Pw@EXAMPLE.org.:443//a//b/../c", "http://example.org/a b?c d=e f",
             "http://example.org/\xC3\xA9t\xC3\xA9?x=\xE2\x82\xAC", "http://example.org/a?x=a+b%20c",
             "http://example.org/a?utm_source=x&b=%7e", "http://example.org/a?%75tm_source=x",
             "http://example.org/./../a/./", "http://example.org/%00%0A", "http://[::1]:8080/a",
             "http://example.org/a?b=%2526", "http://example.org/a%3Fb?c%3Dd#e%23f",
             "http://example.org/<script>\"'{|}`^\\"}) {
        auto once = normalize_url(url);
        ASSERT_TRUE(once) << url << ": " << once.error().message;
        auto twice = normalize_url(*once);
        ASSERT_TRUE(twice) << *once << ": " << twice.error().message;
        EXPECT_EQ(*twice, *once) << url;
        auto request = request_url(url);
        ASSERT_TRUE(request) << url;
        EXPECT_EQ(request_url(*request).value_or(""), *request) << url;
        EXPECT_EQ(url_key(*request), *once) << url;
    }
}

// A URL is requested with its query parameters in their order (a server may care, and
// robots.txt rules are matched against what is requested); only the key sorts them.
TEST(RequestUrl, KeepsTheParameterOrderTheKeySorts) {
    EXPECT_EQ(request_url("http://Example.org/search?q=x&a=1#f").value(),
              "http://example.org/search?q=x&a=1");
    EXPECT_EQ(normalize_url("http://example.org/search?q=x&a=1").value(),
              "http://example.org/search?a=1&q=x");
    EXPECT_EQ(request_url("http://example.org/s?utm_source=x&q=%7e&fbclid=y").value(),
              "http://example.org/s?q=~");
    EXPECT_EQ(url_key("http://example.org/search?q=x&a=1"), "http://example.org/search?a=1&q=x");
    EXPECT_EQ(url_key("http://example.org/search"), "http://example.org/search");
}

TEST(NormalizeUrlErrors, RejectsNonHttpAndRelativeWithoutBase) {
    auto mail = normalize_url("mailto:someone@example.com");
    ASSERT_FALSE(mail);
    EXPECT_EQ(mail.error().kind, "scheme");
    auto js = normalize_url("javascript:void(0)", "http://example.com/");
    ASSERT_FALSE(js);
    EXPECT_EQ(js.error().kind, "scheme");
    EXPECT_FALSE(normalize_url("ftp://example.com/file"));
    auto relative = normalize_url("/just/a/path");
    ASSERT_FALSE(relative);
    EXPECT_NE(relative.error().message.find("/just/a/path"), std::string::npos);
}

TEST(NormalizeUrlErrors, IsIdempotent) {
    for (const char* url : {"http://Example.com:80/a/../b?z=1&a=%7e#x", "https://x.org/%E3%83%84"}) {
        auto once = normalize_url(url);
        ASSERT_TRUE(once);
        auto twice = normalize_url(*once);
        ASSERT_TRUE(twice);
        EXPECT_EQ(*once, *twice);
    }
}

TEST(Scope, HostModeKeepsSameHostAndPort) {
    Scope scope("host", {"http://www.example.org:8080/start"});
    EXPECT_TRUE(scope.contains("http://www.example.org:8080/other/page"));
    EXPECT_FALSE(scope.contains("http://www.example.org/other/page"));
    EXPECT_FALSE(scope.contains("http://blog.example.org:8080/"));
    EXPECT_FALSE(scope.contains("https://www.example.org:8080/"));
}

TEST(Scope, DomainModeKeepsSubdomains) {
    Scope scope("domain", {"https://www.example.org/"});
    EXPECT_TRUE(scope.contains("https://blog.example.org/post"));
    EXPECT_TRUE(scope.contains("http://example.org/"));
    EXPECT_FALSE(scope.contains("https://example.com/"));
    EXPECT_FALSE(scope.contains("https://notexample.org/"));
}

// The registrable domain comes from the Public Suffix List: two labels are not enough for
// co.uk, and github.io's users are separate sites.
TEST(Scope, DomainModeUsesThePublicSuffixList) {
    Scope scope("domain", {"https://www.example.co.uk/"});
    EXPECT_TRUE(scope.contains("https://news.example.co.uk/story"));
    EXPECT_TRUE(scope.contains("http://example.co.uk/"));
    EXPECT_FALSE(scope.contains("https://other.co.uk/"));
    EXPECT_FALSE(scope.contains("https://www.co.uk/"));
    Scope pages("domain", {"https://alice.github.io/"});
    EXPECT_TRUE(pages.contains("https://alice.github.io/blog"));
    EXPECT_FALSE(pages.contains("https://bob.github.io/"));
}

TEST(RegistrableDomain, Table) {
    EXPECT_EQ(registrable_domain("www.example.co.uk"), "example.co.uk");
    EXPECT_EQ(registrable_domain("a.b.chathamhouse.org"), "chathamhouse.org");
    EXPECT_EQ(registrable_domain("news.bbc.co.uk"), "bbc.co.uk");
    EXPECT_EQ(registrable_domain("alice.github.io"), "alice.github.io");
    EXPECT_EQ(registrable_domain("co.uk"), "co.uk");          // a public suffix itself
    EXPECT_EQ(registrable_domain("localhost"), "localhost");  // one label
    EXPECT_EQ(registrable_domain("127.0.0.1"), "127.0.0.1");  // an address
}

TEST(Scope, PrefixModeKeepsUrlsUnderTheSeedDirectory) {
    Scope scope("prefix", {"http://example.org/research/index.html"});
    EXPECT_TRUE(scope.contains("http://example.org/research/2024/paper"));
    EXPECT_FALSE(scope.contains("http://example.org/about"));
}

TEST(PercentEncoding, NormalisesBothWays) {
    EXPECT_EQ(normalize_percent_encoding("/a%2fb%7E%41"), "/a%2Fb~A");
    EXPECT_EQ(normalize_percent_encoding("/foo/bar/\xE3\x83\x84"), "/foo/bar/%E3%83%84");
    // A '%' that starts no escape is itself encoded, so that a second pass reads it the same
    // (issue 14, defect 9: "%%41" became "%A", then an escape).
    EXPECT_EQ(normalize_percent_encoding("/100%"), "/100%25");
    EXPECT_EQ(normalize_percent_encoding("/a%%41e"), "/a%25Ae");
    EXPECT_EQ(normalize_percent_encoding("/a%25Ae"), "/a%25Ae");
}

}  // namespace
}  // namespace thinkdex::crawler

namespace thinkdex::crawler {
namespace {

TEST(NormalizeUrlDoc, ExampleFromTheHeader) {
    EXPECT_EQ(normalize_url("../b?utm_source=x&z=1&a=2#top", "HTTP://Example.org:80/d/p"),
              "http://example.org/b?a=2&z=1");
}

}  // namespace
}  // namespace thinkdex::crawler
