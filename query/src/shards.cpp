#include "shards.hpp"

#include <spdlog/spdlog.h>

#include "thinkdex/common/error.hpp"

namespace thinkdex::query {

// A shard found down is tried again on the first search after this long: a long-lived
// searcher (`search --batch`, the bench) picks a restarted shard up without paying a
// connection timeout on every query while it is away.
constexpr std::chrono::seconds kShardRetry{30};

ShardSet::ShardSet(std::vector<ShardAddress> shards, std::chrono::milliseconds timeout)
    : timeout_(timeout) {
    for (auto& address : shards) shards_.push_back(Shard{std::move(address), false, {}});
}

Xapian::Database ShardSet::open_one(const ShardAddress& address) const {
    if (!address.remote()) return Xapian::Database(address.path.string());
    const auto ms = static_cast<useconds_t>(timeout_.count());
    return Xapian::Remote::open(address.host, address.port, ms, ms);
}

std::vector<Xapian::Database> ShardSet::open(std::size_t handles) {
    std::vector<Xapian::Database> out(handles);
    local_ = Xapian::Database();
    std::string last_error;
    bool any = false;
    for (Shard& shard : shards_) {
        try {
            std::vector<Xapian::Database> opened;
            for (std::size_t h = 0; h < handles; ++h)
                opened.push_back(open_one(shard.address));
            for (std::size_t h = 0; h < handles; ++h) out[h].add_database(opened[h]);
            if (!shard.address.remote()) local_.add_database(opened.front());
            if (shard.down) spdlog::info("shard {} answers again", shard.address.name());
            shard.down = false;
            any = true;
        } catch (const Xapian::Error& e) {
            last_error = "shard " + shard.address.name() + ": " + e.get_description();
            if (!shard.down) spdlog::warn("leaving out {}", last_error);
            shard.down = true;
            shard.down_since = std::chrono::steady_clock::now();
        }
    }
    if (!any) throw Fatal("cannot search " + describe() + ": no shard answers (" + last_error + ")");
    return out;
}

std::optional<std::vector<ShardAddress>> shard_addresses(const IndexSource& source) {
    if (!source.shards.empty()) {
        std::vector<ShardAddress> out;
        for (const std::string& entry : source.shards) {
            std::string why;
            auto address = parse_shard_address(entry, why);
            if (!address) throw ConfigError("index.shards: " + why);
            out.push_back(std::move(*address));
        }
        return out;
    }
    // A Xapian stub database is a file; an index is a directory.
    if (std::filesystem::is_regular_file(source.path)) return read_stub_file(source.path);
    return std::nullopt;
}

bool ShardSet::retry_due() const {
    const auto now = std::chrono::steady_clock::now();
    for (const Shard& shard : shards_)
        if (shard.down && now - shard.down_since >= kShardRetry) return true;
    return false;
}

std::vector<std::string> ShardSet::down() const {
    std::vector<std::string> out;
    for (const Shard& shard : shards_)
        if (shard.down) out.push_back(shard.address.name());
    return out;
}

bool ShardSet::remote() const {
    for (const Shard& shard : shards_)
        if (shard.address.remote()) return true;
    return false;
}

std::string ShardSet::describe() const {
    std::string names;
    for (const Shard& shard : shards_) names += (names.empty() ? "" : ", ") + shard.address.name();
    return std::to_string(shards_.size()) + " shard(s) (" + names + ")";
}

}  // namespace thinkdex::query
