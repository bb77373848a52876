// `thinkdex help --man`: the manual page thinkdex(1), in troff, from the same CLI11 app that
// prints --help, so the two never disagree. The build writes it to thinkdex.1 and installs it.

#include "manpage.hpp"

#include <sstream>

#include "cli_model.hpp"
#include "thinkdex/common/config_discovery.hpp"

namespace thinkdex::cli {

namespace {

/// Text for troff: backslashes escaped, '-' as a minus sign (so that options can be searched
/// and copied), and a line that would start with '.' or '\'' kept from being a request.
std::string roff(std::string_view text) {
    std::string out;
    bool line_start = true;
    for (char c : text) {
        if (line_start && (c == '.' || c == '\'')) out += "\\&";
        if (c == '\\') {
            out += "\\e";
        } else if (c == '-') {
            out += "\\-";
        } else {
            out += c;
        }
        line_start = c == '\n';
    }
    return out;
}

void write_options(std::ostringstream& out, const std::vector<OptionSpec>& options) {
    for (const OptionSpec& option : options) {
        out << ".TP\n";
        std::string names;
        for (const auto& name : option.names) names += (names.empty() ? "" : ", ") + name;
        if (names.empty()) {
            out << "\\fI" << roff(option.value) << "\\fR";
        } else {
            out << "\\fB" << roff(names) << "\\fR";
            if (!option.value.empty()) out << " \\fI" << roff(option.value) << "\\fR";
        }
        out << (option.repeatable ? " ...\n" : "\n") << roff(option.description) << "\n";
    }
}

constexpr std::string_view kExitStatus =
    ".TP\n.B 0\nSuccess.\n.TP\n.B 1\nFailure: an unreadable store or index, a failed import.\n"
    ".TP\n.B 2\nUsage or configuration error; every problem is listed.\n"
    ".TP\n.B 130\nA crawl stopped by Ctrl\\-C or SIGTERM; the next crawl resumes.\n";

constexpr std::string_view kEnvironment =
    ".TP\n.B THINKDEX_CONFIG\nThe config file, when \\fB\\-\\-config\\fR is not given.\n"
    ".TP\n.B THINKDEX_DATA_DIR\nOverrides \\fBdata_dir\\fR of the config.\n"
    ".TP\n.B THINKDEX_LOG_LEVEL\nOverrides \\fBlog.level\\fR of the config.\n"
    ".TP\n.B XDG_CONFIG_HOME\nWhere the per-user config is looked for (default ~/.config).\n";

}  // namespace

std::string render_man_page(const CLI::App& app, std::string_view version) {
    const std::vector<CommandSpec> commands = describe(app);
    std::ostringstream out;
    out << ".TH THINKDEX 1 \"\" \"" << roff(version) << "\" \"User Commands\"\n"
        << ".SH NAME\nthinkdex \\- crawl, index and search think\\-tank publications\n"
        << ".SH SYNOPSIS\n.B thinkdex\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n"
        << ".SH DESCRIPTION\n" << roff(app.get_description()) << ".\n.PP\n"
        << "Options given before the command apply to it unless it gives its own. Logs go to "
           "standard error, results to standard output.\n"
        << ".SH OPTIONS\n";
    write_options(out, commands.front().options);
    out << ".SH COMMANDS\n";
    for (auto it = commands.begin() + 1; it != commands.end(); ++it) {
        out << ".SS \"thinkdex " << roff(it->name) << "\"\n" << roff(it->description) << ".\n";
        write_options(out, it->positionals);
        write_options(out, it->options);
    }
    out << ".SH EXIT STATUS\n" << kExitStatus << ".SH ENVIRONMENT\n" << kEnvironment
        << ".SH FILES\nThe config is the first of: \\fB\\-\\-config\\fR, "
           "\\fB$THINKDEX_CONFIG\\fR, \\fI./thinkdex.toml\\fR, "
           "\\fI$XDG_CONFIG_HOME/thinkdex/thinkdex.toml\\fR, \\fI"
        << roff(system_config_path().string())
        << "\\fR; with none, the built\\-in defaults. \\fBthinkdex config \\-\\-show\\fR "
           "says which was read.\n"
        << ".SH SEE ALSO\n.BR xapian\\-check (1),\n.BR cron (8).\n"
           "The README describes every config key, the query syntax and the CGI search page.\n";
    return out.str();
}

}  // namespace thinkdex::cli
