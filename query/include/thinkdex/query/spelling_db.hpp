#pragma once
// "Did you mean" over remote shards (docs/scale-out.md): Xapian 1.4 sends no spelling data
// from a remote shard, so the search machine keeps the spelling data of every shard in a small
// local Xapian database of its own (words and frequencies, no documents), which
// `thinkdex spelling` builds from what the remote protocol does send, and which the search
// reads instead of the shards' own.

#include <cstddef>
#include <filesystem>
#include <optional>

#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// The spelling database of `source`: IndexSource::spelling when set; else, for a stub file,
/// the stub's path with ".spelling" added (`shards.stub` -> `shards.stub.spelling`); nothing
/// for one index directory, which keeps its own spelling data, or for a bare shard list.
std::optional<std::filesystem::path> spelling_path(const IndexSource& source);

struct SpellingDbStats {
    std::filesystem::path path;  ///< the spelling database written
    std::size_t shards = 0;
    std::size_t words = 0;    ///< words it holds now
    std::size_t added = 0;    ///< words new to it
    std::size_t removed = 0;  ///< words no shard has any more
    std::size_t changed = 0;  ///< words whose frequency changed
    double seconds = 0;
};

/// Builds the spelling database of `source` (spelling_path()), or brings it up to date: the
/// spelling data of every shard, local or remote, summed, so that "did you mean" over the
/// shards is that of one index of their documents. Each shard is read on a connection of its
/// own (IndexSource::shard_timeout for each answer); the database changes in one commit, so a
/// search reads either the old words or the new. Throws ConfigError when `source` is not
/// shards or names no spelling database, and Fatal when a shard does not answer (naming it;
/// the database is then left as it was) or the database cannot be written.
SpellingDbStats update_spelling_db(const IndexSource& source);

}  // namespace thinkdex::query
