// thinkdex compact: compact the index now, or with --auto only when it is worth it.

#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/indexer/compact.hpp"

namespace thinkdex::cli {

namespace {

struct CompactOptions {
    CommonOptions common;
    bool automatic = false;
    double min_changed_percent = indexer::kDefaultCompactPercent;
    std::string db;
    bool json = false;
};

std::string mib(std::uintmax_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

int run_compact(const CompactOptions& options) {
    Config config = load(options.common);
    std::filesystem::path index =
        options.db.empty() ? config.index_path() : std::filesystem::path(options.db);
    if (options.automatic) {
        auto decision = indexer::compaction_due(index, options.min_changed_percent);
        if (!decision.due) {
            if (options.json) {
                std::cout << nlohmann::json{{"compacted", false}, {"reason", decision.reason}}
                          << "\n";
            } else {
                std::cout << "compact skipped: " << decision.reason << "\n";
            }
            return 0;
        }
    }
    const indexer::CompactStats stats = indexer::compact_index(index);
    if (options.json) {
        std::cout << compact_json(stats) << "\n";
    } else {
        print_compact_stats(stats);
    }
    return 0;
}

}  // namespace

nlohmann::json compact_json(const indexer::CompactStats& stats) {
    return {{"compacted", true},
            {"bytes_before", stats.bytes_before},
            {"bytes_after", stats.bytes_after},
            {"documents", stats.documents},
            {"seconds", stats.seconds}};
}

void print_compact_stats(const indexer::CompactStats& stats) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", stats.seconds);
    std::cout << "compact finished: " << mib(stats.bytes_before) << " -> " << mib(stats.bytes_after)
              << ", " << stats.documents << " documents, " << seconds << " s\n";
}

void add_compact(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<CompactOptions>();
    auto* sub = app.add_subcommand(
        "compact", "Compact the search index (searches keep working; the swap is atomic)");
    add_common_options(*sub, options->common);
    sub->add_flag("--auto", options->automatic,
                  "Only when it is worth it: when the changes indexed since the last "
                  "compaction reach --min-changed percent of the documents");
    sub->add_option("--min-changed", options->min_changed_percent,
                    "Threshold for --auto, in percent of the documents")
        ->default_val(indexer::kDefaultCompactPercent)
        ->check(CLI::Range(0.0, 1000.0));
    sub->add_option("--db", options->db, "Index directory (default: DATA_DIR/index)");
    sub->add_flag("--json", options->json, "Print the outcome as one JSON object");
    sub->callback([options, &exit_code] { exit_code = run_compact(*options); });
}

}  // namespace thinkdex::cli
