// thinkdex: crawl, extract, index and search think-tank publications.

#include <iostream>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/logging.hpp"

namespace thinkdex::cli {

void add_common_options(CLI::App& sub, CommonOptions& options) {
    sub.add_option("--config", options.config,
                   "Config file (default: $THINKDEX_CONFIG, else ./config/thinkdex.toml)");
    sub.add_option("--data-dir", options.data_dir, "Directory of the crawl store and index");
    sub.add_flag("-v,--verbose", options.verbose, "More detailed logs (repeat for more)");
    sub.add_flag("-q,--quiet", options.quiet, "Only log errors");
}

Config load(const CommonOptions& options) {
    // Log at the default level until the config says otherwise, so config errors are seen.
    init_logging(options.quiet ? -1 : options.verbose);
    std::optional<std::filesystem::path> path;
    if (!options.config.empty()) path = options.config;
    else path = default_config_path();
    Config config = load_config(path);
    if (!options.data_dir.empty()) config.data_dir = options.data_dir;
    validate(config);
    init_logging(options.quiet ? -1 : options.verbose, config.log.level, config.log.file);
    return config;
}

}  // namespace thinkdex::cli

int main(int argc, char** argv) {
    CLI::App app{"thinkdex: full-text search for think-tank publications"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "thinkdex 0.1.0");
    int exit_code = 0;
    thinkdex::cli::add_crawl(app, exit_code);
    thinkdex::cli::add_extract(app, exit_code);
    thinkdex::cli::add_index(app, exit_code);
    thinkdex::cli::add_search(app, exit_code);
    thinkdex::cli::add_status(app, exit_code);
    thinkdex::cli::add_compact(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    } catch (const thinkdex::Fatal& e) {
        std::cerr << "thinkdex: " << e.what() << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "thinkdex: " << e.what() << "\n";
        return 1;
    }
    return exit_code;
}
