#pragma once
// Private: a PDF's title, authors, date and language, from its info dictionary and XMP checked
// against what its first page shows, because the tools that write PDFs often fill the metadata
// with the file name ("Microsoft Word - draft3.docx") or the login of whoever typed it ("jsmith").
// Pure functions over what pdf_reader.hpp read.

#include <string>
#include <string_view>
#include <vector>

#include "pdf_reader.hpp"
#include "pdf_xmp.hpp"

namespace thinkdex::indexer::detail {

/// Tunables of choosing a PDF's metadata, in one place.
namespace pdf_metadata_tunables {
/// Share of a metadata title's words (of 3 letters or more) that the first page must show.
inline constexpr double kTitleWordsOnCover = 0.6;
/// Lines of the cover's largest type taken together as its title.
inline constexpr std::size_t kMaxTitleLines = 3;
/// Cover line heights this close (points) are one type size.
inline constexpr double kSameSize = 0.5;
/// Cover lines read for a byline and a date (a cover is short; further lines are the text).
inline constexpr std::size_t kCoverLines = 40;
/// Longer lines are not a month and year standing alone ("June 2023", "Septembre 2024").
inline constexpr std::size_t kMaxMonthLine = 24;
}  // namespace pdf_metadata_tunables

/// The metadata chosen for a PDF. Empty when none is found.
struct PdfMetadata {
    std::string title;
    std::vector<std::string> authors;
    std::string published;  ///< YYYY-MM-DD
    std::string language;   ///< ISO 639-1
};

/// True for titles that name a file or a template rather than the document: "Microsoft Word -
/// draft3.docx", "report.pdf", "Untitled", "Document1", "PowerPoint Presentation".
bool junk_title(std::string_view title);

/// True when `name` is a person's name as a credit would print it, not a login ("jsmith"),
/// an account ("Administrator") or an organisation.
bool person_like(std::string_view name);

/// The title: the metadata's (XMP, then the info dictionary) when it is not junk and the cover
/// shows most of its words, else the cover's largest text.
/// Authors: the metadata's names that the cover shows, else the cover's byline ("By A and B"),
/// else the metadata's names that look like people's. Date: the first date on the cover, else
/// the metadata's. Language: XMP's dc:language (the text's language is guessed by the caller).
/// `xmp` is the XMP read (raw.xmp for a PDF as the reader read it), apart so that a test can
/// vary it alone.
PdfMetadata choose_pdf_metadata(const RawPdf& raw, const XmpFields& xmp);

}  // namespace thinkdex::indexer::detail
