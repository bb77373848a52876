#pragma once
// Hit building: a page's documents made into hits from their stored data, with snippets that
// mark the query's words and the other copies of each ("also at").

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// Undoes the HTML escaping MSet::snippet applies, since each renderer escapes for its own
/// context.
std::string unescape_snippet(std::string_view s);

/// The stemmer a snippet of a document in `language` (ISO 639-1, or "") matches query terms
/// with: the one the indexer stemmed it with (its language's, else `configured`), applied to
/// words with elisions split and accents folded, so that the folded twins' matches are marked.
Xapian::Stem snippet_stemmer(const std::string& language, const Xapian::Stem& configured);

/// A snippet marked with \x01 and \x02 around its matches, as parts.
std::vector<SnippetPart> split_snippet(std::string_view marked);

/// The page (1-based) of a PDF's snippet: `pages` is the document's text up to the end of the
/// window the snippet was chosen from, which starts at byte `from` and, form feeds made spaces,
/// reads `window`; the snippet's first bytes are looked for in it, and the page is one more
/// than the form feeds before them (the window's start when they are not found).
int snippet_page(std::string_view pages, std::size_t from, std::string_view window,
                 const std::vector<SnippetPart>& snippet);

/// The bytes [first, second) of `text` the snippet is chosen from: all of it when short, else
/// the 1,024-byte window that has the most distinct `words` (lower-case ASCII prefixes, found
/// at word starts, case-insensitively), then the most occurrences, cut at spaces.
std::pair<std::size_t, std::size_t> snippet_window(std::string_view text,
                                                   const std::vector<std::string>& words);

/// The other members of `doc`'s near-duplicate group (from its XG term's posting list): where
/// else the publication appears, at most kMaxAlsoAt.
/// `id` is `doc`'s id in `db`: over shards a document knows only its id in its own shard.
std::vector<Hit::Copy> copies_of(const Xapian::Database& db, const Xapian::Document& doc,
                                 Xapian::docid id);

/// Builds the hits of `page` (into `hits`, of the same size) from the documents' stored data,
/// with snippets marking the words of `query`. `next` hands out the entries, so that two
/// threads, each with its own handle, stemmer and query, can share the work.
void build_hits(const Xapian::Database& db, const Xapian::Stem& stemmer,
                const Xapian::Query& query, const SearchRequest& request,
                const std::vector<std::pair<Xapian::docid, double>>& page, std::vector<Hit>& hits,
                std::atomic<std::size_t>& next);

}  // namespace thinkdex::query
