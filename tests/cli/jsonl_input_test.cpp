// `thinkdex index --jsonl` on malformed input: each gives one clear line naming the file and
// line, exit code 1, and leaves no index behind (every line is checked before writing).

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "test_util.hpp"

namespace thinkdex {
namespace {

using test::bin;
using test::run;
using test::TempDir;

std::string thinkdex() { return bin("thinkdex").string(); }

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
