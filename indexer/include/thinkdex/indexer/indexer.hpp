#pragma once
// Feeding the index: from the crawl store (extract what changed) or from JSON lines.

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "thinkdex/common/config.hpp"
#include "thinkdex/common/shard.hpp"

namespace thinkdex::indexer {

struct IndexStats {
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;  ///< store changed, but extracted content hash is the same
    std::size_t removed = 0;
    std::map<std::string, std::size_t> skipped;  ///< reason -> count ("not-html", "empty", ...)
    std::size_t total_docs = 0;                  ///< in the index afterwards
    std::size_t other_shards = 0;  ///< with a ShardPart: pages or lines left to other shards
};

/// Extracts every page of the crawl store at `config.store_path()` that changed since the last
/// run, and upserts or removes it in the index at `config.index_path()`. One commit at the end:
/// an interrupted run leaves the index as it was. `rebuild`: reprocess every stored page.
/// Throws thinkdex::Fatal if the store or the index cannot be opened.
/// `shard` (`index --shard i/N`): only pages whose site falls in shard i (shard_of_host() of
/// the host), so that N runs over one store build N disjoint shards.
IndexStats index_store(const Config& config, bool rebuild = false,
                       std::optional<ShardPart> shard = std::nullopt);

/// Imports JSON lines {"id","title","text", optional "authors","published","url",
/// "site","tags","language","kind"} into the index at `db`. "kind" is "article" (the default),
/// "listing" or "page". A malformed line (or another kind) stops the import with Fatal naming
/// the file and line, and nothing is committed.
/// `shard`: only the lines whose site (the URL's host, else "site") falls in shard i; the
/// whole file is checked all the same.
IndexStats import_jsonl(const std::filesystem::path& jsonl, const std::filesystem::path& db,
                        const std::string& language,
                        std::optional<ShardPart> shard = std::nullopt);

}  // namespace thinkdex::indexer
