#pragma once
// Private: finding the article body in the flat DOM and turning it into lines of text.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "extract_dom.hpp"

namespace thinkdex::indexer::detail {

/// One line of output text and where it came from.
struct Line {
    std::string text;      ///< whitespace collapsed, never empty
    int block = kNone;     ///< innermost block element holding the line
    bool emphasised = false;  ///< all of its text is inside b/strong/em
    bool heading = false;     ///< inside h1..h6
    bool linked = false;      ///< nearly all of its text is inside links
};

/// Per-node flags shared by the content and metadata passes.
struct PageFlags {
    std::vector<char> chrome;  ///< node is, or is inside, boilerplate (nav, footer, comments...)
    /// node is, or is inside, a section about other pages or people (comments, related
    /// articles, teasers in listings, sidebars, widgets, menus): a subset of `chrome` that leaves out aside, footer
    /// and header elements, where a page's own byline often sits
    std::vector<char> others;
};

/// How boilerplate an element's class/id looks: 0 not at all, 1 weakly (dropped unless a
/// content word is present too), 2 strongly.
int boilerplate_class(std::string_view class_id);

/// Marks boilerplate subtrees (by tag, role, hidden state and class/id vocabulary), without
/// any of the content heuristics. Used by metadata to ignore sidebars and comment sections.
PageFlags mark_chrome(const Dom& dom);

/// How boilerplate element `i` is by itself: 0 not; 1 by its tag, role or hidden state; 2 by
/// its class/id vocabulary (only with `use_vocabulary`).
int self_boilerplate(const Dom& dom, int i, bool use_vocabulary);

/// The number of element (not text) children of `i`.
int element_children(const Dom& dom, int i);

/// Whether a node's subtree is left out of the text (indexed by node).
using SkipFn = std::function<bool(int)>;

/// Text lines under `root` in reading order, without the subtrees `skip` names (it may be
/// empty) and without footnote reference markers.
std::vector<Line> walk_lines(const Dom& dom, int root, const SkipFn& skip);

/// Text lines under `root` in reading order. `skip` (optional, indexed by node) drops subtrees;
/// footnote reference markers are always dropped.
std::vector<Line> lines_of(const Dom& dom, int root, const std::vector<char>* skip);

/// The main content.
struct Content {
    int container = kNone;       ///< the element chosen as the article
    std::vector<Line> lines;     ///< its text, boilerplate removed
    bool semantic = false;       ///< chosen by a semantic signal rather than by scoring
};

/// What metadata extraction found, to tell the page's own headline, byline and dateline at the
/// head of the body from its text.
struct PageMeta {
    std::vector<std::string> titles;   ///< candidate titles, lower case (may be empty)
    std::vector<std::string> authors;  ///< the page's authors, as extracted
    std::string published;             ///< "YYYY-MM-DD", or empty
};

/// Finds and cleans the article body. A heading that repeats a title is dropped, and so are the
/// kicker, the headline, the byline and the dateline at the head of the body (see
/// `lead_tunables` in content_lines.cpp).
Content extract_content(const Dom& dom, const PageMeta& meta);

}  // namespace thinkdex::indexer::detail
