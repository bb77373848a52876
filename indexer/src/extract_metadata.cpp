#include "extract_metadata.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "extract_content.hpp"
#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

using json = nlohmann::json;

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

// What the page's JSON-LD says about the article.
struct JsonLd {
    std::string headline, published, description, publisher, website, language;
    std::vector<std::string> authors;
    bool found = false;
};

bool is_url(std::string_view s) {
    return istarts_with(s, "http://") || istarts_with(s, "https://") || istarts_with(s, "//") ||
           istarts_with(s, "www.");
}

std::string json_string(const json& v) {
    if (v.is_string()) return trim(v.get<std::string>());
    if (v.is_array() && !v.empty()) return json_string(v.front());
    if (v.is_object()) {
        for (const char* k : {"name", "@value", "text"}) {
            if (v.contains(k)) return json_string(v[k]);
        }
    }
    return {};
}

bool type_matches(const json& obj, std::initializer_list<std::string_view> names) {
    if (!obj.contains("@type")) return false;
    const json& t = obj["@type"];
    auto check = [&](const json& v) {
        if (!v.is_string()) return false;
        const auto& s = v.get_ref<const std::string&>();
        for (auto n : names) {
            if (s.find(n) != std::string::npos) return true;
        }
        return false;
    };
    if (t.is_array()) return std::any_of(t.begin(), t.end(), check);
    return check(t);
}

void json_authors(const json& a, std::vector<std::string>& out) {
    if (a.is_array()) {
        for (const auto& x : a) json_authors(x, out);
    } else if (a.is_string()) {
        if (!is_url(a.get_ref<const std::string&>())) {
            for (auto& n : split_names(a.get_ref<const std::string&>())) out.push_back(n);
        }
    } else if (a.is_object() && a.contains("name")) {
        std::string name = json_string(a["name"]);
        if (!name.empty() && !is_url(name)) {
            for (auto& n : split_names(name)) out.push_back(n);
        }
    }
}

JsonLd parse_json_ld(const std::vector<std::string>& blocks, std::string_view title_tag) {
    JsonLd out;
    const json* best = nullptr;
    int best_rank = 0;
    std::vector<json> docs;
    docs.reserve(blocks.size());
    for (const auto& b : blocks) {
        json doc = json::parse(b, nullptr, false);
        if (!doc.is_discarded()) docs.push_back(std::move(doc));
    }
    // explicit stack: JSON-LD nests @graph, arrays and objects arbitrarily
    std::vector<const json*> stack;
    for (const auto& d : docs) stack.push_back(&d);
    std::size_t visited = 0;
    while (!stack.empty() && visited < 10000) {
        const json* v = stack.back();
        stack.pop_back();
        ++visited;
        if (v->is_array()) {
            for (auto it = v->rbegin(); it != v->rend(); ++it) stack.push_back(&*it);
            continue;
        }
        if (!v->is_object()) continue;
        if (v->contains("@graph")) stack.push_back(&(*v)["@graph"]);
        int rank = 0;
        if (type_matches(*v, {"Article", "BlogPosting", "Report", "Posting", "Review"})) {
            rank = 3;
        } else if (type_matches(*v, {"WebPage"})) {
            rank = 1;
        }
        if (type_matches(*v, {"WebSite"}) && out.website.empty() && v->contains("name")) {
            out.website = json_string((*v)["name"]);
        }
        if (rank > best_rank) {
            best = v;
            best_rank = rank;
        }
        if (v->contains("mainEntity")) stack.push_back(&(*v)["mainEntity"]);
    }
    if (best == nullptr) return out;
    const json& a = *best;
    out.found = true;
    if (a.contains("headline")) out.headline = json_string(a["headline"]);
    if (a.contains("name") && best_rank == 3) {
        std::string name = json_string(a["name"]);
        // both given and different: the one the <title> repeats (as Readability decides)
        if (!name.empty() && !out.headline.empty() && name != out.headline &&
            icontains(title_tag, name) && !icontains(title_tag, out.headline))
            out.headline = name;
    }
    if (out.headline.empty() && best_rank == 3 && a.contains("name"))
        out.headline = json_string(a["name"]);
    if (a.contains("author")) json_authors(a["author"], out.authors);
    if (out.authors.empty() && a.contains("creator")) json_authors(a["creator"], out.authors);
    if (a.contains("datePublished")) out.published = json_string(a["datePublished"]);
    if (a.contains("description")) out.description = json_string(a["description"]);
    if (a.contains("publisher")) out.publisher = json_string(a["publisher"]);
    if (a.contains("inLanguage")) out.language = json_string(a["inLanguage"]);
    return out;
}

