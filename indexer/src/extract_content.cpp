#include "extract_content.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>

#include "content_lines.hpp"
#include "content_score.hpp"
#include "extract_date.hpp"
#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

// Words whose presence in a class or id marks boilerplate wherever they appear.
bool strong_word(std::string_view w) {
    if (in_set(w, {"nav", "navbar", "menu", "menus", "submenu", "megamenu", "meta", "postmeta",
                   "share", "shares", "ad", "ads", "adv", "tags", "tagcloud", "pager", "pagenav",
                   "consent", "gdpr", "popup", "modal", "byline", "dateline", "disqus",
                   "outbrain", "taboola", "signup", "login", "skiplink", "masthead", "shoutbox",
                   "toolbar", "breadcrumbs", "print", "noprint", "rss", "feeds", "subnav",
                   "crumbs", "jump", "social", "caption", "captions", "credit", "credits",
                   "figcaption"}))
        return true;
    if (w.starts_with("comment") && !w.starts_with("commentar")) return true;
    for (std::string_view root : {"footer", "sidebar", "breadcrumb", "pagination", "newsletter",
                                  "related", "disqus", "outbrain", "taboola", "advert",
                                  "sponsor", "cookie", "subscri", "sharing", "sharedaddy",
                                  "sharebar", "socialmedia", "navigation", "author",
                                  "caption"}) {
        if (w.find(root) != std::string_view::npos) return true;
    }
    if (w.starts_with("share") || w.starts_with("social") || w.starts_with("nav")) return true;
    return false;
}

// Words that mark boilerplate unless a content word is present too ("widget Blog").
bool weak_word(std::string_view w) {
    return in_set(w, {"widget", "widgets", "labels", "label", "archive", "archives", "bio",
                      "promo", "promos", "tools", "extra", "banner", "recommended", "trending",
                      "popular", "topics", "supplemental", "hidden", "hide", "sr", "subscribe",
                      "follow", "mostread", "most", "more", "teaser", "teasers", "upsell",
                      "callout", "alert", "cta", "tabs", "overlay", "sticky", "lightbox"});
}

bool positive_word(std::string_view w) {
    return in_set(w, {"article", "content", "main", "body", "entry", "post", "story", "text",
                      "blog", "hentry", "articlebody", "prose"});
}

// Class tokens that describe the page or post state, not the element ("has-sidebar",
// WordPress's "tag-russia", "category-news"), and utility classes with a variant or an
// arbitrary value ("md:[grid-area:sidebar]", "lg:w-1/3"): they place a box on the grid and
// say nothing of what it holds.
bool ignored_token(std::string_view t) {
    if (t.find(':') != std::string_view::npos || t.find('[') != std::string_view::npos)
        return true;
    for (std::string_view p : {"has-", "no-", "with-", "tag-", "category-", "postid-", "page-",
                               "single-", "format-", "is-", "js-", "theme-", "layout-",
                               "template-", "status-", "type-"}) {
        if (t.starts_with(p)) return true;
    }
    return false;
}

// The class/id tokens of an element that say what it holds (ignored_token's left out), one by
// one: `pos` starts at 0; an empty view means no more.
std::string_view next_class_token(std::string_view class_id, std::size_t& pos) {
    while (pos < class_id.size()) {
        std::size_t end = class_id.find(' ', pos);
        if (end == std::string_view::npos) end = class_id.size();
        std::string_view tok = class_id.substr(pos, end - pos);
        pos = end + 1;
        if (!tok.empty() && !ignored_token(tok)) return tok;
    }
    return {};
}

std::string_view role_of(const Dom& dom, int i) { return dom.attr(i, "role"); }

bool hidden(const Dom& dom, int i) {
    if (dom.has_attr(i, "hidden")) return true;
    if (iequals(dom.attr(i, "aria-hidden"), "true")) return true;
    std::string_view style = dom.attr(i, "style");
    if (!style.empty()) {
        std::string compact;
        for (char c : style) {
            if (c != ' ') compact.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
        if (compact.find("display:none") != std::string::npos ||
            compact.find("visibility:hidden") != std::string::npos)
            return true;
    }
    return false;
}

}  // namespace

