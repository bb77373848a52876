#include "hit_builder.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
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
// A snippet's first bytes looked for in its window to find its PDF page: enough to be unique
// in 1 KB, few enough that no line break (a space in the snippet) falls among them, usually.
constexpr std::size_t kSnippetProbeBytes = 24;

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

/// `c` lower case if it is an ASCII capital: not std::tolower(), a call into the C locale for
/// every byte of every hit's text.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// `text` lower case and accent-folded, as the query's words are ("Québec" -> "quebec"), with
/// the way back from an offset in it to the offset in `text`.
class SearchText {
  public:
    explicit SearchText(std::string_view text);

    const std::string& folded() const { return folded_; }

    /// The offset in the original text of folded()[at].
    std::size_t origin(std::size_t at) const {
        const auto after = std::upper_bound(
            shifts_.begin(), shifts_.end(), at,
            [](std::size_t offset, const Shift& shift) { return offset < shift.folded; });
        if (after == shifts_.begin()) return at;
        const Shift& shift = *std::prev(after);
        return shift.text + (at - shift.folded);
    }

  private:
    /// From folded offset `folded` on, folded()[i] comes from text[text + i - folded]. Kept
    /// only where a letter's fold changes its length ("é" -> "e"), so that ASCII and most other
    /// text, which fold byte for byte, need none: a map per byte costs more than the search.
    struct Shift {
        std::size_t folded;
        std::size_t text;
    };
    std::string folded_;
    std::vector<Shift> shifts_;
};

SearchText::SearchText(std::string_view text) {
    folded_.reserve(text.size());
    const bool ascii = std::all_of(text.begin(), text.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        std::transform(text.begin(), text.end(), std::back_inserter(folded_), [](char c) {
            return ascii_lower(c);
        });
        return;
    }
    const Xapian::Utf8Iterator end;
    for (std::size_t at = 0; at < text.size();) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte < 0x80) {  // most bytes of most texts: spaces, digits, punctuation, markup
            folded_ += ascii_lower(static_cast<char>(byte));
            ++at;
            continue;
        }
        Xapian::Utf8Iterator it(text.data() + at, text.size() - at);
        const unsigned lower = Xapian::Unicode::tolower(*it);
        const std::size_t next =
            ++it == end ? text.size() : static_cast<std::size_t>(it.raw() - text.data());
        const std::size_t start = folded_.size();
        if (lower < 0x80) {
            folded_ += static_cast<char>(lower);
        } else {
            std::string letter;
            Xapian::Unicode::append_utf8(letter, lower);
            folded_ += latin(lower) ? fold_accents(letter) : letter;  // other scripts keep theirs
        }
        if (folded_.size() - start != next - at) {  // each byte of the fold comes from the letter
            for (std::size_t f = start; f < folded_.size(); ++f) shifts_.push_back({f, at});
            shifts_.push_back({folded_.size(), next});
        }
        at = next;
    }
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

int snippet_page(std::string_view pages, std::size_t from, std::string_view window,
                 const std::vector<SnippetPart>& snippet) {
    constexpr std::string_view kEllipsis = "…";
    std::string start;
    for (const SnippetPart& part : snippet) start += part.text;
    if (start.starts_with(kEllipsis)) start.erase(0, kEllipsis.size());
    start = start.substr(0, std::min(start.size(), kSnippetProbeBytes));
    std::size_t at = start.empty() ? std::string_view::npos : window.find(start);
    if (at == std::string_view::npos && start.find(' ') != std::string::npos)
        at = window.find(start.substr(0, start.find(' ')));  // the first word, then
    if (at == std::string_view::npos) at = 0;
    // The page of the first match, which may lie pages after the snippet's start.
    std::size_t before = 0;
    for (const SnippetPart& part : snippet) {
        if (part.match) {
            const std::size_t near = at + before > kSnippetProbeBytes ? at + before - kSnippetProbeBytes : 0;
            if (auto m = window.find(part.text, std::max(at, near)); m != std::string_view::npos)
                at = m;
            break;
        }
        before += part.text.size();
        if (before == part.text.size() && part.text.starts_with(kEllipsis))
            before -= kEllipsis.size();
    }
    const std::size_t offset = std::min(pages.size(), from + at);
    return 1 + static_cast<int>(
                   std::count(pages.begin(), pages.begin() + static_cast<long>(offset), '\f'));
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
    const SearchText lower(text);
    std::vector<std::pair<std::size_t, std::size_t>> found;  // (offset in text, word)
    for (std::size_t w = 0; w < words.size(); ++w)
        for (auto at = lower.folded().find(words[w]); at != std::string::npos;
             at = lower.folded().find(words[w], at + 1))
            if (starts_word(lower.folded(), at)) found.emplace_back(lower.origin(at), w);
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

/// Whether one of `words` starts a word of `text` (folded as the query's words are).
bool mentions(std::string_view text, const std::vector<std::string>& words) {
    const SearchText lower(text);
    for (const auto& word : words)
        for (auto at = lower.folded().find(word); at != std::string::npos;
             at = lower.folded().find(word, at + 1))
            if (starts_word(lower.folded(), at)) return true;
    return false;
}

/// Which of a landing page's PDFs the snippet comes from: the first whose text has a query
/// word when the page's own text has none; -1 for the page's own text.
int snippet_source(const StoredDocument& data, const std::vector<std::string>& words) {
    if (data.pdf_texts.empty() || words.empty()) return -1;
    if (mentions(data.body.empty() ? data.summary : data.body, words)) return -1;
    for (std::size_t i = 0; i < data.pdf_texts.size() && i < data.pdf_urls.size(); ++i)
        if (mentions(data.pdf_texts[i], words)) return static_cast<int>(i);
    return -1;
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
        hit.type = std::move(data.type);
        if (hit.type == "pdf") hit.pdf_url = hit.url;
        if (!data.pdf_urls.empty()) hit.pdf_url = data.pdf_urls.front();
        hit.pdfs = data.pdf_urls;
        hit.also_at = copies_of(db, doc, id);
        if (request.snippets) {
            const int source = snippet_source(data, words_to_find);
            if (source >= 0) hit.pdf_url = data.pdf_urls[static_cast<std::size_t>(source)];
            std::string text = source >= 0 ? std::move(data.pdf_texts[static_cast<std::size_t>(source)])
                               : data.body.empty() ? std::move(data.summary)
                                                   : std::move(data.body);
            const auto [from, to] = snippet_window(text, words_to_find);
            const bool cut_before = from > 0, cut_after = to < text.size();
            const bool paged = hit.type == "pdf" || source >= 0;
            const std::string pages = paged ? text.substr(0, to) : std::string();
            text = text.substr(from, to - from);
            // A PDF's pages start with form feeds: spaces to the snippet, counted for its page.
            std::replace(text.begin(), text.end(), '\f', ' ');
            const std::string window = pages.empty() ? std::string() : text;
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
            if (!pages.empty()) hit.page = snippet_page(pages, from, window, hit.snippet);
        }
    }
}

}  // namespace thinkdex::query
