#include "hit_builder.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "language_stems.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/common/stored_document.hpp"
#include "thinkdex/common/text_fold.hpp"

namespace thinkdex::query {

namespace schema = thinkdex::schema;

namespace {

// Match markers for MSet::snippet: control characters that never survive in indexed text
// (they are removed from it first), so splitting on them is unambiguous.
constexpr std::string_view kMarkStart = "\x01";
constexpr std::string_view kMarkEnd = "\x02";
constexpr std::size_t kSnippetBytes = 300;
// The snippet is chosen from the window of this many bytes with the most query words: Xapian
// stems every word of the text it is given, about 0.15 ms for 5 KB, the largest cost of a hit.
constexpr std::size_t kSnippetWindowBytes = 1024;

/// Whether text[at] starts a word (what precedes it is not a letter or digit).
bool starts_word(std::string_view text, std::size_t at) {
    if (at == 0) return true;
    const auto c = static_cast<unsigned char>(text[at - 1]);
    return !std::isalnum(c) && c < 0x80;
}

/// Removes the last UTF-8 character of `word`.
void drop_last_letter(std::string& word) {
    while (!word.empty() && (static_cast<unsigned char>(word.back()) & 0xC0) == 0x80)
        word.pop_back();  // continuation bytes
    if (!word.empty()) word.pop_back();
}

/// Whether code point `c` is a Latin letter beyond ASCII, which fold_accents() may change.
bool latin(unsigned c) {
    return (c >= 0xC0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF) ||
           (c >= 0xFB00 && c <= 0xFB06);  // Latin-1 to Extended-B, Extended Additional, ligatures
}

/// `text` lower case and accent-folded, as the query's words are ("Québec" -> "quebec"), with
/// the offset in `text` of each of its bytes.
struct SearchText {
    std::string folded;
    std::vector<std::size_t> origin;  // folded[i] comes from text[origin[i]]
};

SearchText search_text(std::string_view text) {
    SearchText out;
    out.folded.reserve(text.size());
    out.origin.reserve(text.size());
    const bool ascii = std::all_of(text.begin(), text.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            out.folded += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
            out.origin.push_back(i);
        }
        return out;
    }
    std::map<unsigned, std::string> folds;  // by code point: ICU is slow one letter at a time
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const auto at = static_cast<std::size_t>(it.raw() - text.data());
        const unsigned lower = Xapian::Unicode::tolower(*it);
        if (lower < 0x80) {
            out.folded += static_cast<char>(lower);
        } else if (!latin(lower)) {
            Xapian::Unicode::append_utf8(out.folded, lower);  // other scripts are not folded
        } else {
            auto [fold, added] = folds.try_emplace(lower);
            if (added) {
                std::string letter;
                Xapian::Unicode::append_utf8(letter, lower);
                fold->second = fold_accents(letter);
            }
            out.folded += fold->second;
        }
        out.origin.resize(out.folded.size(), at);
    }
    return out;
}

std::string strip_markers(std::string text) {
    std::replace_if(
        text.begin(), text.end(),
        [](char c) { return c == kMarkStart[0] || c == kMarkEnd[0]; }, ' ');
    return text;
}

/// A stemmer that sees words as the indexer's folded twins do: elided article split off and
/// accents folded, then stemmed. MSet::snippet marks a word when its stem is a query term, and
/// a query typed without accents ("quebec") holds only the folded stems ("Zquebec").
class FoldingStem : public Xapian::StemImplementation {
  public:
    explicit FoldingStem(Xapian::Stem stem) : stem_(std::move(stem)) {}
    std::string operator()(const std::string& word) override {
        return stem_(fold_accents(split_elisions(word)));
    }
    std::string get_description() const override {
        return "folding " + stem_.get_description();
    }

  private:
    Xapian::Stem stem_;
};

}  // namespace

