#include "thinkdex/query/render.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string_view>

#include <nlohmann/json.hpp>

namespace thinkdex::query {

namespace {

std::string format_ms(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, ms < 10 ? "%.2f ms" : "%.0f ms", ms);
    return buf;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += sep;
        out += item;
    }
    return out;
}

/// Replaces C0 and C1 control characters (ESC, CSI, ...) with spaces: index content must not
/// be able to move the cursor or recolour a terminal.
std::string terminal_safe(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) {
            out.push_back(' ');
        } else if (c == 0xC2 && i + 1 < s.size() &&
                   static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            out.push_back(' ');
            ++i;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::string results_phrase(const SearchResult& result) {
    std::string n = std::to_string(result.total);
    std::string noun = result.total == 1 ? " result" : " results";
    return (result.total_exact ? "" : "about ") + n + noun;
}

std::string byline(const Hit& hit, std::string_view sep) {
    std::vector<std::string> parts;
    if (!hit.authors.empty()) parts.push_back(join(hit.authors, ", "));
    if (!hit.published.empty()) parts.push_back(hit.published);
    if (!hit.site.empty()) parts.push_back(hit.site);
    return join(parts, sep);
}

std::string snippet_text(const std::vector<SnippetPart>& parts) {
    std::string out;
    for (const auto& p : parts) out += p.text;
    return out;
}

std::string snippet_html(const std::vector<SnippetPart>& parts) {
    std::string out;
    for (const auto& p : parts) {
        if (p.match) out += "<mark>" + html_escape(p.text) + "</mark>";
        else out += html_escape(p.text);
    }
    return out;
}

bool is_web_url(std::string_view url) {
    auto starts = [&](std::string_view scheme) {
        if (url.size() < scheme.size()) return false;
        for (std::size_t i = 0; i < scheme.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
        return true;
    };
    return starts("http://") || starts("https://");
}

// ---- HTML page ----

constexpr std::string_view kStyle = R"css(
:root{color-scheme:light dark;--accent:#0b57d0;--muted:#5f6368}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:62rem;padding:0 1rem 2rem}
header h1{font-size:1.4rem;margin:1rem 0 .5rem}
header a{color:inherit;text-decoration:none}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
form .q{flex:1 1 16rem;display:flex;flex-direction:column}
form .d{display:flex;flex-direction:column;width:9rem}
label{font-size:.85rem;color:var(--muted)}
input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid #8884;border-radius:.4rem}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
.status{color:var(--muted);margin:1rem 0}
.feed{font-size:.9rem}
.layout{display:grid;grid-template-columns:1fr 14rem;gap:2rem}
@media (max-width:48rem){.layout{grid-template-columns:1fr}}
ol.results{padding-left:1.5rem;margin:0}
ol.results li{margin-bottom:1.25rem}
ol.results h2{font-size:1.1rem;margin:0;font-weight:600}
.meta,.url{color:var(--muted);font-size:.9rem;margin:.1rem 0;overflow-wrap:anywhere}
.snippet{margin:.25rem 0}
mark{background:#ffe58a;color:inherit;padding:0 .1em}
aside h2{font-size:1rem;margin:0 0 .25rem}
aside ul{list-style:none;padding:0;margin:0 0 1rem}
aside li{margin:.15rem 0}
.count{color:var(--muted)}
.active{font-weight:600}
nav.pages{display:flex;gap:1rem;align-items:center;margin-top:1.5rem}
a{color:var(--accent)}
)css";

/// Query string of the page for `r`, HTML-escaped for an href attribute (starts with "?").
std::string page_href(const PageRequest& r) { return html_escape("?" + page_query_string(r)); }

/// The Atom feed of the same search: its first page, newest first.
std::string feed_href(const PageRequest& request) {
    PageRequest feed = request;
    feed.page = 1;
    feed.sort = SortOrder::kRelevance;
    feed.format = PageFormat::kAtom;
    return page_href(feed);
}

std::string sort_option(const PageRequest& request, SortOrder order, std::string_view value,
                        std::string_view label) {
    return "<option value=\"" + std::string(value) + "\"" +
           (request.sort == order ? " selected" : "") + ">" + std::string(label) + "</option>";
}

std::string page_start(const PageRequest& request, const std::string& title) {
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    h += "<meta name=\"robots\" content=\"noindex\">\n";
    h += "<title>" + html_escape(title) + "</title>\n";
    // Feed readers and browsers find the saved search's feed and the engine from the head.
    h += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" +
         html_escape(request.q.empty() ? "New publications" : "New results for " + request.q) +
         "\" href=\"" + feed_href(request) + "\">\n";
    h += "<link rel=\"search\" type=\"application/opensearchdescription+xml\" "
         "title=\"thinkdex\" href=\"?format=opensearch\">\n";
    h += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
    h += "<header><h1><a href=\"?\">thinkdex</a></h1></header>\n";
    h += "<search>\n<form method=\"get\" action=\"\">\n";
    h += "<div class=\"q\"><label for=\"q\">Search publications</label>";
    h += "<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"" +
         std::to_string(kMaxQueryBytes) + "\" value=\"" + html_escape(request.q) + "\"></div>\n";
    h += "<div class=\"d\"><label for=\"since\">From</label><input id=\"since\" name=\"since\" "
         "placeholder=\"YYYY-MM-DD\" pattern=\"[0-9]{4}(-[0-9]{2}){0,2}\" value=\"" +
         html_escape(request.since) + "\"></div>\n";
    h += "<div class=\"d\"><label for=\"until\">To</label><input id=\"until\" name=\"until\" "
         "placeholder=\"YYYY-MM-DD\" pattern=\"[0-9]{4}(-[0-9]{2}){0,2}\" value=\"" +
         html_escape(request.until) + "\"></div>\n";
    h += "<div class=\"d\"><label for=\"sort\">Order</label><select id=\"sort\" name=\"sort\">" +
         sort_option(request, SortOrder::kRelevance, "relevance", "Relevance") +
         sort_option(request, SortOrder::kNewest, "newest", "Newest first") +
         sort_option(request, SortOrder::kOldest, "oldest", "Oldest first") + "</select></div>\n";
    // Active facet filters survive a new query from the form.
    if (!request.author.empty())
        h += "<input type=\"hidden\" name=\"author\" value=\"" + html_escape(request.author) +
             "\">\n";
    if (!request.year.empty())
        h += "<input type=\"hidden\" name=\"year\" value=\"" + html_escape(request.year) +
             "\">\n";
    h += "<button type=\"submit\">Search</button>\n</form>\n</search>\n<main>\n";
    return h;
}

constexpr std::string_view kPageEnd = "</main>\n</body>\n</html>\n";

std::string page_title(const PageRequest& request) {
    const bool filtered = !request.author.empty() || !request.year.empty() ||
                          !request.since.empty() || !request.until.empty();
    if (request.q.empty() && !filtered) return "thinkdex search";
    std::string title = request.q.empty() ? "Publications" : request.q;
    if (request.page > 1) title += " – page " + std::to_string(request.page);
    return title + " – thinkdex";
}

std::string facet_section(const PageRequest& request, const std::string& heading,
                          const std::vector<FacetValue>& values, std::string PageRequest::*field) {
    if (values.empty() && (request.*field).empty()) return {};
    std::string h = "<section><h2>" + heading + "</h2><ul>\n";
    for (const auto& v : values) {
        PageRequest link = request;
        link.page = 1;
        bool active = request.*field == v.value;
        link.*field = active ? std::string() : v.value;
        h += "<li><a href=\"" + page_href(link) + "\"" + (active ? " class=\"active\"" : "") +
             (active ? " title=\"Remove this filter\">✕ " : ">") + html_escape(v.value) +
             "</a> <span class=\"count\">(" + std::to_string(v.count) + ")</span></li>\n";
    }
    h += "</ul></section>\n";
    return h;
}

std::string active_filters(const PageRequest& request) {
    std::string h;
    auto chip = [&](const std::string& label, std::string PageRequest::*field) {
        if ((request.*field).empty()) return;
        PageRequest link = request;
        link.page = 1;
        link.*field = std::string();
        h += "<li>" + label + ": " + html_escape(request.*field) + " <a href=\"" +
             page_href(link) + "\">remove</a></li>\n";
    };
    chip("Author", &PageRequest::author);
    chip("Year", &PageRequest::year);
    chip("From", &PageRequest::since);
    chip("To", &PageRequest::until);
    if (h.empty()) return h;
    return "<section><h2>Filters</h2><ul>\n" + h + "</ul></section>\n";
}

}  // namespace

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string render_text(const SearchResult& result, bool color) {
    const std::string bold = color ? "\033[1m" : "**";
    const std::string unbold = color ? "\033[22m" : "**";
    const std::string dim = color ? "\033[2m" : "";
    const std::string undim = color ? "\033[22m" : "";
    std::string out;
    if (!result.corrected_query.empty())
        out += "Did you mean: " + terminal_safe(result.corrected_query) + "\n\n";
    if (result.hits.empty()) {
        out += result.total == 0 ? "No results"
                                 : "No results on this page (" + results_phrase(result) + ")";
        out += result.query.empty() ? ".\n" : " for '" + terminal_safe(result.query) + "'.\n";
    }
    for (const auto& hit : result.hits) {
        std::string title = hit.title.empty() ? hit.url : hit.title;
        out += std::to_string(hit.rank) + ". " + (color ? bold : "") + terminal_safe(title) +
               (color ? unbold : "") + "\n";
        if (auto by = byline(hit, " · "); !by.empty())
            out += "   " + dim + terminal_safe(by) + undim + "\n";
        if (!hit.url.empty()) out += "   " + terminal_safe(hit.url) + "\n";
        if (!hit.snippet.empty()) {
            out += "   ";
            for (const auto& part : hit.snippet) {
                if (part.match) out += bold + terminal_safe(part.text) + unbold;
                else out += terminal_safe(part.text);
            }
            out += "\n";
        }
        out += "\n";
    }
    auto facet_line = [&](const char* label, const char* name) {
        auto it = result.facets.find(name);
        if (it == result.facets.end() || it->second.empty()) return;
        out += label;
        for (std::size_t i = 0; i < it->second.size(); ++i) {
            out += i ? ", " : " ";
            out += terminal_safe(it->second[i].value) + " (" +
                   std::to_string(it->second[i].count) + ")";
        }
        out += "\n";
    };
    facet_line("Authors:", "author");
    facet_line("Years:", "year");
    out += results_phrase(result);
    if (!result.hits.empty())
        out += ", showing " + std::to_string(result.hits.front().rank) + "-" +
               std::to_string(result.hits.back().rank);
    out += ", " + format_ms(result.elapsed_ms) + "\n";
    return out;
}

std::string render_json(const SearchResult& result) {
    using Json = nlohmann::ordered_json;
    Json results = Json::array();
    for (const auto& hit : result.hits) {
        Json matches = Json::array();
        for (const auto& part : hit.snippet)
            if (part.match) matches.push_back(part.text);
        results.push_back({
            {"rank", hit.rank},
            {"score", hit.score},
            {"id", hit.id},
            {"url", hit.url},
            {"title", hit.title},
            {"authors", hit.authors},
            {"published", hit.published},
            {"site", hit.site},
            {"snippet", snippet_text(hit.snippet)},
            {"snippet_html", snippet_html(hit.snippet)},
            {"matches", matches},
        });
    }
    Json facets = Json::object();
    for (const auto& [name, values] : result.facets) {
        Json list = Json::array();
        for (const auto& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
        facets[name] = list;
    }
    Json doc = {
        {"query", result.query},
        {"corrected_query", result.corrected_query},
        {"total", result.total},
        {"total_exact", result.total_exact},
        {"offset", result.offset},
        {"limit", result.limit},
        {"elapsed_ms", result.elapsed_ms},
        {"results", results},
        {"facets", facets},
    };
    return doc.dump(2, ' ', false, Json::error_handler_t::replace);
}

std::string render_html_page(const PageRequest& request, const SearchResult& result,
                             std::size_t page_size) {
    std::string h = page_start(request, page_title(request));
    h += "<p class=\"status\" role=\"status\" aria-live=\"polite\">";
    if (result.total == 0) {
        h += "No results";
    } else {
        std::string first = std::to_string(result.offset + 1);
        std::string last = std::to_string(result.offset + result.hits.size());
        h += result.hits.empty() ? "No results on this page of " + results_phrase(result)
                                 : "Results " + first + "–" + last + " of " +
                                       results_phrase(result);
    }
    if (!request.q.empty()) h += " for “" + html_escape(request.q) + "”";
    h += " (" + format_ms(result.elapsed_ms) + ")</p>\n";
    h += "<p class=\"feed\"><a type=\"application/atom+xml\" href=\"" + feed_href(request) +
         "\">Subscribe to this search (Atom feed)</a></p>\n";
    if (!result.corrected_query.empty()) {
        PageRequest fixed = request;
        fixed.q = result.corrected_query;
        fixed.page = 1;
        h += "<p class=\"status\">Did you mean <a href=\"" + page_href(fixed) + "\">" +
             html_escape(result.corrected_query) + "</a>?</p>\n";
    }

    h += "<div class=\"layout\">\n<div>\n";
    if (!result.hits.empty()) {
        h += "<ol class=\"results\" start=\"" + std::to_string(result.hits.front().rank) + "\">\n";
        for (const auto& hit : result.hits) {
            std::string title = html_escape(hit.title.empty() ? hit.url : hit.title);
            h += "<li><h2>";
            // Only web links: a javascript: URL from a crawled page must not become clickable.
            if (is_web_url(hit.url)) h += "<a href=\"" + html_escape(hit.url) + "\">" + title + "</a>";
            else h += title;
            h += "</h2>\n";
            std::string meta;
            if (!hit.authors.empty())
                meta += "<span class=\"authors\">" + html_escape(join(hit.authors, ", ")) +
                        "</span>";
            if (!hit.published.empty())
                meta += std::string(meta.empty() ? "" : " · ") + "<time datetime=\"" +
                        html_escape(hit.published) + "\">" + html_escape(hit.published) +
                        "</time>";
            if (!hit.site.empty())
                meta += std::string(meta.empty() ? "" : " · ") + "<span class=\"site\">" +
                        html_escape(hit.site) + "</span>";
            if (!meta.empty()) h += "<p class=\"meta\">" + meta + "</p>\n";
            if (!hit.snippet.empty())
                h += "<p class=\"snippet\">" + snippet_html(hit.snippet) + "</p>\n";
            if (!hit.url.empty()) h += "<p class=\"url\">" + html_escape(hit.url) + "</p>\n";
            h += "</li>\n";
        }
        h += "</ol>\n";
    }

    // Paging: previous/next; the last page is known from the exact total.
    std::size_t pages = page_size == 0 ? 1 : (result.total + page_size - 1) / page_size;
    if (pages > kMaxPage) pages = kMaxPage;
    if (request.page > 1 || request.page < pages) {
        h += "<nav class=\"pages\" aria-label=\"Pages\">\n";
        if (request.page > 1) {
            PageRequest prev = request;
            prev.page = std::min(request.page - 1, std::max<std::size_t>(pages, 1));
            h += "<a rel=\"prev\" href=\"" + page_href(prev) + "\">← Previous</a>\n";
        }
        h += "<span>Page " + std::to_string(request.page) + " of " +
             std::to_string(std::max<std::size_t>(pages, 1)) + "</span>\n";
        if (request.page < pages) {
            PageRequest next = request;
            next.page = request.page + 1;
            h += "<a rel=\"next\" href=\"" + page_href(next) + "\">Next →</a>\n";
        }
        h += "</nav>\n";
    }
    h += "</div>\n";

    std::string facets = active_filters(request);
    auto section = [&](const char* name, const std::string& heading,
                       std::string PageRequest::*field) {
        auto it = result.facets.find(name);
        static const std::vector<FacetValue> kNone;
        facets += facet_section(request, heading, it == result.facets.end() ? kNone : it->second,
                                field);
    };
    section("author", "Authors", &PageRequest::author);
    section("year", "Years", &PageRequest::year);
    if (!facets.empty()) h += "<aside aria-label=\"Refine the results\">\n" + facets + "</aside>\n";
    h += "</div>\n";
    h += kPageEnd;
    return h;
}

std::string render_html_message(const PageRequest& request, const std::string& message) {
    std::string h = page_start(request, page_title(request));
    h += "<p class=\"status\" role=\"status\" aria-live=\"polite\">" + html_escape(message) +
         "</p>\n";
    h += kPageEnd;
    return h;
}

}  // namespace thinkdex::query
