#include "thinkdex/common/date.hpp"

#include <chrono>
#include <cstddef>

namespace thinkdex {

namespace {

/// The number written by the digits date[from, from + n), or -1 when one is not a digit.
int digits(std::string_view date, std::size_t from, std::size_t n) {
    int value = 0;
    for (char c : date.substr(from, n)) {
        if (c < '0' || c > '9') return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

bool is_calendar_date(std::string_view date) {
    if (date.size() != 4 && date.size() != 7 && date.size() != 10) return false;
    const int year = digits(date, 0, 4);
    if (year < 0) return false;
    if (date.size() == 4) return true;
    const int month = digits(date, 5, 2);
    if (date[4] != '-' || month < 1 || month > 12) return false;
    if (date.size() == 7) return true;
    const int day = digits(date, 8, 2);
    if (date[7] != '-' || day < 1) return false;
    using namespace std::chrono;
    return year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                          std::chrono::day{static_cast<unsigned>(day)}}
        .ok();
}

}  // namespace thinkdex
