#pragma once
// Private: one try at finding the article body, by Readability's candidate scoring.

#include <cstddef>
#include <string>
#include <vector>

#include "extract_content.hpp"

namespace thinkdex::indexer::detail {

/// What one try found: the body's text lines, its first container, and whether a semantic
/// marker (itemprop=articleBody, <article>, <main>) rather than scoring chose it.
struct Attempt {
    std::vector<Line> lines;
    int container = kNone;
    bool semantic = false;
    std::size_t weight = 0;  ///< text weight of `lines`
};

/// Scores paragraphs into their ancestors, takes the best candidate with its related siblings
/// (or a semantic marker that agrees with it) and cleans out the blocks inside that look like
/// boilerplate. A heading that repeats one of `titles` (lower case) is dropped.
/// `use_vocabulary`: class/id words mark boilerplate; `clean`: class weights and Readability's
/// conditional cleaning apply. extract_content() retries without both when the first try finds
/// too little.
Attempt score_content(const Dom& dom, const std::vector<std::string>& titles,
                      bool use_vocabulary, bool clean);

}  // namespace thinkdex::indexer::detail
