#pragma once
// Publication dates as thinkdex stores them: "YYYY", "YYYY-MM" or "YYYY-MM-DD".

#include <string_view>

namespace thinkdex {

/// True when `date` is "YYYY", "YYYY-MM" or "YYYY-MM-DD" naming a real year, month or day
/// ("2024-02-29" is one, "2023-02-29" and "2024-13" are not).
bool is_calendar_date(std::string_view date);

}  // namespace thinkdex
