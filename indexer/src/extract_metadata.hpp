#pragma once
// Private: title, authors, date, summary, site, tags, language and URL of a parsed page.

#include <string>
#include <string_view>
#include <vector>

#include "extract_dom.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace thinkdex::indexer::detail {

/// Fills every field of `out` except `body`, each from the strongest source present (see
/// extract.hpp and issue 3 for the order). `json_ld`: the page's JSON-LD blocks; `url`: where
/// the page came from. `titles` (optional) receives every form of the title the page gives
/// (metadata, <title> without the site name, the title without a " | Site" suffix), lower
/// case, so that the body can drop the heading that repeats it. Never throws.
void extract_metadata(const Dom& dom, const std::vector<std::string>& json_ld,
                      std::string_view url, Extracted& out,
                      std::vector<std::string>* titles = nullptr);

/// Normalises a language tag ("en-GB", "en_US", "EN") to ISO 639-1 ("en"); empty if not one.
std::string normalise_language(std::string_view tag);

}  // namespace thinkdex::indexer::detail
