#pragma once
// Private: how the PDF reader program (indexer/tools/pdf_reader_main.cpp) hands what poppler
// read back to the indexer: one JSON object on its standard output, {"error": "..."} when the
// file could not be read.

#include <string>

#include "pdf_reader.hpp"
#include "thinkdex/common/error.hpp"

namespace thinkdex::indexer::detail {

/// `raw` as the reader prints it. Invalid UTF-8 in the PDF's strings becomes U+FFFD.
std::string to_wire(const Result<RawPdf>& raw);

/// What the reader printed, read back; Error{kind "pdf"} with the reader's message, or saying
/// the output is not what a reader prints.
Result<RawPdf> from_wire(const std::string& text);

}  // namespace thinkdex::indexer::detail
