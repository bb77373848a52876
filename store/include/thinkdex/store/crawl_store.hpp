#pragma once
// The crawl store: everything the crawler fetched, on disk in one SQLite database (WAL mode),
// so that `thinkdex index` can (re-)extract pages at any time without fetching again. The
// crawler writes it; the indexer only reads it. Its tables are documented in ARCHITECTURE.md.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "thinkdex/common/shard.hpp"

namespace thinkdex::store {

/// One stored HTTP response: the latest for its URL.
struct Page {
    std::string url;            ///< normalised URL: the page's key
    std::string final_url;      ///< after redirects
    long status = 0;            ///< HTTP status of the last fetch (304 keeps the old body)
    std::string headers;        ///< raw response header block
    std::string content_type;   ///< from Content-Type, lower case, without parameters
    std::string body;           ///< raw bytes as received (decompressed transfer encoding)
    std::int64_t fetched_at = 0;  ///< Unix time of the last fetch
    std::string etag;
    std::string last_modified;
    std::string content_hash;   ///< hex hash of body
    bool gone = false;          ///< 404/410 on re-crawl: the index should drop it
    std::int64_t seq = 0;       ///< change sequence: bumped whenever body or `gone` changes
    /// Adaptive revisit schedule, set by the crawler: seconds between visits, and the Unix
    /// time from which the page is due again (0: due now).
    std::int64_t revisit_interval = 0;
    std::int64_t next_visit = 0;
    /// The URL as first requested, query parameters in the link's order (before redirects):
    /// what a re-check asks for and matches against robots.txt. Empty means `url`, and is
    /// what get_page() gives on a read-only handle on a store from before version 5.
    std::string request_url;
};

/// What the crawler needs to know about a stored page before fetching it again: everything
/// but the body and headers, so that asking is cheap.
struct PageState {
    std::string etag;
    std::string last_modified;
    std::string content_hash;
    std::int64_t fetched_at = 0;
    bool gone = false;
    std::int64_t revisit_interval = 0;
    std::int64_t next_visit = 0;
};

/// A cached robots.txt answer for one origin ("http://host:port").
struct RobotsEntry {
    long status = 0;  ///< HTTP status of the answer (only 2xx and 4xx are cached)
    std::string body;
    std::int64_t fetched_at = 0;  ///< Unix time
};

/// A URL waiting to be fetched.
struct FrontierEntry {
    std::string url;  ///< the duplicate key (normalised, query parameters sorted)
    int depth = 0;
    /// What to request: the URL with its parameters in their own order. Empty when enqueued
    /// means `url`; next_batch() always fills it (for stored pages re-checked by
    /// enqueue_unvisited_pages, with the page's Page::request_url).
    std::string request_url;
};

/// A link to a host of another partition of a partitioned crawl, kept for the worker that
/// owns it (`partition`, 0-based).
struct HandedOver {
    FrontierEntry entry;
    unsigned partition = 0;
};

/// What `put_page` did to the stored copy.
enum class PutOutcome { kNew, kChanged, kUnchanged };

struct StoreCounts {
    std::int64_t pages = 0;      ///< stored pages that are not gone
    std::int64_t gone = 0;
    std::int64_t queued = 0;     ///< frontier entries not yet fetched
    std::int64_t due = 0;        ///< stored pages (not gone) whose next visit is now or past
    std::int64_t robots_cached = 0;  ///< origins whose robots.txt is in the store
    std::int64_t last_seq = 0;
    std::optional<std::int64_t> last_crawl_started;   ///< Unix time
    std::optional<std::int64_t> last_crawl_finished;  ///< Unix time
};

/// Owns the SQLite connection. Not thread-safe: one CrawlStore per thread.
/// Every write is committed before the call returns, so a crawl killed at any moment loses at
/// most the response in flight.
class CrawlStore {
  public:
    /// Opens (creating if needed, with parent directories) the store at `path`.
    /// `read_only`: open without creating; throws Fatal if it does not exist.
    /// Throws thinkdex::Fatal naming the path on any SQLite error.
    explicit CrawlStore(const std::filesystem::path& path, bool read_only = false);
    ~CrawlStore();
    CrawlStore(CrawlStore&&) noexcept;
    CrawlStore& operator=(CrawlStore&&) noexcept;

    /// Stores a fetched response (status 2xx), with the schedule in page.revisit_interval and
    /// page.next_visit. Compares `content_hash` with the stored copy and bumps `seq` only when
    /// it differs. Fills page.content_hash if it is empty.
    PutOutcome put_page(Page page);
    /// Records a 304: refreshes fetched_at and keeps body and seq.
    void mark_unchanged(const std::string& url, std::int64_t fetched_at);
    /// Sets when a stored page is due again (see Page::revisit_interval). No-op for unknown URLs.
    void reschedule(const std::string& url, std::int64_t revisit_interval, std::int64_t next_visit);
    /// Records a 404/410 for a stored page: sets gone and bumps seq. No-op for unknown URLs.
    void mark_gone(const std::string& url, std::int64_t fetched_at);

