#include "thinkdex/query/search.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <atomic>
#include <functional>
#include <future>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
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
// The snippet is chosen from the window of this many bytes with the most query words: Xapian
// stems every word of the text it is given, about 0.15 ms for 5 KB, the largest cost of a hit.
constexpr std::size_t kSnippetWindowBytes = 1024;
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

/// The facets, in the order of kFacetNames.
enum Facet : std::size_t { kAuthorFacet, kYearFacet, kSiteFacet, kTagFacet, kLanguageFacet,
                           kTypeFacet, kKindFacet, kFacetCount };
constexpr std::array<const char*, kFacetCount> kFacetNames = {
    "author", "year", "site", "tag", "language", "type", "kind"};

/// "www.rusi.org" -> "rusi.org": the indexer gives www hosts the bare host's term as well, so
/// the bare form selects both.
std::string_view bare_host(std::string_view host) {
    return host.starts_with("www.") ? host.substr(4) : host;
}

/// The H term a site filter value selects.
std::string site_term(const std::string& site) {
    std::string term = schema::filter_term(schema::kSite, site);
    return std::string(schema::kSite) +
           std::string(bare_host(std::string_view(term).substr(schema::kSite.size())));
}

/// Counts every facet over the documents the match shows it (up to a limit). A value is
/// keyed by the filter term that selects it, so that its count is exactly what that filter
/// returns. When collapsing, a near-duplicate group counts once per key, since the collapsed
/// filtered search shows the group once. Per document it costs one value-stream read (of
/// schema::kSlotFacets) and a hash lookup per value as stored (no allocation once a value was
/// seen); values are mapped to filter terms, near-duplicates uncounted and sites named at the
/// end.
class FacetSpy : public Xapian::MatchSpy {
  public:
    struct Tally {
        /// Per facet, the `limit` values with the highest counts.
        std::array<std::vector<FacetValue>, kFacetCount> facets;
        /// Results when collapsing: groups plus documents without a group. Exact, unlike
        /// the MSet's bounds, which with a collapse key are exact only when the page holds
        /// every match.
        std::size_t collapsed_total = 0;
    };

    /// Counts the first `limit` documents the match shows it; later ones only add to calls().
    FacetSpy(const Xapian::Database& db, bool collapse, std::size_t limit)
        : db_(db), collapse_(collapse), limit_(limit) {}

    /// Documents counted, and documents the match showed the spy.
    std::size_t seen() const { return seen_; }
    std::size_t calls() const { return calls_; }

    void operator()(const Xapian::Document& doc, double) override {
        // The match may show every match however low checkatleast is (it prunes only when the
        // weights allow), so the spy itself stops counting at its limit.
        if (++calls_ > limit_) return;
        const Xapian::docid id = doc.get_docid();
        ++seen_;
        const Fields fields = facet_fields(doc, stream_value(id), legacy_);
        if (collapse_) {
            const std::string_view group = fields[schema::kFieldDupGroup];
            if (group.empty()) ++ungrouped_;
            else grouped_.push_back({group_key(group), id});
        }
        for_each_value(fields, items_, [&](Facet f, std::string_view value) {
            auto it = raw_[f].find(value);
            if (it == raw_[f].end())
                it = raw_[f].emplace(std::string(value), RawCount{0, id}).first;
            ++it->second.count;
        });
    }

    /// The `limit` most frequent values of each facet, and the collapsed total. Call once,
    /// after the match.
    Tally finish(std::size_t limit) {
        struct Merged {
            std::string value;
            std::size_t count = 0;
            Xapian::docid doc = 0;  ///< the first document counted with it
        };
        std::array<std::unordered_map<std::string, Merged>, kFacetCount> merged;
        for (std::size_t f = 0; f < kFacetCount; ++f) {
            const Facet facet = static_cast<Facet>(f);
            for (const auto& [raw, rc] : raw_[f]) {
                const std::string key = key_of(facet, raw);
                Merged& m = merged[f][key];
                if (m.count == 0) {
                    m.value = facet == kSiteFacet || facet == kLanguageFacet ? key : raw;
                    m.doc = rc.doc;
                }
                m.count += rc.count;
            }
        }
        Tally tally;
        tally.collapsed_total = ungrouped_;
        // A group with several matching members counts once per key any of them has: the
        // extra counts are taken off, from the members' values read again (near-duplicates
        // are few, so this is cheaper than keeping every document's values).
        std::sort(grouped_.begin(), grouped_.end());
        std::unordered_map<std::string, std::size_t> having;  // facet-tagged key -> members
        for (std::size_t i = 0; i < grouped_.size();) {
            std::size_t j = i + 1;
            while (j < grouped_.size() && grouped_[j].first == grouped_[i].first) ++j;
            ++tally.collapsed_total;
            if (j - i > 1) {
                having.clear();
                for (std::size_t k = i; k < j; ++k) {
                    const Xapian::Document doc = db_.get_document(grouped_[k].second);
                    Legacy legacy;
                    const std::string packed = doc.get_value(schema::kSlotFacets);
                    for_each_value(facet_fields(doc, packed, legacy), items_,
                                   [&](Facet f, std::string_view value) {
                                       ++having[std::string(1, static_cast<char>('0' + f)) +
                                                key_of(f, std::string(value))];
                                   });
                }
                for (const auto& [tagged, members] : having)
                    merged[static_cast<std::size_t>(tagged[0] - '0')][tagged.substr(1)].count -=
                        members - 1;
            }
            i = j;
        }
        for (std::size_t f = 0; f < kFacetCount; ++f) {
            std::vector<std::pair<const Merged*, std::size_t>> order;
            for (const auto& [key, m] : merged[f]) order.emplace_back(&m, m.count);
            const auto cut =
                order.begin() + static_cast<std::ptrdiff_t>(std::min(limit, order.size()));
            std::partial_sort(order.begin(), cut, order.end(), [](const auto& a, const auto& b) {
                return a.second != b.second ? a.second > b.second : a.first->value < b.first->value;
            });
            for (auto it = order.begin(); it != cut; ++it) {
                const Merged& m = *it->first;
                // A site is shown by the name of the first document counted from it.
                std::string label = f == kSiteFacet
                                        ? db_.get_document(m.doc).get_value(schema::kSlotSite)
                                        : std::string();
                tally.facets[f].push_back({m.value, m.count, label.empty() ? m.value : label});
            }
        }
        return tally;
    }

