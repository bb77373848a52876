#pragma once
// Query building, part 1: the filter fields of the query language (date:, after:, before:,
// site:, tag:, lang:, kind:) as Xapian field processors, and date bounds as value ranges.

#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "thinkdex/common/schema.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// Whether `s` is one or more ASCII digits.
bool all_digits(std::string_view s);

/// "20250101" -> "20250100": for the 8-character values of the date slot, `v < s` is the same
/// as `v <= predecessor(s)`.
std::string predecessor(const std::string& value);

/// Documents whose date slot lies in [from, to] (YYYYMMDD bounds; "" = open). An open lower
/// end still excludes undated documents.
Xapian::Query date_range(const std::string& from, const std::string& to);

/// The H term a site filter value selects.
std::string site_term(const std::string& site);

/// A field processor must not throw: Xapian 1.4's QueryParser frees an invalid pointer when
/// one throws inside a +/- clause ("-date:x" crashed the search). So each records its first
/// error here and returns MatchNothing, and the caller throws once parse_query() is done.
class ParseErrors {
  public:
    Xapian::Query fail(std::string message) {
        if (!first_) first_ = std::move(message);
        return Xapian::Query::MatchNothing;
    }
    /// Throws the first recorded error, as the QueryParserError the search reports.
    void rethrow() const {
        if (first_) throw Xapian::QueryParserError(*first_);
    }

  private:
    std::optional<std::string> first_;
};

/// A processor that reports its errors to `errors`, which outlives the parser.
class CheckedFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit CheckedFieldProcessor(ParseErrors& errors) : errors_(errors) {}

  protected:
    ParseErrors& errors_;
};

/// date:2024-01..2024-06, date:2024 (the whole year), date:..2024-06, date:2024-03..
class DateFieldProcessor : public CheckedFieldProcessor {
  public:
    using CheckedFieldProcessor::CheckedFieldProcessor;
    Xapian::Query operator()(const std::string& str) override {
        auto dots = str.find("..");
        std::string from = str, to = str;
        if (dots != std::string::npos) {
            from = str.substr(0, dots);
            to = str.substr(dots + 2);
            if (from.empty() && to.empty()) return errors_.fail("date:.. needs a date");
        }
        auto lower = from.empty() ? Result<std::string>("") : parse_date_bound(from, false);
        if (!lower) return errors_.fail(lower.error().message);
        auto upper = to.empty() ? Result<std::string>("") : parse_date_bound(to, true);
        if (!upper) return errors_.fail(upper.error().message);
        return date_range(*lower, *upper);
    }
};

/// after:DATE, inclusive (as in mail search): after:2024-03 is March 2024 onwards.
class AfterFieldProcessor : public CheckedFieldProcessor {
  public:
    using CheckedFieldProcessor::CheckedFieldProcessor;
    Xapian::Query operator()(const std::string& str) override {
        auto bound = parse_date_bound(str, false);
        if (!bound) return errors_.fail(bound.error().message);
        return date_range(*bound, "");
    }
};

/// before:DATE, exclusive: before:2025 ends on 2024-12-31.
class BeforeFieldProcessor : public CheckedFieldProcessor {
  public:
    using CheckedFieldProcessor::CheckedFieldProcessor;
    Xapian::Query operator()(const std::string& str) override {
        auto bound = parse_date_bound(str, false);
        if (!bound) return errors_.fail(bound.error().message);
        return date_range("", predecessor(*bound));
    }
};

/// Boolean filters whose terms are lower-cased with filter_term(): author:, tag:, lang:, site:.
class TermFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit TermFieldProcessor(std::string_view prefix, bool strip_www = false)
        : prefix_(prefix), strip_www_(strip_www) {}
    Xapian::Query operator()(const std::string& str) override {
        std::string term = thinkdex::schema::filter_term(prefix_, str);
        if (strip_www_)
            term = prefix_ + std::string(thinkdex::schema::bare_host(
                                 std::string_view(term).substr(prefix_.size())));
        return Xapian::Query(term);
    }

  private:
    std::string prefix_;
    bool strip_www_;
};

}  // namespace thinkdex::query
