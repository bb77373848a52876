#pragma once
// The rerank pass's left side: the first pass's top documents with their weights, and no other
// document, so that the pass visits these documents only and adds to their weights.

#include <xapian.h>

#include "ranking.hpp"

namespace thinkdex::query {

/// `top`, the first documents of `first` in order, each with its weight in `top`. On one
/// local index, a posting source over their document numbers, which reads nothing from the
/// index. `over_shards` (a stub's shards), Xapian's own parts instead, a fixed weight filtered
/// by each document's id hash term (schema::kIdHash): a remote shard's server knows only
/// Xapian's classes (Debian's Xapian 1.4 ships no TcpServer header to build one with a registry
/// of ours), and each shard numbers its documents itself. Looking 30 terms up costs about 140
/// block reads a search on the 100k bench index (the whole first pass about 75), hence the
/// local form.
Xapian::Query ranked_docs(const Xapian::Database& db, const Xapian::MSet& first,
                          const Scored& top, bool over_shards);

}  // namespace thinkdex::query
