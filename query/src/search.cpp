#include "thinkdex/query/search.hpp"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include "thinkdex/common/schema.hpp"

namespace thinkdex::query {

namespace {

namespace schema = thinkdex::schema;

// Match markers for MSet::snippet: control characters that never survive in indexed text
// (they are removed from it first), so splitting on them is unambiguous.
constexpr std::string_view kMarkStart = "\x01";
constexpr std::string_view kMarkEnd = "\x02";
constexpr std::size_t kSnippetBytes = 300;
// Wildcards expand to at most this many terms (the most frequent ones), so `a*` stays fast.
constexpr Xapian::termcount kMaxWildcardTerms = 500;

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string two_digits(int n) {
    return std::string{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
}

/// "20250101" -> "20241231"-like predecessor as an 8-digit string ("20250100"): for the
/// 8-character values of the date slot, `v < s` is the same as `v <= predecessor(s)`.
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

std::string bound_or_throw(const std::string& date, bool end) {
    auto bound = parse_date_bound(date, end);
    if (!bound) throw Xapian::QueryParserError(bound.error().message);
    return *bound;
}

/// date:2024-01..2024-06, date:2024 (the whole year), date:..2024-06, date:2024-03..
class DateFieldProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& str) override {
        auto dots = str.find("..");
        if (dots == std::string::npos)
            return date_range(bound_or_throw(str, false), bound_or_throw(str, true));
        std::string from = str.substr(0, dots), to = str.substr(dots + 2);
        if (from.empty() && to.empty()) throw Xapian::QueryParserError("date:.. needs a date");
        return date_range(from.empty() ? "" : bound_or_throw(from, false),
                          to.empty() ? "" : bound_or_throw(to, true));
    }
};

/// after:DATE, inclusive (as in mail search): after:2024-03 is March 2024 onwards.
class AfterFieldProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& str) override {
        return date_range(bound_or_throw(str, false), "");
    }
};

/// before:DATE, exclusive: before:2025 ends on 2024-12-31.
class BeforeFieldProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& str) override {
        return date_range("", predecessor(bound_or_throw(str, false)));
    }
};

/// Boolean filters whose terms are lower-cased with filter_term(): author:, tag:, lang:, site:.
class TermFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit TermFieldProcessor(std::string_view prefix, bool strip_www = false)
        : prefix_(prefix), strip_www_(strip_www) {}
    Xapian::Query operator()(const std::string& str) override {
        std::string term = schema::filter_term(prefix_, str);
        if (strip_www_ && std::string_view(term).substr(prefix_.size()).starts_with("www."))
            term.erase(prefix_.size(), 4);
        return Xapian::Query(term);
    }

  private:
    std::string prefix_;
    bool strip_www_;
};

/// Sort key for oldest first: the date, with undated documents last instead of first.
class OldestFirstKey : public Xapian::KeyMaker {
  public:
    std::string operator()(const Xapian::Document& doc) const override {
        std::string date = doc.get_value(schema::kSlotDate);
        return date.empty() ? std::string("~") : date;
    }
};

/// Counts author and year over every document the match sees. Authors are keyed by their
/// filter term, so that each count is exactly what the author filter returns; the first
/// display form seen is shown.
class FacetSpy : public Xapian::MatchSpy {
  public:
    struct Count {
        std::string display;
        std::size_t count = 0;
    };
    std::unordered_map<std::string, Count> authors;
    std::unordered_map<std::string, Count> years;

    void operator()(const Xapian::Document& doc, double) override {
        std::string joined = doc.get_value(schema::kSlotAuthors);
        std::string_view rest(joined);
        while (!rest.empty()) {
            auto sep = rest.find(schema::kListSeparator);
            std::string_view name = rest.substr(0, sep);
            if (!name.empty()) {
                auto& c = authors[schema::filter_term(schema::kAuthor, name)];
                if (c.count++ == 0) c.display = name;
            }
            if (sep == std::string_view::npos) break;
            rest.remove_prefix(sep + 1);
        }
        std::string year = doc.get_value(schema::kSlotYear);
        if (!year.empty()) {
            auto& c = years[year];
            if (c.count++ == 0) c.display = year;
        }
    }
};

