// thinkdex spelling: build or update the spelling database ("did you mean") of an index split
// into shards, from the shards themselves (docs/scale-out.md).

#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "thinkdex/query/engine.hpp"
#include "thinkdex/query/spelling_db.hpp"

namespace thinkdex::cli {

namespace {

struct SpellingOptions {
    CommonOptions common;
    std::string db;
    bool json = false;
};

int run_spelling(const SpellingOptions& options) {
    Config config = load(options.common);
    const query::IndexSource source = query::Engine::source(config, options.db);
    const query::SpellingDbStats stats = query::update_spelling_db(source);
    if (options.json) {
        std::cout << nlohmann::json{{"path", stats.path.string()}, {"shards", stats.shards},
                                    {"words", stats.words},        {"added", stats.added},
                                    {"removed", stats.removed},    {"changed", stats.changed},
                                    {"seconds", stats.seconds}}
                  << "\n";
        return 0;
    }
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", stats.seconds);
    std::cout << "spelling database '" << stats.path.string() << "': " << stats.words
              << " words from " << stats.shards << " shard(s), " << stats.added << " new, "
              << stats.removed << " gone, " << stats.changed << " changed, " << seconds << " s\n";
    return 0;
}

}  // namespace

void add_spelling(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<SpellingOptions>();
    auto* sub = app.add_subcommand(
        "spelling", "Build or update the \"did you mean\" words of an index split into shards");
    add_common_options(*sub, options->common);
    sub->add_option("--db", options->db,
                    "Xapian stub file of shards; the words go beside it, to STUB.spelling "
                    "(default: [index] shards, words to index.spelling or DATA_DIR/index.spelling)");
    sub->add_flag("--json", options->json, "Print the outcome as one JSON object");
    sub->callback([options, &exit_code] { exit_code = run_spelling(*options); });
}

}  // namespace thinkdex::cli
