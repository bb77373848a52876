#include "thinkdex/crawler/crawler.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "fetcher.hpp"
#include "links.hpp"
#include "robots.hpp"
#include "url.hpp"

namespace thinkdex::crawler {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kMaxParallel = 16;       ///< transfers at once, over all hosts
constexpr std::size_t kMemoryFrontier = 256;   ///< frontier entries held in memory at once
constexpr int kMaxRetries = 2;                 ///< after the first attempt
constexpr milliseconds kMinBackoff{500};
constexpr milliseconds kMaxPoll{200};
constexpr std::size_t kMaxSitemapBytes = 50 * 1024 * 1024;  ///< sitemap protocol limit
constexpr std::size_t kMaxSpecialUrls = 10000;  ///< sitemaps and feeds per run
constexpr std::size_t kMaxReported = 100000;    ///< not-followed links remembered, to log once
constexpr const char* kProductToken = "thinkdex";
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
    std::string url;
    int depth = 0;
    int attempt = 0;
    Clock::time_point not_before{};
    bool probe = false;  ///< a guessed URL (/sitemap.xml): its absence is not an error
};

// Politeness state of one origin (scheme, host and port).
struct Host {
    enum class Robots { kUnknown, kFetching, kReady };
    Robots robots = Robots::kUnknown;
    RobotsRules rules;
    milliseconds delay{0};
    Clock::time_point next_at{};
    bool busy = false;  // a request is in flight: never two at once
    std::deque<Task> tasks;
};

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
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
    Crawl(const CrawlConfig& config, store::CrawlStore& store)
        : config_(config), store_(store), fetcher_(config), scope_(config.scope, seeds(config)) {
        for (auto& seed : seeds(config)) seeds_.insert(std::move(seed));
    }

    CrawlStats run() {
        stats_.resumed = store_.begin_crawl();
        spdlog::info("crawl {}: {} source(s), scope '{}', {}", stats_.resumed ? "resumed" : "started",
                     config_.sources.size(), config_.scope,
                     config_.max_pages == 0 ? std::string("no page limit")
                                            : "at most " + std::to_string(config_.max_pages) + " pages");
        for (const auto& source : config_.sources) {
            if (auto seed = normalize_url(source.seed)) {
                if (store_.enqueue(*seed, 0)) drained_ = false;
                // Most sites have one even when robots.txt does not say so.
                add_special(Kind::kSitemap, "/sitemap.xml", *seed, false, true);
            } else {
                skip(source.seed, "bad-url", seed.error().message);
            }
            for (const auto& feed : source.feeds) add_special(Kind::kFeed, feed, {}, true);
            for (const auto& sitemap : source.sitemaps) {
                add_special(Kind::kSitemap, sitemap, {}, true);
            }
        }
        drained_ = false;  // a resumed crawl has queued entries even if no seed was new

        while (true) {
            refill();
            dispatch();
            if (fetcher_.active() == 0 && finished()) break;
            for (auto& result : fetcher_.wait(poll_time())) handle(std::move(result));
            report_progress();
        }
        store_.end_crawl();
        log_summary();
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

    bool limit_reached() const {
        return config_.max_pages != 0 && pages_started_ >= config_.max_pages;
    }

    bool finished() {
        if (limit_reached()) return true;
        if (!drained_ || in_memory_ != 0) return false;
        for (const auto& [origin, host] : hosts_) {
            if (!host.tasks.empty()) return false;
        }
        // Before stopping, re-check stored pages that nothing linked to this time: the only
        // way to notice that they are gone. Their own links are not followed (max depth).
        if (!swept_) {
            swept_ = true;
            std::size_t n = store_.enqueue_unvisited_pages(static_cast<int>(config_.max_depth));
            if (n != 0) {
                spdlog::info("re-checking {} stored page(s) not linked in this crawl", n);
                drained_ = false;
                return false;
            }
        }
        return true;
    }

    // The one place where a URL is given up: logged with its reason and counted. Reasons
    // that only say a link was not followed (scope, scheme, depth) are logged at debug level,
    // once per URL, since every page has off-site links; everything else is a warning.
    void skip(const std::string& url, const std::string& reason, const std::string& detail = {},
              bool failure = false) {
        bool policy = reason == "scope" || reason == "scheme" || reason == "depth";
        // Bounded memory on huge crawls: past the cap a URL may be counted more than once.
        if (policy && reported_.size() >= kMaxReported) reported_.clear();
        if (policy && !reported_.insert(url).second) return;
        ++stats_.skipped[reason];
        if (failure) ++stats_.failed;
        if (policy) {
            spdlog::debug("skip {}: {}", url, reason);
        } else if (detail.empty()) {
            spdlog::warn("skip {}: {}", url, reason);
        } else {
            spdlog::warn("skip {}: {} ({})", url, reason, detail);
        }
    }

    Host& host_of(const UrlParts& parts) {
        auto [it, added] = hosts_.try_emplace(origin_of(parts));
        if (added) it->second.delay = config_.delay;
        if (added && !config_.obey_robots) it->second.robots = Host::Robots::kReady;
        return it->second;
    }

    void add_link(const std::string& href, const std::string& base, int depth) {
        auto url = normalize_url(href, base);
        if (!url) {
            skip(href, url.error().kind == "scheme" ? "scheme" : "bad-url", url.error().message);
            return;
        }
        if (!scope_.contains(*url)) return skip(*url, "scope");
        // A link to a sitemap or feed we read anyway (sites link them in their footers) is
        // not also fetched as a page.
        if (specials_.contains(*url)) return;
        if (depth > static_cast<int>(config_.max_depth)) return skip(*url, "depth");
        if (store_.enqueue(*url, depth)) drained_ = false;
    }

    // Sitemaps and feeds are fetched in memory (not through the frontier): they are re-read
    // on every run, resumed or not, as the cheapest way to find new publications. Those named
    // in the config may live anywhere; those found while crawling only on a seed's site.
    void add_special(Kind kind, const std::string& href, const std::string& base,
                     bool from_config = false, bool probe = false) {
        auto url = normalize_url(href, base);
        if (!url) return skip(href, "bad-url", url.error().message);
        if (!from_config && !scope_.same_site(*url)) return skip(*url, "scope");
        if (specials_.size() >= kMaxSpecialUrls || !specials_.insert(*url).second) return;
        auto parts = split_url(*url);
        // First in the host's queue: what a sitemap says decides which pages need fetching.
        host_of(*parts).tasks.push_front(Task{kind, *url, 0, 0, {}, probe});
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
            if (!parts || !scope_.contains(entry.url)) {
                if (parts) skip(entry.url, "scope");
                else skip(entry.url, "bad-url", parts.error().message);
                store_.finish(entry.url);
                continue;
            }
            host_of(*parts).tasks.push_back(Task{Kind::kPage, std::move(entry.url), entry.depth, 0, {}, false});
            ++in_memory_;
        }
    }

    void dispatch() {
        auto now = Clock::now();
        for (auto& [origin, host] : hosts_) {
            if (fetcher_.active() >= kMaxParallel) return;
            if (host.busy || host.tasks.empty() || now < host.next_at) continue;
            if (host.robots == Host::Robots::kUnknown) {
                host.robots = Host::Robots::kFetching;
                start(host, origin, Task{Kind::kRobots, origin + "/robots.txt", 0, 0, {}, false});
                continue;
            }
            if (host.robots == Host::Robots::kFetching) continue;
            while (!host.tasks.empty() && !host.busy) {
                Task& task = host.tasks.front();
                if (task.not_before > now) break;
                if (task.kind == Kind::kPage && limit_reached()) break;
                auto parts = split_url(task.url);
                std::string reason;
                if (!parts) {
                    reason = "bad-url";
                } else if (!host.rules.allowed(path_and_query(*parts))) {
                    reason = "robots";
                }
                Task taken = std::move(task);
                host.tasks.pop_front();
                if (!reason.empty() && taken.probe) {
                    spdlog::debug("not probing {}: {}", taken.url, reason);
                    continue;
                }
                if (!reason.empty()) {
                    skip(taken.url, reason);
                    done_with(taken);
                    continue;
                }
                start(host, origin, std::move(taken));
            }
        }
    }

    void start(Host& host, const std::string& origin, Task task) {
        FetchRequest request;
        request.id = ++next_id_;
        request.url = task.url;
        request.any_content_type = task.kind != Kind::kPage;
        if (task.kind == Kind::kSitemap) request.max_body_bytes = kMaxSitemapBytes;
        if (task.kind == Kind::kPage) {
            if (task.attempt == 0) ++pages_started_;
            // Conditional request: a 304 costs the site nothing but headers.
            if (auto old = store_.get_page(task.url); old && !old->gone) {
                if (!old->etag.empty()) request.headers.push_back("If-None-Match: " + old->etag);
                if (!old->last_modified.empty()) {
                    request.headers.push_back("If-Modified-Since: " + old->last_modified);
                }
            }
        }
        spdlog::debug("fetch {} {}", kind_name(task.kind), task.url);
        host.busy = true;
        fetcher_.start(std::move(request));
        in_flight_.emplace(next_id_, std::make_pair(origin, std::move(task)));
    }

    milliseconds poll_time() const {
        milliseconds wait = kMaxPoll;
        // With every transfer slot taken, only a finished transfer can let more start, and
        // the poll returns as soon as one finishes.
        if (fetcher_.active() >= kMaxParallel || limit_reached()) return wait;
        auto now = Clock::now();
        for (const auto& [origin, host] : hosts_) {
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
        auto [origin, task] = std::move(it->second);
        in_flight_.erase(it);
        Host& host = hosts_[origin];
        host.busy = false;
        host.next_at = Clock::now() + host.delay;
        if (r.status == 429 || r.status == 503) {
            if (auto wait = retry_after(r)) {
                host.next_at = std::max(host.next_at, Clock::now() + std::min(*wait, config_.max_crawl_delay));
            }
        }
        if (task.kind == Kind::kRobots) return handle_robots(host, r);
        if (r.error.empty() && task.kind == Kind::kPage) ++stats_.fetched;

        bool server_trouble = r.error.empty() && (r.status == 429 || r.status >= 500);
        if ((r.retryable_error() || server_trouble) && task.attempt < kMaxRetries) {
            // Exponential backoff; the host stays polite in the meantime.
            auto backoff = std::max(kMinBackoff, host.delay) * (1 << task.attempt);
            task.not_before = std::max(host.next_at, Clock::now() + backoff);
            ++task.attempt;
            spdlog::info("retry {} in {} ms (attempt {}): {}", task.url,
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
            case Kind::kSitemap: handle_sitemap(task, r); break;
            case Kind::kFeed: handle_feed(task, r); break;
            case Kind::kRobots: break;
        }
        done_with(task);
    }

    void handle_robots(Host& host, const FetchResult& r) {
        host.robots = Host::Robots::kReady;
        std::string origin = r.url.substr(0, r.url.size() - std::string_view("/robots.txt").size());
        if (!r.error.empty() || r.status >= 500 || r.status == 429) {
            // RFC 9309 2.3.1.4: an unreachable robots.txt means the whole site is disallowed.
            host.rules = RobotsRules::disallow_all();
            spdlog::warn("robots.txt of {} unavailable ({}): not crawling that site in this run", origin,
                         r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error_message);
            return;
        }
        if (r.status / 100 != 2) {
            host.rules = RobotsRules::allow_all();  // 4xx: no robots.txt, no rules
            return;
        }
        host.rules = RobotsRules::parse(r.body, kProductToken);
        if (auto delay = host.rules.crawl_delay()) {
            host.delay = std::max(config_.delay, std::min(*delay, config_.max_crawl_delay));
            host.next_at = Clock::now() + host.delay;
        }
        for (const auto& sitemap : host.rules.sitemaps()) add_special(Kind::kSitemap, sitemap, r.final_url);
    }

    void handle_page(const Task& task, const FetchResult& r) {
        auto stored = [&] { return store_.get_page(task.url); };
        if (r.status == 304) {
            if (auto old = stored(); old && !old->gone) {
                store_.mark_unchanged(task.url, unix_now());
                ++stats_.unchanged;
                spdlog::debug("unchanged {}", task.url);
            } else {
                skip(task.url, "http-304", "304 for a page not in the store");
            }
            return;
        }
        if (r.status == 404 || r.status == 410) {
            if (auto old = stored(); old && !old->gone) {
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
        page.final_url = normalize_url(r.final_url).value_or(r.final_url);
        page.status = r.status;
        page.headers = r.headers;
        page.content_type = type;
        page.body = r.body;
        page.fetched_at = unix_now();
        page.etag = r.header("ETag");
        page.last_modified = r.header("Last-Modified");
        switch (store_.put_page(std::move(page))) {
            case store::PutOutcome::kNew: ++stats_.new_pages; break;
            case store::PutOutcome::kChanged: ++stats_.changed; break;
            case store::PutOutcome::kUnchanged: ++stats_.unchanged; break;
        }
        std::string final_url = normalize_url(r.final_url).value_or(task.url);
        if (final_url != task.url && seeds_.contains(task.url) && !scope_.contains(final_url)) {
            // A seed that redirects (http -> https, example.org -> www.example.org) brings
            // the site it redirects to into scope, or nothing beyond it would be crawled.
            spdlog::info("seed {} redirects to {}: crawling that site too", task.url, final_url);
            scope_.add_seed(final_url);
        }
        if (final_url != task.url) {
            // Stored under the URL we asked for; do not fetch the redirect target again.
            store_.enqueue(final_url, task.depth);
            store_.finish(final_url);
        }
        if (type == "application/pdf") return;

        PageLinks links = extract_links(r.body, r.final_url);
        for (const auto& feed : links.feeds) add_special(Kind::kFeed, feed, links.base);
        if (!links.canonical.empty()) {
            // Noted and followed like a link; the page stays stored under its own URL.
            spdlog::debug("canonical of {} is {}", task.url, links.canonical);
            add_link(links.canonical, links.base, task.depth);
        }
        if (links.nofollow) return;
        for (const auto& href : links.links) add_link(href, links.base, task.depth + 1);
    }

    Result<std::string> body_of(const Task& task, const FetchResult& r) {
        if (r.status / 100 != 2) {
            return std::unexpected(Error{"http-" + std::to_string(r.status), ""});
        }
        if (!is_gzip(r.body)) return r.body;
        auto xml = gunzip(r.body, kMaxSitemapBytes);
        if (!xml) return std::unexpected(Error{"gzip", task.url + ": " + xml.error().message});
        return xml;
    }

    void handle_sitemap(const Task& task, const FetchResult& r) {
        if (task.probe && r.status / 100 == 4) {
            spdlog::debug("no sitemap at {} (HTTP {})", task.url, r.status);
            return;
        }
        auto xml = body_of(task, r);
        if (!xml) return skip(task.url, xml.error().kind, xml.error().message);
        auto sitemap = parse_sitemap(*xml);
        if (!sitemap) return skip(task.url, "sitemap", sitemap.error().message);
        spdlog::info("sitemap {}: {} URL(s), {} sitemap(s)", task.url, sitemap->urls.size(),
                     sitemap->sitemaps.size());
        for (const auto& entry : sitemap->sitemaps) add_special(Kind::kSitemap, entry.loc, r.final_url);
        for (const auto& entry : sitemap->urls) {
            if (!entry.lastmod.empty() && unchanged_since_fetch(entry, r.final_url)) continue;
            add_link(entry.loc, r.final_url, 0);
        }
    }

    // A page the sitemap says has not changed since we stored it is not fetched again: it is
    // marked done in this crawl's frontier (only if nothing queued it yet) and counted as
    // unchanged. Saves the site a request per page on quiet nights.
    bool unchanged_since_fetch(const SitemapEntry& entry, const std::string& base) {
        auto modified = parse_lastmod(entry.lastmod);
        auto url = normalize_url(entry.loc, base);
        if (!modified || !url || !scope_.contains(*url)) return false;
        auto old = store_.get_page(*url);
        if (!old || old->gone || old->fetched_at < *modified) return false;
        if (!store_.enqueue(*url, 0)) return false;
        store_.finish(*url);
        ++stats_.unchanged;
        spdlog::debug("unchanged {} (sitemap lastmod {})", *url, entry.lastmod);
        return true;
    }

    void handle_feed(const Task& task, const FetchResult& r) {
        auto xml = body_of(task, r);
        if (!xml) return skip(task.url, xml.error().kind, xml.error().message);
        auto items = parse_feed(*xml);
        if (!items) return skip(task.url, "feed", items.error().message);
        spdlog::info("feed {}: {} item(s)", task.url, items->size());
        for (const auto& link : *items) add_link(link, r.final_url, 0);
    }

    // One info line every kProgressEvery, so that a long crawl shows it is alive.
    void report_progress() {
        auto now = Clock::now();
        if (now - last_progress_ < kProgressEvery) return;
        double seconds = std::chrono::duration<double>(now - started_).count();
        std::size_t skipped = 0;
        for (const auto& [reason, n] : stats_.skipped) skipped += n;
        spdlog::info("progress: {} fetched, {} new, {} changed, {} unchanged, {} skipped, {} failed, "
                     "{} queued, {:.1f} pages/s",
                     stats_.fetched, stats_.new_pages, stats_.changed, stats_.unchanged, skipped,
                     stats_.failed, store_.counts().queued,
                     seconds > 0 ? static_cast<double>(stats_.fetched) / seconds : 0.0);
        last_progress_ = now;
    }

    void log_summary() const {
        std::string skipped;
        std::size_t total = 0;
        for (const auto& [reason, n] : stats_.skipped) {
            skipped += (skipped.empty() ? "" : ", ") + reason + " " + std::to_string(n);
            total += n;
        }
        spdlog::info("crawl done: {} fetched, {} new, {} changed, {} unchanged, {} gone, {} failed, "
                     "{} skipped{}{}{}",
                     stats_.fetched, stats_.new_pages, stats_.changed, stats_.unchanged,
                     stats_.gone, stats_.failed, total, skipped.empty() ? "" : " (", skipped,
                     skipped.empty() ? "" : ")");
    }

    const CrawlConfig& config_;
    store::CrawlStore& store_;
    Fetcher fetcher_;
    Scope scope_;
    CrawlStats stats_;
    std::unordered_map<std::string, Host> hosts_;
    std::unordered_map<std::uint64_t, std::pair<std::string, Task>> in_flight_;
    std::unordered_set<std::string> seeds_;  // normalised
    std::unordered_set<std::string> specials_;
    std::unordered_set<std::string> reported_;
    std::uint64_t next_id_ = 0;
    std::size_t pages_started_ = 0;
    std::size_t in_memory_ = 0;  // page tasks taken from the frontier and not done yet
    bool drained_ = false;       // next_batch found nothing since the last enqueue
    bool swept_ = false;
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_progress_ = Clock::now();
};

}  // namespace

CrawlStats crawl(const CrawlConfig& config, store::CrawlStore& store) {
    return Crawl(config, store).run();
}

}  // namespace thinkdex::crawler
