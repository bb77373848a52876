#include "metadata_scan.hpp"

#include <initializer_list>
#include <string_view>
#include <utility>

#include "extract_date.hpp"
#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

bool has_ancestor_class(const Dom& dom, int i, std::initializer_list<std::string_view> words,
                        int levels = 12) {
    for (int a = i; a != kNone && levels-- > 0; a = dom[a].parent) {
        for (auto w : words) {
            if (dom[a].class_id.find(w) != std::string::npos) return true;
        }
    }
    return false;
}

bool chrome(const PageFlags& flags, int i) {
    return flags.chrome[static_cast<std::size_t>(i)] != 0;
}
bool others(const PageFlags& flags, int i) {
    return flags.others[static_cast<std::size_t>(i)] != 0;
}

void note_group(MetadataScan& scan, const std::string& text) {
    if (scan.markup_group.empty() && text.size() < 60) scan.markup_group = group_credit(text);
}

// <meta>, <title>, <link rel=canonical>, <html lang> and the h1/h2 headings. True when the
// element needs no other look (<meta>, <title>, <link>).
bool read_head_element(const Dom& dom, int i, const PageFlags& flags, MetadataScan& scan,
                       std::vector<std::pair<std::string, std::string>>& robots_meta) {
    const Node& n = dom[i];
    switch (n.tag) {
        case GUMBO_TAG_META:
            read_meta_element(dom, i, scan.meta, robots_meta);
            return true;
        case GUMBO_TAG_TITLE:
            if (scan.title_tag.empty()) scan.title_tag = dom.text(i, 2000);
            return true;
        case GUMBO_TAG_LINK:
            if (icontains(dom.attr(i, "rel"), "canonical") && scan.canonical.empty())
                scan.canonical = dom.attr(i, "href");
            return true;
        case GUMBO_TAG_HTML:
            if (scan.html_lang.empty()) scan.html_lang = dom.attr(i, "lang");
            if (scan.html_lang.empty()) scan.html_lang = dom.attr(i, "xml:lang");
            return false;
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
            // every h1 counts (chrome too): "the page's only h1" is about the whole page
            if (scan.headings.size() < 64) {
                std::string t = dom.text(i, 400);
                if (n.tag == GUMBO_TAG_H1 && !chrome(flags, i)) scan.visible_h1s.push_back(t);
                if (n.tag == GUMBO_TAG_H1) scan.h1s.push_back(t);
                scan.headings.push_back(std::move(t));
                scan.heading_nodes.push_back(i);
            }
            return false;
        default:
            return false;
    }
}

// rel="tag" links outside sidebars, and rel="author" links (`blogger_footer`: the element is
// in a post's footer)
void read_rel_link(const Dom& dom, int i, const PageFlags& flags, std::string_view rel,
                   bool blogger_footer, MetadataScan& scan) {
    const Node& n = dom[i];
    std::string r = lower_ascii(rel);
    bool sidebar = has_ancestor_class(dom, i, {"sidebar", "widget label", "tagcloud", "tag-cloud"}, 12) ||
                   dom.ancestor(i, GUMBO_TAG_ASIDE) != kNone || dom.ancestor(i, GUMBO_TAG_NAV) != kNone;
    if ((r == "tag" || r.find("tag ") != std::string::npos ||
         r.ends_with(" tag")) && n.tag == GUMBO_TAG_A && !sidebar && scan.rel_tags.size() < 50) {
        add_unique(scan.rel_tags, dom.text(i, 100));
    }
    if (r.find("author") != std::string::npos && n.tag == GUMBO_TAG_A) {
        std::string t = dom.text(i, 200);
        auto names = split_names(t);
        if (!names.empty() && !is_url(t) && looks_like_names(t)) {
            if (blogger_footer) {
                for (auto& nm : names) add_unique(scan.blogger_authors, nm);
            } else if (!others(flags, i) && scan.dom_authors.size() < 50) {
                scan.dom_authors.push_back({i, std::move(names)});
            }
        }
    }
}

void read_author_page_link(const Dom& dom, int i, const PageFlags& flags, std::string_view rel,
                           MetadataScan& scan) {
    // a link to the author's page (/author/jane-doe/, /people/..., /experts/...): the link
    // text is the name, whatever the markup around it
    if (dom[i].tag == GUMBO_TAG_A && !others(flags, i) && scan.dom_authors.size() < 50 &&
        lower_ascii(rel).find("author") == std::string::npos &&
        author_path(dom.attr(i, "href")) && !link_in_prose(dom, i)) {
        std::string t = dom.text(i, 200);
        if (looks_like_names(t)) {
            scan.dom_authors.push_back({i, split_names(t)});
        } else {
            note_group(scan, t);
        }
    }
}

// itemprop="author" (or "creator") and itemprop="datePublished"
void read_itemprop(const Dom& dom, int i, const PageFlags& flags, std::string_view itemprop,
                   bool blogger_footer, PageReading& reading, MetadataScan& scan) {
    const Node& n = dom[i];
    std::string ip = lower_ascii(itemprop);
    if (ip.find("author") != std::string::npos || ip == "creator") {
        std::string name;
        for (int k = i; k < n.end && name.empty(); ++k) {
            if (!dom[k].is_text && iequals(dom.attr(k, "itemprop"), "name")) {
                std::string_view c = dom.attr(k, "content");
                name = c.empty() ? dom.text(k, 200) : trim(c);
            }
        }
        if (name.empty()) {
            std::string_view c = dom.attr(i, "content");
            name = c.empty() ? dom.text(i, 200) : trim(c);
        }
        if (!name.empty() && !is_url(name) && name.size() < 200) {
            auto names = split_names(name);
            if (blogger_footer) {
                for (auto& nm : names) add_unique(scan.blogger_authors, nm);
            } else if (!others(flags, i) && !names.empty() && scan.dom_authors.size() < 50) {
                scan.dom_authors.push_back({i, std::move(names)});
            }
        }
    }
    if (ip.find("datepublished") != std::string::npos && scan.itemprop_date.empty() &&
        !chrome(flags, i)) {
        for (const char* a : {"content", "datetime", "title"}) {
            if (scan.itemprop_date.empty()) scan.itemprop_date = parse_date(dom.attr(i, a));
        }
        if (scan.itemprop_date.empty())
            scan.itemprop_date = parse_date(dom.text(i, 200), true, reading());
    }
}

