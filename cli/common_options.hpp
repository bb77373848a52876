#pragma once
// What every thinkdex program on the command line shares: `thinkdex` and thinkdex-crawler,
// which runs `thinkdex crawl` (crawl_options.hpp). The options every subcommand takes, the
// config they load, the skip counts of the summaries, and main's mapping of errors to exit
// codes.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "thinkdex/common/config.hpp"
#include "thinkdex/common/config_discovery.hpp"

namespace thinkdex::cli {

/// Options every subcommand takes.
struct CommonOptions {
    std::string config;    ///< --config
    std::string data_dir;  ///< --data-dir
    int verbose = 0;       ///< -v, repeatable
    bool quiet = false;    ///< --quiet
};

/// The options given before the subcommand (`thinkdex --config F search ...`), which every
/// subcommand's own take precedence over.
CommonOptions& global_options();

/// Adds --config, --data-dir, -v and --quiet to `sub` (and to the app itself, where they
/// stand before the subcommand and apply to it unless it gives its own).
void add_common_options(CLI::App& sub, CommonOptions& options);

/// The config file a subcommand with `options` reads: --config (its own, else the one before
/// the subcommand), else find_config()'s; nothing for the built-in defaults.
std::optional<ConfigLocation> locate_config(const CommonOptions& options);

/// The layered config (defaults, file, environment, --data-dir), validated, with logging set
/// up. Throws ConfigError listing every problem.
Config load(const CommonOptions& options);

/// Creates `dir` if needed; throws Fatal with the reason and what to do when it cannot be
/// created or written to (instead of SQLite's or Xapian's own message, later).
void require_writable_dir(const std::filesystem::path& dir);

/// Runs `parse_and_run` (which parses the command line with `app` and runs the command) and
/// returns its exit code, or the one of what it threw, with the message on stderr: 0 for
/// --help and --version, 2 for a usage error, Fatal's own (2 for ConfigError, else 1), 1 for
/// any other exception ("thinkdex: " and its message).
int run_guarded(CLI::App& app, const std::function<int()>& parse_and_run);

/// Skip counts by reason, as the summaries of crawl and index give them.
struct Skips {
    std::size_t total = 0;
    std::string text;          ///< "robots 1, scope 30"
    nlohmann::json by_reason;  ///< {"robots": 1, "scope": 30}
};
Skips summarize(const std::map<std::string, std::size_t>& reasons);

}  // namespace thinkdex::cli
