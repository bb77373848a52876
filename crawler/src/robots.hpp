#pragma once
// robots.txt per RFC 9309. Hand-written because Debian has no robots.txt library; small and
// covered by the RFC's examples in tests/crawler/robots_test.cpp.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "thinkdex/common/page_directives.hpp"  // product_token()

namespace thinkdex::crawler {

/// RFC 9309 2.5: crawlers must read at least 500 KiB of a robots.txt; we read that much.
constexpr std::size_t kMaxRobotsBytes = 500 * 1024;

/// The part of a robots.txt that is parsed: all of it when it fits in kMaxRobotsBytes,
/// otherwise the complete lines within them (a line cut by the limit is dropped, so
/// "Disallow: /private-area" never becomes "Disallow: /pr").
std::string_view robots_parse_window(std::string_view text);

/// The rules of one robots.txt that apply to one product token.
class RobotsRules {
  public:
    /// No rules: everything allowed (also what a 4xx robots.txt means).
    static RobotsRules allow_all();
    /// Everything disallowed: a 5xx or unreachable robots.txt (RFC 9309 2.3.1.4).
    static RobotsRules disallow_all();
    /// Parses `robots_parse_window(text)` (a UTF-8 byte-order mark skipped) and keeps the
    /// group for `product_token` (case-insensitive), or else the "*" group; several groups
    /// naming the same agent are merged. A group is its user-agent lines and the rules after
    /// them: other lines (Crawl-delay, Sitemap, Host, unknown keys) between two user-agent
    /// lines do not split it. Never fails: unknown or malformed lines are ignored.
    static RobotsRules parse(std::string_view text, std::string_view product_token);

    /// Whether `path_and_query` ("/a/b?c=d", percent-encoded) may be fetched: the longest
    /// matching pattern wins, Allow wins a tie, `*` matches any run of bytes and a final `$`
    /// anchors the end. "/robots.txt" is always allowed.
    bool allowed(std::string_view path_and_query) const;
    /// Crawl-delay of the chosen group, if any.
    std::optional<std::chrono::milliseconds> crawl_delay() const { return crawl_delay_; }
    /// Every Sitemap: line in the file (they belong to no group).
    const std::vector<std::string>& sitemaps() const { return sitemaps_; }

  private:
    struct Rule {
        bool allow = false;
        std::string pattern;  // percent-encoding normalised
    };
    std::vector<Rule> rules_;
    std::optional<std::chrono::milliseconds> crawl_delay_;
    std::vector<std::string> sitemaps_;
};

/// True when the robots.txt `pattern` (with `*` and a final `$`) matches the start of `path`.
bool robots_pattern_matches(std::string_view pattern, std::string_view path);

}  // namespace thinkdex::crawler
