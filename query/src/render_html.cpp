// The CGI's HTML5 search page: the form, the results, paging and the facet sidebar (declared in
// render.hpp).

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "thinkdex/common/facet.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/query/render.hpp"
#include "page_filters.hpp"
#include "render_parts.hpp"

namespace thinkdex::query {

namespace {

/// The PDF badge of a hit on the search page, a link to its PDF at the snippet's page.
std::string pdf_badge(const Hit& hit) {
    std::string page = hit.page > 0 ? " p. " + std::to_string(hit.page) : "";
    return "<a class=\"badge pdf\" type=\"application/pdf\" href=\"" +
           html_escape(pdf_link(hit)) + "\">PDF" + page + "</a>";
}

/// Query string of the page for `r`, HTML-escaped for an href attribute (starts with "?").
std::string page_href(const PageRequest& r) { return html_escape("?" + page_query_string(r)); }

/// The Atom feed of the same search: its first page, newest first.
std::string feed_href(const PageRequest& request) {
    PageRequest feed = at_page(request, 1);
    feed.query.sort.clear();
    feed.format = PageFormat::kAtom;
    return page_href(feed);
}

std::string sort_option(const PageRequest& request, SortOrder order, std::string_view value,
                        std::string_view label) {
    return "<option value=\"" + std::string(value) + "\"" +
           (page_sort(request) == order ? " selected" : "") + ">" + std::string(label) +
           "</option>";
}

std::string page_start(const PageRequest& request, const std::string& title,
                       std::string_view stylesheet) {
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    h += "<meta name=\"robots\" content=\"noindex\">\n";
    h += "<title>" + html_escape(title) + "</title>\n";
    // Feed readers and browsers find the saved search's feed and the engine from the head.
    h += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" +
         html_escape(request.query.text.empty() ? "New publications"
                                            : "New results for " + request.query.text) +
         "\" href=\"" + feed_href(request) + "\">\n";
    h += "<link rel=\"search\" type=\"application/opensearchdescription+xml\" "
         "title=\"thinkdex\" href=\"?format=opensearch\">\n";
    // The style is a separate, cacheable file (cli/thinkdex.css); the page reads well without.
    if (!stylesheet.empty())
        h += "<link rel=\"stylesheet\" href=\"" + html_escape(std::string(stylesheet)) + "\">\n";
    h += "</head>\n<body>\n";
    h += "<header><h1><a href=\"?\">thinkdex</a></h1></header>\n";
    h += "<search>\n<form method=\"get\" action=\"\">\n";
    h += "<div class=\"q\"><label for=\"q\">Search publications</label>";
    h += "<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"" +
         std::to_string(kMaxQueryBytes) + "\" value=\"" + html_escape(request.query.text) +
         "\"></div>\n";
    h += "<div class=\"d\"><label for=\"since\">From</label><input id=\"since\" name=\"since\" "
         "placeholder=\"YYYY-MM-DD\" pattern=\"[0-9]{4}(-[0-9]{2}){0,2}\" value=\"" +
         html_escape(request.query.since) + "\"></div>\n";
    h += "<div class=\"d\"><label for=\"until\">To</label><input id=\"until\" name=\"until\" "
         "placeholder=\"YYYY-MM-DD\" pattern=\"[0-9]{4}(-[0-9]{2}){0,2}\" value=\"" +
         html_escape(request.query.until) + "\"></div>\n";
    h += "<div class=\"d\"><label for=\"sort\">Order</label><select id=\"sort\" name=\"sort\">" +
         sort_option(request, SortOrder::kRelevance, "relevance", "Relevance") +
         sort_option(request, SortOrder::kRecent, "recent", "Relevance, recent first") +
         sort_option(request, SortOrder::kNewest, "newest", "Newest first") +
         sort_option(request, SortOrder::kOldest, "oldest", "Oldest first") + "</select></div>\n";
    // Active facet filters survive a new query from the form.
    for (const auto& filter : kPageFilters)
        for (const auto& v : request.query.*filter.values)
            h += "<input type=\"hidden\" name=\"" + std::string(filter.parameter) +
                 "\" value=\"" + html_escape(v) + "\">\n";
    h += "<button type=\"submit\">Search</button>\n</form>\n</search>\n<main>\n";
    return h;
}

/// Download links for the hit's citation as BibTeX and RIS (format=bibtex|ris&id=...).
std::string cite_links(const Hit& hit) {
    PageRequest bibtex;
    bibtex.format = PageFormat::kBibtex;
    bibtex.id = hit.id;
    PageRequest ris = bibtex;
    ris.format = PageFormat::kRis;
    std::string title = html_escape(hit.title.empty() ? hit.url : hit.title);
    return "<p class=\"cite\">Cite: <a href=\"" + page_href(bibtex) +
           "\" download type=\"application/x-bibtex\" aria-label=\"BibTeX citation of " + title +
           "\">BibTeX</a> · <a href=\"" + page_href(ris) +
           "\" download type=\"application/x-research-info-systems\" aria-label=\"RIS "
           "citation of " + title + "\">RIS</a></p>\n";
}

constexpr std::string_view kPageEnd = "</main>\n</body>\n</html>\n";

std::string page_title(const PageRequest& request) {
    const UserQuery& user = request.query;
    if (user.text.empty() && !has_filters(user)) return "thinkdex search";
    std::string title = user.text.empty() ? "Publications" : user.text;
    if (page_number(request) > 1) title += " – page " + std::to_string(page_number(request));
    return title + " – thinkdex";
}

/// Filter values compare as their filter terms do: ASCII case and a host's "www." ignored.
std::string facet_key(std::string_view value) {
    std::string key(value);
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::string(schema::bare_host(key));
}

/// The sidebar's section of `filter`'s facet, whose counts are `values`. A facet with a filter
/// lists only its selected values, each a link removing it; one without lists every value as a
/// link adding it, so that each count shown beside an adding link is exactly the total of the
/// page it leads to.
std::string facet_section(const PageRequest& request, const PageFilter& filter,
                          const std::vector<FacetValue>& values) {
    const auto& selected = request.query.*filter.values;
    if (values.empty() && selected.empty()) return {};
    std::string h = "<section><h2>" + std::string(filter.heading) + "</h2><ul>\n";
    auto item = [&](const std::string& value, const std::string& label, bool active,
                    const std::string& count) {
        PageRequest link = at_page(request, 1);
        auto& filtered = link.query.*filter.values;
        if (active) std::erase(filtered, value);
        else filtered.push_back(value);
        h += "<li><a href=\"" + page_href(link) + "\"" + (active ? " class=\"active\"" : "") +
             (active ? " title=\"Remove this filter\">✕ " : ">") +
             html_escape(label.empty() ? value : label) + "</a>" +
             (count.empty() ? "" : " <span class=\"count\">(" + count + ")</span>") + "</li>\n";
    };
    for (const auto& s : selected) {
        auto it = std::find_if(values.begin(), values.end(), [&](const FacetValue& v) {
            return facet_key(v.value) == facet_key(s);
        });
        if (it == values.end()) item(s, s, true, "");
        else item(s, it->label, true, std::to_string(it->count));
    }
    if (selected.empty())
        for (const auto& v : values) item(v.value, v.label, false, std::to_string(v.count));
    h += "</ul></section>\n";
    return h;
}

std::string active_filters(const PageRequest& request) {
    std::string h;
    auto chip = [&](std::string_view label, const std::string& value, PageRequest without) {
        h += "<li>" + std::string(label) + ": " + html_escape(value) + " <a href=\"" +
             page_href(at_page(std::move(without), 1)) + "\">remove</a></li>\n";
    };
    for (const auto& filter : kPageFilters) {
        for (const auto& value : request.query.*filter.values) {
            PageRequest without = request;
            std::erase(without.query.*filter.values, value);
            chip(filter.label, value, std::move(without));
        }
    }
    for (const auto& [label, field] :
         {std::pair{"From", &UserQuery::since}, std::pair{"To", &UserQuery::until}}) {
        if ((request.query.*field).empty()) continue;
        PageRequest without = request;
        (without.query.*field).clear();
        chip(label, request.query.*field, std::move(without));
    }
    if (h.empty()) return h;
    return "<section><h2>Filters</h2><ul>\n" + h + "</ul></section>\n";
}

/// One result of the list: title, byline, snippet, URL, other copies and citation links.
std::string hit_item(const Hit& hit) {
    std::string h;
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
    if (is_web_url(hit.pdf_url))
        meta += std::string(meta.empty() ? "" : " · ") + pdf_badge(hit);
    if (!meta.empty()) h += "<p class=\"meta\">" + meta + "</p>\n";
    if (!hit.snippet.empty())
        h += "<p class=\"snippet\">" + snippet_html(hit.snippet) + "</p>\n";
    if (!hit.url.empty()) h += "<p class=\"url\">" + html_escape(hit.url) + "</p>\n";
    if (!hit.also_at.empty()) {
        h += "<p class=\"meta also\">Also at: ";
        for (std::size_t i = 0; i < hit.also_at.size(); ++i) {
            const auto& copy = hit.also_at[i];
            std::string label = html_escape(copy.site.empty() ? copy.url : copy.site);
            h += i ? ", " : "";
            if (is_web_url(copy.url))
                h += "<a href=\"" + html_escape(copy.url) + "\">" + label + "</a>";
            else h += label;
        }
        h += "</p>\n";
    }
    if (!hit.id.empty()) h += cite_links(hit);
    h += "</li>\n";
    return h;
}

/// Previous and next links, and "Page n of m"; the last page is known from the exact total.
std::string paging(const PageRequest& request, const SearchResult& result,
                   std::size_t page_size) {
    std::string h;
    std::size_t pages = page_size == 0 ? 1 : (result.total + page_size - 1) / page_size;
    if (pages > kMaxPage) pages = kMaxPage;
    const std::size_t page = page_number(request);
    if (page > 1 || page < pages) {
        h += "<nav class=\"pages\" aria-label=\"Pages\">\n";
        if (page > 1) {
            PageRequest prev =
                at_page(request, std::min(page - 1, std::max<std::size_t>(pages, 1)));
            h += "<a rel=\"prev\" href=\"" + page_href(prev) + "\">← Previous</a>\n";
        }
        h += "<span>Page " + std::to_string(page) + " of " +
             std::to_string(std::max<std::size_t>(pages, 1)) + "</span>\n";
        if (page < pages) {
            PageRequest next = at_page(request, page + 1);
            h += "<a rel=\"next\" href=\"" + page_href(next) + "\">Next →</a>\n";
        }
        h += "</nav>\n";
    }
    return h;
}

}  // namespace

std::string render_html_page(const PageRequest& request, const SearchResult& result,
                             std::size_t page_size, std::string_view stylesheet) {
    std::string h = page_start(request, page_title(request), stylesheet);
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
    if (!request.query.text.empty()) h += " for “" + html_escape(request.query.text) + "”";
    h += " (" + format_ms(result.elapsed_ms) + ")</p>\n";
    h += "<p class=\"feed\"><a type=\"application/atom+xml\" href=\"" + feed_href(request) +
         "\">Subscribe to this search (Atom feed)</a></p>\n";
    if (result.partial)
        h += "<p class=\"status partial\" role=\"alert\">Partial results: part of the index "
             "did not answer, so some publications may be missing and the counts are too "
             "low. Try again in a minute.</p>\n";
    if (!result.corrected_query.empty()) {
        PageRequest fixed = at_page(request, 1);
        fixed.query.text = result.corrected_query;
        h += "<p class=\"status\">Did you mean <a href=\"" + page_href(fixed) + "\">" +
             html_escape(result.corrected_query) + "</a>?</p>\n";
    }

    h += "<div class=\"layout\">\n<div>\n";
    if (!result.hits.empty()) {
        h += "<ol class=\"results\" start=\"" + std::to_string(result.hits.front().rank) + "\">\n";
        for (const auto& hit : result.hits) h += hit_item(hit);
        h += "</ol>\n";
    }

    h += paging(request, result, page_size);
    h += "</div>\n";

    std::string facets = active_filters(request);
    static const std::vector<FacetValue> kNone;
    for (const auto& filter : kPageFilters) {
        auto it = result.facets.find(facet_name(filter.facet));
        facets += facet_section(request, filter, it == result.facets.end() ? kNone : it->second);
    }
    if (!facets.empty()) h += "<aside aria-label=\"Refine the results\">\n" + facets + "</aside>\n";
    h += "</div>\n";
    h += kPageEnd;
    return h;
}

std::string render_html_message(const PageRequest& request, const std::string& message,
                                std::string_view stylesheet) {
    std::string h = page_start(request, page_title(request), stylesheet);
    h += "<p class=\"status\" role=\"status\" aria-live=\"polite\">" + html_escape(message) +
         "</p>\n";
    h += kPageEnd;
    return h;
}

}  // namespace thinkdex::query