std::string resolve_url(std::string_view base, std::string_view ref) {
    std::string r = trim(ref);
    if (r.empty()) return {};
    CURLU* h = curl_url();
    if (h == nullptr) return r;
    std::string result;
    std::string b(base);
    bool base_ok = !b.empty() && curl_url_set(h, CURLUPART_URL, b.c_str(), 0) == CURLUE_OK;
    if (base_ok || is_url(r)) {
        if (curl_url_set(h, CURLUPART_URL, r.c_str(), 0) == CURLUE_OK) {
            char* out = nullptr;
            if (curl_url_get(h, CURLUPART_URL, &out, 0) == CURLUE_OK && out != nullptr) {
                result = out;
                curl_free(out);
            }
        }
    }
    curl_url_cleanup(h);
    return result;
}

std::string iso_date(std::string_view s) { return parse_date(s, false); }

// "Kuhrt, Natasha" (citation_author's usual form) → "Natasha Kuhrt".
std::string surname_first(std::string name) {
    name = trim(name);
    std::size_t comma = name.find(',');
    if (comma == std::string::npos || name.find(',', comma + 1) != std::string::npos) return name;
    std::string last = trim(std::string_view(name).substr(0, comma));
    std::string first = trim(std::string_view(name).substr(comma + 1));
    if (last.empty() || first.empty() || std::count(last.begin(), last.end(), ' ') > 2 ||
        std::count(first.begin(), first.end(), ' ') > 2)
        return name;
    return first + " " + last;
}

void add_unique(std::vector<std::string>& out, const std::string& v) {
    std::string t = trim(v);
    if (t.empty()) return;
    for (const auto& x : out) {
        if (iequals(x, t)) return;
    }
    out.push_back(t);
}

bool has_ancestor_class(const Dom& dom, int i, std::initializer_list<std::string_view> words,
                        int levels = 12) {
    for (int a = i; a != kNone && levels-- > 0; a = dom[a].parent) {
        for (auto w : words) {
            if (dom[a].class_id.find(w) != std::string::npos) return true;
        }
    }
    return false;
}

bool modification_context(std::string_view s) {
    return icontains(s, "updated") || icontains(s, "modified") || icontains(s, "\u00a9") ||
           icontains(s, "copyright") || icontains(s, "aktualisiert") ||
           icontains(s, "mis \u00e0 jour") || icontains(s, "actualizado") ||
           icontains(s, "last ") || icontains(s, "(c)") || icontains(s, "обновлено");
}

