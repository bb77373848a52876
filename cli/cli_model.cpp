#include "cli_model.hpp"

#include <cctype>

namespace thinkdex::cli {

namespace {

/// CLI11's type names ("TEXT", "UINT", "TEXT:{a,b} ...") as a man page's value word.
std::string value_word(const CLI::Option& option) {
    std::string type = option.get_type_name();
    if (auto colon = type.find(':'); colon != std::string::npos) type.resize(colon);
    if (type == "UINT" || type == "INT" || type == "NUMBER" || type == "FLOAT") return "N";
    if (type.empty() || type == "TEXT") return "VALUE";
    return type;
}

OptionSpec spec_of(const CLI::Option& option) {
    OptionSpec spec;
    for (const auto& s : option.get_snames()) spec.names.push_back("-" + s);
    for (const auto& l : option.get_lnames()) spec.names.push_back("--" + l);
    spec.description = option.get_description();
    const bool flag = option.get_expected_max() == 0 || option.get_type_size() == 0;
    if (!flag || !option.nonpositional()) {
        spec.value = option.nonpositional() ? value_word(option) : option.get_name(true);
    }
    spec.repeatable = option.get_items_expected_max() > 1 || option.get_expected_max() > 1 ||
                      option.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
    return spec;
}

CommandSpec command_of(const CLI::App& app, std::string name) {
    CommandSpec command{std::move(name), app.get_description(), {}, {}};
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_group().empty()) continue;  // hidden
        if (option == app.get_help_ptr() || option == app.get_help_all_ptr()) continue;
        if (option->nonpositional()) {
            command.options.push_back(spec_of(*option));
        } else {
            command.positionals.push_back(spec_of(*option));
        }
    }
    return command;
}

}  // namespace

std::vector<CommandSpec> describe(const CLI::App& app) {
    std::vector<CommandSpec> commands{command_of(app, "")};
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_group().empty()) continue;
        commands.push_back(command_of(*sub, sub->get_name()));
    }
    return commands;
}

}  // namespace thinkdex::cli
