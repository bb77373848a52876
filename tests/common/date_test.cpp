#include "thinkdex/common/date.hpp"

#include <gtest/gtest.h>

namespace thinkdex {
namespace {

TEST(IsCalendarDate, RealYearsMonthsAndDaysOnly) {
    for (const char* good : {"2024", "2024-02", "2024-02-29", "2000-02-29", "1999-12-31"})
        EXPECT_TRUE(is_calendar_date(good)) << good;
    for (const char* bad : {"", "yesterday", "24", "2024-13", "2024-00", "2024-13-01",
                            "2024-02-30", "2023-02-29", "1900-02-29", "2024-04-31", "2024-1-01",
                            "2024/01/01", "2024-01-00", "2024-01-01T10", "２０２４"})
        EXPECT_FALSE(is_calendar_date(bad)) << bad;
}

}  // namespace
}  // namespace thinkdex
