// Reading the page kind's signals from the page. Each is general: the page's declared type,
// how its main text reads, what its elements ask of the reader and how much of it is teasers.

#include "kind_page.hpp"

#include <algorithm>
#include <cctype>

#include "extract_text.hpp"
#include "kind_words.hpp"

namespace thinkdex::indexer::detail::kind {

namespace {

// Tunables of the signals (the weights they get are extract_kind.cpp's).
struct PageTunables {
    std::size_t long_paragraph_chars = 200;  // a line of running text, not a teaser summary
    int teaser_min_group = 3;                // sibling blocks alike that make a teaser list
    int teaser_max_links = 3;                // title links in one teaser block at most
    int teaser_max_nodes = 600;              // nodes in one teaser block at most
    std::size_t title_link_words = 3;        // words of a link that reads as a headline
};
constexpr PageTunables kPage{};

std::string_view og_type(const Dom& dom) {
    for (int i = 0; i < dom.size(); ++i) {
        const Node& n = dom[i];
        if (n.is_text || n.tag != GUMBO_TAG_META) continue;
        std::string_view key = dom.attr(i, "property");
        if (key.empty()) key = dom.attr(i, "name");
        if (key == "og:type") return dom.attr(i, "content");
    }
    return {};
}

bool heading(GumboTag t) {
    return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
           t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

/// Teasers: repeated sibling blocks (same tag and class) outside the page's navigation, header,
/// footer and asides, each with one to a few headline links. Returns (items, their text).
std::pair<std::size_t, std::size_t> teasers(const Dom& dom, std::size_t& body_chars) {
    const auto n = static_cast<std::size_t>(dom.size());
    std::vector<char> excluded(n, 0);
    std::vector<std::size_t> chars(n, 0);
    std::vector<int> title_links(n, 0);
    for (int i = 0; i < dom.size(); ++i) {
        const Node& nd = dom[i];
        const auto u = static_cast<std::size_t>(i);
        if (nd.parent != kNone && excluded[static_cast<std::size_t>(nd.parent)]) {
            excluded[u] = 1;
            continue;
        }
        if (nd.is_text) continue;
        if (nd.tag == GUMBO_TAG_NAV || nd.tag == GUMBO_TAG_FOOTER || nd.tag == GUMBO_TAG_ASIDE ||
            nd.tag == GUMBO_TAG_HEADER || nd.tag == GUMBO_TAG_MENU || nd.tag == GUMBO_TAG_HEAD ||
            nd.tag == GUMBO_TAG_SELECT || dom.attr(i, "role") == "navigation") {
            excluded[u] = 1;
            continue;
        }
        if (nd.tag != GUMBO_TAG_A) continue;
        bool title = false;
        for (int p = nd.parent, up = 0; p != kNone && up < 3 && !title; p = dom[p].parent, ++up)
            title = heading(dom[p].tag);
        for (int k = i + 1; k < nd.end && !title; ++k) title = heading(dom[k].tag);
        if (!title) title = words(dom.text(i, 200)) >= kPage.title_link_words;
        if (!title) continue;
        for (int p = i, up = 0; p != kNone && up < 16; p = dom[p].parent, ++up)
            ++title_links[static_cast<std::size_t>(p)];
    }
    for (int i = dom.size() - 1; i >= 0; --i) {
        const auto u = static_cast<std::size_t>(i);
        if (excluded[u]) continue;
        if (dom[i].is_text) chars[u] = visible_chars(dom[i].text);
        if (dom[i].parent != kNone) chars[static_cast<std::size_t>(dom[i].parent)] += chars[u];
    }
    body_chars = dom.body() != kNone ? chars[static_cast<std::size_t>(dom.body())] : 0;
    std::size_t items = 0, text = 0;
    std::vector<int> members;
    for (int p = 0; p < dom.size(); ++p) {
        if (dom[p].is_text || excluded[static_cast<std::size_t>(p)] ||
            title_links[static_cast<std::size_t>(p)] < kPage.teaser_min_group)
            continue;
        members.clear();
        for (int c = dom[p].first_child; c != kNone; c = dom[c].next_sibling) {
            const auto cu = static_cast<std::size_t>(c);
            if (dom[c].is_text || excluded[cu] || title_links[cu] < 1 ||
                title_links[cu] > kPage.teaser_max_links ||
                dom[c].end - c > kPage.teaser_max_nodes)
                continue;
            members.push_back(c);
        }
        // Groups of alike siblings: same tag and class.
        std::vector<char> used(members.size(), 0);
        for (std::size_t a = 0; a < members.size(); ++a) {
            if (used[a]) continue;
            const Node& first = dom[members[a]];
            std::size_t count = 0, group_text = 0;
            for (std::size_t b = a; b < members.size(); ++b) {
                const Node& other = dom[members[b]];
                if (used[b] || other.tag != first.tag || other.class_id != first.class_id) continue;
                used[b] = 1;
                ++count;
                group_text += chars[static_cast<std::size_t>(members[b])];
            }
            if (count >= static_cast<std::size_t>(kPage.teaser_min_group)) {
                items += count;
                text += group_text;
            }
        }
    }
    return {items, text};
}

}  // namespace

void read_declared_type(const Dom& dom, const std::vector<std::string>& json_ld,
                        KindSignals& s) {
    bool article = false;
    for (const std::string& t : json_ld_types(json_ld)) {
        article = article || article_type(t);
        s.listing_type = s.listing_type || listing_type(t);
        s.page_type = s.page_type || page_type(t);
    }
    const std::string og = lower_ascii(og_type(dom));
    if (og == "article" || og.ends_with(".article") || og == "blog" || og.starts_with("video") ||
        og == "music.song")
        article = true;
    else if (og == "profile" || og == "product" || og.starts_with("business"))
        s.page_type = true;
    s.structured = article ? 1 : s.page_type ? -2 : s.listing_type ? -1 : 0;
}

void read_main_text(const Dom& dom, const Content& content, KindSignals& s) {
    std::size_t all = 0, linked = 0, in_p = 0, sentences = 0, text_words = 0, we = 0, you = 0;
    for (const Line& l : content.lines) {
        const std::size_t c = visible_chars(l.text);
        count_voice(l.text, text_words, we, you);
        all += c;
        if (l.block != kNone && (dom[l.block].tag == GUMBO_TAG_P ||
                                 dom.ancestor(l.block, GUMBO_TAG_P) != kNone))
            in_p += c;
        std::string_view t = l.text;
        while (!t.empty() && (t.back() == ' ' || t.back() == '"' || t.back() == ')'))
            t.remove_suffix(1);
        if (t.ends_with(".") || t.ends_with("!") || t.ends_with("?") ||
            t.ends_with("\xE3\x80\x82") || t.ends_with(":"))
            ++sentences;
        if (l.linked) {
            linked += c;
        } else {
            s.text_chars += c;
            if (c >= kPage.long_paragraph_chars && !l.heading) ++s.long_paragraphs;
        }
    }
    s.link_density = all > 0 ? static_cast<double>(linked) / static_cast<double>(all) : 0;
    s.paragraph_share = all > 0 ? static_cast<double>(in_p) / static_cast<double>(all) : 0;
    s.sentence_share = content.lines.empty() ? 0
                                             : static_cast<double>(sentences) /
                                                   static_cast<double>(content.lines.size());
    s.we_share = text_words > 0 ? static_cast<double>(we) / static_cast<double>(text_words) : 0;
    s.you_share = text_words > 0 ? static_cast<double>(you) / static_cast<double>(text_words) : 0;
}

void read_elements(const Dom& dom, const Content& content, KindSignals& s) {
    const int main_begin = content.container;
    const int main_end = main_begin != kNone ? dom[main_begin].end : kNone;
    // purchase controls, by their text and by their class: a control may show both
    std::size_t purchase_texts = 0, purchase_classes = 0;
    for (int i = dom.body() != kNone ? dom.body() : 0; i < dom.size(); ++i) {
        const Node& n = dom[i];
        if (n.is_text) {
            if (n.parent != kNone && dom[n.parent].tag == GUMBO_TAG_A && more_link(n.text))
                ++s.more_links;
            bool action = false;
            for (int p = n.parent, up = 0; p != kNone && up < 3 && !action; p = dom[p].parent, ++up)
                action = dom[p].tag == GUMBO_TAG_A || dom[p].tag == GUMBO_TAG_BUTTON;
            if (action && purchase_action(n.text)) ++purchase_texts;
            if (i < main_begin || i >= main_end) continue;
            if (action && call_to_action(n.text)) ++s.calls_to_action;
            continue;
        }
        if (n.tag == GUMBO_TAG_A && rel_next(dom.attr(i, "rel"))) s.next_page = true;
        if ((n.tag == GUMBO_TAG_A || n.tag == GUMBO_TAG_BUTTON || n.tag == GUMBO_TAG_INPUT) &&
            purchase_class(n.class_id))
            ++purchase_classes;
        if (n.tag == GUMBO_TAG_INPUT && purchase_action(dom.attr(i, "value"))) ++purchase_texts;
        if (n.tag == GUMBO_TAG_TEXTAREA || n.tag == GUMBO_TAG_SELECT) ++s.inputs;
        if (n.tag == GUMBO_TAG_SELECT) ++s.choices;
        if (n.tag == GUMBO_TAG_INPUT) {
            std::string_view type = dom.attr(i, "type");
            if (type != "hidden" && type != "search" && type != "submit") ++s.inputs;
            if (type == "checkbox" || type == "radio") ++s.choices;
        }
    }
    s.purchases = std::max(purchase_texts, purchase_classes);
    for (int i = 0; i < dom.body() && !s.next_page; ++i)
        s.next_page =
            !dom[i].is_text && dom[i].tag == GUMBO_TAG_LINK && rel_next(dom.attr(i, "rel"));
}

void read_teasers(const Dom& dom, KindSignals& s) {
    std::size_t body_chars = 0;
    auto [items, teaser_text] = teasers(dom, body_chars);
    s.teasers = items;
    s.teaser_share = body_chars > 0 ? static_cast<double>(teaser_text) /
                                          static_cast<double>(body_chars)
                                    : 0;
    s.content_share = body_chars > 0 ? std::min(1.0, static_cast<double>(s.text_chars) /
                                                         static_cast<double>(body_chars))
                                     : 0;
}

}  // namespace thinkdex::indexer::detail::kind
