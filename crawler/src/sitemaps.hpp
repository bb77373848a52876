#pragma once
// Sitemaps and feeds the crawl fetched: the sitemaps and pages they name, and which of a
// sitemap's pages need no fetch because its lastmod says the stored copy is current.

#include <cstddef>
#include <string>

#include "fetcher.hpp"
#include "links.hpp"
#include "revisit.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::crawler {

constexpr std::size_t kMaxSitemapBytes = 50 * 1024 * 1024;  ///< sitemap protocol limit

/// The answer to a request for the sitemap `url` (gunzipped when it is gzip), parsed, with an
/// info line of its counts. An error whose kind is the skip reason: "http-NNN" for a non-2xx
/// answer, "gzip", or "sitemap" when it is not one.
Result<Sitemap> read_sitemap(const std::string& url, const FetchResult& r);

/// The answer to a request for the feed `url`, read as read_sitemap() does, its items as
/// the sitemap's URLs (without lastmod). Error kinds: "http-NNN", "gzip", "feed".
Result<Sitemap> read_feed(const std::string& url, const FetchResult& r);

/// Whether the stored page `url` is unchanged by the sitemap's `lastmod`, so not fetched in
/// this run: then it is marked done in this crawl's frontier (only if nothing queued it yet)
/// and rescheduled as a check that found no change, like a 304, when it was due; the caller
/// counts it as unchanged. Saves the site a request per page on quiet nights. A page the
/// sitemap says has changed since is made due at once, whatever its schedule said. False for
/// an unreadable lastmod or a page not stored (or gone).
bool unchanged_since_fetch(store::CrawlStore& store, const RevisitSchedule& revisit,
                           const std::string& url, const std::string& lastmod);

}  // namespace thinkdex::crawler
