#include "extract_content.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

#include "content_lines.hpp"
#include "extract_date.hpp"
#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

using SkipFn = std::function<bool(int)>;

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

// 0: keep; 1: boilerplate by tag, role or state; 2: boilerplate by class/id vocabulary.
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

std::vector<Line> walk_lines(const Dom& dom, int root, const SkipFn& skip) {
    std::vector<Line> lines;
    if (root == kNone) return lines;
    std::string buf;
    std::size_t chars = 0, emph_chars = 0, link_chars = 0;
    int emphasis = 0, heading = 0, link = 0;
    bool heading_line = false;
    std::vector<int> open;
    open.reserve(64);
    auto flush = [&] {
        if (!buf.empty()) {
            std::string text = collapse_spaces(buf);
            if (!text.empty()) {
                int block = root;
                for (auto it = open.rbegin(); it != open.rend(); ++it) {
                    if (is_block(dom[*it].tag) && dom[*it].tag != GUMBO_TAG_BR) {
                        block = *it;
                        break;
                    }
                }
                lines.push_back({std::move(text), block, chars > 0 && emph_chars * 10 >= chars * 9,
                                 heading_line, chars > 0 && link_chars * 4 >= chars * 3});
            }
        }
        buf.clear();
        chars = emph_chars = link_chars = 0;
        heading_line = heading > 0;
    };
    auto is_emph = [](GumboTag t) {
        return t == GUMBO_TAG_B || t == GUMBO_TAG_STRONG || t == GUMBO_TAG_EM || t == GUMBO_TAG_I;
    };
    auto is_heading = [](GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; };
    auto exit_node = [&](int e) {
        GumboTag t = dom[e].tag;
        if (is_block(t) || t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) {
            if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) {
                buf.push_back(' ');
            } else {
                flush();
            }
        }
        if (is_emph(t)) --emphasis;
        if (t == GUMBO_TAG_A) --link;
        if (is_heading(t)) {
            --heading;
            heading_line = heading > 0;
        }
    };
    const int end = dom[root].end;
    int k = dom[root].is_text ? root : root + 1;
    if (dom[root].is_text) {
        buf += dom[root].text;
        ++k;
    }
    heading_line = is_heading(dom[root].tag);
    if (heading_line) ++heading;
    while (k < end) {
        while (!open.empty() && k >= dom[open.back()].end) {
            exit_node(open.back());
            open.pop_back();
        }
        const Node& n = dom[k];
        if (n.is_text) {
            buf += n.text;
            std::size_t w = text_weight(n.text);
            chars += w;
            if (emphasis > 0) emph_chars += w;
            if (link > 0) link_chars += w;
            ++k;
            continue;
        }
        if ((skip && skip(k)) || footnote_marker(dom, k)) {
            k = n.end;
            continue;
        }
        GumboTag t = n.tag;
        if (t == GUMBO_TAG_BR || t == GUMBO_TAG_HR) {
            flush();
        } else if (is_block(t)) {
            flush();
        } else if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) {
            buf.push_back(' ');
        } else if (t == GUMBO_TAG_IMG) {
            buf.push_back(' ');
        }
        if (is_emph(t)) ++emphasis;
        if (t == GUMBO_TAG_A) ++link;
        if (is_heading(t)) {
            ++heading;
            heading_line = true;
        }
        open.push_back(k);
        ++k;
    }
    while (!open.empty()) {
        exit_node(open.back());
        open.pop_back();
    }
    flush();
    return lines;
}

// Per-node figures over the tree without its removed parts.
struct Stats {
    std::vector<std::uint32_t> len, link_len, commas, direct_len, p, img, li, input, embed,
        heading_len, list_len;
    std::vector<char> block_child;
};

