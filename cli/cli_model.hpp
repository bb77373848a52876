#pragma once
// The command line as data, read from the CLI11 app itself, so that the man page and the shell
// completions say exactly what `--help` says and never drift from it.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace thinkdex::cli {

struct OptionSpec {
    std::vector<std::string> names;  ///< "-v", "--verbose"; empty for a positional
    std::string value;               ///< "URL", "N"...: what it takes; empty for a flag
    std::string description;
    bool repeatable = false;
};

struct CommandSpec {
    std::string name;  ///< "search"; empty for the program itself
    std::string description;
    std::vector<OptionSpec> options;     ///< without --help
    std::vector<OptionSpec> positionals;
};

/// The program's own options (first, name "") and then each command, in the order added.
std::vector<CommandSpec> describe(const CLI::App& app);

}  // namespace thinkdex::cli
