#pragma once
// Query building, part 2: query-time synonyms. Xapian's own synonyms live in the database
// (written by the indexer) and 1.4 expands a word only to single terms, not phrases; so the
// searcher replaces each synonym found in the query text (outside quotes, field values and
// wildcards) with a token of its own field prefix, whose FieldProcessor returns OP_SYNONYM
// over the group's members. The rest of the query is parsed exactly as without synonyms.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "field_processors.hpp"

namespace thinkdex::query {

/// The field prefix of the tokens that stand for synonyms: "thinkdexsyn:N".
inline constexpr std::string_view kSynonymPrefix = "thinkdexsyn";

struct SynonymKey {
    std::vector<std::string> words;  ///< lower-case
    std::size_t group = 0;
};

/// Synonyms found in a query text: (group, the text as the user typed it), in text order.
using SynonymsFound = std::vector<std::pair<std::size_t, std::string>>;

/// Replaces synonyms in `text` with "thinkdexsyn:N " (N indexing `found`, which receives the
/// group of each and the original text). `keys` are sorted longest first.
std::string rewrite_synonyms(const std::string& text, const std::vector<SynonymKey>& keys,
                             SynonymsFound& found);

/// The corrected query string with the synonym tokens put back as the user typed them.
std::string restore_synonyms(std::string text, const SynonymsFound& found);

/// The synonym groups of a searcher (Searcher::set_synonyms).
class Synonyms {
  public:
    /// Replaces the groups; members are parsed with `stemmer` as query words.
    void set(const std::vector<std::vector<std::string>>& groups, const Xapian::Stem& stemmer);
    bool empty() const { return keys_.empty(); }
    /// rewrite_synonyms() with these groups.
    std::string rewrite(const std::string& text, SynonymsFound& found) const {
        return rewrite_synonyms(text, keys_, found);
    }
    /// The query of each group found, in order: what "thinkdexsyn:N" stands for.
    std::vector<Xapian::Query> queries(const SynonymsFound& found) const;

  private:
    std::vector<SynonymKey> keys_;             ///< longest first
    std::vector<Xapian::Query> queries_;       ///< per group: OP_SYNONYM of its members
};

/// "thinkdexsyn:N" -> the query of the N-th synonym found in the query text.
class SynonymFieldProcessor : public CheckedFieldProcessor {
  public:
    SynonymFieldProcessor(ParseErrors& errors, std::vector<Xapian::Query> found)
        : CheckedFieldProcessor(errors), found_(std::move(found)) {}
    Xapian::Query operator()(const std::string& str) override {
        std::size_t n = 0;
        for (char c : str) {
            if (c < '0' || c > '9') return errors_.fail("bad synonym token " + str);
            n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        if (str.empty() || n >= found_.size()) return errors_.fail("bad synonym token " + str);
        return found_[n];
    }

  private:
    std::vector<Xapian::Query> found_;
};

}  // namespace thinkdex::query