  private:
    struct RawCount {
        std::size_t count = 0;
        Xapian::docid doc = 0;  ///< the first document counted with this value
    };
    /// Hashes std::string and std::string_view alike, so that lookups need no std::string.
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    using RawMap = std::unordered_map<std::string, RawCount, StringHash, std::equal_to<>>;
    /// A document's kSlotFacets fields.
    using Fields = std::array<std::string_view, schema::kFacetFieldCount>;
    /// The slots read for documents without a kSlotFacets value (indexed before it), in
    /// FacetField order; the type is read from the document's T term and the kind from its XK
    /// term (none in indexes from before page kinds).
    static constexpr std::array<Xapian::valueno, 6> kLegacySlots = {
        schema::kSlotAuthors, schema::kSlotYear,     schema::kSlotHost,
        schema::kSlotTags,    schema::kSlotLanguage, schema::kSlotDupGroup};
    /// The text of a document's legacy fields: its slots, then its type and kind.
    using Legacy = std::array<std::string, kLegacySlots.size() + 2>;

    /// The fields of `packed` (a kSlotFacets value), or when it is empty those read from
    /// `doc`'s own slots into `legacy`, which then holds the text the fields point into.
    static Fields facet_fields(const Xapian::Document& doc, std::string_view packed,
                               Legacy& legacy) {
        Fields fields;
        if (!packed.empty()) {
            for (std::size_t i = 0; i < fields.size(); ++i) {
                auto sep = packed.find(schema::kFieldSeparator);
                fields[i] = packed.substr(0, sep);
                packed.remove_prefix(sep == std::string_view::npos ? packed.size() : sep + 1);
            }
            return fields;
        }
        for (std::size_t i = 0; i < kLegacySlots.size(); ++i)
            legacy[i] = doc.get_value(kLegacySlots[i]);
        auto t = doc.termlist_begin();
        for (std::size_t i = 0; const std::string_view prefix : {schema::kType, schema::kKind}) {
            t.skip_to(std::string(prefix));  // "T" sorts before "XK"
            legacy[kLegacySlots.size() + i++] =
                t != doc.termlist_end() && (*t).starts_with(prefix) ? (*t).substr(prefix.size())
                                                                    : std::string();
        }
        constexpr std::array<schema::FacetField, std::tuple_size_v<Legacy>> kOrder = {
            schema::kFieldAuthors, schema::kFieldYear,     schema::kFieldHost,
            schema::kFieldTags,    schema::kFieldLanguage, schema::kFieldDupGroup,
            schema::kFieldType,    schema::kFieldKind};
        for (std::size_t i = 0; i < kOrder.size(); ++i) fields[kOrder[i]] = legacy[i];
        return fields;
    }

    /// Calls fn(facet, value) for each facet value of a document as stored: list items once
    /// each (an item repeated in another case, "China" and "china", counts once, as its
    /// filter selects the document once), nothing for empty values.
    template <typename Fn>
    static void for_each_value(const Fields& fields, std::vector<std::string_view>& items, Fn fn) {
        auto items_of = [&](Facet f, std::string_view list) {
            items.clear();
            while (!list.empty()) {
                auto sep = list.find(schema::kListSeparator);
                std::string_view item = list.substr(0, sep);
                const bool repeated =
                    item.empty() ||
                    std::any_of(items.begin(), items.end(), [&](std::string_view seen) {
                        return std::equal(item.begin(), item.end(), seen.begin(), seen.end(),
                                          [](char a, char b) {
                                              return std::tolower(static_cast<unsigned char>(a)) ==
                                                     std::tolower(static_cast<unsigned char>(b));
                                          });
                    });
                if (!repeated) {
                    items.push_back(item);
                    fn(f, item);
                }
                if (sep == std::string_view::npos) break;
                list.remove_prefix(sep + 1);
            }
        };
        auto single = [&](Facet f, std::string_view value) {
            if (!value.empty()) fn(f, value);
        };
        items_of(kAuthorFacet, fields[schema::kFieldAuthors]);
        single(kYearFacet, fields[schema::kFieldYear]);
        single(kSiteFacet, fields[schema::kFieldHost]);
        items_of(kTagFacet, fields[schema::kFieldTags]);
        single(kLanguageFacet, fields[schema::kFieldLanguage]);
        single(kTypeFacet, fields[schema::kFieldType]);
        single(kKindFacet, fields[schema::kFieldKind]);
    }

    /// Group ids are 16 hex digits (schema::dup_group_key): a number hashes without allocating.
    /// Any other form is hashed as a string into the same 64 bits.
    static std::uint64_t group_key(std::string_view group) {
        std::uint64_t n = 0;
        if (group.size() != 16) return std::hash<std::string_view>{}(group);
        for (char c : group) {
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0) return std::hash<std::string_view>{}(group);
            n = n << 4 | static_cast<std::uint64_t>(d);
        }
        return n;
    }

    /// What the filter of facet `f` takes for the stored value `raw`: counts are keyed by it.
    static std::string key_of(Facet f, const std::string& raw) {
        switch (f) {
            case kAuthorFacet: return schema::filter_term(schema::kAuthor, raw);
            case kTagFacet: return schema::filter_term(schema::kTag, raw);
            case kSiteFacet: return std::string(bare_host(raw));
            case kLanguageFacet: return schema::filter_term("", raw);
            default: return raw;
        }
    }

    /// Document `id`'s kSlotFacets value ("" if none), from the slot's value stream, which
    /// the match visits in document order: cheaper than a seek per document.
    const std::string& stream_value(Xapian::docid id) {
        if (id < at_ || !started_) {  // out of order: start again
            stream_ = db_.valuestream_begin(schema::kSlotFacets);
            started_ = true;
        }
        at_ = id;
        value_.clear();
        const Xapian::ValueIterator end = db_.valuestream_end(schema::kSlotFacets);
        if (stream_ == end) return value_;
        stream_.skip_to(id);
        if (stream_ != end && stream_.get_docid() == id) value_ = *stream_;
        return value_;
    }

    Xapian::Database db_;
    bool collapse_;
    Xapian::ValueIterator stream_;
    bool started_ = false;
    Xapian::docid at_ = 0;  ///< the last document asked about
    std::string value_;     ///< its kSlotFacets value
    Legacy legacy_;  ///< its slots, without one
    std::vector<std::string_view> items_;  ///< for_each_value()'s buffer
    std::array<RawMap, kFacetCount> raw_;
    /// (group key, document) of every grouped document counted.
    std::vector<std::pair<std::uint64_t, Xapian::docid>> grouped_;
    std::size_t ungrouped_ = 0;
    std::size_t limit_;
    std::size_t seen_ = 0;
    std::size_t calls_ = 0;
};

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

