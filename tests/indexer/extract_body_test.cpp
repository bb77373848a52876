// Body extraction: where the body starts (no kicker, repeated headline, byline or dateline at
// its head), one row per rule, and input that is not an HTML page refused with its reason.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace {

using thinkdex::indexer::extract;
using thinkdex::indexer::Extracted;

// An article page: the author and the date come from <meta>, the headline from <h1>; `head`
// is what the article container holds between the headline and the text.
std::string article(const std::string& head, const std::string& after = {}) {
    return "<!DOCTYPE html><html lang='en'><head><title>Grain Corridors Under Pressure</title>"
           "<meta name='author' content='Jane Doe'>"
           "<meta property='article:published_time' content='2024-05-20T08:00:00Z'>"
           "</head><body><nav><a href='/'>Home</a> <a href='/research'>Research</a></nav>"
           "<article><h1>Grain Corridors Under Pressure</h1>" +
           head +
           "<p>Shipping through the corridor fell by a third over the winter, as insurers raised "
           "their premiums and two ports closed for repairs after the storms in January.</p>"
           "<p>The second paragraph weighs the options left to exporters, from rail links "
           "across the steppe to barges on the river, and what each would cost them.</p>" +
           after + "</article><footer>Copyright 2024</footer></body></html>";
}

constexpr const char* kText = "Shipping through the corridor fell by a third";

std::string first_line(const std::string& body) { return body.substr(0, body.find('\n')); }

struct StartCase {
    const char* name;
    std::string html;
    std::string starts_with;  ///< expected start of the body's first line
};

void PrintTo(const StartCase& c, std::ostream* os) { *os << c.name; }

class BodyStart : public ::testing::TestWithParam<StartCase> {};

TEST_P(BodyStart, FirstLine) {
    const StartCase& c = GetParam();
    auto e = extract(c.html, "https://example.org/research/grain-corridors");
    ASSERT_TRUE(e.has_value()) << e.error().message;
    EXPECT_EQ(first_line(e->body).substr(0, c.starts_with.size()), c.starts_with)
        << c.name << "\n" << e->body;
}

const std::vector<StartCase> kStartCases = {
    // dropped: a kicker or section label, a short line before the first paragraph
    {"KickerAboveText", article("<p class='kicker'>Analysis</p>"), kText},
    {"KickerBeforeHeadline",
     "<html><head><title>Grain Corridors Under Pressure</title></head><body><article>"
     "<span>Commentary</span><h1>Grain Corridors Under Pressure</h1><p>" +
         std::string(kText) +
         " over the winter, as insurers raised their premiums and two ports closed.</p>"
         "<p>More text follows here, long enough to be a paragraph of the article body.</p>"
         "</article></body></html>",
     kText},
    {"CategoryLinkLabel", article("<p><a href='/topics/trade'>Trade Policy</a></p>"), kText},
    // dropped: a byline
    {"ByLine", article("<p>By Jane Doe</p>"), kText},
    {"AuthorWithRole", article("<p>Jane Doe, Senior Fellow, Food Security Programme</p>"),
     kText},
    {"AuthorAndDate", article("<p>Jane Doe | 20 May 2024</p>"), kText},
    {"AuthorNameOnly", article("<span>Jane Doe</span>"), kText},
    // dropped: a dateline, a date in another wording, reading time
    {"DateLine", article("<p>20 May 2024</p>"), kText},
    {"PublishedDateInLine", article("<p>Published on Monday, 20 May 2024 in Europe</p>"), kText},
    {"ReadingTime", article("<span>5 min read</span>"), kText},
    // dropped: the headline again, alone or at the end of a breadcrumb trail
    {"HeadlineAgain", article("<p class='dek-title'>Grain Corridors Under Pressure</p>"), kText},
    {"BreadcrumbTrail", article("<p>Home &gt; Research &gt; Grain Corridors Under Pressure</p>"),
     kText},
    {"AllTogether",
     article("<p>Report</p><p>By Jane Doe</p><p>20 May 2024</p><p>4 min read</p>"),
     kText},
    // kept: a heading opens the text; a sentence; a list; a label after the first paragraph
    {"HeadingKept", article("<h2>Introduction</h2>"), "Introduction"},
    {"ShortSentenceKept", article("<p>It was cold.</p>"), "It was cold."},
    {"ListItemsKept", article("<ul><li>Rail</li><li>Barges</li></ul>"), "Rail"},
    {"AuthorInSentenceKept", article("<p>Jane Doe saw the ports close.</p>"),
     "Jane Doe saw the ports close."},
    {"OtherPersonKept",
     article("<p>John Roe, the port director, disagrees with the plan.</p>"),
     "John Roe, the port director"},
    // kept: a page of short lines only has no head to drop
    {"ShortLinesOnlyKept",
     "<html><body><article><p>Wheat</p><p>Barley</p><p>Maize</p><p>Rye</p>"
     "</article></body></html>",
     "Wheat"},
};

