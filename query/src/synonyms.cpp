#include "synonyms.hpp"

#include <algorithm>
#include <cctype>

namespace thinkdex::query {

namespace {

std::string ascii_lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool synonym_word_byte(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::string rewrite_synonyms(const std::string& text, const std::vector<SynonymKey>& keys,
                             SynonymsFound& found) {
    auto space = [&](std::size_t i) {
        return std::isspace(static_cast<unsigned char>(text[i])) != 0;
    };
    // Where a bare word may start: not inside a word, a field value ("title:SCO") or a
    // hyphenated word; after + or - only when they are operators.
    auto starts_token = [&](std::size_t i) {
        if (i == 0 || space(i - 1) || text[i - 1] == '(') return true;
        if (text[i - 1] != '+' && text[i - 1] != '-') return false;
        return i == 1 || space(i - 2) || text[i - 2] == '(';
    };
    // Where a bare word may end: not before a field colon, a wildcard or a joined word
    // ("SCO.org", "SCO-led").
    auto ends_token = [&](std::size_t e) {
        if (e == text.size()) return true;
        if (synonym_word_byte(text[e]) || text[e] == ':' || text[e] == '*') return false;
        return !(e + 1 < text.size() && synonym_word_byte(text[e + 1]) &&
                 std::string_view(".-'_&@/").find(text[e]) != std::string_view::npos);
    };
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '"') quoted = !quoted;
        if (quoted || !synonym_word_byte(text[i]) || !starts_token(i)) {
            out.push_back(text[i++]);
            continue;
        }
        std::size_t matched_end = 0;
        const SynonymKey* matched = nullptr;
        for (const SynonymKey& key : keys) {
            std::size_t j = i;
            bool ok = true;
            for (std::size_t w = 0; ok && w < key.words.size(); ++w) {
                if (w > 0) {
                    if (j >= text.size() || !space(j)) ok = false;
                    while (j < text.size() && space(j)) ++j;
                }
                const std::string& word = key.words[w];
                ok = ok && text.size() - j >= word.size() &&
                     ascii_lowercase(std::string_view(text).substr(j, word.size())) == word;
                if (ok) j += word.size();
            }
            if (ok && ends_token(j)) {
                matched = &key;
                matched_end = j;
                break;
            }
        }
        if (!matched) {
            while (i < text.size() && synonym_word_byte(text[i])) out.push_back(text[i++]);
            continue;
        }
        out += std::string(kSynonymPrefix) + ":" + std::to_string(found.size()) + " ";
        found.emplace_back(matched->group, text.substr(i, matched_end - i));
        i = matched_end;
    }
    return out;
}

std::string restore_synonyms(std::string text, const SynonymsFound& found) {
    for (std::size_t n = found.size(); n-- > 0;) {
        const std::string token = std::string(kSynonymPrefix) + ":" + std::to_string(n);
        for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at)) {
            std::size_t len = token.size();
            if (at + len < text.size() && text[at + len] == ' ') ++len;
            text.replace(at, len, found[n].second);
            at += found[n].second.size();
        }
    }
    return text;
}

void Synonyms::set(const std::vector<std::vector<std::string>>& groups,
                   const Xapian::Stem& stemmer) {
    keys_.clear();
    queries_.clear();
    // Members parse as the query parser would parse them alone: one word stemmed like a query
    // word, several as a phrase.
    Xapian::QueryParser parser;
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    for (const auto& group : groups) {
        std::vector<Xapian::Query> members;
        for (const auto& member : group) {
            std::vector<std::string> words;
            std::string lower = ascii_lowercase(member);
            for (std::size_t i = 0; i < lower.size();) {
                while (i < lower.size() && std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
                std::size_t end = i;
                while (end < lower.size() && !std::isspace(static_cast<unsigned char>(lower[end])))
                    ++end;
                if (end > i) words.push_back(lower.substr(i, end - i));
                i = end;
            }
            if (words.empty()) continue;
            std::string text;
            for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
            Xapian::Query q = parser.parse_query(words.size() > 1 ? "\"" + text + "\"" : text, 0);
            if (q.empty()) continue;
            members.push_back(q);
            keys_.push_back({std::move(words), queries_.size()});
        }
        queries_.emplace_back(Xapian::Query::OP_SYNONYM, members.begin(),
                                            members.end());
    }
    std::stable_sort(keys_.begin(), keys_.end(),
                     [](const SynonymKey& a, const SynonymKey& b) {
                         return a.words.size() > b.words.size();
                     });
}

std::vector<Xapian::Query> Synonyms::queries(const SynonymsFound& found) const {
    std::vector<Xapian::Query> out;
    for (const auto& [group, original] : found) out.push_back(queries_[group]);
    return out;
}

}  // namespace thinkdex::query
