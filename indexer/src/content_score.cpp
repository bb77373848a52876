#include "content_score.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "content_lines.hpp"
#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

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

/// One try of score_content(), stage by stage; each stage reads what the ones before it left.
class Scorer {
public:
    Scorer(const Dom& dom, const std::vector<std::string>& titles, bool use_vocabulary,
           bool clean)
        : dom_(dom), titles_(titles), use_vocabulary_(use_vocabulary), clean_(clean),
          n_(static_cast<std::size_t>(dom.size())),
          body_(dom.body() != kNone ? dom.body() : dom.html()) {}

    Attempt run() {
        Attempt out;
        if (body_ == kNone || n_ == 0) return out;
        prune();
        st_ = compute_stats(dom_, removed_);
        score_paragraphs();
        const int top = pick_top();
        gather_roots(top);
        out.semantic = semantic_wins(top);
        if (out.semantic) roots_.assign(1, sem_);
        add_same_class(out.semantic ? sem_ : top);
        out.container = roots_.front();
        std::vector<Line> all;
        for (int r : roots_) {
            auto lines = walk_lines(dom_, r, [this](int i) { return should_clean(i); });
            for (auto& l : lines) all.push_back(std::move(l));
        }
        out.lines = clean_lines(std::move(all));
        for (const auto& l : out.lines) out.weight += text_weight(l.text);
        return out;
    }

private:
    static std::size_t at(int i) { return static_cast<std::size_t>(i); }
    double sc(int i) const { return score_[at(i)]; }
    std::uint32_t len(int i) const { return st_.len[at(i)]; }

    /// Marks boilerplate subtrees in `removed_`, and the best semantic marker outside them in
    /// `sem_`, whose ancestors are then kept whatever their class says.
    void prune() {
        // raw text weight per node, before any removal, to protect whole-page wrappers
        raw_.assign(n_, 0);
        for (int i = dom_.size() - 1; i >= 0; --i) {
            const Node& nd = dom_[i];
            if (nd.is_text) raw_[at(i)] += static_cast<std::uint32_t>(text_weight(nd.text));
            if (nd.parent != kNone) raw_[at(nd.parent)] += raw_[at(i)];
        }
        const double page = std::max<double>(1.0, raw_[at(body_)]);
        self_.assign(n_, 0);
        for (int i = 0; i < dom_.size(); ++i) {
            if (dom_[i].is_text) continue;
            int b = self_boilerplate(dom_, i, use_vocabulary_);
            // <form> and <header> sometimes wrap the whole page (ASP.NET, some themes)
            if (b == 1 && (dom_[i].tag == GUMBO_TAG_FORM || dom_[i].tag == GUMBO_TAG_HEADER) &&
                raw_[at(i)] > 0.5 * page && raw_[at(i)] > 500)
                b = 0;
            self_[at(i)] = static_cast<char>(b);
        }
        removed_ = inherit({});
        // best semantic marker outside removed parts
        std::uint32_t sem_raw = 0;
        for (int i = body_; i < dom_[body_].end; ++i) {
            if (dom_[i].is_text) continue;
            int kind = semantic_kind(dom_, i);
            if (kind == 0) continue;
            int p = dom_[i].parent;
            if (p != kNone && removed_[at(p)]) continue;
            if (raw_[at(i)] < kMinSemantic) continue;
            if (kind > sem_kind_ || (kind == sem_kind_ && raw_[at(i)] > sem_raw)) {
                sem_ = i;
                sem_kind_ = kind;
                sem_raw = raw_[at(i)];
            }
        }
        if (sem_ != kNone) {
            std::vector<char> protect(n_, 0);
            for (int a = sem_; a != kNone; a = dom_[a].parent) protect[at(a)] = 1;
            removed_ = inherit(protect);
        }
    }

    /// Nodes that are boilerplate themselves or inside boilerplate, but for those `protect`s.
    std::vector<char> inherit(const std::vector<char>& protect) const {
        std::vector<char> removed(n_, 0);
        for (int i = 0; i < dom_.size(); ++i) {
            int p = dom_[i].parent;
            bool r = p != kNone && removed[at(p)];
            if (!r && self_[at(i)] != 0 && !(protect.size() == n_ && protect[at(i)])) r = true;
            removed[at(i)] = r;
        }
        return removed;
    }

