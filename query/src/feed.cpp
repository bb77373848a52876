// Machine-readable answers of the search page: the Atom feed of a saved search (RFC 4287) and
// the OpenSearch 1.1 description of the engine. Declared in render.hpp.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "thinkdex/common/utf8.hpp"
#include "thinkdex/query/render.hpp"
#include "render_parts.hpp"

namespace thinkdex::query {

namespace {

/// Escapes for XML text and attributes, keeping only characters that XML 1.0 allows: invalid
/// UTF-8 becomes U+FFFD, and the C0 controls and U+FFFE/U+FFFF are dropped (they are not
/// allowed even as character references). One stray character from a crawled page or a query
/// must not make the whole feed ill-formed for every reader.
std::string xml_escape(std::string_view text) {
    const std::string valid = sanitize_utf8(text);
    std::string clean;
    clean.reserve(valid.size());
    for (std::size_t i = 0; i < valid.size(); ++i) {
        auto u = static_cast<unsigned char>(valid[i]);
        if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') continue;
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
        if (u == 0xEF && i + 2 < valid.size() && valid[i + 1] == '\xBF' &&
            (valid[i + 2] == '\xBE' || valid[i + 2] == '\xBF')) {
            i += 2;
            continue;
        }
        clean.push_back(valid[i]);
    }
    return html_escape(clean);
}

/// "2025-08-26" -> "2025-08-26T00:00:00Z"; partial, missing or malformed dates give "".
std::string rfc3339(const std::string& date) {
    static constexpr std::string_view kShape = "dddd-dd-dd";
    if (date.size() != kShape.size()) return {};
    for (std::size_t i = 0; i < date.size(); ++i) {
        const bool digit = date[i] >= '0' && date[i] <= '9';
        if (kShape[i] == 'd' ? !digit : date[i] != '-') return {};
    }
    return date + "T00:00:00Z";
}

std::string snippet_plain(const std::vector<SnippetPart>& parts) {
    std::string out;
    for (const auto& p : parts) out += p.text;
    return out;
}

std::string with_query(const std::string& script_url, const std::string& query) {
    return query.empty() ? script_url : script_url + "?" + query;
}

}  // namespace

std::string render_atom(const PageRequest& request, const SearchResult& result,
                        const std::string& script_url, const std::string& now) {
    PageRequest self = request;
    self.format = PageFormat::kAtom;
    self.query.sort.clear();  // the feed's order is fixed; keep its URL canonical
    PageRequest html = at_page(self, 1);
    html.format = PageFormat::kHtml;
    html.query.sort = sort_name(SortOrder::kNewest);
    const std::string self_url = with_query(script_url, page_query_string(self));

    // The newest dated hit is when the feed last changed; hits arrive newest first.
    std::string updated;
    for (const auto& hit : result.hits) updated = std::max(updated, rfc3339(hit.published));
    if (updated.empty()) updated = now;

    std::string title = "thinkdex: ";
    const UserQuery& user = request.query;
    title += user.text.empty() ? "new publications" : user.text;
    // Values of one filter are alternatives.
    if (!user.authors.empty()) title += " by " + join(user.authors, " or ");
    if (!user.years.empty()) title += " (" + join(user.years, " or ") + ")";

    std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    x += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
    x += "<id>" + xml_escape(self_url) + "</id>\n";
    x += "<title>" + xml_escape(title) + "</title>\n";
    x += "<subtitle>" + std::to_string(result.total) + " matching publications, newest first" +
         "</subtitle>\n";
    x += "<updated>" + xml_escape(updated) + "</updated>\n";
    x += "<author><name>thinkdex</name></author>\n";
    x += "<generator>thinkdex</generator>\n";
    x += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml_escape(self_url) +
         "\"/>\n";
    x += "<link rel=\"alternate\" type=\"text/html\" href=\"" +
         xml_escape(with_query(script_url, page_query_string(html))) + "\"/>\n";
    for (const auto& hit : result.hits) {
        const std::string& link = hit.url.empty() ? hit.id : hit.url;
        std::string date = rfc3339(hit.published);
        x += "<entry>\n";
        x += "<id>" + xml_escape(hit.id.empty() ? link : hit.id) + "</id>\n";
        x += "<title>" + xml_escape(hit.title.empty() ? link : hit.title) + "</title>\n";
        // Only web links: a javascript: or data: URL from an imported document must not
        // become a feed reader's link. Without a link, RFC 4287 wants content instead.
        if (is_web_url(link))
            x += "<link rel=\"alternate\" href=\"" + xml_escape(link) + "\"/>\n";
        else
            x += "<content type=\"text\">" + xml_escape(snippet_plain(hit.snippet)) +
                 "</content>\n";
        if (is_web_url(hit.pdf_url))
            x += "<link rel=\"enclosure\" type=\"application/pdf\" href=\"" +
                 xml_escape(pdf_link(hit)) + "\"/>\n";
        if (!date.empty()) x += "<published>" + xml_escape(date) + "</published>\n";
        x += "<updated>" + xml_escape(date.empty() ? now : date) + "</updated>\n";
        for (const auto& author : hit.authors)
            x += "<author><name>" + xml_escape(author) + "</name></author>\n";
        if (!hit.site.empty())
            x += "<source><title>" + xml_escape(hit.site) + "</title></source>\n";
        if (!hit.snippet.empty())
            x += "<summary>" + xml_escape(snippet_plain(hit.snippet)) + "</summary>\n";
        x += "</entry>\n";
    }
    x += "</feed>\n";
    return x;
}

std::string render_opensearch(const std::string& script_url, std::size_t doc_count) {
    const std::string base = xml_escape(script_url);
    std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    x += "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n";
    x += "<ShortName>thinkdex</ShortName>\n";
    x += "<Description>Search " + std::to_string(doc_count) +
         " think-tank publications</Description>\n";
    x += "<InputEncoding>UTF-8</InputEncoding>\n";
    x += "<OutputEncoding>UTF-8</OutputEncoding>\n";
    x += "<Url type=\"text/html\" template=\"" + base +
         "?q={searchTerms}&amp;page={startPage?}\"/>\n";
    x += "<Url type=\"application/atom+xml\" template=\"" + base +
         "?q={searchTerms}&amp;format=atom\"/>\n";
    x += "<Url type=\"application/json\" template=\"" + base +
         "?q={searchTerms}&amp;page={startPage?}&amp;format=json\"/>\n";
    x += "<Url type=\"application/opensearchdescription+xml\" rel=\"self\" template=\"" + base +
         "?format=opensearch\"/>\n";
    x += "</OpenSearchDescription>\n";
    return x;
}

}  // namespace thinkdex::query
