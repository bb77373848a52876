#pragma once
// A search over shards (docs/scale-out.md): each shard opened on its own handle, a remote one
// with the configured timeout, and the handles joined into one Xapian::Database; a shard that
// is down or stalled is left out, and the results say they are partial.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "thinkdex/common/shard.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// The shards `source` names (its list, or the stub file at its path), or nothing when it is
/// one index directory. Throws ConfigError naming a bad entry or stub line.
std::optional<std::vector<ShardAddress>> shard_addresses(const IndexSource& source);

/// Opens one shard: a local directory, or a remote one with `timeout` for connecting and for
/// each answer. Throws Xapian::Error.
Xapian::Database open_shard(const ShardAddress& address, std::chrono::milliseconds timeout);

class ShardSet {
  public:
    /// `shards`: at least one. `timeout`: for connecting to a remote shard and for each of
    /// its answers. `spelling`: the spelling database (spelling_db.hpp), if any; `named`:
    /// the user named it, so that its absence is worth a warning.
    ShardSet(std::vector<ShardAddress> shards, std::chrono::milliseconds timeout,
             std::optional<std::filesystem::path> spelling = {}, bool named = false);

    /// `handles` databases, each joining every shard that answers now (in the order given,
    /// so document ids are the same in each). The others are marked down, with a warning
    /// naming the shard and why. Throws Fatal when no shard answers.
    std::vector<Xapian::Database> open(std::size_t handles);

    /// Whether a shard is down and its time to be tried again has come.
    bool retry_due() const;
    /// The names of the shards left out by the last open(), in order.
    std::vector<std::string> down() const;
    /// Where "did you mean" takes its words from, since Xapian 1.4 reads no spelling data
    /// over the remote protocol: the spelling database when it could be opened, else the
    /// local shards that answered, joined (empty when every shard is remote).
    const Xapian::Database& spelling() const { return spelling_open_ ? spelling_ : local_; }
    /// The spelling database at its latest commit, or opened if it has appeared since. A
    /// database that cannot be read is left out, with a warning: it fails no search.
    void refresh_spelling();
    /// Whether a shard is remote: the search then uses only what the remote protocol carries.
    bool remote() const;
    /// "N shards (a, b, ...)": for messages.
    std::string describe() const;

  private:
    struct Shard {
        ShardAddress address;
        bool down = false;
        std::chrono::steady_clock::time_point down_since;
    };
    void open_spelling();

    std::vector<Shard> shards_;
    std::chrono::milliseconds timeout_;
    Xapian::Database local_;
    std::optional<std::filesystem::path> spelling_path_;
    bool spelling_named_ = false;
    Xapian::Database spelling_;
    bool spelling_open_ = false;
    bool spelling_absent_ = false;  ///< not there at the last look
};

}  // namespace thinkdex::query