    /// Readability-style paragraph scoring: each paragraph adds to its ancestors' scores.
    void score_paragraphs() {
        score_.assign(n_, 0.0);
        scored_.assign(n_, 0);
        for (int i = body_; i < dom_[body_].end; ++i) {
            const auto u = at(i);
            const Node& nd = dom_[i];
            if (nd.is_text || removed_[u]) continue;
            bool para = false;
            switch (nd.tag) {
                case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_SECTION:
                case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
                case GUMBO_TAG_H6:
                    para = true;
                    break;
                case GUMBO_TAG_DIV:
                    para = !st_.block_child[u];
                    break;
                default:
                    break;
            }
            if (para && st_.len[u] >= 25) {
                add_score(nd.parent, 2.0 + st_.commas[u] + std::min(st_.len[u] / 100.0, 3.0));
            } else if (!para && nd.tag == GUMBO_TAG_DIV && st_.direct_len[u] >= 25) {
                // loose text in a div with block children: a paragraph of the div itself
                add_score(i, 2.0 + std::min(st_.direct_len[u] / 100.0, 3.0));
            }
        }
    }

    void add_score(int start, double s) {
        int level = 0;
        for (int a = start; a != kNone && level < 5; a = dom_[a].parent, ++level) {
            const auto u = at(a);
            if (dom_[a].tag == GUMBO_TAG_HTML) break;
            if (!scored_[u]) {
                scored_[u] = 1;
                score_[u] = tag_weight(dom_[a].tag) + (clean_ ? class_weight(dom_, a) : 0);
            }
            double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
            score_[u] += s / divider;
        }
    }

    /// The best candidate after link density, moved up to an ancestor that holds several
    /// near-best ones or scores higher still; the body when nothing scored.
    int pick_top() {
        int top = kNone;
        std::vector<int> candidates;
        for (int i = 0; i < dom_.size(); ++i) {
            if (!scored_[at(i)]) continue;
            score_[at(i)] *= 1.0 - link_density(st_, i);
            candidates.push_back(i);
            if (top == kNone || sc(i) > sc(top)) top = i;
        }
        if (top == kNone) return body_;
        // several near-best candidates under one ancestor: the ancestor is the article
        std::partial_sort(candidates.begin(),
                          candidates.begin() + std::min<std::ptrdiff_t>(5, std::ssize(candidates)),
                          candidates.end(), [&](int a, int b) { return sc(a) > sc(b); });
        std::vector<int> alts;
        for (std::size_t k = 1; k < std::min<std::size_t>(5, candidates.size()); ++k) {
            if (sc(candidates[k]) >= 0.75 * sc(top)) alts.push_back(candidates[k]);
        }
        if (alts.size() >= 3) {
            for (int p = dom_[top].parent; p != kNone && p != body_; p = dom_[p].parent) {
                int count = 0;
                for (int a : alts) count += dom_.contains(p, a) ? 1 : 0;
                if (count >= 3) {
                    top = p;
                    break;
                }
            }
        }
        double last = sc(top);
        double threshold = last / 3;
        for (int p = dom_[top].parent; p != kNone && p != body_; p = dom_[p].parent) {
            if (!scored_[at(p)]) continue;
            if (sc(p) < threshold) break;
            if (sc(p) > last) {
                top = p;
                break;
            }
            last = sc(p);
        }
        for (int p = dom_[top].parent; p != kNone && p != body_ && element_children(dom_, p) == 1;
             p = dom_[p].parent) {
            top = p;
        }
        return top;
    }

    /// `top` with its siblings that score near it or read as paragraphs of the article.
    void gather_roots(int top) {
        int parent = dom_[top].parent;
        if (top == body_ || parent == kNone) {
            roots_.push_back(top);
            return;
        }
        double top_score = sc(top);
        double threshold = std::max(10.0, top_score * 0.2);
        for (int s = dom_[parent].first_child; s != kNone; s = dom_[s].next_sibling) {
            if (s == top) {
                roots_.push_back(s);
                continue;
            }
            const auto u = at(s);
            if (dom_[s].is_text || removed_[u]) continue;
            double bonus = (!dom_[s].class_id.empty() &&
                            dom_.attr(s, "class") == dom_.attr(top, "class") &&
                            !dom_.attr(top, "class").empty())
                               ? top_score * 0.2
                               : 0.0;
            bool append = scored_[u] && sc(s) + bonus >= threshold;
            if (!append && dom_[s].tag == GUMBO_TAG_P) {
                double ld = link_density(st_, s);
                if (len(s) > 80 && ld < 0.25) {
                    append = true;
                } else if (len(s) > 0 && len(s) <= 80 && ld == 0.0) {
                    std::string t = dom_.text(s, 400);
                    append = t.find(". ") != std::string::npos || (!t.empty() && t.back() == '.');
                }
            }
            if (append) roots_.push_back(s);
        }
    }