/// Whether text[at] starts a word (what precedes it is not a letter or digit).
bool starts_word(std::string_view text, std::size_t at) {
    if (at == 0) return true;
    const auto c = static_cast<unsigned char>(text[at - 1]);
    return !std::isalnum(c) && c < 0x80;
}

/// The bytes of `text` the snippet is chosen from: all of it when short, else the
/// kSnippetWindowBytes-long window that has the most distinct `words` (lower-case ASCII
/// prefixes, found at word starts, case-insensitively), then the most occurrences, cut at
/// spaces.
std::pair<std::size_t, std::size_t> snippet_window(std::string_view text,
                                                   const std::vector<std::string>& words) {
    if (text.size() <= kSnippetWindowBytes || words.empty()) return {0, text.size()};
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::vector<std::pair<std::size_t, std::size_t>> found;  // (offset, word)
    for (std::size_t w = 0; w < words.size(); ++w)
        for (auto at = lower.find(words[w]); at != std::string::npos;
             at = lower.find(words[w], at + 1))
            if (starts_word(lower, at)) found.emplace_back(at, w);
    std::sort(found.begin(), found.end());
    // Slide the window's start over the found words, keeping per-word counts of those inside.
    std::vector<std::size_t> inside(words.size(), 0);
    std::size_t distinct = 0, best_distinct = 0, best_count = 0;
    std::size_t best_start = found.empty() ? 0 : found[0].first;
    for (std::size_t first = 0, last = 0; first < found.size(); ++first) {
        for (; last < found.size() && found[last].first < found[first].first + kSnippetWindowBytes;
             ++last)
            if (inside[found[last].second]++ == 0) ++distinct;
        const std::size_t count = last - first;
        if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
            best_distinct = distinct;
            best_count = count;
            best_start = found[first].first;
        }
        if (--inside[found[first].second] == 0) --distinct;
    }
    // Some context before the first word, from a space on.
    std::size_t start = best_start > kSnippetBytes / 2 ? best_start - kSnippetBytes / 2 : 0;
    if (start > 0) {
        const auto space = text.find(' ', start);
        start = space != std::string_view::npos && space < best_start ? space + 1 : best_start;
    }
    std::size_t end = std::min(text.size(), start + kSnippetWindowBytes);
    if (end < text.size()) {
        const auto space = text.rfind(' ', end);
        if (space != std::string_view::npos && space > start) end = space;
    }
    // Never inside a UTF-8 sequence (text without spaces).
    auto continuation = [&](std::size_t at) {
        return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
    };
    while (continuation(start)) ++start;
    while (end > start && continuation(end)) --end;
    return {start, end};
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


/// The other members of `doc`'s near-duplicate group (from its XG term's posting list): where
/// else the publication appears.
std::vector<Hit::Copy> copies_of(const Xapian::Database& db, const Xapian::Document& doc) {
    std::vector<Hit::Copy> out;
    const std::string group = doc.get_value(schema::kSlotDupGroup);
    if (group.empty()) return out;
    const std::string term = std::string(schema::kDupGroup) + group;
    if (db.get_termfreq(term) < 2) return out;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        if (*it == doc.get_docid()) continue;
        if (out.size() == kMaxAlsoAt) break;
        nlohmann::json data = nlohmann::json::parse(db.get_document(*it).get_data(), nullptr, false);
        if (data.is_discarded() || !data.is_object()) continue;
        out.push_back({string_field(data, "site"), string_field(data, "url")});
    }
    return out;
}

/// The recency prior of SortOrder::kRecent: 2^(-age_days / half_life) for a document's date
/// slot, in [0, 1]. Undated documents have no value, so the source never visits them (weight
/// 0). Combined with the query by OP_AND_MAYBE: it ranks, it never adds a match.
class RecencySource : public Xapian::ValuePostingSource {
  public:
    RecencySource(std::chrono::sys_days today, double half_life_days)
        : Xapian::ValuePostingSource(schema::kSlotDate),
          today_(today),
          half_life_(half_life_days) {}

    void init(const Xapian::Database& database) override {
        Xapian::ValuePostingSource::init(database);
        set_maxweight(1.0);
    }

    double get_weight() const override {
        const std::string date = get_value();  // YYYYMMDD; "00" for an unknown month or day
        if (date.size() != 8 || !all_digits(date)) return 0;
        const int year = std::stoi(date.substr(0, 4));
        const unsigned month = static_cast<unsigned>(std::max(1, std::stoi(date.substr(4, 2))));
        const unsigned day = static_cast<unsigned>(std::max(1, std::stoi(date.substr(6, 2))));
        const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                              std::chrono::day{day}};
        if (!ymd.ok()) return 0;
        const auto age = (today_ - std::chrono::sys_days(ymd)).count();
        return std::exp2(-static_cast<double>(std::max<decltype(age)>(age, 0)) / half_life_);
    }

    RecencySource* clone() const override { return new RecencySource(today_, half_life_); }
    std::string name() const override { return "thinkdex::RecencySource"; }

  private:
    std::chrono::sys_days today_;
    double half_life_;
};

// The recency prior adds at most this share of the query's best relevance score: enough to
// order results of similar relevance by date, too little to lift a weak match over a strong
// one. Relative to the best score because weights are on no fixed scale.
constexpr double kRecencyShare = 0.2;

// Query-time synonyms. Xapian's own synonyms live in the database (written by the indexer)
// and 1.4 expands a word only to single terms, not phrases; so the searcher replaces each
// synonym found in the query text (outside quotes, field values and wildcards) with a token
// of its own field prefix, whose FieldProcessor returns OP_SYNONYM over the group's members.
// The rest of the query is parsed exactly as without synonyms.
constexpr std::string_view kSynonymPrefix = "thinkdexsyn";

struct SynonymKey {
    std::vector<std::string> words;  ///< lower-case
    std::size_t group = 0;
};

