#include "robots_cache.hpp"

#include <spdlog/spdlog.h>

#include "revisit.hpp"  // unix_now()

namespace thinkdex::crawler {

std::optional<RobotsRules> stored_robots(const store::CrawlStore& store, const std::string& origin,
                                         std::string_view product_token) {
    auto entry = store.get_robots(origin);
    std::int64_t age = entry ? unix_now() - entry->fetched_at : 0;
    if (!entry || age < 0 || age >= kRobotsCacheSeconds) return std::nullopt;
    spdlog::debug("robots.txt of {}: cached {} s ago (HTTP {})", origin, age, entry->status);
    return entry->status / 100 == 2 ? RobotsRules::parse(entry->body, product_token)
                                    : RobotsRules::allow_all();
}

RobotsRules fetched_robots(store::CrawlStore& store, const std::string& origin,
                           std::string_view product_token, const FetchResult& r) {
    if (!r.error.empty() || r.status >= 500 || r.status == 429) {
        spdlog::warn("robots.txt of {} unavailable ({}): not crawling that site in this run", origin,
                     r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error_message);
        return RobotsRules::disallow_all();
    }
    store::RobotsEntry entry{r.status, {}, unix_now()};
    RobotsRules rules = RobotsRules::allow_all();  // 4xx: no robots.txt, no rules
    if (r.status / 100 == 2) {
        if (r.truncated) {
            spdlog::info("robots.txt of {} is larger than {} bytes: reading the first {}",
                         origin, kMaxRobotsBytes, kMaxRobotsBytes);
        }
        entry.body = robots_parse_window(r.body);
        rules = RobotsRules::parse(entry.body, product_token);
    }
    store.put_robots(origin, entry);
    return rules;
}

}  // namespace thinkdex::crawler
