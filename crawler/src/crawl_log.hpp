#pragma once
// The crawl's progress and summary lines (info level): what a person watching the log sees.

#include <cstdint>

#include "thinkdex/crawler/crawler.hpp"

namespace thinkdex::crawler {

/// "progress: ... fetched, ..., {queued} queued, {rate} pages/s" after `seconds` of crawling.
void log_progress(const CrawlStats& stats, std::int64_t queued, double seconds);

/// "crawl done: ..." with the skips by reason, and for a partitioned crawl the links handed
/// over and taken over.
void log_summary(const CrawlStats& stats, bool partitioned);

}  // namespace thinkdex::crawler
