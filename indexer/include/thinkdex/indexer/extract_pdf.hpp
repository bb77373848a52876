#pragma once
// Extraction of PDF publications: text in reading order with its pages marked, title, authors,
// date and language. poppler runs in a program of its own, thinkdex-pdf-reader, as a child
// process with bounded time and memory, so that no file can crash or stall the caller.

#include <cstddef>
#include <string>
#include <string_view>

#include "thinkdex/common/error.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace thinkdex::indexer {

/// The bounds on reading one PDF, the tunables of PDF extraction in one place.
struct PdfLimits {
    /// Larger files are skipped unread (the crawler's default cap for PDFs, 50 MiB).
    std::size_t max_bytes = std::size_t{50} << 20;
    /// CPU seconds poppler may spend on one file; the wall-clock bound is twice this.
    int max_seconds = 30;
    /// Address space the reader process may map for one file, its libraries included.
    std::size_t max_memory = std::size_t{1} << 30;
    /// Pages read; the rest of a longer file is left out (and the body says so in the logs).
    int max_pages = 2000;
};

/// True when `bytes` are a PDF: they start with "%PDF-" (after up to 1 KiB of junk, as readers
/// allow), or `content_type` is application/pdf.
bool is_pdf(std::string_view bytes, std::string_view content_type = {});

/// Extracts a PDF. The body is each page's text in reading order, paragraphs separated by '\n',
/// and each page after the first starts with a form feed '\f', so that the page of a passage is
/// one more than the form feeds before it (see page_at()); `pages` counts them. The title is
/// the metadata's (XMP, info dictionary) when the first page shows it and it is not a file or
/// template name, else the first page's largest text; authors are the metadata's names the
/// first page shows, else its byline; the date is the first page's, else the metadata's; the
/// language is XMP's dc:language, else guessed from the text's common words. `kind` is
/// "article", `url` the given URL.
///
/// Fails with kind "pdf" and a reason, never a crash: "PDF of 61 MiB, above the 50 MiB cap",
/// "encrypted PDF (needs a password)", "broken PDF (…)", "image-only PDF (no text on its 3
/// pages)", "PDF reader took more than 30 s of CPU time", "PDF reader needs more than 1024 MiB
/// of memory", "PDF reader crashed (SEGV)".
Result<Extracted> extract_pdf(std::string_view bytes, std::string_view url = {},
                              const PdfLimits& limits = {});

/// The thinkdex-pdf-reader program extract_pdf() runs: $THINKDEX_PDF_READER when set; else the
/// first that exists of the one beside the running program (the build tree's layout) and the
/// one where `cmake --install` puts it relative to `thinkdex` (libexec/thinkdex/ beside bin/);
/// else the one this build made. `thinkdex -vv` logs the one it runs.
std::string pdf_reader_program();

/// The page (1-based) of byte offset `offset` in a body extract_pdf() made: one more than the
/// form feeds before it.
int page_at(std::string_view body, std::size_t offset);

}  // namespace thinkdex::indexer
