// Charsets: legacy encodings declared in a meta tag, in the HTTP header or not at all, UTF-16
// with a BOM, and invalid UTF-8 replaced.

#include <iconv.h>

#include <gtest/gtest.h>
#include <string>

#include "extract_page.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace {

using thinkdex::indexer::extract;
using thinkdex::indexer::Extracted;
using thinkdex::test::valid_utf8;

// Converts UTF-8 test text into a legacy charset, as a server would send it.
std::string encode(const std::string& utf8, const char* charset) {
    iconv_t cd = iconv_open(charset, "UTF-8");
    EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 4, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    iconv(cd, &in, &in_left, &dst, &dst_left);
    iconv_close(cd);
    out.resize(out.size() - dst_left);
    return out;
}

// Charsets
const std::string kRussian =
    "Российская Федерация и Китайская Народная Республика развивают всеобъемлющее "
    "стратегическое партнёрство. В Центральной Азии их интересы пересекаются, однако "
    "открытых разногласий между ними нет. Государства региона стремятся диверсифицировать "
    "экономические связи и избегать чрезмерной зависимости от любой из держав.";

TEST(ExtractCharset, Windows1251WithMetaCharset) {
    std::string html = "<html><head><meta charset='windows-1251'><title>Заголовок статьи</title>"
                       "</head><body><article><p>" + kRussian + "</p></article></body></html>";
    Extracted e = extract(encode(html, "WINDOWS-1251")).value();
    EXPECT_EQ(e.title, "Заголовок статьи");
    EXPECT_NE(e.body.find("стратегическое партнёрство"), std::string::npos) << e.body;
}

TEST(ExtractCharset, Windows1251WithoutDeclarationIsDetected) {
    std::string html = "<html><head><title>Заголовок статьи</title></head><body><article><p>" +
                       kRussian + "</p><p>" + kRussian + "</p></article></body></html>";
    Extracted e = extract(encode(html, "WINDOWS-1251")).value();
    EXPECT_NE(e.body.find("Центральной Азии"), std::string::npos) << e.body;
    EXPECT_TRUE(valid_utf8(e.body));
}

TEST(ExtractCharset, Koi8rFromHttpHeaderBeatsMeta) {
    std::string html = "<html><head><meta charset='utf-8'></head><body><article><p>" + kRussian +
                       "</p></article></body></html>";
    Extracted e = extract(encode(html, "KOI8-R"), {}, "text/html; charset=KOI8-R").value();
    EXPECT_NE(e.body.find("Центральной Азии"), std::string::npos) << e.body;
}

TEST(ExtractCharset, Gbk) {
    std::string text = "中国与俄罗斯在中亚地区的关系是全面战略协作伙伴关系，双方在上海合作组织框架内开展合作。";
    std::string html = "<html><head><meta http-equiv='Content-Type' content='text/html; "
                       "charset=gb2312'></head><body><article><p>" + text + text + "</p></article></body></html>";
    Extracted e = extract(encode(html, "GBK")).value();
    EXPECT_NE(e.body.find("上海合作组织"), std::string::npos) << e.body;
}

TEST(ExtractCharset, Utf16WithBom) {
    std::string html = "<html><body><article><p>" + kRussian + "</p></article></body></html>";
    std::string bytes = "\xFF\xFE" + encode(html, "UTF-16LE");
    Extracted e = extract(bytes).value();
    EXPECT_NE(e.body.find("Центральной Азии"), std::string::npos) << e.body;
}

TEST(ExtractCharset, InvalidUtf8IsReplaced) {
    std::string html = "<html><head><meta charset='utf-8'><title>Caf\xC3\xA9 \xFF\xFE</title></head>"
                       "<body><p>Bad \xC3\x28 bytes \xED\xA0\x80 here and caf\xC3\xA9.</p></body></html>";
    Extracted e = extract(html).value();
    EXPECT_TRUE(valid_utf8(e.title));
    EXPECT_TRUE(valid_utf8(e.body));
    EXPECT_NE(e.title.find("Café"), std::string::npos);
}

}  // namespace
