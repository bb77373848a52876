#pragma once
// When a stored page is due again: the adaptive revisit schedule, shared by pages fetched and
// by pages a sitemap says are unchanged.

#include <chrono>
#include <cstdint>
#include <optional>
#include <utility>

#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::crawler {

/// Unix time now, the clock of the store's fetch and visit times.
std::int64_t unix_now();

/// What a fetch found compared with the stored copy.
enum class Change { kNew, kChanged, kUnchanged };

/// A page that changed is visited twice as often, one that did not half as often, within
/// [min, max]. The interval counts from the start of the run, less a sixteenth, so that a
/// nightly run that starts a few minutes early does not find the page fetched late the night
/// before not quite due.
class RevisitSchedule {
  public:
    RevisitSchedule(std::chrono::hours min, std::chrono::hours max, std::int64_t run_started);

    /// The interval and the next visit (Unix time) of a page whose stored copy was `old`
    /// (none: a new page; a gone one counts as new).
    std::pair<std::int64_t, std::int64_t> next(const std::optional<store::PageState>& old,
                                               Change change) const;

  private:
    std::int64_t min_;  ///< seconds
    std::int64_t max_;  ///< seconds
    std::int64_t run_started_;
};

}  // namespace thinkdex::crawler