Stats compute_stats(const Dom& dom, const std::vector<char>& removed) {
    const auto n = static_cast<std::size_t>(dom.size());
    Stats s;
    for (auto* v : {&s.len, &s.link_len, &s.commas, &s.direct_len, &s.p, &s.img, &s.li, &s.input,
                    &s.embed, &s.heading_len, &s.list_len}) {
        v->assign(n, 0);
    }
    s.block_child.assign(n, 0);
    for (int i = dom.size() - 1; i >= 0; --i) {
        const auto u = static_cast<std::size_t>(i);
        if (removed[u]) continue;
        const Node& nd = dom[i];
        if (nd.is_text) {
            s.len[u] = static_cast<std::uint32_t>(text_weight(nd.text));
            std::uint32_t c = 0;
            for (std::size_t k = 0; k < nd.text.size(); ++k) {
                if (nd.text[k] == ',') ++c;
                // full-width comma U+FF0C and ideographic comma U+3001
                if (k + 2 < nd.text.size() &&
                    ((nd.text.substr(k, 3) == "\xEF\xBC\x8C") || nd.text.substr(k, 3) == "\xE3\x80\x81"))
                    ++c;
            }
            s.commas[u] = c;
        } else {
            switch (nd.tag) {
                case GUMBO_TAG_A: {
                    std::string_view href = dom.attr(i, "href");
                    // in-page links ("#section") count less, as in Readability
                    s.link_len[u] = href.starts_with("#") ? s.len[u] * 3 / 10 : s.len[u];
                    break;
                }
                case GUMBO_TAG_P: s.p[u] += 1; break;
                case GUMBO_TAG_IMG: s.img[u] += 1; break;
                case GUMBO_TAG_LI: s.li[u] += 1; break;
                case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SELECT:
                    s.input[u] += 1;
                    break;
                case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_IFRAME:
                    s.embed[u] += 1;
                    break;
                case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
                case GUMBO_TAG_H5: case GUMBO_TAG_H6:
                    s.heading_len[u] = s.len[u];
                    break;
                case GUMBO_TAG_UL: case GUMBO_TAG_OL:
                    s.list_len[u] = s.len[u];
                    break;
                default:
                    break;
            }
        }
        if (nd.parent == kNone) continue;
        const auto p = static_cast<std::size_t>(nd.parent);
        s.len[p] += s.len[u];
        s.link_len[p] += s.link_len[u];
        s.commas[p] += s.commas[u];
        s.p[p] += s.p[u];
        s.img[p] += s.img[u];
        s.li[p] += s.li[u];
        s.input[p] += s.input[u];
        s.embed[p] += s.embed[u];
        s.heading_len[p] += s.heading_len[u];
        s.list_len[p] += s.list_len[u];
        if (nd.is_text) {
            s.direct_len[p] += s.len[u];
        } else if (is_block(nd.tag) && nd.tag != GUMBO_TAG_BR) {
            s.block_child[p] = 1;
        }
    }
    return s;
}

double link_density(const Stats& s, int i) {
    const auto u = static_cast<std::size_t>(i);
    return s.len[u] == 0 ? 0.0 : std::min(1.0, double(s.link_len[u]) / double(s.len[u]));
}

// Readability's class weight: +25 per content-looking class or id, -25 per boilerplate one.
int class_weight(const Dom& dom, int i) {
    static constexpr std::array<std::string_view, 13> kPositive{
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post",
        "text", "blog", "story", "prose"};
    static constexpr std::array<std::string_view, 25> kNegative{
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
        "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
        "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "byline"};
    int weight = 0;
    for (const char* attr : {"class", "id"}) {
        std::string v = lower_ascii(dom.attr(i, attr));
        if (v.empty()) continue;
        bool neg = false, pos = false;
        for (auto w : kNegative) {
            if (v.find(w) != std::string::npos) neg = true;
        }
        for (auto w : kPositive) {
            if (v.find(w) != std::string::npos) pos = true;
        }
        if (neg) weight -= 25;
        if (pos) weight += 25;
    }
    return weight;
}

double tag_weight(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: return 5;
        case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
        case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
        case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
            return -3;
        case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
        case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
            return -5;
        default: return 0;
    }
}

// 3: a precise article-body marker; 2: <article> or an Article microdata item; 1: <main>.
int semantic_kind(const Dom& dom, int i) {
    const Node& n = dom[i];
    if (n.is_text) return 0;
    std::string_view itemprop = dom.attr(i, "itemprop");
    if (!itemprop.empty() && icontains(itemprop, "articlebody")) return 3;
    if (!n.class_id.empty()) {
        std::string_view ci = n.class_id;
        std::size_t pos = 0;
        while (pos < ci.size()) {
            std::size_t end = ci.find(' ', pos);
            if (end == std::string_view::npos) end = ci.size();
            std::string_view tok = ci.substr(pos, end - pos);
            pos = end + 1;
            if (in_set(tok, {"post-body", "entry-content", "article-body", "articlebody",
                             "article-content", "article__body", "article__content",
                             "story-body", "story-content", "post-content", "entry-body",
                             "article-text", "story-text", "postbody", "post-entry",
                             "post_content", "entry_content", "article_body", "body-text",
                             "article-body-content", "articletext", "story__body"}))
                return 3;
        }
    }
    if (n.tag == GUMBO_TAG_ARTICLE) return 2;
    if (n.tag == GUMBO_TAG_MAIN || iequals(dom.attr(i, "role"), "main")) return 1;
    return 0;
}