std::string ascii_lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool synonym_word_byte(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

/// Replaces synonyms in `text` with "thinkdexsyn:N " (N indexing `found`, which receives the
/// group of each and the original text). `keys` are sorted longest first.
std::string rewrite_synonyms(const std::string& text, const std::vector<SynonymKey>& keys,
                             std::vector<std::pair<std::size_t, std::string>>& found) {
    auto space = [&](std::size_t i) {
        return std::isspace(static_cast<unsigned char>(text[i])) != 0;
    };
    // Where a bare word may start: not inside a word, a field value ("title:SCO") or a
    // hyphenated word; after + or - only when they are operators.
    auto starts_token = [&](std::size_t i) {
        if (i == 0 || space(i - 1) || text[i - 1] == '(') return true;
        if (text[i - 1] != '+' && text[i - 1] != '-') return false;
        return i == 1 || space(i - 2) || text[i - 2] == '(';
    };
    // Where a bare word may end: not before a field colon, a wildcard or a joined word
    // ("SCO.org", "SCO-led").
    auto ends_token = [&](std::size_t e) {
        if (e == text.size()) return true;
        if (synonym_word_byte(text[e]) || text[e] == ':' || text[e] == '*') return false;
        return !(e + 1 < text.size() && synonym_word_byte(text[e + 1]) &&
                 std::string_view(".-'_&@/").find(text[e]) != std::string_view::npos);
    };
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '"') quoted = !quoted;
        if (quoted || !synonym_word_byte(text[i]) || !starts_token(i)) {
            out.push_back(text[i++]);
            continue;
        }
        std::size_t matched_end = 0;
        const SynonymKey* matched = nullptr;
        for (const SynonymKey& key : keys) {
            std::size_t j = i;
            bool ok = true;
            for (std::size_t w = 0; ok && w < key.words.size(); ++w) {
                if (w > 0) {
                    if (j >= text.size() || !space(j)) ok = false;
                    while (j < text.size() && space(j)) ++j;
                }
                const std::string& word = key.words[w];
                ok = ok && text.size() - j >= word.size() &&
                     ascii_lowercase(std::string_view(text).substr(j, word.size())) == word;
                if (ok) j += word.size();
            }
            if (ok && ends_token(j)) {
                matched = &key;
                matched_end = j;
                break;
            }
        }
        if (!matched) {
            while (i < text.size() && synonym_word_byte(text[i])) out.push_back(text[i++]);
            continue;
        }
        out += std::string(kSynonymPrefix) + ":" + std::to_string(found.size()) + " ";
        found.emplace_back(matched->group, text.substr(i, matched_end - i));
        i = matched_end;
    }
    return out;
}

/// "thinkdexsyn:N" -> the query of the N-th synonym found in the query text.
class SynonymFieldProcessor : public CheckedFieldProcessor {
  public:
    SynonymFieldProcessor(ParseErrors& errors, std::vector<Xapian::Query> found)
        : CheckedFieldProcessor(errors), found_(std::move(found)) {}
    Xapian::Query operator()(const std::string& str) override {
        std::size_t n = 0;
        for (char c : str) {
            if (c < '0' || c > '9') return errors_.fail("bad synonym token " + str);
            n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        if (str.empty() || n >= found_.size()) return errors_.fail("bad synonym token " + str);
        return found_[n];
    }

  private:
    std::vector<Xapian::Query> found_;
};

/// The corrected query string with the synonym tokens put back as the user typed them.
std::string restore_synonyms(std::string text,
                             const std::vector<std::pair<std::size_t, std::string>>& found) {
    for (std::size_t n = found.size(); n-- > 0;) {
        const std::string token = std::string(kSynonymPrefix) + ":" + std::to_string(n);
        for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at)) {
            std::size_t len = token.size();
            if (at + len < text.size() && text[at + len] == ' ') ++len;
            text.replace(at, len, found[n].second);
            at += found[n].second.size();
        }
    }
    return text;
}


// Ranking. Each setting was measured by nDCG@10 on Cranfield and the SciFact train queries
// (scripts/bench_ranking.sh; figures in the README's "Ranking" section). Gains there are
// small, so the values are round ones that help Cranfield without costing SciFact, not the
// best point of a fine grid.
//
// Feedback: the top kFeedbackDocs results vote for expansion words; a word must occur in
// kFeedbackMinDocs of them, since words from one document drag the ranking towards it
// (SciFact, with one or two relevant documents a query, loses 0.02-0.04 without this). Weights
// from 0.2 to 0.3 score alike (Cranfield 0.400-0.401, SciFact 0.699-0.702); 0.1 gave
// Cranfield 0.395.
constexpr Xapian::doccount kFeedbackDocs = 3;
constexpr unsigned kFeedbackMinDocs = 2;
constexpr Xapian::termcount kFeedbackTerms = 10;
constexpr double kFeedbackWeight = 0.2;
constexpr std::size_t kFeedbackCandidates = 30;
// Proximity, feedback and the recency prior reorder the first pass's top this-many results (a
// second match over all results, to add a little weight, cost several times the first; 20, 30
// and 50 scored alike).
constexpr std::size_t kRerankDepth = 30;
// Adjacent query words within this many positions of each other add kProximityWeight times
// their weight once more.
constexpr Xapian::termcount kProximityWindow = 8;
constexpr double kProximityWeight = 0.1;
// Query words found in the title field add this fraction of their title weight (a BM25F-like
// nudge on top of the title's higher wdf in the body).
constexpr double kTitleWeight = 0.2;
// "Did you mean" is asked for when a query word is in at most this many documents.
constexpr Xapian::doccount kDoubtfulWordDocs = 2;
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

/// Whether a word of the parsed query is unknown to the index or in at most
/// kDoubtfulWordDocs documents: a word that many documents have is no typo.
bool has_doubtful_word(const Xapian::Database& db, const Xapian::QueryParser& parser,
                       const Xapian::Query& query) {
    auto doubtful = [&](const std::string& word) {
        return db.get_termfreq(word) <= kDoubtfulWordDocs;
    };
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string& term = *t;
        if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) {
            // A stemmed term ("Zsanction"): ask about the words the user typed for it.
            for (auto w = parser.unstem_begin(term); w != parser.unstem_end(term); ++w)
                if (doubtful(*w)) return true;
        } else if (doubtful(term)) {
            return true;
        }
    }
    return false;
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
    /// Reads the words of the first `docs` documents of `top`.
    FeedbackDecider(const Xapian::MSet& top, Xapian::doccount docs) {
        struct Seen {
            unsigned docs = 0;
            Xapian::termcount wdf = 0;
        };
        std::unordered_map<std::string, Seen> seen;
        for (auto it = top.begin(); it != top.end() && docs-- > 0; ++it) {
            Xapian::Document doc = it.get_document();
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                if (!(*t).starts_with('Z')) continue;
                Seen& s = seen[*t];
                ++s.docs;
                s.wdf += t.get_wdf();
            }
        }
        std::vector<std::pair<std::string, Seen>> candidates;
        for (auto& [term, s] : seen)
            if (s.docs >= kFeedbackMinDocs && wanted(term)) candidates.emplace_back(term, s);
        // Xapian weighs each candidate with a lookup of its frequency in the index, most of
        // the feedback's cost: only the likeliest candidates are offered.
        const auto keep = std::min(candidates.size(), kFeedbackCandidates);
        const auto kept = candidates.begin() + static_cast<std::ptrdiff_t>(keep);
        auto likelier = [](const auto& a, const auto& b) {
            if (a.second.docs != b.second.docs) return a.second.docs > b.second.docs;
            if (a.second.wdf != b.second.wdf) return a.second.wdf > b.second.wdf;
            return a.first < b.first;
        };
        std::partial_sort(candidates.begin(), kept, candidates.end(), likelier);
        for (std::size_t i = 0; i < keep; ++i) offered_.insert(candidates[i].first);
    }
    bool operator()(const std::string& term) const override { return offered_.contains(term); }

  private:
    static bool wanted(const std::string& term) {
        return term.size() >= 4 && term[0] == 'Z' &&
               std::all_of(term.begin() + 1, term.end(), ascii_lower) && !stopper()(term.substr(1));
    }

    std::unordered_set<std::string> offered_;
};

