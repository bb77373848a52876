#pragma once
// Private: what poppler reads in a PDF, before any judgement: the info dictionary, the XMP
// packet's fields, each page's text in reading order and the first page's lines with their type
// height. Only pdf_reader.cpp includes poppler; extract_pdf.cpp runs read_pdf() in a child process.

#include <string>
#include <string_view>
#include <vector>

#include "pdf_xmp.hpp"
#include "thinkdex/common/error.hpp"

namespace thinkdex::indexer::detail {

/// A line of the first page as set: its text and the height of its tallest word (points),
/// which the type size sets: the larger the type, the taller.
struct CoverLine {
    std::string text;
    double size = 0;
};

/// A PDF as poppler reads it; strings are UTF-8, empty when absent.
struct RawPdf {
    std::string info_title;
    std::string info_author;
    std::string info_date;  ///< the info dictionary's CreationDate as YYYY-MM-DD
    /// The XMP metadata packet's fields, parsed in the reader so that libxml2 (and the ICU and
    /// liblzma it brings) load there and not in every start of `thinkdex`.
    XmpFields xmp;
    std::vector<std::string> pages;  ///< each page's text in reading order
    std::vector<CoverLine> cover;    ///< the first page's lines, top to bottom
};

/// Reads `bytes` with poppler, at most `max_pages` pages (the rest are left out). Fails with
/// kind "pdf" and a message saying why: "encrypted PDF (needs a password)", "broken PDF (…)".
/// Does not bound time or memory: the caller runs it where a runaway file can be killed.
Result<RawPdf> read_pdf(std::string_view bytes, int max_pages);

}  // namespace thinkdex::indexer::detail
