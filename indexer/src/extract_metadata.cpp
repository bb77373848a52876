#include "extract_metadata.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
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
        // The JSON between its first opening and last closing bracket: blocks are often
        // wrapped in <![CDATA[ ... ]]>, "//<![CDATA[" or HTML comment markers.
        std::string_view v = b;
        if (std::size_t c = v.find("<![CDATA["); c != std::string_view::npos && c < 24)
            v.remove_prefix(c + 9);
        if (std::size_t c = v.rfind("]]>"); c != std::string_view::npos && c + 24 > v.size())
            v = v.substr(0, c);
        if (std::size_t c = v.find("<!--"); c != std::string_view::npos && c < 24)
            v.remove_prefix(c + 4);
        std::size_t first = v.find_first_of("{[");
        std::size_t last = v.find_last_of("}]");
        if (first == std::string_view::npos || last == std::string_view::npos || last < first)
            continue;
        json doc = json::parse(v.substr(first, last + 1 - first), nullptr, false);
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

// Words as Readability counts them (a split at runs of spaces, where a leading or trailing
// space adds an empty word): its thresholds were tuned with that count.
std::size_t word_count(std::string_view s) {
    std::size_t n = 1;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ' && (i == 0 || s[i - 1] != ' ')) ++n;
    }
    return n;
}

// Length in UTF-16 code units, as JavaScript measures strings.
std::size_t js_length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if ((u & 0xC0) != 0x80) ++n;
        if ((u & 0xF8) == 0xF0) ++n;  // outside the BMP: a surrogate pair
    }
    return n;
}

// Positions of the " | ", " - ", " – ", " — ", " / ", " > ", " » ", " \\ " separators in `t`
// (the index of the space before the mark).
std::vector<std::pair<std::size_t, std::size_t>> title_separators(std::string_view t) {
    std::vector<std::pair<std::size_t, std::size_t>> out;  // (position, length)
    for (std::size_t i = 0; i + 2 < t.size(); ++i) {
        if (t[i] != ' ') continue;
        for (std::string_view mark : {"|", "-", "\u2013", "\u2014", "\\", "/", ">", "\u00bb"}) {
            if (t.substr(i + 1).starts_with(mark) && i + 1 + mark.size() < t.size() &&
                t[i + 1 + mark.size()] == ' ') {
                out.emplace_back(i, mark.size() + 2);
                break;
            }
        }
    }
    return out;
}

// The article title from <title>, with the rules Readability applies (its output is what the
// world's "reader views" show, so it is the de-facto reference): drop the part after the last
// hierarchical separator ("Title | Site"), or before the first when what is left is too short;
// "Site: Title" keeps what follows the colon unless a heading repeats the whole <title>; a
// <title> too short or too long gives way to the page's only h1; and a result of four words or
// fewer falls back to the whole <title>, since cutting it that short usually cut the title.
std::string title_from_title_tag(const std::string& raw, const std::vector<std::string>& headings,
                                 const std::vector<std::string>& h1s) {
    const std::string orig = collapse_spaces(raw);
    std::string cur = orig;
    bool hierarchical = false;
    auto seps = title_separators(orig);
    if (!seps.empty()) {
        for (const auto& [pos, len] : seps) {
            std::string_view mark = std::string_view(orig).substr(pos + 1, len - 2);
            if (mark == "\\" || mark == "/" || mark == ">" || mark == "\u00bb") hierarchical = true;
        }
        cur = orig.substr(0, seps.back().first);
        if (word_count(cur) < 3) {
            // everything up to the first separator character, spaced or not
            std::size_t cut = std::string::npos;
            for (std::string_view mark : {"|", "-", "\u2013", "\u2014", "\\", "/", ">", "\u00bb"}) {
                std::size_t at = orig.find(mark);
                if (at != std::string::npos && (cut == std::string::npos || at + mark.size() < cut))
                    cut = at + mark.size();
            }
            cur = orig.substr(cut);
        }
    } else if (orig.find(": ") != std::string::npos) {
        bool heading_is_title = std::find(headings.begin(), headings.end(), orig) != headings.end();
        if (!heading_is_title) {
            cur = orig.substr(orig.rfind(':') + 1);
            if (word_count(cur) < 3) {
                cur = orig.substr(orig.find(':') + 1);
            } else if (word_count(orig.substr(0, orig.find(':'))) > 5) {
                cur = orig;
            }
        }
    } else if ((js_length(orig) > 150 || js_length(orig) < 15) && h1s.size() == 1) {
        cur = h1s.front();
    }
    cur = collapse_spaces(cur);
    std::size_t words = word_count(cur);
    if (words <= 4) {
        std::string without = orig;
        for (auto it = seps.rbegin(); it != seps.rend(); ++it) without.replace(it->first, it->second, " ");
        if (!hierarchical || words + 1 != word_count(without)) cur = orig;
    }
    return cur;
}

