// gen-corpus: writes realistic synthetic think-tank publications as JSON lines, the input of
// `thinkdex index --jsonl` and of bench-query.
//
//   gen-corpus [--docs 100000] [--seed 1] [--out FILE] [--train PATH]...
//
// Why synthetic: a search-speed target on 100,000 documents needs 100,000 documents with the
// statistics of real ones (a Zipf-like vocabulary with a long tail of names, skewed authors,
// sites and tags), and we neither have nor may crawl that many. The text comes from a word
// bigram (Markov) model trained on the sample site's publications, extracted with the real
// extractor; a character-trigram model trained on the same words adds a long tail of rare,
// name-like words, as a real collection has (Heaps' law: the vocabulary keeps growing with
// the collection; 16 training pages alone would give only a few thousand distinct words).
// The output depends only on the seed, the options and the training pages.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bench_random.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/logging.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace fs = std::filesystem;
using thinkdex::bench::Discrete;
using thinkdex::bench::Rng;

namespace {

// Shape of the corpus. The probabilities are per generated body word.
constexpr double kJumpProbability = 0.08;   // leave the bigram chain for a unigram draw
constexpr double kRareProbability = 0.025;  // insert a word from the rare lexicon
constexpr int kMinBodyWords = 300;
constexpr int kMaxBodyWords = 1500;
constexpr double kMedianBodyWords = 700;

bool is_sentence_end(std::string_view token) {
    return token == "." || token == "?" || token == "!";
}

bool is_punct(std::string_view token) {
    return token.size() == 1 && std::string_view(".,;:?!").find(token[0]) != std::string_view::npos;
}

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c == '\'' || c == '-' || c >= 0x80; }

/// Splits text into words and the punctuation marks , . ; : ? ! (as their own tokens). Quotes,
/// brackets and dashes separate words and are dropped, so generated text never has an
/// unbalanced quote. A '.' or ',' between two alphanumerics stays in the word ("U.S.", "1,000").
std::vector<std::string> tokenize(std::string_view text) {
    std::vector<std::string> tokens;
    std::string word;
    auto flush = [&] {
        while (!word.empty() && (word.back() == '-' || word.back() == '\'')) word.pop_back();
        std::size_t lead = 0;
        while (lead < word.size() && (word[lead] == '-' || word[lead] == '\'')) ++lead;
        if (lead < word.size()) tokens.push_back(word.substr(lead));
        word.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
            auto third = static_cast<unsigned char>(text[i + 2]);
            i += 2;
            if (third == 0x99) {  // right single quote: an apostrophe inside words
                word.push_back('\'');
            } else {  // dashes, double quotes, ellipsis: separators
                flush();
            }
            continue;
        }
        if ((c == '.' || c == ',') && !word.empty() && i + 1 < text.size() &&
            std::isalnum(static_cast<unsigned char>(word.back())) &&
            std::isalnum(static_cast<unsigned char>(text[i + 1]))) {
            word.push_back(static_cast<char>(c));
        } else if (is_word_byte(c)) {
            word.push_back(static_cast<char>(c));
        } else {
            flush();
            if (std::string_view(".,;:?!").find(static_cast<char>(c)) != std::string_view::npos) {
                if (tokens.empty() || !is_punct(tokens.back()))
                    tokens.emplace_back(1, static_cast<char>(c));
            }
        }
    }
    flush();
    return tokens;
}

std::string capitalized(std::string word) {
    if (!word.empty() && std::islower(static_cast<unsigned char>(word[0])))
        word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    return word;
}

std::string lowered(std::string word) {
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return word;
}

const std::set<std::string, std::less<>>& small_words() {
    static const std::set<std::string, std::less<>> words = {
        "a",    "an", "and", "as",   "at",   "but", "by",   "for",  "from", "in",  "into",
        "is",   "it", "its", "of",   "on",   "or",  "over", "than", "that", "the", "their",
        "this", "to", "was", "were", "with", "be",  "has",  "have", "are",  "not", "which"};
    return words;
}

