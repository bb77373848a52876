#pragma once
// bench-query's index: built from a gen-corpus file with IndexWriter, in parallel shards merged
// by compaction, or reused when it is a complete index of the same corpus.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "thinkdex/common/shard.hpp"

namespace thinkdex::bench {

/// Size plus FNV-1a of the first and last MiB: enough to tell corpora apart without reading
/// half a gigabyte each run.
std::string corpus_signature(const std::filesystem::path& corpus);

/// Builds the index of the corpus and records which corpus it came from. With `threads` > 1,
/// shards are built in parallel and merged with Xapian's compaction (which merges the spelling
/// data too), because indexing 100,000 documents single-threaded takes long.
/// Returns the seconds it took.
double build_index(const std::filesystem::path& corpus, const std::filesystem::path& db,
                   const std::string& signature, std::size_t threads,
                   const std::optional<thinkdex::ShardPart>& site_shard);

/// Whether `db` is a complete index of the corpus with `signature`, in the current schema
/// (every document has the facets slot, which search would otherwise read slot by slot).
bool index_is_of(const std::filesystem::path& db, const std::string& signature);

/// Bytes of the files below `dir` (the index's size on disk).
std::uintmax_t directory_bytes(const std::filesystem::path& dir);

}  // namespace thinkdex::bench
