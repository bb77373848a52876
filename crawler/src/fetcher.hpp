#pragma once
// HTTP transfers with the libcurl multi interface: many at once on one thread. The fetcher
// knows nothing about hosts or politeness; the crawler decides what to start and when.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "thinkdex/common/config.hpp"

namespace thinkdex::crawler {

struct FetchRequest {
    std::uint64_t id = 0;              ///< returned with the result
    std::string url;
    std::vector<std::string> headers;  ///< extra request headers ("If-None-Match: \"x\"")
    /// False for pages: a 2xx answer whose Content-Type is not a page type (see
    /// is_page_type) is aborted before its body is downloaded.
    bool any_content_type = false;
    /// Size cap for this request; 0 means `config.max_body_bytes`.
    std::size_t max_body_bytes = 0;
    /// Past the size cap, keep the bytes read so far and end the transfer as an answer (with
    /// FetchResult::truncated set) instead of failing with "too-large": for robots.txt, of
    /// which only the first kMaxRobotsBytes are read anyway.
    bool truncate = false;
    /// Let libcurl follow redirects (robots.txt, whose hops need no checks). Otherwise a 3xx
    /// answer is returned with `redirect_url`, for the crawler to check against robots.txt and
    /// scope before it asks for the next hop.
    bool follow_redirects = false;
};

struct FetchResult {
    std::uint64_t id = 0;
    std::string url;
    /// Empty when an HTTP answer arrived; otherwise why not: "timeout", "too-large",
    /// "content-type", "redirects", "dns", "connect" or "network".
    std::string error;
    std::string error_message;   ///< libcurl's words, for the log
    long status = 0;
    std::string final_url;       ///< after redirects
    std::string redirect_url;    ///< absolute Location of a 3xx answer not followed; else empty
    std::string headers;         ///< header block of the last response
    std::string content_type;    ///< lower case, without parameters
    std::string body;            ///< decoded from any Content-Encoding
    bool truncated = false;      ///< FetchRequest::truncate cut the body at the size cap

    /// Value of the last `name` header (case-insensitive), trimmed; empty when absent.
    std::string header(std::string_view name) const;
    /// Whether trying again later may help (timeouts and network errors, not size or type).
    bool retryable_error() const;
};

/// Content types stored as pages: HTML, XHTML and PDF (kept for a later extractor).
/// An empty type is accepted here; the crawler sniffs the body.
bool is_page_type(std::string_view content_type);

class Fetcher {
  public:
    /// Every request sends `config.user_agent_header()`, accepts gzip (undone here, bounded by
    /// the cap, a truncated stream an error "gzip"), follows
    /// at most `config.max_redirects` redirects when asked to, and stops past
    /// `config.max_body_bytes`; after `config.connect_timeout` without a connection,
    /// `config.first_byte_timeout` from the request to the first byte of the answer or between
    /// two bytes, or `config.timeout` in all (error "timeout" for all three).
    /// Throws thinkdex::Fatal when libcurl will not initialise.
    explicit Fetcher(const CrawlConfig& config);
    ~Fetcher();
    Fetcher(const Fetcher&) = delete;
    Fetcher& operator=(const Fetcher&) = delete;

    /// Starts a transfer; it runs during later calls to `wait`.
    void start(FetchRequest request);
    /// Runs the transfers for at most `max_wait` (less when one finishes) and returns those
    /// that finished, successfully or not.
    std::vector<FetchResult> wait(std::chrono::milliseconds max_wait);
    /// Transfers started and not yet returned by `wait`.
    std::size_t active() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace thinkdex::crawler
