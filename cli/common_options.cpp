// The options every subcommand takes, the config they load, and main's exit codes: shared by
// `thinkdex` and thinkdex-crawler.

#include "common_options.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "thinkdex/common/error.hpp"
#include "thinkdex/common/logging.hpp"

namespace thinkdex::cli {

namespace {

/// A subcommand's options with the global ones filled in where it left them unset.
CommonOptions with_globals(CommonOptions options) {
    const CommonOptions& global = global_options();
    if (options.config.empty()) options.config = global.config;
    if (options.data_dir.empty()) options.data_dir = global.data_dir;
    options.verbose += global.verbose;
    options.quiet = options.quiet || global.quiet;
    return options;
}

}  // namespace

CommonOptions& global_options() {
    static CommonOptions options;
    return options;
}

void add_common_options(CLI::App& sub, CommonOptions& options) {
    sub.add_option("--config", options.config,
                   "Config file (default: $THINKDEX_CONFIG, ./thinkdex.toml, "
                   "$XDG_CONFIG_HOME/thinkdex/thinkdex.toml, then the installed one)");
    sub.add_option("--data-dir", options.data_dir, "Directory of the crawl store and index");
    sub.add_flag("-v,--verbose", options.verbose, "More detailed logs (repeat for more)");
    sub.add_flag("-q,--quiet", options.quiet, "Only log errors");
}

std::optional<ConfigLocation> locate_config(const CommonOptions& options) {
    CommonOptions merged = with_globals(options);
    if (!merged.config.empty()) return ConfigLocation{merged.config, "--config"};
    return find_config();
}

Config load(const CommonOptions& options) {
    const CommonOptions merged = with_globals(options);
    // Log at the default level until the config says otherwise, so config errors are seen.
    init_logging(merged.quiet ? -1 : merged.verbose);
    std::optional<std::filesystem::path> path;
    if (auto location = locate_config(merged)) path = location->path;
    Config config = load_config(path);
    if (!merged.data_dir.empty()) {
        config.data_dir = merged.data_dir;
        config.origins["data_dir"] = "--data-dir";
    }
    validate(config);
    init_logging(merged.quiet ? -1 : merged.verbose, config.log.level, config.log.file);
    return config;
}

void require_writable_dir(const std::filesystem::path& dir) {
    const std::string advice = ": give a data directory you can write to, with --data-dir or "
                               "data_dir in the config";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Fatal("cannot create data dir '" + dir.string() + "': " + ec.message() + advice);
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
        throw Fatal("data dir '" + dir.string() + "' is not writable: " +
                    std::strerror(errno) + advice);
    }
}

int run_guarded(CLI::App& app, const std::function<int()>& parse_and_run) {
    try {
        return parse_and_run();
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    } catch (const Fatal& e) {
        std::cerr << "thinkdex: " << e.what() << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "thinkdex: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace thinkdex::cli
