#pragma once
// Private: the page's own summary block ("Executive summary", "Key points"), which beats the
// metadata's description.

#include <string>

#include "extract_content.hpp"
#include "extract_dom.hpp"

namespace thinkdex::indexer::detail {

/// The text under the first short heading inside `root` (outside the chrome `flags` marks)
/// that names a summary ("Executive summary", "Key findings", "In brief"...), spaces collapsed;
/// empty when there is none or its text is too short to be one.
std::string summary_block(const Dom& dom, int root, const PageFlags& flags);

}  // namespace thinkdex::indexer::detail
