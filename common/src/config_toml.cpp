#include "thinkdex/common/config_toml.hpp"

#include <sstream>

#include <toml++/toml.h>

namespace thinkdex {

namespace {

toml::array strings(const std::vector<std::string>& values) {
    toml::array out;
    for (const auto& v : values) out.push_back(v);
    return out;
}

std::int64_t number(std::size_t value) { return static_cast<std::int64_t>(value); }

toml::table crawl_table(const CrawlConfig& c) {
    toml::array sources;
    for (const auto& s : c.sources) {
        sources.push_back(toml::table{{"name", s.name},
                                      {"seed", s.seed},
                                      {"feeds", strings(s.feeds)},
                                      {"sitemaps", strings(s.sitemaps)}});
    }
    return toml::table{
        {"user_agent", c.user_agent},
        {"contact_url", c.contact_url},
        {"scope", c.scope},
        {"max_pages", number(c.max_pages)},
        {"max_depth", number(c.max_depth)},
        {"delay_ms", static_cast<std::int64_t>(c.delay.count())},
        {"max_crawl_delay_ms", static_cast<std::int64_t>(c.max_crawl_delay.count())},
        {"connect_timeout_s", static_cast<std::int64_t>(c.connect_timeout.count())},
        {"timeout_s", static_cast<std::int64_t>(c.timeout.count())},
        {"first_byte_timeout_s", static_cast<std::int64_t>(c.first_byte_timeout.count())},
        {"revisit_min_hours", static_cast<std::int64_t>(c.revisit_min.count())},
        {"revisit_max_hours", static_cast<std::int64_t>(c.revisit_max.count())},
        {"max_body_bytes", number(c.max_body_bytes)},
        {"max_redirects", number(c.max_redirects)},
        {"obey_robots", c.obey_robots},
        {"follow_nofollow", c.follow_nofollow},
        {"max_pdf_bytes", number(c.max_pdf_bytes)},
        {"pdf_other_hosts", c.pdf_other_hosts},
        {"sources", std::move(sources)},
    };
}

}  // namespace

std::string to_toml(const Config& config) {
    toml::table synonyms;
    for (const auto& group : config.search.synonyms) {
        if (group.empty()) continue;
        synonyms.insert(group.front(),
                        strings(std::vector<std::string>(group.begin() + 1, group.end())));
    }
    toml::table search{{"limit", number(config.search.limit)},
                       {"facet_limit", number(config.search.facet_limit)},
                       {"recency_half_life_days", number(config.search.recency_half_life_days)},
                       {"ranking", config.search.ranking}};
    // toml++ writes an empty table as a bare, indented header: leave it out instead.
    if (!synonyms.empty()) search.insert("synonyms", std::move(synonyms));
    toml::table root{
        {"data_dir", config.data_dir.string()},
        {"crawl", crawl_table(config.crawl)},
        {"index", toml::table{{"language", config.index.language},
                              {"threads", number(config.index.threads)},
                              {"shards", strings(config.index.shards)},
                              {"shard_timeout_ms", number(config.index.shard_timeout.count())},
                              {"spelling", config.index.spelling}}},
        {"search", std::move(search)},
        {"cgi", toml::table{{"stylesheet", config.cgi.stylesheet},
                            {"base_url", config.cgi.base_url}}},
        {"log", toml::table{{"level", config.log.level}, {"file", config.log.file}}},
    };
    std::ostringstream out;
    out << root << "\n";
    return out.str();
}

}  // namespace thinkdex
