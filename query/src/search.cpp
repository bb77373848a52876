#include "thinkdex/query/search.hpp"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cstdlib>
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


// Ranking. Each setting was measured by nDCG@10 on Cranfield and the SciFact train queries
// (scripts/bench_ranking.sh; figures in the README's "Ranking" section). Gains there are
// small, so the values are round ones that help Cranfield without costing SciFact, not the
// best point of a fine grid.
//
// Feedback: the top kFeedbackDocs results vote for expansion words; a word must occur in
// kFeedbackMinDocs of them, since words from one document drag the ranking towards it
// (SciFact, with one or two relevant documents a query, loses 0.02-0.04 without this and
// with stronger weights).
constexpr Xapian::doccount kFeedbackDocs = 3;
constexpr unsigned kFeedbackMinDocs = 2;
constexpr Xapian::termcount kFeedbackTerms = 10;
constexpr double kFeedbackWeight = 0.1;
// Adjacent query words within this many positions of each other add kProximityWeight times
// their weight once more.
constexpr Xapian::termcount kProximityWindow = 8;
constexpr double kProximityWeight = 0.1;
// Query words found in the title field add this fraction of their title weight (a BM25F-like
// nudge on top of the title's higher wdf in the body).
constexpr double kTitleWeight = 0.2;
// Proximity and title boosts are skipped for queries with more distinct words than this
// (wildcard expansions), where they would only cost time.
constexpr std::size_t kMaxBoostTerms = 32;

/// The Snowball project's English stop word list (without its contractions).
const Xapian::SimpleStopper& stopper() {
    static const char* const kWords[] = {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
        "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
        "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
        "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be",
        "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "would",
        "should", "could", "ought", "a", "an", "the", "and", "but", "if", "or", "because", "as",
        "until", "while", "of", "at", "by", "for", "with", "about", "against", "between", "into",
        "through", "during", "before", "after", "above", "below", "to", "from", "up", "down",
        "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here",
        "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more",
        "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than",
        "too", "very"};
    static const Xapian::SimpleStopper kStopper(std::begin(kWords), std::end(kWords));
    return kStopper;
}

bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

bool word_byte(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

/// "Aspirin inhibits PrP" -> "aspirin inhibits PrP": words written with a capital initial
/// and lower-case ASCII letters after it lose the capital; other words are kept as typed.
std::string lower_capitalised_words(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size();) {
        if (!word_byte(out[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < out.size() && word_byte(out[end])) ++end;
        bool starts_word = i == 0 || std::isspace(static_cast<unsigned char>(out[i - 1])) ||
                           out[i - 1] == '(' || out[i - 1] == '"' || out[i - 1] == '+';
        bool capitalised = out[i] >= 'A' && out[i] <= 'Z' &&
                           std::all_of(out.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                       out.begin() + static_cast<std::ptrdiff_t>(end), ascii_lower);
        // "Title:" stays as typed: field prefixes are case-sensitive.
        bool field = end < out.size() && out[end] == ':';
        if (starts_word && capitalised && !field) out[i] = static_cast<char>(out[i] - 'A' + 'a');
        i = end;
    }
    return out;
}

std::unique_ptr<Xapian::Weight> make_weight(const RankingOptions& ranking) {
    if (ranking.weighting == "bm25")
        return std::make_unique<Xapian::BM25Weight>(ranking.bm25_k1, 0, 1, ranking.bm25_b, 0.5);
    return std::make_unique<Xapian::IneB2Weight>();
}

/// The single-word terms of a bag_of_words() query, in query order, without the words of
/// its phrases: a boost on a phrase's words could match documents the phrase does not.
void bag_words(const Xapian::Query& query, std::vector<std::string>& out) {
    if (query.get_type() == Xapian::Query::LEAF_TERM) {
        out.push_back(*query.get_terms_begin());
    } else if (query.get_type() == Xapian::Query::OP_OR) {
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
            bag_words(query.get_subquery(i), out);
    }
}

/// Adjacent non-stop words of the query (outside phrases), each pair as a NEAR query, from
/// the query parsed without stemming (stemmed terms carry no positions in the index).
Xapian::Query proximity_query(Xapian::QueryParser& parser, const std::string& text,
                              unsigned flags) {
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    Xapian::Query parsed = parser.parse_query(text, flags);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    std::vector<std::string> words, sequence;
    bag_words(parsed, words);
    for (const std::string& term : words) {
        // Unprefixed words only (prefixed terms start with an upper-case letter).
        if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) continue;
        if (stopper()(term) || (!sequence.empty() && sequence.back() == term)) continue;
        sequence.push_back(term);
    }
    if (sequence.size() < 2 || sequence.size() > kMaxBoostTerms) return {};
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 0; i + 1 < sequence.size(); ++i) {
        Xapian::Query pair[] = {Xapian::Query(sequence[i]), Xapian::Query(sequence[i + 1])};
        pairs.emplace_back(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair),
                           kProximityWindow);
    }
    return Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
}

