#pragma once
// Scale-out: where a shard of the index lives, and which shard a site's documents go to. The
// indexer (`index --shard i/N`), the config check and the query side (stub files, [index]
// shards) agree on these.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace thinkdex {

/// One shard of a split index: served by `thinkdex serve-shard` at host:port, or a local
/// index directory.
struct ShardAddress {
    std::string host;             ///< empty for a local directory
    unsigned port = 0;            ///< 1..65535 when remote
    std::filesystem::path path;   ///< the directory when local
    /// "HOST:PORT" or the path, as messages name the shard.
    std::string name() const;
    bool remote() const { return !host.empty(); }
};

/// An [index] shards entry: "HOST:PORT" (a name or address without '/', then a port of 1 to
/// 65535; "[::1]:PORT" for IPv6) is remote, anything else is a directory. Empty, or a port out
/// of range, gives nothing and says why in `why`.
std::optional<ShardAddress> parse_shard_address(std::string_view text, std::string& why);

/// The shards a Xapian stub database file lists: "remote HOST:PORT" (TCP; Xapian's
/// "remote :PROGRAM" form is refused), "auto PATH" or "glass PATH" (relative paths from the
/// stub's directory), blank lines and "#" comments. Throws ConfigError naming the file and
/// line of the first bad line, or saying it lists no shard.
std::vector<ShardAddress> read_stub_file(const std::filesystem::path& stub);

/// "i/N" of `--shard` and `--partition`: part i (0-based) of N, 0 <= i < N <= kMaxShards.
struct ShardPart {
    unsigned index = 0;
    unsigned count = 1;
};
inline constexpr unsigned kMaxShards = 4096;

/// Parses "i/N"; throws ConfigError saying what is wrong with `text` (`what` names the flag).
ShardPart parse_shard_part(std::string_view text, std::string_view what);

/// The shard (0..count-1) of a site: FNV-1a (64 bits) of its host, lower case and without a
/// leading "www." (schema::bare_host), modulo `count`. Stable across runs, machines and
/// versions: changing it moves documents between shards, so it never changes.
unsigned shard_of_host(std::string_view host, unsigned count);

}  // namespace thinkdex
