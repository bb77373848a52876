// `thinkdex index --jsonl` as a user runs it: import then search, re-import, and a bad line
// (malformed JSON, a bad date, id or kind) named with its number, importing nothing.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "cli_program.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

using test::run;
using test::TempDir;

TEST(Cli, JsonlImportThenSearch) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl,
                     R"({"id":"d1","title":"Glacier retreat in the Pamirs","text":"Meltwater feeds the rivers.","authors":["Ada Lovelace"],"published":"2023-04-01"})"
                     "\n"
                     R"({"id":"d2","title":"Grain corridors","text":"Shipping through the Black Sea.","published":"2024-02-02"})"
                     "\n");
    auto db = (dir.path() / "db").string();
    auto imported = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.out.find("2 added"), std::string::npos) << imported.out;

    auto found = run({thinkdex(), "search", "--db", db, "--json", "glacier"});
    ASSERT_EQ(found.exit_code, 0) << found.err;
    auto j = nlohmann::json::parse(found.out);
    ASSERT_EQ(j["results"].size(), 1u);
    EXPECT_EQ(j["results"][0]["id"], "d1");
    EXPECT_EQ(j["results"][0]["authors"][0], "Ada Lovelace");

    // Importing again replaces, never duplicates.
    auto again = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db});
    EXPECT_NE(again.out.find("2 updated"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("2 documents"), std::string::npos) << again.out;
}

TEST(Cli, MalformedJsonlLineNamesItAndImportsNothing) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl, "{\"id\":\"ok\",\"title\":\"fine\",\"text\":\"x\"}\n{\"id\": oops}\n");
    auto db = dir.path() / "db";
    auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("docs.jsonl:2"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(Cli, JsonlWithABadDateOrIdNamesTheLineAndImportsNothing) {
    TempDir dir;
    const std::string good = "{\"id\":\"ok\",\"title\":\"fine\",\"text\":\"x\"}\n";
    const std::pair<std::string, std::string> cases[] = {
        {"{\"id\":\"d\",\"published\":\"2024-13-01\"}", "\"published\" must be a date"},
        {"{\"id\":\"d\",\"published\":\"yesterday\"}", "\"published\" must be a date"},
        {"{\"id\":\"d\",\"published\":\"2024-02-30\"}", "\"published\" must be a date"},
        {"{\"id\":null,\"title\":\"t\"}", "\"id\" must be a string or a whole number"},
        {"{\"id\":{\"a\":1},\"title\":\"t\"}", "\"id\" must be a string or a whole number"},
        {"{\"id\":\"\",\"title\":\"t\"}", "\"id\" is empty"},
    };
    for (const auto& [line, why] : cases) {
        auto jsonl = dir.path() / "docs.jsonl";
        test::write_file(jsonl, good + good + line + "\n");
        auto db = dir.path() / "db";
        auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db.string()});
        EXPECT_EQ(r.exit_code, 1) << line;
        EXPECT_NE(r.err.find("docs.jsonl:3: " + why), std::string::npos) << r.err;
        EXPECT_FALSE(std::filesystem::exists(db)) << line;
    }
    // A time after a real date is fine, as is a numeric id.
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl, "{\"id\":7,\"published\":\"2024-02-29T10:00:00Z\",\"text\":\"x\"}\n");
    auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db",
                  (dir.path() / "db").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(Cli, JsonlKindIsValidated) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl, R"({"id":"a","title":"t","text":"x","kind":"article"})"
                            "\n"
                            R"({"id":"b","title":"t","text":"x","kind":"blog"})"
                            "\n");
    auto db = dir.path() / "db";
    auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("docs.jsonl:2"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("\"kind\" must be"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(db));
}

}  // namespace
}  // namespace thinkdex