    std::optional<Page> get_page(const std::string& url) const;
    /// The stored page's validators, hash and schedule, without loading its body.
    std::optional<PageState> page_state(const std::string& url) const;
    /// Calls `visit` for every page (gone ones too) whose seq is greater than `after_seq`, in
    /// seq order. Bodies are loaded one page at a time.
    void for_each_changed(std::int64_t after_seq, const std::function<void(const Page&)>& visit) const;

    /// Frontier. `enqueue` ignores URLs already queued or fetched during this crawl.
    /// Returns true if the URL was added.
    bool enqueue(const std::string& url, int depth);
    /// The same for many URLs in one transaction (a page's links, a sitemap's 50,000 URLs).
    /// Returns how many were added.
    std::size_t enqueue(const std::vector<std::string>& urls, int depth);
    /// The same with each entry's depth and request URL.
    std::size_t enqueue(const std::vector<FrontierEntry>& entries);
    /// Takes at most `n` queued entries, the least deep first and then the oldest (so seeds,
    /// sitemap and feed entries come before pages found deep in a site), marking them in
    /// progress.
    std::vector<FrontierEntry> next_batch(std::size_t n);
    /// Marks a frontier URL done (fetched, failed or skipped).
    void finish(const std::string& url);
    /// Queues, at `depth`, every stored page that is not gone, not yet in this crawl's
    /// frontier and due by `due_by` (Unix time; next_visit <= due_by), so that pages no longer
    /// linked from anywhere are still re-checked (and found gone), each with its
    /// Page::request_url as the entry's request URL. Returns how many were queued.
    std::size_t enqueue_unvisited_pages(
        int depth, std::int64_t due_by = std::numeric_limits<std::int64_t>::max());
    /// Starts a crawl. If the last one never ended (it was killed), resumes it: entries in
    /// progress go back to the queue, done ones stay done, and it returns true. Otherwise it
    /// forgets the URLs done, so that they may be visited again, keeps queued the URLs that the
    /// last crawl never fetched (it stopped at its page limit), and returns false.
    bool begin_crawl();
    /// Records that the crawl ended (the frontier is empty or a limit was reached).
    void end_crawl();

    /// robots.txt cache (RFC 9309 section 2.4: rules may be cached for up to 24 hours), so that
    /// a second run on the same day does not ask again. `origin` is "scheme://host:port".
    void put_robots(const std::string& origin, const RobotsEntry& entry);
    std::optional<RobotsEntry> get_robots(const std::string& origin) const;

    /// The PDFs a page links as its own (citation_pdf_url, <link rel=alternate
    /// type=application/pdf>, its one <a> to a .pdf): the set of `landing_url` becomes
    /// `pdf_urls` (store keys), replacing what an earlier fetch of the page recorded.
    void set_pdf_links(const std::string& landing_url, const std::vector<std::string>& pdf_urls);
    /// The PDFs set_pdf_links() recorded for `landing_url`, in the order given; none on a
    /// store from before version 3.
    std::vector<std::string> pdfs_of(const std::string& landing_url) const;
    /// The pages that link `pdf_url` as their own PDF, sorted.
    std::vector<std::string> landings_of(const std::string& pdf_url) const;
    /// The partition i/N this store is crawled as (`crawl --partition`), or nothing for a
    /// whole crawl. set_partition() records it once; the crawler refuses any other.
    std::optional<ShardPart> partition() const;
    void set_partition(ShardPart part);
    /// Keeps links for other partitions' workers, each URL once (a link kept already is
    /// ignored, whatever its depth). Returns how many were new. One transaction.
    std::size_t hand_over(const std::vector<HandedOver>& links);
    /// Every link kept by hand_over(), by partition then URL.
    void for_each_handed_over(const std::function<void(const HandedOver&)>& visit) const;

    /// Scans the whole store (bodies included): for `thinkdex status`, not for every page.
    StoreCounts counts() const;
    /// Frontier entries not done yet (StoreCounts::queued), from an index: cheap.
    std::int64_t queued() const;
    std::filesystem::path path() const;

  private:
    std::vector<std::string> pdf_links(const std::string& url, bool of_landing) const;

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Content hash used for change detection: 64-bit FNV-1a of the bytes and their length, as hex.
std::string content_hash(const std::string& bytes);

}  // namespace thinkdex::store
