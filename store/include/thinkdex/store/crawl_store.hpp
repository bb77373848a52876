#pragma once
// The crawl store: everything the crawler fetched, on disk in one SQLite database (WAL mode),
// so that `thinkdex index` can (re-)extract pages at any time without fetching again. The
// crawler writes it; the indexer only reads it. Its tables are documented in ARCHITECTURE.md.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
};

/// A URL waiting to be fetched.
struct FrontierEntry {
    std::string url;
    int depth = 0;
};

/// What `put_page` did to the stored copy.
enum class PutOutcome { kNew, kChanged, kUnchanged };

struct StoreCounts {
    std::int64_t pages = 0;      ///< stored pages that are not gone
    std::int64_t gone = 0;
    std::int64_t queued = 0;     ///< frontier entries not yet fetched
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

    /// Stores a fetched response (status 2xx). Compares `content_hash` with the stored copy and
    /// bumps `seq` only when it differs. Fills page.content_hash if it is empty.
    PutOutcome put_page(Page page);
    /// Records a 304: refreshes fetched_at and keeps body and seq.
    void mark_unchanged(const std::string& url, std::int64_t fetched_at);
    /// Records a 404/410 for a stored page: sets gone and bumps seq. No-op for unknown URLs.
    void mark_gone(const std::string& url, std::int64_t fetched_at);

    std::optional<Page> get_page(const std::string& url) const;
    /// Calls `visit` for every page (gone ones too) whose seq is greater than `after_seq`, in
    /// seq order. Bodies are loaded one page at a time.
    void for_each_changed(std::int64_t after_seq, const std::function<void(const Page&)>& visit) const;

    /// Frontier. `enqueue` ignores URLs already queued or fetched during this crawl.
    /// Returns true if the URL was added.
    bool enqueue(const std::string& url, int depth);
    /// Takes the oldest queued entries, at most `n`, marking them in progress.
    std::vector<FrontierEntry> next_batch(std::size_t n);
    /// Marks a frontier URL done (fetched, failed or skipped).
    void finish(const std::string& url);
    /// Queues, at `depth`, every stored page that is not gone and not yet in this crawl's
    /// frontier, so that pages no longer linked from anywhere are still re-checked (and found
    /// gone). Returns how many were queued.
    std::size_t enqueue_unvisited_pages(int depth);
    /// Starts a crawl. If the last one never ended (it was killed), resumes it: entries in
    /// progress go back to the queue, done ones stay done, and it returns true. Otherwise it
    /// clears the frontier so that every URL may be visited again, and returns false.
    bool begin_crawl();
    /// Records that the crawl ended (the frontier is empty or a limit was reached).
    void end_crawl();

    StoreCounts counts() const;
    std::filesystem::path path() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Content hash used for change detection: 64-bit FNV-1a of the bytes and their length, as hex.
std::string content_hash(const std::string& bytes);

}  // namespace thinkdex::store