std::vector<FacetValue> top(const std::unordered_map<std::string, FacetSpy::Count>& counts,
                            std::size_t limit) {
    std::vector<FacetValue> values;
    values.reserve(counts.size());
    for (const auto& [key, c] : counts) values.push_back({c.display, c.count});
    std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (values.size() > limit) values.resize(limit);
    return values;
}

/// Undoes the HTML escaping MSet::snippet applies, since each renderer escapes for its own
/// context.
std::string unescape_snippet(std::string_view s) {
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool replaced = false;
        if (s[i] == '&') {
            for (const auto& [entity, c] : kEntities) {
                if (s.substr(i).starts_with(entity)) {
                    out.push_back(c);
                    i += entity.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out.push_back(s[i++]);
    }
    return out;
}

std::vector<SnippetPart> split_snippet(std::string_view marked) {
    std::vector<SnippetPart> parts;
    bool match = false;
    while (!marked.empty()) {
        auto marker = marked.find(match ? kMarkEnd : kMarkStart);
        std::string_view piece = marked.substr(0, marker);
        if (!piece.empty()) parts.push_back({unescape_snippet(piece), match});
        if (marker == std::string_view::npos) break;
        marked.remove_prefix(marker + 1);
        match = !match;
    }
    return parts;
}

std::string strip_markers(std::string text) {
    std::replace_if(
        text.begin(), text.end(),
        [](char c) { return c == kMarkStart[0] || c == kMarkEnd[0]; }, ' ');
    return text;
}

std::vector<std::string> string_list(const nlohmann::json& data, const char* key) {
    std::vector<std::string> out;
    auto it = data.find(key);
    if (it == data.end() || !it->is_array()) return out;
    for (const auto& item : *it)
        if (item.is_string()) out.push_back(item.get<std::string>());
    return out;
}

std::string string_field(const nlohmann::json& data, const char* key) {
    auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

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

struct Searcher::Impl {
    std::filesystem::path path;
    Xapian::Database db;
    Xapian::Stem stemmer;

    Result<SearchResult> run(const SearchRequest& request, const Xapian::Query& filter);
};

Searcher::Searcher(const std::filesystem::path& path) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    try {
        impl_->db = Xapian::Database(path.string());
        std::string language = impl_->db.get_metadata(std::string(schema::kMetaLanguage));
        if (language.empty()) language = "english";
        if (language != "none") impl_->stemmer = Xapian::Stem(language);
    } catch (const Xapian::Error& e) {
        throw Fatal("cannot open index '" + path.string() + "': " + e.get_description());
    }
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

std::uint32_t Searcher::doc_count() const {
    try {
        return impl_->db.get_doccount();
    } catch (const Xapian::Error& e) {
        throw Fatal("cannot read index '" + impl_->path.string() + "': " + e.get_description());
    }
}

Result<SearchResult> Searcher::search(const SearchRequest& request) {
    std::string since, until;
    if (!request.since.empty()) {
        auto bound = parse_date_bound(request.since, false);
        if (!bound) return std::unexpected(bound.error());
        since = *bound;
    }
    if (!request.until.empty()) {
        auto bound = parse_date_bound(request.until, true);
        if (!bound) return std::unexpected(bound.error());
        until = *bound;
    }
    if (!since.empty() && !until.empty() && since > until)
        return std::unexpected(Error{"date", "the start date '" + request.since +
                                                 "' is after the end date '" + request.until +
                                                 "'"});

    // Filters: values of one facet combine with OR, different facets with AND.
    std::vector<Xapian::Query> filters;
    auto any_of = [](const std::vector<std::string>& values, auto to_term) {
        std::vector<Xapian::Query> terms;
        for (const auto& v : values)
            if (!v.empty()) terms.emplace_back(to_term(v));
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    };
    Xapian::Query authors = any_of(request.authors, [](const std::string& a) {
        return schema::filter_term(schema::kAuthor, a);
    });
    if (!authors.empty()) filters.push_back(authors);
    Xapian::Query years = any_of(request.years, [](const std::string& y) {
        return std::string(schema::kYear) + y;
    });
    if (!years.empty()) filters.push_back(years);
    if (!since.empty() || !until.empty()) filters.push_back(date_range(since, until));
    Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());

    for (int attempt = 0;; ++attempt) {
        try {
            return impl_->run(request, filter);
        } catch (const Xapian::DatabaseModifiedError& e) {
            // The indexer committed twice while we read: reopen at the latest revision.
            if (attempt > 0)
                throw Fatal("cannot search index '" + impl_->path.string() +
                            "': " + e.get_description());
            spdlog::debug("index changed during search; reopening");
            impl_->db.reopen();
        } catch (const Xapian::QueryParserError& e) {
            return std::unexpected(
                Error{"query", "cannot understand the query '" + request.query + "': " +
                                   e.get_msg()});
        } catch (const Xapian::Error& e) {
            throw Fatal("cannot search index '" + impl_->path.string() +
                        "': " + e.get_description());
        }
    }
}

Result<SearchResult> Searcher::Impl::run(const SearchRequest& request,
                                         const Xapian::Query& filter) {
    const auto start = std::chrono::steady_clock::now();
    SearchResult result;
    result.query = request.query;
    result.offset = request.offset;
    result.limit = request.limit;

    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    // OR ranks by BM25 over every query word, which measures better than AND; phrases, +/-
    // and explicit AND are there when a user wants precision.
    parser.set_default_op(Xapian::Query::OP_OR);
    parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_WILDCARD);
    parser.add_prefix("title", std::string(schema::kTitle));
    parser.add_prefix("author", std::string(schema::kAuthorText));
    parser.add_boolean_prefix("site", (new TermFieldProcessor(schema::kSite, true))->release());
    parser.add_boolean_prefix("tag", (new TermFieldProcessor(schema::kTag))->release());
    parser.add_boolean_prefix("lang", (new TermFieldProcessor(schema::kLanguage))->release());
    parser.add_boolean_prefix("date", (new DateFieldProcessor)->release());
    parser.add_boolean_prefix("after", (new AfterFieldProcessor)->release());
    parser.add_boolean_prefix("before", (new BeforeFieldProcessor)->release());

    Xapian::Query query = Xapian::Query::MatchAll;
    if (request.query.find_first_not_of(" \t\r\n") != std::string::npos) {
        const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT |
                               Xapian::QueryParser::FLAG_WILDCARD |
                               Xapian::QueryParser::FLAG_PURE_NOT |
                               Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
        query = parser.parse_query(request.query, flags);
        result.corrected_query = parser.get_corrected_query_string();
    }
    if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    // A query of filters alone has no ranking, so newest first is the useful order.
    bool unranked = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
    SortOrder sort = request.sort == SortOrder::kRelevance && unranked ? SortOrder::kNewest
                                                                        : request.sort;
    if (sort == SortOrder::kNewest)
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
    else if (sort == SortOrder::kOldest)
        enquire.set_sort_by_key_then_relevance((new OldestFirstKey)->release(), false);

    FacetSpy spy;
    if (request.facets) enquire.add_matchspy(&spy);
    // With facets, checkatleast = every document: the match visits all of them, so the total
    // and every facet count are exact.
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                         static_cast<Xapian::doccount>(request.limit),
                                         request.facets ? db.get_doccount() : 0);
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    if (request.facets) {
        result.facets["author"] = top(spy.authors, request.facet_limit);
        result.facets["year"] = top(spy.years, request.facet_limit);
    }

    std::size_t rank = request.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Xapian::Document doc = it.get_document();
        Hit hit;
        hit.rank = ++rank;
        hit.score = it.get_weight();
        nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
        if (data.is_discarded() || !data.is_object()) data = nlohmann::json::object();
        hit.id = string_field(data, "id");
        hit.url = string_field(data, "url");
        hit.title = string_field(data, "title");
        hit.authors = string_list(data, "authors");
        hit.published = string_field(data, "published");
        hit.site = string_field(data, "site");
        if (request.snippets) {
            std::string text = string_field(data, "body");
            if (text.empty()) text = string_field(data, "summary");
            std::string marked = mset.snippet(
                strip_markers(std::move(text)), kSnippetBytes, stemmer,
                Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                std::string(kMarkStart), std::string(kMarkEnd), "…");
            hit.snippet = split_snippet(marked);
        }
        result.hits.push_back(std::move(hit));
    }
    result.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count();
    return result;
}

}  // namespace thinkdex::query
