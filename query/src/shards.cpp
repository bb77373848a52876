#include "shards.hpp"

#include <spdlog/spdlog.h>

#include "thinkdex/common/error.hpp"

namespace thinkdex::query {

// A shard found down is tried again on the first search after this long: a long-lived
// searcher (`search --batch`, the bench) picks a restarted shard up without paying a
// connection timeout on every query while it is away.
constexpr std::chrono::seconds kShardRetry{30};

ShardSet::ShardSet(std::vector<ShardAddress> shards, std::chrono::milliseconds timeout,
                   std::optional<std::filesystem::path> spelling, bool named)
    : timeout_(timeout), spelling_path_(std::move(spelling)), spelling_named_(named) {
    for (auto& address : shards) shards_.push_back(Shard{std::move(address), false, {}});
}

Xapian::Database open_shard(const ShardAddress& address, std::chrono::milliseconds timeout) {
    if (!address.remote()) return Xapian::Database(address.path.string());
    const auto ms = static_cast<useconds_t>(timeout.count());
    return Xapian::Remote::open(address.host, address.port, ms, ms);
}

void ShardSet::open_spelling() {
    spelling_open_ = false;
    spelling_absent_ = false;
    if (!spelling_path_) return;
    std::error_code error;
    if (!std::filesystem::exists(*spelling_path_, error)) {
        spelling_absent_ = true;
        // Named by the user: say so, but search on; beside a stub file it is optional.
        if (spelling_named_)
            spdlog::warn("no spelling database at '{}' (index.spelling): \"did you mean\" "
                         "reads the local shards only; build it with `thinkdex spelling`",
                         spelling_path_->string());
        else
            spdlog::debug("no spelling database at '{}'", spelling_path_->string());
        return;
    }
    try {
        spelling_ = Xapian::Database(spelling_path_->string());
        spelling_open_ = true;
    } catch (const Xapian::Error& e) {
        spdlog::warn("cannot read the spelling database '{}': {}; \"did you mean\" reads the "
                     "local shards only",
                     spelling_path_->string(), e.get_description());
    }
}

void ShardSet::refresh_spelling() {
    if (!spelling_open_) {
        // Built since the searcher looked (a long-lived `search --batch`)? One that could not
        // be read is tried again when the shards are (open()), not at every search.
        std::error_code error;
        if (spelling_absent_ && std::filesystem::exists(*spelling_path_, error)) open_spelling();
        return;
    }
    try {
        spelling_.reopen();
    } catch (const Xapian::Error& e) {
        spdlog::debug("cannot reopen the spelling database '{}': {}", spelling_path_->string(),
                      e.get_description());
    }
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
                opened.push_back(open_shard(shard.address, timeout_));
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
    open_spelling();
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
