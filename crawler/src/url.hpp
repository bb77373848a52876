#pragma once
// Private URL helpers built on libcurl's URL API: the parts of a normalised URL, the
// percent-encoding normalisation shared with robots.txt matching, and the crawl scope.

#include <string>
#include <string_view>
#include <vector>

#include "thinkdex/common/error.hpp"

namespace thinkdex::crawler {

/// The URL as the crawler requests it: normalize_url() without sorting the query
/// parameters (tracking parameters are still dropped). Normalising it again gives it back.
/// Example: request_url("HTTP://Example.org/s?q=x&utm_source=y&a=1#top") gives
/// "http://example.org/s?q=x&a=1".
Result<std::string> request_url(const std::string& url, const std::string& base = {});

/// The duplicate key of a request_url(): its query parameters sorted ("?q=x&a=1" ->
/// "?a=1&q=x"). normalize_url() is request_url() then url_key().
std::string url_key(const std::string& request);

/// Parts of an absolute http(s) URL. `port` is always set (default ports filled in).
struct UrlParts {
    std::string scheme;  ///< "http" or "https"
    std::string host;    ///< lower case
    int port = 0;
    std::string path;    ///< "/" at least, percent-encoded
    std::string query;   ///< without '?'; empty when none
};

/// Splits an absolute http(s) URL; an error for anything else.
Result<UrlParts> split_url(const std::string& url);

/// "scheme://host:port": the unit of politeness and of robots.txt rules.
std::string origin_of(const UrlParts& parts);

/// Path plus "?query" when there is one: what robots.txt rules are matched against.
std::string path_and_query(const UrlParts& parts);

/// RFC 3986 normalisation of percent-encoding: `%xx` of an unreserved character is decoded,
/// other escapes get upper-case hex digits, and bytes that may not appear raw in a URL
/// (controls, space, non-ASCII, '"', '<', '>', '\\', '^', '`', '{', '|', '}') are encoded.
std::string normalize_percent_encoding(std::string_view text);

/// The registrable domain of `host` by the Public Suffix List (libpsl): "www.example.co.uk" ->
/// "example.co.uk", "news.bbc.co.uk" -> "bbc.co.uk", "user.github.io" -> "user.github.io".
/// IP addresses, single labels and public suffixes themselves are returned as they are.
std::string registrable_domain(const std::string& host);

/// Which URLs a crawl may visit, derived from its seeds and CrawlConfig::scope.
class Scope {
  public:
    /// `mode`: "host" (same host and port as a seed), "domain" (a seed's registrable domain
    /// by the Public Suffix List, and its subdomains: a seed on www.example.co.uk reaches
    /// news.example.co.uk but not other.co.uk) or "prefix" (under a seed's directory).
    /// Seeds must be normalised URLs; bad ones are ignored.
    Scope(std::string mode, const std::vector<std::string>& seeds);
    /// True when the normalised `url` is within the scope of some seed.
    bool contains(const std::string& url) const;
    /// Looser: true when `url` is on a seed's site (its host and port, or its domain in
    /// "domain" mode), whatever its path. For sitemaps and feeds found while crawling, which
    /// often live outside a "prefix" scope.
    bool same_site(const std::string& url) const;
    /// Widens the scope with another seed, e.g. where a seed redirected to
    /// ("http://example.org/" -> "https://www.example.org/").
    void add_seed(const std::string& seed);

  private:
    std::string mode_;
    std::vector<std::string> keys_;
    std::vector<std::string> origins_;
};

}  // namespace thinkdex::crawler
