#include "spelling_counts.hpp"

#include <cstdint>
#include <utility>
#include <vector>

#include "thinkdex/common/schema.hpp"
#include "thinkdex/common/text_fold.hpp"

namespace thinkdex::query {

namespace {

/// Whether `term` is a word of the text, not a prefixed term: prefixes are capitals and the
/// term generator lowers every word it makes (the test of the indexer's add_spelling()).
bool unprefixed(const std::string& term) {
    return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

using Counts = std::map<std::string, std::int64_t>;

/// The collection frequency of every term that starts with `start` and is `field` followed by
/// a word, keyed by that word. One request for the terms, then one for each term's frequency.
void add_words(const Xapian::Database& db, const std::string& field, const std::string& start,
               Counts& out) {
    std::vector<std::string> words;
    for (auto t = db.allterms_begin(start); t != db.allterms_end(start); ++t) {
        std::string word = (*t).substr(field.size());
        if (unprefixed(word)) words.push_back(std::move(word));
    }
    for (std::string& word : words) {
        const Xapian::termcount cf = db.get_collection_freq(field + word);
        out.emplace(std::move(word), static_cast<std::int64_t>(cf));
    }
}

/// The occurrences the term generator made: each accented word's folded twin (added by the
/// indexer's add_folded_terms() with the accented word's frequency) taken out again.
void take_out_twins(Counts& counts) {
    std::vector<std::pair<std::string, std::int64_t>> twins;
    for (const auto& [word, count] : counts)
        if (has_foldable(word)) twins.emplace_back(fold_accents(word), count);
    for (const auto& [twin, count] : twins)
        if (auto it = counts.find(twin); it != counts.end()) it->second -= count;
}

/// Every word of the text: a term starting with any byte but a capital. Asked one first byte
/// at a time, so that the prefixed terms (ids, stems, bands) are never sent.
Counts text_words(const Xapian::Database& db) {
    Counts out;
    for (int byte = 1; byte < 256; ++byte) {
        if (byte >= 'A' && byte <= 'Z') continue;
        add_words(db, "", std::string(1, static_cast<char>(byte)), out);
    }
    return out;
}

}  // namespace

std::map<std::string, Xapian::termcount> spelling_counts(const Xapian::Database& db) {
    Counts words = text_words(db);
    Counts titles;
    add_words(db, std::string(schema::kTitle), std::string(schema::kTitle), titles);
    take_out_twins(words);
    take_out_twins(titles);
    std::map<std::string, Xapian::termcount> out;
    for (const auto& [word, count] : words) {
        std::int64_t own = count;
        if (auto it = titles.find(word); it != titles.end())
            own -= it->second * (schema::kTitleWeight - 1);
        // Xapian's spelling table keeps no word of one byte.
        if (own > 0 && word.size() > 1) out.emplace_hint(out.end(), word, static_cast<Xapian::termcount>(own));
    }
    return out;
}

}  // namespace thinkdex::query