int self_boilerplate(const Dom& dom, int i, bool use_vocabulary) {
    const Node& n = dom[i];
    switch (n.tag) {
        case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_MENU:
        case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT:
        case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SELECT: case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FORM: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED: case GUMBO_TAG_SVG: case GUMBO_TAG_CANVAS:
        case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
        case GUMBO_TAG_LABEL: case GUMBO_TAG_FIGCAPTION:
            return 1;
        case GUMBO_TAG_HTML: case GUMBO_TAG_BODY:
            return 0;
        default:
            break;
    }
    if (n.tag == GUMBO_TAG_UNKNOWN && iequals(n.tag_name, "dialog")) return 1;
    std::string_view role = role_of(dom, i);
    if (!role.empty() &&
        in_set(lower_ascii(role), {"navigation", "menu", "menubar", "complementary", "banner",
                                   "contentinfo", "search", "dialog", "alertdialog", "alert"}))
        return 1;
    if (hidden(dom, i)) return 1;
    if (use_vocabulary && !n.class_id.empty() && boilerplate_class(n.class_id) > 0) return 2;
    return 0;
}

int element_children(const Dom& dom, int i) {
    int count = 0;
    for (int c = dom[i].first_child; c != kNone; c = dom[c].next_sibling) {
        if (!dom[c].is_text) ++count;
    }
    return count;
}

namespace {

bool footnote_marker(const Dom& dom, int i) {
    const Node& n = dom[i];
    if (n.tag != GUMBO_TAG_SUP && n.tag != GUMBO_TAG_A) return false;
    if (n.tag == GUMBO_TAG_A && !dom.attr(i, "href").starts_with("#")) return false;
    std::string t = dom.text(i, 16);
    if (t.empty() || t.size() > 8) return false;
    std::string_view v = t;
    bool bracketed = false;
    if (v.front() == '[' || v.front() == '(') {
        v.remove_prefix(1);
        bracketed = true;
    }
    if (!v.empty() && (v.back() == ']' || v.back() == ')')) v.remove_suffix(1);
    if (v.empty()) return false;
    bool digits = std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (n.tag == GUMBO_TAG_A) {
        // a bare "#" link with a number: "[3]" always, "3" when the target says note/ref
        std::string href = lower_ascii(dom.attr(i, "href"));
        return digits && v.size() <= 3 &&
               (bracketed || href.find("fn") != std::string::npos ||
                href.find("note") != std::string::npos || href.find("ref") != std::string::npos ||
                href.find("cite") != std::string::npos);
    }
    if (digits && v.size() <= 3) return true;
    if (std::all_of(v.begin(), v.end(), [](char c) { return c == '*'; }) && v.size() <= 3)
        return true;
    if (v == "\u2020" || v == "\u2021" || v == "\u00a7") return true;
    if (v.size() <= 4 && std::all_of(v.begin(), v.end(), [](char c) {
            return c == 'i' || c == 'v' || c == 'x';
        }))
        return true;
    return false;
}

bool is_emphasis(GumboTag t) {
    return t == GUMBO_TAG_B || t == GUMBO_TAG_STRONG || t == GUMBO_TAG_EM || t == GUMBO_TAG_I;
}

bool is_heading(GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; }

/// walk_lines()'s state: the line being gathered, how much of it is emphasised or linked, and
/// the elements open around the walk's position.
class LineWalker {
  public:
    LineWalker(const Dom& dom, int root) : dom_(dom), root_(root) { open_.reserve(64); }

    /// A text node: its text joins the line, weighed for the line's emphasis and link shares.
    void text(std::string_view t) {
        buf_ += t;
        const std::size_t w = text_weight(t);
        chars_ += w;
        if (emphasis_ > 0) emph_chars_ += w;
        if (link_ > 0) link_chars_ += w;
    }

    /// The root's own text or heading, before its descendants.
    void start() {
        if (dom_[root_].is_text) buf_ += dom_[root_].text;
        heading_line_ = is_heading(dom_[root_].tag);
        if (heading_line_) ++heading_;
    }

    /// Element `k` opens: a block or a break ends the line, a cell or an image is a space.
    void enter(int k) {
        const GumboTag t = dom_[k].tag;
        if (t == GUMBO_TAG_BR || t == GUMBO_TAG_HR || is_block(t)) {
            flush();
        } else if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH || t == GUMBO_TAG_IMG) {
            buf_.push_back(' ');
        }
        if (is_emphasis(t)) ++emphasis_;
        if (t == GUMBO_TAG_A) ++link_;
        if (is_heading(t)) {
            ++heading_;
            heading_line_ = true;
        }
        open_.push_back(k);
    }