Xapian::Stem snippet_stemmer(const std::string& language, const Xapian::Stem& configured) {
    // As the indexer chose: the document language's stemmer where Xapian has one.
    const std::vector<Xapian::Stem> own =
        language.empty() || language == "en" ? std::vector<Xapian::Stem>{}
                                             : index_stemmers({language});
    return Xapian::Stem(new FoldingStem(own.empty() ? configured : own.front()));
}

std::string unescape_snippet(std::string_view s) {
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool replaced = false;
        if (s[i] == '&') {
            for (const auto& [entity, c] : kEntities) {
                if (s.substr(i).starts_with(entity)) {
                    out.push_back(c);
                    i += entity.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out.push_back(s[i++]);
    }
    return out;
}

std::vector<SnippetPart> split_snippet(std::string_view marked) {
    std::vector<SnippetPart> parts;
    bool match = false;
    while (!marked.empty()) {
        auto marker = marked.find(match ? kMarkEnd : kMarkStart);
        std::string_view piece = marked.substr(0, marker);
        if (!piece.empty()) parts.push_back({unescape_snippet(piece), match});
        if (marker == std::string_view::npos) break;
        marked.remove_prefix(marker + 1);
        match = !match;
    }
    return parts;
}

std::pair<std::size_t, std::size_t> snippet_window(std::string_view text,
                                                   const std::vector<std::string>& words) {
    if (text.size() <= kSnippetWindowBytes || words.empty()) return {0, text.size()};
    const SearchText lower = search_text(text);
    std::vector<std::pair<std::size_t, std::size_t>> found;  // (offset in text, word)
    for (std::size_t w = 0; w < words.size(); ++w)
        for (auto at = lower.folded.find(words[w]); at != std::string::npos;
             at = lower.folded.find(words[w], at + 1))
            if (starts_word(lower.folded, at)) found.emplace_back(lower.origin[at], w);
    std::sort(found.begin(), found.end());
    // Slide the window's start over the found words, keeping per-word counts of those inside.
    std::vector<std::size_t> inside(words.size(), 0);
    std::size_t distinct = 0, best_distinct = 0, best_count = 0;
    std::size_t best_start = found.empty() ? 0 : found[0].first;
    for (std::size_t first = 0, last = 0; first < found.size(); ++first) {
        for (; last < found.size() && found[last].first < found[first].first + kSnippetWindowBytes;
             ++last)
            if (inside[found[last].second]++ == 0) ++distinct;
        const std::size_t count = last - first;
        if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
            best_distinct = distinct;
            best_count = count;
            best_start = found[first].first;
        }
        if (--inside[found[first].second] == 0) --distinct;
    }
    // Some context before the first word, from a space on.
    std::size_t start = best_start > kSnippetBytes / 2 ? best_start - kSnippetBytes / 2 : 0;
    if (start > 0) {
        const auto space = text.find(' ', start);
        start = space != std::string_view::npos && space < best_start ? space + 1 : best_start;
    }
    std::size_t end = std::min(text.size(), start + kSnippetWindowBytes);
    if (end < text.size()) {
        const auto space = text.rfind(' ', end);
        if (space != std::string_view::npos && space > start) end = space;
    }
    // Never inside a UTF-8 sequence (text without spaces).
    auto continuation = [&](std::size_t at) {
        return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
    };
    while (continuation(start)) ++start;
    while (end > start && continuation(end)) --end;
    return {start, end};
}

std::vector<Hit::Copy> copies_of(const Xapian::Database& db, const Xapian::Document& doc,
                                 Xapian::docid id) {
    std::vector<Hit::Copy> out;
    const std::string group = doc.get_value(schema::kSlotDupGroup);
    if (group.empty()) return out;
    const std::string term = std::string(schema::kDupGroup) + group;
    if (db.get_termfreq(term) < 2) return out;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        if (*it == id) continue;
        if (out.size() == kMaxAlsoAt) break;
        // The two slots, not the data: decoding a copy's data inflates and parses its stored
        // body too. Documents indexed before kSlotUrl have no value there.
        const Xapian::Document copy = db.get_document(*it, Xapian::DOC_ASSUME_VALID);
        std::string url = copy.get_value(schema::kSlotUrl);
        if (url.empty()) {
            StoredDocument data = decode_stored_document(copy.get_data());
            out.push_back({std::move(data.site), std::move(data.url)});
        } else {
            out.push_back({copy.get_value(schema::kSlotSite), std::move(url)});
        }
    }
    return out;
}

