#include "thinkdex/common/url_resolve.hpp"

#include <gtest/gtest.h>

#include <string>

namespace thinkdex {
namespace {

struct Resolution {
    const char* base;
    const char* ref;
    const char* expected;
};

// RFC 3986's own examples (section 5.4). libcurl's URL API (7.88), which the indexer used
// before, gives the same for all but "#s", where it drops "d;p?q".
TEST(UrlResolve, ResolvesAsRfc3986Says) {
    const char* base = "http://a/b/c/d;p?q";
    const Resolution table[] = {
        {base, "g", "http://a/b/c/g"},
        {base, "./g", "http://a/b/c/g"},
        {base, "g/", "http://a/b/c/g/"},
        {base, "/g", "http://a/g"},
        {base, "//g", "http://g/"},
        {base, "?y", "http://a/b/c/d;p?y"},
        {base, "g?y", "http://a/b/c/g?y"},
        {base, "#s", "http://a/b/c/d;p?q#s"},
        {base, "g#s", "http://a/b/c/g#s"},
        {base, ";x", "http://a/b/c/;x"},
        {base, ".", "http://a/b/c/"},
        {base, "./", "http://a/b/c/"},
        {base, "..", "http://a/b/"},
        {base, "../g", "http://a/b/g"},
        {base, "../..", "http://a/"},
        {base, "../../g", "http://a/g"},
        {base, "../../../g", "http://a/g"},
        {base, "/./g", "http://a/g"},
        {base, "/../g", "http://a/g"},
        {base, "g.", "http://a/b/c/g."},
        {base, "..g", "http://a/b/c/..g"},
        {base, "./g/.", "http://a/b/c/g/"},
        {base, "g;x=1/../y", "http://a/b/c/y"},
        {base, "g/../h", "http://a/b/c/h"},
    };
    for (const auto& [b, ref, expected] : table) EXPECT_EQ(resolve_url(b, ref), expected) << ref;
}

// Each as libcurl's URL API gives it.
TEST(UrlResolve, NormalisesLikeLibcurl) {
    const Resolution table[] = {
        // the scheme in lower case, the host as written, "/" for an empty path
        {"http://a.org/p", "HTTP://Example.ORG", "http://Example.ORG/"},
        {"http://a.org/p", "https://x.org?q", "https://x.org/?q"},
        {"http://a.org/p", "https://x.org/a/./b/../c", "https://x.org/a/c"},
        {"HTTP://Example.org:80/a", "/x?y#z", "http://Example.org:80/x?y#z"},
        {"http://a.org/p", "http://user:pw@A.org:8080/p", "http://user:pw@A.org:8080/p"},
        {"http://a.org/p", "http://[::1]:8/x", "http://[::1]:8/x"},
        {"http://a.org/p", "http://a.org/%7e", "http://a.org/%7e"},
        {"http://a.org/p", "ftp://x.org/a", "ftp://x.org/a"},
        {"file:///tmp/x.html", "/abs", "file:///abs"},
        {"", "https://x.org/a", "https://x.org/a"},  // no base: only an absolute reference
        {"/tmp/page.html", "https://x.org/a", "https://x.org/a"},
        {"http://a.org/p", "/a b", "http://a.org/a%20b"},
        {"https://a.org/x/", "Which wines?", "https://a.org/x/Which%20wines"},  // empty query
        {"http://a.org/p", "http://x.org/a?#", "http://x.org/a"},
        // an IPv6 zone (RFC 6874) names a local interface, never a page's address: refused,
        // where libcurl keeps it
        {"http://a.org/p", "http://[fe80::1%25eth0]/", ""},
    };
    for (const auto& [base, ref, expected] : table) {
        EXPECT_EQ(resolve_url(base, ref), expected) << base << " + " << ref;
    }
}

TEST(UrlResolve, RefusesWhatIsNoWebAddress) {
    const Resolution table[] = {
        {"http://a.org/p", "", ""},
        {"http://a.org/p", "mailto:a@b.org", ""},  // no authority
        {"http://a.org/p", "javascript:void(0)", ""},
        {"http://a.org/p", "http:x", ""},
        {"http://a.org/p", "x:y", ""},
        {"", "/abs", ""},  // relative, and no base
        {"/tmp/page.html", "/abs", ""},
        {"http://a.org/p", "https://x.org:99999/", ""},  // port above 65535
        {"http://a.org/p", "https://x.org:8o/", ""},
        {"http://a.org/p", "https:///x", ""},             // no host
        {"http://a.org/p", "http://a.org\\x", ""},        // a backslash in the host
        {"http://a.org/p", "https://a.org%2Fb%2Fc", ""},  // '%' in the host
        {"http://a.org/p", "http://a.org/\x01", ""},      // a control character
    };
    for (const auto& [base, ref, expected] : table) {
        EXPECT_EQ(resolve_url(base, ref), expected) << base << " + " << ref;
    }
}

TEST(UrlResolve, HostIsLowerCaseWithoutUserOrPort) {
    EXPECT_EQ(url_host("https://user@WWW.Example.org:8080/x"), "www.example.org");
    EXPECT_EQ(url_host("http://example.org"), "example.org");
    EXPECT_EQ(url_host("http://example.org?q#f"), "example.org");
    EXPECT_EQ(url_host("http://[::1]:8/x"), "[::1]");
    EXPECT_EQ(url_host("http://a_b.org/"), "a_b.org");
    EXPECT_EQ(url_host("mailto:x@y.org"), "");
    EXPECT_EQ(url_host("example.org/x"), "");
    EXPECT_EQ(url_host("not a url"), "");
    EXPECT_EQ(url_host("http:///x"), "");
    EXPECT_EQ(url_host(""), "");
}

TEST(UrlPath, AbsoluteRelativeAndOtherLinks) {
    EXPECT_EQ(url_path("https://example.org/experts/ann-lee/?p=1#bio"), "/experts/ann-lee/");
    EXPECT_EQ(url_path("//example.org/experts/ann-lee"), "/experts/ann-lee");
    // relative links, on a page whose URL is unknown, are read from the root
    EXPECT_EQ(url_path("/experts/ann-lee/"), "/experts/ann-lee/");
    EXPECT_EQ(url_path("experts/ann-lee/"), "/experts/ann-lee/");
    EXPECT_EQ(url_path("../experts/ann-lee"), "/experts/ann-lee");
    EXPECT_EQ(url_path("?author=5"), "/");
    // what a browser ignores: spaces at the ends, a newline inside
    EXPECT_EQ(url_path(" /experts/ann-\nlee "), "/experts/ann-lee");
    // the path keeps its case and its percent-encoding
    EXPECT_EQ(url_path("/People/Jos%C3%A9"), "/People/Jos%C3%A9");
    EXPECT_EQ(url_path("mailto:ann@example.org"), "");
    EXPECT_EQ(url_path("javascript:open('/experts/ann-lee')"), "");
    EXPECT_EQ(url_path(""), "");
}

}  // namespace
}  // namespace thinkdex
