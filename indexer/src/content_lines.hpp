#pragma once
// Private: the line-level cleaning of the article body chosen by extract_content(): lines that
// are not the article's text, and the head of the body.

#include <vector>

#include "extract_content.hpp"
#include "extract_dom.hpp"

namespace thinkdex::indexer::detail {

/// Drops junk lines ("Share", "Advertisement"), pointers ("Related: ...", "Photo: ..."),
/// promotions, datelines and bylines near either end, runs of three or more short links, and
/// lists of links announced by a label ("More from us" and the headlines after it).
std::vector<Line> clean_lines(std::vector<Line> lines);

/// Drops the kicker, the repeated headline, the byline and the dateline from the head of the
/// body (its first lines, up to the first paragraph; see `lead_tunables` in the .cpp). Nothing
/// is dropped when no line of text follows within the head: a page of short lines (a list, a
/// poem, a listing) keeps them all.
void drop_head(const Dom& dom, std::vector<Line>& lines, const PageMeta& meta);

}  // namespace thinkdex::indexer::detail
