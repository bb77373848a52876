#include "thinkdex/common/gzip.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_util.hpp"

namespace thinkdex {
namespace {

using test::gzip;

TEST(Gzip, RoundTrip) {
    std::string text(100000, 'x');
    std::string packed = gzip(text);
    EXPECT_TRUE(is_gzip(packed));
    EXPECT_FALSE(is_gzip(text));
    auto unpacked = gunzip(packed, 1 << 20);
    ASSERT_TRUE(unpacked);
    EXPECT_EQ(*unpacked, text);
    EXPECT_EQ(gunzip(gzip(""), 10).value_or("?"), "");
    // Concatenated members are one file to gzip(1), and to us.
    EXPECT_EQ(gunzip(gzip("one ") + gzip("two"), 100).value_or(""), "one two");
}

// Issue 14, defect 8: a 1 MB gzip bomb took 1 GB of memory. Decoding stops at the cap.
TEST(Gzip, ACapOnTheInflatedSize) {
    std::string packed = gzip(std::string(64u << 20, '\0'));  // 64 MiB of zeros: 64 KiB packed
    ASSERT_LT(packed.size(), 100000u);
    auto r = gunzip(packed, 1u << 20);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, "gzip");
    EXPECT_EQ(r.error().message, "gzip data inflates to more than 1048576 bytes");
    EXPECT_TRUE(gunzip(gzip(std::string(1000, 'a')), 1000));  // exactly the cap is fine
    EXPECT_FALSE(gunzip(gzip(std::string(1001, 'a')), 1000));
}

// Issue 14, defect 8: a truncated gzip was accepted silently, as the part that inflated.
TEST(Gzip, TruncatedOrCorruptDataIsAnError) {
    std::string packed = gzip(test::prose(1, 5000));
    for (std::size_t keep : {packed.size() / 2, packed.size() - 4, std::size_t{10}}) {
        auto r = gunzip(packed.substr(0, keep), 1 << 20);
        ASSERT_FALSE(r) << keep;
        EXPECT_EQ(r.error().message, "truncated gzip data") << keep;
    }
    std::string corrupt = packed;
    corrupt[20] = static_cast<char>(corrupt[20] ^ 0x55);
    corrupt[21] = static_cast<char>(corrupt[21] ^ 0x55);
    EXPECT_FALSE(gunzip(corrupt, 1 << 20));
    EXPECT_FALSE(gunzip("\x1f\x8b\x08garbage", 1 << 20));
    EXPECT_EQ(gunzip("plain", 100).error().message, "not gzip data");
}

}  // namespace
}  // namespace thinkdex
