#pragma once
// Pseudo-relevance feedback: words common to the top results, to expand the query with.

#include <string>
#include <vector>

#include <xapian.h>

namespace thinkdex::query {

/// An expansion word and its weight.
struct ExpansionWord {
    std::string term;
    double weight = 0;
};

/// The expansion words of `first`'s top results (a match of `query` on `db`), heaviest
/// first: the stemmed words ("Z" + stem) that enough of them share, less `query`'s own
/// terms, weighed as Xapian's Enquire::get_eset weighs them by default (TradEWeight, exact
/// term frequencies) and chosen in its order.
///
/// Computed here, not by get_eset: over a remote shard Xapian reads each feedback document's
/// term list twice (once for us to choose the candidate words, once for get_eset), a message
/// a term, and asks for each candidate's frequencies one round trip at a time. This reads
/// each term list once, and, `over_shards`, all frequencies in one match. On one local index
/// each frequency is looked up instead: the match opens every candidate's posting list, about
/// 50 more block reads a search on the 100k bench index.
std::vector<ExpansionWord> expansion_words(const Xapian::Database& db, const Xapian::Query& query,
                                           const Xapian::MSet& first, bool over_shards);

}  // namespace thinkdex::query
