// `thinkdex search` as a user runs it: batch runs in TREC format, filter and facet flags, page
// kinds, bad values, colour, and synonyms from the config.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_program.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

using test::run;
using test::TempDir;

TEST(Cli, BatchSearchWritesATrecRun) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl,
                     "{\"id\":\"a\",\"title\":\"Wind power\",\"text\":\"turbines and wind\"}\n"
                     "{\"id\":\"b\",\"title\":\"Solar power\",\"text\":\"panels and sun\"}\n"
                     "{\"id\":\"c\",\"title\":\"Grid\",\"text\":\"wind and solar on the grid\"}\n");
    auto db = (dir.path() / "db").string();
    ASSERT_EQ(run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db}).exit_code, 0);
    auto queries = dir.path() / "queries.jsonl";
    test::write_file(queries, "{\"id\":\"q1\",\"text\":\"wind\"}\n{\"id\":7,\"text\":\"sun\"}\n");
    auto out = dir.path() / "run.trec";
    auto r = run({thinkdex(), "search", "--db", db, "--batch", queries.string(), "--run",
                  out.string(), "--limit", "1000"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::istringstream lines(test::read_file(out));
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::vector<std::string> row;
        for (std::string f; fields >> f;) row.push_back(f);
        ASSERT_EQ(row.size(), 6u) << line;
        rows.push_back(row);
    }
    ASSERT_EQ(rows.size(), 3u);  // q1 matches a and c; 7 matches b
    EXPECT_EQ(rows[0][0], "q1");
    EXPECT_EQ(rows[0][2], "a");  // title match ranks first
    EXPECT_EQ(rows[0][3], "1");
    EXPECT_GT(std::stod(rows[0][4]), std::stod(rows[1][4]));
    EXPECT_EQ(rows[2][0], "7");
    EXPECT_EQ(rows[2][2], "b");

    // A NUL after a query's object is refused, not read as its end (nlohmann-json's habit).
    test::write_file(queries, std::string("{\"id\":\"q1\",\"text\":\"wind\"}\0junk\n", 31));
    r = run({thinkdex(), "search", "--db", db, "--batch", queries.string(), "--run",
             out.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("queries.jsonl:1: not valid JSON: a NUL byte at column 26"),
              std::string::npos)
        << r.err;
}

TEST(Cli, BadDateIsAClearError) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl, "{\"id\":\"a\",\"title\":\"t\",\"text\":\"words\"}\n");
    auto db = (dir.path() / "db").string();
    ASSERT_EQ(run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db}).exit_code, 0);
    auto r = run({thinkdex(), "search", "--db", db, "--since", "2024-13-45", "words"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("2024-13-45"), std::string::npos) << r.err;
}

/// Three JSON-lines publications on two sites, in two languages, for the search flag tests.
std::string facet_index(const TempDir& dir) {
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(
        jsonl,
        R"({"id":"d1","url":"https://www.rusi.org/a","site":"RUSI","language":"en","tags":["SCO","Russia"],"title":"Summit notes","text":"The Shanghai Cooperation Organisation summit met in Astana.","published":"2024-07-04"})"
        "\n"
        R"({"id":"d2","url":"https://www.ifri.org/b","site":"IFRI","language":"fr","tags":["Russia"],"title":"Sommet","text":"Le sommet de la SCO et la Russie.","published":"2024-07-05"})"
        "\n"
        R"({"id":"d3","url":"https://rusi.org/c","site":"RUSI","language":"en","tags":["China"],"title":"Trade","text":"China trade after the summit.","published":"2020-01-01"})"
        "\n");
    auto db = (dir.path() / "db").string();
    auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return db;
}

std::set<std::string> result_ids(const test::RunResult& r) {
    std::set<std::string> out;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    if (j.is_discarded()) {
        ADD_FAILURE() << "not JSON: " << r.out << r.err;
        return out;
    }
    for (const auto& hit : j["results"]) out.insert(hit["id"].get<std::string>());
    return out;
}

