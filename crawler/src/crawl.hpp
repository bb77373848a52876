#pragma once
// Private: the state of one crawl run and its steps. crawler.cpp schedules the requests
// (frontier, hosts, robots.txt, politeness); crawl_responses.cpp handles what comes back
// (pages, redirects, sitemaps and feeds, and the links they lead to).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "fetcher.hpp"
#include "partition.hpp"
#include "revisit.hpp"
#include "robots.hpp"
#include "thinkdex/crawler/crawler.hpp"
#include "url.hpp"

// Not in an anonymous namespace, as two files define the class's members; `detail` keeps its
// plain names (Task, Host, Site) out of the library's namespace.
namespace thinkdex::crawler::detail {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Tunables of the crawl loop.
constexpr std::size_t kMaxParallel = 16;       ///< transfers at once, over all hosts
constexpr std::size_t kMemoryFrontier = 256;   ///< frontier entries held in memory at once
constexpr int kMaxRetries = 2;                 ///< after the first attempt
constexpr milliseconds kMinBackoff{500};
constexpr milliseconds kMaxPoll{200};
constexpr std::size_t kMaxSpecialUrls = 10000;  ///< sitemaps and feeds per run
constexpr std::size_t kMaxReported = 100000;    ///< not-followed links remembered, to log once
constexpr std::chrono::seconds kProgressEvery{10};

enum class Kind { kPage, kRobots, kSitemap, kFeed };

struct Task {
    Kind kind = Kind::kPage;
    std::string url;                ///< what was asked for, as a duplicate key: a page's frontier key
    /// What this request asks for, exactly as sent (query parameters in the page's order, so
    /// robots.txt is matched against it): `url`'s request form, or a redirect's next hop.
    std::string target;
    std::vector<std::string> hops;  ///< URLs asked for before `target` in a redirect chain
    int depth = 0;
    int attempt = 0;
    Clock::time_point not_before{};
    bool probe = false;     ///< a guessed URL (/sitemap.xml): its absence is not an error
    bool anywhere = false;  ///< a sitemap or feed named in the config: may live off-site
    bool counted = false;   ///< counted against max_pages already
    std::optional<store::PageState> old;  ///< the stored copy of a page, if any
};

// Politeness state of one server, keyed by host name alone: http:// and https://, or two
// ports of one host, are one server to its owner and never get two requests at once.
struct Host {
    milliseconds delay{0};
    Clock::time_point next_at{};
    bool busy = false;  // a request is in flight: never two at once
    std::deque<Task> tasks;
};

// robots.txt state of one origin (scheme, host and port), which is what RFC 9309 rules apply to.
struct Site {
    enum class State { kUnknown, kFetching, kReady };
    State state = State::kUnknown;
    RobotsRules rules;
};

/// One crawl run: crawl() makes one and runs it.
class Crawl {
  public:

    Crawl(const CrawlConfig& config, store::CrawlStore& store, std::optional<ShardPart> part);

    CrawlStats run();

  private:
    static std::vector<std::string> seeds(const CrawlConfig& config);

    // The config's seeds, feeds and sitemaps. In a partitioned crawl each is read by the
    // worker owning its host (add_special checks), so a feed on another host than its seed's
    // is still read, by that host's owner.
    void enqueue_sources();

    // Whether this worker fetches `url`'s host (always, unless the crawl is partitioned).
    bool owns(const std::string& url) const;

    // A link to another partition's host goes to the outbox instead of the frontier.
    bool handed_over(const store::FrontierEntry& entry);

    void finish_partition();

    bool limit_reached() const;

    bool finished();

    // The one place where a URL is given up: logged with its reason and counted. Reasons
    // that only say a link was not followed (scope, scheme, depth, rel-nofollow) are logged at
    // debug level, once per URL, since every page has off-site links; what a site says through
    // robots.txt or a 404/410 is an expected event, logged at info level and counted in the
    // summary; everything else (errors, timeouts, oversized pages) is a warning.
    void skip(const std::string& url, const std::string& reason, const std::string& detail = {},
              bool failure = false);

    Host& host_of(const UrlParts& parts);

    // The frontier entry (key and request URL) of a link worth queueing at `depth`, or
    // nothing (counted as skipped, or a sitemap or feed that is read anyway).
    std::optional<store::FrontierEntry> followable(const std::string& href,
                                                   const std::string& base, int depth);

