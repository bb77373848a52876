#pragma once
// Reading URLs found in pages with uriparser (RFC 3986): a reference resolved against the
// page's URL, a URL's host, a link's path. For the indexer (a page's canonical URL, a
// document's site, author links), which so needs no libcurl: libcurl and its libraries load
// only in the crawler's program. The crawler normalises the URLs it fetches with libcurl's URL
// API (crawler/src/url.hpp); the two agree on those (tests/common/url_resolve_test.cpp).

#include <string>
#include <string_view>

namespace thinkdex {

/// `ref` resolved against `base` as RFC 3986 (section 5.2) says, for a URL with an authority
/// ("scheme://host/..."). The result has its scheme in lower case (the host keeps its case),
/// dot segments removed, "/" for an empty path, no empty query or fragment ("a?", "a#": "a"),
/// and spaces, bytes outside ASCII and the other characters a URL cannot hold ("<>\\^`{|})
/// percent-encoded. A `ref` with a scheme stands alone; one without needs such a `base`.
///
/// Returns "" when `ref` is empty, when the URL it makes has no authority (`mailto:`,
/// `javascript:`, `http:x`), no host (except `file:`), a host with characters no host has
/// (spaces, `%`, `\`...), a port that is not a number up to 65535, or control characters.
///
/// Example: resolve_url("HTTP://Example.org/a/b?x", "../c#top") == "http://Example.org/c#top"
std::string resolve_url(std::string_view base, std::string_view ref);

/// The host of an absolute URL ("scheme://[user@]host[:port]/..."), in lower case (ASCII
/// letters), without user info or port; an IPv6 address keeps its brackets. "" when `url` has
/// no authority or its host is empty or not a host.
///
/// Example: url_host("https://user@WWW.Example.org:8080/x") == "www.example.org"
std::string url_host(std::string_view url);

/// The path of the link `ref`, resolved against a root when it is relative: tabs and newlines
/// dropped and white space trimmed first, as browsers do. "" when `ref` is empty or no URL
/// with an authority (`mailto:`, `javascript:`).
///
/// Example: url_path("../experts/ann-lee/?p=1#bio") == "/experts/ann-lee/"
std::string url_path(std::string_view ref);

}  // namespace thinkdex
