#include "text_language.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>
#include <vector>

#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

/// Tunables of the guess, in one place.
/// Words read: a page or two tell the language as well as the whole text does.
constexpr std::size_t kWordsRead = 3000;
/// The winner's common words must be at least this share of the words read...
constexpr double kMinShare = 0.05;
/// ...and this many times the runner-up's.
constexpr double kMinLead = 1.5;

struct Language {
    const char* code;
    std::array<std::string_view, 12> words;  // frequent and rare elsewhere
};

const std::array<Language, 8> kLanguages{{
    {"en", {"the", "and", "of", "to", "is", "that", "with", "for", "this", "are", "was", "which"}},
    {"de",
     {"der", "die", "und", "das", "nicht", "ist", "mit", "den", "sich", "auf", "für", "eine"}},
    {"fr", {"le", "les", "et", "des", "est", "une", "du", "dans", "pour", "qui", "pas", "sur"}},
    {"es", {"el", "los", "y", "las", "del", "una", "por", "con", "para", "es", "como", "pero"}},
    {"it", {"il", "della", "che", "di", "e", "gli", "sono", "delle", "per", "non", "una", "nel"}},
    {"pt", {"o", "os", "da", "do", "não", "uma", "com", "para", "dos", "das", "em", "mais"}},
    {"nl", {"de", "het", "een", "van", "en", "niet", "zijn", "voor", "met", "ook", "dat", "wordt"}},
    {"ru", {"и", "в", "не", "на", "что", "с", "по", "как", "это", "из", "для", "он"}},
}};

}  // namespace

std::string guess_language(std::string_view text) {
    std::unordered_map<std::string_view, std::vector<std::size_t>> owners;
    for (std::size_t l = 0; l < kLanguages.size(); ++l)
        for (std::string_view w : kLanguages[l].words) owners[w].push_back(l);
    std::array<std::size_t, kLanguages.size()> hits{};
    std::size_t words = 0;
    std::string word;
    const std::string lower = lower_basic(text.substr(0, kWordsRead * 12)) + " ";
    for (char c : lower) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalpha(u) || u >= 0x80) {
            word += c;
            continue;
        }
        if (word.empty()) continue;
        if (auto it = owners.find(word); it != owners.end())
            for (std::size_t l : it->second) ++hits[l];
        word.clear();
        if (++words == kWordsRead) break;
    }
    std::size_t best = 0;
    for (std::size_t l = 1; l < hits.size(); ++l)
        if (hits[l] > hits[best]) best = l;
    std::size_t runner_up = 0;
    for (std::size_t l = 0; l < hits.size(); ++l)
        if (l != best) runner_up = std::max(runner_up, hits[l]);
    const double top = static_cast<double>(hits[best]);
    if (words == 0 || top < kMinShare * static_cast<double>(words) ||
        top < kMinLead * static_cast<double>(runner_up))
        return {};
    return kLanguages[best].code;
}

std::string normalise_language(std::string_view tag) {
    std::string t = lower_ascii(trim(tag));
    std::size_t cut = t.find_first_of("-_ ,;");
    if (cut != std::string::npos) t = t.substr(0, cut);
    if (t == "eng") return "en";
    if (t == "rus") return "ru";
    if (t == "deu" || t == "ger") return "de";
    if (t == "fra" || t == "fre") return "fr";
    if (t == "spa") return "es";
    if (t == "zho" || t == "chi") return "zh";
    if (t.size() != 2 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        return {};
    return t;
}

}  // namespace thinkdex::indexer::detail
