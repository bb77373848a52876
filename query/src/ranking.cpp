#include "ranking.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <unordered_map>

#include "build_query.hpp"
#include "feedback.hpp"
#include "field_processors.hpp"
#include "ranked_docs.hpp"
#include "thinkdex/common/schema.hpp"

namespace thinkdex::query {

namespace schema = thinkdex::schema;

namespace {

// Ranking. Each setting was measured by nDCG@10 on Cranfield and the SciFact train queries
// (scripts/bench_ranking.sh; figures in the README's "Ranking" section). Gains there are
// small, so the values are round ones that help Cranfield without costing SciFact, not the
// best point of a fine grid.
//
// Feedback words (feedback.cpp) are added at kFeedbackWeight of their relative expansion
// weight. Weights from 0.2 to 0.3 score alike (Cranfield 0.400-0.401, SciFact 0.699-0.702);
// 0.1 gave Cranfield 0.395.
constexpr double kFeedbackWeight = 0.2;
// Proximity, feedback and the recency prior reorder the first pass's top this-many results (a
// second match over all results, to add a little weight, cost several times the first; 20, 30
// and 50 scored alike).
constexpr std::size_t kRerankDepth = 30;

// The recency prior adds at most this share of the query's best relevance score: enough to
// order results of similar relevance by date, too little to lift a weak match over a strong
// one. Relative to the best score because weights are on no fixed scale.
constexpr double kRecencyShare = 0.2;

/// Sort key for oldest first in indexes written before kSlotOldestFirst: the date, with
/// undated documents last instead of first.
class OldestFirstKey : public Xapian::KeyMaker {
  public:
    std::string operator()(const Xapian::Document& doc) const override {
        return schema::oldest_first_key(doc.get_value(schema::kSlotDate));
    }
};

/// The recency prior of SortOrder::kRecent for a date slot value: 2^(-age_days / half_life),
/// in [0, 1]; 0 for an undated document.
double recency(const std::string& date, std::chrono::sys_days today, double half_life) {
    // YYYYMMDD; "00" for an unknown month or day
    if (date.size() != 8 || !all_digits(date)) return 0;
    const int year = std::stoi(date.substr(0, 4));
    const unsigned month = static_cast<unsigned>(std::max(1, std::stoi(date.substr(4, 2))));
    const unsigned day = static_cast<unsigned>(std::max(1, std::stoi(date.substr(6, 2))));
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}};
    if (!ymd.ok()) return 0;
    const auto age = (today - std::chrono::sys_days(ymd)).count();
    return std::exp2(-static_cast<double>(std::max<decltype(age)>(age, 0)) / half_life);
}

/// The feedback words of `first`'s top results, each scaled by its relative expansion
/// weight, ORed; empty when there are none.
Xapian::Query feedback_words(const Xapian::Database& db, const Xapian::Enquire& enquire,
                             const Xapian::MSet& first, bool over_shards) {
    const std::vector<ExpansionWord> words =
        expansion_words(db, enquire.get_query(), first, over_shards);
    if (words.empty()) return {};
    const double max_weight = words.front().weight;
    std::vector<Xapian::Query> terms;
    for (const ExpansionWord& word : words)
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(word.term),
                           max_weight > 0 ? word.weight / max_weight : 1.0);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

/// Orders `enquire`'s matches by relevance and documents of equal weight by the hash of their
/// unique id (kSlotIdHash), not by document number as Xapian would: one index and its shards
/// number the same documents differently, and a tie decided by number could put different
/// documents above a cut (the rerank pass's top kRerankDepth, feedback's top kFeedbackDocs, a
/// page's end) or keep another member of a collapsed group. The sort travels to remote shards.
void by_relevance_then_id(Xapian::Enquire& enquire) {
    enquire.set_sort_by_relevance_then_value(schema::kSlotIdHash, false);
}

