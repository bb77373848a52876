#include "extract_metadata.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <spdlog/spdlog.h>
#include <utility>

#include "extract_content.hpp"
#include "extract_date.hpp"
#include "extract_jsonld.hpp"
#include "extract_authors.hpp"
#include "extract_byline.hpp"
#include "extract_text.hpp"
#include "extract_title.hpp"
#include "thinkdex/common/page_directives.hpp"
#include "thinkdex/common/url_resolve.hpp"

namespace thinkdex::indexer::detail {

namespace {

struct MetaTags {
    std::vector<std::pair<std::string, std::string>> entries;  // lower-case key, value

    std::string first(std::initializer_list<std::string_view> keys) const {
        for (auto key : keys) {
            for (const auto& [k, v] : entries) {
                if (k == key && !v.empty()) return v;
            }
        }
        return {};
    }
    std::vector<std::string> all(std::string_view key) const {
        std::vector<std::string> out;
        for (const auto& [k, v] : entries) {
            if (k == key && !v.empty()) out.push_back(v);
        }
        return out;
    }
};

std::string iso_date(std::string_view s) { return parse_date(s, false); }

bool has_ancestor_class(const Dom& dom, int i, std::initializer_list<std::string_view> words,
                        int levels = 12) {
    for (int a = i; a != kNone && levels-- > 0; a = dom[a].parent) {
        for (auto w : words) {
            if (dom[a].class_id.find(w) != std::string::npos) return true;
        }
    }
    return false;
}

std::string summary_block(const Dom& dom, int root, const PageFlags& flags) {
    if (root == kNone) return {};
    for (int i = root; i < dom[root].end; ++i) {
        const Node& n = dom[i];
        if (n.is_text || flags.chrome[static_cast<std::size_t>(i)]) continue;
        bool candidate = (n.tag >= GUMBO_TAG_H1 && n.tag <= GUMBO_TAG_H6) || n.tag == GUMBO_TAG_P ||
                         n.tag == GUMBO_TAG_STRONG || n.tag == GUMBO_TAG_B ||
                         n.tag == GUMBO_TAG_DT;
        if (!candidate) continue;
        std::string t = dom.text(i, 64);
        if (t.size() > 40) continue;
        while (!t.empty() && (t.back() == ':' || t.back() == '.' || t.back() == ' ')) t.pop_back();
        std::string l = lower_ascii(t);
        if (l != "executive summary" && l != "key points" && l != "summary" &&
            l != "key findings" && l != "key takeaways" && l != "in brief" &&
            l != "at a glance" && l != "key judgements" && l != "key judgments" &&
            l != "highlights" && l != "main points" && l != "key messages")
            continue;
        // the text after the heading within its parent; go up while there is none
        // (<p><strong>Summary</strong></p><p>...</p>)
        int node = i;
        for (int level = 0; level < 3 && node != kNone; ++level) {
            std::string text;
            for (int s = dom[node].next_sibling; s != kNone && text.size() < 4000;
                 s = dom[s].next_sibling) {
                GumboTag t2 = dom[s].tag;
                if (!dom[s].is_text && t2 >= GUMBO_TAG_H1 && t2 <= GUMBO_TAG_H6) break;
                std::string part = dom[s].is_text ? collapse_spaces(dom[s].text) : dom.text(s, 4000);
                if (!part.empty()) {
                    if (!text.empty()) text.push_back(' ');
                    text += part;
                }
            }
            if (text_weight(text) >= 20) return collapse_spaces(text);
            if (!text.empty()) break;
            node = dom[node].parent;
            if (node == root) break;
        }
    }
    return {};
}

// Values of the label/data meta pairs ("twitter:label1" = "Written by", "twitter:data1" =
// "Jane Doe") whose label is one of `labels` (lower case).
std::vector<std::string> labelled_meta(const MetaTags& meta,
                                       std::initializer_list<std::string_view> labels) {
    std::vector<std::string> out;
    for (const auto& [k, v] : meta.entries) {
        std::size_t at = k.find(":label");
        if (at == std::string::npos) continue;
        std::string label = lower_ascii(trim(v));
        if (std::find(labels.begin(), labels.end(), label) == labels.end()) continue;
        std::string data_key = k.substr(0, at) + ":data" + k.substr(at + 6);
        for (const auto& [k2, v2] : meta.entries) {
            if (k2 == data_key && !v2.empty()) out.push_back(v2);
        }
    }
    return out;
}

}  // namespace

std::string normalise_language(std::string_view tag) {
    std::string t = lower_ascii(trim(tag));
    std::size_t cut = t.find_first_of("-_ ,;");
    if (cut != std::string::npos) t = t.substr(0, cut);
    if (t == "eng") return "en";
    if (t == "rus") return "ru";
    if (t == "deu" || t == "ger") return "de";
    if (t == "fra" || t == "fre") return "fr";
    if (t == "spa") return "es";
    if (t == "zho" || t == "chi") return "zh";
    if (t.size() != 2 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        return {};
    return t;
}

void extract_metadata(const Dom& dom, const std::vector<std::string>& json_ld,
                      std::string_view url, Extracted& out, MetadataNotes* notes) {
    // `url` may view `out.url`, which is replaced below: keep a copy of the given URL
    const std::string given_url(url);
    url = given_url;
    PageFlags flags = mark_chrome(dom);
    auto chrome = [&](int i) { return flags.chrome[static_cast<std::size_t>(i)] != 0; };
    auto others = [&](int i) { return flags.others[static_cast<std::size_t>(i)] != 0; };

    MetaTags meta;
    std::string title_tag, canonical, html_lang;
    std::vector<std::string> h1s, visible_h1s, headings, rel_tags, blogger_authors;
    std::vector<int> heading_nodes;
    std::vector<Hit> dom_authors, class_bylines;  // rel/itemprop=author; byline containers
    std::vector<Hit> marked_names;  // class "author-name" inside chrome (see below)
    // a group the page's own byline markup credits ("The Research Team" in a byline box or
    // an author-page link): the byline when no person is named anywhere
    std::string markup_group;
    auto note_group = [&](const std::string& text) {
        if (markup_group.empty() && text.size() < 60) markup_group = group_credit(text);
    };
    int byline_looks = 0;
    std::string itemprop_date;
    // dates the reader sees (<time>, class "date"/"published", itemprop on visible elements),
    // each with what its element or the words around it say it is
    struct VisibleDate {
        int node;
        std::string date;
        DateLabel label;
    };
    std::vector<VisibleDate> visible_dates;
    // dates are read by the page's language (all-numeric ones, and month names that differ
    // between languages): <html lang>, else the metadata's (known before the body: both sit
    // in or above <head>)
    std::optional<DateReading> reading_cache;
    auto page_reading = [&]() -> const DateReading& {
        if (!reading_cache) {
            reading_cache = date_reading(html_lang);
            for (const char* key : {"og:locale", "content-language", "language", "dc.language"}) {
                if (reading_cache->order != NumericOrder::kUnknown &&
                    !reading_cache->language.empty())
                    break;
                DateReading r = date_reading(meta.first({key}));
                if (reading_cache->order == NumericOrder::kUnknown) reading_cache->order = r.order;
                if (reading_cache->language.empty()) reading_cache->language = r.language;
            }
        }
        return *reading_cache;
    };
    auto add_visible_date = [&](int i, std::string_view itemprop_lower) {
        if (current_date_class(dom[i].class_id)) return;
        // a wrapper of a <time> leaves the date to it: its datetime is machine-readable
        if (dom[i].tag != GUMBO_TAG_TIME) {
            for (int k = i + 1; k < dom[i].end; ++k) {
                if (dom[k].tag == GUMBO_TAG_TIME && !dom[k].is_text) return;
            }
        }
        std::string date;
        for (const char* a : {"datetime", "content", "title"}) {
            if (date.empty()) date = iso_date(dom.attr(i, a));
        }
        if (date.empty()) date = parse_date(dom.text(i, 200), true, page_reading());
        if (date.empty()) return;
        // the label: the words the reader sees with the date ("Updated April 10, 2025" in an
        // element whose class says "published"), then the element's class or itemprop, then the
        // words of the nearest ancestor that says more than the date ("Date Last Reviewed:"
        // beside a wrapper of the <time>)
        std::string own_text = dom.text(i, date_tunables::kMaxDateLine);
        DateLabel label = label_of(own_text, date, page_reading());
        std::string own = dom[i].class_id + " " + std::string(itemprop_lower);
        // classes that say both ("entry-date published updated", hAtom's marks of a post
        // never revised) date the publication; an itemprop ("dateModified") outranks a class
        bool own_published = (publication_context(own) || dom.has_attr(i, "pubdate")) &&
                             !modification_context(itemprop_lower);
        if (label == DateLabel::kUnlabelled && own_published) {
            label = DateLabel::kPublished;
        } else if (label == DateLabel::kUnlabelled && modification_context(own)) {
            label = DateLabel::kModified;
        } else if (label == DateLabel::kUnlabelled) {
            int p = dom[i].parent;
            std::string ctx = dom.text(p != kNone ? p : i, date_tunables::kMaxDateLine);
            for (int up = 1; p != kNone && trim(ctx) == trim(own_text); ++up) {
                // a wrapper of the date alone says what it is by its class as the date's own
                // element does ("field--name-changed" around a <time>)
                if (publication_context(dom[p].class_id)) {
                    label = DateLabel::kPublished;
                } else if (modification_context(dom[p].class_id)) {
                    label = DateLabel::kModified;
                }
                if (label != DateLabel::kUnlabelled || up == date_tunables::kLabelLevels ||
                    dom[p].parent == kNone)
                    break;
                p = dom[p].parent;
                ctx = dom.text(p, date_tunables::kMaxDateLine);
            }
            // words that run past a dateline are the text around it, not a label
            if (label == DateLabel::kUnlabelled && ctx.size() <= date_tunables::kMaxDateLine)
                label = label_of(ctx, date, page_reading());
        }
        visible_dates.push_back({i, std::move(date), label});
    };
    for (int i = 0; i < dom.size(); ++i) {
        const Node& n = dom[i];
        if (n.is_text) continue;
        switch (n.tag) {
            case GUMBO_TAG_META: {
                std::string content(dom.attr(i, "content"));
                // page-level robots directives; which names speak to it, the caller knows
                PageDirectives said;
                add_directives(content, said);
                if ((said.noindex || said.nofollow) && !dom.attr(i, "name").empty())
                    out.robots_meta.emplace_back(lower_ascii(dom.attr(i, "name")), content);
                for (const char* k : {"name", "property", "itemprop", "http-equiv"}) {
                    std::string_view key = dom.attr(i, k);
                    // property="dc:creator twitter:site_name" names several keys, as does
                    // itemprop="datePublished dateCreated"; a name of words ("Updated Date")
                    // is one key unless each word is a prefixed key
                    std::string keys = lower_ascii(trim(key));
                    char sep = ' ';
                    if (std::string_view(k) == "name" || std::string_view(k) == "http-equiv") {
                        std::size_t words = 1 + static_cast<std::size_t>(
                                                    std::count(keys.begin(), keys.end(), ' '));
                        if (static_cast<std::size_t>(std::count(keys.begin(), keys.end(), ':')) <
                            words)
                            sep = '\0';
                    }
                    std::size_t b = 0;
                    while (b < keys.size()) {
                        std::size_t e = keys.find(sep, b);
                        if (e == std::string::npos) e = keys.size();
                        if (e > b) meta.entries.emplace_back(keys.substr(b, e - b), trim(content));
                        b = e + 1;
                    }
                }
                continue;
            }
            case GUMBO_TAG_TITLE:
                if (title_tag.empty()) title_tag = dom.text(i, 2000);
                continue;
            case GUMBO_TAG_LINK:
                if (icontains(dom.attr(i, "rel"), "canonical") && canonical.empty())
                    canonical = dom.attr(i, "href");
                continue;
            case GUMBO_TAG_HTML:
                if (html_lang.empty()) html_lang = dom.attr(i, "lang");
                if (html_lang.empty()) html_lang = dom.attr(i, "xml:lang");
                break;
            case GUMBO_TAG_H1:
            case GUMBO_TAG_H2:
                // every h1 counts (chrome too): "the page's only h1" is about the whole page
                if (headings.size() < 64) {
                    std::string t = dom.text(i, 400);
                    if (n.tag == GUMBO_TAG_H1 && !chrome(i)) visible_h1s.push_back(t);
                    if (n.tag == GUMBO_TAG_H1) h1s.push_back(t);
                    headings.push_back(std::move(t));
                    heading_nodes.push_back(i);
                }
                break;
            default:
                break;
        }
        std::string_view rel = dom.attr(i, "rel");
        std::string_view itemprop = dom.attr(i, "itemprop");
        bool blogger_footer = has_ancestor_class(dom, i, {"post-footer", "post-author"}, 6);
        if (!rel.empty()) {
            std::string r = lower_ascii(rel);
            bool sidebar = has_ancestor_class(dom, i, {"sidebar", "widget label", "tagcloud", "tag-cloud"}, 12) ||
                           dom.ancestor(i, GUMBO_TAG_ASIDE) != kNone || dom.ancestor(i, GUMBO_TAG_NAV) != kNone;
            if ((r == "tag" || r.find("tag ") != std::string::npos ||
                 r.ends_with(" tag")) && n.tag == GUMBO_TAG_A && !sidebar && rel_tags.size() < 50) {
                add_unique(rel_tags, dom.text(i, 100));
            }
            if (r.find("author") != std::string::npos && n.tag == GUMBO_TAG_A) {
                std::string t = dom.text(i, 200);
                auto names = split_names(t);
                if (!names.empty() && !is_url(t) && looks_like_names(t)) {
                    if (blogger_footer) {
                        for (auto& nm : names) add_unique(blogger_authors, nm);
                    } else if (!others(i) && dom_authors.size() < 50) {
                        dom_authors.push_back({i, std::move(names)});
                    }
                }
            }
        }
        // a link to the author's page (/author/jane-doe/, /people/..., /experts/...): the link
        // text is the name, whatever the markup around it
        if (n.tag == GUMBO_TAG_A && !others(i) && dom_authors.size() < 50 &&
            lower_ascii(rel).find("author") == std::string::npos &&
            author_path(dom.attr(i, "href")) && !link_in_prose(dom, i)) {
            std::string t = dom.text(i, 200);
            if (looks_like_names(t)) {
                dom_authors.push_back({i, split_names(t)});
            } else {
                note_group(t);
            }
        }
        if (!itemprop.empty()) {
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
                        for (auto& nm : names) add_unique(blogger_authors, nm);
                    } else if (!others(i) && !names.empty() && dom_authors.size() < 50) {
                        dom_authors.push_back({i, std::move(names)});
                    }
                }
            }
            if (ip.find("datepublished") != std::string::npos && itemprop_date.empty() && !chrome(i)) {
                for (const char* a : {"content", "datetime", "title"}) {
                    if (itemprop_date.empty()) itemprop_date = iso_date(dom.attr(i, a));
                }
                if (itemprop_date.empty()) itemprop_date = parse_date(dom.text(i, 200), true, page_reading());
            }
        }
        if (!others(i) && n.tag != GUMBO_TAG_META &&
            visible_dates.size() < date_tunables::kMaxVisibleDates) {
            const std::string& ci = n.class_id;
            std::string ip = lower_ascii(itemprop);
            bool small = n.end - i < 40;
            if (n.tag == GUMBO_TAG_TIME || (small && ip.starts_with("date")) ||
                (small && (ci.find("date") != std::string::npos ||
                           ci.find("published") != std::string::npos)))
                add_visible_date(i, ip);
        }
        // an element whose class says it holds the author's name ("author-name",
        // "authorName", "creator-name"): explicit even where the markup around it reads as
        // chrome (a byline card), so kept aside and used only in the article's head
        if (!n.class_id.empty() && others(i) && marked_names.size() < 50 && n.end - i < 12 &&
            author_name_class(n.class_id)) {
            std::string t = dom.text(i, 100);
            if (looks_like_names(t) && !byline_words(t)) marked_names.push_back({i, split_names(t)});
        }
        if (!n.class_id.empty() && !others(i)) {
            const std::string& ci = n.class_id;
            // byline containers: class/id with "byline" or "author" (not author bios)
            // bounded: a byline is a small element, and a page gets a few looks at most
            if (class_bylines.size() < 50 && byline_looks < 200 && n.end - i < 400 &&
                !blogger_footer &&
                (ci.find("byline") != std::string::npos ||
                 (ci.find("author") != std::string::npos && ci.find("bio") == std::string::npos &&
                  ci.find("avatar") == std::string::npos))) {
                ++byline_looks;
                std::string t;
                std::string first_names;  // the first line that is names alone
                for (const auto& l : lines_of(dom, i, nullptr)) {
                    if (!t.empty()) t.push_back('\n');
                    t += l.text;
                    if (first_names.empty() && l.text.size() < 100 &&
                        looks_like_names(l.text) && !byline_words(l.text))
                        first_names = l.text;
                }
                if (!t.empty() && t.size() < 100 && !looks_like_names(t)) note_group(t);
                if (!t.empty() && t.size() < 100 && looks_like_names(t)) {
                    std::vector<std::string> names = split_names(t);
                    std::erase_if(names,
                                  [](const std::string& name) { return byline_words(name); });
                    class_bylines.push_back({i, std::move(names)});
                } else if (!first_names.empty()) {
                    // "Jane Doe" over "4 August 2010", or over her biography
                    class_bylines.push_back({i, split_names(first_names)});
                }
                // "By <a>Name</a>, Senior Fellow, Long Programme Name": the link is the name
                if (t.size() < 300) {
                    for (int k = i + 1; k < n.end; ++k) {
                        if (dom[k].tag == GUMBO_TAG_A && !dom[k].is_text) {
                            std::string a = dom.text(k, 100);
                            if (looks_like_names(a)) class_bylines.push_back({k, split_names(a)});
                        }
                    }
                }
            }
        }
    }

    JsonLd ld = parse_json_ld(json_ld, title_tag);

    // site name first: it helps to clean the <title>
    out.site_name = meta.first({"og:site_name"});
    if (out.site_name.empty()) out.site_name = ld.publisher;
    if (out.site_name.empty()) out.site_name = ld.website;
    if (out.site_name.empty()) out.site_name = meta.first({"application-name", "al:android:app_name"});

    // URL: the canonical one names the site's host even for a page read from a file
    std::string canon = canonical.empty() ? meta.first({"og:url"}) : canonical;
    std::string resolved = resolve_url(url, trim(canon));
    out.url = resolved.empty() ? std::string(url) : resolved;

    TitleSources ts;
    ts.meta = {meta.first({"citation_title"}), ld.headline,
               meta.first({"og:title", "twitter:title", "dc:title", "dc.title", "dcterm:title",
                           "dcterms.title", "weibo:article:title", "weibo:webpage:title",
                           "parsely-title", "title"})};
    ts.title_tag = title_tag;
    ts.h1s = visible_h1s;
    ts.headings = headings;
    ts.all_h1s = h1s;
    ts.site_names = {out.site_name, ld.publisher, ld.website};
    for (auto& l : host_labels(url_host(out.url))) ts.site_names.push_back(std::move(l));
    std::string from_tag = title_from_title_tag(title_tag, headings, h1s);
    out.title = choose_title(ts);
    std::vector<std::string> title_forms;
    {
        std::vector<std::string> forms{out.title, meta.first({"og:title"}), ld.headline, from_tag};
        // "Title | Site": the part before the last separator
        auto seps = title_separators(out.title);
        if (!seps.empty()) forms.push_back(out.title.substr(0, seps.back().first));
        for (auto& f : forms) {
            std::string l = lower_ascii(collapse_spaces(f));
            if (!l.empty() && std::find(title_forms.begin(), title_forms.end(), l) ==
                                  title_forms.end())
                title_forms.push_back(std::move(l));
        }
    }
    if (notes != nullptr) {
        notes->titles = title_forms;
        notes->agreed_title = agreed_metadata_title(ts);
        notes->brand_title = brand_led_title(ts);
    }
    // "Site: Title" / "Title | Site": the other side names the site
    if (out.site_name.empty() && !out.title.empty()) {
        std::string t = collapse_spaces(title_tag);
        for (std::string_view sep : {": ", " | ", " - ", " \u2013 ", " \u2014 ", " \u00bb "}) {
            std::string suffix = std::string(sep) + out.title;
            std::string prefix = out.title + std::string(sep);
            if (t.size() > suffix.size() && iequals(t.substr(t.size() - suffix.size()), suffix)) {
                out.site_name = trim(t.substr(0, t.size() - suffix.size()));
                break;
            }
            if (t.size() > prefix.size() && istarts_with(t, prefix)) {
                out.site_name = trim(t.substr(prefix.size()));
                break;
            }
        }
    }

    // lines of the page (outside chrome) for bylines and dates written near the title
    int body = dom.body();
    std::vector<Line> lines = body != kNone ? lines_of(dom, body, &flags.chrome) : std::vector<Line>{};
    if (lines.size() > 4000) lines.resize(4000);
    // a "today's date" widget is no dateline: its line is nobody's date nor byline
    std::erase_if(lines, [&](const Line& l) {
        return l.block != kNone && current_date_class(dom[l.block].class_id);
    });
    NearTitle near = scan_near_title(dom, lines, title_forms,
                                     visible_h1s.empty() ? std::string{} : visible_h1s.front(),
                                     page_reading());

    // authors: the first source, most deliberate first, that names people rather than the
    // site, its publisher or an account
    AuthorChoice authors(ts.site_names);
    {
        std::vector<std::string> cited;
        for (const auto& a : meta.all("citation_author")) add_unique(cited, surname_first(a));
        authors.offer_metadata("citation_author", std::move(cited));
    }
    authors.offer_metadata("json-ld", ld.authors);
    for (const auto& n : ld.groups) authors.offer_group(n);
    for (const auto& n : ld.organisations) authors.offer_organisation(n);
    // the first of these keys present; a page may repeat it, one author each
    for (std::string_view key : {"dc:creator", "dc.creator", "dcterm:creator", "dcterms.creator",
                                 "author", "parsely-author", "sailthru.author", "byl",
                                 "article:author_name"}) {
        authors.offer_credits(key, meta.all(key));
    }
    authors.offer_credits("meta label", labelled_meta(meta, {"written by", "author", "authors", "by"}));
    authors.offer_credits("article:author", meta.all("article:author"));
    authors.offer_credits("og:article:author", meta.all("og:article:author"));
    // the "By" line under the title against the metadata: disagreement or a longer list of
    // people means the metadata credits an account or only the first author
    if (near.labelled) authors.prefer_visible("labelled byline near title", near.authors);
    const int title_node = title_heading(heading_nodes, headings, title_forms);
    // a byline in the article's head beats one elsewhere, whichever markup it uses
    const Hit* dom_zone = zone_hit(dom_authors, title_node);
    const Hit* class_zone = zone_hit(class_bylines, title_node);
    if (dom_zone != nullptr) authors.offer("author link in head", byline_names(dom, dom_authors, dom_zone));
    if (class_zone != nullptr)
        authors.offer("byline class in head", byline_names(dom, class_bylines, class_zone));
    if (const Hit* marked = zone_hit(marked_names, title_node); marked != nullptr)
        authors.offer("author-name class in head", marked->names);
    authors.offer("author link", byline_names(dom, dom_authors, nullptr));
    authors.offer("byline class", byline_names(dom, class_bylines, nullptr));
    authors.offer("byline near title", near.authors);
    authors.offer("labelled byline", labelled_byline(lines));
    authors.offer("post footer", blogger_authors);
    authors.offer_markup_group(markup_group);
    out.authors = authors.chosen();
    if (notes != nullptr) notes->authors_from_markup = authors.from_markup();
    spdlog::debug("extract: {}: authors from {}", url, authors.source());

    // published date: the sources, each checked against the others (see choose_published)
    DateEvidence dates;
    dates.citation = iso_date(meta.first({"citation_publication_date", "citation_date",
                                          "citation_online_date"}));
    dates.ld_published = iso_date(ld.published);
    dates.ld_modified = iso_date(ld.modified);
    dates.ld_is_article = ld.is_article;
    dates.meta_published = iso_date(meta.first(
        {"article:published_time", "og:article:published_time", "datepublished", "dc.date.issued",
         "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "parsely-pub-date",
         "sailthru.date", "pubdate", "publishdate", "publish-date", "publish_date",
         "article.published", "originalpublicationdate", "date"}));
    for (const auto& [key, value] : meta.entries) {
        // any other key that names publishing ("x-published-date"), never a modification
        if (!dates.meta_published.empty()) break;
        if (publication_context(key) && !modification_context(key))
            dates.meta_published = iso_date(value);
    }
    dates.meta_modified = iso_date(meta.first({"article:modified_time", "og:updated_time",
                                               "datemodified", "dcterms.modified"}));
    dates.microdata = itemprop_date;
    {
        // the article head's date: around the title heading, one labelled "Published", else
        // the only date there (several are a list of teasers)
        const VisibleDate* head = nullptr;
        bool one_date = true;
        for (const auto& v : visible_dates) {
            if (v.label == DateLabel::kModified) continue;
            // without a title heading there is no head: only a date that says "Published"
            if (title_node == kNone && v.label != DateLabel::kPublished) continue;
            if (title_node != kNone && (v.node < title_node - date_tunables::kHeadBefore ||
                                        v.node > title_node + date_tunables::kHeadAfter))
                continue;
            if (head != nullptr && head->label == DateLabel::kPublished) continue;
            if (v.label == DateLabel::kPublished) {
                head = &v;
                one_date = true;
                continue;
            }
            if (head != nullptr && head->date != v.date) one_date = false;
            if (head == nullptr) head = &v;
        }
        for (const auto& v : visible_dates)
            spdlog::trace("extract: {}: visible date {} at node {} (title at {}), label {}", url,
                          v.date, v.node, title_node, static_cast<int>(v.label));
        if (head != nullptr && one_date) {
            dates.visible = head->date;
            dates.visible_label = head->label;
        }
        // the lines near the title show the dates of elements too: one whose element or
        // its wrapper says it is a modification ("field--name-changed") stays one there,
        // unless the metadata calls it published (themes mark a post's only date "updated")
        bool near_is_modified =
            near.date_label == DateLabel::kUnlabelled && near.date != dates.ld_published &&
            near.date != dates.meta_published &&
            std::any_of(visible_dates.begin(), visible_dates.end(), [&](const VisibleDate& v) {
                return v.label == DateLabel::kModified && v.date == near.date;
            });
        if (dates.visible.empty() || (near.date_label == DateLabel::kPublished &&
                                      dates.visible_label != DateLabel::kPublished)) {
            if (!near.date.empty() && !near_is_modified) {
                dates.visible = near.date;
                dates.visible_label = near.date_label;
            }
        }
    }
    if (dates.visible.empty()) {
        // no dateline in the head: one that says "Published" or "Posted on" anywhere
        dates.visible = labelled_published(lines, page_reading());
        if (!dates.visible.empty()) dates.visible_label = DateLabel::kPublished;
    }
    if (dates.visible.empty()) {
        // nor anywhere: the date beside the byline that credits the page's authors (an
        // author box after the text, a byline card with no title heading near it)
        LabelledDate d = credited_byline_date(dom, class_bylines, out.authors, page_reading());
        if (d.date.empty()) d = credited_byline_date(dom, dom_authors, out.authors, page_reading());
        dates.visible = d.date;
        dates.visible_label = d.label;
        dates.visible_in_byline_box = !d.date.empty();
    }
    dates.url = url_date(url);
    if (dates.url.empty()) dates.url = url_date(canonical);
    if (dates.url.empty()) dates.url = url_date(meta.first({"og:url"}));
    spdlog::debug("extract: {}: date evidence citation={} ld={} ld_modified={} ld_article={} "
                  "meta={} meta_modified={} itemprop={} visible={} label={} url={}",
                  url, dates.citation, dates.ld_published, dates.ld_modified, dates.ld_is_article,
                  dates.meta_published, dates.meta_modified, dates.microdata, dates.visible,
                  static_cast<int>(dates.visible_label), dates.url);
    ChosenDate date = choose_published(dates);
    if (!date.date.empty())
        spdlog::debug("extract: {}: published {} from {}", url, date.date, date.source);
    out.published = date.date;
    if (notes != nullptr)
        notes->date_from_byline_box = std::string_view(date.source) == kBylineBoxSource;

    // summary: an executive summary block beats the meta description
    out.summary = summary_block(dom, body, flags);
    if (out.summary.empty()) {
        out.summary = meta.first({"description", "og:description", "twitter:description",
                                  "dc.description"});
    }
    if (out.summary.empty()) out.summary = ld.description;
    out.summary = collapse_spaces(out.summary);

    // tags
    out.tags.clear();
    for (const auto& t : meta.all("article:tag")) add_unique(out.tags, t);
    if (out.tags.empty()) out.tags = rel_tags;

    // language
    out.language = normalise_language(html_lang);
    if (out.language.empty()) out.language = normalise_language(meta.first({"content-language", "language", "dc.language"}));
    if (out.language.empty()) out.language = normalise_language(meta.first({"og:locale"}));
    if (out.language.empty()) out.language = normalise_language(ld.language);

}

}  // namespace thinkdex::indexer::detail