// <title> minus the site's name: "Site: Title", "Title | Site", "Title - Site".
std::string strip_title(const std::string& raw, const std::string& site,
                        const std::vector<std::string>& h1s) {
    std::string t = collapse_spaces(raw);
    if (t.empty()) return t;
    // a heading that the <title> contains is the article's title
    for (const auto& h : h1s) {
        if (h.size() >= 10 && t.find(h) != std::string::npos && h.size() < t.size()) return h;
    }
    for (std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00bb ",
                                 " / ", ": ", " \u00b7 "}) {
        if (!site.empty()) {
            std::string prefix = site + std::string(sep);
            std::string suffix = std::string(sep) + site;
            if (istarts_with(t, prefix) && t.size() > prefix.size())
                return trim(t.substr(prefix.size()));
            if (t.size() > suffix.size() && iequals(t.substr(t.size() - suffix.size()), suffix))
                return trim(t.substr(0, t.size() - suffix.size()));
        }
    }
    auto words = [](const std::string& s) {
        return std::count(s.begin(), s.end(), ' ') + (s.empty() ? 0 : 1);
    };
    for (std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00bb "}) {
        std::size_t last = t.rfind(sep);
        if (last == std::string::npos) continue;
        std::string head = trim(t.substr(0, last));
        std::string tail = trim(t.substr(last + sep.size()));
        // the longer side is the title; a short side is the site
        if (words(head) >= 3 && words(tail) <= 4) return head;
        std::size_t first = t.find(sep);
        std::string after = trim(t.substr(first + sep.size()));
        if (words(t.substr(0, first)) <= 4 && words(after) >= 3) return after;
        return t;
    }
    // "Blog: Title", as Readability does: the part after the last colon, or after the first
    // when that is too short; a long part before the colon means the colon is the title's own
    std::size_t colon = t.find(": ");
    if (colon != std::string::npos) {
        std::string after_last = trim(t.substr(t.rfind(": ") + 2));
        std::string after_first = trim(t.substr(colon + 2));
        if (words(t.substr(0, colon)) > 5) return t;
        if (words(after_last) >= 3) return after_last;
        if (words(after_first) >= 3) return after_first;
    }
    return t;
}

struct NearTitle {
    std::vector<std::string> authors;
    std::string date;
};

