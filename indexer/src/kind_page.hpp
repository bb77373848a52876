#pragma once
// Private: the page kind's signals as read from the page: its declared type, its main text,
// its elements (links, buttons, form fields) and its teaser blocks.

#include <string>
#include <vector>

#include "extract_content.hpp"
#include "extract_dom.hpp"
#include "extract_kind.hpp"

namespace thinkdex::indexer::detail::kind {

/// The type the page declares: its JSON-LD types and og:type (structured, listing_type,
/// page_type).
void read_declared_type(const Dom& dom, const std::vector<std::string>& json_ld,
                        KindSignals& s);

/// The main text: its length, long paragraphs, link density, its share in <p> elements and
/// in lines that end like a sentence, and its voice.
void read_main_text(const Dom& dom, const Content& content, KindSignals& s);

/// The body's elements: "read more" links, calls to action in the main content, a
/// rel="next" link (in the body or the head), form fields and those that choose.
void read_elements(const Dom& dom, const Content& content, KindSignals& s);

/// The teaser blocks, and the shares of the body's text that they and the main text hold
/// (after read_main_text, which counts the main text).
void read_teasers(const Dom& dom, KindSignals& s);

}  // namespace thinkdex::indexer::detail::kind
