#include "facet_count.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "field_processors.hpp"
#include "thinkdex/common/schema.hpp"

namespace thinkdex::query {

namespace schema = thinkdex::schema;

namespace {

/// Host names a site facet value stands for ("www.example.org" and "example.org"), with room
/// for case variants: how many results naming remote sites may take.
constexpr std::size_t kHostsPerSite = 4;

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
        const std::string& packed = stream_value(id);
        tally(facet_fields(doc, packed, legacy_), id, 1, packed);
    }

    /// Counts `count` documents whose kSlotFacets value is `packed` (not empty), as
    /// Xapian's ValueCountMatchSpy reports them from remote shards.
    void add_packed(std::string_view packed, std::size_t count) {
        calls_ += count;
        seen_ += count;
        tally(facet_fields(Xapian::Document(), packed, legacy_), 0, count, packed);
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
                    m.value = facet == kFacetSite || facet == kFacetLanguage ? key : raw;
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
        std::sort(grouped_.begin(), grouped_.end(),
                  [](const Member& a, const Member& b) { return a.group < b.group; });
        std::unordered_map<std::string, std::size_t> having;  // facet-tagged key -> members
        for (std::size_t i = 0; i < grouped_.size();) {
            std::size_t j = i + 1;
            while (j < grouped_.size() && grouped_[j].group == grouped_[i].group) ++j;
            ++tally.collapsed_total;
            if (j - i > 1) {
                having.clear();
                for (std::size_t k = i; k < j; ++k) {
                    // A legacy member's fields are read again from its slots.
                    const Xapian::Document doc = grouped_[k].packed.empty()
                                                     ? db_.get_document(grouped_[k].id)
                                                     : Xapian::Document();
                    Legacy legacy;
                    for_each_value(facet_fields(doc, grouped_[k].packed, legacy), items_,
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
        // Sites from remote shards, with no document to name them, are named together at the
        // end: `remote` holds their positions among the site values.
        std::vector<std::size_t> remote;
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
                tally.facets[f].push_back({m.value, m.count, std::string()});
                if (f != kFacetSite) continue;
                if (m.doc == 0) remote.push_back(tally.facets[f].size() - 1);
                else  // named by the first document counted from it
                    tally.facets[f].back().label =
                        db_.get_document(m.doc).get_value(schema::kSlotSite);
            }
        }
        name_remote_sites(tally.facets[kFacetSite], remote);
        for (std::vector<FacetValue>& values : tally.facets)
            for (FacetValue& v : values)
                if (v.label.empty()) v.label = v.value;
        return tally;
    }

  private:
    /// Adds `count` documents with `fields` (`id` one of them, or 0 when unknown; `packed`
    /// their kSlotFacets value, "" for a legacy document).
    template <typename Fields>
    void tally(const Fields& fields, Xapian::docid id, std::size_t count, std::string_view packed) {
        if (collapse_) {
            const std::string_view group = fields[schema::kFieldDupGroup];
            if (group.empty()) ungrouped_ += count;
            else
                for (std::size_t i = 0; i < count; ++i)
                    grouped_.push_back({group_key(group), id, std::string(packed)});
        }
        for_each_value(fields, items_, [&](Facet f, std::string_view value) {
            auto it = raw_[f].find(value);
            if (it == raw_[f].end())
                it = raw_[f].emplace(std::string(value), RawCount{0, id}).first;
            it->second.count += count;
        });
    }

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
        items_of(kFacetAuthor, fields[schema::kFieldAuthors]);
        single(kFacetYear, fields[schema::kFieldYear]);
        single(kFacetSite, fields[schema::kFieldHost]);
        items_of(kFacetTag, fields[schema::kFieldTags]);
        single(kFacetLanguage, fields[schema::kFieldLanguage]);
        single(kFacetType, fields[schema::kFieldType]);
        single(kFacetKind, fields[schema::kFieldKind]);
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
            case kFacetAuthor: return schema::filter_term(schema::kAuthor, raw);
            case kFacetTag: return schema::filter_term(schema::kTag, raw);
            case kFacetSite: return std::string(schema::bare_host(raw));
            case kFacetLanguage: return schema::filter_term("", raw);
            default: return raw;
        }
    }