TEST(CliSearch, FacetFlagsFilterAndCombine) {
    TempDir dir;
    const std::string db = facet_index(dir);
    auto search = [&](std::vector<std::string> args) {
        std::vector<std::string> argv = {thinkdex(), "search", "--db", db, "--json"};
        argv.insert(argv.end(), args.begin(), args.end());
        auto r = run(argv);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return result_ids(r);
    };
    using Ids = std::set<std::string>;
    EXPECT_EQ(search({"--site", "rusi.org", "summit"}), (Ids{"d1", "d3"}));
    EXPECT_EQ(search({"--site", "www.rusi.org", "--tag", "sco", "summit"}), Ids{"d1"});
    EXPECT_EQ(search({"--lang", "fr", "summit OR sommet"}), Ids{"d2"});
    EXPECT_EQ(search({"--type", "jsonl", "--tag", "Russia", "--tag", "China"}),
              (Ids{"d1", "d2", "d3"}));
    EXPECT_EQ(search({"--type", "html"}), Ids{});
    EXPECT_EQ(search({"--site", "ifri.org", "--site", "rusi.org", "--lang", "en"}),
              (Ids{"d1", "d3"}));
    auto sorted = run({thinkdex(), "search", "--db", db, "--sort", "recent", "--json", "summit"});
    ASSERT_EQ(sorted.exit_code, 0) << sorted.err;
    auto j = nlohmann::json::parse(sorted.out);
    for (const char* key : {"total", "total_exact", "elapsed_ms", "offset", "limit", "returned",
                            "next_offset", "results", "facets"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["facets"]["site"][0]["value"], "rusi.org");
    EXPECT_EQ(j["facets"]["site"][0]["label"], "RUSI");
    EXPECT_EQ(j["facets"]["site"][0]["count"], 2);
    EXPECT_EQ(run({thinkdex(), "search", "--db", db, "--sort", "sideways", "x"}).exit_code, 2);
}

// Issue 12: `--author "Natasha Kuhrt" russia` took "russia" as a second author.
TEST(CliSearch, FiltersNeverSwallowTheQuery) {
    TempDir dir;
    const std::string db = facet_index(dir);
    for (std::vector<std::string> filter :
         {std::vector<std::string>{"--site", "rusi.org"}, {"--lang", "en"}, {"--year", "2024"},
          {"--tag", "SCO"}, {"--type", "jsonl"}, {"--author", "Nobody"}}) {
        std::vector<std::string> argv = {thinkdex(), "search", "--db", db, "--json"};
        argv.insert(argv.end(), filter.begin(), filter.end());
        argv.push_back("summit");
        auto r = run(argv);
        ASSERT_EQ(r.exit_code, 0) << filter[0] << r.err;
        auto j = nlohmann::json::parse(r.out);
        EXPECT_EQ(j["query"], "summit") << filter[0];
    }
    auto ids = result_ids(run({thinkdex(), "search", "--db", db, "--json", "--tag", "Russia",
                               "--year", "2024", "summit"}));
    EXPECT_EQ(ids, std::set<std::string>{"d1"});  // d2 has the tag and year, not the word
    // Repeating a flag still gives several values.
    ids = result_ids(run({thinkdex(), "search", "--db", db, "--json", "--year", "2020", "--year",
                          "2024", "summit"}));
    EXPECT_EQ(ids, (std::set<std::string>{"d1", "d3"}));
}

// Issue 12: these silently gave 0 results, with exit code 0.
TEST(CliSearch, BadFilterValuesExitTwoNamingTheValue) {
    TempDir dir;
    const std::string db = facet_index(dir);
    for (std::vector<std::string> bad :
         {std::vector<std::string>{"--year", "trade"}, {"--lang", "english"}, {"--type", "docx"},
          {"--kind", "blog"}, {"--since", "2024-13-45"}, {"--until", "yesterday"},
          {"--site", "https://rusi.org/"}, {"--author", " "}, {"--page", "0"}, {"--page", "1001"},
          {"--limit", "5000"}, {"--limit", "ten"}}) {
        std::vector<std::string> argv = {thinkdex(), "search", "--db", db};
        argv.insert(argv.end(), bad.begin(), bad.end());
        argv.push_back("summit");
        auto r = run(argv);
        EXPECT_EQ(r.exit_code, 2) << bad[0];
        EXPECT_NE(r.err.find("'" + bad[1] + "'"), std::string::npos) << bad[0] << ": " << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
    // Every bad value at once, and before looking for the index.
    auto r = run({thinkdex(), "search", "--db", (dir.path() / "none").string(), "--year", "trade",
                  "--lang", "english", "x"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("bad year 'trade'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("bad language 'english'"), std::string::npos) << r.err;
    // Codes in any case, and the documented types, are fine.
    EXPECT_EQ(run({thinkdex(), "search", "--db", db, "--lang", "EN", "--type", "html", "x"})
                  .exit_code,
              0);
}

TEST(CliSearch, KindFlagTakesOneValueRepeatsAndPublicationsComeFirst) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    // The listing matches "russia" best; without "kind" a record is an article.
    test::write_file(
        jsonl,
        R"({"id":"list","kind":"listing","title":"Russia","text":"Russia russia russia: all our Russia work."})"
        "\n"
        R"({"id":"bio","kind":"page","title":"Our Russia expert","text":"She writes on Russia."})"
        "\n"
        R"({"id":"brief","title":"Grain corridors","text":"Ships carry grain past Russia's fleet in the Black Sea."})"
        "\n");
    auto db = (dir.path() / "db").string();
    ASSERT_EQ(run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db}).exit_code, 0);
    auto search = [&](std::vector<std::string> args) {
        std::vector<std::string> argv = {thinkdex(), "search", "--db", db, "--json"};
        argv.insert(argv.end(), args.begin(), args.end());
        auto r = run(argv);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return nlohmann::json::parse(r.out, nullptr, false);
    };
    using Ids = std::set<std::string>;
    auto all = search({"russia"});
    ASSERT_EQ(all["results"].size(), 3u);
    EXPECT_EQ(all["results"][0]["id"], "brief");
    EXPECT_EQ(all["results"][0]["kind"], "article");
    // "--kind listing russia": one value, and "russia" stays the query (issue 12).
    auto listing = search({"--kind", "listing", "russia"});
    EXPECT_EQ(listing["query"], "russia");
    EXPECT_EQ(result_ids(run({thinkdex(), "search", "--db", db, "--json", "--kind", "listing",
                              "russia"})),
              Ids{"list"});
    EXPECT_EQ(listing["facets"]["kind"][0]["value"], "listing");
    EXPECT_EQ(result_ids(run({thinkdex(), "search", "--db", db, "--json", "--kind", "page",
                              "expert"})),
              Ids{"bio"});
    // The flag repeats like the other filters (and the CGI's kind): either kind.
    EXPECT_EQ(result_ids(run({thinkdex(), "search", "--db", db, "--json", "--kind", "listing",
                              "--kind", "page", "russia"})),
              (Ids{"list", "bio"}));
    auto bad = run({thinkdex(), "search", "--db", db, "--kind", "blog", "russia"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("blog"), std::string::npos) << bad.err;
}

TEST(CliSearch, ColourOnlyWhenAskedOrOnATerminal) {
    TempDir dir;
    const std::string db = facet_index(dir);
    const std::string kMatch = "\033[1;31m";
    auto piped = run({thinkdex(), "search", "--db", db, "summit"}, {{"NO_COLOR", ""}});
    ASSERT_EQ(piped.exit_code, 0) << piped.err;
    EXPECT_EQ(piped.out.find('\033'), std::string::npos) << piped.out;
    EXPECT_NE(piped.out.find("**summit**"), std::string::npos) << piped.out;
    auto always = run({thinkdex(), "search", "--db", db, "--color", "always", "summit"},
                      {{"NO_COLOR", "1"}});
    EXPECT_NE(always.out.find(kMatch + "summit\033[0m"), std::string::npos) << always.out;
    EXPECT_NE(always.out.find("\033[1;36mSummit notes\033[0m"), std::string::npos);
    auto never = run({thinkdex(), "search", "--db", db, "--color", "never", "summit"});
    EXPECT_EQ(never.out.find('\033'), std::string::npos);
    EXPECT_EQ(run({thinkdex(), "search", "--db", db, "--color", "rainbow", "x"}).exit_code, 2);

    // On a terminal (script(1) gives the program a pty): colour, unless NO_COLOR is set.
    if (!std::filesystem::exists("/usr/bin/script")) GTEST_SKIP() << "no script(1)";
    const std::string command = thinkdex() + " search --db " + db + " summit";
    auto tty = run({"/usr/bin/script", "-qec", command, "/dev/null"}, {{"NO_COLOR", ""}});
    EXPECT_NE(tty.out.find(kMatch + "summit"), std::string::npos) << tty.out;
    auto no_color = run({"/usr/bin/script", "-qec", command, "/dev/null"}, {{"NO_COLOR", "1"}});
    EXPECT_EQ(no_color.out.find(kMatch), std::string::npos) << no_color.out;
    EXPECT_NE(no_color.out.find("**summit**"), std::string::npos) << no_color.out;
}

TEST(CliSearch, SynonymsFromTheConfig) {
    TempDir dir;
    const std::string db = facet_index(dir);
    auto config = dir.path() / "thinkdex.toml";
    test::write_file(config, "[search]\nrecency_half_life_days = 30\n[search.synonyms]\n"
                             "\"SCO\" = [\"Shanghai Cooperation Organisation\"]\n");
    auto search = [&](const std::string& q) {
        auto r = run({thinkdex(), "search", "--config", config.string(), "--db", db, "--json", q});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return result_ids(r);
    };
    EXPECT_EQ(search("SCO"), (std::set<std::string>{"d1", "d2"}));
    EXPECT_EQ(search("Shanghai Cooperation Organisation"), (std::set<std::string>{"d1", "d2"}));
    EXPECT_EQ(search("\"Shanghai Cooperation Organisation\""), std::set<std::string>{"d1"});
    test::write_file(config, "[search.synonyms]\nSCO = \"Shanghai\"\n");
    auto bad = run({thinkdex(), "search", "--config", config.string(), "--db", db, "SCO"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("search.synonyms.SCO"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace thinkdex
