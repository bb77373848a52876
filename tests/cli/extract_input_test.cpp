// `thinkdex extract` on awkward and malformed files: what it warns about names the file, and
// what it refuses gives one line naming the file and exit code 1, never a crash.

#include <gtest/gtest.h>

#include <algorithm>
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

// Issue 14, bad input. A stray NUL in a page is dropped and the page extracted; a file that is
// mostly NULs, binary, or a truncated gzip is refused with one line naming it and exit code 1,
// while the good file beside it is still extracted.
TEST(ExtractInput, NulBytesAndBinaryFiles) {
    TempDir dir;
    const std::string article =
        "<html><head><title>Grain</title></head><body><article><h1>Grain</h1><p>Before the NUL "
        "byte and then after it, the paragraph goes on about grain reserves.</p></article>"
        "</body></html>";
    auto with_nul = article;
    with_nul.insert(with_nul.find("byte"), std::string(1, '\0'));
    auto nul_in_tag = article;
    nul_in_tag.insert(nul_in_tag.find("<p>") + 2, std::string(1, '\0'));
    for (const std::string& html : {with_nul, nul_in_tag}) {
        auto file = dir.path() / "nul.html";
        test::write_file(file, html);
        auto r = run({thinkdex(), "extract", file.string()});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.out.find('\0'), std::string::npos);
        EXPECT_EQ(r.out.find("\\u0000"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("grain reserves"), std::string::npos) << r.out;
    }

    struct Case {
        const char* name;
        std::string bytes;
        std::string why;  ///< after "'FILE': not an HTML page: "
    };
    const std::string gz = test::gzip(article);
    const Case cases[] = {
        {"mostly_nuls", "<html><body><p>x</p>" + std::string(4000, '\0'), "binary data"},
        {"png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(200, '\1'),
         "PNG image"},
        {"truncated_gzip", gz.substr(0, gz.size() / 2), "truncated"},
    };
    auto good = dir.path() / "good.html";
    test::write_file(good, article);
    for (const auto& c : cases) {
        auto file = dir.path() / (std::string(c.name) + ".html");
        test::write_file(file, c.bytes);
        auto r = run({thinkdex(), "extract", file.string(), good.string()});
        EXPECT_EQ(r.exit_code, 1) << c.name;
        EXPECT_NE(r.err.find("'" + file.string() + "': not an HTML page: "), std::string::npos)
            << c.name << "\n" << r.err;
        EXPECT_NE(r.err.find(c.why), std::string::npos) << c.name << "\n" << r.err;
        EXPECT_NE(r.out.find("grain reserves"), std::string::npos) << c.name;  // good.html
        EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << c.name;
    }
}

}  // namespace
}  // namespace thinkdex
