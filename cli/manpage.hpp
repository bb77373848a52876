#pragma once

#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

namespace thinkdex::cli {

/// thinkdex(1) in troff (man(7) macros): every command and option of `app` with its help text,
/// exit status, environment and config files. `version`: "thinkdex 0.1.0".
std::string render_man_page(const CLI::App& app, std::string_view version);

}  // namespace thinkdex::cli
