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

}  // namespace
}  // namespace thinkdex
