#pragma once
// Discovery: links, feeds and the canonical URL in an HTML page (gumbo), URLs in sitemaps and
// RSS/Atom feeds (libxml2). Gzipped sitemaps are decoded first with thinkdex::gunzip.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "thinkdex/common/error.hpp"
#include "thinkdex/common/page_directives.hpp"

namespace thinkdex::crawler {

/// What a page points to, as written in the page: resolve each against `base` (with
/// normalize_url). Non-http(s) ones (mailto:, javascript:) are kept so the caller can count them.
struct PageLinks {
    std::string base;                 ///< <base href> resolved against the page URL, else the page URL
    std::vector<std::string> links;   ///< <a href>, <area href>, in document order
    std::vector<std::string> nofollow_links;  ///< <a>, <area> with rel="nofollow" (not in `links`)
    std::vector<std::string> feeds;   ///< <link rel="alternate" type="application/rss+xml|atom+xml">
    std::string canonical;            ///< <link rel="canonical">, empty when absent
    /// The page's own PDF: <meta name="citation_pdf_url">, <link rel="alternate"
    /// type="application/pdf">, in document order.
    std::vector<std::string> pdfs;
    /// <meta name="robots"> and <meta name="PRODUCT-TOKEN"> directives (noindex, nofollow).
    PageDirectives directives;
};

/// Parses `html` with gumbo. `page_url` is the URL the page was fetched from (after redirects);
/// `product_token` names the meta directives that are ours besides "robots".
PageLinks extract_links(std::string_view html, const std::string& page_url,
                        std::string_view product_token);

/// extract_links() of the page's head only: the HTML before the first <body> or </head> tag
/// outside comments, scripts and styles (all of it when there is neither). Its base, feeds,
/// canonical URL and meta directives are those extract_links() finds when the head holds them,
/// as it should; `links` are only those written in the head. For a page whose links would be
/// discarded (at the crawl's max_depth), without parsing its body, which costs most of the time.
PageLinks extract_head_links(std::string_view html, const std::string& page_url,
                             std::string_view product_token);

/// The head part of `html` that extract_head_links() parses.
std::string_view html_head(std::string_view html);

/// One <url> or <sitemap> entry of a sitemap.
struct SitemapEntry {
    std::string loc;
    std::string lastmod;  ///< as written (W3C datetime), empty when absent
};

/// A parsed sitemap: a <urlset> fills `urls`, a <sitemapindex> fills `sitemaps`.
struct Sitemap {
    std::vector<SitemapEntry> urls;
    std::vector<SitemapEntry> sitemaps;
};

/// Parses sitemap XML (gunzip it first). At most `max_entries` entries are kept (the protocol
/// allows 50,000). An error when the document is not XML or its root is neither element.
Result<Sitemap> parse_sitemap(std::string_view xml, std::size_t max_entries = 50000);

/// Item URLs of an RSS 2.0 (<item><link>, else a permalink <guid>) or Atom (<entry><link
/// href>, rel alternate or none) feed, in document order. An error when it is not a feed.
Result<std::vector<std::string>> parse_feed(std::string_view xml);

/// A sitemap <lastmod> (W3C datetime: "2024", "2024-05", "2024-05-01",
/// "2024-05-01T10:30Z", "2024-05-01T10:30:15.5+02:00") as the Unix time of the *end* of the
/// period it names, so that "modified on that day" is never taken for "before we fetched it".
/// Nothing when it cannot be read.
std::optional<std::int64_t> parse_lastmod(std::string_view text);

}  // namespace thinkdex::crawler