/// The word bigram model: every token id has a weighted list of successors.
class BigramModel {
  public:
    void train(const std::vector<std::string>& tokens) {
        std::uint32_t previous = intern(".");
        for (const auto& token : tokens) {
            std::uint32_t id = intern(token);
            ++successors_[previous][id];
            if (is_sentence_end(tokens_[previous])) ++starts_[id];
            if (!is_punct(token)) ++unigrams_[id];
            previous = id;
        }
    }

    /// Freezes the counts into samplers; call once after the last train().
    void finish() {
        next_.resize(tokens_.size());
        next_ids_.resize(tokens_.size());
        for (std::uint32_t id = 0; id < tokens_.size(); ++id) {
            std::vector<double> weights;
            for (const auto& [next, count] : successors_[id]) {
                next_ids_[id].push_back(next);
                weights.push_back(count);
            }
            if (!weights.empty()) next_[id] = Discrete(weights);
        }
        std::tie(start_ids_, start_) = sampler(starts_);
        std::tie(unigram_ids_, unigram_) = sampler(unigrams_);
    }

    const std::string& token(std::uint32_t id) const { return tokens_[id]; }
    std::size_t vocabulary() const { return unigrams_.size(); }
    std::uint32_t sentence_start(Rng& rng) const { return start_ids_[start_(rng)]; }
    std::uint32_t any_word(Rng& rng) const { return unigram_ids_[unigram_(rng)]; }
    std::uint32_t next(std::uint32_t id, Rng& rng) const {
        if (next_ids_[id].empty() || rng.chance(kJumpProbability)) return any_word(rng);
        return next_ids_[id][next_[id](rng)];
    }
    /// Every distinct word, for the rare-word model.
    std::vector<std::string> words() const {
        std::vector<std::string> out;
        for (const auto& [id, count] : unigrams_) out.push_back(tokens_[id]);
        return out;
    }

  private:
    std::uint32_t intern(const std::string& token) {
        auto [it, added] = ids_.try_emplace(token, static_cast<std::uint32_t>(tokens_.size()));
        if (added) {
            tokens_.push_back(token);
            successors_.emplace_back();
        }
        return it->second;
    }

    static std::pair<std::vector<std::uint32_t>, Discrete> sampler(
        const std::map<std::uint32_t, std::uint32_t>& counts) {
        std::vector<std::uint32_t> ids;
        std::vector<double> weights;
        for (const auto& [id, count] : counts) {
            ids.push_back(id);
            weights.push_back(count);
        }
        return {ids, Discrete(weights)};
    }

    std::vector<std::string> tokens_;
    std::unordered_map<std::string, std::uint32_t> ids_;  // lookup only; ids follow input order
    std::vector<std::map<std::uint32_t, std::uint32_t>> successors_;
    std::map<std::uint32_t, std::uint32_t> starts_, unigrams_;
    std::vector<Discrete> next_;
    std::vector<std::vector<std::uint32_t>> next_ids_;
    std::vector<std::uint32_t> start_ids_, unigram_ids_;
    Discrete start_, unigram_;
};

