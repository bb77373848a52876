#include "thinkdex/common/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace thinkdex {
namespace {

TEST(Utf8, ValidTextIsValid) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain ascii"));
    EXPECT_TRUE(is_valid_utf8("café пшеница 中国 \xF0\x9F\x98\x80"));  // up to four bytes
}

TEST(Utf8, InvalidSequencesAreInvalid) {
    for (const char* bad : {"\xC3", "caf\xE9", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                            "\xF4\x90\x80\x80", "\xFF", "\x80"})
        EXPECT_FALSE(is_valid_utf8(bad)) << bad;  // cut, Latin-1, overlong, surrogate, > U+10FFFF
}

TEST(Utf8, SanitizeKeepsValidTextAndReplacesEachBadByte) {
    EXPECT_EQ(sanitize_utf8("café 中国"), "café 中国");
    EXPECT_EQ(sanitize_utf8("caf\xE9!"), "caf\xEF\xBF\xBD!");
    EXPECT_EQ(sanitize_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(sanitize_utf8(std::string("a\0b", 3)), "ab");  // NUL cannot be indexed
    EXPECT_EQ(sanitize_utf8(std::string("\xE9\0", 2)), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace thinkdex
