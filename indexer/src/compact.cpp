#include "thinkdex/indexer/compact.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <stdio.h>  // renameat2 (glibc 2.28+)
#include <xapian.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>

#include "thinkdex/common/error.hpp"
#include "thinkdex/common/schema.hpp"

namespace thinkdex::indexer {

namespace {

namespace fs = std::filesystem;

std::uintmax_t directory_bytes(const fs::path& dir) {
    std::uintmax_t total = 0;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
        if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    }
    return total;
}

std::size_t to_count(const std::string& text) {
    try {
        return text.empty() ? 0 : static_cast<std::size_t>(std::stoull(text));
    } catch (const std::exception&) {
        return 0;  // a damaged value counts as "no record", which compacts sooner, not never
    }
}

std::string now_iso() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/// Puts `fresh` where `index` is and `index` where `fresh` was, atomically where the file
/// system allows.
void swap_directories(const fs::path& fresh, const fs::path& index) {
    if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, index.c_str(), RENAME_EXCHANGE) == 0) return;
    int err = errno;
    if (err != EINVAL && err != ENOSYS && err != ENOTSUP)
        throw Fatal("cannot swap '" + fresh.string() + "' into '" + index.string() +
                    "': " + std::strerror(err));
    spdlog::warn("this file system cannot swap directories atomically ({}); renaming instead",
                 std::strerror(err));
    fs::path old = fresh.string() + ".old";
    fs::rename(index, old);
    fs::rename(fresh, index);
    fs::rename(old, fresh);
}

}  // namespace

CompactDecision compaction_due(const fs::path& index, double min_changed_percent) {
    CompactDecision d;
    std::string store_seq, compact_seq;
    try {
        Xapian::Database db(index.string(), Xapian::DB_OPEN);
        d.documents = db.get_doccount();
        store_seq = db.get_metadata(std::string(schema::kMetaStoreSeq));
        compact_seq = db.get_metadata(std::string(kMetaCompactSeq));
    } catch (const Xapian::Error& e) {
        throw Fatal("cannot open index '" + index.string() + "': " + e.get_description());
    }
    if (store_seq.empty()) {
        d.reason = "no record of changes (an imported index; `thinkdex compact` compacts it)";
        return d;
    }
    std::size_t now = to_count(store_seq), then = to_count(compact_seq);
    d.changes = now > then ? now - then : 0;
    double percent = d.documents == 0 ? 0
                                      : 100.0 * static_cast<double>(d.changes) /
                                            static_cast<double>(d.documents);
    d.due = d.documents > 0 && d.changes > 0 && percent >= min_changed_percent;
    d.reason = std::to_string(d.changes) + " changes since the last compaction: " +
               std::to_string(static_cast<long>(std::lround(percent))) + "% of " +
               std::to_string(d.documents) + " documents, threshold " +
               std::to_string(static_cast<long>(std::lround(min_changed_percent))) + "%";
    return d;
}

CompactStats compact_index(const fs::path& index_in) {
    const auto start = std::chrono::steady_clock::now();
    // Absolute, so that the copy lands beside the index even for "index" or "data/index/".
    const fs::path index = fs::absolute(index_in).lexically_normal();
    const fs::path dir = index.filename().empty() ? index.parent_path() : index;
    if (!fs::is_directory(dir))
        throw Fatal("cannot compact '" + dir.string() + "': no index there");
    const fs::path fresh = dir.string() + ".compacting";
    CompactStats stats;
    try {
        // Holding the write lock keeps indexers out: what they committed to the old copy
        // would be lost in the swap.
        Xapian::WritableDatabase lock(dir.string(), Xapian::DB_OPEN);
        Xapian::Database source(dir.string(), Xapian::DB_OPEN);
        stats.documents = source.get_doccount();
        stats.bytes_before = directory_bytes(dir);
        fs::remove_all(fresh);  // a copy left by an interrupted run
        spdlog::info("compacting {} ({} documents)", dir.string(), stats.documents);
        source.compact(fresh.string(), Xapian::DBCOMPACT_NO_RENUMBER);
        {
            Xapian::WritableDatabase copy(fresh.string(), Xapian::DB_OPEN);
            if (copy.get_doccount() != stats.documents)
                throw Fatal("compacted copy of '" + dir.string() + "' has " +
                            std::to_string(copy.get_doccount()) + " documents, not " +
                            std::to_string(stats.documents));
            copy.set_metadata(std::string(kMetaCompactSeq),
                              source.get_metadata(std::string(schema::kMetaStoreSeq)));
            copy.set_metadata(std::string(kMetaLastCompact), now_iso());
            copy.commit();
            copy.close();
        }
        stats.bytes_after = directory_bytes(fresh);
        swap_directories(fresh, dir);
        source.close();
        lock.close();
    } catch (const Xapian::DatabaseLockError& e) {
        throw Fatal("cannot compact '" + dir.string() +
                    "': another process is writing to it (an index run?): " + e.get_msg());
    } catch (const Xapian::Error& e) {
        std::error_code ec;
        fs::remove_all(fresh, ec);
        throw Fatal("cannot compact '" + dir.string() + "': " + e.get_description());
    } catch (const Fatal&) {
        std::error_code ec;
        fs::remove_all(fresh, ec);
        throw;
    }
    // The old index, now at `fresh`: searches that have it open keep their files until they
    // close them.
    std::error_code ec;
    fs::remove_all(fresh, ec);
    if (ec) spdlog::warn("cannot remove the old index '{}': {}", fresh.string(), ec.message());
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    spdlog::info("compacted {}: {} -> {} bytes in {:.1f} s", dir.string(), stats.bytes_before,
                 stats.bytes_after, stats.seconds);
    return stats;
}

}  // namespace thinkdex::indexer
