#pragma once
// Private: title, authors, date, summary, site, tags, language and URL of a parsed page.

#include <string>
#include <string_view>
#include <vector>

#include "extract_dom.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace thinkdex::indexer::detail {

/// What extraction needs to know about the metadata beyond the fields of Extracted.
struct MetadataNotes {
    /// Every form of the title the page gives (metadata, <title> without the site name, the
    /// title without a " | Site" suffix), lower case, so that the body can drop the heading
    /// that repeats it.
    std::vector<std::string> titles;
    /// The authors were read in the page's markup or text, not in its metadata: on a page that
    /// is not a publication those are a staff list's or a testimonial's names, not a byline.
    bool authors_from_markup = false;
    /// The publication date was read only beside a byline box, the last resort: too weak a
    /// sign by itself that the page is a publication (the page kind does not count it).
    bool date_from_byline_box = false;
    /// The title the metadata titles and the <title> agree on (agreed_metadata_title()), the
    /// title of a page that turns out not to be a publication.
    std::string agreed_title;
    /// The <title> that leads with the site's name (brand_led_title()), the title of a home page.
    std::string brand_title;
};

/// Fills every field of `out` except `body`, each from the strongest source present (see
/// extract.hpp and issue 3 for the order). `json_ld`: the page's JSON-LD blocks; `url`: where
/// the page came from. `notes` (optional) receives what the body and the page kind need.
/// Never throws.
void extract_metadata(const Dom& dom, const std::vector<std::string>& json_ld,
                      std::string_view url, Extracted& out, MetadataNotes* notes = nullptr);

}  // namespace thinkdex::indexer::detail
