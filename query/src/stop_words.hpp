#pragma once
// Stop words of the query's language: the Snowball lists (stop_words_data.hpp) and which of
// them a query gets.

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace thinkdex::query {

/// The stop words of `language` (ISO 639-1: "fr"), or nullptr when Snowball has no list.
const Xapian::SimpleStopper* stop_words(std::string_view language);

/// The stop words for one query: English's (the project's default, as before), and those of one
/// other language of the index when the query is clearly written in it.
class QueryStopper : public Xapian::Stopper {
  public:
    /// The query `text` is taken to be in one of `languages` (the index's, ISO 639-1) when at
    /// least kMinStopWordsForLanguage of its words are stop words there and not in English, and
    /// more than in any other of them: "politique de la Russie" is French, "war in Ukraine"
    /// stays English although "war" is a German stop word.
    QueryStopper(std::string_view text, const std::vector<std::string>& languages);

    bool operator()(const std::string& word) const override;
    /// The language found besides English ("fr"), or "".
    const std::string& language() const { return language_; }

  private:
    const Xapian::SimpleStopper* english_;
    const Xapian::SimpleStopper* other_ = nullptr;
    std::string language_;
};

}  // namespace thinkdex::query
