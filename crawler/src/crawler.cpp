#include "thinkdex/crawler/crawler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <utility>
#include <vector>

#include "crawl.hpp"
#include "crawl_log.hpp"
#include "robots_cache.hpp"
#include "sitemaps.hpp"

namespace thinkdex::crawler {

namespace {

/// Set by request_stop(), from a signal handler: only a lock-free atomic is safe there.
std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

}  // namespace

namespace detail {

namespace {

const char* kind_name(Kind k) {
    switch (k) {
        case Kind::kPage: return "page";
        case Kind::kRobots: return "robots.txt";
        case Kind::kSitemap: return "sitemap";
        case Kind::kFeed: return "feed";
    }
    return "?";
}

// `url` is the duplicate key, `target` what to request (the key when empty).
Task make_task(Kind kind, std::string url, int depth = 0, std::string target = {}) {
    Task t;
    t.kind = kind;
    t.target = target.empty() ? url : std::move(target);
    t.url = std::move(url);
    t.depth = depth;
    return t;
}

}  // namespace

Crawl::Crawl(const CrawlConfig& config, store::CrawlStore& store, std::optional<ShardPart> part)
    : config_(config),
      store_(store),
      fetcher_(config),
      scope_(config.scope, seeds(config)),
      partition_(part, store) {
    for (auto& seed : seeds(config)) seeds_.insert(std::move(seed));
}

CrawlStats Crawl::run() {
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

std::vector<std::string> Crawl::seeds(const CrawlConfig& config) {
    std::vector<std::string> out;
    for (const auto& s : config.sources) {
        if (auto n = normalize_url(s.seed)) out.push_back(*n);
    }
    return out;
}

void Crawl::enqueue_sources() {
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

bool Crawl::owns(const std::string& url) const {
    auto parts = split_url(url);
    return !parts || partition_.owns(parts->host);
}

bool Crawl::handed_over(const store::FrontierEntry& entry) {
    auto parts = split_url(entry.url);
    return parts && partition_.hand_over(entry, parts->host);
}

void Crawl::finish_partition() {
    partition_.flush();
    partition_.export_outboxes();
    stats_.handed_over = partition_.handed_over();
}

bool Crawl::limit_reached() const {
    return config_.max_pages != 0 && pages_started_ >= config_.max_pages;
}

bool Crawl::finished() {
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

void Crawl::skip(const std::string& url, const std::string& reason, const std::string& detail,
                 bool failure) {
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

Host& Crawl::host_of(const UrlParts& parts) {
    auto [it, added] = hosts_.try_emplace(parts.host);
    if (added) it->second.delay = config_.delay;
    return it->second;
}

void Crawl::enqueue(const std::vector<store::FrontierEntry>& entries) {
    partition_.flush();
    if (store_.enqueue(entries) != 0) drained_ = false;
}

void Crawl::add_special(Kind kind, const std::string& href, const std::string& base,
                        bool from_config, bool probe) {
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

bool Crawl::due(const Task& task) const {
    if (!task.old || task.old->gone || seeds_.contains(task.url)) return true;
    return task.old->next_visit <= unix_now();
}

void Crawl::refill() {
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

void Crawl::not_due(const Task& task) {
    ++stats_.not_due;
    spdlog::debug("not due until {}: {}", task.old->next_visit, task.url);
    store_.finish(task.url);
}

void Crawl::dispatch() {
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

bool Crawl::cached_robots(Host& host, Site& site, const std::string& origin) {
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

void Crawl::apply_robots(Host& host, const Site& site, const std::string& origin,
                         bool fetched_now) {
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

void Crawl::start(Host& host, const std::string& name, Task task) {
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

milliseconds Crawl::poll_time() const {
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

void Crawl::done_with(const Task& task) {
    if (task.kind != Kind::kPage) return;
    store_.finish(task.url);
    --in_memory_;
}

void Crawl::report_progress() {
    auto now = Clock::now();
    if (now - last_progress_ < kProgressEvery) return;
    log_progress(stats_, store_.queued(),
                 std::chrono::duration<double>(now - started_).count());
    last_progress_ = now;
}

}  // namespace detail

void request_stop() noexcept { stop_requested.store(true); }

CrawlStats crawl(const CrawlConfig& config, store::CrawlStore& store,
                 std::optional<ShardPart> partition) {
    claim_partition(store, partition);
    return detail::Crawl(config, store, partition).run();
}

}  // namespace thinkdex::crawler
