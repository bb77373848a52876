#include "spelling_counts.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <future>
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

/// What to ask a shard for: the title words ("S"), then every word of the text, a term
/// starting with any byte but a capital, one first byte at a time, so that the prefixed terms
/// (ids, stems, bands) are never sent. The titles come first, being the largest part.
std::vector<std::string> parts() {
    std::vector<std::string> out{std::string(schema::kTitle)};
    for (int byte = 1; byte < 256; ++byte)
        if (byte < 'A' || byte > 'Z') out.emplace_back(1, static_cast<char>(byte));
    return out;
}

struct Frequencies {
    Counts words;
    Counts titles;
};

/// Reads the parts whose turn comes (`next`) on `db` into `out`.
void read_parts(const Xapian::Database& db, const std::vector<std::string>& todo,
                std::atomic<std::size_t>& next, Frequencies& out) {
    for (std::size_t i = next++; i < todo.size(); i = next++) {
        if (i == 0) add_words(db, todo[i], todo[i], out.titles);
        else add_words(db, "", todo[i], out.words);
    }
}

std::map<std::string, Xapian::termcount> own_counts(Frequencies& found) {
    take_out_twins(found.words);
    take_out_twins(found.titles);
    std::map<std::string, Xapian::termcount> out;
    for (const auto& [word, count] : found.words) {
        std::int64_t own = count;
        if (auto it = found.titles.find(word); it != found.titles.end())
            own -= it->second * (schema::kTitleWeight - 1);
        // Xapian's spelling table keeps no word of one byte.
        if (own > 0 && word.size() > 1)
            out.emplace_hint(out.end(), word, static_cast<Xapian::termcount>(own));
    }
    return out;
}

}  // namespace

std::map<std::string, Xapian::termcount> spelling_counts(const Xapian::Database& db) {
    const std::vector<std::string> todo = parts();
    std::atomic<std::size_t> next{0};
    Frequencies found;
    read_parts(db, todo, next, found);
    return own_counts(found);
}

std::map<std::string, Xapian::termcount> spelling_counts(
    const std::function<Xapian::Database()>& open, unsigned connections) {
    const std::vector<std::string> todo = parts();
    std::atomic<std::size_t> next{0};
    std::vector<Frequencies> found(std::max(connections, 1u));
    std::vector<std::future<void>> reads;
    for (Frequencies& part : found)
        reads.push_back(std::async(std::launch::async, [&open, &todo, &next, &part] {
            read_parts(open(), todo, next, part);
        }));
    std::exception_ptr failed;
    for (auto& read : reads) {
        try {
            read.get();
        } catch (...) {
            // The others still read `todo` and `next`: wait for them, then fail. Their turns
            // end at once: every part is taken.
            if (!failed) failed = std::current_exception();
            next = todo.size();
        }
    }
    if (failed) std::rethrow_exception(failed);
    Frequencies all;
    for (Frequencies& part : found) {
        all.words.merge(part.words);  // each word was read on one connection only
        all.titles.merge(part.titles);
    }
    return own_counts(all);
}

}  // namespace thinkdex::query
