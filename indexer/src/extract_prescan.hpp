#pragma once
// Private: a fast pass over the decoded HTML before gumbo sees it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace thinkdex::indexer::detail {

/// What the pre-scan keeps.
struct Prescanned {
    std::string html;                   ///< the page without script/style/svg/... bodies
    std::vector<std::string> json_ld;   ///< bodies of <script type="application/ld+json">
    bool depth_capped = false;          ///< some start tags were dropped to bound nesting
};

/// Nesting of ordinary elements beyond this many levels is flattened (the tags are dropped,
/// their text kept): it bounds gumbo's recursion and its per-tag scope searches.
inline constexpr std::size_t kMaxNesting = 400;

/// Copies `html` without comments and the bodies of script, style, noscript, template, svg,
/// math, iframe, object and select elements (which never hold article text and are a large
/// share of a page's bytes), taking the JSON-LD scripts out on the way, and drops start/end tags
/// nested deeper than kMaxNesting. Linear in the input, no allocation per tag.
Prescanned prescan(std::string_view html);

}  // namespace thinkdex::indexer::detail
