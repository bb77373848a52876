// `thinkdex index --jsonl` as a user runs it: import then search, re-import, and bad input
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

// Malformed input: each gives one clear line naming the file and line, exit code 1, and
// leaves no index behind (every line is checked before writing).

// A string literal's bytes, NULs included.
template <std::size_t N>
std::string bytes(const char (&literal)[N]) {
    return std::string(literal, N - 1);
}

// Regression: a file naming one id twice was imported, the later line silently replacing the
// earlier ("1 added, 1 updated", exit 0).
TEST(JsonlInput, DuplicateIdNamesBothLinesAndImportsNothing) {
    TempDir dir;
    auto jsonl = dir.path() / "docs.jsonl";
    test::write_file(jsonl,
                     "{\"id\":\"a\",\"title\":\"First\",\"text\":\"x\"}\n"
                     "{\"id\":\"b\",\"title\":\"Other\",\"text\":\"y\"}\n"
                     "\n"
                     "{\"id\":\"a\",\"title\":\"Second\",\"text\":\"z\"}\n");
    auto db = dir.path() / "db";
    auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db.string()});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.err.find("docs.jsonl:4: duplicate \"id\" \"a\", first on line 1; nothing was "
                         "imported"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(std::filesystem::exists(db));

    // A number and the string of its digits are one id.
    test::write_file(jsonl, "{\"id\":7,\"text\":\"x\"}\n{\"id\":\"7\",\"text\":\"y\"}\n");
    r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("docs.jsonl:2: duplicate \"id\" \"7\", first on line 1"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(std::filesystem::exists(db));
}

// Issue 14, bad input: binary data, NUL bytes and values of the wrong type each name the line
// and import nothing, after good lines as well as before them.
TEST(JsonlInput, BinaryNulsAndWrongTypesNameTheLineAndImportNothing) {
    TempDir dir;
    const std::string first = "{\"id\":\"a\",\"title\":\"fine\",\"text\":\"x\"}\n";
    const std::string last = "{\"id\":\"b\",\"title\":\"fine\",\"text\":\"y\"}\n";
    struct Case {
        const char* name;
        std::string line;
        std::string why;  ///< the message after "docs.jsonl:2: "
    };
    const Case cases[] = {
        {"binary", test::gzip("{\"id\":\"z\"}"), "not valid JSON"},
        {"png", bytes("\x89PNG\r\x1a\0\0\0\rIHDR"), "not valid JSON"},
        {"nul_in_a_string", bytes("{\"id\":\"d\",\"text\":\"a\0b\"}"), "not valid JSON"},
        {"nul_between_fields", bytes("{\"id\":\"d\",\0\"text\":\"ab\"}"),
         "not valid JSON"},
        {"nul_after_the_object", bytes("{\"id\":\"d\"}\0"), "not valid JSON"},
        {"tags_a_number", "{\"id\":\"d\",\"tags\":5}", "wrong field type"},
        {"authors_a_string", "{\"id\":\"d\",\"authors\":\"Ada\"}", "wrong field type"},
        {"tags_of_numbers", "{\"id\":\"d\",\"tags\":[1,2]}", "wrong field type"},
        {"title_an_object", "{\"id\":\"d\",\"title\":{\"en\":\"t\"}}", "wrong field type"},
        {"text_a_number", "{\"id\":\"d\",\"text\":12}", "wrong field type"},
        {"published_a_number", "{\"id\":\"d\",\"published\":2024}", "wrong field type"},
        {"id_a_fraction", "{\"id\":1.5}", "\"id\" must be a string or a whole number"},
        {"an_array", "[1,2]", "expected a JSON object"},
    };
    for (const auto& c : cases) {
        auto jsonl = dir.path() / "docs.jsonl";
        test::write_file(jsonl, first + c.line + "\n" + last);
        auto db = dir.path() / "db";
        auto r = run({thinkdex(), "index", "--jsonl", jsonl.string(), "--db", db.string()});
        EXPECT_EQ(r.exit_code, 1) << c.name << "\n" << r.err;
        EXPECT_NE(r.err.find("docs.jsonl:2: " + c.why), std::string::npos) << c.name << "\n"
                                                                           << r.err;
        EXPECT_NE(r.err.find("nothing was imported"), std::string::npos) << c.name;
        EXPECT_FALSE(std::filesystem::exists(db)) << c.name;
    }
}

}  // namespace
}  // namespace thinkdex
