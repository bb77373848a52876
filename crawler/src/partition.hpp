#pragma once
// A partitioned crawl (`thinkdex crawl --partition i/N`): which hosts this worker owns, and
// the outbox through which links to other workers' hosts reach their owners. A host belongs to
// partition shard_of_host(host) of N, the hash `index --shard` uses, so that worker i's store
// feeds shard i. The host is the name alone, without port: the unit of politeness, so that one
// server is never fetched by two workers at once.
//
// Links to other partitions go to the store's `outbox` table. At the end of each run the
// worker writes, next to its store, outbox/to-J-of-N.jsonl for every other partition J (all
// links ever handed to J, one JSON object a line); whoever runs the workers copies that file
// into worker J's inbox/ directory (cron and rsync, docs/scale-out.md), and worker J queues
// the links of every inbox/*.jsonl at the start of its next run. Re-reading a file is harmless:
// the frontier takes a URL once a run, and a stored page is fetched only when it is due.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "thinkdex/common/shard.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::crawler {

class Partition {
  public:
    /// `part` empty (or 0/1): a whole crawl, every host ours, nothing handed over.
    Partition(std::optional<ShardPart> part, store::CrawlStore& store);

    /// True when `host` (lower case, without port) is this worker's to fetch.
    bool owns(std::string_view host) const;
    /// Keeps `entry` for its owner when `host` is not ours and returns true (the caller then
    /// neither queues nor fetches it); false for our own hosts.
    bool hand_over(const store::FrontierEntry& entry, std::string_view host);
    /// Writes the links kept since the last flush to the store (one transaction).
    void flush();
    /// The links other workers handed to this partition: every inbox/*.jsonl next to the
    /// store. Throws Fatal naming the file and line of a malformed line, or of a link meant
    /// for another partition or host (a file copied to the wrong worker).
    std::vector<store::FrontierEntry> read_inbox() const;
    /// Writes outbox/to-J-of-N.jsonl for every other partition J (empty when nothing goes to
    /// J), each through a temporary file renamed into place: a reader never sees half a file.
    void export_outboxes() const;

    bool whole() const { return !part_; }
    std::size_t handed_over() const { return handed_over_; }

  private:
    std::optional<ShardPart> part_;
    store::CrawlStore& store_;
    std::vector<store::HandedOver> pending_;
    std::size_t handed_over_ = 0;  ///< new links kept in the outbox this run
};

/// Checks that `store` is crawled as `part` (nothing, or 0/1, for a whole crawl) and records
/// the partition in a new store, so that a store never mixes partitions. Throws ConfigError
/// saying which partition the store holds otherwise.
void claim_partition(store::CrawlStore& store, std::optional<ShardPart> part);

/// The directories next to `store_path` that outbox files are written to and read from.
std::filesystem::path outbox_dir(const std::filesystem::path& store_path);
std::filesystem::path inbox_dir(const std::filesystem::path& store_path);

}  // namespace thinkdex::crawler
