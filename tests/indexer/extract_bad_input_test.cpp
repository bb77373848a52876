// Bad inputs: empty, binary, truncated, deeply nested, huge, or full of byline candidates;
// never a crash or a hang, always valid UTF-8.

#include <chrono>
#include <cstdint>
#include <gtest/gtest.h>
#include <string>
#include <string_view>

#include "extract_page.hpp"
#include "test_util.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace {

using thinkdex::indexer::extract;
using thinkdex::indexer::Extracted;
using thinkdex::test::kLongPara;
using thinkdex::test::valid_utf8;

// Bad inputs: never crash, never hang, always valid UTF-8.
void expect_sane(const Extracted& e) {
    for (const std::string* s : {&e.title, &e.body, &e.summary, &e.site_name, &e.url,
                                 &e.published, &e.language}) {
        EXPECT_TRUE(valid_utf8(*s));
    }
}

TEST(ExtractBadInput, Empty) {
    Extracted e = extract("").value();
    EXPECT_TRUE(e.title.empty());
    EXPECT_TRUE(e.body.empty());
    EXPECT_TRUE(e.authors.empty());
}

TEST(ExtractBadInput, Binary) {
    std::string bytes;
    std::uint32_t x = 12345;
    for (int i = 0; i < 200000; ++i) {
        x = x * 1103515245u + 12345u;
        bytes.push_back(static_cast<char>(x >> 24));
    }
    // refused (extract_body_test.cpp checks the reasons), never returned as a garbage body
    EXPECT_FALSE(extract(bytes).has_value());
    EXPECT_FALSE(extract(std::string("\x1f\x8b\x08\x00garbage", 12)).has_value());  // a broken gzip
}

TEST(ExtractBadInput, Truncated) {
    std::string html =
        thinkdex::test::read_file(thinkdex::test::data("seed/sino-russian-relations-in-central-asia.html"));
    for (std::size_t cut : {std::size_t{1}, std::size_t{100}, html.size() / 3, html.size() / 2,
                            html.size() - 10}) {
        auto e = extract(std::string_view(html).substr(0, cut));
        if (cut > 1) {
            ASSERT_TRUE(e.has_value()) << cut;  // a lone "<" is refused as plain text
        }
        if (e) expect_sane(*e);
    }
    Extracted half = extract(std::string_view(html).substr(0, html.size() * 7 / 10)).value();
    EXPECT_NE(half.body.find("comprehensive strategic partnership"), std::string::npos);
    expect_sane(extract("<div class='a\" <p <script>unterminated").value());
    expect_sane(extract("<!-- never closed <p>text").value());
}

TEST(ExtractBadInput, DeepNestingIsBoundedAndFast) {
    for (const char* tag : {"div", "span", "b", "table"}) {
        std::string html = "<html><body>";
        for (int i = 0; i < 100000; ++i) html += std::string("<") + tag + ">";
        html += "deep text";
        for (int i = 0; i < 100000; ++i) html += std::string("</") + tag + ">";
        html += "<p>" + kLongPara + "</p></body></html>";
        auto start = std::chrono::steady_clock::now();
        Extracted e = extract(html).value();
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        EXPECT_LT(seconds, 10.0) << tag;
        expect_sane(e);
        EXPECT_NE(e.body.find("policy debate"), std::string::npos) << tag;
    }
    // unclosed tags, no end tags at all
    std::string open;
    for (int i = 0; i < 100000; ++i) open += "<div><p><li><i>";
    expect_sane(extract(open + "end").value());
}

// regression guard: every element whose class names an author is a byline candidate; a page
// made of thousands of them (nested or not) must not cost quadratic time
TEST(ExtractBadInput, ManyBylineCandidatesAreBounded) {
    std::string html = "<html><body>";
    for (int i = 0; i < 20000; ++i) html += "<div class='author byline'>Ann Lee ";
    for (int i = 0; i < 20000; ++i) html += "</div>";
    for (int i = 0; i < 20000; ++i) html += "<span class='post-author'><a rel='author'>Bo Chen</a></span>";
    html += "<p>" + kLongPara + "</p></body></html>";
    auto start = std::chrono::steady_clock::now();
    Extracted e = extract(html).value();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 10.0);
    expect_sane(e);
}

TEST(ExtractBadInput, HugeInputIsBounded) {
    std::string big = "<html><body><article>";
    while (big.size() < (20u << 20)) big += "<p>" + kLongPara + "</p>";
    auto start = std::chrono::steady_clock::now();
    Extracted e = extract(big).value();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 20.0);
    EXPECT_FALSE(e.body.empty());
    expect_sane(e);
}

}  // namespace