void build_hits(const Xapian::Database& db, const Xapian::Stem& stemmer,
                const Xapian::Query& query, const SearchRequest& request,
                const std::vector<std::pair<Xapian::docid, double>>& page, std::vector<Hit>& hits,
                std::atomic<std::size_t>& next) {
    // Snippets mark the user's words (and their synonyms), not the words feedback added to the
    // ranking: MSet::snippet takes its terms from the MSet's query, and an MSet of the query
    // alone, with no documents, costs no match.
    Xapian::MSet marker;
    std::vector<std::string> words_to_find;  // for snippet_window()
    if (request.snippets) {
        Xapian::Enquire words(db);
        words.set_query(query);
        marker = words.get_mset(0, 0);
        // Stems ("Zsanction" -> "sanction") and unstemmed words, folded as the text searched
        // is; a stem shortened by its last letter, which Snowball may have changed ("polici"
        // for "policy").
        for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
            std::string term = *t;
            if (term.starts_with('Z')) term.erase(0, 1);
            else if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) continue;
            term = fold_accents(term);
            if (term.size() > 4) drop_last_letter(term);
            if (term.size() >= 2) words_to_find.push_back(std::move(term));
        }
    }
    std::map<std::string, Xapian::Stem> stemmers;  // snippet_stemmer() by document language
    for (std::size_t i; (i = next++) < page.size();) {
        const auto [id, weight] = page[i];
        Xapian::Document doc = db.get_document(id);
        Hit& hit = hits[i];
        hit.rank = request.offset + i + 1;
        hit.score = weight;
        StoredDocument data = decode_stored_document(doc.get_data());
        hit.id = std::move(data.id);
        hit.url = std::move(data.url);
        hit.title = std::move(data.title);
        hit.authors = std::move(data.authors);
        hit.published = std::move(data.published);
        hit.site = std::move(data.site);
        hit.kind = std::move(data.kind);
        hit.also_at = copies_of(db, doc, id);
        if (request.snippets) {
            std::string text = data.body.empty() ? std::move(data.summary) : std::move(data.body);
            const auto [from, to] = snippet_window(text, words_to_find);
            const bool cut_before = from > 0, cut_after = to < text.size();
            text = text.substr(from, to - from);
            auto known = stemmers.find(data.language);
            if (known == stemmers.end())
                known = stemmers.emplace(data.language, snippet_stemmer(data.language, stemmer))
                            .first;
            const Xapian::Stem& text_stemmer = known->second;
            // A passage with the most matched terms (without SNIPPET_EXHAUSTIVE Xapian stops
            // once no later passage can score better). SNIPPET_BACKGROUND_MODEL would weigh
            // words by rarity, but it looks up every word of the text in the index: about
            // 1.5 ms a hit, 90% of a query's time (scripts/bench_query.sh, variant "no bg").
            std::string marked =
                marker.snippet(strip_markers(std::move(text)), kSnippetBytes, text_stemmer,
                               Xapian::MSet::SNIPPET_CJK_NGRAM,
                               std::string(kMarkStart), std::string(kMarkEnd), "…");
            // The window is not the whole text: say so as Xapian would at the text's ends.
            if (cut_before && !marked.starts_with("…")) marked.insert(0, "…");
            if (cut_after && !marked.ends_with("…")) marked += "…";
            hit.snippet = split_snippet(marked);
        }
    }
}

}  // namespace thinkdex::query
