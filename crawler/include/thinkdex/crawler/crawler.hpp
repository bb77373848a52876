#pragma once
// The crawler: fetches pages with libcurl from seeds, feeds, sitemaps and links, politely
// (robots.txt, per-host delay, identifying User-Agent), and writes every response to the
// crawl store. It never extracts or indexes: `thinkdex index` reads the store later.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "thinkdex/common/config.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::crawler {

/// What one run did. Every URL not stored is counted in `skipped` under its reason
/// ("robots", "scope", "http-404", "timeout", "too-large", "content-type", ...).
struct CrawlStats {
    std::size_t fetched = 0;    ///< HTTP requests answered (any status)
    std::size_t new_pages = 0;
    std::size_t changed = 0;
    std::size_t unchanged = 0;  ///< 304 or same content hash
    std::size_t gone = 0;       ///< 404/410 for a page the store had
    std::size_t failed = 0;     ///< network errors, 5xx after retries
    std::map<std::string, std::size_t> skipped;
    bool resumed = false;       ///< continued a crawl that had been killed
};

/// Crawls from `config.sources` (their seeds, feeds and sitemaps) within `config.scope`,
/// storing into `store`, until the frontier is empty or `config.max_pages` pages were fetched.
/// Per-URL failures are logged (warn) and counted, never thrown. Throws thinkdex::Fatal only if
/// the crawl cannot run at all (libcurl will not initialise, the store fails).
CrawlStats crawl(const CrawlConfig& config, store::CrawlStore& store);

/// Canonical key for a URL, or an error for URLs that are not absolute http(s): scheme and
/// host lower case, default port and fragment dropped, dot segments resolved. Uses libcurl's
/// URL API. `base` (optional) resolves relative references.
Result<std::string> normalize_url(const std::string& url, const std::string& base = {});

}  // namespace thinkdex::crawler