/// Whether `query` is words (and "hyphenated-words", parsed as phrases) combined with OR:
/// no AND, NOT, +/- or field restriction that boosts could widen.
bool bag_of_words(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
        case Xapian::Query::OP_PHRASE:
            return true;
        case Xapian::Query::OP_OR:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
                if (!bag_of_words(query.get_subquery(i))) return false;
            return true;
        default:
            return false;
    }
}

/// The query's free-text words as title-field terms ("Zwar" -> "ZSwar", "war" -> "Swar").
Xapian::Query title_query(const Xapian::Query& query) {
    std::vector<std::string> words;
    bag_words(query, words);
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    std::vector<Xapian::Query> terms;
    for (const std::string& term : words) {
        if (term.size() > 1 && term[0] == 'Z' && !std::isupper(static_cast<unsigned char>(term[1])))
            terms.emplace_back("Z" + std::string(schema::kTitle) + term.substr(1));
        else if (!term.empty() && !std::isupper(static_cast<unsigned char>(term[0])))
            terms.emplace_back(std::string(schema::kTitle) + term);
    }
    if (terms.size() > kMaxBoostTerms) return {};
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

/// Expansion words for feedback: stemmed unprefixed words ("Z" + stem) of three letters or
/// more, no digits, no stop words, found in at least kFeedbackMinDocs feedback documents.
class FeedbackDecider : public Xapian::ExpandDecider {
  public:
    explicit FeedbackDecider(const Xapian::MSet& top) {
        for (auto it = top.begin(); it != top.end(); ++it) {
            Xapian::Document doc = it.get_document();
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
                if ((*t).starts_with('Z')) ++doc_counts_[*t];
        }
    }
    bool operator()(const std::string& term) const override {
        if (term.size() < 4 || term[0] != 'Z') return false;
        if (!std::all_of(term.begin() + 1, term.end(), ascii_lower)) return false;
        if (stopper()(term.substr(1))) return false;
        auto it = doc_counts_.find(term);
        return it != doc_counts_.end() && it->second >= kFeedbackMinDocs;
    }

  private:
    std::unordered_map<std::string, unsigned> doc_counts_;
};

/// `query` with the feedback words of its top results, at kFeedbackWeight times their
/// relative expansion weight; `query` itself when there is nothing to add. Ranking only:
/// the expansion is AND_MAYBE'd, so the matching set (and facet counts) stay the query's
/// (measured the same as OR on both collections).
Xapian::Query with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query) {
    Xapian::MSet top = enquire.get_mset(0, kFeedbackDocs);
    if (top.empty()) return query;
    Xapian::RSet rset;
    for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
    FeedbackDecider decider(top);
    Xapian::ESet eset = enquire.get_eset(kFeedbackTerms, rset, &decider);
    if (eset.empty()) return query;
    const double max_weight = eset.begin().get_weight();
    std::vector<Xapian::Query> terms;
    for (auto e = eset.begin(); e != eset.end(); ++e)
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*e),
                           max_weight > 0 ? e.get_weight() / max_weight : 1.0);
    return Xapian::Query(
        Xapian::Query::OP_AND_MAYBE, query,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                      kFeedbackWeight));
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

