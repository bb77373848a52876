#pragma once
// The crawler: fetches pages with libcurl from seeds, feeds, sitemaps and links, politely
// (robots.txt, per-host delay, identifying User-Agent), and writes every response to the
// crawl store. It never extracts or indexes: `thinkdex index` reads the store later.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "thinkdex/common/config.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/shard.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::crawler {

/// What one run did. Every URL not stored is counted in `skipped` under its reason
/// ("robots", "scope", "http-404", "timeout", "too-large", "content-type", ...).
struct CrawlStats {
    std::size_t fetched = 0;    ///< HTTP requests answered (any status)
    std::size_t new_pages = 0;
    std::size_t changed = 0;
    std::size_t unchanged = 0;  ///< 304, same content hash, or not modified per sitemap lastmod
    std::size_t not_due = 0;    ///< stored pages not fetched: their next visit is later
    std::size_t gone = 0;       ///< 404/410 for a page the store had
    std::size_t failed = 0;     ///< network errors, 5xx after retries
    std::size_t nofollow = 0;   ///< pages whose links were not followed: they say nofollow
    std::map<std::string, std::size_t> skipped;
    std::size_t handed_over = 0;  ///< links new to the outbox, for other partitions' workers
    std::size_t taken_over = 0;   ///< links from other workers' outboxes new to this run
    bool resumed = false;       ///< continued a crawl that had been killed
    /// Stopped by request_stop(): the crawl is left unfinished in the store, so that the next
    /// crawl() resumes it (as after a kill).
    bool interrupted = false;
};

/// Crawls from `config.sources` (their seeds, feeds and sitemaps, plus robots.txt Sitemap
/// lines and /sitemap.xml on each seed's site) within `config.scope`, storing into `store`,
/// until the frontier is empty or `config.max_pages` pages were fetched. Obeys robots.txt
/// (RFC 9309; each origin's kept in the store for 24 hours, except 5xx or unreachable ones,
/// which disallow the site for this run only). Never has two requests in flight to one host
/// name (whatever the scheme or port) and waits `config.delay` (raised by Crawl-delay and
/// Retry-After, capped by `config.max_crawl_delay`) between them. Follows redirects itself,
/// checking each hop against scope and robots.txt first, up to `config.max_redirects` and
/// never round a loop. Re-fetches stored pages conditionally (ETag / Last-Modified) once they
/// are due by their adaptive revisit schedule (`config.revisit_min`/`revisit_max`; seeds,
/// feeds and sitemaps every run); stored pages not linked any more are re-checked at the end
/// so that removed ones are marked gone. Resumes a crawl that was killed.
/// Per-URL failures are logged (warn) and counted, never thrown. Throws thinkdex::Fatal only if
/// the crawl cannot run at all (libcurl will not initialise, the store fails).
///
/// `partition` i/N (`crawl --partition`): fetches only the hosts whose shard_of_host() is i,
/// the split `index --shard` uses; host name alone, without port, as politeness counts hosts.
/// Seeds, sitemaps and feeds of other hosts are left to their owners; links to them go to the
/// store's outbox, written at the end of the run to outbox/to-J-of-N.jsonl next to the store,
/// and links in inbox/*.jsonl there (other workers' outbox files, copied in) are queued first.
/// Nothing or 0/1 is a whole crawl. Throws ConfigError if the store was crawled as another
/// partition (or as a whole crawl, for a partitioned one): a store never mixes partitions.
CrawlStats crawl(const CrawlConfig& config, store::CrawlStore& store,
                 std::optional<ShardPart> partition = std::nullopt);

/// Canonical key for a URL, or an error for URLs that are not absolute http(s) (kind "scheme"
/// for mailto:, javascript: and the like; "url" for malformed ones): scheme and host lower
/// case, default port, fragment and user info dropped, dot segments resolved, percent-encoding
/// normalised (unreserved characters decoded, hex digits upper case), tracking parameters
/// (utm_*, fbclid, gclid, ...) removed and the remaining query parameters sorted. Idempotent:
/// normalising the result gives it back. A duplicate key only: the crawler requests the URL
/// with its parameters in their own order. Uses libcurl's URL API. `base` (optional) resolves
/// relative references.
/// Example: normalize_url("../b?utm_source=x&z=1&a=2#top", "HTTP://Example.org:80/d/p")
/// gives "http://example.org/b?a=2&z=1".
Result<std::string> normalize_url(const std::string& url, const std::string& base = {});

/// Asks a running crawl() to stop: it stops dispatching, leaves responses in flight (their URLs
/// stay queued), and returns its stats with `interrupted` set, keeping everything stored so
/// far. Only sets a lock-free atomic flag, so a SIGINT handler may call it. The flag stays set
/// for the rest of the process.
void request_stop() noexcept;

}  // namespace thinkdex::crawler
