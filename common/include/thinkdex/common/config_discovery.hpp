#pragma once
// Where thinkdex finds its config file when --config does not name one.

#include <filesystem>
#include <optional>
#include <string>

namespace thinkdex {

/// A config file found, and the rule that found it, for `thinkdex config --show`.
struct ConfigLocation {
    std::filesystem::path path;
    std::string found_by;  ///< "$THINKDEX_CONFIG", "./thinkdex.toml", "$XDG_CONFIG_HOME", ...
};

/// The first of these that is set or exists:
/// 1. $THINKDEX_CONFIG (set and not empty; it must then exist, load_config() says so if not);
/// 2. ./thinkdex.toml;
/// 3. $XDG_CONFIG_HOME/thinkdex/thinkdex.toml, with $HOME/.config when XDG_CONFIG_HOME is unset,
///    empty or relative (the XDG Base Directory rule);
/// 4. system_config_path().
/// Nothing when none applies: the built-in defaults are used. (--config comes before all of
/// these; the CLI handles it.)
std::optional<ConfigLocation> find_config();

/// SYSCONFDIR/thinkdex/thinkdex.toml, from the install prefix CMake was configured with
/// (/usr/local/etc/thinkdex/thinkdex.toml by default), where `cmake --install` puts the config.
std::filesystem::path system_config_path();

}  // namespace thinkdex