/// Documents with the weights a first pass gave them: the left side of the rerank pass's
/// query, so that the pass visits these documents only and adds to their weights.
class RankedDocs : public Xapian::PostingSource {
  public:
    /// `docs` in any order.
    explicit RankedDocs(std::vector<std::pair<Xapian::docid, double>> docs)
        : docs_(std::move(docs)) {
        std::sort(docs_.begin(), docs_.end());
        for (const auto& [id, weight] : docs_) max_weight_ = std::max(max_weight_, weight);
    }

    Xapian::doccount get_termfreq_min() const override { return size(); }
    Xapian::doccount get_termfreq_est() const override { return size(); }
    Xapian::doccount get_termfreq_max() const override { return size(); }

    void init(const Xapian::Database&) override {
        at_ = 0;
        started_ = false;
        set_maxweight(max_weight_);
    }
    void next(double min_wt) override {
        if (started_) ++at_;
        started_ = true;
        while (at_ < docs_.size() && docs_[at_].second < min_wt) ++at_;
    }
    void skip_to(Xapian::docid id, double min_wt) override {
        started_ = true;
        while (at_ < docs_.size() && (docs_[at_].first < id || docs_[at_].second < min_wt)) ++at_;
    }
    bool at_end() const override { return at_ >= docs_.size(); }
    Xapian::docid get_docid() const override { return docs_[at_].first; }
    double get_weight() const override { return docs_[at_].second; }

    RankedDocs* clone() const override { return new RankedDocs(docs_); }
    std::string name() const override { return "thinkdex::RankedDocs"; }

  private:
    Xapian::doccount size() const { return static_cast<Xapian::doccount>(docs_.size()); }

    std::vector<std::pair<Xapian::docid, double>> docs_;  ///< by document id
    double max_weight_ = 0;
    std::size_t at_ = 0;
    bool started_ = false;
};

/// The feedback words of `first`'s top kFeedbackDocs results, each scaled by its relative
/// expansion weight, ORed; empty when there are none.
Xapian::Query feedback_words(const Xapian::Enquire& enquire, const Xapian::MSet& first) {
    Xapian::RSet rset;
    for (auto it = first.begin(); it != first.end() && rset.size() < kFeedbackDocs; ++it)
        rset.add_document(*it);
    if (rset.empty()) return {};
    FeedbackDecider decider(first, kFeedbackDocs);
    Xapian::ESet eset = enquire.get_eset(kFeedbackTerms, rset, &decider);
    if (eset.empty()) return {};
    const double max_weight = eset.begin().get_weight();
    std::vector<Xapian::Query> terms;
    for (auto e = eset.begin(); e != eset.end(); ++e)
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*e),
                           max_weight > 0 ? e.get_weight() / max_weight : 1.0);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

/// The documents matching in the match that fed `spy` with checkatleast `check`: with fewer
/// than that, the match showed the spy every one; else Xapian's estimate (before collapsing).
Xapian::doccount matches(const Xapian::MSet& mset, const FacetSpy& spy, Xapian::doccount check) {
    const auto shown = static_cast<Xapian::doccount>(spy.calls());
    if (shown < check) return shown;
    return std::max(shown, mset.get_uncollapsed_matches_estimated());
}

/// The weight publications gain when they rank first (SearchRequest::publications_first):
/// one more than the maximum possible weight of `enquire`'s query, or 0 when no document of
/// the index is a listing or a page (nothing to reorder). An MSet without documents carries
/// that maximum without running the match.
double publication_tier(const Xapian::Database& db, const Xapian::Enquire& enquire) {
    const std::string prefix(schema::kKind);
    if (db.get_termfreq(prefix + std::string(schema::kKindListing)) == 0 &&
        db.get_termfreq(prefix + std::string(schema::kKindPage)) == 0)
        return 0;
    return enquire.get_mset(0, 0).get_max_possible() + 1;
}

/// What the counting pass finds.
struct Counted {
    std::size_t total = 0;
    bool exact = false;
    std::array<std::vector<FacetValue>, kFacetCount> facets;
};

/// Facets and the total of `query` (filters included, boosts not), unweighted: the spy sees
/// every match up to exact_facet_matches (checkatleast), so the total and every facet count
/// are exact up to there, and scaled estimates beyond.
Counted count_matches(const Xapian::Database& db, const Xapian::Query& query,
                      const SearchRequest& request) {
    const auto check = static_cast<Xapian::doccount>(std::min<std::size_t>(
        db.get_doccount(), std::max<std::size_t>(request.exact_facet_matches, 1)));
    FacetSpy spy(db, request.collapse, check);
    Xapian::Enquire counting(db);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    counting.set_query(query);
    counting.add_matchspy(&spy);
    const Xapian::doccount counted = matches(counting.get_mset(0, 0, check), spy, check);
    const bool sampled = spy.seen() < counted;
    const double scale = sampled ? static_cast<double>(counted) /
                                       static_cast<double>(std::max<std::size_t>(spy.seen(), 1))
                                 : 1.0;
    auto scaled = [scale](std::size_t n) {
        return static_cast<std::size_t>(std::llround(static_cast<double>(n) * scale));
    };
    FacetSpy::Tally tally = spy.finish(request.facet_limit);
    Counted out;
    // The spy counts near-duplicate groups itself (it sees documents before collapsing).
    out.total = request.collapse ? scaled(tally.collapsed_total) : counted;
    out.exact = !sampled;
    for (std::size_t f = 0; f < kFacetCount; ++f) {
        for (FacetValue& v : tally.facets[f]) v.count = scaled(v.count);
        out.facets[f] = std::move(tally.facets[f]);
    }
    return out;
}

