#include "stop_words.hpp"

#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "stop_words_data.hpp"

namespace thinkdex::query {

namespace {

// A query is taken to be in another language than English from this many of its words that
// are stop words there and not in English: one word ("war", "die", "also") is often a content
// word in English too, two are rarely both.
constexpr std::size_t kMinStopWordsForLanguage = 2;

const StopList* stop_list(std::string_view language) {
    for (const StopList& list : stop_lists())
        if (list.language == language) return &list;
    return nullptr;
}

/// Whether `word` is one of `list`'s words, without building the list's set: a query's few
/// words are looked up in every language of the index, and sets of them all cost more to
/// build (about 3 ms in each CGI process) than the lookups.
bool in_list(const StopList& list, std::string_view word) {
    const std::string_view words = list.words;
    for (auto at = words.find(word); at != std::string_view::npos; at = words.find(word, at + 1)) {
        const std::size_t end = at + word.size();
        if ((at == 0 || words[at - 1] == ' ') && (end == words.size() || words[end] == ' '))
            return true;
    }
    return false;
}

/// The words of `text`, lower case ("L'Économie" -> "l", "économie").
std::vector<std::string> lower_words(std::string_view text) {
    std::vector<std::string> out(1);
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (Xapian::Unicode::is_wordchar(*it)) {
            Xapian::Unicode::append_utf8(out.back(), Xapian::Unicode::tolower(*it));
        } else if (!out.back().empty()) {
            out.emplace_back();
        }
    }
    if (out.back().empty()) out.pop_back();
    return out;
}

}  // namespace

const Xapian::SimpleStopper* stop_words(std::string_view language) {
    // Built on first use, one language at a time; searches may run on several threads.
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<Xapian::SimpleStopper>, std::less<>> stoppers;
    const std::lock_guard lock(mutex);
    if (const auto it = stoppers.find(language); it != stoppers.end()) return it->second.get();
    const StopList* list = stop_list(language);
    if (list == nullptr) return nullptr;
    std::istringstream words{std::string(list->words)};
    auto& stopper = stoppers[std::string(language)];
    stopper = std::make_unique<Xapian::SimpleStopper>(std::istream_iterator<std::string>(words),
                                                      std::istream_iterator<std::string>());
    return stopper.get();
}

QueryStopper::QueryStopper(std::string_view text, const std::vector<std::string>& languages)
    : english_(stop_words("en")) {
    const Xapian::SimpleStopper& english = *english_;
    const std::vector<std::string> words = lower_words(text);
    std::size_t best = kMinStopWordsForLanguage - 1;
    const StopList* best_list = nullptr;
    for (const std::string& language : languages) {
        const StopList* list = stop_list(language);
        if (list == nullptr || language == "en") continue;
        std::size_t count = 0;
        for (const std::string& word : words)
            if (in_list(*list, word) && !english(word)) ++count;
        if (count > best) {
            best = count;
            best_list = list;
        } else if (count == best) {
            best_list = nullptr;  // as much evidence for two languages: neither
        }
    }
    if (best_list != nullptr) {
        language_ = std::string(best_list->language);
        other_ = stop_words(language_);
    }
}

bool QueryStopper::operator()(const std::string& word) const {
    return (*english_)(word) || (other_ != nullptr && (*other_)(word));
}

}  // namespace thinkdex::query
