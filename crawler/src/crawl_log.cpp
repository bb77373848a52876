#include "crawl_log.hpp"

#include <spdlog/spdlog.h>

#include <string>

namespace thinkdex::crawler {

void log_progress(const CrawlStats& stats, std::int64_t queued, double seconds) {
    std::size_t skipped = 0;
    for (const auto& [reason, n] : stats.skipped) skipped += n;
    spdlog::info(
        "progress: {} fetched, {} new, {} changed, {} unchanged, {} not due, {} skipped, "
        "{} failed, {} queued, {:.1f} pages/s",
        stats.fetched, stats.new_pages, stats.changed, stats.unchanged, stats.not_due, skipped,
        stats.failed, queued, seconds > 0 ? static_cast<double>(stats.fetched) / seconds : 0.0);
}

void log_summary(const CrawlStats& stats, bool partitioned) {
    std::string skipped;
    std::size_t total = 0;
    for (const auto& [reason, n] : stats.skipped) {
        skipped += (skipped.empty() ? "" : ", ") + reason + " " + std::to_string(n);
        total += n;
    }
    spdlog::info(
        "crawl done: {} fetched, {} new, {} changed, {} unchanged, {} not due, {} gone, "
        "{} failed, {} skipped{}{}{}",
        stats.fetched, stats.new_pages, stats.changed, stats.unchanged, stats.not_due, stats.gone,
        stats.failed, total, skipped.empty() ? "" : " (", skipped, skipped.empty() ? "" : ")");
    if (partitioned) {
        spdlog::info("partition: {} link(s) handed to other partitions, {} taken from theirs",
                     stats.handed_over, stats.taken_over);
    }
}

}  // namespace thinkdex::crawler