/// Builds the hits of `page` (into `hits`, of the same size) from the documents' stored data,
/// with snippets marking the words of `query`. `next` hands out the entries, so that two
/// threads, each with its own handle, stemmer and query, can share the work.
void build_hits(const Xapian::Database& db, const Xapian::Stem& stemmer,
                const Xapian::Query& query, const SearchRequest& request,
                const std::vector<std::pair<Xapian::docid, double>>& page, std::vector<Hit>& hits,
                std::atomic<std::size_t>& next) {
    // Snippets mark the user's words (and their synonyms), not the words feedback added to the
    // ranking: MSet::snippet takes its terms from the MSet's query, and an MSet of the query
    // alone, with no documents, costs no match.
    Xapian::MSet marker;
    std::vector<std::string> words_to_find;  // for snippet_window()
    if (request.snippets) {
        Xapian::Enquire words(db);
        words.set_query(query);
        marker = words.get_mset(0, 0);
        // Stems ("Zsanction" -> "sanction") and unstemmed words; a stem shortened by its last
        // letter, which Snowball may have changed ("polici" for "policy").
        for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
            const std::string whole = *t;  // *t is a temporary: the view must not outlive it
            std::string_view term = whole;
            if (term.starts_with('Z')) term.remove_prefix(1);
            else if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) continue;
            if (term.size() > 4) term.remove_suffix(1);
            if (term.size() >= 2) words_to_find.emplace_back(term);
        }
    }
    for (std::size_t i; (i = next++) < page.size();) {
        const auto [id, weight] = page[i];
        Xapian::Document doc = db.get_document(id);
        Hit& hit = hits[i];
        hit.rank = request.offset + i + 1;
        hit.score = weight;
        nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
        if (data.is_discarded() || !data.is_object()) data = nlohmann::json::object();
        hit.id = string_field(data, "id");
        hit.url = string_field(data, "url");
        hit.title = string_field(data, "title");
        hit.authors = string_list(data, "authors");
        hit.published = string_field(data, "published");
        hit.site = string_field(data, "site");
        hit.kind = string_field(data, "kind");
        hit.also_at = copies_of(db, doc);
        if (request.snippets) {
            std::string text = string_field(data, "body");
            if (text.empty()) text = string_field(data, "summary");
            const auto [from, to] = snippet_window(text, words_to_find);
            const bool cut_before = from > 0, cut_after = to < text.size();
            text = text.substr(from, to - from);
            // A passage with the most matched terms (without SNIPPET_EXHAUSTIVE Xapian stops
            // once no later passage can score better). SNIPPET_BACKGROUND_MODEL would weigh
            // words by rarity, but it looks up every word of the text in the index: about
            // 1.5 ms a hit, 90% of a query's time (scripts/bench_query.sh, variant "no bg").
            std::string marked =
                marker.snippet(strip_markers(std::move(text)), kSnippetBytes, stemmer, 0,
                               std::string(kMarkStart), std::string(kMarkEnd), "…");
            // The window is not the whole text: say so as Xapian would at the text's ends.
            if (cut_before && !marked.starts_with("…")) marked.insert(0, "…");
            if (cut_after && !marked.ends_with("…")) marked += "…";
            hit.snippet = split_snippet(marked);
        }
    }
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

// Reopens tried when the index changes under a search before giving up. Xapian discards a
// revision when the indexer has committed twice since: an indexer committing small batches
// back to back on a loaded machine can do that a few times in a row.
constexpr int kMaxReopens = 20;

struct Searcher::Impl {
    std::filesystem::path path;
    Xapian::Database db;
    Xapian::Stem stemmer;
    // The helper thread's own (see run()).
    Xapian::Database count_db;
    Xapian::Stem count_stemmer;
    RankingOptions ranking;
    std::vector<SynonymKey> synonym_keys;             ///< longest first
    std::vector<Xapian::Query> synonym_queries;       ///< per group: OP_SYNONYM of its members

    Result<SearchResult> run(const SearchRequest& request, const Xapian::Query& filter);
    /// Both handles at the latest revision.
    void reopen();
};

void Searcher::Impl::reopen() {
    // The two handles must show one revision: a commit between the two reopens is caught by
    // comparing them, and reopening again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        db.reopen();
        count_db.reopen();
        if (db.get_revision() == count_db.get_revision()) return;
    }
}

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
        std::string language;
        for (int attempt = 0;; ++attempt) {
            try {
                impl_->db = Xapian::Database(path.string());
                impl_->count_db = Xapian::Database(path.string());
                language = impl_->db.get_metadata(std::string(schema::kMetaLanguage));
                break;
            } catch (const Xapian::DatabaseModifiedError&) {
                // An indexer committed twice while the handles opened: open them again.
                if (attempt >= kMaxReopens) throw;
            }
        }
        if (language.empty()) language = "english";
        if (language != "none") {
            impl_->stemmer = Xapian::Stem(language);
            impl_->count_stemmer = Xapian::Stem(language);
        }
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

