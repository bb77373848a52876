// Which shared libraries the programs load: every `thinkdex search` and every CGI request pays
// the dynamic loader for each, so the libraries only one job needs stay in the helper program
// that does it (poppler in thinkdex-pdf-reader; libcurl in thinkdex-crawler, checked
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
// nothing but the PDFs' XMP packets, which the PDF reader now parses with expat.
TEST(LinkedLibraries, ThinkdexAndTheCgiLoadNoLibxml2NorIcuNorLzma) {
    for (const char* program : {"thinkdex", "thinkdex.cgi"}) {
        const std::string libs = loaded(program);
        ASSERT_NE(libs.find("libc.so"), std::string::npos) << program << ": " << libs;
        for (const char* lib : {"libxml2", "libicu", "liblzma"})
            EXPECT_EQ(libs.find(lib), std::string::npos) << program << " loads " << lib;
    }
}

// The reader parses XMP with expat, which fontconfig (loaded by poppler) loads anyway: libxml2
// and the ICU it brings cost each reader, so each PDF, 3 to 4 ms of CPU. (poppler itself
// loads liblzma.)
TEST(LinkedLibraries, PdfReaderLoadsNoLibxml2NorIcu) {
    const std::string libs = loaded("thinkdex-pdf-reader");
    ASSERT_NE(libs.find("libpoppler"), std::string::npos) << libs;
    EXPECT_NE(libs.find("libexpat"), std::string::npos) << libs;
    for (const char* lib : {"libxml2", "libicu"})
        EXPECT_EQ(libs.find(lib), std::string::npos) << "thinkdex-pdf-reader loads " << lib;
}

}  // namespace
}  // namespace thinkdex
