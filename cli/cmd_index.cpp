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
};

void print_stats(const indexer::IndexStats& stats, const std::filesystem::path& db) {
    std::size_t skipped = 0;
    std::string reasons;
    for (const auto& [reason, count] : stats.skipped) {
        skipped += count;
        reasons += (reasons.empty() ? "" : ", ") + reason + " " + std::to_string(count);
    }
    std::cout << "index finished: " << stats.added << " added, " << stats.updated << " updated, "
              << stats.unchanged << " unchanged, " << stats.removed << " removed, " << skipped
              << " skipped" << (reasons.empty() ? "" : " (" + reasons + ")") << "; "
              << stats.total_docs << " documents in " << db.string() << "\n";
}

int run_index(const IndexOptions& options) {
    Config config = load(options.common);
    if (!options.jsonl.empty()) {
        if (options.db.empty()) throw ConfigError("--jsonl needs --db DIR: where to write the index");
        print_stats(indexer::import_jsonl(options.jsonl, options.db, config.index.language),
                    options.db);
        if (options.compact) print_compact_stats(indexer::compact_index(options.db));
        return 0;
    }
    if (!options.db.empty()) throw ConfigError("--db goes with --jsonl; crawled pages are indexed "
                                               "into DATA_DIR/index");
    print_stats(indexer::index_store(config, options.rebuild), config.index_path());
    if (options.compact) print_compact_stats(indexer::compact_index(config.index_path()));
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
    sub->callback([options, &exit_code] { exit_code = run_index(*options); });
}

}  // namespace thinkdex::cli
