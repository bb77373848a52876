#include "thinkdex/common/config_discovery.hpp"

#include <cstdlib>

#include "thinkdex/common/config.hpp"

#ifndef THINKDEX_SYSCONFDIR
#error "THINKDEX_SYSCONFDIR must be defined by the build (CMAKE_INSTALL_FULL_SYSCONFDIR)"
#endif

namespace thinkdex {

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

}  // namespace

std::filesystem::path system_config_path() {
    return std::filesystem::path(THINKDEX_SYSCONFDIR) / "thinkdex" / "thinkdex.toml";
}

std::optional<ConfigLocation> find_config() {
    if (auto path = env("THINKDEX_CONFIG"); !path.empty())
        return ConfigLocation{path, "$THINKDEX_CONFIG"};
    std::error_code ec;
    if (std::filesystem::exists("thinkdex.toml", ec))
        return ConfigLocation{"thinkdex.toml", "./thinkdex.toml"};
    std::filesystem::path xdg = env("XDG_CONFIG_HOME");
    std::string found_by = "$XDG_CONFIG_HOME";
    if (xdg.empty() || xdg.is_relative()) {
        xdg = env("HOME").empty() ? std::filesystem::path()
                                  : std::filesystem::path(env("HOME")) / ".config";
        found_by = "$HOME/.config";
    }
    if (!xdg.empty()) {
        auto user = xdg / "thinkdex" / "thinkdex.toml";
        if (std::filesystem::exists(user, ec)) return ConfigLocation{user, found_by};
    }
    if (std::filesystem::exists(system_config_path(), ec))
        return ConfigLocation{system_config_path(), "SYSCONFDIR"};
    return std::nullopt;
}

std::optional<std::filesystem::path> default_config_path() {
    if (auto found = find_config()) return found->path;
    return std::nullopt;
}

}  // namespace thinkdex
