#include "ranked_docs.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "thinkdex/common/schema.hpp"

namespace thinkdex::query {

namespace schema = thinkdex::schema;

namespace {

/// Given documents with given weights, in document order.
class RankedDocs : public Xapian::PostingSource {
  public:
    /// `docs` in any order.
    explicit RankedDocs(Scored docs) : docs_(std::move(docs)) {
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

    Scored docs_;  ///< by document number
    double max_weight_ = 0;
    std::size_t at_ = 0;
    bool started_ = false;
};

/// Each of `top` as a fixed weight filtered by its id hash term. The hash is each result's sort
/// key, since the first pass sorts ties by it (by_relevance_then_id): reading an id from the
/// document would cost a round trip a document over a remote shard. Documents indexed before
/// kSlotIdHash are found by their unique id term, from their term list.
Xapian::Query by_id_terms(const Xapian::Database& db, const Xapian::MSet& first,
                          const Scored& top) {
    std::vector<Xapian::Query> docs;
    const std::string prefix(schema::kUniqueId);
    auto result = first.begin();
    for (const auto& [id, weight] : top) {
        const std::string hash = (result++).get_sort_key();
        std::string term;
        if (!hash.empty()) {
            term = schema::id_hash_term(hash);
        } else {
            auto t = db.termlist_begin(id);
            t.skip_to(prefix);
            if (t == db.termlist_end(id) || !(*t).starts_with(prefix)) continue;
            term = *t;
        }
        docs.emplace_back(Xapian::Query::OP_FILTER,
                          Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()),
                          Xapian::Query(term));
    }
    return Xapian::Query(Xapian::Query::OP_OR, docs.begin(), docs.end());
}

}  // namespace

Xapian::Query ranked_docs(const Xapian::Database& db, const Xapian::MSet& first,
                          const Scored& top, bool over_shards) {
    if (over_shards) return by_id_terms(db, first, top);
    return Xapian::Query((new RankedDocs(top))->release());
}

}  // namespace thinkdex::query
