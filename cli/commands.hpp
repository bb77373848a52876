#pragma once
// The `thinkdex` subcommands. Each registers itself on the app and, when chosen, loads the
// config, calls one library and returns the exit code. See the README's CLI reference.

#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "common_options.hpp"
#include "thinkdex/indexer/compact.hpp"

namespace thinkdex::cli {

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

/// `crawl`, whose run is thinkdex-crawler's (crawl_options.hpp): chosen, it replaces this
/// process with that program, given `argv`, the command line as it is.
void add_crawl(CLI::App& app, char** argv);
/// Sets `exit_code` from the subcommand's run when it is chosen.
void add_extract(CLI::App& app, int& exit_code);
void add_index(CLI::App& app, int& exit_code);
void add_search(CLI::App& app, int& exit_code);
void add_status(CLI::App& app, int& exit_code);
void add_compact(CLI::App& app, int& exit_code);
void add_serve_shard(CLI::App& app, int& exit_code);
void add_spelling(CLI::App& app, int& exit_code);
void add_config(CLI::App& app, int& exit_code);
void add_version(CLI::App& app, int& exit_code);

/// "compact finished: 12.0 MiB -> 8.1 MiB, 1000 documents, 0.4 s" on stdout.
void print_compact_stats(const indexer::CompactStats& stats);
/// The same as `--json` gives it: {"compacted": true, "bytes_before", "bytes_after",
/// "documents", "seconds"}.
nlohmann::json compact_json(const indexer::CompactStats& stats);

}  // namespace thinkdex::cli