RankingOptions RankingOptions::plain() {
    RankingOptions plain;
    plain.weighting = "bm25";
    plain.refine_query = false;
    plain.feedback = false;
    return plain;
}

struct Searcher::Impl {
    std::filesystem::path path;
    Xapian::Database db;
    Xapian::Stem stemmer;
    RankingOptions ranking;

    Result<SearchResult> run(const SearchRequest& request, const Xapian::Query& filter);
};

Searcher::Searcher(const std::filesystem::path& path, RankingOptions ranking)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    if (const char* env = std::getenv("THINKDEX_RANKING"); env && *env) {
        if (std::string_view(env) == "plain") ranking = RankingOptions::plain();
        else if (std::string_view(env) != "default")
            throw ConfigError("THINKDEX_RANKING must be 'plain' or 'default', not '" +
                              std::string(env) + "'");
    }
    if (ranking.weighting != "ineb2" && ranking.weighting != "bm25")
        throw ConfigError("unknown weighting '" + ranking.weighting + "': use ineb2 or bm25");
    impl_->ranking = std::move(ranking);
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
    const bool refine = ranking.refine_query;
    if (refine) parser.set_stopper(&stopper());
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
        // STEM_SOME leaves capitalised words unstemmed, so "Aspirin inhibits" would not
        // match "aspirins"; acronyms and mixed case ("SIDS", "PrP") stay exact.
        const std::string text =
            refine ? lower_capitalised_words(request.query) : request.query;
        query = parser.parse_query(text, flags);
        // A query of stop words only ("the who") still searches for them.
        if (refine && query.empty()) {
            parser.set_stopper(nullptr);
            query = parser.parse_query(text, flags);
        }
        result.corrected_query = parser.get_corrected_query_string();
        spdlog::debug("parsed query: {}", query.get_description());
        if (refine && bag_of_words(query)) {
            // ORed boosts add no matches to a bag of words: every document they match has the
            // words. (Wrapping them in AND_MAYBE or FILTER to be safe for other queries
            // measured slower and lost most of their gain in Xapian 1.4.)
            Xapian::Query near = proximity_query(parser, text, flags & ~unsigned(
                Xapian::QueryParser::FLAG_SPELLING_CORRECTION));
            Xapian::Query title = title_query(query);
            std::vector<Xapian::Query> boosts;
            if (!near.empty())
                boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, near, kProximityWeight);
            if (!title.empty())
                boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, title, kTitleWeight);
            if (!boosts.empty())
                query = Xapian::Query(
                    Xapian::Query::OP_OR, query,
                    Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
        }
    }
    // A query of filters alone has no ranking, so newest first is the useful order.
    bool unranked = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
    SortOrder sort = request.sort == SortOrder::kRelevance && unranked ? SortOrder::kNewest
                                                                        : request.sort;

    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(*make_weight(ranking));
    auto filtered = [&filter](const Xapian::Query& q) {
        return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
    };
    enquire.set_query(filtered(query));
    if (ranking.feedback && !unranked && sort == SortOrder::kRelevance)
        enquire.set_query(filtered(with_feedback(enquire, query)));
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
            // The passage with the most matched terms. SNIPPET_BACKGROUND_MODEL would weigh
            // them by rarity, but it looks up every word of the text in the index: about 1.5 ms
            // a hit, 90% of a query's time (scripts/bench_query.sh, variant "no bg model").
            std::string marked =
                mset.snippet(strip_markers(std::move(text)), kSnippetBytes, stemmer,
                             Xapian::MSet::SNIPPET_EXHAUSTIVE, std::string(kMarkStart),
                             std::string(kMarkEnd), "…");
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
