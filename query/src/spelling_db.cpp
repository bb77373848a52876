#include "thinkdex/query/spelling_db.hpp"

#include <chrono>
#include <future>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>
#include <xapian.h>

#include "shards.hpp"
#include "spelling_counts.hpp"
#include "thinkdex/common/error.hpp"

namespace thinkdex::query {

namespace {

// Connections to each remote shard while reading its words: a round trip a word, so several
// at once, each answered by a server process of its own (xapian-tcpsrv forks one per
// connection); a few, so as not to crowd a shard that is also serving searches.
constexpr unsigned kConnectionsPerShard = 4;
// What the spelling database records of its making, for whoever wonders where it came from.
constexpr const char* kMetaSpellingShards = "thinkdex:spelling_shards";

using Words = std::map<std::string, Xapian::termcount>;

/// Every shard's spelling data, summed: the shards at the same time (they are on other
/// machines), each over kConnectionsPerShard connections (over the network each term's
/// frequency is a round trip).
Words read_shards(const std::vector<ShardAddress>& shards, std::chrono::milliseconds timeout) {
    std::vector<std::future<Words>> reads;
    for (const ShardAddress& shard : shards)
        reads.push_back(std::async(std::launch::async, [&shard, timeout] {
            return spelling_counts([&shard, timeout] { return open_shard(shard, timeout); },
                                   shard.remote() ? kConnectionsPerShard : 1);
        }));
    Words total;
    std::string failed;
    for (std::size_t i = 0; i < reads.size(); ++i) {
        try {
            for (const auto& [word, count] : reads[i].get()) total[word] += count;
        } catch (const Xapian::Error& e) {
            // Wait for the others before failing: their threads read `shards`.
            if (failed.empty()) failed = "shard " + shards[i].name() + ": " + e.get_description();
        }
    }
    if (!failed.empty())
        throw Fatal("cannot read the spelling data of " + failed +
                    " (the spelling database is left as it was)");
    return total;
}

/// Makes the spelling table of `db` equal `words`, changing only what differs.
void write_words(Xapian::WritableDatabase& db, const Words& words, SpellingDbStats& stats) {
    Words old;
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) old.emplace(*w, w.get_termfreq());
    for (const auto& [word, count] : old) {
        const auto now = words.find(word);
        if (now == words.end()) {
            db.remove_spelling(word, count);
            ++stats.removed;
        } else if (now->second != count) {
            if (now->second > count) db.add_spelling(word, now->second - count);
            else db.remove_spelling(word, count - now->second);
            ++stats.changed;
        }
    }
    for (const auto& [word, count] : words) {
        if (old.contains(word)) continue;
        db.add_spelling(word, count);
        ++stats.added;
    }
    stats.words = words.size();
}

}  // namespace

std::optional<std::filesystem::path> spelling_path(const IndexSource& source) {
    if (!source.spelling.empty()) return source.spelling;
    if (!source.shards.empty() || !std::filesystem::is_regular_file(source.path))
        return std::nullopt;
    std::filesystem::path out = source.path;
    out += ".spelling";
    return out;
}

SpellingDbStats update_spelling_db(const IndexSource& source) {
    const auto start = std::chrono::steady_clock::now();
    auto shards = shard_addresses(source);
    if (!shards)
        throw ConfigError("'" + source.path.string() + "' is one index, not shards: it keeps "
                          "its own spelling data");
    const auto path = spelling_path(source);
    if (!path)
        throw ConfigError("shards listed in index.shards need index.spelling to name their "
                          "spelling database");
    SpellingDbStats stats;
    stats.path = *path;
    stats.shards = shards->size();
    const Words words = read_shards(*shards, source.shard_timeout);
    std::string names;
    for (const ShardAddress& shard : *shards) names += (names.empty() ? "" : " ") + shard.name();
    try {
        Xapian::WritableDatabase db(path->string(), Xapian::DB_CREATE_OR_OPEN);
        write_words(db, words, stats);
        db.set_metadata(kMetaSpellingShards, names);
        db.commit();
    } catch (const Xapian::Error& e) {
        throw Fatal("cannot write the spelling database '" + path->string() +
                    "': " + e.get_description());
    }
    stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    spdlog::info("spelling database '{}': {} words from {} shard(s)", path->string(), stats.words,
                 stats.shards);
    return stats;
}

}  // namespace thinkdex::query