/// Orders [begin, end), documents of `first`, as by_relevance_then_id would have: by weight, then
/// by id hash, then by number. The rerank pass sorts its documents so rather than have Xapian
/// do it, which would read each one's id hash again (a block read a document): it returns
/// every document it visits, so no tie falls at a cut, and the first pass's sort keys carry
/// the hashes.
void by_weight_then_id(const Xapian::MSet& first, Scored::iterator begin, Scored::iterator end) {
    std::unordered_map<Xapian::docid, std::string> ids;
    for (auto it = first.begin(); it != first.end(); ++it) ids.emplace(*it, it.get_sort_key());
    std::sort(begin, end, [&ids](const auto& a, const auto& b) {
        if (a.second != b.second) return a.second > b.second;
        const std::string& id_a = ids.at(a.first);
        const std::string& id_b = ids.at(b.first);
        return id_a != id_b ? id_a < id_b : a.first < b.first;
    });
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

}  // namespace

std::unique_ptr<Xapian::Weight> make_weight(const RankingOptions& ranking) {
    if (ranking.weighting == "bm25")
        return std::make_unique<Xapian::BM25Weight>(ranking.bm25_k1, 0, 1, ranking.bm25_b, 0.5);
    return std::make_unique<Xapian::IneB2Weight>();
}

namespace {

/// The first pass's Enquire: `in`'s query and filter, its order, collapsing, and (in relevance
/// orders, with SearchRequest::publications_first) publications first. Publications, i.e.
/// documents that are not listings or pages, gain `tier`, more than the query's maximum
/// possible weight (which an MSet without documents gives without a match), so the match ranks
/// every matching publication first and, once its page is full of them, skips the rest
/// (AND_MAYBE turns into AND). Exact, unlike a bounded reorder; and, unlike sorting on a value,
/// the match keeps pruning by weight. `tier` is 0 when not applied.
Xapian::Enquire first_pass(const Xapian::Database& db, const RankingOptions& ranking,
                           const RankInput& in, double& tier) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(*make_weight(ranking));
    auto filtered = [&in](const Xapian::Query& q) {
        return in.filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, in.filter);
    };
    enquire.set_query(filtered(in.query));
    // Collapsing keeps the best-ranked (or first-sorted) member of each near-duplicate group.
    // Documents without a group value (indexes from before groups) are never collapsed.
    if (in.collapse) enquire.set_collapse_key(schema::kSlotDupGroup);
    if (in.sort == SortOrder::kNewest)
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
    else if (in.sort == SortOrder::kOldest && db.get_value_freq(schema::kSlotOldestFirst) ==
                                                   db.get_doccount())
        enquire.set_sort_by_value_then_relevance(schema::kSlotOldestFirst, false);
    else if (in.sort == SortOrder::kOldest)
        enquire.set_sort_by_key_then_relevance((new OldestFirstKey)->release(), false);
    else
        by_relevance_then_id(enquire);
    tier = in.ranked && in.publications_first ? publication_tier(db, enquire) : 0;
    if (tier > 0) {
        const Xapian::Query others[] = {
            Xapian::Query(std::string(schema::kKind) + std::string(schema::kKindListing)),
            Xapian::Query(std::string(schema::kKind) + std::string(schema::kKindPage))};
        const Xapian::Query publications(
            Xapian::Query::OP_AND_NOT,
            Xapian::Query((new Xapian::FixedWeightPostingSource(tier))->release()),
            Xapian::Query(Xapian::Query::OP_OR, std::begin(others), std::end(others)));
        enquire.set_query(
            filtered(Xapian::Query(Xapian::Query::OP_AND_MAYBE, in.query, publications)));
    }
    return enquire;
}

