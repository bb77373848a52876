#pragma once
// The spelling data ("did you mean") that an index's terms imply: what the indexer's
// add_spelling() added for its documents, recovered from what Xapian's remote protocol
// carries (the terms and their collection frequencies), since Xapian 1.4 sends no spelling
// data from a remote shard. Summed over shards, it is the spelling data of one index of their
// documents.

#include <functional>
#include <map>
#include <string>

#include <xapian.h>

namespace thinkdex::query {

/// Each word of the spelling data of `db` (an index written by thinkdex's IndexWriter, local
/// or remote) with its frequency: the occurrences of the unprefixed term, less its folded
/// twins' (an accented word also counts once as its ASCII form) and less the extra weight of
/// its occurrences in titles (a title word is indexed kTitleWeight times); no word of one byte,
/// which Xapian's spelling table leaves out. For an index whose
/// spelling data the writer kept up to date, equal to its own spelling table. Throws
/// Xapian::Error from the database.
std::map<std::string, Xapian::termcount> spelling_counts(const Xapian::Database& db);

/// The same, read over `connections` handles of one database, each from `open` and on a thread
/// of its own: over the network each term's frequency is a round trip, and a server answers
/// each connection from a process of its own. Throws what `open` or a read throws, once every
/// thread has stopped.
std::map<std::string, Xapian::termcount> spelling_counts(
    const std::function<Xapian::Database()>& open, unsigned connections);

}  // namespace thinkdex::query
