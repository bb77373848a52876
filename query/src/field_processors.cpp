#include "field_processors.hpp"

#include <algorithm>
#include <cctype>

namespace thinkdex::query {

namespace schema = thinkdex::schema;

namespace {

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string two_digits(int n) {
    return std::string{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
}

}  // namespace

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string predecessor(const std::string& value) {
    long n = std::stol(value) - 1;
    std::string out = std::to_string(n < 0 ? 0 : n);
    return std::string(value.size() > out.size() ? value.size() - out.size() : 0, '0') + out;
}

Xapian::Query date_range(const std::string& from, const std::string& to) {
    // "0" as the open lower end still excludes documents without a date (empty value).
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate,
                         from.empty() ? std::string("0") : from,
                         to.empty() ? std::string("99999999") : to);
}

std::string site_term(const std::string& site) {
    std::string term = schema::filter_term(schema::kSite, site);
    return std::string(schema::kSite) +
           std::string(schema::bare_host(std::string_view(term).substr(schema::kSite.size())));
}

Result<std::string> parse_date_bound(const std::string& date, bool end) {
    auto bad = [&](const std::string& why) -> Result<std::string> {
        return std::unexpected(Error{"date", "bad date '" + date + "': " + why});
    };
    const std::string expected = "expected YYYY, YYYY-MM or YYYY-MM-DD";
    if (date.size() != 4 && date.size() != 7 && date.size() != 10) return bad(expected);
    if (!all_digits(std::string_view(date).substr(0, 4))) return bad(expected);
    int year = std::stoi(date.substr(0, 4));
    if (date.size() == 4) return date + (end ? "1231" : "0000");
    if (date[4] != '-' || !all_digits(std::string_view(date).substr(5, 2))) return bad(expected);
    int month = std::stoi(date.substr(5, 2));
    if (month < 1 || month > 12) return bad("no month " + date.substr(5, 2));
    std::string ym = date.substr(0, 4) + date.substr(5, 2);
    if (date.size() == 7) return ym + (end ? two_digits(days_in_month(year, month)) : "00");
    if (date[7] != '-' || !all_digits(std::string_view(date).substr(8, 2))) return bad(expected);
    int day = std::stoi(date.substr(8, 2));
    if (day < 1 || day > days_in_month(year, month))
        return bad("no day " + date.substr(8, 2) + " in that month");
    return ym + date.substr(8, 2);
}

}  // namespace thinkdex::query
