#pragma once
// The `thinkdex` subcommands. Each registers itself on the app and, when chosen, loads the
// config, calls one library and returns the exit code. See the README's CLI reference.

#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "thinkdex/common/config.hpp"
#include "thinkdex/common/config_discovery.hpp"
#include "thinkdex/indexer/compact.hpp"

namespace thinkdex::cli {

/// Options every subcommand takes.
struct CommonOptions {
    std::string config;    ///< --config
    std::string data_dir;  ///< --data-dir
    int verbose = 0;       ///< -v, repeatable
    bool quiet = false;    ///< --quiet
};

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

/// "thinkdex 0.1.0"
std::string version_line();

/// Help in the words of git and ripgrep: "Usage: thinkdex [OPTIONS] COMMAND [ARGS]" and a
/// "Commands:" list. Call after adding every subcommand.
void set_help_format(CLI::App& app);

/// What `thinkdex` without a known command does, returning the exit code: with no words, the
/// command list on stderr (2); else it names the first word and suggests the nearest command (2).
int no_command(const CLI::App& app, const std::vector<std::string>& words);

/// `thinkdex help [COMMAND]`, as in git: that help (or the command list) on stdout, exit code 0;
/// `thinkdex help --man`: the manual page thinkdex(1) in troff (see manpage.hpp);
/// an unknown COMMAND as no_command(). Handled before parsing, where CLI11 would run COMMAND.
int help(const CLI::App& app, const std::vector<std::string>& words);

/// Sets `exit_code` from the subcommand's run when it is chosen.
void add_crawl(CLI::App& app, int& exit_code);
void add_extract(CLI::App& app, int& exit_code);
void add_index(CLI::App& app, int& exit_code);
void add_search(CLI::App& app, int& exit_code);
void add_status(CLI::App& app, int& exit_code);
void add_compact(CLI::App& app, int& exit_code);
void add_serve_shard(CLI::App& app, int& exit_code);
void add_config(CLI::App& app, int& exit_code);
void add_version(CLI::App& app, int& exit_code);

/// "compact finished: 12.0 MiB -> 8.1 MiB, 1000 documents, 0.4 s" on stdout.
void print_compact_stats(const indexer::CompactStats& stats);
/// The same as `--json` gives it: {"compacted": true, "bytes_before", "bytes_after",
/// "documents", "seconds"}.
nlohmann::json compact_json(const indexer::CompactStats& stats);
/// Skip counts by reason, as the summaries of crawl and index give them.
struct Skips {
    std::size_t total = 0;
    std::string text;        ///< "robots 1, scope 30"
    nlohmann::json by_reason;  ///< {"robots": 1, "scope": 30}
};
Skips summarize(const std::map<std::string, std::size_t>& reasons);

}  // namespace thinkdex::cli
