#pragma once
// The `thinkdex` subcommands. Each registers itself on the app and, when chosen, loads the
// config, calls one library and returns the exit code. See the README's CLI reference.

#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>

#include "thinkdex/common/config.hpp"
#include "thinkdex/indexer/compact.hpp"

namespace thinkdex::cli {

/// Options every subcommand takes.
struct CommonOptions {
    std::string config;    ///< --config
    std::string data_dir;  ///< --data-dir
    int verbose = 0;       ///< -v, repeatable
    bool quiet = false;    ///< --quiet
};

/// Adds --config, --data-dir, -v and --quiet to `sub`.
void add_common_options(CLI::App& sub, CommonOptions& options);

/// The layered config (defaults, file, environment, --data-dir), validated, with logging set
/// up. Throws ConfigError listing every problem.
Config load(const CommonOptions& options);

/// Sets `exit_code` from the subcommand's run when it is chosen.
void add_crawl(CLI::App& app, int& exit_code);
void add_extract(CLI::App& app, int& exit_code);
void add_index(CLI::App& app, int& exit_code);
void add_search(CLI::App& app, int& exit_code);
void add_status(CLI::App& app, int& exit_code);
void add_compact(CLI::App& app, int& exit_code);

/// "compact finished: 12.0 MiB -> 8.1 MiB, 1000 documents, 0.4 s" on stdout (the nightly
/// script reads it).
void print_compact_stats(const indexer::CompactStats& stats);

}  // namespace thinkdex::cli
