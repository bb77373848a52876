#pragma once
// An origin's robots.txt rules through the store: its copy of the last 24 hours, or the answer
// just fetched, which is stored for the next runs.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fetcher.hpp"
#include "robots.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::crawler {

/// RFC 9309 section 2.4: a robots.txt may be cached for up to 24 hours.
constexpr std::int64_t kRobotsCacheSeconds = 24 * 3600;

/// The rules for `product_token` of the store's copy of `origin`'s robots.txt ("https://host"
/// or with a port), when it is less than kRobotsCacheSeconds old; nothing otherwise.
std::optional<RobotsRules> stored_robots(const store::CrawlStore& store, const std::string& origin,
                                         std::string_view product_token);

/// The rules of the answer `r` to `origin`'s robots.txt request, stored with it: a 2xx
/// answer's rules, none for a 4xx. An unreachable one (network error, 5xx, 429) disallows the
/// whole site (RFC 9309 2.3.1.4) and is not stored, so that the next run asks again.
RobotsRules fetched_robots(store::CrawlStore& store, const std::string& origin,
                           std::string_view product_token, const FetchResult& r);

}  // namespace thinkdex::crawler