    /// Closes the open elements that end at or before node `k` (all of them for the walk's end).
    void close_before(int k) {
        while (!open_.empty() && k >= dom_[open_.back()].end) {
            exit(open_.back());
            open_.pop_back();
        }
    }

    /// The lines, once the walk is over.
    std::vector<Line> finish() {
        close_before(std::numeric_limits<int>::max());
        flush();
        return std::move(lines_);
    }

  private:
    void exit(int e) {
        const GumboTag t = dom_[e].tag;
        if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) {
            buf_.push_back(' ');
        } else if (is_block(t)) {
            flush();
        }
        if (is_emphasis(t)) --emphasis_;
        if (t == GUMBO_TAG_A) --link_;
        if (is_heading(t)) {
            --heading_;
            heading_line_ = heading_ > 0;
        }
    }

    // The line so far, in the innermost open block (not a <br>), else the root.
    void flush() {
        if (!buf_.empty()) {
            std::string text = collapse_spaces(buf_);
            if (!text.empty()) {
                int block = root_;
                for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
                    if (is_block(dom_[*it].tag) && dom_[*it].tag != GUMBO_TAG_BR) {
                        block = *it;
                        break;
                    }
                }
                lines_.push_back({std::move(text), block,
                                  chars_ > 0 && emph_chars_ * 10 >= chars_ * 9, heading_line_,
                                  chars_ > 0 && link_chars_ * 4 >= chars_ * 3});
            }
        }
        buf_.clear();
        chars_ = emph_chars_ = link_chars_ = 0;
        heading_line_ = heading_ > 0;
    }

    const Dom& dom_;
    const int root_;
    std::vector<Line> lines_;
    std::string buf_;
    std::size_t chars_ = 0, emph_chars_ = 0, link_chars_ = 0;
    int emphasis_ = 0, heading_ = 0, link_ = 0;
    bool heading_line_ = false;
    std::vector<int> open_;
};

}  // namespace

std::vector<Line> walk_lines(const Dom& dom, int root, const SkipFn& skip) {
    if (root == kNone) return {};
    LineWalker walker(dom, root);
    walker.start();
    const int end = dom[root].end;
    int k = root + 1;
    while (k < end) {
        walker.close_before(k);
        const Node& n = dom[k];
        if (n.is_text) {
            walker.text(n.text);
            ++k;
        } else if ((skip && skip(k)) || footnote_marker(dom, k)) {
            k = n.end;
        } else {
            walker.enter(k);
            ++k;
        }
    }
    return walker.finish();
}

int boilerplate_class(std::string_view class_id) {
    int result = 0;
    bool positive = false;
    std::size_t pos = 0;
    for (std::string_view tok; !(tok = next_class_token(class_id, pos)).empty();) {
        std::size_t w = 0;
        while (w < tok.size()) {
            while (w < tok.size() && !ascii_alnum(tok[w])) ++w;
            std::size_t we = w;
            while (we < tok.size() && ascii_alnum(tok[we])) ++we;
            std::string_view word = tok.substr(w, we - w);
            w = we;
            if (word.empty()) continue;
            if (strong_word(word)) return 2;
            if (weak_word(word)) result = 1;
            if (positive_word(word)) positive = true;
        }
    }
    return result == 1 && positive ? 0 : result;
}

namespace {

// A teaser of another publication: a list item (or one of several sibling <article>s) with a
// title-like link and its own byline or date. Listing, home and author pages are made of
// them; their authors and dates belong to the pages they link to, not to this one.
bool is_teaser(const Dom& dom, int i) {
    const Node& nd = dom[i];
    if (nd.tag == GUMBO_TAG_ARTICLE) {
        int siblings = 0;
        for (int k = nd.parent != kNone ? dom[nd.parent].first_child : kNone; k != kNone;
             k = dom[k].next_sibling) {
            if (dom[k].tag == GUMBO_TAG_ARTICLE && !dom[k].is_text) ++siblings;
        }
        if (siblings < 2) return false;
    } else if (nd.tag != GUMBO_TAG_LI) {
        return false;
    }
    if (nd.end - i > 300) return false;
    bool title_link = false, metadata = false;
    for (int k = i + 1; k < nd.end; ++k) {
        const Node& d = dom[k];
        if (d.is_text) continue;
        if (d.tag == GUMBO_TAG_A && !title_link) {
            std::string text = dom.text(k, 200);
            title_link = std::count(text.begin(), text.end(), ' ') >= 3;
        }
        if (d.tag == GUMBO_TAG_TIME || d.class_id.find("author") != std::string::npos ||
            d.class_id.find("byline") != std::string::npos ||
            d.class_id.find("date") != std::string::npos) {
            metadata = true;
        }
    }
    return title_link && metadata;
}

// A class/id naming a section about other pages or people (comments, related articles,
// widgets, menus). Tokens that only place the box (see ignored_token) are not read.
bool about_others(std::string_view ci) {
    std::size_t pos = 0;
    for (std::string_view tok; !(tok = next_class_token(ci, pos)).empty();) {
        for (std::string_view w : {"comment", "sidebar", "related", "widget", "footer",
                                   "newsletter", "recommended", "popular", "trending", "navbar",
                                   "menu", "breadcrumb"}) {
            std::size_t at = tok.find(w);
            // a sidebar's boxes are "widget", "widget_text", "widget-area"; page builders
            // wrap every block of the article in "builder-widget-container" too
            if (at != std::string_view::npos &&
                !(w == "comment" && tok.substr(at).starts_with("commentar")) &&
                !(w == "widget" && (at > 0 || ci.find("blog") != std::string_view::npos)))
                return true;
        }
    }
    return false;
}

}  // namespace

