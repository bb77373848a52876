#pragma once
// Private: the fields of a PDF's XMP packet that say what the document is (Dublin Core title,
// creators, date and language; the XMP creation date). expat stays in pdf_xmp.cpp, which only
// the PDF reader program links (read_pdf() hands back the fields, not the packet).

#include <string>
#include <string_view>
#include <vector>

namespace thinkdex::indexer::detail {

struct XmpFields {
    std::string title;                  ///< dc:title (the first alternative)
    std::vector<std::string> creators;  ///< dc:creator, in order
    std::string date;                   ///< dc:date, else xmp:CreateDate, as written
    std::string language;               ///< dc:language (the first), as written
};

/// Reads an XMP packet (RDF/XML, properties as elements or as attributes of rdf:Description).
/// Never fails: XML that does not parse gives empty fields.
XmpFields parse_xmp(std::string_view xml);

}  // namespace thinkdex::indexer::detail
