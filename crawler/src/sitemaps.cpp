#include "sitemaps.hpp"

#include <spdlog/spdlog.h>

#include <utility>

#include "thinkdex/common/gzip.hpp"

namespace thinkdex::crawler {

namespace {

Result<std::string> body_of(const std::string& url, const FetchResult& r) {
    if (r.status / 100 != 2) {
        return std::unexpected(Error{"http-" + std::to_string(r.status), ""});
    }
    if (!is_gzip(r.body)) return r.body;
    auto xml = gunzip(r.body, kMaxSitemapBytes);
    if (!xml) return std::unexpected(Error{"gzip", url + ": " + xml.error().message});
    return xml;
}

}  // namespace

Result<Sitemap> read_sitemap(const std::string& url, const FetchResult& r) {
    auto xml = body_of(url, r);
    if (!xml) return std::unexpected(xml.error());
    auto sitemap = parse_sitemap(*xml);
    if (!sitemap) return std::unexpected(Error{"sitemap", sitemap.error().message});
    spdlog::info("sitemap {}: {} URL(s), {} sitemap(s)", url, sitemap->urls.size(),
                 sitemap->sitemaps.size());
    return sitemap;
}

Result<Sitemap> read_feed(const std::string& url, const FetchResult& r) {
    auto xml = body_of(url, r);
    if (!xml) return std::unexpected(xml.error());
    auto items = parse_feed(*xml);
    if (!items) return std::unexpected(Error{"feed", items.error().message});
    spdlog::info("feed {}: {} item(s)", url, items->size());
    Sitemap feed;
    for (auto& link : *items) feed.urls.push_back({std::move(link), {}});
    return feed;
}

bool unchanged_since_fetch(store::CrawlStore& store, const RevisitSchedule& revisit,
                           const std::string& url, const std::string& lastmod) {
    auto modified = parse_lastmod(lastmod);
    if (!modified) return false;
    auto old = store.page_state(url);
    if (!old || old->gone) return false;
    if (old->fetched_at < *modified) {
        if (old->next_visit > unix_now()) store.reschedule(url, old->revisit_interval, 0);
        return false;
    }
    if (!store.enqueue(url, 0)) return false;
    store.finish(url);
    if (old->next_visit <= unix_now()) {
        auto [interval, next] = revisit.next(old, Change::kUnchanged);
        store.reschedule(url, interval, next);
    }
    spdlog::debug("unchanged {} (sitemap lastmod {})", url, lastmod);
    return true;
}

}  // namespace thinkdex::crawler