/// The rerank pass's query over `top`: their first-pass weights, plus with SortOrder::kRecent
/// the recency prior, which adds at most kRecencyShare of `best`, the top relevance score;
/// then the rerankers' additions: proximity and feedback words (ORed). The prior is added
/// to each document's weight here, since it depends on that document alone.
Xapian::Query reranking_query(const Xapian::Database& db, const Xapian::Enquire& enquire,
                              const Xapian::MSet& first, Scored top, double best,
                              const RankingOptions& ranking, const RankInput& in) {
    if (in.sort == SortOrder::kRecent && best > 0) {
        // score = relevance + kRecencyShare * best * 2^(-age / half-life).
        auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
        for (auto& [id, weight] : top)
            weight += kRecencyShare * best *
                      recency(db.get_document(id, Xapian::DOC_ASSUME_VALID)
                                  .get_value(schema::kSlotDate),
                              today, in.recency_half_life_days);
    }
    Xapian::Query reranking = ranked_docs(db, first, top, in.over_shards);
    std::vector<Xapian::Query> adding;
    if (!in.proximity.empty()) adding.push_back(in.proximity);
    if (ranking.feedback) {
        Xapian::Query words = feedback_words(db, enquire, first, in.over_shards);
        if (!words.empty())
            adding.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, words, kFeedbackWeight);
    }
    if (!adding.empty())
        reranking =
            Xapian::Query(Xapian::Query::OP_AND_MAYBE, reranking,
                          Xapian::Query(Xapian::Query::OP_OR, adding.begin(), adding.end()));
    return reranking;
}

/// `first`'s documents in rank order after the rerankers: its top kRerankDepth reordered by
/// the rerank pass, publications kept first, the publication tier taken off the scores.
Scored rerank(const Xapian::Database& db, const Xapian::Enquire& enquire,
              const Xapian::MSet& first, double tier, const RankingOptions& ranking,
              const RankInput& in) {
    auto in_tier = [tier](double weight) { return tier > 0 && weight >= tier; };
    Scored order;
    for (auto it = first.begin(); it != first.end(); ++it)
        order.emplace_back(*it, it.get_weight());
    const std::size_t depth = std::min(order.size(), kRerankDepth);
    Scored top(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(depth));
    // The rerank's additions are on no fixed scale: the tier is kept by document, not
    // by weight.
    std::vector<Xapian::docid> publications;
    for (const auto& [id, weight] : top)
        if (in_tier(weight)) publications.push_back(id);
    std::sort(publications.begin(), publications.end());
    const double best = top.empty() ? 0
                        : in_tier(top.front().second) ? top.front().second - tier
                                                      : top.front().second;
    Xapian::Enquire second(db);
    second.set_weighting_scheme(*make_weight(ranking));
    second.set_query(reranking_query(db, enquire, first, top, best, ranking, in));
    Xapian::MSet reranked = second.get_mset(0, static_cast<Xapian::doccount>(depth));
    if (reranked.size() == depth) {  // it is: the pass visits those documents only
        std::size_t i = 0;
        for (auto it = reranked.begin(); it != reranked.end(); ++it, ++i)
            order[i] = {*it, it.get_weight()};
        by_weight_then_id(first, order.begin(), order.begin() + static_cast<std::ptrdiff_t>(depth));
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
    return order;
}

}  // namespace

Ranked rank(const Xapian::Database& db, const RankingOptions& ranking, const RankInput& in) {
    double tier = 0;
    const Xapian::Enquire enquire = first_pass(db, ranking, in, tier);
    const bool rerankers =
        in.ranked && (!in.proximity.empty() || ranking.feedback || in.sort == SortOrder::kRecent);
    // With rerankers, the first pass fetches the top kRerankDepth (or down to the page, if
    // deeper), and the rerank pass reorders its top kRerankDepth; results below that keep the
    // first pass's order.
    const std::size_t end = in.offset + in.limit;
    const Xapian::MSet first = enquire.get_mset(
        rerankers ? 0 : static_cast<Xapian::doccount>(in.offset),
        static_cast<Xapian::doccount>(rerankers ? std::max(end, kRerankDepth) : in.limit));
    Ranked out;
    out.estimate = first.get_matches_estimated();
    out.estimate_exact = first.get_matches_lower_bound() == first.get_matches_upper_bound();
    if (rerankers) {
        const Scored order = rerank(db, enquire, first, tier, ranking, in);
        for (std::size_t at = in.offset; at < std::min(end, order.size()); ++at)
            out.page.push_back(order[at]);
    } else {
        for (auto it = first.begin(); it != first.end(); ++it)
            out.page.emplace_back(*it, tier > 0 && it.get_weight() >= tier
                                           ? it.get_weight() - tier
                                           : it.get_weight());
    }
    return out;
}

}  // namespace thinkdex::query
