#pragma once
// Private: what kind of page a parsed page is: a publication ("article"), a page of links to
// other pages ("listing") or any other page ("page": about, contact, services, biographies).

#include <string>
#include <string_view>
#include <vector>

#include "extract_content.hpp"
#include "extract_dom.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace thinkdex::indexer::detail {

/// The signals the kind is scored from, each general (no site, domain or page is named).
struct KindSignals {
    int structured = 0;         ///< +1 Article-like og:type/JSON-LD, -1 listing, -2 page types,
                                ///< 0 none or undecided
    bool listing_type = false;  ///< a JSON-LD or og:type of a collection (CollectionPage...)
    bool page_type = false;     ///< a JSON-LD or og:type of a non-publication page
    bool dated = false;         ///< a publication date was found
    bool byline = false;        ///< authors were found (logged; not scored: see the .cpp)
    std::size_t text_chars = 0; ///< main text, lines that are not links
    std::size_t long_paragraphs = 0;  ///< main-text lines of 200 characters or more
    double link_density = 0;    ///< share of the main text's characters in linked lines
    std::size_t teasers = 0;    ///< items of repeated sibling blocks, each with a heading link
    double teaser_share = 0;    ///< share of the body's text inside those items
    int url_shape = 0;          ///< +1 dated or long-slug path, -1 listing path, -2 page path
    std::size_t title_words = 0;  ///< words of the title (a headline has several)
    double paragraph_share = 0;   ///< share of the main text's characters in <p> elements
    double sentence_share = 0;    ///< share of main-text lines ending like a sentence
    std::size_t inputs = 0;       ///< form fields in the body (not hidden, not search)
    std::size_t choices = 0;      ///< of those, fields that choose (select, checkbox, radio):
                                  ///< a listing's filters and sort order, not a contact form
    double content_share = 0;     ///< main text / the body's text outside navigation
    double we_share = 0;          ///< share of main-text words that are "we", "our", "us"...
    std::size_t calls_to_action = 0;  ///< links and buttons in the main content that read as a
                                      ///< call to action ("Get started", "Book", "Contact us")
    double you_share = 0;             ///< share of main-text words that are "you", "your"...
    bool next_page = false;           ///< a rel="next" link: the page is one of a paginated series
    std::size_t more_links = 0;       ///< links in the body that read "Read more", "Weiterlesen"...
    std::size_t purchases = 0;  ///< add-to-cart controls in the body: a shop's list of products
};

/// Reads the signals of `dom` (with its JSON-LD blocks, its metadata `meta` as extracted and its
/// main `content`).
KindSignals kind_signals(const Dom& dom, const std::vector<std::string>& json_ld,
                         const Extracted& meta, const Content& content);

/// "article", "listing" or "page" from the signals: a scored rule (see the .cpp's tunables).
std::string classify_kind(const KindSignals& s);

}  // namespace thinkdex::indexer::detail
