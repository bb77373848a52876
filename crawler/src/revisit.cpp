#include "revisit.hpp"

#include <algorithm>

namespace thinkdex::crawler {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

namespace {

std::int64_t seconds(std::chrono::hours h) {
    return std::chrono::duration_cast<std::chrono::seconds>(h).count();
}

}  // namespace

RevisitSchedule::RevisitSchedule(std::chrono::hours min, std::chrono::hours max,
                                 std::int64_t run_started)
    : min_(seconds(min)), max_(seconds(max)), run_started_(run_started) {}

std::pair<std::int64_t, std::int64_t> RevisitSchedule::next(
    const std::optional<store::PageState>& old, Change change) const {
    std::int64_t interval = min_;
    if (old && !old->gone && change == Change::kChanged) interval = old->revisit_interval / 2;
    if (old && !old->gone && change == Change::kUnchanged) interval = old->revisit_interval * 2;
    interval = std::clamp(interval, min_, std::max(min_, max_));
    return {interval, run_started_ + interval - interval / 16};
}

}  // namespace thinkdex::crawler
