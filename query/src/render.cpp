#include "thinkdex/query/render.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "thinkdex/common/facet.hpp"
#include "thinkdex/common/schema.hpp"
#include "render_parts.hpp"


namespace thinkdex::query {

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

std::string results_phrase(const SearchResult& result) {
    std::string n = std::to_string(result.total);
    std::string noun = result.total == 1 ? " result" : " results";
    return (result.total_exact ? "" : "about ") + n + noun;
}

std::string snippet_html(const std::vector<SnippetPart>& parts) {
    std::string out;
    for (const auto& p : parts) {
        if (p.match) out += "<mark>" + html_escape(p.text) + "</mark>";
        else out += html_escape(p.text);
    }
    return out;
}

namespace {



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
}  // namespace

std::string pdf_link(const Hit& hit) {
    if (hit.pdf_url.empty()) return {};
    // A fragment the PDF viewers of browsers read: open at the snippet's page.
    return hit.page > 0 && hit.pdf_url.find('#') == std::string::npos
               ? hit.pdf_url + "#page=" + std::to_string(hit.page)
               : hit.pdf_url;
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
    // Matches in bold red, as grep marks them; titles in bold cyan; bylines dim. Each resets
    // all attributes after itself, so nothing leaks into the next line.
    const std::string bold = color ? "\033[1;31m" : "**";
    const std::string unbold = color ? "\033[0m" : "**";
    const std::string title_on = color ? "\033[1;36m" : "";
    const std::string title_off = color ? "\033[0m" : "";
    const std::string dim = color ? "\033[2m" : "";
    const std::string undim = color ? "\033[0m" : "";
    std::string out;
    if (result.partial)
        out += "Partial results: shard(s) " + terminal_safe(join(result.missing_shards, ", ")) +
               " did not answer; results and counts are those of the others.\n\n";
    if (!result.corrected_query.empty())
        out += "Did you mean: " + terminal_safe(result.corrected_query) + "\n\n";
    if (result.hits.empty()) {
        out += result.total == 0 ? "No results"
                                 : "No results on this page (" + results_phrase(result) + ")";
        out += result.query.empty() ? ".\n" : " for '" + terminal_safe(result.query) + "'.\n";
    }
    for (const auto& hit : result.hits) {
        std::string title = hit.title.empty() ? hit.url : hit.title;
        out += std::to_string(hit.rank) + ". " + title_on + terminal_safe(title) + title_off +
               "\n";
        if (auto by = byline(hit, " · "); !by.empty())
            out += "   " + dim + terminal_safe(by) + undim + "\n";
        if (!hit.url.empty()) out += "   " + terminal_safe(hit.url) + "\n";
        if (!hit.pdf_url.empty())
            out += "   " + dim + "PDF" + (hit.page > 0 ? ", p. " + std::to_string(hit.page) : "") +
                   ": " + terminal_safe(pdf_link(hit)) + undim + "\n";
        for (const auto& copy : hit.also_at)
            out += "   " + dim + "also at " +
                   terminal_safe(copy.site.empty() ? copy.url
                                                   : copy.site + " <" + copy.url + ">") +
                   undim + "\n";
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
    auto facet_line = [&](const char* label, Facet facet) {
        auto it = result.facets.find(facet_name(facet));
        if (it == result.facets.end() || it->second.empty()) return;
        out += label;
        for (std::size_t i = 0; i < it->second.size(); ++i) {
            out += i ? ", " : " ";
            const FacetValue& v = it->second[i];
            out += terminal_safe(v.label.empty() || v.label == v.value
                                     ? v.value
                                     : v.label + " [" + v.value + "]") +
                   " (" + std::to_string(v.count) + ")";
        }
        out += "\n";
    };
    facet_line("Authors:", kFacetAuthor);
    facet_line("Years:", kFacetYear);
    facet_line("Sites:", kFacetSite);
    facet_line("Tags:", kFacetTag);
    facet_line("Languages:", kFacetLanguage);
    facet_line("Types:", kFacetType);
    facet_line("Kinds:", kFacetKind);
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
        Json also_at = Json::array();
        for (const auto& copy : hit.also_at)
            also_at.push_back({{"site", copy.site}, {"url", copy.url}});
        results.push_back({
            {"rank", hit.rank},
            {"score", hit.score},
            {"id", hit.id},
            {"url", hit.url},
            {"title", hit.title},
            {"authors", hit.authors},
            {"published", hit.published},
            {"site", hit.site},
            {"kind", hit.kind},
            {"type", hit.type},
            {"pdf", pdf_link(hit)},
            {"page", hit.page},
            {"pdfs", hit.pdfs},
            {"snippet", snippet_text(hit.snippet)},
            {"snippet_html", snippet_html(hit.snippet)},
            {"matches", matches},
            {"also_at", also_at},
        });
    }
    Json facets = Json::object();
    for (const auto& [name, values] : result.facets) {
        Json list = Json::array();
        for (const auto& v : values)
            list.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
        facets[name] = list;
    }
    Json doc = {
        {"query", result.query},
        {"corrected_query", result.corrected_query},
        {"total", result.total},
        {"total_exact", result.total_exact},
        {"offset", result.offset},
        {"limit", result.limit},
        {"returned", result.hits.size()},
        // The offset of the next page, or null on the last one.
        {"next_offset", result.offset + result.hits.size() < result.total &&
                                !result.hits.empty()
                            ? Json(result.offset + result.hits.size())
                            : Json(nullptr)},
        {"elapsed_ms", result.elapsed_ms},
        // Over shards: true when some did not answer (named in missing_shards).
        {"partial", result.partial},
        {"missing_shards", result.missing_shards},
        {"results", results},
        {"facets", facets},
    };
    return doc.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace thinkdex::query
