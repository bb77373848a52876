// thinkdex: crawl, extract, index and search think-tank publications.

#include <string_view>

#include "commands.hpp"
#include "completion.hpp"

int main(int argc, char** argv) {
    namespace cli = thinkdex::cli;
    CLI::App app{"thinkdex: full-text search for think-tank publications", "thinkdex"};
    app.set_version_flag("--version", cli::version_line(), "Print the version and exit");
    app.footer("Run 'thinkdex COMMAND --help' for the options of a command.");
    cli::add_common_options(app, cli::global_options());
    // Whatever stands where a command should: named in the error when it is not one.
    std::vector<std::string> not_a_command;
    app.add_option("COMMAND", not_a_command)->group("");
    int exit_code = 0;
    cli::add_crawl(app, argv);
    cli::add_extract(app, exit_code);
    cli::add_index(app, exit_code);
    cli::add_search(app, exit_code);
    cli::add_status(app, exit_code);
    cli::add_compact(app, exit_code);
    cli::add_serve_shard(app, exit_code);
    cli::add_spelling(app, exit_code);
    cli::add_config(app, exit_code);
    cli::add_version(app, exit_code);
    cli::add_completion(app, exit_code);
    cli::set_help_format(app);
    if (argc > 1 && std::string_view(argv[1]) == "help")
        return cli::help(app, std::vector<std::string>(argv + 2, argv + argc));
    return cli::run_guarded(app, [&] {
        app.parse(argc, argv);
        if (app.get_subcommands().empty()) return cli::no_command(app, not_a_command);
        return exit_code;
    });
}