// Byline and date lines just before or after the title heading in reading order.
NearTitle scan_near_title(const Dom& dom, const std::vector<Line>& lines,
                          const std::string& title) {
    NearTitle out;
    if (lines.empty()) return out;
    std::string tl = lower_ascii(collapse_spaces(title));
    std::size_t at = lines.size();
    if (!tl.empty()) {
        // the title as a heading, else as any line, else a heading that is part of the title
        for (std::size_t i = 0; i < lines.size() && at == lines.size(); ++i) {
            if (lines[i].heading && lower_ascii(lines[i].text) == tl) at = i;
        }
        for (std::size_t i = 0; i < lines.size() && at == lines.size(); ++i) {
            if (lower_ascii(lines[i].text) == tl) at = i;
        }
        for (std::size_t i = 0; i < lines.size() && at == lines.size(); ++i) {
            if (lines[i].heading && lines[i].text.size() >= 8 &&
                tl.find(lower_ascii(lines[i].text)) != std::string::npos)
                at = i;
        }
    }
    if (at == lines.size()) return out;
    std::size_t lo = at >= 4 ? at - 4 : 0;
    std::size_t hi = std::min(lines.size(), at + 7);
    for (std::size_t i = lo; i < hi; ++i) {
        if (i == at) continue;
        const Line& l = lines[i];
        if (out.date.empty() && l.text.size() <= 100 && !modification_context(l.text)) {
            std::string d = iso_date(l.text);
            if (!d.empty()) out.date = d;
        }
        if (!out.authors.empty() || l.text.size() > 120) continue;
        bool by = istarts_with(l.text, "by ") || istarts_with(l.text, "by:") ||
                  istarts_with(l.text, "written by") || istarts_with(l.text, "von ") ||
                  istarts_with(l.text, "par ") || istarts_with(l.text, "por ");
        // a byline line after the title: "By A and B", or a short emphasised line of names
        if (by && i > at) {
            std::string text = l.text;
            // "By A and B | 26 August 2025": cut at the first separator followed by a date
            for (std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " on "}) {
                std::size_t p = text.find(sep);
                if (p != std::string::npos && !iso_date(text.substr(p)).empty()) {
                    text = text.substr(0, p);
                }
            }
            if (looks_like_names(text)) out.authors = split_names(text);
        } else if (i > at && i <= at + 3 && l.emphasised && !l.heading &&
                   looks_like_names(l.text)) {
            out.authors = split_names(l.text);
        }
        (void)dom;
    }
    return out;
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
                      std::string_view url, Extracted& out) {
    PageFlags flags = mark_chrome(dom);
    auto chrome = [&](int i) { return flags.chrome[static_cast<std::size_t>(i)] != 0; };

    MetaTags meta;
    std::string title_tag, canonical, html_lang;
    std::vector<std::string> h1s, rel_tags, dom_authors, blogger_authors, class_bylines;
    std::string time_date, itemprop_date, published_class_date, date_header;
    for (int i = 0; i < dom.size(); ++i) {
        const Node& n = dom[i];
        if (n.is_text) continue;
        switch (n.tag) {
            case GUMBO_TAG_META: {
                std::string content(dom.attr(i, "content"));
                for (const char* k : {"name", "property", "itemprop", "http-equiv"}) {
                    std::string_view key = dom.attr(i, k);
                    // property="dc:creator twitter:site_name" names several keys
                    std::string keys = lower_ascii(key);
                    std::size_t b = 0;
                    while (b < keys.size()) {
                        std::size_t e = keys.find(' ', b);
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
                if (!chrome(i) && h1s.size() < 8) {
                    std::string t = dom.text(i, 400);
                    if (!t.empty()) h1s.push_back(t);
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
                if (!names.empty() && !is_url(t) && looks_like_names(t) ) {
                    for (auto& nm : names) {
                        if (blogger_footer) add_unique(blogger_authors, nm);
                        else if (!chrome(i)) add_unique(dom_authors, nm);
                    }
                }
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
                    for (auto& nm : split_names(name)) {
                        if (blogger_footer) add_unique(blogger_authors, nm);
                        else if (!chrome(i)) add_unique(dom_authors, nm);
                    }
                }
            }
            if (ip.find("datepublished") != std::string::npos && itemprop_date.empty() && !chrome(i)) {
                for (const char* a : {"content", "datetime", "title"}) {
                    if (itemprop_date.empty()) itemprop_date = iso_date(dom.attr(i, a));
                }
                if (itemprop_date.empty()) itemprop_date = parse_date(dom.text(i, 200), true);
            }
        }
        if (n.tag == GUMBO_TAG_TIME && time_date.empty() && !chrome(i)) {
            std::string ctx = n.class_id + " " + std::string(itemprop);
            if (!modification_context(ctx) && ctx.find("modif") == std::string::npos) {
                std::string_view dt = dom.attr(i, "datetime");
                time_date = dt.empty() ? parse_date(dom.text(i, 200), true) : iso_date(dt);
            }
        }
        if (!n.class_id.empty() && !chrome(i)) {
            const std::string& ci = n.class_id;
            if (published_class_date.empty() &&
                (ci.find("published") != std::string::npos || ci.find("pubdate") != std::string::npos ||
                 ci.find("post-date") != std::string::npos || ci.find("entry-date") != std::string::npos) &&
                ci.find("updated") == std::string::npos && ci.find("modified") == std::string::npos) {
                std::string_view t = dom.attr(i, "title");
                if (t.empty()) t = dom.attr(i, "datetime");
                published_class_date = t.empty() ? parse_date(dom.text(i, 200), true) : iso_date(t);
            }
            if (date_header.empty() && ci.find("date-header") != std::string::npos) {
                date_header = parse_date(dom.text(i, 200), true);
            }
            // byline containers: class/id with "byline" or "author" (not author bios)
            if (class_bylines.size() < 10 && !blogger_footer &&
                (ci.find("byline") != std::string::npos ||
                 (ci.find("author") != std::string::npos && ci.find("bio") == std::string::npos &&
                  ci.find("avatar") == std::string::npos))) {
                std::string t;
                for (const auto& l : lines_of(dom, i, nullptr)) {
                    if (!t.empty()) t.push_back('\n');
                    t += l.text;
                }
                if (!t.empty() && t.size() < 100) class_bylines.push_back(t);
                // "By <a>Name</a>, Senior Fellow, Long Programme Name": the link is the name
                if (class_bylines.size() < 10 && t.size() < 300) {
                    for (int k = i + 1; k < n.end; ++k) {
                        if (dom[k].tag == GUMBO_TAG_A && !dom[k].is_text) {
                            std::string a = dom.text(k, 100);
                            if (looks_like_names(a)) class_bylines.push_back(a);
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

    // title
    std::string title = meta.first({"citation_title", "og:title"});
    if (title.empty()) title = ld.headline;
    if (title.empty()) title = meta.first({"twitter:title", "dc.title", "dcterms.title", "parsely-title", "headline"});
    if (title.empty()) {
        std::string stripped = strip_title(title_tag, out.site_name, h1s);
        if (h1s.size() == 1 && (stripped.size() < 15 || stripped.size() > 150)) {
            title = h1s[0];
        } else {
            title = stripped;
        }
    }
    if (!out.site_name.empty()) {
        for (std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 "}) {
            std::size_t p = title.rfind(sep);
            if (p == std::string::npos || p == 0) continue;
            std::string tail = trim(std::string_view(title).substr(p + sep.size()));
            if (tail.size() >= 3 && istarts_with(out.site_name, tail)) {
                title = title.substr(0, p);
                break;
            }
        }
    }
    out.title = trim(title);
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
    NearTitle near = scan_near_title(dom, lines, out.title);

    // authors
    std::vector<std::string> authors;
    for (const auto& a : meta.all("citation_author")) {
        add_unique(authors, surname_first(a));
    }
    if (authors.empty()) authors = ld.authors;
    if (authors.empty()) {
        std::string m = meta.first({"dc:creator", "dc.creator", "dcterm:creator", "dcterms.creator", "author", "parsely-author",
                                    "sailthru.author", "byl", "article:author_name"});
        if (!m.empty() && !is_url(m)) authors = split_names(m);
    }
    if (authors.empty()) {
        for (const auto& a : meta.all("article:author")) {
            if (!is_url(a)) {
                for (auto& n : split_names(a)) add_unique(authors, n);
            }
        }
    }
    if (authors.empty()) authors = dom_authors;
    if (authors.empty()) {
        for (const auto& b : class_bylines) {
            if (looks_like_names(b)) {
                authors = split_names(b);
                break;
            }
        }
    }
    if (authors.empty()) authors = near.authors;
    if (authors.empty()) authors = blogger_authors;
    out.authors.clear();
    for (const auto& a : authors) add_unique(out.authors, a);

    // published date
    std::string date = iso_date(meta.first({"citation_publication_date", "citation_date",
                                            "citation_online_date", "article:published_time",
                                            "og:article:published_time", "datepublished",
                                            "dc.date.issued", "dcterms.issued", "dc.date",
                                            "dcterms.date", "dcterms.created", "parsely-pub-date",
                                            "sailthru.date", "pubdate", "publish-date",
                                            "publish_date", "article.published",
                                            "originalpublicationdate", "date"}));
    if (date.empty()) date = iso_date(ld.published);
    if (date.empty()) date = itemprop_date;
    if (date.empty()) date = time_date;
    if (date.empty()) date = published_class_date;
    if (date.empty()) date = date_header;
    if (date.empty()) date = near.date;
    if (date.empty()) {
        // /2025/08/26/ in the URL
        std::string u(url);
        for (std::size_t p = u.find('/'); p != std::string::npos && date.empty(); p = u.find('/', p + 1)) {
            if (p + 11 < u.size() && std::isdigit(static_cast<unsigned char>(u[p + 1]))) {
                std::string part = u.substr(p + 1, 10);
                if (part.size() == 10 && part[4] == '/' && part[7] == '/') date = iso_date(part);
            }
        }
    }
    out.published = date;

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

    // URL
    std::string u = canonical.empty() ? meta.first({"og:url"}) : canonical;
    std::string resolved = u.empty() ? std::string{} : resolve_url(url, u);
    out.url = resolved.empty() ? std::string(url) : resolved;
}

}  // namespace thinkdex::indexer::detail
