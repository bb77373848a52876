#pragma once
// What the build-time table generators (common/tools/gen_fold_table.cpp,
// indexer/tools/gen_month_table.cpp) share: writing a C++ string literal and ICU's Latin-ASCII
// transform.
#include <unicode/translit.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

namespace thinkdex::tools {

/// `text` as a C++ string literal: printable ASCII as is, every other byte escaped.
inline std::string literal(const std::string& text) {
    std::string out = "\"";
    for (const char byte : text) {
        const auto c = static_cast<unsigned char>(byte);
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?') {
            out += static_cast<char>(c);
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\%03o", c);
            out += escaped;
        }
    }
    return out + "\"";
}

/// ICU's Latin-ASCII transform ("é" -> "e"), or null after a message naming `program`.
inline std::unique_ptr<icu::Transliterator> latin_ascii(const char* program) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> out(
        icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !out) {
        std::cerr << program
                  << ": cannot create ICU's Latin-ASCII transform: " << u_errorName(status) << '\n';
        return nullptr;
    }
    return out;
}

}  // namespace thinkdex::tools
