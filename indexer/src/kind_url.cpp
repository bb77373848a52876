// The shape of a page's URL path, one signal of its kind: the site's home and its sections of
// links, its about and contact pages, and the dated or long-slug paths of publications.

#include "kind_url.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

/// Path segments of `url`, lower case, and its query string.
std::vector<std::string> segments(std::string_view url, std::string& query) {
    std::vector<std::string> out;
    auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return out;
    url.remove_prefix(scheme + 3);
    auto slash = url.find('/');
    std::string_view path = slash == std::string_view::npos ? "" : url.substr(slash);
    if (auto hash = path.find('#'); hash != std::string_view::npos) path = path.substr(0, hash);
    if (auto q = path.find('?'); q != std::string_view::npos) {
        query = lower_ascii(path.substr(q + 1));
        path = path.substr(0, q);
    }
    while (!path.empty()) {
        auto s = path.find_first_not_of('/');
        if (s == std::string_view::npos) break;
        path.remove_prefix(s);
        auto e = path.find('/');
        out.push_back(lower_ascii(path.substr(0, e)));
        path.remove_prefix(e == std::string_view::npos ? path.size() : e);
    }
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isdigit(c) != 0;
    });
}

/// The levels of the site that `url`'s path goes down, lower case: its segments without an index
/// file ("index.html", "default.aspx", "home") or a language or region prefix ("/en/",
/// "/de-at/"), neither of which is a level. `query` receives the query string.
std::vector<std::string> site_levels(std::string_view url, std::string& query) {
    std::vector<std::string> seg = segments(url, query);
    // The file name without an extension ("index.html" -> "index").
    if (!seg.empty()) {
        std::string& last = seg.back();
        if (auto dot = last.rfind('.'); dot != std::string::npos && dot > 0) last.erase(dot);
        if (in_set(last, {"index", "default", "home"})) seg.pop_back();
    }
    if (!seg.empty() && (seg.front().size() == 2 ||
                         (seg.front().size() == 5 && seg.front()[2] == '-')))
        seg.erase(seg.begin());
    return seg;
}

}  // namespace

bool is_site_root(std::string_view url) {
    std::string query;
    return url.find("://") != std::string_view::npos && site_levels(url, query).empty();
}

int url_shape(std::string_view url) {
    std::string query;
    std::vector<std::string> seg = site_levels(url, query);
    if (url.find("://") == std::string_view::npos) return 0;
    for (std::string_view key : {"s=", "q=", "query=", "search=", "page=", "paged="})
        if (query.starts_with(key) || query.find("&" + std::string(key)) != std::string::npos)
            return -1;
    if (seg.empty()) return -1;
    const std::string& final_segment = seg.back();
    const bool slug = std::count(final_segment.begin(), final_segment.end(), '-') +
                          std::count(final_segment.begin(), final_segment.end(), '_') >=
                      4;
    for (std::size_t i = 0; i < seg.size(); ++i) {
        const std::string& s = seg[i];
        const bool last = i + 1 == seg.size();
        // A section of links: the section itself or one of its entries (/tag/water/), not a
        // publication filed under it (/topics/energy/why-the-grid-failed-in-winter).
        if (i + 2 >= seg.size() && !(slug && !last) &&
            in_set(s, {"tag", "tags", "category", "categories", "topic", "topics", "author",
                       "authors", "archive", "archives", "search", "label", "labels", "series",
                       "collections", "collection", "product-category", "browse", "c", "cat",
                       "list", "hub", "section", "subject"}))
            return -1;
        if (s == "page" && i + 1 < seg.size() && all_digits(seg[i + 1])) return -1;
        if (last && in_set(s, {"blog", "news", "articles", "posts", "publications", "insights",
                               "resources", "research", "events", "press", "latest", "all",
                               "analysis", "commentary", "reports", "stories", "media"}))
            return -1;
        if (last && in_set(s, {"about", "about-us", "contact", "contact-us", "donate", "support",
                               "support-us", "services", "service", "team", "our-team", "staff",
                               "careers", "jobs", "privacy", "privacy-policy", "terms", "imprint",
                               "impressum", "faq", "faqs", "pricing", "mission", "history",
                               "partners", "subscribe", "newsletter", "cookies", "legal",
                               "membership", "shop", "cart", "login", "register", "who-we-are"}))
            return -2;
    }
    // A date in the path (/2024/05/) or a slug of several words reads as a publication.
    for (std::size_t i = 0; i + 1 < seg.size(); ++i)
        if (seg[i].size() == 4 && all_digits(seg[i]) && (seg[i][0] == '1' || seg[i][0] == '2'))
            return 1;
    return slug ? 1 : 0;
}

}  // namespace thinkdex::indexer::detail
