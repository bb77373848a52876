#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace thinkdex::cli {

/// A completion script for `shell` ("bash" or "zsh") that completes the commands and options of
/// `app`, and file names where a command takes files. Empty for another shell.
std::string render_completion(const CLI::App& app, const std::string& shell);

/// `thinkdex completion bash|zsh`: prints the script (`source <(thinkdex completion bash)`).
void add_completion(CLI::App& app, int& exit_code);

}  // namespace thinkdex::cli
