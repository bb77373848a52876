#include "spelling.hpp"

#include <algorithm>
#include <sstream>

#include "build_query.hpp"
#include "thinkdex/common/text_fold.hpp"

namespace thinkdex::query {

namespace {

// A query "finds little" below this many documents (about a page of results).
constexpr std::size_t kFewMatches = 10;
// A suggestion "finds clearly more" with at least this many times the query's matches.
constexpr std::size_t kClearlyMoreFactor = 2;
// Edits a correction may make, by the typed word's length in characters: none up to
// kShortWord, one up to kMediumWord, two beyond (Xapian allows two whatever the length, which
// turns "café" into "can").
constexpr std::size_t kShortWord = 2;
constexpr std::size_t kMediumWord = 5;

std::u32string code_points(const std::string& word) {
    std::u32string out;
    for (Xapian::Utf8Iterator it(word); it != Xapian::Utf8Iterator(); ++it)
        out.push_back(static_cast<char32_t>(*it));
    return out;
}

/// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

/// Whether `suggested` is close enough to `typed` for the typed word's length.
bool close_enough(const std::string& typed, const std::string& suggested) {
    const std::u32string a = code_points(typed), b = code_points(suggested);
    const std::size_t allowed = a.size() <= kShortWord ? 0 : a.size() <= kMediumWord ? 1 : 2;
    return edit_distance(a, b) <= allowed;
}

std::vector<std::string> split_words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

/// The word of a query token, lower case: "title:Almaty)" -> "almaty".
std::string bare_word(const std::string& token) {
    std::string out;
    const std::size_t colon = token.rfind(':');
    const std::string word = colon == std::string::npos ? token : token.substr(colon + 1);
    for (Xapian::Utf8Iterator it(word); it != Xapian::Utf8Iterator(); ++it)
        if (Xapian::Unicode::is_wordchar(*it))
            Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
    return out;
}

/// Whether any document has `word` in some form: as typed, folded, or stemmed.
bool in_index(const Xapian::Database& db, const std::vector<Xapian::Stem>& stemmers,
              const std::string& word) {
    for (const std::string& form : {word, fold_accents(word)}) {
        if (db.term_exists(form)) return true;
        for (const Xapian::Stem& stem : stemmers)
            if (db.term_exists("Z" + stem(form))) return true;
    }
    return false;
}

}  // namespace

std::string vetted_correction(const Xapian::Database& db, const std::vector<Xapian::Stem>& stemmers,
                              const std::string& typed, const std::string& corrected) {
    const std::vector<std::string> before = split_words(typed);
    std::vector<std::string> after = split_words(corrected);
    if (before.size() != after.size()) return {};
    bool changed = false;
    for (std::size_t i = 0; i < after.size(); ++i) {
        if (after[i] == before[i]) continue;
        const std::string word = bare_word(before[i]), suggested = bare_word(after[i]);
        if (word.empty() || in_index(db, stemmers, word) || stopper()(suggested) ||
            !close_enough(word, suggested)) {
            after[i] = before[i];
        } else {
            changed = true;
        }
    }
    if (!changed) return {};
    std::string out;
    for (const std::string& word : after) out += (out.empty() ? "" : " ") + word;
    return out;
}

bool suggestion_pays(std::size_t found, std::size_t suggested) {
    return found < kFewMatches && suggested > found && suggested >= kClearlyMoreFactor * found;
}

Xapian::doccount matches_for_suggestion(const Xapian::Database& db, const Xapian::Query& query,
                                        const Xapian::Query& filter) {
    Xapian::Enquire enquire(db);
    enquire.set_query(filter.empty() ? query
                                     : Xapian::Query(Xapian::Query::OP_FILTER, query, filter));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
    return enquire.get_mset(0, 0, static_cast<Xapian::doccount>(kClearlyMoreFactor * kFewMatches)).get_matches_estimated();
}

}  // namespace thinkdex::query
