// `thinkdex extract` on awkward and malformed files: what it warns about names the file.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.hpp"

namespace thinkdex {
namespace {

using test::bin;
using test::run;
using test::TempDir;

std::string thinkdex() { return bin("thinkdex").string(); }

std::string nested_page(std::size_t depth) {
    std::string html = "<html><head><title>Deep</title></head><body>";
    for (std::size_t i = 0; i < depth; ++i) html += "<div>";
    html += "<p>The innermost paragraph of a page nested far too deep.</p>";
    for (std::size_t i = 0; i < depth; ++i) html += "</div>";
    return html + "</body></html>";
}

// Regression: without --url the warnings about an oversized or over-nested page named
// nothing ("extract: : elements nested deeper..."); with it they named the URL, which one
// --url gives every file. They name the file.
TEST(ExtractInput, WarningsNameTheFile) {
    TempDir dir;
    auto file = dir.path() / "deep.html";
    test::write_file(file, nested_page(1000));
    for (const std::vector<std::string>& url : {std::vector<std::string>{},
                                                std::vector<std::string>{"--url",
                                                                         "https://a.example/"}}) {
        std::vector<std::string> argv{thinkdex(), "extract"};
        argv.insert(argv.end(), url.begin(), url.end());
        argv.push_back(file.string());
        auto r = run(argv);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.err.find("extract: " + file.string() + ": elements nested deeper than"),
                  std::string::npos)
            << r.err;
        EXPECT_NE(r.out.find("innermost paragraph"), std::string::npos) << r.out;
    }
}

}  // namespace
}  // namespace thinkdex
