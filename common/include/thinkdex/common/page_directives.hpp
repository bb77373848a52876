#pragma once
// Page-level robots directives (noindex, nofollow), as a page gives them in
// <meta name="robots">, in <meta name="PRODUCT-TOKEN"> and in the X-Robots-Tag header. The
// crawler obeys nofollow (it does not follow the page's links); the indexer obeys noindex (the
// page stays in the crawl store but not in the index). One reading of them for both.

#include <string>
#include <string_view>

namespace thinkdex {

/// The product token at the start of a User-Agent value, lower case, which is what robots.txt
/// groups and page-level directives name: "ThinkDex/1.0 (+https://...)" -> "thinkdex".
/// RFC 9309 2.2.1: letters, '_' and '-' ("*" too, for robots.txt's "every crawler").
std::string product_token(std::string_view user_agent);

struct PageDirectives {
    bool noindex = false;
    bool nofollow = false;
};

/// Adds the directives in one meta content or header value ("noindex, nofollow", "none" for
/// both; case-insensitive, separated by commas or spaces; unknown words ignored).
void add_directives(std::string_view value, PageDirectives& out);

/// True when a <meta name="..."> names directives for us: "robots" (every crawler) or
/// `product_token` (case-insensitive).
bool is_directives_meta(std::string_view meta_name, std::string_view product_token);

/// Adds the directives of every X-Robots-Tag header in `headers` (a raw header block) that
/// applies to `product_token`: those without a user-agent prefix, and those whose prefix is
/// the token ("X-Robots-Tag: thinkdex: noindex"). "X-Robots-Tag: otherbot: noindex" is not ours.
void add_header_directives(std::string_view headers, std::string_view product_token,
                           PageDirectives& out);

}  // namespace thinkdex
