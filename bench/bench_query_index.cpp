#include "bench_query_index.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <chrono>
#include <exception>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "thinkdex/common/error.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/indexer/index_writer.hpp"

namespace thinkdex::bench {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// Metadata key on the benchmark index: which corpus it was built from.
constexpr const char* kMetaCorpus = "bench:corpus";
constexpr const char* kLanguage = "english";

std::string host_of(const std::string& url) {
    auto start = url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    auto end = url.find_first_of("/:?#", start);
    return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

/// Indexes every `shards`-th line of the corpus, starting at line `shard`, into `db` with
/// IndexWriter as `thinkdex index --jsonl` does, committing every 10,000 documents (which also
/// bounds memory).
void build_shard(const fs::path& corpus, const fs::path& db, std::size_t shard, std::size_t shards,
                 const std::optional<thinkdex::ShardPart>& site_shard) {
    const auto start = Clock::now();
    thinkdex::indexer::IndexWriter writer(db, kLanguage);
    std::ifstream in(corpus);
    if (!in) throw thinkdex::Fatal("bench-query: cannot read corpus '" + corpus.string() + "'");
    std::string line;
    std::size_t count = 0, line_no = 0;
    while (std::getline(in, line)) {
        if (line_no++ % shards != shard || line.empty()) continue;
        auto record = nlohmann::json::parse(line, nullptr, false);
        if (record.is_discarded() || !record.is_object())
            throw thinkdex::Fatal(
                fmt::format("bench-query: {}:{}: not a JSON object", corpus.string(), count + 1));
        thinkdex::indexer::IndexDocument doc;
        doc.id = record.value("id", "");
        doc.title = record.value("title", "");
        doc.body = record.value("text", "");
        doc.url = record.value("url", "");
        doc.published = record.value("published", "");
        doc.site = record.value("site", "");
        doc.language = record.value("language", "");
        doc.authors = record.value("authors", std::vector<std::string>{});
        doc.tags = record.value("tags", std::vector<std::string>{});
        doc.host = host_of(doc.url);
        doc.type = "jsonl";
        if (site_shard && thinkdex::shard_of_host(doc.host.empty() ? doc.site : doc.host,
                                                  site_shard->count) != site_shard->index)
            continue;
        writer.upsert(doc);
        if (++count % 10000 == 0) {
            writer.commit();
            double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            spdlog::info("bench-query: shard {}: indexed {} documents ({:.0f}/s)", shard, count,
                         static_cast<double>(count) / seconds);
        }
    }
    writer.commit();
}

}  // namespace

std::string corpus_signature(const fs::path& corpus) {
    constexpr std::size_t kChunk = 1 << 20;
    const auto size = fs::file_size(corpus);
    std::ifstream in(corpus, std::ios::binary);
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    auto mix = [&](std::streamoff from) {
        std::string buffer(kChunk, '\0');
        in.clear();
        in.seekg(from);
        in.read(buffer.data(), static_cast<std::streamsize>(kChunk));
        buffer.resize(static_cast<std::size_t>(in.gcount()));
        for (unsigned char c : buffer) hash = (hash ^ c) * 0x100000001b3ULL;
    };
    mix(0);
    if (size > kChunk) mix(static_cast<std::streamoff>(size - kChunk));
    return fmt::format("{} bytes, fnv {:016x}", size, hash);
}

double build_index(const fs::path& corpus, const fs::path& db, const std::string& signature,
                   std::size_t threads, const std::optional<thinkdex::ShardPart>& site_shard) {
    const auto start = Clock::now();
    fs::remove_all(db);
    if (threads <= 1) {
        build_shard(corpus, db, 0, 1, site_shard);
    } else {
        const fs::path shard_dir = db.string() + ".shards";
        fs::remove_all(shard_dir);
        fs::create_directories(shard_dir);
        std::vector<std::thread> workers;
        std::vector<std::exception_ptr> errors(threads);
        for (std::size_t t = 0; t < threads; ++t)
            workers.emplace_back([&, t] {
                try {
                    build_shard(corpus, shard_dir / std::to_string(t), t, threads, site_shard);
                } catch (...) {
                    errors[t] = std::current_exception();
                }
            });
        for (auto& w : workers) w.join();
        for (const auto& e : errors)
            if (e) std::rethrow_exception(e);
        spdlog::info("bench-query: merging {} shards", threads);
        try {
            Xapian::Database shards;
            for (std::size_t t = 0; t < threads; ++t)
                shards.add_database(Xapian::Database((shard_dir / std::to_string(t)).string()));
            shards.compact(db.string());
        } catch (const Xapian::Error& e) {
            throw thinkdex::Fatal("bench-query: cannot merge the shards into '" + db.string() +
                                  "': " + e.get_description());
        }
        fs::remove_all(shard_dir);
    }
    thinkdex::indexer::IndexWriter writer(db, kLanguage);
    writer.set_metadata(kMetaCorpus, signature);
    writer.commit();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

bool index_is_of(const fs::path& db, const std::string& signature) {
    if (!fs::exists(db)) return false;
    try {
        const Xapian::Database index(db.string());
        return index.get_metadata(kMetaCorpus) == signature &&
               index.get_value_freq(schema::kSlotFacets) == index.get_doccount();
    } catch (const Xapian::Error&) {
        return false;
    }
}

std::uintmax_t directory_bytes(const fs::path& dir) {
    std::uintmax_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) total += entry.file_size();
    return total;
}

}  // namespace thinkdex::bench
