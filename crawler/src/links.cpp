#include "links.hpp"

#include <gumbo.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>

#include "thinkdex/crawler/crawler.hpp"
#include "url.hpp"

namespace thinkdex::crawler {

namespace {

std::string lower(std::string s) {
    std::ranges::transform(s, s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string trim(std::string s) {
    auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!s.empty() && space(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && space(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
}

std::string attribute(const GumboElement& e, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
    return a ? trim(a->value) : std::string();
}

// True when the space-separated `list` ("alternate nofollow") contains `word`.
bool has_word(const std::string& list, std::string_view word) {
    std::string l = lower(list);
    std::size_t pos = 0;
    while (pos < l.size()) {
        std::size_t end = l.find_first_of(" \t\n\r\f", pos);
        if (end == std::string::npos) end = l.size();
        if (std::string_view(l).substr(pos, end - pos) == word) return true;
        pos = end + 1;
    }
    return false;
}

struct WalkState {
    const std::string& page_url;
    std::string_view product_token;
    bool base_seen = false;
};

void walk(const GumboNode* node, PageLinks& out, WalkState& state) {
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
    if (node->type == GUMBO_NODE_ELEMENT) {
        const GumboElement& e = node->v.element;
        switch (e.tag) {
            case GUMBO_TAG_BASE:
                // Only the first <base href> counts (HTML spec).
                if (!state.base_seen) {
                    std::string href = attribute(e, "href");
                    if (!href.empty()) {
                        state.base_seen = true;
                        if (auto resolved = request_url(href, state.page_url)) out.base = *resolved;
                    }
                }
                break;
            case GUMBO_TAG_A:
            case GUMBO_TAG_AREA: {
                std::string href = attribute(e, "href");
                if (href.empty()) break;
                if (has_word(attribute(e, "rel"), "nofollow")) out.nofollow_links.push_back(href);
                else out.links.push_back(href);
                break;
            }
            case GUMBO_TAG_LINK: {
                std::string rel = attribute(e, "rel");
                std::string href = attribute(e, "href");
                if (href.empty()) break;
                std::string type = lower(attribute(e, "type"));
                if (has_word(rel, "alternate") &&
                    (type == "application/rss+xml" || type == "application/atom+xml")) {
                    out.feeds.push_back(href);
                } else if (has_word(rel, "alternate") && type == "application/pdf") {
                    out.pdfs.push_back(href);
                } else if (has_word(rel, "canonical") && out.canonical.empty()) {
                    out.canonical = href;
                }
                break;
            }
            case GUMBO_TAG_META: {
                const std::string name = lower(attribute(e, "name"));
                if (is_directives_meta(name, state.product_token)) {
                    add_directives(attribute(e, "content"), out.directives);
                } else if (name == "citation_pdf_url") {
                    if (std::string href = attribute(e, "content"); !href.empty())
                        out.pdfs.push_back(std::move(href));
                }
                break;
            }
            default:
                break;
        }
    }
    const GumboVector& children = node->type == GUMBO_NODE_DOCUMENT
                                      ? node->v.document.children
                                      : node->v.element.children;
    for (unsigned int i = 0; i < children.length; ++i) {
        walk(static_cast<const GumboNode*>(children.data[i]), out, state);
    }
}

struct XmlDocDeleter {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Never loads external entities or DTDs (no XXE), never touches the network, and recovers
// from the broken markup feeds are known for.
XmlDoc read_xml(std::string_view xml) {
    if (xml.size() > static_cast<std::size_t>(INT32_MAX)) return nullptr;
    return XmlDoc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                                XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                                    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
}

bool named(const xmlNode* n, const char* name) {
    return n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

std::string text_of(const xmlNode* n) {
    xmlChar* content = xmlNodeGetContent(n);
    if (!content) return {};
    std::string s = trim(reinterpret_cast<const char*>(content));
    xmlFree(content);
    return s;
}

std::string attr_of(const xmlNode* n, const char* name) {
    xmlChar* value = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    if (!value) return {};
    std::string s = trim(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return s;
}

const xmlNode* child(const xmlNode* n, const char* name) {
    for (const xmlNode* c = n->children; c; c = c->next) {
        if (named(c, name)) return c;
    }
    return nullptr;
}

void collect_items(const xmlNode* n, std::vector<std::string>& out) {
    for (const xmlNode* c = n; c; c = c->next) {
        if (named(c, "item")) {  // RSS
            std::string link;
            if (const xmlNode* l = child(c, "link")) link = text_of(l);
            if (link.empty()) {
                if (const xmlNode* g = child(c, "guid")) {
                    std::string guid = text_of(g);
                    if (lower(attr_of(g, "isPermaLink")) != "false" &&
                        (guid.starts_with("http://") || guid.starts_with("https://"))) {
                        link = guid;
                    }
                }
            }
            if (!link.empty()) out.push_back(link);
        } else if (named(c, "entry")) {  // Atom
            std::string link;
            for (const xmlNode* l = c->children; l; l = l->next) {
                if (!named(l, "link")) continue;
                std::string rel = attr_of(l, "rel");
                if (rel.empty() || rel == "alternate") {
                    link = attr_of(l, "href");
                    break;
                }
            }
            if (!link.empty()) out.push_back(link);
        } else if (c->type == XML_ELEMENT_NODE) {
            collect_items(c->children, out);
        }
    }
}

}  // namespace

PageLinks extract_links(std::string_view html, const std::string& page_url,
                        std::string_view product_token) {
    PageLinks out;
    out.base = page_url;
    GumboOutput* doc = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
    if (!doc) return out;
    WalkState state{page_url, product_token};
    walk(doc->document, out, state);
    gumbo_destroy_output(&kGumboDefaultOptions, doc);
    return out;
}

std::string_view html_head(std::string_view html) {
    // Case-insensitive: whether `html` has `tag` (lower case) at `at`, followed by a delimiter.
    auto tag_at = [&](std::size_t at, std::string_view tag) {
        if (html.size() - at < tag.size() + 1) return false;
        for (std::size_t i = 0; i < tag.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(html[at + i])) != tag[i]) return false;
        const char next = html[at + tag.size()];
        return next == '>' || next == '/' || std::isspace(static_cast<unsigned char>(next));
    };
    for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at)) {
        if (tag_at(at, "<body") || tag_at(at, "</head")) return html.substr(0, at);
        std::string_view close;
        if (html.substr(at).starts_with("<!--")) close = "-->";
        else if (tag_at(at, "<script")) close = "</script";
        else if (tag_at(at, "<style")) close = "</style";
        if (close.empty()) {
            ++at;
            continue;
        }
        // The end of a comment, script or style, whose text may say "<body".
        std::size_t end = at + 1;
        for (;; ++end) {
            end = close == "-->" ? html.find(close, end) : html.find("</", end);
            if (end == std::string_view::npos || close == "-->" || tag_at(end, close)) break;
        }
        if (end == std::string_view::npos) break;
        at = end + 1;
    }
    return html;
}

PageLinks extract_head_links(std::string_view html, const std::string& page_url,
                             std::string_view product_token) {
    return extract_links(html_head(html), page_url, product_token);
}

Result<Sitemap> parse_sitemap(std::string_view xml, std::size_t max_entries) {
    XmlDoc doc = read_xml(xml);
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root) return std::unexpected(Error{"sitemap", "not XML"});
    bool index = named(root, "sitemapindex");
    if (!index && !named(root, "urlset")) {
        return std::unexpected(Error{"sitemap", std::string("root element is <") +
                                                    reinterpret_cast<const char*>(root->name) +
                                                    ">, not <urlset> or <sitemapindex>"});
    }
    Sitemap out;
    auto& entries = index ? out.sitemaps : out.urls;
    for (const xmlNode* c = root->children; c && entries.size() < max_entries; c = c->next) {
        if (!named(c, index ? "sitemap" : "url")) continue;
        SitemapEntry entry;
        if (const xmlNode* loc = child(c, "loc")) entry.loc = text_of(loc);
        if (const xmlNode* lastmod = child(c, "lastmod")) entry.lastmod = text_of(lastmod);
        if (!entry.loc.empty()) entries.push_back(std::move(entry));
    }
    return out;
}

Result<std::vector<std::string>> parse_feed(std::string_view xml) {
    XmlDoc doc = read_xml(xml);
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root) return std::unexpected(Error{"feed", "not XML"});
    if (!named(root, "rss") && !named(root, "feed") && !named(root, "RDF")) {
        return std::unexpected(Error{"feed", std::string("root element is <") +
                                                 reinterpret_cast<const char*>(root->name) +
                                                 ">, not <rss> or <feed>"});
    }
    std::vector<std::string> out;
    collect_items(root->children, out);
    return out;
}

std::optional<std::int64_t> parse_lastmod(std::string_view text) {
    std::string s = trim(std::string(text));
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
    int fields = std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed);
    std::int64_t span = 0;  // length of the named period minus one second
    if (fields == 3) {
        span = 86399;
    } else if (std::sscanf(s.c_str(), "%4d-%2d%n", &year, &month, &consumed) == 2) {
        day = 1;
        span = 31 * 86400 - 1;  // "some time that month": err on the late side
    } else if (std::sscanf(s.c_str(), "%4d%n", &year, &consumed) == 1 && consumed == 4) {
        month = day = 1;
        span = 366 * 86400 - 1;
    } else {
        return std::nullopt;
    }
    if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    std::string_view rest = std::string_view(s).substr(static_cast<std::size_t>(consumed));
    std::int64_t offset = 0;
    if (fields == 3 && !rest.empty()) {
        int used = 0;
        std::string time(rest);
        if (std::sscanf(time.c_str(), "T%2d:%2d%n", &hour, &minute, &used) != 2) return std::nullopt;
        rest.remove_prefix(static_cast<std::size_t>(used));
        span = 59;
        if (rest.starts_with(':')) {
            time = std::string(rest);
            if (std::sscanf(time.c_str(), ":%2d%n", &second, &used) != 1) return std::nullopt;
            rest.remove_prefix(static_cast<std::size_t>(used));
            span = 0;
            if (rest.starts_with('.')) {
                rest.remove_prefix(1);
                while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
                span = 1;
            }
        }
        if (rest == "Z" || rest.empty()) {
            offset = 0;
        } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
            int oh = 0, om = 0;
            time = std::string(rest.substr(1));
            if (std::sscanf(time.c_str(), "%2d:%2d", &oh, &om) != 2) return std::nullopt;
            offset = (rest[0] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
        } else {
            return std::nullopt;
        }
    } else if (!rest.empty()) {
        return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return static_cast<std::int64_t>(timegm(&tm)) - offset + span;
}

}  // namespace thinkdex::crawler