/// Invents `count` distinct word-like strings from a character-trigram model of `words`
/// (names of places, people and programmes, as a real collection's long tail has). About
/// half are capitalised like proper nouns.
std::vector<std::string> rare_lexicon(const std::vector<std::string>& words, std::size_t count,
                                      Rng& rng) {
    // '^' pads the start, '$' ends a word.
    std::map<std::string, std::map<char, std::uint32_t>> counts;
    std::unordered_set<std::string> known;
    for (const auto& w : words) {
        std::string lower = lowered(w);
        known.insert(lower);
        if (!std::all_of(lower.begin(), lower.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
            continue;
        std::string padded = "^^" + lower + "$";
        for (std::size_t i = 2; i < padded.size(); ++i)
            ++counts[padded.substr(i - 2, 2)][padded[i]];
    }
    std::map<std::string, std::pair<std::string, Discrete>> model;
    for (const auto& [context, next] : counts) {
        std::string chars;
        std::vector<double> weights;
        for (const auto& [c, n] : next) {
            chars.push_back(c);
            weights.push_back(n);
        }
        model.emplace(context, std::make_pair(chars, Discrete(weights)));
    }
    std::vector<std::string> lexicon;
    lexicon.reserve(count);
    for (std::size_t attempts = 0; lexicon.size() < count && attempts < count * 50; ++attempts) {
        std::string word, context = "^^";
        while (word.size() <= 14) {
            auto it = model.find(context);
            if (it == model.end()) break;
            char c = it->second.first[it->second.second(rng)];
            if (c == '$') break;
            word.push_back(c);
            context = context.substr(1) + c;
        }
        if (word.size() < 4 || word.size() > 14 || !known.insert(word).second) continue;
        lexicon.push_back(rng.chance(0.5) ? capitalized(word) : word);
    }
    if (lexicon.size() < count)
        spdlog::warn("gen-corpus: only {} distinct rare words could be invented (asked for {})",
                     lexicon.size(), count);
    return lexicon;
}

const std::array<const char*, 100> kFirstNames = {
    "Natasha",   "Daniyar", "Miriam",  "Tomasz",  "Aigerim", "Henrik",    "Olga",    "James",
    "Fatima",    "Wei",     "Sofia",   "Arman",   "Elena",   "David",     "Amina",   "Jonas",
    "Leila",     "Pavel",   "Sarah",   "Hiroshi", "Anna",    "Rustam",    "Claire",  "Mehmet",
    "Ingrid",    "Carlos",  "Zarina",  "Michael", "Yulia",   "Ahmed",     "Laura",   "Sergei",
    "Nadia",     "Thomas",  "Gulnara", "Peter",   "Mei",     "Alexander", "Dilnoza", "Robert",
    "Katarzyna", "Omar",    "Emma",    "Timur",   "Hannah",  "Viktor",    "Aisha",   "Martin",
    "Bakhyt",    "Julia",   "Ravi",    "Marta",   "Nurlan",  "Charlotte", "Dmitri",  "Priya",
    "Stefan",    "Madina",  "William", "Irina",   "Kenji",   "Lucia",     "Farrukh", "Rebecca",
    "Andrei",    "Saule",   "Paul",    "Ewa",     "Javier",  "Kamila",    "Richard", "Svetlana",
    "Li",        "Marco",   "Asel",    "George",  "Tatiana", "Hassan",    "Isabel",  "Bolat",
    "Catherine", "Mikhail", "Noor",    "Lukas",   "Aliya",   "Edward",    "Vera",    "Jan",
    "Chiara",    "Erlan",   "Helen",   "Ivan",    "Yasmin",  "Niklas",    "Dana",    "Samuel",
    "Galina",    "Tariq",   "Anja",    "Kairat"};

const std::array<const char*, 120> kLastNames = {
    "Kuhrt",        "Seitkali",     "Okafor",        "Wieczorek",   "Bekova",     "Lindqvist",
    "Petrova",      "Harrison",     "Rahimi",        "Zhang",       "Rossi",      "Nurpeisov",
    "Volkova",      "Clarke",       "Yusupova",      "Berg",        "Haddad",     "Novak",
    "Mitchell",     "Tanaka",       "Kowalska",      "Karimov",     "Dubois",     "Yilmaz",
    "Johansson",    "Mendoza",      "Abdullaeva",    "O'Brien",     "Sokolova",   "Mansour",
    "Fischer",      "Ivanov",       "Aliyeva",       "Wright",      "Tulegenova", "Muller",
    "Chen",         "Baranov",      "Tashkentova",   "Evans",       "Nowak",      "Farouk",
    "Schmidt",      "Ismailov",     "Cohen",         "Romanenko",   "Siddiqui",   "Larsen",
    "Dzhaksybekov", "Moreau",       "Sharma",        "Garcia",      "Zhumabayev", "Bennett",
    "Kozlov",       "Iyer",         "Weber",         "Rashidova",   "Taylor",     "Orlova",
    "Sato",         "Bianchi",      "Tursunov",      "Foster",      "Smirnov",    "Wang",
    "Lombardi",     "Omarova",      "Hughes",        "Lewandowski", "Morales",    "Kassymova",
    "Reid",         "Pavlova",      "Hassan",        "Martens",     "Abenov",     "Lambert",
    "Fedorova",     "Kaur",         "Nielsen",       "Usmanova",    "Davies",     "Popescu",
    "Ortiz",        "Kenzhebekova", "Gallagher",     "Vasiliev",    "Nakamura",   "Ferrari",
    "Sultanov",     "Campbell",     "Lebedeva",      "Malik",       "Hoffmann",   "Mukhametov",
    "Price",        "Kuznetsova",   "Yamamoto",      "Costa",       "Akhmetov",   "Murray",
    "Gusev",        "Qureshi",      "Andersen",      "Bakirova",    "Fraser",     "Zaitsev",
    "Li",           "Santos",       "Dosmukhamedov", "Walsh",       "Egorova",    "Chaudhry",
    "Vogel",        "Tokhtarov",    "Sinclair",      "Belova",      "Rao",        "Kovacs"};

struct SiteInfo {
    const char* name;
    const char* host;
};

const std::array<SiteInfo, 30> kSites = {{
    {"Caspian Policy Institute", "caspianpolicy.org"},
    {"Chatham House", "www.chathamhouse.org"},
    {"RUSI", "rusi.org"},
    {"Carnegie Endowment for International Peace", "carnegieendowment.org"},
    {"Brookings Institution", "www.brookings.edu"},
    {"Eurasia Policy Digest", "eurasia-policy-digest.blogspot.com"},
    {"European Council on Foreign Relations", "ecfr.eu"},
    {"Center for Strategic and International Studies", "www.csis.org"},
    {"International Crisis Group", "www.crisisgroup.org"},
    {"Stockholm International Peace Research Institute", "www.sipri.org"},
    {"German Institute for International and Security Affairs", "www.swp-berlin.org"},
    {"Oxford Institute for Energy Studies", "www.oxfordenergy.org"},
    {"Central Asia Program", "centralasiaprogram.org"},
    {"Jamestown Foundation", "jamestown.org"},
    {"Wilson Center", "www.wilsoncenter.org"},
    {"Atlantic Council", "www.atlanticcouncil.org"},
    {"RAND Corporation", "www.rand.org"},
    {"International Institute for Strategic Studies", "www.iiss.org"},
    {"Finnish Institute of International Affairs", "www.fiia.fi"},
    {"Clingendael Institute", "www.clingendael.org"},
    {"Polish Institute of International Affairs", "www.pism.pl"},
    {"Institute for War and Peace Reporting", "iwpr.net"},
    {"Lowy Institute", "www.lowyinstitute.org"},
    {"Observer Research Foundation", "www.orfonline.org"},
    {"Valdai Discussion Club", "valdaiclub.com"},
    {"Kazakhstan Institute for Strategic Studies", "kisi.kz"},
    {"Royal Institute for International Relations", "www.egmontinstitute.be"},
    {"Norwegian Institute of International Affairs", "www.nupi.no"},
    {"Asia Society Policy Institute", "asiasociety.org"},
    {"Danish Institute for International Studies", "www.diis.dk"},
}};

const std::array<const char*, 48> kTags = {"Central Asia",
                                           "Russia",
                                           "China",
                                           "Energy",
                                           "Security",
                                           "Trade",
                                           "Kazakhstan",
                                           "Uzbekistan",
                                           "Kyrgyzstan",
                                           "Tajikistan",
                                           "Turkmenistan",
                                           "Sanctions",
                                           "Water",
                                           "Climate",
                                           "Infrastructure",
                                           "Belt and Road",
                                           "Migration",
                                           "Governance",
                                           "Elections",
                                           "Human Rights",
                                           "Afghanistan",
                                           "Iran",
                                           "Turkey",
                                           "European Union",
                                           "United States",
                                           "Caspian Sea",
                                           "Oil and Gas",
                                           "Critical Minerals",
                                           "Transport",
                                           "Finance",
                                           "Digital",
                                           "Defence",
                                           "Terrorism",
                                           "Diplomacy",
                                           "SCO",
                                           "CSTO",
                                           "Eurasian Economic Union",
                                           "Nuclear",
                                           "Food Security",
                                           "Labour",
                                           "Corruption",
                                           "Media",
                                           "Religion",
                                           "Borders",
                                           "Hydropower",
                                           "Agriculture",
                                           "Remittances",
                                           "Ukraine"};

/// Everything a document is drawn from.
class Generator {
  public:
    Generator(const BigramModel& model, std::vector<std::string> rare, std::size_t authors,
              Rng& rng)
        : model_(model), rare_(std::move(rare)) {
        rare_dist_ = Discrete::zipf(rare_.size(), 1.0, 5);
        site_dist_ = Discrete::zipf(kSites.size(), 1.0, 1.5);
        tag_dist_ = Discrete::zipf(kTags.size(), 1.0, 3);
        // A few prolific authors (the first ~1% of the slots go to the top author) and a long
        // tail with a handful of publications each.
        author_dist_ = Discrete::zipf(authors, 1.0, 20);
        std::set<std::string> seen;
        while (authors_.size() < authors) {
            std::string name = kFirstNames[rng.below(kFirstNames.size())];
            if (rng.chance(0.1))
                name += std::string(" ") + static_cast<char>('A' + rng.below(26)) + ".";
            name += std::string(" ") + kLastNames[rng.below(kLastNames.size())];
            if (!seen.insert(name).second) continue;
            authors_.push_back(name);
            home_site_.push_back(site_dist_(rng));
        }
        std::vector<double> year_weights;
        for (int year = 2000; year <= 2026; ++year)
            year_weights.push_back(year == 2026 ? 13 : year - 1999);  // 2026: first half only
        year_dist_ = Discrete(year_weights);
    }

    nlohmann::ordered_json document(std::size_t index, Rng& rng) {
        std::vector<std::string> authors;
        std::size_t author_count = rng.chance(0.6) ? 1 : rng.chance(0.7) ? 2 : 3;
        std::size_t first_author = 0;
        while (authors.size() < author_count) {
            std::size_t a = author_dist_(rng);
            if (std::find(authors.begin(), authors.end(), authors_[a]) != authors.end()) continue;
            if (authors.empty()) first_author = a;
            authors.push_back(authors_[a]);
        }
        const SiteInfo& site =
            kSites[rng.chance(0.85) ? home_site_[first_author] : site_dist_(rng)];

        int year = 2000 + static_cast<int>(year_dist_(rng));
        int month = rng.between(1, year == 2026 ? 6 : 12);
        static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int day = rng.between(1, kDays[month - 1] + (month == 2 && year % 4 == 0 ? 1 : 0));
        std::string published = fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);

        std::vector<std::string> tags;
        std::size_t tag_count = 1 + Discrete({0.2, 0.4, 0.3, 0.1})(rng);
        while (tags.size() < tag_count) {
            std::string tag = kTags[tag_dist_(rng)];
            if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
        }

        std::string title = make_title(rng);
        std::string slug;
        for (char c : title) {
            auto u = static_cast<unsigned char>(c);
            if (std::isalnum(u) && u < 0x80)
                slug.push_back(static_cast<char>(std::tolower(u)));
            else if (!slug.empty() && slug.back() != '-')
                slug.push_back('-');
            if (slug.size() >= 60) break;
        }
        while (!slug.empty() && slug.back() == '-') slug.pop_back();
        std::string url = std::string("https://") + site.host + "/publications/" +
                          std::to_string(year) + "/" + slug + "-" + std::to_string(index + 1) +
                          ".html";

        nlohmann::ordered_json doc;
        doc["id"] = url;
        doc["title"] = title;
        doc["text"] = make_body(rng);
        doc["authors"] = authors;
        doc["published"] = published;
        doc["url"] = url;
        doc["site"] = site.name;
        doc["tags"] = tags;
        doc["language"] = "en";
        return doc;
    }

    std::size_t rare_size() const { return rare_.size(); }

  private:
    std::string rare_word(Rng& rng) const { return rare_[rare_dist_(rng)]; }

    std::string make_title(Rng& rng) const {
        auto n = static_cast<std::size_t>(rng.between(5, 12));
        std::vector<std::string> words;
        std::uint32_t id = model_.any_word(rng);
        while (words.size() < n) {
            // Titles start on a content word and contain no punctuation of their own.
            if (is_punct(model_.token(id)) ||
                (words.empty() && small_words().contains(lowered(model_.token(id))))) {
                id = model_.any_word(rng);
                continue;
            }
            words.push_back(model_.token(id));
            id = model_.next(id, rng);
        }
        if (rng.chance(0.35)) words[rng.below(words.size())] = capitalized(rare_word(rng));
        // Never end on "the" or "of": draw content words until the title ends on one.
        while (small_words().contains(lowered(words.back())))
            words.back() = model_.token(model_.any_word(rng));
        std::size_t colon = n >= 7 && rng.chance(0.3) ? n / 2 - 1 : n;
        if (colon < n && small_words().contains(lowered(words[colon]))) colon = n;
        std::string title;
        for (std::size_t i = 0; i < words.size(); ++i) {
            bool small = i > 0 && i != colon + 1 && small_words().contains(lowered(words[i]));
            if (!title.empty()) title += ' ';
            title += small ? lowered(words[i]) : capitalized(words[i]);
            if (i == colon) title += ':';
        }
        return title;
    }

    std::string make_body(Rng& rng) const {
        double lognormal = kMedianBodyWords * std::exp(0.45 * rng.normal());
        int target = std::clamp(static_cast<int>(lognormal), kMinBodyWords, kMaxBodyWords);
        int paragraph_target = rng.between(50, 140);
        int words = 0, paragraph_words = 0;
        bool capital = true;
        std::string text;
        std::uint32_t id = model_.sentence_start(rng);
        for (;;) {
            const std::string& token = model_.token(id);
            if (is_punct(token)) {
                if (!text.empty() && text.back() != ' ' && text.back() != '\n') {
                    text += token;
                    if (is_sentence_end(token)) {
                        capital = true;
                        if (words >= target) break;
                        if (paragraph_words >= paragraph_target) {
                            text += '\n';
                            paragraph_words = 0;
                            paragraph_target = rng.between(50, 140);
                        }
                    }
                }
            } else {
                // A sentence that runs on past the target is cut short.
                if (words >= target + 40) {
                    text += '.';
                    break;
                }
                if (rng.chance(kRareProbability)) {
                    if (!text.empty() && text.back() != '\n') text += ' ';
                    text += capital ? capitalized(rare_word(rng)) : rare_word(rng);
                    capital = false;
                    ++words;
                    ++paragraph_words;
                }
                if (!text.empty() && text.back() != '\n') text += ' ';
                text += capital ? capitalized(token) : token;
                capital = false;
                ++words;
                ++paragraph_words;
            }
            id = model_.next(id, rng);
        }
        return text;
    }

    const BigramModel& model_;
    std::vector<std::string> rare_;
    Discrete rare_dist_, site_dist_, tag_dist_, author_dist_, year_dist_;
    std::vector<std::string> authors_;
    std::vector<std::size_t> home_site_;
};

/// Every .html file under the given files and directories, sorted so that the model (and so the
/// corpus) does not depend on directory order.
std::vector<fs::path> html_files(const std::vector<std::string>& paths) {
    std::vector<fs::path> files;
    for (const auto& p : paths) {
        if (fs::is_directory(p)) {
            for (const auto& entry : fs::recursive_directory_iterator(p))
                if (entry.is_regular_file() && entry.path().extension() == ".html")
                    files.push_back(entry.path());
        } else if (fs::is_regular_file(p)) {
            files.emplace_back(p);
        } else {
            throw thinkdex::ConfigError("gen-corpus: no such training file or directory '" + p +
                                        "'");
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw thinkdex::Fatal("gen-corpus: cannot read '" + path.string() + "'");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Write synthetic think-tank publications as JSON lines (thinkdex index --jsonl)"};
    std::size_t docs = 100000;
    std::uint64_t seed = 1;
    std::string out_path = "-";
    std::size_t author_count = 2000;
    std::size_t rare_count = 200000;
    std::vector<std::string> train = {std::string(THINKDEX_SOURCE_DIR) + "/tests/data/site"};
    app.add_option("-n,--docs", docs, "Number of documents")->capture_default_str();
    app.add_option("--seed", seed, "Random seed; the same seed gives the same corpus")
        ->capture_default_str();
    app.add_option("-o,--out", out_path, "Output file, '-' for stdout")->capture_default_str();
    app.add_option("--authors", author_count, "Distinct authors")->capture_default_str();
    app.add_option("--rare-words", rare_count, "Size of the invented long-tail lexicon")
        ->capture_default_str();
    app.add_option("--train", train,
                   "HTML files or directories (searched for *.html) to train the text model on; "
                   "pages without an author are skipped (listings, about pages)")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    thinkdex::init_logging(0);

    try {
        BigramModel model;
        std::size_t trained = 0, training_words = 0;
        for (const auto& file : html_files(train)) {
            auto page = thinkdex::indexer::extract(read_file(file), "file://" + file.string());
            if (!page || page->authors.empty() || page->body.size() < 1000) continue;
            auto tokens = tokenize(page->title + ". " + page->body);
            training_words += tokens.size();
            model.train(tokens);
            ++trained;
        }
        if (trained == 0)
            throw thinkdex::ConfigError("gen-corpus: no publication pages to train on");
        model.finish();
        Rng rng(seed);
        auto rare = rare_lexicon(model.words(), rare_count, rng);
        spdlog::info(
            "gen-corpus: trained on {} pages ({} tokens, {} distinct words); {} rare words",
            trained, training_words, model.vocabulary(), rare.size());
        Generator generator(model, std::move(rare), author_count, rng);

        std::ofstream file;
        if (out_path != "-") {
            file.open(out_path, std::ios::binary | std::ios::trunc);
            if (!file) throw thinkdex::Fatal("gen-corpus: cannot write '" + out_path + "'");
        }
        std::ostream& out = out_path == "-" ? std::cout : file;
        for (std::size_t i = 0; i < docs; ++i) {
            out << generator.document(i, rng).dump() << '\n';
            if ((i + 1) % 20000 == 0) spdlog::info("gen-corpus: {} documents", i + 1);
        }
        out.flush();
        if (!out) throw thinkdex::Fatal("gen-corpus: write error on '" + out_path + "'");
        spdlog::info("gen-corpus: wrote {} documents to {}", docs, out_path);
    } catch (const thinkdex::Fatal& e) {
        spdlog::error("{}", e.what());
        return e.exit_code();
    }
    return 0;
}
