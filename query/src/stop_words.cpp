#include "stop_words.hpp"

#include <iterator>
#include <map>
#include <sstream>

#include "stop_words_data.hpp"

namespace thinkdex::query {

namespace {

// A query is taken to be in another language than English from this many of its words that
// are stop words there and not in English: one word ("war", "die", "also") is often a content
// word in English too, two are rarely both.
constexpr std::size_t kMinStopWordsForLanguage = 2;

const std::map<std::string, Xapian::SimpleStopper, std::less<>>& all_stoppers() {
    static const auto kStoppers = [] {
        std::map<std::string, Xapian::SimpleStopper, std::less<>> out;
        for (const StopList& list : stop_lists()) {
            std::istringstream words{std::string(list.words)};
            out.try_emplace(std::string(list.language),
                            std::istream_iterator<std::string>(words),
                            std::istream_iterator<std::string>());
        }
        return out;
    }();
    return kStoppers;
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
    const auto& stoppers = all_stoppers();
    const auto it = stoppers.find(language);
    return it == stoppers.end() ? nullptr : &it->second;
}

QueryStopper::QueryStopper(std::string_view text, const std::vector<std::string>& languages)
    : english_(stop_words("en")) {
    const Xapian::SimpleStopper& english = *english_;
    const std::vector<std::string> words = lower_words(text);
    std::size_t best = kMinStopWordsForLanguage - 1;
    for (const std::string& language : languages) {
        const Xapian::SimpleStopper* list = stop_words(language);
        if (list == nullptr || list == &english) continue;
        std::size_t count = 0;
        for (const std::string& word : words)
            if ((*list)(word) && !english(word)) ++count;
        if (count > best) {
            best = count;
            other_ = list;
            language_ = language;
        } else if (count == best && other_ != nullptr) {
            other_ = nullptr;  // as much evidence for two languages: neither
            language_.clear();
        }
    }
}

bool QueryStopper::operator()(const std::string& word) const {
    return (*english_)(word) || (other_ != nullptr && (*other_)(word));
}

}  // namespace thinkdex::query
