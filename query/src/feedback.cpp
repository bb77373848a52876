#include "feedback.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "build_query.hpp"
#include "field_processors.hpp"

namespace thinkdex::query {

namespace {

// The top kFeedbackDocs results vote for expansion words; a word must occur in
// kFeedbackMinDocs of them, since words from one document drag the ranking towards it
// (SciFact, with one or two relevant documents a query, loses 0.02-0.04 without this). Only
// the kFeedbackCandidates likeliest words are weighed, and the kFeedbackTerms heaviest kept.
constexpr Xapian::doccount kFeedbackDocs = 3;
constexpr unsigned kFeedbackMinDocs = 2;
constexpr std::size_t kFeedbackTerms = 10;
constexpr std::size_t kFeedbackCandidates = 30;
// TradEWeight's k, as Xapian's Enquire has it by default.
constexpr double kExpandK = 1.0;

/// A word of the feedback documents.
struct Candidate {
    unsigned docs = 0;           ///< feedback documents with it
    Xapian::termcount wdf = 0;   ///< its wdf summed over them
    double multiplier = 0;       ///< TradEWeight's within-document part, summed over them
};

/// Stemmed unprefixed words ("Z" + stem) of three letters or more, no digits, no stop words.
bool wanted(const std::string& term) {
    return term.size() >= 4 && term[0] == 'Z' &&
           std::all_of(term.begin() + 1, term.end(), ascii_lower) && !stopper()(term.substr(1));
}

/// The stemmed words of the first `docs` documents of `first`, each read once. A document's
/// length is the sum of its wdfs (Xapian's definition), summed here rather than asked for.
std::unordered_map<std::string, Candidate> words_of(const Xapian::Database& db,
                                                    const Xapian::MSet& first,
                                                    Xapian::doccount docs) {
    const double average_length = db.get_avlength();
    std::unordered_map<std::string, Candidate> seen;
    std::vector<std::pair<std::string, Xapian::termcount>> stemmed;
    auto it = first.begin();
    for (Xapian::doccount i = 0; i < docs; ++i, ++it) {
        stemmed.clear();
        Xapian::termcount length = 0;
        for (auto t = db.termlist_begin(*it); t != db.termlist_end(*it); ++t) {
            length += t.get_wdf();
            if ((*t).starts_with('Z')) stemmed.emplace_back(*t, t.get_wdf());
        }
        for (const auto& [term, wdf] : stemmed) {
            Candidate& c = seen[term];
            ++c.docs;
            c.wdf += wdf;
            const double w = std::max<Xapian::termcount>(wdf, 1);  // as Xapian's ExpandStats
            c.multiplier +=
                (kExpandK + 1) * w / (kExpandK * static_cast<double>(length) / average_length + w);
        }
    }
    return seen;
}

/// The kFeedbackCandidates likeliest words of `seen` (in most documents, then most wdf) that
/// enough documents share, less `query`'s terms, in term order (the order Xapian's term list
/// merge visits them).
std::vector<std::pair<std::string, Candidate>> likeliest(
    std::unordered_map<std::string, Candidate>& seen, const Xapian::Query& query) {
    std::vector<std::pair<std::string, Candidate>> out;
    for (auto& [term, c] : seen)
        if (c.docs >= kFeedbackMinDocs && wanted(term)) out.emplace_back(term, c);
    const auto keep = std::min(out.size(), kFeedbackCandidates);
    auto likelier = [](const auto& a, const auto& b) {
        if (a.second.docs != b.second.docs) return a.second.docs > b.second.docs;
        if (a.second.wdf != b.second.wdf) return a.second.wdf > b.second.wdf;
        return a.first < b.first;
    };
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                      likelier);
    out.resize(keep);
    const std::unordered_set<std::string> asked(query.get_terms_begin(), query.get_terms_end());
    std::erase_if(out, [&asked](const auto& word) { return asked.contains(word.first); });
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

/// Xapian's ExpandTerm order: heavier first; of equal weights, the greater term.
bool before(const ExpansionWord& a, const ExpansionWord& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.term > b.term;
}

}  // namespace

std::vector<ExpansionWord> expansion_words(const Xapian::Database& db, const Xapian::Query& query,
                                           const Xapian::MSet& first, bool over_shards) {
    const Xapian::doccount rset = std::min<Xapian::doccount>(kFeedbackDocs, first.size());
    if (rset == 0) return {};
    auto seen = words_of(db, first, rset);
    const auto candidates = likeliest(seen, query);
    if (candidates.empty()) return {};
    // Over shards every candidate's frequency comes from one match's statistics: one exchange
    // with each remote shard instead of a round trip a word.
    Xapian::MSet frequencies;
    if (over_shards) {
        std::vector<Xapian::Query> terms;
        for (const auto& [term, c] : candidates) terms.emplace_back(term);
        Xapian::Enquire stats(db);
        stats.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
        frequencies = stats.get_mset(0, 0);
    }
    const double documents = db.get_doccount();
    // TradEWeight::get_weight() and ESet::Internal::expand() of Xapian 1.4, step for step, so
    // that the words and their order are those get_eset would give: a heap of the heaviest,
    // a word no heavier than the lightest kept skipped once the heap is full.
    std::vector<ExpansionWord> kept;
    double lightest = 0;
    bool heap = false;
    for (const auto& [term, c] : candidates) {
        const double relevant = c.docs, without = rset - relevant;
        const double frequency =
            over_shards ? frequencies.get_termfreq(term) : db.get_termfreq(term);
        const double weight =
            c.multiplier * std::log((relevant + 0.5) * (documents - frequency - without + 0.5) /
                                    ((frequency - relevant + 0.5) * (without + 0.5)));
        if (weight <= lightest) continue;
        kept.push_back({term, weight});
        if (kept.size() <= kFeedbackTerms) continue;
        if (!heap) {
            heap = true;
            std::make_heap(kept.begin(), kept.end(), before);
        } else {
            std::push_heap(kept.begin(), kept.end(), before);
        }
        std::pop_heap(kept.begin(), kept.end(), before);
        kept.pop_back();
        lightest = kept.front().weight;
    }
    std::sort(kept.begin(), kept.end(), before);
    return kept;
}

}  // namespace thinkdex::query
