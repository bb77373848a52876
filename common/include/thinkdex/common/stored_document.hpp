#pragma once
// The data stored with each indexed document (Xapian's document data): what a hit shows. The
// indexer encodes it and the query library decodes it, both only here, so that its field names
// live in one place. Changing them means re-indexing, as for schema.hpp.

#include <string>
#include <string_view>
#include <vector>

namespace thinkdex {

/// The stored fields, as IndexDocument has them.
struct StoredDocument {
    std::string id;
    std::string url;
    std::string title;
    std::vector<std::string> authors;
    std::string published;  ///< YYYY-MM-DD, YYYY-MM, YYYY or ""
    std::string site;       ///< site name for display
    std::string host;
    std::string summary;
    std::vector<std::string> tags;
    std::string language;
    std::string type;
    std::string kind;
    /// The text snippets are chosen from: encode_stored_document() keeps its first
    /// schema::kStoredBodyBytes (cut at a UTF-8 boundary).
    std::string body;
    /// A landing page's own PDFs: their URLs and, in the same order, their texts (pages
    /// marked with '\f'), each cut as `body` is. Empty for other documents.
    std::vector<std::string> pdf_urls;
    std::vector<std::string> pdf_texts;
};

/// A JSON object of the fields ({"authors":[...],"body":...,"host":...,"id":...,...}, keys in
/// order). Invalid UTF-8 becomes U+FFFD rather than making the document unindexable.
std::string encode_stored_document(const StoredDocument& doc);

/// The fields of `data` as encode_stored_document() wrote them. Never fails: a missing or
/// mistyped field is empty, and data that is not a JSON object gives an empty document.
StoredDocument decode_stored_document(std::string_view data);

}  // namespace thinkdex