void Searcher::set_synonyms(std::vector<std::vector<std::string>> groups) {
    impl_->synonym_keys.clear();
    impl_->synonym_queries.clear();
    // Members parse as the query parser would parse them alone: one word stemmed like a query
    // word, several as a phrase.
    Xapian::QueryParser parser;
    parser.set_stemmer(impl_->stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    for (const auto& group : groups) {
        std::vector<Xapian::Query> members;
        for (const auto& member : group) {
            std::vector<std::string> words;
            std::string lower = ascii_lowercase(member);
            for (std::size_t i = 0; i < lower.size();) {
                while (i < lower.size() && std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
                std::size_t end = i;
                while (end < lower.size() && !std::isspace(static_cast<unsigned char>(lower[end])))
                    ++end;
                if (end > i) words.push_back(lower.substr(i, end - i));
                i = end;
            }
            if (words.empty()) continue;
            std::string text;
            for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
            Xapian::Query q = parser.parse_query(words.size() > 1 ? "\"" + text + "\"" : text, 0);
            if (q.empty()) continue;
            members.push_back(q);
            impl_->synonym_keys.push_back({std::move(words), impl_->synonym_queries.size()});
        }
        impl_->synonym_queries.emplace_back(Xapian::Query::OP_SYNONYM, members.begin(),
                                            members.end());
    }
    std::stable_sort(impl_->synonym_keys.begin(), impl_->synonym_keys.end(),
                     [](const SynonymKey& a, const SynonymKey& b) {
                         return a.words.size() > b.words.size();
                     });
}


Result<SearchResult> Searcher::search(const SearchRequest& request) {
    if (!(request.recency_half_life_days > 0))
        return std::unexpected(Error{"request", "the recency half-life must be more than 0 days"});
    for (const std::string& kind : request.kinds)
        if (kind != schema::kKindArticle && kind != schema::kKindListing &&
            kind != schema::kKindPage)
            return std::unexpected(Error{"request", "unknown page kind '" + kind +
                                                        "': use article, listing or page"});
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
    for (const auto& [values, prefix] :
         {std::pair{&request.tags, schema::kTag}, std::pair{&request.languages, schema::kLanguage},
          std::pair{&request.types, schema::kType}, std::pair{&request.kinds, schema::kKind}}) {
        Xapian::Query any = any_of(*values, [prefix](const std::string& v) {
            return schema::filter_term(prefix, v);
        });
        if (!any.empty()) filters.push_back(any);
    }
    Xapian::Query sites = any_of(request.sites, site_term);
    if (!sites.empty()) filters.push_back(sites);
    if (!since.empty() || !until.empty()) filters.push_back(date_range(since, until));
    Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());

    try {
        // Pick up the indexer's latest commit, so that a long-lived Searcher stays current.
        impl_->reopen();
    } catch (const Xapian::Error& e) {
        // E.g. the directory was swapped by a compaction: the open revision still reads.
        spdlog::debug("cannot reopen index '{}': {}", impl_->path.string(), e.get_description());
    }
    for (int attempt = 0;; ++attempt) {
        try {
            return impl_->run(request, filter);
        } catch (const Xapian::DatabaseModifiedError& e) {
            // The indexer committed twice while we read: reopen at the latest revision. A busy
            // indexer can do that again during the retry, so a few tries.
            if (attempt >= kMaxReopens)
                throw Fatal("cannot search index '" + impl_->path.string() +
                            "': " + e.get_description());
            spdlog::debug("index changed during search; reopening");
            impl_->reopen();
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

    ParseErrors parse_errors;  // before the parser, whose processors refer to it
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
    parser.add_boolean_prefix("kind", (new TermFieldProcessor(schema::kKind))->release());
    parser.add_boolean_prefix("date", (new DateFieldProcessor(parse_errors))->release());
    parser.add_boolean_prefix("after", (new AfterFieldProcessor(parse_errors))->release());
    parser.add_boolean_prefix("before", (new BeforeFieldProcessor(parse_errors))->release());

    Xapian::Query query = Xapian::Query::MatchAll;
    Xapian::Query matching = query;  // the query without ranking boosts: what matches
    Xapian::Query proximity;         // a boost for the rerank pass (see there)
    if (request.query.find_first_not_of(" \t\r\n") != std::string::npos) {
        const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT |
                               Xapian::QueryParser::FLAG_WILDCARD |
                               Xapian::QueryParser::FLAG_PURE_NOT;
        std::vector<std::pair<std::size_t, std::string>> synonyms_found;
        std::string user_text = request.query;
        if (!synonym_keys.empty()) {
            user_text = rewrite_synonyms(request.query, synonym_keys, synonyms_found);
            std::vector<Xapian::Query> found;
            for (const auto& [group, original] : synonyms_found)
                found.push_back(synonym_queries[group]);
            if (!found.empty())
                parser.add_prefix(
                    std::string(kSynonymPrefix),
                    (new SynonymFieldProcessor(parse_errors, std::move(found)))->release());
        }
        // STEM_SOME leaves capitalised words unstemmed, so "Aspirin inhibits" would not
        // match "aspirins"; acronyms and mixed case ("SIDS", "PrP") stay exact.
        const std::string text = refine ? lower_capitalised_words(user_text) : user_text;
        query = parser.parse_query(text, flags);
        parse_errors.rethrow();
        // A query of stop words only ("the who") still searches for them.
        if (refine && query.empty()) {
            parser.set_stopper(nullptr);
            query = parser.parse_query(text, flags);
        }
        // "Did you mean" only for words that may be misspelt: Xapian's suggestion costs about
        // 2 ms a word, a fifth of a query's time, whatever the word.
        if (has_doubtful_word(db, parser, query)) {
            parser.parse_query(text, flags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
            result.corrected_query =
                restore_synonyms(parser.get_corrected_query_string(), synonyms_found);
        }
        matching = query;
        spdlog::debug("parsed query: {}", query.get_description());
        if (refine && bag_of_words(query)) {
            // An ORed title boost adds no matches to a bag of words: every document it matches
            // has the words. (Wrapping it in AND_MAYBE or FILTER to be safe for other queries
            // measured slower and lost most of its gain in Xapian 1.4.)
            if (Xapian::Query title = title_query(query); !title.empty())
                query = Xapian::Query(
                    Xapian::Query::OP_OR, query,
                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title, kTitleWeight));
            // Proximity reads positions, document by document: only the rerank pass's few.
            if (Xapian::Query near = proximity_query(parser, text, flags); !near.empty())
                proximity = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, near, kProximityWeight);
        }
    }
    // A query of filters alone has no ranking, so newest first is the useful order.
    bool unranked = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
    SortOrder sort = (request.sort == SortOrder::kRelevance || request.sort == SortOrder::kRecent) &&
                             unranked
                         ? SortOrder::kNewest
                         : request.sort;

    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(*make_weight(ranking));
    auto filtered = [&filter](const Xapian::Query& q) {
        return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
    };
    enquire.set_query(filtered(query));
    // Collapsing keeps the best-ranked (or first-sorted) member of each near-duplicate group.
    // Documents without a group value (indexes from before groups) are never collapsed.
    if (request.collapse) enquire.set_collapse_key(schema::kSlotDupGroup);
    if (sort == SortOrder::kNewest)
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
    else if (sort == SortOrder::kOldest)
        enquire.set_sort_by_key_then_relevance((new OldestFirstKey)->release(), false);
    const bool ranked = !unranked && (sort == SortOrder::kRelevance || sort == SortOrder::kRecent);
    // Publications first: documents that are not listings or pages gain `tier`, more than the
    // query's maximum possible weight (which an MSet without documents gives without a match),
    // so the match ranks every matching publication first and, once its page is full of
    // them, skips the rest (AND_MAYBE turns into AND). Exact, unlike a bounded reorder; and,
    // unlike sorting on a value, the match keeps pruning by weight.
    const double tier = ranked && request.publications_first && request.kinds.empty()
                            ? publication_tier(db, enquire)
                            : 0;
    if (tier > 0) {
        const Xapian::Query others[] = {
            Xapian::Query(std::string(schema::kKind) + std::string(schema::kKindListing)),
            Xapian::Query(std::string(schema::kKind) + std::string(schema::kKindPage))};
        const Xapian::Query publications(
            Xapian::Query::OP_AND_NOT,
            Xapian::Query((new Xapian::FixedWeightPostingSource(tier))->release()),
            Xapian::Query(Xapian::Query::OP_OR, std::begin(others), std::end(others)));
        enquire.set_query(
            filtered(Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, publications)));
    }
    auto in_tier = [tier](double weight) { return tier > 0 && weight >= tier; };

    // Two threads share a search: this one ranks while a helper, on a handle of its own,
    // counts the facets and the total; then both build the page's hits. On two cores a search
    // takes about the longer of the two passes instead of their sum. Xapian objects are not
    // shared between threads: the helper gets the queries serialised.
    std::vector<std::pair<Xapian::docid, double>> page;  // document ids and scores
    std::vector<Hit> hits;
    std::atomic<std::size_t> next_hit{0};
    std::promise<void> page_set;
    std::future<Counted> helper = std::async(
        std::launch::async,
        [this, &request, &page, &hits, &next_hit, page_known = page_set.get_future(),
         counting = request.facets ? filtered(matching).serialise() : std::string(),
         marking = matching.serialise()]() mutable {
            Counted counted;
            if (!counting.empty())
                counted = count_matches(count_db, Xapian::Query::unserialise(counting), request);
            page_known.get();
            if (next_hit < page.size())
                build_hits(count_db, count_stemmer, Xapian::Query::unserialise(marking), request,
                           page, hits, next_hit);
            return counted;
        });
    // Should this thread fail before the page is known, the helper finds an empty page.
    struct Release {
        std::promise<void>& page_set;
        std::vector<std::pair<Xapian::docid, double>>& page;
        bool done = false;
        ~Release() {
            if (done) return;
            page.clear();
            page_set.set_value();
        }
    } release{page_set, page};

    const bool rerank =
        ranked && (!proximity.empty() || ranking.feedback || sort == SortOrder::kRecent);
    // The page. With a rerank, the first pass fetches the top kRerankDepth (or down to the
    // page, if deeper), and the rerank pass adds proximity, feedback and the recency prior to
    // its top kRerankDepth; results below that keep the first pass's order.
    const std::size_t end = request.offset + request.limit;
    Xapian::MSet first = enquire.get_mset(
        rerank ? 0 : static_cast<Xapian::doccount>(request.offset),
        static_cast<Xapian::doccount>(rerank ? std::max(end, kRerankDepth) : request.limit));
    if (rerank) {
        std::vector<std::pair<Xapian::docid, double>> order;
        for (auto it = first.begin(); it != first.end(); ++it)
            order.emplace_back(*it, it.get_weight());
        const std::size_t depth = std::min(order.size(), kRerankDepth);
        std::vector<std::pair<Xapian::docid, double>> top(order.begin(), order.begin() + depth);
        // The rerank's additions are on no fixed scale: the tier is kept by document, not
        // by weight.
        std::vector<Xapian::docid> publications;
        for (const auto& [id, weight] : top)
            if (in_tier(weight)) publications.push_back(id);
        std::sort(publications.begin(), publications.end());
        const double best = top.empty() ? 0
                            : in_tier(top.front().second) ? top.front().second - tier
                                                          : top.front().second;
        Xapian::Query reranking((new RankedDocs(top))->release());
        std::vector<Xapian::Query> adding;
        if (!proximity.empty()) adding.push_back(proximity);
        if (ranking.feedback) {
            Xapian::Query words = feedback_words(enquire, first);
            if (!words.empty())
                adding.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, words, kFeedbackWeight);
        }
        if (!adding.empty())
            reranking =
                Xapian::Query(Xapian::Query::OP_AND_MAYBE, reranking,
                              Xapian::Query(Xapian::Query::OP_OR, adding.begin(), adding.end()));
        if (sort == SortOrder::kRecent && best > 0) {
            // score = relevance + kRecencyShare * best * 2^(-age / half-life), where best is
            // the top relevance score.
            auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
            Xapian::Query prior(
                (new RecencySource(today, request.recency_half_life_days))->release());
            reranking = Xapian::Query(Xapian::Query::OP_AND_MAYBE, reranking,
                                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, prior,
                                                    kRecencyShare * best));
        }
        Xapian::Enquire second(db);
        second.set_weighting_scheme(*make_weight(ranking));
        second.set_query(reranking);
        Xapian::MSet reranked = second.get_mset(0, static_cast<Xapian::doccount>(depth));
        if (reranked.size() == depth) {  // it is: the pass visits those documents only
            std::size_t i = 0;
            for (auto it = reranked.begin(); it != reranked.end(); ++it, ++i)
                order[i] = {*it, it.get_weight()};
        }
        auto publication = [&publications](const std::pair<Xapian::docid, double>& hit) {
            return std::binary_search(publications.begin(), publications.end(), hit.first);
        };
        const auto top_end = order.begin() + static_cast<std::ptrdiff_t>(depth);
        std::stable_partition(order.begin(), top_end, publication);
        for (auto it = order.begin(); it != top_end; ++it)
            if (publication(*it)) it->second -= tier;
        for (auto it = top_end; it != order.end(); ++it)
            if (in_tier(it->second)) it->second -= tier;
        for (std::size_t at = request.offset; at < std::min(end, order.size()); ++at)
            page.push_back(order[at]);
    } else {
        for (auto it = first.begin(); it != first.end(); ++it)
            page.emplace_back(*it, in_tier(it.get_weight()) ? it.get_weight() - tier
                                                            : it.get_weight());
    }
    hits.resize(page.size());
    release.done = true;
    page_set.set_value();
    build_hits(db, stemmer, matching, request, page, hits, next_hit);
    Counted counted = helper.get();
    result.hits = std::move(hits);
    if (request.facets) {
        result.total = counted.total;
        result.total_exact = counted.exact;
        for (std::size_t f = 0; f < kFacetCount; ++f)
            result.facets[kFacetNames[f]] = std::move(counted.facets[f]);
    } else {
        result.total = first.get_matches_estimated();
        result.total_exact = first.get_matches_lower_bound() == first.get_matches_upper_bound();
    }
    result.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count();
    return result;
}

}  // namespace thinkdex::query