struct NearTitle {
    std::vector<std::string> authors;
    std::string date;
};

// Byline and date lines just before or after the title heading in reading order.
NearTitle scan_near_title(const Dom& dom, const std::vector<Line>& lines,
                          const std::vector<std::string>& titles) {
    NearTitle out;
    if (lines.empty()) return out;
    std::size_t at = lines.size();
    auto is_title = [&](const std::string& text) {
        return std::find(titles.begin(), titles.end(), lower_ascii(text)) != titles.end();
    };
    if (!titles.empty()) {
        // the title as a heading, else as any line, else a heading that is part of the title
        const std::string& tl = titles.front();
        for (std::size_t i = 0; i < lines.size() && at == lines.size(); ++i) {
            if (lines[i].heading && is_title(lines[i].text)) at = i;
        }
        for (std::size_t i = 0; i < lines.size() && at == lines.size(); ++i) {
            if (is_title(lines[i].text)) at = i;
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

// A byline candidate: the element and the names found in it.
struct Hit {
    int node = kNone;
    std::vector<std::string> names;
};

// The heading that shows the title (`titles`: its forms, lower case): equal to one of them,
// else the first heading the title contains.
int title_heading(const std::vector<int>& nodes, const std::vector<std::string>& texts,
                  const std::vector<std::string>& titles) {
    if (titles.empty()) return kNone;
    for (std::size_t k = 0; k < nodes.size(); ++k) {
        if (std::find(titles.begin(), titles.end(), lower_ascii(texts[k])) != titles.end())
            return nodes[k];
    }
    for (std::size_t k = 0; k < nodes.size(); ++k) {
        if (texts[k].size() >= 10 && titles.front().find(lower_ascii(texts[k])) != std::string::npos)
            return nodes[k];
    }
    return kNone;
}

// Text weight of the subtree of `i`.
std::size_t subtree_weight(const Dom& dom, int i, std::size_t limit) {
    std::size_t w = 0;
    for (int k = i; k < dom[i].end && w <= limit; ++k) {
        if (dom[k].is_text) w += text_weight(dom[k].text);
    }
    return w;
}

// The first candidate in the article's head: after the title heading and close to it.
const Hit* zone_hit(const std::vector<Hit>& hits, int title_node) {
    if (title_node == kNone) return nullptr;
    for (const auto& h : hits) {
        if (h.node > title_node && h.node - title_node < 600) return &h;
    }
    return nullptr;
}

// The names of the page's own byline among several candidates. A page also names the authors
// of teasers, comments and "more from" lists, so the byline is `anchor` (the candidate in the
// article's head, else the first in the page); other candidates count only when they sit in
// the same small block ("By <a>A</a> and <a>B</a>").
std::vector<std::string> byline_names(const Dom& dom, const std::vector<Hit>& hits,
                                      const Hit* anchor) {
    std::vector<std::string> out;
    if (hits.empty()) return out;
    if (anchor == nullptr) anchor = &hits.front();
    for (const auto& h : hits) {
        bool same_block = &h == anchor;
        if (!same_block) {
            int lca = anchor->node;
            for (int level = 0; lca != kNone && level < 8 && !dom.contains(lca, h.node); ++level)
                lca = dom[lca].parent;
            same_block = lca != kNone && dom.contains(lca, h.node) &&
                         subtree_weight(dom, lca, 400) <= 400;
        }
        if (!same_block) continue;
        for (const auto& n : h.names) add_unique(out, n);
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
                      std::string_view url, Extracted& out, std::vector<std::string>* titles) {
    PageFlags flags = mark_chrome(dom);
    auto chrome = [&](int i) { return flags.chrome[static_cast<std::size_t>(i)] != 0; };
    auto others = [&](int i) { return flags.others[static_cast<std::size_t>(i)] != 0; };

    MetaTags meta;
    std::string title_tag, canonical, html_lang;
    std::vector<std::string> h1s, headings, rel_tags, blogger_authors;
    std::vector<int> heading_nodes;
    std::vector<Hit> dom_authors, class_bylines;  // rel/itemprop=author; byline containers
    int byline_looks = 0;
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
            case GUMBO_TAG_H2:
                // every h1 counts (chrome too): "the page's only h1" is about the whole page
                if (headings.size() < 64) {
                    std::string t = dom.text(i, 400);
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
                for (const auto& l : lines_of(dom, i, nullptr)) {
                    if (!t.empty()) t.push_back('\n');
                    t += l.text;
                }
                if (!t.empty() && t.size() < 100 && looks_like_names(t))
                    class_bylines.push_back({i, split_names(t)});
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

    // title: the page's own metadata as written (a "| Site" suffix in og:title is the
    // publisher's choice and reader views keep it), else the <title> cleaned of the site name
    std::string title = meta.first({"citation_title"});
    if (title.empty()) title = ld.headline;
    if (title.empty()) {
        title = meta.first({"dc:title", "dc.title", "dcterm:title", "dcterms.title", "og:title",
                            "weibo:article:title", "weibo:webpage:title", "title",
                            "twitter:title", "parsely-title"});
    }
    std::string from_tag = title_from_title_tag(title_tag, headings, h1s);
    if (title.empty()) title = from_tag;
    out.title = trim(title);
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
    if (titles != nullptr) *titles = title_forms;
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
    NearTitle near = scan_near_title(dom, lines, title_forms);

    // authors
    std::vector<std::string> authors;
    for (const auto& a : meta.all("citation_author")) {
        add_unique(authors, surname_first(a));
    }
    if (authors.empty()) authors = ld.authors;
    // the first of these keys present; a page may repeat it, one author each
    for (std::string_view key : {"dc:creator", "dc.creator", "dcterm:creator", "dcterms.creator",
                                 "author", "parsely-author", "sailthru.author", "byl",
                                 "article:author_name"}) {
        if (!authors.empty()) break;
        for (const auto& m : meta.all(key)) {
            if (is_url(m)) continue;
            for (auto& name : split_names(m)) add_unique(authors, name);
        }
    }
    if (authors.empty()) {
        for (const char* key : {"article:author", "og:article:author"}) {
            for (const auto& a : meta.all(key)) {
                if (!is_url(a)) {
                    for (auto& n : split_names(a)) add_unique(authors, n);
                }
            }
        }
    }
    const int title_node = title_heading(heading_nodes, headings, title_forms);
    // a byline in the article's head beats one elsewhere, whichever markup it uses
    const Hit* dom_zone = zone_hit(dom_authors, title_node);
    const Hit* class_zone = zone_hit(class_bylines, title_node);
    if (authors.empty() && dom_zone != nullptr) authors = byline_names(dom, dom_authors, dom_zone);
    if (authors.empty() && class_zone != nullptr)
        authors = byline_names(dom, class_bylines, class_zone);
    if (authors.empty()) authors = byline_names(dom, dom_authors, nullptr);
    if (authors.empty()) authors = byline_names(dom, class_bylines, nullptr);
    if (authors.empty()) authors = near.authors;
    if (authors.empty()) authors = blogger_authors;
    out.authors.clear();
    for (const auto& a : authors) add_unique(out.authors, a);

    // published date
    // scholarly citation tags, then JSON-LD (written for search engines, it is usually the
    // most deliberate), then the other meta tags
    std::string date = iso_date(meta.first({"citation_publication_date", "citation_date",
                                            "citation_online_date"}));
    const char* date_source = "citation meta";
    auto fallback = [&](const std::string& candidate, const char* source) {
        if (date.empty() && !candidate.empty()) {
            date = candidate;
            date_source = source;
        }
    };
    fallback(iso_date(ld.published), "JSON-LD");
    fallback(iso_date(meta.first({"article:published_time", "og:article:published_time",
                                  "datepublished", "dc.date.issued", "dcterms.issued", "dc.date",
                                  "dcterms.date", "dcterms.created", "parsely-pub-date",
                                  "sailthru.date", "pubdate", "publishdate", "publish-date", "publish_date",
                                  "article.published", "originalpublicationdate", "date"})),
             "meta");
    fallback(itemprop_date, "itemprop=datePublished");
    fallback(time_date, "<time>");
    fallback(published_class_date, "class 'published'");
    fallback(date_header, "date header");
    fallback(near.date, "text near the title");
    if (date.empty()) {
        // /2025/08/26/ in the URL
        std::string u(url);
        for (std::size_t p = u.find('/'); p != std::string::npos && date.empty(); p = u.find('/', p + 1)) {
            if (p + 11 < u.size() && std::isdigit(static_cast<unsigned char>(u[p + 1]))) {
                std::string part = u.substr(p + 1, 10);
                if (part.size() == 10 && part[4] == '/' && part[7] == '/') {
                    date = iso_date(part);
                    date_source = "URL";
                }
            }
        }
    }
    if (!date.empty()) spdlog::debug("extract: {}: published {} from {}", url, date, date_source);
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