INSTANTIATE_TEST_SUITE_P(Rules, BodyStart, ::testing::ValuesIn(kStartCases),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(BodyStart, LabelAfterFirstParagraphStaysInTheBody) {
    auto e = extract(article("", "<p>Analysis</p><p>" + std::string(kText) +
                                     " again, in a closing paragraph of the article.</p>"));
    ASSERT_TRUE(e.has_value());
    EXPECT_NE(e->body.find("\nAnalysis\n"), std::string::npos) << e->body;
}

// Input that is not an HTML page: refused with kind "not-html" and the reason in the message.
struct RefuseCase {
    const char* name;
    std::string bytes;
    std::string reason;  ///< expected in the error message; empty: accepted
};

void PrintTo(const RefuseCase& c, std::ostream* os) { *os << c.name; }

std::string random_bytes(std::size_t n) {
    std::string out;
    std::uint32_t x = 2024;
    for (std::size_t i = 0; i < n; ++i) {
        x = x * 1664525u + 1013904223u;
        out.push_back(static_cast<char>(x >> 24));
    }
    return out;
}

std::string bytes(const char* s, std::size_t n) { return std::string(s, n); }

const std::string kHtml = article("");

class Refuse : public ::testing::TestWithParam<RefuseCase> {};

TEST_P(Refuse, Reason) {
    const RefuseCase& c = GetParam();
    auto e = extract(c.bytes, "https://example.org/file");
    if (c.reason.empty()) {
        EXPECT_TRUE(e.has_value()) << c.name << ": " << e.error().message;
        return;
    }
    ASSERT_FALSE(e.has_value()) << c.name << " was accepted, body: " << e->body.substr(0, 200);
    EXPECT_EQ(e.error().kind, "not-html");
    EXPECT_EQ(e.error().message, "not an HTML page: " + c.reason) << c.name;
}

const std::vector<RefuseCase> kRefuseCases = {
    {"Pdf", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
     "PDF document"},
    {"Png", bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20) + random_bytes(500), "PNG image"},
    {"Jpeg", bytes("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11) + random_bytes(500), "JPEG image"},
    {"Gif", "GIF89a" + random_bytes(300), "GIF image"},
    {"Zip", bytes("PK\x03\x04\x14\0\x06\0", 8) + "[Content_Types].xml" + random_bytes(300),
     "ZIP archive (or an Office or EPUB document)"},
    {"OldOffice", bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10) + random_bytes(300),
     "Office document (OLE2)"},
    {"Elf", bytes("\x7F" "ELF\x02\x01\x01\0\0\0", 10) + random_bytes(300), "ELF executable"},
    {"WindowsExe", bytes("MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0", 16) + std::string(200, '\0'),
     "Windows executable"},
    {"RandomBytes", random_bytes(100000), "binary data"},
    // Issue 14, defect 8: a cut-off gzip was extracted as the part that inflated.
    {"TruncatedGzip", bytes("\x1f\x8b\x08\0garbage", 11), "truncated gzip data"},
    {"CorruptGzip", bytes("\x1f\x8b\x08\0\0\0\0\0\0\x03\xff\xff\xff\xff", 14),
     "gzip data that does not inflate (zlib: invalid block type)"},
    {"PlainText", "Notes for the meeting.\nBring the grain figures and the port schedule.\n",
     "plain text, no HTML markup"},
    {"RssFeed", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>x</title>"
                "</channel></rss>",
     "XML document <rss>, not HTML"},
    {"Svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\"/></svg>", "SVG image"},
    {"Json", "{\"title\": \"<p>not a page</p>\"}", "JSON, not HTML"},
    // accepted
    {"HtmlPage", kHtml, ""},
    {"Xhtml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html>\n"
              "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Text.</p></body></html>",
     ""},
    {"FragmentWithoutHtmlElement", "<p>Just a paragraph of markup.</p>", ""},
    {"StrayControlByte", kHtml.substr(0, 200) + '\x01' + kHtml.substr(200), ""},
    {"Utf16WithBom", bytes("\xFF\xFE<\0p\0>\0H\0i\0<\0/\0p\0>\0", 20), ""},
    {"Empty", "", ""},
};

INSTANTIATE_TEST_SUITE_P(Inputs, Refuse, ::testing::ValuesIn(kRefuseCases),
                         [](const auto& p) { return std::string(p.param.name); });

// Issue 14, defect 8: a gzipped page inflated without bound (a 1 MB bomb took 1 GB). Past the
// 16 MiB page cap it is refused, and a gzipped page under it is still extracted.
TEST(RefuseGzip, PastThePageCap) {
    auto bomb = extract(thinkdex::test::gzip(std::string(17u << 20, ' ')), "https://example.org/bomb");
    ASSERT_FALSE(bomb);
    EXPECT_EQ(bomb.error().message,
              "not an HTML page: gzip data inflates to more than 16777216 bytes");
    auto page = extract(thinkdex::test::gzip(kHtml), "https://example.org/page");
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_FALSE(page->body.empty());
}

}  // namespace
