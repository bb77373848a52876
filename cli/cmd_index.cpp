// thinkdex index: extract what changed in the crawl store into the index, or import JSON lines.

#include <iostream>

#include "commands.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/indexer/indexer.hpp"

namespace thinkdex::cli {

namespace {

struct IndexOptions {
    CommonOptions common;
    bool rebuild = false;
    bool compact = false;
    std::string jsonl;
    std::string db;
    bool json = false;
    std::string shard;  ///< "i/N", or "" for the whole index
};

/// The run's summary line (and the compaction's), or with --json both as one JSON object.
void print_stats(const IndexOptions& options, const indexer::IndexStats& stats,
                 const std::filesystem::path& db) {
    std::optional<indexer::CompactStats> compacted;
    if (options.compact) compacted = indexer::compact_index(db);
    const Skips skips = summarize(stats.skipped);
    if (options.json) {
        nlohmann::json summary{{"added", stats.added},
                               {"updated", stats.updated},
                               {"unchanged", stats.unchanged},
                               {"removed", stats.removed},
                               {"skipped", skips.total},
                               {"skipped_by_reason", skips.by_reason},
                               {"documents", stats.total_docs},
                               {"other_shards", stats.other_shards},
                               {"index", db.string()}};
        if (compacted) summary["compact"] = compact_json(*compacted);
        std::cout << summary << "\n";
        return;
    }
    std::cout << "index finished: " << stats.added << " added, " << stats.updated << " updated, "
              << stats.unchanged << " unchanged, " << stats.removed << " removed, " << skips.total
              << " skipped" << (skips.text.empty() ? "" : " (" + skips.text + ")") << "; "
              << stats.total_docs << " documents in " << db.string()
              << (options.shard.empty() ? ""
                                        : " (shard " + options.shard + "; " +
                                              std::to_string(stats.other_shards) +
                                              " left to other shards)")
              << "\n";
    if (compacted) print_compact_stats(*compacted);
}

int run_index(const IndexOptions& options) {
    Config config = load(options.common);
    std::optional<ShardPart> shard;
    if (!options.shard.empty()) shard = parse_shard_part(options.shard, "--shard");
    if (!options.jsonl.empty()) {
        if (options.db.empty()) throw ConfigError("--jsonl needs --db DIR: where to write the index");
        print_stats(options,
                    indexer::import_jsonl(options.jsonl, options.db, config.index.language, shard),
                    options.db);
        return 0;
    }
    if (!options.db.empty()) throw ConfigError("--db goes with --jsonl; crawled pages are indexed "
                                               "into DATA_DIR/index");
    print_stats(options, indexer::index_store(config, options.rebuild, shard),
                config.index_path());
    return 0;
}

}  // namespace

void add_index(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<IndexOptions>();
    auto* sub = app.add_subcommand(
        "index", "Extract new and changed pages from the crawl store into the search index");
    add_common_options(*sub, options->common);
    sub->add_flag("--rebuild", options->rebuild,
                  "Re-extract every stored page, not only those changed since the last run");
    sub->add_option("--jsonl", options->jsonl,
                    "Import documents from JSON lines {\"id\",\"title\",\"text\",...} instead")
        ->check(CLI::ExistingFile);
    sub->add_option("--db", options->db, "Index directory for --jsonl");
    sub->add_flag("--compact", options->compact,
                  "Then compact the index (see `thinkdex compact`), whatever changed");
    sub->add_flag("--json", options->json, "Print the summary as one JSON object");
    sub->add_option("--shard", options->shard,
                    "Build shard i of N (i/N, from 0): only the sites that hash to it "
                    "(docs/scale-out.md)");
    sub->callback([options, &exit_code] { exit_code = run_index(*options); });
}

}  // namespace thinkdex::cli
