// Which shared libraries the programs load: every `thinkdex search` and every CGI request pays
// the dynamic loader for each, so the libraries only one job needs stay in the helper program
// that does it (libxml2 for XMP in thinkdex-pdf-reader; libcurl in thinkdex-crawler, checked
// in cli_test.cpp).

#include <gtest/gtest.h>

#include <string>

#include "test_util.hpp"

namespace thinkdex {
namespace {

/// The shared libraries `program` loads, its dependencies' included, as ldd lists them.
std::string loaded(const std::string& name) {
    auto r = test::run({"/bin/sh", "-c", "ldd \"$1\"", "sh", test::bin(name).string()});
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    return r.out;
}

// libxml2 brought ICU (libicuuc, libicudata, 30 MB mapped) and liblzma into `thinkdex` for
// nothing but the PDFs' XMP packets, which the PDF reader now parses.
TEST(LinkedLibraries, ThinkdexAndTheCgiLoadNoLibxml2NorIcuNorLzma) {
    for (const char* program : {"thinkdex", "thinkdex.cgi"}) {
        const std::string libs = loaded(program);
        ASSERT_NE(libs.find("libc.so"), std::string::npos) << program << ": " << libs;
        for (const char* lib : {"libxml2", "libicu", "liblzma"})
            EXPECT_EQ(libs.find(lib), std::string::npos) << program << " loads " << lib;
    }
    EXPECT_NE(loaded("thinkdex-pdf-reader").find("libxml2"), std::string::npos);
}

}  // namespace
}  // namespace thinkdex