PageFlags mark_chrome(const Dom& dom) {
    PageFlags f;
    const auto n = static_cast<std::size_t>(dom.size());
    f.chrome.assign(n, 0);
    f.others.assign(n, 0);
    // h1s before each node: a subtree holds an h1 when the count differs at its two ends
    std::vector<int> h1s_before(n + 1, 0);
    for (int i = 0; i < dom.size(); ++i) {
        const auto u = static_cast<std::size_t>(i);
        h1s_before[u + 1] = h1s_before[u] + (!dom[i].is_text && dom[i].tag == GUMBO_TAG_H1);
    }
    for (int i = 0; i < dom.size(); ++i) {
        const auto u = static_cast<std::size_t>(i);
        const Node& nd = dom[i];
        int p = nd.parent;
        if (p != kNone && f.others[static_cast<std::size_t>(p)]) {
            f.chrome[u] = f.others[u] = 1;
            continue;
        }
        if (p != kNone && f.chrome[static_cast<std::size_t>(p)]) f.chrome[u] = 1;
        if (nd.is_text) continue;
        switch (nd.tag) {
            case GUMBO_TAG_NAV: case GUMBO_TAG_MENU:
                f.chrome[u] = f.others[u] = 1;
                continue;
            case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
                f.chrome[u] = 1;
                break;
            default:
                break;
        }
        if (is_teaser(dom, i)) {
            f.chrome[u] = f.others[u] = 1;
            continue;
        }
        // metadata lives in bylines, "meta" bars and author boxes: only sections that are
        // about other pages or other people are chrome here. <body> and <html> classes
        // describe the page layout ("sidebar-primary"), not a section.
        if (!nd.class_id.empty() && nd.tag != GUMBO_TAG_BODY && nd.tag != GUMBO_TAG_HTML) {
            std::string_view ci = nd.class_id;
            // a box that holds the page's headline is the page ("story-sidebar-mode"
            // names a layout), not a section about other pages
            bool holds_h1 = h1s_before[static_cast<std::size_t>(nd.end)] > h1s_before[u];
            if (about_others(ci) && !holds_h1) f.chrome[u] = f.others[u] = 1;
        }
    }
    return f;
}

std::vector<Line> lines_of(const Dom& dom, int root, const std::vector<char>* skip) {
    SkipFn fn;
    if (skip != nullptr) {
        fn = [skip](int i) { return (*skip)[static_cast<std::size_t>(i)] != 0; };
    }
    return walk_lines(dom, root, fn);
}

Content extract_content(const Dom& dom, const PageMeta& meta) {
    Content c;
    const std::vector<std::string>& titles = meta.titles;
    Attempt a = score_content(dom, titles, true, true);
    int body = dom.body() != kNone ? dom.body() : dom.html();
    // Too little text: the vocabulary or the cleaning threw the article away (a wrapper with
    // "sidebar" in its class, a page made of short blocks). Readability retries the same way.
    if (a.weight < 250 && body != kNone) {
        Attempt b = score_content(dom, titles, false, false);
        if (b.weight > a.weight) a = std::move(b);
    }
    c.container = a.container;
    c.lines = std::move(a.lines);
    drop_head(dom, c.lines, meta);
    c.semantic = a.semantic;
    return c;
}

}  // namespace thinkdex::indexer::detail
