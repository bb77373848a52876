#pragma once
// Compacting the index: Xapian::Database::compact() into a new directory beside it, then an
// atomic swap of the two directories, so that searches never see a half-written index.
//
// When it is worth it: every change the indexer applies leaves free space in Xapian's B-trees
// that only compaction gives back (a compacted index is often a third smaller, and faster to
// search because more of it fits in the page cache). The rule is: compact when the crawl-store
// changes indexed since the last compaction (new, changed and gone pages, counted by the
// store's change sequence that the indexer records in the index) reach `min_changed_percent`
// of the documents, 10% by default. An index never compacted counts every change since it
// was created, so the first nightly run compacts it.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace thinkdex::indexer {

/// Metadata written on the compacted index: the store change sequence it was compacted at
/// (schema::kMetaStoreSeq then), and when (ISO 8601 UTC).
inline constexpr std::string_view kMetaCompactSeq = "thinkdex:compact_store_seq";
inline constexpr std::string_view kMetaLastCompact = "thinkdex:last_compact";

inline constexpr double kDefaultCompactPercent = 10.0;

/// Whether compaction is worth it now, and why (for the logs and the nightly summary).
struct CompactDecision {
    bool due = false;
    std::size_t changes = 0;    ///< store changes indexed since the last compaction
    std::size_t documents = 0;  ///< documents in the index
    std::string reason;         ///< e.g. "12 changes since the last compaction: 30% of 40
                                ///< documents, threshold 10%"
};

/// Applies the rule above to the index at `index`, read-only. An index without a store change
/// sequence (one imported with --jsonl) is never due: compact it with compact_index(). Throws
/// thinkdex::Fatal when the index cannot be opened.
CompactDecision compaction_due(const std::filesystem::path& index,
                               double min_changed_percent = kDefaultCompactPercent);

struct CompactStats {
    std::uintmax_t bytes_before = 0;  ///< size of the index's files before
    std::uintmax_t bytes_after = 0;   ///< and after
    std::size_t documents = 0;
    double seconds = 0;
};

/// Compacts the index at `index` now: holds its write lock (so no indexer commits meanwhile),
/// writes a compacted copy to "<index>.compacting" beside it, checks that it has every
/// document, records kMetaCompactSeq and kMetaLastCompact in it, then swaps the two
/// directories with renameat2(RENAME_EXCHANGE) and deletes the old one. A search that opened
/// the old index keeps reading its open files; one that starts later opens the new one; none
/// sees a missing or half-written index. (On a file system without RENAME_EXCHANGE the old
/// directory is renamed away first, and a search starting in that instant finds no index.)
/// Throws thinkdex::Fatal, leaving the index as it was, when it is missing, another process
/// is writing to it, or the copy fails.
CompactStats compact_index(const std::filesystem::path& index);

}  // namespace thinkdex::indexer
