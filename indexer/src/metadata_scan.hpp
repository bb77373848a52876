#pragma once
// Private: one walk over a parsed page's elements, gathering what the metadata fields are
// chosen from: <meta> keys, <title>, canonical link, <html lang>, headings, tag links, author
// markup and the dates a reader sees.

#include <string>
#include <utility>
#include <vector>

#include "extract_authors.hpp"
#include "extract_content.hpp"
#include "extract_dom.hpp"
#include "meta_tags.hpp"
#include "visible_dates.hpp"

namespace thinkdex::indexer::detail {

/// What scan_metadata() finds, in document order.
struct MetadataScan {
    MetaTags meta;
    std::string title_tag, canonical, html_lang;
    std::vector<std::string> h1s, visible_h1s, headings, rel_tags, blogger_authors;
    std::vector<int> heading_nodes;
    std::vector<Hit> dom_authors, class_bylines;  // rel/itemprop=author; byline containers
    std::vector<Hit> marked_names;  // class "author-name" inside chrome (metadata_scan.cpp)
    // a group the page's own byline markup credits ("The Research Team" in a byline box or
    // an author-page link): the byline when no person is named anywhere
    std::string markup_group;
    int byline_looks = 0;
    std::string itemprop_date;
    std::vector<VisibleDate> visible_dates;
};

/// Walks every element of `dom` once (`flags`: its chrome, from mark_chrome()) into `scan`;
/// the page's robots directives go to `robots_meta`. `reading` reads the dates; it may refer to
/// `scan.html_lang` and `scan.meta`, which are filled before the body is reached.
void scan_metadata(const Dom& dom, const PageFlags& flags, PageReading& reading,
                   MetadataScan& scan,
                   std::vector<std::pair<std::string, std::string>>& robots_meta);

}  // namespace thinkdex::indexer::detail
