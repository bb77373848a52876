// What `thinkdex` says when it is not given a command it knows: the command list, the nearest
// command's name, and its version.

#include <algorithm>
#include <iostream>
#include <numeric>

#include "commands.hpp"
#include "manpage.hpp"

#ifndef THINKDEX_VERSION
#error "THINKDEX_VERSION must be defined by the build (PROJECT_VERSION)"
#endif

namespace thinkdex::cli {

namespace {

/// Edit distance counting a swap of two neighbours as one edit ("serach" is one from
/// "search"), as git's help.autocorrect does.
std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    std::iota(d[0].begin(), d[0].end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

/// The command closest to `typed`, if it is close enough to be a typo (at most two edits, and
/// fewer than half the letters): "crawl" for "crwal", nothing for "foo".
std::optional<std::string> nearest_command(const CLI::App& app, const std::string& typed) {
    std::optional<std::string> best;
    std::size_t best_distance = std::min<std::size_t>(3, (typed.size() + 1) / 2);
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_group().empty()) continue;  // hidden
        std::size_t d = distance(typed, sub->get_name());
        if (d < best_distance) {
            best_distance = d;
            best = sub->get_name();
        }
    }
    return best;
}

/// CLI11's help, with "thinkdex [OPTIONS] COMMAND" as the program's usage line (CLI11 would
/// list the hidden catch-all positional as "[...]" and call commands subcommands).
class Formatter : public CLI::Formatter {
  public:
    std::string make_usage(const CLI::App* app, std::string name) const override {
        if (app->get_parent() != nullptr) return CLI::Formatter::make_usage(app, std::move(name));
        return get_label("Usage") + ": thinkdex [OPTIONS] COMMAND [ARGS]\n";
    }
};

}  // namespace

void set_help_format(CLI::App& app) {
    auto formatter = std::make_shared<Formatter>();
    app.formatter(formatter);
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        sub->formatter(formatter);
        sub->group("Commands");
    }
}

std::string version_line() { return "thinkdex " THINKDEX_VERSION; }

int no_command(const CLI::App& app, const std::vector<std::string>& words) {
    // Bare `thinkdex` is a usage error, as in ripgrep: the list goes to stderr, exit code 2.
    if (words.empty()) {
        std::cerr << app.help();
        return 2;
    }
    std::cerr << "thinkdex: unknown command '" << words.front() << "'";
    if (auto near = nearest_command(app, words.front()))
        std::cerr << "; did you mean '" << *near << "'?";
    std::cerr << "\nRun 'thinkdex --help' for the list of commands.\n";
    return 2;
}

int help(const CLI::App& app, const std::vector<std::string>& words) {
    if (words.empty()) {
        std::cout << app.help();
        return 0;
    }
    if (words.size() == 1 && words.front() == "--man") {
        std::cout << render_man_page(app, version_line());
        return 0;
    }
    auto named =
        app.get_subcommands([&](const CLI::App* sub) { return sub->get_name() == words.front(); });
    if (named.empty()) return no_command(app, words);
    std::cout << named.front()->help();
    return 0;
}

void add_version(CLI::App& app, int& exit_code) {
    auto* sub = app.add_subcommand("version", "Print the version");
    sub->callback([&exit_code] {
        std::cout << version_line() << "\n";
        exit_code = 0;
    });
}

}  // namespace thinkdex::cli