    /// Whether the semantic marker, if any, is a better body than the scored roots: how much
    /// of their text it must hold depends on how precise a marker it is and where it sits.
    bool semantic_wins(int top) const {
        if (sem_ == kNone) return false;
        std::size_t rb_len = 0;
        for (int r : roots_) rb_len += len(r);
        const double sem_len = double(len(sem_));
        if (dom_.contains(sem_, top)) return sem_kind_ == 3 || sem_len <= 1.6 * double(rb_len);
        if (dom_.contains(top, sem_))
            return sem_len >= (sem_kind_ == 3 ? 0.5 : 0.7) * double(rb_len);
        return sem_len >= (sem_kind_ == 3 ? 0.5 : 1.0) * double(rb_len);
    }

    /// An article split into chunks between ads and embeds: elements elsewhere in the page
    /// with the very same tag and class as the chosen one, and text of their own, are part of
    /// it (WIRED's "body__container" chunks, Medium's sections).
    void add_same_class(int anchor) {
        std::string_view cls = dom_.attr(anchor, "class");
        if (anchor == body_ || cls.empty()) return;
        std::vector<int> more;
        for (int i = body_; i < dom_[body_].end; ++i) {
            if (dom_[i].is_text || removed_[at(i)] || dom_[i].tag != dom_[anchor].tag ||
                i == anchor)
                continue;
            if (dom_.attr(i, "class") != cls) continue;
            bool overlaps = false;
            for (int r : roots_) overlaps = overlaps || dom_.contains(r, i) || dom_.contains(i, r);
            if (overlaps || len(i) < 100 || link_density(st_, i) > 0.3) continue;
            more.push_back(i);
            i = dom_[i].end - 1;
        }
        if (!more.empty()) {
            roots_.insert(roots_.end(), more.begin(), more.end());
            std::sort(roots_.begin(), roots_.end());
        }
    }

    /// Readability's conditional cleaning of the blocks inside the chosen content.
    bool should_clean(int i) const {
        const auto u = at(i);
        const Node& nd = dom_[i];
        if (removed_[u]) return true;
        if ((nd.tag == GUMBO_TAG_H1 || nd.tag == GUMBO_TAG_H2) && !titles_.empty() &&
            len(i) < 300) {
            std::string text = lower_ascii(dom_.text(i, 400));
            if (std::find(titles_.begin(), titles_.end(), text) != titles_.end()) return true;
        }
        if (!clean_) return false;
        switch (nd.tag) {
            case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_TABLE:
            case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
                break;
            case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
                return class_weight(dom_, i) < 0;
            default:
                return false;
        }
        if (std::find(roots_.begin(), roots_.end(), i) != roots_.end()) return false;
        if (dom_.ancestor(i, GUMBO_TAG_PRE) != kNone || dom_.ancestor(i, GUMBO_TAG_CODE) != kNone)
            return false;
        int weight = class_weight(dom_, i);
        if (weight < 0) return true;
        if (st_.commas[u] >= 10) return false;
        double p = st_.p[u], img = st_.img[u], li = double(st_.li[u]) - 100.0,
               input = st_.input[u];
        double content = len(i);
        double ld = link_density(st_, i);
        double heading_density = content > 0 ? st_.heading_len[u] / content : 0.0;
        bool is_list = nd.tag == GUMBO_TAG_UL || nd.tag == GUMBO_TAG_OL ||
                       (content > 0 && st_.list_len[u] / content > 0.9);
        bool in_figure = dom_.ancestor(i, GUMBO_TAG_FIGURE) != kNone;
        double embeds = st_.embed[u];
        if (nd.tag == GUMBO_TAG_TABLE && ld < 0.5 && content > 0) return false;
        return (img > 1 && p / img < 0.5 && !in_figure) || (!is_list && li > p) ||
               (input > std::floor(p / 3)) ||
               (!is_list && heading_density < 0.9 && content < 25 && (img == 0 || img > 2) &&
                !in_figure) ||
               (!is_list && weight < 25 && ld > 0.2) || (weight >= 25 && ld > 0.5) ||
               (embeds == 1 && content < 75) || embeds > 1;
    }

    const Dom& dom_;
    const std::vector<std::string>& titles_;
    const bool use_vocabulary_, clean_;
    const std::size_t n_;
    const int body_;
    std::vector<std::uint32_t> raw_;  ///< text weight under each node, before any removal
    std::vector<char> self_;          ///< self_boilerplate() of each node
    std::vector<char> removed_;       ///< boilerplate or inside it
    int sem_ = kNone, sem_kind_ = 0;  ///< the best semantic marker and its semantic_kind()
    Stats st_;
    std::vector<double> score_;
    std::vector<char> scored_;
    std::vector<int> roots_;  ///< the chosen body's elements, in document order
};

}  // namespace

Attempt score_content(const Dom& dom, const std::vector<std::string>& titles,
                      bool use_vocabulary, bool clean) {
    return Scorer(dom, titles, use_vocabulary, clean).run();
}

}  // namespace thinkdex::indexer::detail
