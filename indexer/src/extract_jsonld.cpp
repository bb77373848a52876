// JSON-LD: the article node of a page's structured data, its authors and dates.

#include "extract_jsonld.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

using json = nlohmann::json;

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

// A node typed as an organisation (schema.org's Organization and its kinds: NewsMediaOrganization,
// Corporation, LocalBusiness...) or a site, and not also as a person.
bool organisation_node(const json& v) {
    return type_matches(v, {"Organization", "Organisation", "Corporation", "LocalBusiness",
                            "WebSite", "Brand"}) &&
           !type_matches(v, {"Person"});
}

// Names of JSON-LD author values: strings, Person objects, arrays of either, and references
// ({"@id": ...}) to Person nodes elsewhere in the graph (`people`: @id → name).
// `raw`: the credits as written, not split into names.
void json_authors(const json& a, const std::map<std::string, std::string>& people,
                  std::vector<std::string>& out, int depth = 0, bool raw = false,
                  std::vector<std::string>* organisations = nullptr) {
    auto add = [&](const std::string& name) {
        if (name.empty() || is_url(name)) return;
        if (raw) {
            out.push_back(name);
            return;
        }
        for (auto& n : split_names(name)) out.push_back(n);
    };
    if (a.is_array() && depth < 4) {
        for (const auto& x : a) json_authors(x, people, out, depth + 1, raw, organisations);
    } else if (a.is_string()) {
        add(a.get<std::string>());
    } else if (a.is_object() && a.contains("name")) {
        // an author the page itself declares an organisation is no person, whatever its name
        // ("Acme Wellness Partners" passes every test of a name)
        if (!organisation_node(a)) {
            add(json_string(a["name"]));
        } else if (organisations != nullptr) {
            if (std::string name = json_string(a["name"]); !name.empty() && !is_url(name))
                organisations->push_back(name);
        }
    } else if (a.is_object() && a.contains("@id") && a["@id"].is_string()) {
        auto it = people.find(a["@id"].get<std::string>());
        if (it != people.end()) add(it->second);
    }
}

/// The blocks' JSON, each between its first opening and last closing bracket: blocks are often
/// wrapped in <![CDATA[ ... ]]>, "//<![CDATA[" or HTML comment markers. Unparsable blocks are
/// left out.
std::vector<json> parse_blocks(const std::vector<std::string>& blocks) {
    std::vector<json> docs;
    docs.reserve(blocks.size());
    for (const auto& b : blocks) {
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
    return docs;
}

/// The page's main node among the blocks' nodes, and what the other nodes say of it.
struct MainNode {
    const json* node = nullptr;
    int rank = 0;                               ///< 3: a publication, 1: a WebPage
    std::map<std::string, std::string> people;  ///< Person nodes' names by @id
    std::string website;                        ///< the WebSite node's name
};

MainNode find_main_node(const std::vector<json>& docs) {
    MainNode main;
    // explicit stack: JSON-LD nests @graph, arrays and objects arbitrarily
    std::vector<const json*> stack;
    // in document order: the first Article node of the page wins over later ones (a related
    // article's node, a second block for a teaser)
    for (auto it = docs.rbegin(); it != docs.rend(); ++it) stack.push_back(&*it);
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
        // A publication's node: an article, a podcast's episode ("PodcastEpisode"), and the
        // Postings that are articles, not a JobPosting.
        if (type_matches(*v, {"Article", "BlogPosting", "SocialMediaPosting",
                              "DiscussionForumPosting", "Report", "Review", "Episode"})) {
            rank = 3;
        } else if (type_matches(*v, {"WebPage"})) {
            rank = 1;
        }
        if (type_matches(*v, {"Person"}) && v->contains("@id") && (*v)["@id"].is_string() &&
            v->contains("name"))
            main.people.emplace((*v)["@id"].get<std::string>(), json_string((*v)["name"]));
        if (type_matches(*v, {"WebSite"}) && main.website.empty() && v->contains("name")) {
            main.website = json_string((*v)["name"]);
        }
        if (rank > main.rank) {
            main.node = v;
            main.rank = rank;
        }
        if (v->contains("mainEntity")) stack.push_back(&(*v)["mainEntity"]);
    }
    return main;
}

/// The main node's fields into `out`.
void read_main_node(const MainNode& main, std::string_view title_tag, JsonLd& out) {
    const json& a = *main.node;
    const bool article = main.rank == 3;
    out.found = true;
    if (a.contains("headline")) out.headline = json_string(a["headline"]);
    if (a.contains("name") && article) {
        std::string name = json_string(a["name"]);
        // both given and different: the one the <title> repeats (as Readability decides)
        if (!name.empty() && !out.headline.empty() && name != out.headline &&
            icontains(title_tag, name) && !icontains(title_tag, out.headline))
            out.headline = name;
    }
    if (out.headline.empty() && article && a.contains("name"))
        out.headline = json_string(a["name"]);
    if (a.contains("author")) {
        std::vector<std::string> credits;
        std::vector<std::string> organisations;
        json_authors(a["author"], main.people, credits, 0, true, &organisations);
        for (auto& c : credits) {
            if (std::string g = group_credit(c); !g.empty()) out.groups.push_back(g);
        }
        out.organisations = std::move(organisations);
        json_authors(a["author"], main.people, out.authors);
    }
    if (out.authors.empty() && a.contains("creator"))
        json_authors(a["creator"], main.people, out.authors);
    if (a.contains("datePublished")) out.published = json_string(a["datePublished"]);
    if (a.contains("dateModified")) out.modified = json_string(a["dateModified"]);
    out.is_article = article;
    if (a.contains("description")) out.description = json_string(a["description"]);
    if (a.contains("publisher")) out.publisher = json_string(a["publisher"]);
    if (a.contains("inLanguage")) out.language = json_string(a["inLanguage"]);
}

}  // namespace

JsonLd parse_json_ld(const std::vector<std::string>& blocks, std::string_view title_tag) {
    JsonLd out;
    const std::vector<json> docs = parse_blocks(blocks);
    const MainNode main = find_main_node(docs);
    out.website = main.website;
    if (main.node != nullptr) read_main_node(main, title_tag, out);
    return out;
}

}  // namespace thinkdex::indexer::detail
