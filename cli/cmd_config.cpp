// thinkdex config: check the config, and with --show say which file was read and print the
// effective values.

#include <iostream>

#include "commands.hpp"
#include "thinkdex/common/config_toml.hpp"

namespace thinkdex::cli {

namespace {

struct ConfigOptions {
    CommonOptions common;
    bool show = false;
};

int run_config(const ConfigOptions& options) {
    auto location = locate_config(options.common);
    // Throws ConfigError listing every problem, file and line, like every other command.
    Config config = load(options.common);
    std::string from =
        location ? "'" + location->path.string() + "' (found by " + location->found_by + ")"
                 : "none: built-in defaults";
    if (!options.show) {
        std::cout << "config OK: " << from << "\n";
        return 0;
    }
    // As TOML comments, so that the output is itself a config file.
    std::cout << "# config file: " << from << "\n";
    // Values the environment or a flag set over the file's.
    const std::string in_file = config.file.string() + ":";
    for (const auto& [key, origin] : config.origins) {
        if (config.file.empty() || !origin.starts_with(in_file))
            std::cout << "# " << key << " set by " << origin << "\n";
    }
    std::cout << to_toml(config);
    return 0;
}

}  // namespace

void add_config(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ConfigOptions>();
    auto* sub = app.add_subcommand(
        "config", "Check the config (every problem, with file and line); --show prints it");
    add_common_options(*sub, options->common);
    sub->add_flag("--show", options->show,
                  "Also print which file was read and the effective values, as TOML");
    sub->callback([options, &exit_code] { exit_code = run_config(*options); });
}

}  // namespace thinkdex::cli
