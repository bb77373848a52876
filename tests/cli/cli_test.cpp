// The `thinkdex` program as a user runs it: help, usage errors and exit codes, global options,
// config discovery and checking, and what to do when the data dir is empty.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "cli_program.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

using test::run;
using test::TempDir;

TEST(Cli, HelpListsSubcommandsAndEachHasHelp) {
    auto top = run({thinkdex(), "--help"});
    EXPECT_EQ(top.exit_code, 0);
    for (const char* sub : {"crawl", "extract", "index", "search", "status"}) {
        EXPECT_NE(top.out.find(sub), std::string::npos) << sub;
        auto help = run({thinkdex(), sub, "--help"});
        EXPECT_EQ(help.exit_code, 0) << sub;
        EXPECT_NE(help.out.find("Usage"), std::string::npos) << sub << ": " << help.out;
    }
}

TEST(Cli, UsageErrorsExitTwo) {
    EXPECT_EQ(run({thinkdex(), "search", "--no-such-flag"}).exit_code, 2);
    EXPECT_EQ(run({thinkdex(), "search", "--sort", "sideways", "x"}).exit_code, 2);
    EXPECT_EQ(run({thinkdex(), "status", "stray"}).exit_code, 2);
}

// Issue 12: bare `thinkdex`, `thinkdex serach foo` and `thinkdex version` all said "A
// subcommand is required".
TEST(Cli, BareCommandListsTheCommands) {
    auto bare = run({thinkdex()});
    EXPECT_EQ(bare.exit_code, 2);
    EXPECT_TRUE(bare.out.empty()) << bare.out;
    for (const char* sub : {"crawl", "extract", "index", "search", "status", "compact", "config",
                            "version", "--version", "--config"})
        EXPECT_NE(bare.err.find(sub), std::string::npos) << sub << "\n" << bare.err;
    auto help = run({thinkdex(), "help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("search"), std::string::npos) << help.out;
    auto search_help = run({thinkdex(), "help", "search"});
    EXPECT_EQ(search_help.exit_code, 0);
    EXPECT_NE(search_help.out.find("--author"), std::string::npos) << search_help.out;
}

TEST(Cli, UnknownCommandIsNamedWithASuggestion) {
    auto typo = run({thinkdex(), "serach", "foo"});
    EXPECT_EQ(typo.exit_code, 2);
    EXPECT_NE(typo.err.find("unknown command 'serach'; did you mean 'search'?"),
              std::string::npos)
        << typo.err;
    auto other = run({thinkdex(), "crwal"});
    EXPECT_NE(other.err.find("did you mean 'crawl'?"), std::string::npos) << other.err;
    auto far = run({thinkdex(), "frobnicate"});
    EXPECT_EQ(far.exit_code, 2);
    EXPECT_NE(far.err.find("unknown command 'frobnicate'"), std::string::npos) << far.err;
    EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST(Cli, VersionAsCommandAndFlag) {
    for (const char* arg : {"version", "--version"}) {
        auto r = run({thinkdex(), arg});
        EXPECT_EQ(r.exit_code, 0) << arg << r.err;
        EXPECT_EQ(r.out, "thinkdex 0.1.0\n") << arg;
    }
}

TEST(Cli, GlobalOptionsBeforeTheCommand) {
    TempDir dir;
    auto r = run({thinkdex(), "--data-dir", dir.path().string(), "-q", "status"},
                 {{"THINKDEX_CONFIG", ""}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("data dir: " + dir.path().string()), std::string::npos) << r.out;
    auto config = run({thinkdex(), "--config", "/nonexistent/g.toml", "status"});
    EXPECT_EQ(config.exit_code, 2);
    EXPECT_NE(config.err.find("/nonexistent/g.toml"), std::string::npos) << config.err;
    // The command's own option wins over the one before it.
    test::write_file(dir.path() / "c.toml", "data_dir = \"from-file\"\n");
    auto own = run({thinkdex(), "--config", "/nonexistent/g.toml", "config", "--show",
                    "--config", (dir.path() / "c.toml").string()});
    EXPECT_EQ(own.exit_code, 0) << own.err;
    EXPECT_NE(own.out.find("data_dir = 'from-file'"), std::string::npos) << own.out;
}

/// `thinkdex config --show` run in `cwd` with `env`, through the shell for the directory.
test::RunResult config_show(const std::filesystem::path& cwd,
                            std::map<std::string, std::string> env) {
    return run({"/bin/sh", "-c", "cd \"$1\" && exec \"$2\" config --show", "sh", cwd.string(),
                thinkdex()},
               env);
}

// Issue 12: --config, then $THINKDEX_CONFIG, then ./thinkdex.toml, then
// $XDG_CONFIG_HOME/thinkdex/thinkdex.toml ($HOME/.config without it).
TEST(Cli, ConfigDiscoveryOrder) {
    TempDir dir;
    auto cwd = dir.path() / "work", home = dir.path() / "home", xdg = dir.path() / "xdg";
    std::filesystem::create_directories(cwd);
    std::filesystem::create_directories(home / ".config" / "thinkdex");
    std::filesystem::create_directories(xdg / "thinkdex");
    test::write_file(home / ".config" / "thinkdex" / "thinkdex.toml", "data_dir = \"home\"\n");
    std::map<std::string, std::string> env = {
        {"THINKDEX_CONFIG", ""}, {"HOME", home.string()}, {"XDG_CONFIG_HOME", ""}};

    auto r = config_show(cwd, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("found by $HOME/.config"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("data_dir = 'home'"), std::string::npos) << r.out;

    test::write_file(xdg / "thinkdex" / "thinkdex.toml", "data_dir = \"xdg\"\n");
    env["XDG_CONFIG_HOME"] = xdg.string();
    r = config_show(cwd, env);
    EXPECT_NE(r.out.find("found by $XDG_CONFIG_HOME"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("data_dir = 'xdg'"), std::string::npos) << r.out;

    test::write_file(cwd / "thinkdex.toml", "data_dir = \"local\"\n");
    r = config_show(cwd, env);
    EXPECT_NE(r.out.find("'thinkdex.toml' (found by ./thinkdex.toml)"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("data_dir = 'local'"), std::string::npos) << r.out;

    test::write_file(dir.path() / "env.toml", "data_dir = \"env\"\n");
    env["THINKDEX_CONFIG"] = (dir.path() / "env.toml").string();
    r = config_show(cwd, env);
    EXPECT_NE(r.out.find("found by $THINKDEX_CONFIG"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("data_dir = 'env'"), std::string::npos) << r.out;

    // The environment over the file is shown as such, and the output reads back as a config.
    env["THINKDEX_DATA_DIR"] = "/srv/thinkdex";
    r = config_show(cwd, env);
    EXPECT_NE(r.out.find("# data_dir set by $THINKDEX_DATA_DIR"), std::string::npos) << r.out;
    test::write_file(dir.path() / "shown.toml", r.out);
    auto again = run({thinkdex(), "config", "--show", "--config",
                      (dir.path() / "shown.toml").string()},
                     {{"THINKDEX_DATA_DIR", ""}});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("data_dir = '/srv/thinkdex'"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("delay_ms = 1000"), std::string::npos) << again.out;
}

TEST(Cli, ConfigCheckListsEveryProblemWithFileAndLine) {
    TempDir dir;
    auto file = (dir.path() / "bad.toml").string();
    test::write_file(file, "[crawl]\ndelay_ms = 9223372036854775807\nscope = 3\n"
                           "user_agent = \"thinkdex\\r\\nX: 1\"\n");
    auto r = run({thinkdex(), "config", "--config", file});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find(file + ":2: crawl.delay_ms must be between 0 and 3600000"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(file + ":3: 'crawl.scope' must be a string"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(file + ":4: crawl.user_agent must not contain line breaks"),
              std::string::npos)
        << r.err;
    // In the file's order, whatever the kind of problem.
    EXPECT_LT(r.err.find(file + ":2:"), r.err.find(file + ":3:")) << r.err;
    EXPECT_LT(r.err.find(file + ":3:"), r.err.find(file + ":4:")) << r.err;
    test::write_file(file, "[crawl]\ndelay_ms = 10\n");
    auto ok = run({thinkdex(), "config", "--config", file});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("config OK: '" + file + "' (found by --config)"), std::string::npos)
        << ok.out;
}

TEST(Cli, MissingConfigFileIsNamed) {
    auto r = run({thinkdex(), "status", "--config", "/nonexistent/thinkdex.toml"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/nonexistent/thinkdex.toml"), std::string::npos) << r.err;
}

TEST(Cli, BadConfigListsEveryProblem) {
    TempDir dir;
    test::write_file(dir.path() / "bad.toml", "[crawl]\nscope = \"planet\"\ndelay_ms = \"x\"\n");
    auto r = run({thinkdex(), "status", "--config", (dir.path() / "bad.toml").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("crawl.delay_ms"), std::string::npos) << r.err;
}

TEST(Cli, SearchWithoutIndexSaysWhatToDo) {
    TempDir dir;
    auto r = run({thinkdex(), "search", "--data-dir", dir.path().string(), "russia"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no index at"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
}

TEST(Cli, IndexWithoutStoreSaysWhatToDo) {
    TempDir dir;
    auto r = run({thinkdex(), "index", "--data-dir", dir.path().string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no crawl store"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "index"));
}

TEST(Cli, StatusOnEmptyDataDir) {
    TempDir dir;
    auto r = run({thinkdex(), "status", "--data-dir", dir.path().string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("crawl store: none"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("index: none"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace thinkdex
