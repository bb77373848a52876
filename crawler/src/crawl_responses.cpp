// What comes back from a fetch: pages stored and their links followed, redirects checked hop
// by hop, robots.txt files, sitemaps and feeds (the Crawl class, crawl.hpp).

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "crawl.hpp"
#include "links.hpp"
#include "robots_cache.hpp"
#include "sitemaps.hpp"
#include "thinkdex/common/charset.hpp"

namespace thinkdex::crawler::detail {

namespace {

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

}  // namespace

std::optional<store::FrontierEntry> Crawl::followable(const std::string& href,
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

std::optional<store::FrontierEntry> Crawl::followable_pdf(const std::string& href,
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

bool Crawl::pdf_elsewhere(const std::string& key, const UrlParts& parts) const {
    if (!config_.pdf_other_hosts) return false;
    std::string path = parts.path;
    for (char& c : path) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return pdfs_elsewhere_.contains(key) || path.ends_with(".pdf");
}

bool Crawl::links_to_pdf(std::string_view href) {
    href = href.substr(0, href.find_first_of("?#"));
    return href.size() >= 4 && (href.ends_with(".pdf") || href.ends_with(".PDF"));
}

void Crawl::handle(FetchResult r) {
    auto it = in_flight_.find(r.id);
    if (it == in_flight_.end()) return;
    auto [name, task] = std::move(it->second);
    in_flight_.erase(it);
    Host& host = hosts_[name];
    host.busy = false;
    host.next_at = Clock::now() + host.delay;
    if (r.status == 429 || r.status == 503) {
        if (auto wait = retry_after(r)) {
            host.next_at = std::max(host.next_at,
                                    Clock::now() + std::min(*wait, config_.max_crawl_delay));
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

void Crawl::follow_redirect(Task task, const FetchResult& r) {
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

void Crawl::handle_robots(Host& host, const Task& task, const FetchResult& r) {
    std::string origin =
        task.url.substr(0, task.url.size() - std::string_view("/robots.txt").size());
    Site& site = sites_[origin];
    site.state = Site::State::kReady;
    site.rules = fetched_robots(store_, origin, product_token_, r);
    // An unavailable one's rules (disallow all) have no Crawl-delay and no Sitemap lines.
    apply_robots(host, site, origin, /*fetched_now=*/true);
}

void Crawl::handle_page(const Task& task, const FetchResult& r) {
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
    // As first asked for, before any redirect: what a re-check of the page requests.
    page.request_url = task.hops.empty() ? task.target : task.hops.front();
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

void Crawl::follow_links(const Task& task, const FetchResult& r) {
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

void Crawl::handle_listing(const Task& task, const FetchResult& r) {
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

}  // namespace thinkdex::crawler::detail
