#include "thinkdex/crawler/crawler.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <deque>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "crawl_log.hpp"
#include "fetcher.hpp"
#include "thinkdex/common/charset.hpp"
#include "links.hpp"
#include "partition.hpp"
#include "revisit.hpp"
#include "robots.hpp"
#include "robots_cache.hpp"
#include "sitemaps.hpp"
#include "url.hpp"

namespace thinkdex::crawler {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// Set by request_stop(), from a signal handler: only a lock-free atomic is safe there.
std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

constexpr std::size_t kMaxParallel = 16;       ///< transfers at once, over all hosts
constexpr std::size_t kMemoryFrontier = 256;   ///< frontier entries held in memory at once
constexpr int kMaxRetries = 2;                 ///< after the first attempt
constexpr milliseconds kMinBackoff{500};
constexpr milliseconds kMaxPoll{200};
constexpr std::size_t kMaxSpecialUrls = 10000;  ///< sitemaps and feeds per run
constexpr std::size_t kMaxReported = 100000;    ///< not-followed links remembered, to log once
constexpr std::chrono::seconds kProgressEvery{10};

enum class Kind { kPage, kRobots, kSitemap, kFeed };

const char* kind_name(Kind k) {
    switch (k) {
        case Kind::kPage: return "page";
        case Kind::kRobots: return "robots.txt";
        case Kind::kSitemap: return "sitemap";
        case Kind::kFeed: return "feed";
    }
    return "?";
}

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

// `url` is the duplicate key, `target` what to request (the key when empty).
Task make_task(Kind kind, std::string url, int depth = 0, std::string target = {}) {
    Task t;
    t.kind = kind;
    t.target = target.empty() ? url : std::move(target);
    t.url = std::move(url);
    t.depth = depth;
    return t;
}

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

bool is_redirect(long status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Retry-After in seconds or as an HTTP date; nothing when absent or unreadable.
std::optional<milliseconds> retry_after(const FetchResult& r) {
    std::string value = r.header("Retry-After");
    if (value.empty()) return std::nullopt;
    if (std::ranges::all_of(value, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        return milliseconds(std::stoll(value.substr(0, 9)) * 1000);
    }
    time_t when = curl_getdate(value.c_str(), nullptr);
    if (when < 0) return std::nullopt;
    return milliseconds(std::max<std::int64_t>(0, (static_cast<std::int64_t>(when) - unix_now()) * 1000));
}

bool looks_like_html(std::string_view body) {
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
    while (!body.empty() && std::isspace(static_cast<unsigned char>(body.front()))) body.remove_prefix(1);
    return body.starts_with('<');
}

class Crawl {
  public:
    Crawl(const CrawlConfig& config, store::CrawlStore& store, std::optional<ShardPart> part)
        : config_(config),
          store_(store),
          fetcher_(config),
          scope_(config.scope, seeds(config)),
          partition_(part, store) {
        for (auto& seed : seeds(config)) seeds_.insert(std::move(seed));
    }

    CrawlStats run() {
        // Read before the crawl is begun: a bad file stops the run with the store untouched.
        const auto inbox = partition_.read_inbox();
        stats_.resumed = store_.begin_crawl();
        spdlog::info("crawl {}: {} source(s), scope '{}', {}", stats_.resumed ? "resumed" : "started",
                     config_.sources.size(), config_.scope,
                     config_.max_pages == 0 ? std::string("no page limit")
                                            : "at most " + std::to_string(config_.max_pages) + " pages");
        enqueue_sources();
        // After the seeds, so that a seed handed over as a link keeps depth 0.
        if (!inbox.empty()) {
            stats_.taken_over = store_.enqueue(inbox);
            spdlog::info("inbox: {} link(s) from other partitions, {} new to this run",
                         inbox.size(), stats_.taken_over);
        }
        drained_ = false;  // a resumed crawl has queued entries even if no seed was new

        while (true) {
            if (stop_requested.load()) {
                stats_.interrupted = true;
                spdlog::info("crawl interrupted: stopping with {} response(s) in flight",
                             fetcher_.active());
                finish_partition();
                return stats_;  // not end_crawl(): the next run resumes this one
            }
            refill();
            dispatch();
            if (fetcher_.active() == 0 && finished()) break;
            for (auto& result : fetcher_.wait(poll_time())) handle(std::move(result));
            report_progress();
        }
        store_.end_crawl();
        finish_partition();
        log_summary(stats_, !partition_.whole());
        return stats_;
    }

  private:
    static std::vector<std::string> seeds(const CrawlConfig& config) {
        std::vector<std::string> out;
        for (const auto& s : config.sources) {
            if (auto n = normalize_url(s.seed)) out.push_back(*n);
        }
        return out;
    }

    // The config's seeds, feeds and sitemaps. In a partitioned crawl each is read by the
    // worker owning its host (add_special checks), so a feed on another host than its seed's
    // is still read, by that host's owner.
    void enqueue_sources() {
        for (const auto& source : config_.sources) {
            if (auto seed = request_url(source.seed); !seed) {
                skip(source.seed, "bad-url", seed.error().message);
            } else if (owns(*seed)) {
                enqueue({{url_key(*seed), 0, *seed}});
                // Most sites have one even when robots.txt does not say so.
                add_special(Kind::kSitemap, "/sitemap.xml", *seed, false, true);
            } else {
                spdlog::debug("seed {} is another partition's", *seed);
            }
            for (const auto& feed : source.feeds) add_special(Kind::kFeed, feed, {}, true);
            for (const auto& sitemap : source.sitemaps) {
                add_special(Kind::kSitemap, sitemap, {}, true);
            }
        }
    }

    // Whether this worker fetches `url`'s host (always, unless the crawl is partitioned).
    bool owns(const std::string& url) const {
        auto parts = split_url(url);
        return !parts || partition_.owns(parts->host);
    }

    // A link to another partition's host goes to the outbox instead of the frontier.
    bool handed_over(const store::FrontierEntry& entry) {
        auto parts = split_url(entry.url);
        return parts && partition_.hand_over(entry, parts->host);
    }

    void finish_partition() {
        partition_.flush();
        partition_.export_outboxes();
        stats_.handed_over = partition_.handed_over();
    }

    bool limit_reached() const {
        return config_.max_pages != 0 && pages_started_ >= config_.max_pages;
    }

    bool finished() {
        if (limit_reached()) return true;
        if (!drained_ || in_memory_ != 0) return false;
        for (const auto& [name, host] : hosts_) {
            if (!host.tasks.empty()) return false;
        }
        // Before stopping, re-check stored pages that nothing linked to this time: the only
        // way to notice that they are gone. Their own links are not followed (max depth).
        // Those not due yet are counted as such in refill().
        if (!swept_) {
            swept_ = true;
            std::size_t n = store_.enqueue_unvisited_pages(static_cast<int>(config_.max_depth));
            if (n != 0) {
                spdlog::info(
                    "re-checking {} stored page(s) not linked in this crawl, those that are due",
                    n);
                drained_ = false;
                return false;
            }
        }
        return true;
    }

    // The one place where a URL is given up: logged with its reason and counted. Reasons
    // that only say a link was not followed (scope, scheme, depth, rel-nofollow) are logged at
    // debug level, once per URL, since every page has off-site links; what a site says through
    // robots.txt or a 404/410 is an expected event, logged at info level and counted in the
    // summary; everything else (errors, timeouts, oversized pages) is a warning.
    void skip(const std::string& url, const std::string& reason, const std::string& detail = {},
              bool failure = false) {
        bool policy = reason == "scope" || reason == "scheme" || reason == "depth" ||
                      reason == "rel-nofollow";
        bool expected = reason == "robots" || reason == "http-404" || reason == "http-410";
        // Bounded memory on huge crawls: past the cap a URL may be counted more than once.
        if (policy && reported_.size() >= kMaxReported) reported_.clear();
        if (policy && !reported_.insert(url).second) return;
        ++stats_.skipped[reason];
        if (failure) ++stats_.failed;
        const auto level = policy     ? spdlog::level::debug
                           : expected ? spdlog::level::info
                                      : spdlog::level::warn;
        if (detail.empty()) {
            spdlog::log(level, "skip {}: {}", url, reason);
        } else {
            spdlog::log(level, "skip {}: {} ({})", url, reason, detail);
        }
    }

    Host& host_of(const UrlParts& parts) {
        auto [it, added] = hosts_.try_emplace(parts.host);
        if (added) it->second.delay = config_.delay;
        return it->second;
    }

    // The frontier entry (key and request URL) of a link worth queueing at `depth`, or
    // nothing (counted as skipped, or a sitemap or feed that is read anyway).
    std::optional<store::FrontierEntry> followable(const std::string& href,
                                                   const std::string& base, int depth) {
        auto request = request_url(href, base);
        if (!request) {
            skip(href, request.error().kind == "scheme" ? "scheme" : "bad-url",
                 request.error().message);
            return std::nullopt;
        }
        std::string key = url_key(*request);
        if (!scope_.contains(key)) {
            skip(key, "scope");
            return std::nullopt;
        }
        // A link to a sitemap or feed we read anyway (sites link them in their footers) is
        // not also fetched as a page.
        if (specials_.contains(key)) return std::nullopt;
        if (depth > static_cast<int>(config_.max_depth)) {
            skip(key, "depth");
            return std::nullopt;
        }
        store::FrontierEntry entry{std::move(key), depth, std::move(*request)};
        if (handed_over(entry)) return std::nullopt;
        return entry;
    }

    // A PDF a page links as its own (citation_pdf_url, <link rel=alternate>, an <a> to a .pdf):
    // in scope as any link, or on another host (a CDN) when crawl.pdf_other_hosts allows it;
    // never beyond that. No depth limit: a PDF has no links to lead the crawl further.
    std::optional<store::FrontierEntry> followable_pdf(const std::string& href,
                                                       const std::string& base, int depth) {
        const int capped = std::min(depth, static_cast<int>(config_.max_depth));
        auto request = request_url(href, base);
        if (!request || !config_.pdf_other_hosts) return followable(href, base, capped);
        std::string key = url_key(*request);
        if (scope_.contains(key)) return followable(href, base, capped);
        if (specials_.contains(key)) return std::nullopt;
        store::FrontierEntry entry{key, capped, std::move(*request)};
        if (handed_over(entry)) return std::nullopt;
        pdfs_elsewhere_.insert(std::move(key));
        return entry;
    }

    /// A PDF on another host that pdf_other_hosts lets in: linked by a page of this run, or
    /// (on a resumed or later run, whose pages may not be re-read) a path ending in ".pdf".
    bool pdf_elsewhere(const std::string& key, const UrlParts& parts) const {
        if (!config_.pdf_other_hosts) return false;
        std::string path = parts.path;
        for (char& c : path) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return pdfs_elsewhere_.contains(key) || path.ends_with(".pdf");
    }

    /// An <a href> whose path ends in ".pdf" (before any query or fragment), any case.
    static bool links_to_pdf(std::string_view href) {
        href = href.substr(0, href.find_first_of("?#"));
        return href.size() >= 4 && (href.ends_with(".pdf") || href.ends_with(".PDF"));
    }

    // Queues links in one store transaction: a page has dozens, a sitemap up to 50,000.
    void enqueue(const std::vector<store::FrontierEntry>& entries) {
        partition_.flush();
        if (store_.enqueue(entries) != 0) drained_ = false;
    }

    // Sitemaps and feeds are fetched in memory (not through the frontier): they are re-read
    // on every run, resumed or not, as the cheapest way to find new publications. Those named
    // in the config may live anywhere; those found while crawling only on a seed's site.
    void add_special(Kind kind, const std::string& href, const std::string& base,
                     bool from_config = false, bool probe = false) {
        auto request = request_url(href, base);
        if (!request) return skip(href, "bad-url", request.error().message);
        std::string key = url_key(*request);
        if (!from_config && !scope_.same_site(key)) return skip(key, "scope");
        if (!owns(key)) return;  // read by the worker that owns its host
        if (specials_.size() >= kMaxSpecialUrls || !specials_.insert(key).second) return;
        auto parts = split_url(*request);
        Task task = make_task(kind, std::move(key), 0, std::move(*request));
        task.probe = probe;
        task.anywhere = from_config;
        // First in the host's queue: what a sitemap says decides which pages need fetching.
        host_of(*parts).tasks.push_front(std::move(task));
    }

    bool due(const Task& task) const {
        if (!task.old || task.old->gone || seeds_.contains(task.url)) return true;
        return task.old->next_visit <= unix_now();
    }

    void refill() {
        if (drained_ || limit_reached() || in_memory_ >= kMemoryFrontier / 2) return;
        auto batch = store_.next_batch(kMemoryFrontier - in_memory_);
        if (batch.empty()) {
            drained_ = true;
            return;
        }
        for (auto& entry : batch) {
            auto parts = split_url(entry.url);
            // Scope is checked again here for stored pages re-checked from an earlier crawl
            // whose source has since left the config.
            if (!parts || (!scope_.contains(entry.url) && !pdf_elsewhere(entry.url, *parts))) {
                if (parts) skip(entry.url, "scope");
                else skip(entry.url, "bad-url", parts.error().message);
                store_.finish(entry.url);
                continue;
            }
            Task task = make_task(Kind::kPage, std::move(entry.url), entry.depth,
                                  std::move(entry.request_url));
            task.old = store_.page_state(task.url);
            if (!due(task)) {
                not_due(task);
                continue;
            }
            host_of(*parts).tasks.push_back(std::move(task));
            ++in_memory_;
        }
    }

    // A stored page whose next visit is later: not fetched, like a 304 without the request.
    // Its links were followed when it was last fetched; pages it leads to are re-checked by
    // the sweep at the end when they are due.
    void not_due(const Task& task) {
        ++stats_.not_due;
        spdlog::debug("not due until {}: {}", task.old->next_visit, task.url);
        store_.finish(task.url);
    }

    void dispatch() {
        auto now = Clock::now();
        for (auto& [name, host] : hosts_) {
            if (fetcher_.active() >= kMaxParallel) return;
            while (!host.busy && !host.tasks.empty() && now >= host.next_at) {
                Task& task = host.tasks.front();
                if (task.not_before > now) break;
                if (task.kind == Kind::kPage && !task.counted && limit_reached()) break;
                auto parts = split_url(task.target);
                std::string reason;
                if (!parts) {
                    reason = "bad-url";
                } else if (config_.obey_robots) {
                    std::string origin = origin_of(*parts);
                    Site& site = sites_[origin];
                    if (site.state == Site::State::kUnknown && !cached_robots(host, site, origin)) {
                        site.state = Site::State::kFetching;
                        Task robots = make_task(Kind::kRobots, origin + "/robots.txt");
                        start(host, name, std::move(robots));
                        break;
                    }
                    if (site.state == Site::State::kFetching) break;
                    if (!site.rules.allowed(path_and_query(*parts))) {
                        reason = task.hops.empty() ? "robots" : "redirect-robots";
                    }
                    // A cached Crawl-delay may have just raised the delay.
                    if (now < host.next_at) break;
                }
                Task taken = std::move(task);
                host.tasks.pop_front();
                if (!reason.empty() && taken.probe) {
                    spdlog::debug("not probing {}: {}", taken.url, reason);
                    continue;
                }
                if (!reason.empty()) {
                    skip(taken.url, reason,
                         taken.hops.empty() ? "" : "redirect to " + taken.target);
                    done_with(taken);
                    continue;
                }
                start(host, name, std::move(taken));
            }
        }
        // Sitemaps named by cached robots.txt files: adding them may add a host, which must
        // not happen while hosts_ is being iterated.
        auto sitemaps = std::move(robots_sitemaps_);
        robots_sitemaps_.clear();
        for (const auto& [url, base] : sitemaps) add_special(Kind::kSitemap, url, base);
    }

    // Rules from the store's copy of the origin's robots.txt when it is less than a day old.
    bool cached_robots(Host& host, Site& site, const std::string& origin) {
        auto rules = stored_robots(store_, origin, product_token_);
        if (!rules) return false;
        site.state = Site::State::kReady;
        site.rules = std::move(*rules);
        for (const auto& sitemap : site.rules.sitemaps()) {
            robots_sitemaps_.emplace_back(sitemap, origin + "/robots.txt");
        }
        apply_robots(host, site, origin, /*fetched_now=*/false);
        return true;
    }

    // Crawl-delay; and, for a robots.txt just fetched, its Sitemap: lines (a cached one's are
    // added by dispatch()).
    void apply_robots(Host& host, const Site& site, const std::string& origin, bool fetched_now) {
        if (auto delay = site.rules.crawl_delay()) {
            // Several origins on one host (http and https): the largest delay wins.
            host.delay = std::max(host.delay, std::min(*delay, config_.max_crawl_delay));
            if (fetched_now) host.next_at = Clock::now() + host.delay;
        }
        if (!fetched_now) return;
        for (const auto& sitemap : site.rules.sitemaps()) {
            add_special(Kind::kSitemap, sitemap, origin + "/robots.txt");
        }
    }

    void start(Host& host, const std::string& name, Task task) {
        FetchRequest request;
        request.id = ++next_id_;
        request.url = task.target;
        request.any_content_type = task.kind != Kind::kPage;
        // RFC 9309 2.3.1.2: follow at least five redirects for robots.txt; its rules are the
        // original origin's wherever it was found, so hops need no check.
        request.follow_redirects = task.kind == Kind::kRobots;
        if (task.kind == Kind::kRobots) {
            // A byte past the limit tells RobotsRules whether the last line was cut.
            request.max_body_bytes = kMaxRobotsBytes + 1;
            request.truncate = true;
        }
        if (task.kind == Kind::kSitemap) request.max_body_bytes = kMaxSitemapBytes;
        if (task.kind == Kind::kPage) {
            if (!task.counted) ++pages_started_;
            task.counted = true;
            // Conditional request: a 304 costs the site nothing but headers.
            if (task.old && !task.old->gone) {
                if (!task.old->etag.empty())
                    request.headers.push_back("If-None-Match: " + task.old->etag);
                if (!task.old->last_modified.empty()) {
                    request.headers.push_back("If-Modified-Since: " + task.old->last_modified);
                }
            }
        }
        spdlog::debug("fetch {} {}", kind_name(task.kind), task.target);
        host.busy = true;
        fetcher_.start(std::move(request));
        in_flight_.emplace(next_id_, std::make_pair(name, std::move(task)));
    }

    milliseconds poll_time() const {
        milliseconds wait = kMaxPoll;
        // With every transfer slot taken, only a finished transfer can let more start, and
        // the poll returns as soon as one finishes.
        if (fetcher_.active() >= kMaxParallel) return wait;
        auto now = Clock::now();
        for (const auto& [name, host] : hosts_) {
            if (host.busy || host.tasks.empty()) continue;
            auto at = std::max(host.next_at, host.tasks.front().not_before);
            wait = std::min(wait, std::chrono::duration_cast<milliseconds>(at - now) + milliseconds(1));
        }
        return std::max(wait, milliseconds(0));
    }

    // The frontier entry of a page is done (stored, unchanged, gone, skipped or failed).
    void done_with(const Task& task) {
        if (task.kind != Kind::kPage) return;
        store_.finish(task.url);
        --in_memory_;
    }

    void handle(FetchResult r) {
        auto it = in_flight_.find(r.id);
        if (it == in_flight_.end()) return;
        auto [name, task] = std::move(it->second);
        in_flight_.erase(it);
        Host& host = hosts_[name];
        host.busy = false;
        host.next_at = Clock::now() + host.delay;
        if (r.status == 429 || r.status == 503) {
            if (auto wait = retry_after(r)) {
                host.next_at = std::max(host.next_at, Clock::now() + std::min(*wait, config_.max_crawl_delay));
            }
        }
        if (task.kind == Kind::kRobots) return handle_robots(host, task, r);
        if (r.error.empty() && is_redirect(r.status) && !r.redirect_url.empty()) {
            return follow_redirect(std::move(task), r);
        }
        if (r.error.empty() && task.kind == Kind::kPage) ++stats_.fetched;

        bool server_trouble = r.error.empty() && (r.status == 429 || r.status >= 500);
        if ((r.retryable_error() || server_trouble) && task.attempt < kMaxRetries) {
            // Exponential backoff; the host stays polite in the meantime.
            auto backoff = std::max(kMinBackoff, host.delay) * (1 << task.attempt);
            task.not_before = std::max(host.next_at, Clock::now() + backoff);
            ++task.attempt;
            spdlog::info(
                "retry {} in {} ms (attempt {}): {}", task.target,
                std::chrono::duration_cast<milliseconds>(task.not_before - Clock::now()).count(),
                task.attempt + 1, r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error);
            host.tasks.push_front(std::move(task));
            return;
        }
        if (!r.error.empty()) {
            skip(task.url, r.error, r.error_message, r.retryable_error());
            return done_with(task);
        }
        switch (task.kind) {
            case Kind::kPage: handle_page(task, r); break;
            case Kind::kSitemap:
            case Kind::kFeed: handle_listing(task, r); break;
            case Kind::kRobots: break;
        }
        done_with(task);
    }

    // Redirects are followed here rather than by libcurl so that every hop is checked before
    // it is requested: scope now, robots.txt of the hop's origin when it is dispatched (which
    // fetches that robots.txt first if need be), politeness by the hop's own host queue.
    void follow_redirect(Task task, const FetchResult& r) {
        auto next = request_url(r.redirect_url);
        std::string chain = task.target + " -> " + r.redirect_url;
        auto give_up = [&](const std::string& reason, const std::string& detail) {
            skip(task.url, reason, detail);
            done_with(task);
        };
        if (!next) {
            return give_up(next.error().kind == "scheme" ? "redirect-scheme" : "bad-url", chain);
        }
        auto same = [key = url_key(*next)](const std::string& hop) { return url_key(hop) == key; };
        if (same(task.target) || std::ranges::any_of(task.hops, same)) {
            return give_up("redirect-loop", chain);
        }
        if (task.hops.size() >= config_.max_redirects) {
            return give_up("redirects", "more than " + std::to_string(config_.max_redirects) +
                                            " (max_redirects): " + chain);
        }
        if (task.kind == Kind::kPage && !scope_.contains(*next)) {
            if (task.hops.empty() && seeds_.contains(task.url)) {
                // A seed that redirects (http -> https, example.org -> www.example.org)
                // brings the site it redirects to into scope, or nothing beyond it would be
                // crawled.
                spdlog::info("seed {} redirects to {}: crawling that site too", task.url, *next);
                scope_.add_seed(*next);
            } else {
                return give_up("redirect-scope", "redirect to " + *next + " is out of scope");
            }
        }
        if (task.kind != Kind::kPage && !task.anywhere && !scope_.same_site(*next)) {
            return give_up("redirect-scope", "redirect to " + *next + " is off-site");
        }
        if (!owns(*next)) {
            // Another worker's host: a page is handed to it, anything else is its to read.
            if (task.kind != Kind::kPage) return give_up("partition", "redirect to " + *next);
            partition_.hand_over({url_key(*next), task.depth, *next}, split_url(*next)->host);
            partition_.flush();
            spdlog::debug("redirect {} -> {}: handed to its partition", task.target, *next);
            return done_with(task);
        }
        spdlog::debug("redirect {} -> {}", task.target, *next);
        auto parts = split_url(*next);
        task.hops.push_back(std::move(task.target));
        task.target = std::move(*next);
        task.attempt = 0;
        task.not_before = {};
        host_of(*parts).tasks.push_front(std::move(task));
    }

    void handle_robots(Host& host, const Task& task, const FetchResult& r) {
        std::string origin =
            task.url.substr(0, task.url.size() - std::string_view("/robots.txt").size());
        Site& site = sites_[origin];
        site.state = Site::State::kReady;
        site.rules = fetched_robots(store_, origin, product_token_, r);
        // An unavailable one's rules (disallow all) have no Crawl-delay and no Sitemap lines.
        apply_robots(host, site, origin, /*fetched_now=*/true);
    }

    void handle_page(const Task& task, const FetchResult& r) {
        if (r.status == 304) {
            if (task.old && !task.old->gone) {
                store_.mark_unchanged(task.url, unix_now());
                auto [interval, next] = revisit_.next(task.old, Change::kUnchanged);
                store_.reschedule(task.url, interval, next);
                ++stats_.unchanged;
                spdlog::debug("unchanged {}", task.url);
            } else {
                skip(task.url, "http-304", "304 for a page not in the store");
            }
            return;
        }
        if (r.status == 404 || r.status == 410) {
            if (task.old && !task.old->gone) {
                store_.mark_gone(task.url, unix_now());
                ++stats_.gone;
                spdlog::info("gone {} (HTTP {})", task.url, r.status);
            } else {
                skip(task.url, "http-" + std::to_string(r.status));  // a link to a missing page
            }
            return;
        }
        if (r.status / 100 != 2) {
            bool failure = r.status == 429 || r.status >= 500;
            return skip(task.url, "http-" + std::to_string(r.status), {}, failure);
        }
        std::string type = r.content_type;
        if (type.empty() && looks_like_html(r.body)) type = "text/html";
        if (type.empty() || !is_page_type(type)) {
            return skip(task.url, "content-type", type.empty() ? "none" : type);
        }

        store::Page page;
        page.url = task.url;
        page.final_url = task.target;
        page.status = r.status;
        page.headers = r.headers;
        page.content_type = type;
        page.body = r.body;
        page.fetched_at = unix_now();
        page.etag = r.header("ETag");
        page.last_modified = r.header("Last-Modified");
        page.content_hash = store::content_hash(page.body);
        Change change = !task.old ? Change::kNew
                        : task.old->content_hash == page.content_hash && !task.old->gone
                            ? Change::kUnchanged
                            : Change::kChanged;
        std::tie(page.revisit_interval, page.next_visit) = revisit_.next(task.old, change);
        switch (store_.put_page(std::move(page))) {
            case store::PutOutcome::kNew: ++stats_.new_pages; break;
            case store::PutOutcome::kChanged: ++stats_.changed; break;
            case store::PutOutcome::kUnchanged: ++stats_.unchanged; break;
        }
        if (std::string final_key = url_key(task.target); final_key != task.url) {
            // Stored under the URL we asked for; do not fetch the redirect target again.
            store_.enqueue(final_key, task.depth);
            store_.finish(final_key);
        }
        if (type == "application/pdf") return;
        follow_links(task, r);
    }

    // The page's links, feeds and canonical URL go to the frontier, unless the page says
    // nofollow (meta robots, meta with our product token, X-Robots-Tag): then only its feeds
    // and canonical URL, which are not links the page vouches for. rel="nofollow" links are
    // followed only when config.follow_nofollow says so. A page at max_depth, whose links
    // would all be dropped, is read only up to its body: its feeds and canonical URL are in
    // its head, and parsing the body was most of the crawl's CPU time per page.
    void follow_links(const Task& task, const FetchResult& r) {
        // Decoded as extraction decodes it (header, BOM, meta, detection), so that a link
        // written in the page's legacy charset is requested as the UTF-8 URL it means.
        std::string html = decode_to_utf8(r.body, r.header("Content-Type"));
        const bool at_max_depth = task.depth >= static_cast<int>(config_.max_depth);
        PageLinks links = at_max_depth ? extract_head_links(html, task.target, product_token_)
                                       : extract_links(html, task.target, product_token_);
        add_header_directives(r.headers, product_token_, links.directives);
        for (const auto& feed : links.feeds) add_special(Kind::kFeed, feed, links.base);
        if (!links.canonical.empty()) {
            // Noted and followed like a link; the page stays stored under its own URL.
            spdlog::debug("canonical of {} is {}", task.url, links.canonical);
            if (auto url = followable(links.canonical, links.base, task.depth)) enqueue({*url});
        }
        if (links.directives.nofollow) {
            spdlog::debug("nofollow: not following the links of {}", task.url);
            ++stats_.nofollow;
            return;
        }
        std::vector<store::FrontierEntry> urls;
        // The page's own PDFs, one publication with it in the index: those it names as such,
        // and its <a> to a .pdf when it has only one (a listing's many PDFs are not its own).
        std::vector<std::string> own_pdfs;
        for (const auto& href : links.pdfs)
            if (auto url = followable_pdf(href, links.base, task.depth + 1)) {
                own_pdfs.push_back(url->url);
                urls.push_back(std::move(*url));
            }
        std::set<std::string> anchored_pdfs;
        for (const auto& href : links.links) {
            auto url = links_to_pdf(href) ? followable_pdf(href, links.base, task.depth + 1)
                                          : followable(href, links.base, task.depth + 1);
            if (url && links_to_pdf(href)) anchored_pdfs.insert(url->url);
            if (url) urls.push_back(std::move(*url));
        }
        if (own_pdfs.empty() && anchored_pdfs.size() == 1) own_pdfs.push_back(*anchored_pdfs.begin());
        store_.set_pdf_links(task.url, own_pdfs);
        for (const auto& href : links.nofollow_links) {
            if (!config_.follow_nofollow) {
                auto request = request_url(href, links.base);
                skip(request ? url_key(*request) : href, "rel-nofollow");
            } else if (auto url = followable(href, links.base, task.depth + 1)) {
                urls.push_back(std::move(*url));
            }
        }
        enqueue(urls);
    }

    // A sitemap or feed: the sitemaps it names are read next, its pages go to the frontier
    // unless the sitemap's lastmod says the stored copy is current.
    void handle_listing(const Task& task, const FetchResult& r) {
        if (task.probe && r.status / 100 == 4) {
            spdlog::debug("no sitemap at {} (HTTP {})", task.url, r.status);
            return;
        }
        auto listing =
            task.kind == Kind::kSitemap ? read_sitemap(task.url, r) : read_feed(task.url, r);
        if (!listing) return skip(task.url, listing.error().kind, listing.error().message);
        for (const auto& entry : listing->sitemaps)
            add_special(Kind::kSitemap, entry.loc, task.target);
        std::vector<store::FrontierEntry> urls;
        for (const auto& entry : listing->urls) {
            auto url = followable(entry.loc, task.target, 0);
            if (!url) continue;
            if (!entry.lastmod.empty() &&
                unchanged_since_fetch(store_, revisit_, url->url, entry.lastmod)) {
                ++stats_.unchanged;
                continue;
            }
            urls.push_back(std::move(*url));
        }
        enqueue(urls);
    }

    // One info line every kProgressEvery, so that a long crawl shows it is alive.
    void report_progress() {
        auto now = Clock::now();
        if (now - last_progress_ < kProgressEvery) return;
        log_progress(stats_, store_.queued(),
                     std::chrono::duration<double>(now - started_).count());
        last_progress_ = now;
    }

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

}  // namespace

void request_stop() noexcept { stop_requested.store(true); }

CrawlStats crawl(const CrawlConfig& config, store::CrawlStore& store,
                 std::optional<ShardPart> partition) {
    claim_partition(store, partition);
    return Crawl(config, store, partition).run();
}

}  // namespace thinkdex::crawler