void read_dated_element(const Dom& dom, int i, const PageFlags& flags, std::string_view itemprop,
                        PageReading& reading, MetadataScan& scan) {
    const Node& n = dom[i];
    if (!others(flags, i) && n.tag != GUMBO_TAG_META &&
        scan.visible_dates.size() < date_tunables::kMaxVisibleDates) {
        const std::string& ci = n.class_id;
        std::string ip = lower_ascii(itemprop);
        bool small = n.end - i < 40;
        if (n.tag == GUMBO_TAG_TIME || (small && ip.starts_with("date")) ||
            (small && (ci.find("date") != std::string::npos ||
                       ci.find("published") != std::string::npos))) {
            if (auto v = read_visible_date(dom, i, ip, reading))
                scan.visible_dates.push_back(std::move(*v));
        }
    }
}

void read_marked_name(const Dom& dom, int i, const PageFlags& flags, MetadataScan& scan) {
    const Node& n = dom[i];
    // an element whose class says it holds the author's name ("author-name",
    // "authorName", "creator-name"): explicit even where the markup around it reads as
    // chrome (a byline card), so kept aside and used only in the article's head
    if (!n.class_id.empty() && others(flags, i) && scan.marked_names.size() < 50 &&
        n.end - i < 12 && author_name_class(n.class_id)) {
        std::string t = dom.text(i, 100);
        if (looks_like_names(t) && !byline_words(t))
            scan.marked_names.push_back({i, split_names(t)});
    }
}

void read_byline_container(const Dom& dom, int i, const PageFlags& flags, bool blogger_footer,
                           MetadataScan& scan) {
    const Node& n = dom[i];
    if (!n.class_id.empty() && !others(flags, i)) {
        const std::string& ci = n.class_id;
        // byline containers: class/id with "byline" or "author" (not author bios)
        // bounded: a byline is a small element, and a page gets a few looks at most
        if (scan.class_bylines.size() < 50 && scan.byline_looks < 200 && n.end - i < 400 &&
            !blogger_footer &&
            (ci.find("byline") != std::string::npos ||
             (ci.find("author") != std::string::npos && ci.find("bio") == std::string::npos &&
              ci.find("avatar") == std::string::npos))) {
            ++scan.byline_looks;
            std::string t;
            std::string first_names;  // the first line that is names alone
            for (const auto& l : lines_of(dom, i, nullptr)) {
                if (!t.empty()) t.push_back('\n');
                t += l.text;
                if (first_names.empty() && l.text.size() < 100 &&
                    looks_like_names(l.text) && !byline_words(l.text))
                    first_names = l.text;
            }
            if (!t.empty() && t.size() < 100 && !looks_like_names(t)) note_group(scan, t);
            if (!t.empty() && t.size() < 100 && looks_like_names(t)) {
                std::vector<std::string> names = split_names(t);
                std::erase_if(names,
                              [](const std::string& name) { return byline_words(name); });
                scan.class_bylines.push_back({i, std::move(names)});
            } else if (!first_names.empty()) {
                // "Jane Doe" over "4 August 2010", or over her biography
                scan.class_bylines.push_back({i, split_names(first_names)});
            }
            // "By <a>Name</a>, Senior Fellow, Long Programme Name": the link is the name
            if (t.size() < 300) {
                for (int k = i + 1; k < n.end; ++k) {
                    if (dom[k].tag == GUMBO_TAG_A && !dom[k].is_text) {
                        std::string a = dom.text(k, 100);
                        if (looks_like_names(a)) scan.class_bylines.push_back({k, split_names(a)});
                    }
                }
            }
        }
    }
}

}  // namespace

void scan_metadata(const Dom& dom, const PageFlags& flags, PageReading& reading,
                   MetadataScan& scan,
                   std::vector<std::pair<std::string, std::string>>& robots_meta) {
    for (int i = 0; i < dom.size(); ++i) {
        if (dom[i].is_text) continue;
        if (read_head_element(dom, i, flags, scan, robots_meta)) continue;
        std::string_view rel = dom.attr(i, "rel");
        std::string_view itemprop = dom.attr(i, "itemprop");
        bool blogger_footer = has_ancestor_class(dom, i, {"post-footer", "post-author"}, 6);
        if (!rel.empty()) read_rel_link(dom, i, flags, rel, blogger_footer, scan);
        read_author_page_link(dom, i, flags, rel, scan);
        if (!itemprop.empty())
            read_itemprop(dom, i, flags, itemprop, blogger_footer, reading, scan);
        read_dated_element(dom, i, flags, itemprop, reading, scan);
        read_marked_name(dom, i, flags, scan);
        read_byline_container(dom, i, flags, blogger_footer, scan);
    }
}

}  // namespace thinkdex::indexer::detail
