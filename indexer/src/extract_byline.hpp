#pragma once
// Private: bylines and datelines written as lines of text near the title.

#include <string>
#include <vector>

#include "extract_authors.hpp"
#include "extract_content.hpp"
#include "extract_date.hpp"
#include "extract_dom.hpp"

namespace thinkdex::indexer::detail {

/// The byline and dateline read near the title.
struct NearTitle {
    std::vector<std::string> authors;
    /// true when `authors` follow an explicit label ("By", "Written by", "Von", "Автор")
    /// rather than a bare name's place on the page
    bool labelled = false;
    std::string date;
    DateLabel date_label = DateLabel::kUnlabelled;
};

/// Byline and date lines just before or after the title heading in reading order (`titles`:
/// the title's forms, lower case; `h1`: the page's first visible h1, the title's line when no
/// form of the title is among the lines; `reading` reads the dates). Empty when the
/// title is not among the lines.
NearTitle scan_near_title(const Dom& dom, const std::vector<Line>& lines,
                          const std::vector<std::string>& titles, std::string_view h1,
                          const DateReading& reading);

/// The names under a byline label anywhere in `lines` ("Author" / "Jane Doe", "Written by:" /
/// "A and B", as a page's facts box sets them out), else on a line "Written by Jane Doe" of
/// its own anywhere (an author box after the text); empty when none.
std::vector<std::string> labelled_byline(const std::vector<Line>& lines);

/// The first date anywhere in `lines` that a line labels as the publication ("Posted on
/// 15/12/2025 at 19:00 by", "Published: May 3, 2024"), read by `reading`; empty when none.
/// Dates labelled "Updated" and unlabelled ones never count.
std::string labelled_published(const std::vector<Line>& lines, const DateReading& reading);

/// The date written in the block of the byline at `node` (a byline element, an author link):
/// in it, or in its nearest ancestors while their text is a line's length
/// (`date_tunables::kMaxDateLine`): "Luke Kim" over "December 17, 2025", "Written by A and B"
/// beside "April 8, 2024". Empty when none, or when an "Updated" label goes with it.
LabelledDate byline_date(const Dom& dom, int node, const DateReading& reading);

/// The date in the block of the first of `hits` that credits one of `authors` and has one
/// (see `byline_date`); empty when none.
LabelledDate credited_byline_date(const Dom& dom, const std::vector<Hit>& hits,
                                  const std::vector<std::string>& authors, const DateReading& reading);

}  // namespace thinkdex::indexer::detail