constexpr std::size_t kMinSemantic = 140;  // text weight below which a marker is not trusted

struct Attempt {
    std::vector<Line> lines;
    int container = kNone;
    bool semantic = false;
    std::size_t weight = 0;
};

Attempt attempt(const Dom& dom, const std::vector<std::string>& titles, bool use_vocabulary,
                bool clean) {
    const auto n = static_cast<std::size_t>(dom.size());
    Attempt out;
    int body = dom.body() != kNone ? dom.body() : dom.html();
    if (body == kNone || n == 0) return out;

    // raw text weight per node, before any removal, to protect whole-page wrappers
    std::vector<std::uint32_t> raw(n, 0);
    for (int i = dom.size() - 1; i >= 0; --i) {
        const Node& nd = dom[i];
        if (nd.is_text) raw[static_cast<std::size_t>(i)] += static_cast<std::uint32_t>(text_weight(nd.text));
        if (nd.parent != kNone) raw[static_cast<std::size_t>(nd.parent)] += raw[static_cast<std::size_t>(i)];
    }
    const double page = std::max<double>(1.0, raw[static_cast<std::size_t>(body)]);

    std::vector<char> self(n, 0);
    for (int i = 0; i < dom.size(); ++i) {
        if (dom[i].is_text) continue;
        int b = self_boilerplate(dom, i, use_vocabulary);
        // <form> and <header> sometimes wrap the whole page (ASP.NET, some themes)
        if (b == 1 && (dom[i].tag == GUMBO_TAG_FORM || dom[i].tag == GUMBO_TAG_HEADER) &&
            raw[static_cast<std::size_t>(i)] > 0.5 * page && raw[static_cast<std::size_t>(i)] > 500)
            b = 0;
        self[static_cast<std::size_t>(i)] = static_cast<char>(b);
    }
    auto inherit = [&](const std::vector<char>& protect) {
        std::vector<char> removed(n, 0);
        for (int i = 0; i < dom.size(); ++i) {
            const auto u = static_cast<std::size_t>(i);
            int p = dom[i].parent;
            bool r = p != kNone && removed[static_cast<std::size_t>(p)];
            if (!r && self[u] != 0 && !(protect.size() == n && protect[u])) r = true;
            removed[u] = r;
        }
        return removed;
    };
    std::vector<char> removed = inherit({});

    // best semantic marker outside removed parts
    int sem = kNone, sem_kind = 0;
    std::uint32_t sem_raw = 0;
    for (int i = body; i < dom[body].end; ++i) {
        if (dom[i].is_text) continue;
        int kind = semantic_kind(dom, i);
        if (kind == 0) continue;
        const auto u = static_cast<std::size_t>(i);
        int p = dom[i].parent;
        if (p != kNone && removed[static_cast<std::size_t>(p)]) continue;
        if (raw[u] < kMinSemantic) continue;
        if (kind > sem_kind || (kind == sem_kind && raw[u] > sem_raw)) {
            sem = i;
            sem_kind = kind;
            sem_raw = raw[u];
        }
    }
    if (sem != kNone) {
        std::vector<char> protect(n, 0);
        for (int a = sem; a != kNone; a = dom[a].parent) protect[static_cast<std::size_t>(a)] = 1;
        removed = inherit(protect);
    }
    Stats st = compute_stats(dom, removed);

    // Readability-style paragraph scoring
    std::vector<double> score(n, 0.0);
    std::vector<char> scored(n, 0);
    auto add = [&](int start, double s) {
        int level = 0;
        for (int a = start; a != kNone && level < 5; a = dom[a].parent, ++level) {
            const auto u = static_cast<std::size_t>(a);
            if (dom[a].tag == GUMBO_TAG_HTML) break;
            if (!scored[u]) {
                scored[u] = 1;
                score[u] = tag_weight(dom[a].tag) + (clean ? class_weight(dom, a) : 0);
            }
            double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
            score[u] += s / divider;
        }
    };
    for (int i = body; i < dom[body].end; ++i) {
        const auto u = static_cast<std::size_t>(i);
        const Node& nd = dom[i];
        if (nd.is_text || removed[u]) continue;
        bool para = false;
        switch (nd.tag) {
            case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_SECTION:
            case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
            case GUMBO_TAG_H6:
                para = true;
                break;
            case GUMBO_TAG_DIV:
                para = !st.block_child[u];
                break;
            default:
                break;
        }
        if (para && st.len[u] >= 25) {
            add(nd.parent, 2.0 + st.commas[u] + std::min(st.len[u] / 100.0, 3.0));
        } else if (!para && nd.tag == GUMBO_TAG_DIV && st.direct_len[u] >= 25) {
            // loose text in a div with block children: a paragraph of the div itself
            add(i, 2.0 + std::min(st.direct_len[u] / 100.0, 3.0));
        }
    }
    int top = kNone;
    std::vector<int> candidates;
    for (int i = 0; i < dom.size(); ++i) {
        const auto u = static_cast<std::size_t>(i);
        if (!scored[u]) continue;
        score[u] *= 1.0 - link_density(st, i);
        candidates.push_back(i);
        if (top == kNone || score[u] > score[static_cast<std::size_t>(top)]) top = i;
    }
    auto sc = [&](int i) { return score[static_cast<std::size_t>(i)]; };
    if (top == kNone) {
        top = body;
    } else {
        // several near-best candidates under one ancestor: the ancestor is the article
        std::partial_sort(candidates.begin(),
                          candidates.begin() + std::min<std::ptrdiff_t>(5, std::ssize(candidates)),
                          candidates.end(), [&](int a, int b) { return sc(a) > sc(b); });
        std::vector<int> alts;
        for (std::size_t k = 1; k < std::min<std::size_t>(5, candidates.size()); ++k) {
            if (sc(candidates[k]) >= 0.75 * sc(top)) alts.push_back(candidates[k]);
        }
        if (alts.size() >= 3) {
            for (int p = dom[top].parent; p != kNone && p != body; p = dom[p].parent) {
                int count = 0;
                for (int a : alts) count += dom.contains(p, a) ? 1 : 0;
                if (count >= 3) {
                    top = p;
                    break;
                }
            }
        }
        double last = sc(top);
        double threshold = last / 3;
        for (int p = dom[top].parent; p != kNone && p != body; p = dom[p].parent) {
            if (!scored[static_cast<std::size_t>(p)]) continue;
            if (sc(p) < threshold) break;
            if (sc(p) > last) {
                top = p;
                break;
            }
            last = sc(p);
        }
        for (int p = dom[top].parent; p != kNone && p != body && element_children(dom, p) == 1;
             p = dom[p].parent) {
            top = p;
        }
    }
    std::vector<int> roots;
    const auto len = [&](int i) { return st.len[static_cast<std::size_t>(i)]; };
    int parent = dom[top].parent;
    if (top == body || parent == kNone) {
        roots.push_back(top);
    } else {
        double top_score = sc(top);
        double threshold = std::max(10.0, top_score * 0.2);
        for (int s = dom[parent].first_child; s != kNone; s = dom[s].next_sibling) {
            if (s == top) {
                roots.push_back(s);
                continue;
            }
            const auto u = static_cast<std::size_t>(s);
            if (dom[s].is_text || removed[u]) continue;
            double bonus = (!dom[s].class_id.empty() &&
                            dom.attr(s, "class") == dom.attr(top, "class") &&
                            !dom.attr(top, "class").empty())
                               ? top_score * 0.2
                               : 0.0;
            bool append = scored[u] && sc(s) + bonus >= threshold;
            if (!append && dom[s].tag == GUMBO_TAG_P) {
                double ld = link_density(st, s);
                if (len(s) > 80 && ld < 0.25) {
                    append = true;
                } else if (len(s) > 0 && len(s) <= 80 && ld == 0.0) {
                    std::string t = dom.text(s, 400);
                    append = t.find(". ") != std::string::npos || (!t.empty() && t.back() == '.');
                }
            }
            if (append) roots.push_back(s);
        }
    }
    // An article split into chunks between ads and embeds: elements elsewhere in the page
    // with the very same tag and class as the chosen one, and text of their own, are part of
    // it (WIRED's "body__container" chunks, Medium's sections).
    auto add_same_class = [&](int anchor) {
        std::string_view cls = dom.attr(anchor, "class");
        if (anchor == body || cls.empty()) return;
        std::vector<int> more;
        for (int i = body; i < dom[body].end; ++i) {
            const auto u = static_cast<std::size_t>(i);
            if (dom[i].is_text || removed[u] || dom[i].tag != dom[anchor].tag || i == anchor)
                continue;
            if (dom.attr(i, "class") != cls) continue;
            bool overlaps = false;
            for (int r : roots) overlaps = overlaps || dom.contains(r, i) || dom.contains(i, r);
            if (overlaps || len(i) < 100 || link_density(st, i) > 0.3) continue;
            more.push_back(i);
            i = dom[i].end - 1;
        }
        if (!more.empty()) {
            roots.insert(roots.end(), more.begin(), more.end());
            std::sort(roots.begin(), roots.end());
        }
    };
    std::size_t rb_len = 0;
    for (int r : roots) rb_len += len(r);

    if (sem != kNone) {
        std::size_t sem_len = len(sem);
        bool use = false;
        if (dom.contains(sem, top)) {
            use = sem_kind == 3 || double(sem_len) <= 1.6 * double(rb_len);
        } else if (dom.contains(top, sem)) {
            use = double(sem_len) >= (sem_kind == 3 ? 0.5 : 0.7) * double(rb_len);
        } else {
            use = double(sem_len) >= (sem_kind == 3 ? 0.5 : 1.0) * double(rb_len);
        }
        if (use) {
            roots.assign(1, sem);
            out.semantic = true;
        }
    }
    add_same_class(out.semantic ? sem : top);
    out.container = roots.front();

    // Readability's conditional cleaning of the blocks inside the chosen content
    auto should_clean = [&](int i) -> bool {
        const auto u = static_cast<std::size_t>(i);
        const Node& nd = dom[i];
        if (removed[u]) return true;
        if ((nd.tag == GUMBO_TAG_H1 || nd.tag == GUMBO_TAG_H2) && !titles.empty() &&
            len(i) < 300) {
            std::string text = lower_ascii(dom.text(i, 400));
            if (std::find(titles.begin(), titles.end(), text) != titles.end()) return true;
        }
        if (!clean) return false;
        switch (nd.tag) {
            case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_TABLE:
            case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
                break;
            case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
                return class_weight(dom, i) < 0;
            default:
                return false;
        }
        if (std::find(roots.begin(), roots.end(), i) != roots.end()) return false;
        if (dom.ancestor(i, GUMBO_TAG_PRE) != kNone || dom.ancestor(i, GUMBO_TAG_CODE) != kNone)
            return false;
        int weight = class_weight(dom, i);
        if (weight < 0) return true;
        if (st.commas[u] >= 10) return false;
        double p = st.p[u], img = st.img[u], li = double(st.li[u]) - 100.0, input = st.input[u];
        double content = len(i);
        double ld = link_density(st, i);
        double heading_density = content > 0 ? st.heading_len[u] / content : 0.0;
        bool is_list = nd.tag == GUMBO_TAG_UL || nd.tag == GUMBO_TAG_OL ||
                       (content > 0 && st.list_len[u] / content > 0.9);
        bool in_figure = dom.ancestor(i, GUMBO_TAG_FIGURE) != kNone;
        double embeds = st.embed[u];
        if (nd.tag == GUMBO_TAG_TABLE && ld < 0.5 && content > 0) return false;
        return (img > 1 && p / img < 0.5 && !in_figure) || (!is_list && li > p) ||
               (input > std::floor(p / 3)) ||
               (!is_list && heading_density < 0.9 && content < 25 && (img == 0 || img > 2) &&
                !in_figure) ||
               (!is_list && weight < 25 && ld > 0.2) || (weight >= 25 && ld > 0.5) ||
               (embeds == 1 && content < 75) || embeds > 1;
    };
    std::vector<Line> all;
    for (int r : roots) {
        auto lines = walk_lines(dom, r, should_clean);
        for (auto& l : lines) all.push_back(std::move(l));
    }
    out.lines = clean_lines(std::move(all));
    for (const auto& l : out.lines) out.weight += text_weight(l.text);
    return out;
}

}  // namespace

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
    Attempt a = attempt(dom, titles, true, true);
    int body = dom.body() != kNone ? dom.body() : dom.html();
    // Too little text: the vocabulary or the cleaning threw the article away (a wrapper with
    // "sidebar" in its class, a page made of short blocks). Readability retries the same way.
    if (a.weight < 250 && body != kNone) {
        Attempt b = attempt(dom, titles, false, false);
        if (b.weight > a.weight) a = std::move(b);
    }
    c.container = a.container;
    c.lines = std::move(a.lines);
    drop_head(dom, c.lines, meta);
    c.semantic = a.semantic;
    return c;
}

}  // namespace thinkdex::indexer::detail