    /// Names the `sites` at positions `remote`, facet values from remote shards, which give no
    /// document id: each by the greatest site name among its documents, all in one match. The
    /// match keeps one document per host, sorted by site name, so that each result carries its
    /// host as collapse key and its name as sort key: no document is read, and no posting list,
    /// which a remote shard answers with a message a document (a site's thousands).
    void name_remote_sites(std::vector<FacetValue>& sites,
                           const std::vector<std::size_t>& remote) const {
        std::unordered_map<std::string, FacetValue*> by_key;
        std::vector<Xapian::Query> terms;
        for (std::size_t at : remote) {
            by_key.emplace(sites[at].value, &sites[at]);
            terms.emplace_back(site_term(sites[at].value));
        }
        if (terms.empty()) return;
        Xapian::Enquire named(db_);
        named.set_weighting_scheme(Xapian::BoolWeight());
        named.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
        named.set_collapse_key(schema::kSlotHost);
        named.set_sort_by_value(schema::kSlotSite, true);  // a document without a name last
        const Xapian::MSet found = named.get_mset(
            0, static_cast<Xapian::doccount>(terms.size() * kHostsPerSite));
        for (auto it = found.begin(); it != found.end(); ++it) {
            auto site = by_key.find(key_of(kFacetSite, it.get_collapse_key()));
            if (site != by_key.end() && site->second->label < it.get_sort_key())
                site->second->label = it.get_sort_key();
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
    /// Every grouped document counted: its group key, id (0 from remote shards) and
    /// kSlotFacets value ("" for a legacy document, whose values are read again by id).
    struct Member {
        std::uint64_t group;
        Xapian::docid id;
        std::string packed;
    };
    std::vector<Member> grouped_;
    std::size_t ungrouped_ = 0;
    std::size_t limit_;
    std::size_t seen_ = 0;
    std::size_t calls_ = 0;
};

/// The documents matching in the match that fed `spy` with checkatleast `check`: with fewer
/// than that, the match showed the spy every one; else Xapian's estimate (before collapsing).
Xapian::doccount matches(const Xapian::MSet& mset, const FacetSpy& spy, Xapian::doccount check) {
    const auto shown = static_cast<Xapian::doccount>(spy.calls());
    if (shown < check) return shown;
    return std::max(shown, mset.get_uncollapsed_matches_estimated());
}

}  // namespace

Counted count_matches(const Xapian::Database& db, const Xapian::Query& query,
                      const SearchRequest& request, bool sharded) {
    const auto check = static_cast<Xapian::doccount>(std::min<std::size_t>(
        db.get_doccount(), std::max<std::size_t>(request.exact_facet_matches, 1)));
    FacetSpy spy(db, request.collapse, check);
    Xapian::Enquire counting(db);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    counting.set_query(query);
    // Over shards the spy is Xapian's ValueCountMatchSpy over kSlotFacets, whose counts of
    // each packed value come back merged, and FacetSpy counts those values: remote shards run
    // a match spy on their own side, where the server knows only Xapian's classes, and a
    // spy reading its own values by document id would read a shard's local ids.
    Xapian::ValueCountMatchSpy packed(schema::kSlotFacets);
    counting.add_matchspy(sharded ? static_cast<Xapian::MatchSpy*>(&packed) : &spy);
    const Xapian::MSet mset = counting.get_mset(0, 0, check);
    if (sharded)
        for (auto it = packed.values_begin(); it != packed.values_end(); ++it)
            spy.add_packed(*it, it.get_termfreq());
    const Xapian::doccount counted = matches(mset, spy, check);
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

}  // namespace thinkdex::query
