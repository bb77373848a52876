#pragma once
// The index schema: the one contract between the indexer (which writes it) and the query
// library (which reads it), like Omega's values.h. Term prefixes follow Omega's
// termprefixes.rst; changing anything here means re-indexing (`thinkdex index --rebuild`).

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

// Slots are plain unsigned numbers (Xapian::valueno) so that this header needs no Xapian.

namespace thinkdex::schema {

// Free-text prefixes (stemmed, with positions).
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kAuthorText = "XA";  // author names as words: author:kuhrt
// Boolean filter terms. Values are lower-cased where noted.
inline constexpr std::string_view kUniqueId = "Q";     // Q + canonical URL (or id for JSONL)
inline constexpr std::string_view kAuthor = "A";       // A + lower-cased author name
inline constexpr std::string_view kSite = "H";         // H + lower-cased host name
inline constexpr std::string_view kYear = "Y";         // Y + YYYY
// No month (Omega's M) or day (D) terms: date:, after:, before:, --since and --until are ranges
// over kSlotDate, and only the year filter is a term. Indexes written before still hold them.
inline constexpr std::string_view kTag = "K";          // K + lower-cased tag
inline constexpr std::string_view kLanguage = "L";     // L + ISO 639-1 code, lower case
inline constexpr std::string_view kType = "T";         // T + content type ("html", "jsonl")
inline constexpr std::string_view kKind = "XK";        // XK + page kind (kKindArticle...)
// Near-duplicates: every document belongs to one group, named by dup_group_key() of the first
// document indexed with that text (its own id when it has no near-duplicate).
inline constexpr std::string_view kDupGroup = "XG";    // XG + group key
inline constexpr std::string_view kDupBand = "XB";     // XB + band (2 hex) + 8 hex: MinHash LSH
// XI + the document's id_hash() in hex: over shards, the rerank pass finds its top documents by
// it, since a remote shard's results carry their sort key (kSlotIdHash) and not their number.
inline constexpr std::string_view kIdHash = "XI";

// Value slots.
inline constexpr unsigned kSlotDate = 0;        // YYYYMMDD, sorts as a string; MM or DD "00"
                                                // when unknown; no value when undated
inline constexpr unsigned kSlotAuthors = 1;     // display names joined by kListSeparator
inline constexpr unsigned kSlotYear = 2;        // YYYY
inline constexpr unsigned kSlotSite = 3;        // site name (display form)
inline constexpr unsigned kSlotTags = 4;        // display tags joined by kListSeparator
inline constexpr unsigned kSlotLanguage = 5;    // ISO 639-1
inline constexpr unsigned kSlotContentHash = 6; // hash of the stored page it came from
inline constexpr unsigned kSlotHost = 7;        // host name, lower case
inline constexpr unsigned kSlotDupGroup = 8;    // near-duplicate group key; search collapses on it
inline constexpr unsigned kSlotMinHash = 9;     // MinHash signature of the body (binary)
// Everything facet counting reads, in one value so that counting reads one value stream (six
// streams cost about five times as much): the FacetField fields joined by kFieldSeparator.
// Documents indexed before it existed have no value; search then reads the slots above.
inline constexpr unsigned kSlotFacets = 10;
// The document's URL, as in its stored data: "also at" shows a copy's site and URL from this
// slot and kSlotSite without decoding the copy's data. Documents indexed before it (and those
// without a URL) have no value; search then reads their data.
inline constexpr unsigned kSlotUrl = 11;
// Slot 12 held the document's unique id term, which ties sorted by; indexes written before
// kSlotIdHash hold it, and nothing reads it. Not to be reused.
// The order of --sort oldest: kSlotDate's value, and for an undated document one that sorts
// after every date (oldest_first_key()). Sorting by a value travels to remote shards, where
// Xapian 1.4 sends no KeyMaker. Documents indexed before it have no value; search then makes
// the key from kSlotDate.
inline constexpr unsigned kSlotOldestFirst = 13;
// id_hash() of the document's id, which documents of equal weight sort by (one index and its
// shards number documents differently, so the number cannot decide). 8 bytes, because the
// matcher reads it for each candidate that reaches the results: about 70 block reads a search
// on the 100k bench index, where the unique id term it replaced (a URL) cost about 120.
// Documents indexed before it have none and tie by number among themselves.
inline constexpr unsigned kSlotIdHash = 14;

/// kSlotOldestFirst's value for a document whose kSlotDate value is `date`.
inline std::string oldest_first_key(std::string date) {
    return date.empty() ? std::string("~") : date;
}

/// The page kinds (Extracted::kind): a publication, a page of links to other pages, any other
/// page. Documents indexed before kinds have no XK term and count as publications in ranking.
inline constexpr std::string_view kKindArticle = "article";
inline constexpr std::string_view kKindListing = "listing";
inline constexpr std::string_view kKindPage = "page";

inline constexpr char kListSeparator = '\x1f';
inline constexpr char kFieldSeparator = '\x1e';

/// The fields of kSlotFacets, in order; each as in its own slot, the type as its T term.
enum FacetField : std::size_t {
    kFieldAuthors,   // as kSlotAuthors
    kFieldYear,      // as kSlotYear
    kFieldHost,      // as kSlotHost
    kFieldTags,      // as kSlotTags
    kFieldLanguage,  // as kSlotLanguage
    kFieldType,      // lower case, as after the T prefix
    kFieldDupGroup,  // as kSlotDupGroup
    kFieldKind,      // the page kind, as after the XK prefix; "" in values written before it
    kFacetFieldCount
};

// Within-document frequency boost of title terms over body terms (BM25 sees the title's
// words this many more times).
inline constexpr unsigned kTitleWeight = 3;

// Document data is a StoredDocument (stored_document.hpp) with the display fields. Its body
// keeps only the first kStoredBodyBytes of the text (cut at a UTF-8 boundary): the text
// snippets are chosen from at query time.
inline constexpr std::size_t kStoredBodyBytes = 32 * 1024;

/// Metadata keys on the database.
inline constexpr std::string_view kMetaLastIndex = "thinkdex:last_index";  // ISO 8601 UTC
inline constexpr std::string_view kMetaStoreSeq = "thinkdex:store_seq";    // last store change
                                                                           // sequence indexed
// Stemmer the index was built with ("english", "none"); the searcher stems queries the same way.
inline constexpr std::string_view kMetaLanguage = "thinkdex:language";
// Languages of documents stemmed with their own stemmer rather than kMetaLanguage's, as their
// ISO 639-1 codes in order, space-separated ("de fr ru"); queries are stemmed in each of them.
inline constexpr std::string_view kMetaStemLanguages = "thinkdex:stem_languages";
// The index's layout: which terms and values its documents get. Raised when documents indexed
// before would miss matches that new ones find; `thinkdex index --rebuild` brings an index up
// to date. An index without the key has layout 1: before accent folding, elision and
// per-language stems.
inline constexpr std::string_view kMetaLayout = "thinkdex:layout";
inline constexpr int kIndexLayout = 2;

/// The layout an index's kMetaLayout value names (1 when empty or unreadable).
int index_layout(std::string_view meta);

/// Xapian terms are limited to 245 bytes; longer ids are shortened with a hash suffix so that
/// every id still maps to exactly one term.
std::string unique_id_term(std::string_view id);

/// A 64-bit hash of `id` as 8 bytes, most significant first: kSlotIdHash's value.
std::string id_hash(std::string_view id);

/// kIdHash + `hash` (an id_hash() value) in hex.
std::string id_hash_term(std::string_view hash);

/// The key naming the near-duplicate group founded by document `id`: 16 hex digits (a hash of
/// the id), short enough for a term and a collapse key.
std::string dup_group_key(std::string_view id);

/// `fields` joined by kFieldSeparator.
std::string join_fields(std::initializer_list<std::string_view> fields);

/// "www.rusi.org" -> "rusi.org"; other hosts as they are. The one "www." rule: a www host is
/// indexed under its bare host's H term as well, so that the bare form (site:rusi.org, the
/// site facet's value) selects both.
inline std::string_view bare_host(std::string_view host) {
    return host.starts_with("www.") ? host.substr(4) : host;
}

/// Lower-cases ASCII and folds runs of white space, for boolean filter terms.
std::string filter_term(std::string_view prefix, std::string_view value);

}  // namespace thinkdex::schema