    // A PDF a page links as its own (citation_pdf_url, <link rel=alternate>, an <a> to a .pdf):
    // in scope as any link, or on another host (a CDN) when crawl.pdf_other_hosts allows it;
    // never beyond that. No depth limit: a PDF has no links to lead the crawl further.
    std::optional<store::FrontierEntry> followable_pdf(const std::string& href,
                                                       const std::string& base, int depth);

    /// A PDF on another host that pdf_other_hosts lets in: linked by a page of this run, or
    /// (on a resumed or later run, whose pages may not be re-read) a path ending in ".pdf".
    bool pdf_elsewhere(const std::string& key, const UrlParts& parts) const;

    /// An <a href> whose path ends in ".pdf" (before any query or fragment), any case.
    static bool links_to_pdf(std::string_view href);

    // Queues links in one store transaction: a page has dozens, a sitemap up to 50,000.
    void enqueue(const std::vector<store::FrontierEntry>& entries);

    // Sitemaps and feeds are fetched in memory (not through the frontier): they are re-read
    // on every run, resumed or not, as the cheapest way to find new publications. Those named
    // in the config may live anywhere; those found while crawling only on a seed's site.
    void add_special(Kind kind, const std::string& href, const std::string& base,
                     bool from_config = false, bool probe = false);

    bool due(const Task& task) const;

    void refill();

    // A stored page whose next visit is later: not fetched, like a 304 without the request.
    // Its links were followed when it was last fetched; pages it leads to are re-checked by
    // the sweep at the end when they are due.
    void not_due(const Task& task);

    void dispatch();

    // Rules from the store's copy of the origin's robots.txt when it is less than a day old.
    bool cached_robots(Host& host, Site& site, const std::string& origin);

    // Crawl-delay; and, for a robots.txt just fetched, its Sitemap: lines (a cached one's are
    // added by dispatch()).
    void apply_robots(Host& host, const Site& site, const std::string& origin, bool fetched_now);

    void start(Host& host, const std::string& name, Task task);

    milliseconds poll_time() const;

    // The frontier entry of a page is done (stored, unchanged, gone, skipped or failed).
    void done_with(const Task& task);

    void handle(FetchResult r);

    // Redirects are followed here rather than by libcurl so that every hop is checked before
    // it is requested: scope now, robots.txt of the hop's origin when it is dispatched (which
    // fetches that robots.txt first if need be), politeness by the hop's own host queue.
    void follow_redirect(Task task, const FetchResult& r);

    void handle_robots(Host& host, const Task& task, const FetchResult& r);

    void handle_page(const Task& task, const FetchResult& r);

    // The page's links, feeds and canonical URL go to the frontier, unless the page says
    // nofollow (meta robots, meta with our product token, X-Robots-Tag): then only its feeds
    // and canonical URL, which are not links the page vouches for. rel="nofollow" links are
    // followed only when config.follow_nofollow says so. A page at max_depth, whose links
    // would all be dropped, is read only up to its body: its feeds and canonical URL are in
    // its head, and parsing the body was most of the crawl's CPU time per page.
    void follow_links(const Task& task, const FetchResult& r);

    // A sitemap or feed: the sitemaps it names are read next, its pages go to the frontier
    // unless the sitemap's lastmod says the stored copy is current.
    void handle_listing(const Task& task, const FetchResult& r);

    // One info line every kProgressEvery, so that a long crawl shows it is alive.
    void report_progress();

    const CrawlConfig& config_;
    const std::string product_token_ = product_token(config_.user_agent);  ///< robots.txt groups
    store::CrawlStore& store_;
    Fetcher fetcher_;
    Scope scope_;
    Partition partition_;
    CrawlStats stats_;
    std::unordered_map<std::string, Host> hosts_;  // by host name
    std::unordered_map<std::string, Site> sites_;  // by origin
    std::unordered_map<std::uint64_t, std::pair<std::string, Task>> in_flight_;
    std::unordered_set<std::string> seeds_;  // normalised
    std::unordered_set<std::string> specials_;
    std::unordered_set<std::string> pdfs_elsewhere_;  ///< see followable_pdf()
    std::unordered_set<std::string> reported_;
    std::vector<std::pair<std::string, std::string>> robots_sitemaps_;  // URL, base
    std::uint64_t next_id_ = 0;
    std::size_t pages_started_ = 0;
    std::size_t in_memory_ = 0;  // page tasks taken from the frontier and not done yet
    bool drained_ = false;       // next_batch found nothing since the last enqueue
    bool swept_ = false;
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_progress_ = Clock::now();
    const RevisitSchedule revisit_{config_.revisit_min, config_.revisit_max, unix_now()};
};

}  // namespace thinkdex::crawler::detail
