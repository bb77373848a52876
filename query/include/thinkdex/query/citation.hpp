#pragma once
// Citation export for one publication of the index: BibTeX and RIS, as the search page offers
// them beside each result (format=bibtex&id=..., format=ris&id=...).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// What a citation says about a publication, read from its stored document data.
struct Citation {
    std::string id;  ///< the document's unique id (canonical URL)
    std::string url;
    std::string title;
    std::vector<std::string> authors;  ///< display names ("Natasha Kuhrt")
    std::string published;             ///< YYYY-MM-DD, YYYY-MM, YYYY or ""
    std::string site;                  ///< the publishing organisation's site name
    std::string pdf_url;               ///< the publication's PDF, "" when it has none
};

/// The publication with unique id `id` in the index at `index`, opened read-only; nullopt when
/// there is none. Throws thinkdex::Fatal ("cannot read index 'path': ...") when the index
/// cannot be opened or read.
std::optional<Citation> find_citation(const std::filesystem::path& index, const std::string& id);
/// The same in `source`'s index, stub file or shards (those that answer).
std::optional<Citation> find_citation(const IndexSource& source, const std::string& id);

/// A BibTeX @misc entry (also read by biblatex: date, urldate): author (names joined with
/// "and"), title (double-braced to keep its capitals), year, month, date, organization and
/// publisher (the site), url, urldate and a note with `accessed` (YYYY-MM-DD, the day of the
/// export). Values are escaped for BibTeX and LaTeX: braces, backslashes and the characters
/// # $ % & _ ~ ^ become LaTeX commands, so every value's braces balance; control characters
/// and line breaks become spaces; the URL is kept verbatim except that braces, backslashes
/// and spaces are percent-encoded. Ends with a newline.
///
///     @misc{kuhrt2025sino,
///       author       = {Natasha Kuhrt},
///       title        = {{Sino-Russian Relations in Central Asia}},
///       ...
///     }
std::string render_bibtex(const Citation& citation, const std::string& accessed);

/// An RIS record (type ELEC): TY, one AU per author, TI, PY (year), DA (YYYY/MM/DD/), PB
/// (the site), UR, Y2 (`accessed`, YYYY/MM/DD) and ER, each line "XX  - value" ending in CRLF
/// as the RIS format specifies. Line breaks and control characters in values become spaces,
/// so a value can never start a tag of its own.
std::string render_ris(const Citation& citation, const std::string& accessed);

/// The citation key of render_bibtex(): the first author's last name, the year and the
/// title's first word, in lower-case ASCII letters and digits ("kuhrt2025sino"); "thinkdex"
/// and the year when nothing usable is left. Also the download file name's stem.
std::string citation_key(const Citation& citation);

}  // namespace thinkdex::query
