#pragma once
// Writing the Xapian index in the layout of thinkdex/common/schema.hpp.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace thinkdex::indexer {

/// One document as indexed (from an extracted page or a JSONL record).
struct IndexDocument {
    std::string id;         ///< unique key: canonical URL for crawled pages
    std::string url;
    std::string title;
    std::vector<std::string> authors;
    std::string published;  ///< YYYY-MM-DD, or YYYY-MM, YYYY, or empty
    std::string body;
    std::string summary;
    std::string site;       ///< site name for display
    std::string host;       ///< host name, from url
    std::vector<std::string> tags;
    std::string language;
    std::string type = "html";
    std::string kind = "article";  ///< "article", "listing" or "page" (Extracted::kind)
    std::string content_hash;
    /// The publication's own PDFs (a landing page's; see index_store()): their URLs and texts
    /// (pages marked with '\f'), searchable with the page's text and stored for snippets.
    std::vector<std::string> pdf_urls;
    std::vector<std::string> pdf_texts;
};

/// Owns a Xapian::WritableDatabase. Changes become visible to readers only at `commit()`,
/// all at once: a search never sees half a batch.
class IndexWriter {
  public:
    /// Opens or creates the database at `path`. `language`: Xapian stemmer name or "none".
    /// Throws thinkdex::Fatal ("cannot open index 'path': ...") when it cannot, e.g. when
    /// another writer holds the lock.
    IndexWriter(const std::filesystem::path& path, const std::string& language);
    ~IndexWriter();
    IndexWriter(IndexWriter&&) noexcept;
    IndexWriter& operator=(IndexWriter&&) noexcept;

    /// Adds the document or replaces the one with the same id. A replaced document's words
    /// leave the spelling data ("did you mean") as its new version's enter it.
    void upsert(const IndexDocument& doc);
    /// Removes the document with this id, and its words' spelling data, if any. Returns
    /// whether one existed.
    bool remove(const std::string& id);
    /// The content hash stored with the document `id`, or "" if there is none.
    std::string stored_hash(const std::string& id) const;

    std::string get_metadata(const std::string& key) const;
    /// Whether documents were indexed by a version whose layout (schema::kIndexLayout) is older
    /// than this one's: they miss terms that searches now expect.
    bool outdated_layout() const;
    /// Records that every document now has this version's layout (after a rebuild).
    void mark_layout_current();
    /// Empties the spelling data ("did you mean"), before a rebuild adds every document's
    /// again. It also mends an index whose data an older thinkdex inflated: Xapian keeps a
    /// word's frequency when its document is replaced, and upserts before this version did not
    /// take it back.
    void clear_spelling();
    void set_metadata(const std::string& key, const std::string& value);
    /// Makes every change so far durable and visible. Throws Fatal on failure.
    void commit();
    std::uint32_t doc_count() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace thinkdex::indexer
