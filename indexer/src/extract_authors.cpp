// Who wrote a page: names, bylines and the checks that keep sites, organisations and accounts
// out of the authors.

#include "extract_authors.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "extract_metadata.hpp"
#include "thinkdex/common/url_resolve.hpp"
#include "extract_text.hpp"
#include "extract_title.hpp"

namespace thinkdex::indexer::detail {

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

// "Fact Checked By", "Author Spotlight": a label of the byline box, capitalised like a name.
bool byline_words(std::string_view line) {
    std::string l = " " + lower_ascii(line) + " ";
    for (std::string_view w : {" by ", " author ", " authors ", " checked ", " reviewed ",
                               " written ", " posted ", " spotlight ", " about "}) {
        if (l.find(w) != std::string::npos) return true;
    }
    return false;
}

// A line that only announces a byline: "Written by", "By", "Author:".
bool byline_label(std::string_view line) {
    std::string t = lower_ascii(trim(line));
    while (!t.empty() && (t.back() == ':' || t.back() == ' ')) t.pop_back();
    for (std::string_view label :
         {"by", "written by", "article written by", "posted by", "author", "authors", "words by",
          "article by", "von", "par", "por", "autor", "auteur", "autore", "autora",
          "\u0430\u0432\u0442\u043e\u0440", "\u4f5c\u8005"}) {
        if (t == label) return true;
    }
    return false;
}


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

namespace {

// Text weight of the subtree of `i`.
std::size_t subtree_weight(const Dom& dom, int i, std::size_t limit) {
    std::size_t w = 0;
    for (int k = i; k < dom[i].end && w <= limit; ++k) {
        if (dom[k].is_text) w += text_weight(dom[k].text);
    }
    return w;
}

}  // namespace

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
namespace {

// True when `text` ends with a credit for other work than the writing: "Reviewed by",
// "Edited by", "Fact checked by", "Updated by", "Photos by".
bool other_credit(const std::string& text) {
    std::string t = lower_ascii(trim(text));
    for (std::string_view credit : {"reviewed by", "edited by", "checked by", "updated by",
                                    "photos by", "photo by", "illustrated by", "illustration by"}) {
        if (t.ends_with(credit)) return true;
    }
    return false;
}

// The nodes looked at around a candidate for the label that goes with it.
constexpr int kLabelReach = 8;

// True when the text just before `node`, or the first text in it (a box that opens with its
// label: "Fact Checked By" / "Jane Doe"), credits other work than the writing.
bool other_credit_before(const Dom& dom, int node) {
    for (int k = node + 1; k < dom[node].end && k <= node + kLabelReach; ++k) {
        if (dom[k].is_text && !trim(dom.text(k, 80)).empty()) {
            if (other_credit(dom.text(k, 80))) return true;
            break;
        }
    }
    for (int k = node - 1; k >= 0 && k > node - kLabelReach; --k) {
        if (!dom[k].is_text || trim(dom.text(k, 80)).empty()) continue;
        return other_credit(dom.text(k, 80));
    }
    return false;
}

}  // namespace

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
        if (!same_block || (&h != anchor && other_credit_before(dom, h.node))) continue;
        for (const auto& n : h.names) add_unique(out, n);
    }
    return out;
}

// True when a class/id says the element holds an author's name. The words may be joined by
// "-", "_", "__" or nothing ("authorName" is lower-cased to "authorname").
bool author_name_class(std::string_view class_id) {
    std::string c = lower_ascii(class_id);
    std::erase_if(c, [](char ch) { return ch == '-' || ch == '_'; });
    return c.find("authorname") != std::string::npos || c.find("creatorname") != std::string::npos ||
           c.find("bylinename") != std::string::npos;
}

namespace {

// True when a path segment names the authors' directory: "author" or "authors" alone or as a
// word of a compound ("blog-authors", "post_author"), never inside a word ("authority").
bool authors_segment(std::string_view seg) {
    for (std::size_t b = 0; b <= seg.size();) {
        std::size_t e = seg.find_first_of("-_.", b);
        if (e == std::string_view::npos) e = seg.size();
        std::string_view word = seg.substr(b, e - b);
        if (word == "author" || word == "authors") return true;
        b = e + 1;
    }
    return false;
}

}  // namespace

// True when a link's path is a person's page: a directory of authors, people or experts,
// followed by the person's own segment ("/author/" alone is the list of authors).
bool author_path(std::string_view href) {
    static constexpr std::string_view kDirs[] = {
        "people",  "person",  "staff",   "expert",   "experts", "contributor", "contributors",
        "writer",  "writers", "profile", "profiles", "team",    "bio",         "autor",
        "autores", "auteur",  "auteurs", "autore",   "autori",  "avtor",       "by"};
    const std::string lowered = lower_ascii(url_path(href));
    const std::string_view path = lowered;
    std::vector<std::string_view> segments;
    for (std::size_t b = 0; b < path.size();) {
        std::size_t e = path.find('/', b);
        if (e == std::string_view::npos) e = path.size();
        if (e > b) segments.push_back(path.substr(b, e - b));
        b = e + 1;
    }
    for (std::size_t k = 0; k + 1 < segments.size(); ++k) {
        if (authors_segment(segments[k]) ||
            std::find(std::begin(kDirs), std::end(kDirs), segments[k]) != std::end(kDirs))
            return true;
    }
    return false;
}

// A paragraph this long is running text, not a byline ("By <a>Jane Doe</a>, Senior Fellow").
constexpr std::size_t kProseChars = 200;

bool link_in_prose(const Dom& dom, int link) {
    int p = dom.ancestor(link, GUMBO_TAG_P);
    return p != kNone && dom.text(p, kProseChars + 1).size() > kProseChars;
}

// "Acme Solutions", "Michigan Technological University": words that name an organisation, in
// the languages we read; a person's name has none of them.
bool organisation_name(std::string_view name) {
    static constexpr std::array<std::string_view, 40> kWords{
        "inc",        "ltd",       "llc",       "gmbh",      "corp",       "corporation",
        "company",    "co",        "group",     "university", "college",   "institute",
        "institut",   "center",    "centre",    "foundation", "council",   "association",
        "society",    "agency",    "services",  "solutions", "official",  "tips",
        "news",       "media",     "magazine",  "journal",   "blog",      "press",
        "team",       "staff",     "store",     "shop",      "labs",      "studio",
        "partners",   "consulting", "digital",  "online"};
    for (const auto& word : lower_words(name)) {
        if (std::find(kWords.begin(), kWords.end(), word) != kWords.end()) return true;
    }
    return false;
}

// Accounts that publishing software names as the author when no person is set.
bool account_name(std::string_view name) {
    std::string l = lower_ascii(trim(name));
    for (std::string_view a : {"admin", "administrator", "webmaster", "editor", "author",
                               "the author", "guest", "user", "undefined", "null",
                               "root", "site admin", "wordpress", "unknown"}) {
        if (l == a) return true;
    }
    return false;
}

bool template_placeholder(std::string_view name) {
    for (std::string_view marker : {"{{", "}}", "{%", "%}", "${", "<%", "%>"})
        if (name.find(marker) != std::string_view::npos) return true;
    // a name with initials has spaces ("J. R. Smith"); a login as dotted ("sara.r.peter") is an
    // account, no name a reader sees, and goes too (one dot, "h.lee", is kept: a person's handle)
    const std::string t = trim(name);
    const bool identifier = std::all_of(t.begin(), t.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
    });
    return identifier && std::count(t.begin(), t.end(), '.') >= 2;
}

namespace {

// True when `name` (UTF-8) holds a letter: an ASCII one, or a character past Latin-1's
// symbols that is neither punctuation, arrows and symbols (U+2000-U+2BFF) nor private use
// (U+E000-U+F8FF), where icon fonts put their glyphs ("\uf09a \uf232", a share bar's icons).
bool has_letter(std::string_view name) {
    for (std::size_t i = 0; i < name.size();) {
        auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
            ++i;
            continue;
        }
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        char32_t cp = c & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
        for (std::size_t k = 1; k < len && i + k < name.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(name[i + k]) & 0x3Fu);
        bool symbol = cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0xE000 && cp <= 0xF8FF);
        if (!symbol) return true;
        i += len;
    }
    return false;
}

}  // namespace

// "John Scalzi" on scalzi.com: a given name before the site's name, which is the owner's
// surname. A team named after its site puts the site first ("Forbes Advisor"), so only a site
// name that closes the credit, after one word that is not the site's, counts.
bool surname_site(std::string_view name, const std::vector<std::string>& site_names) {
    if (!looks_like_names(name) || organisation_name(name)) return false;
    std::size_t space = trim(name).find(' ');
    std::string given = trim(trim(name).substr(0, space));
    std::string surname = space == std::string::npos ? std::string{} : trim(trim(name).substr(space));
    // the whole site name is the surname: "Today" is a part of "USA Today", not its owner
    bool is_site = std::any_of(site_names.begin(), site_names.end(),
                               [&](const std::string& site) { return iequals(trim(site), surname); });
    return !surname.empty() && surname.find(' ') == std::string::npos && is_site &&
           !names_site(given, site_names);
}

// A credited name that can be a person: not the site or its publisher, not an account, not
// an organisation ("Acme Solutions"), not icons or punctuation alone.
bool person_credit(const std::string& name, const std::vector<std::string>& site_names) {
    return !name.empty() && has_letter(name) && !account_name(name) &&
           !template_placeholder(name) && !organisation_name(name) &&
           (!names_site(name, site_names) || surname_site(name, site_names));
}

AuthorChoice::AuthorChoice(std::vector<std::string> site_names)
    : site_names_(std::move(site_names)) {}

void AuthorChoice::take(std::string_view source, std::vector<std::string> names, bool metadata) {
    if (!authors_.empty()) return;
    // the site credited as its own author in metadata: a personal site's owner, kept aside
    if (metadata && site_credit_.empty() && !names.empty() &&
        std::all_of(names.begin(), names.end(), [&](const std::string& n) {
            return names_site(n, site_names_) && looks_like_names(n) && !organisation_name(n);
        }))
        site_credit_ = names;
    std::erase_if(names, [&](const std::string& n) { return !person_credit(n, site_names_); });
    authors_ = std::move(names);
    if (!authors_.empty()) {
        source_ = source;
        from_markup_ = !metadata;
    }
}

void AuthorChoice::offer_metadata(std::string_view source, std::vector<std::string> names) {
    take(source, std::move(names), true);
}

void AuthorChoice::offer_credits(std::string_view source, const std::vector<std::string>& credits) {
    std::vector<std::string> names;
    for (const auto& v : credits) {
        if (is_url(v)) continue;
        for (auto& n : split_names(v)) add_unique(names, n);
        if (std::string g = group_credit(v); !g.empty() && groups_.empty()) groups_.push_back(g);
    }
    take(source, std::move(names), true);
}

void AuthorChoice::offer(std::string_view source, std::vector<std::string> names) {
    take(source, std::move(names), false);
}

void AuthorChoice::prefer_visible(std::string_view source, std::vector<std::string> names) {
    if (authors_.empty() || from_markup_) return;
    std::erase_if(names, [&](const std::string& n) { return !person_credit(n, site_names_); });
    std::vector<std::string> seen;
    for (const auto& n : names) add_unique(seen, n);
    // the same person: equal names, or one the other's start ("Jill Barshay" in a byline
    // read as "Jill Barshay August" when the date's month follows the name)
    auto same = [](const std::string& x, const std::string& y) {
        return iequals(x, y) || (x.size() > y.size() && istarts_with(x, y + " ")) ||
               (y.size() > x.size() && istarts_with(y, x + " "));
    };
    auto named = [&](const std::string& a) {
        return std::any_of(seen.begin(), seen.end(),
                           [&](const std::string& n) { return same(n, a); });
    };
    auto shared =
        static_cast<std::size_t>(std::count_if(authors_.begin(), authors_.end(), named));
    bool disjoint = shared == 0;
    bool wider = shared == authors_.size() && seen.size() > authors_.size();
    if (seen.empty() || !(disjoint || wider)) return;
    authors_ = std::move(seen);
    source_ = source;
}

void AuthorChoice::offer_group(const std::string& group) { add_unique(groups_, group); }

void AuthorChoice::offer_organisation(const std::string& name) {
    if (std::string g = group_credit(name); !g.empty()) {
        offer_group(g);
    } else if (!names_site(name, site_names_)) {
        offer_group(name);
    }
}

void AuthorChoice::offer_markup_group(const std::string& group) {
    if (markup_group_.empty()) markup_group_ = group;
}

std::vector<std::string> AuthorChoice::chosen() const {
    const std::vector<std::string>* pick = &authors_;
    std::vector<std::string> markup;
    if (pick->empty()) pick = &site_credit_;
    if (pick->empty()) pick = &groups_;
    if (pick->empty() && !markup_group_.empty()) {
        markup.push_back(markup_group_);
        pick = &markup;
    }
    std::vector<std::string> out;
    for (const auto& a : *pick) add_unique(out, a);
    return out;
}

bool AuthorChoice::from_markup() const {
    if (!authors_.empty()) return from_markup_;
    return site_credit_.empty() && groups_.empty() && !markup_group_.empty();
}

std::string_view AuthorChoice::source() const {
    if (!authors_.empty()) return source_;
    if (!site_credit_.empty()) return "site credit";
    if (!groups_.empty()) return "group credit";
    if (!markup_group_.empty()) return "markup group";
    return "none";
}

}  // namespace thinkdex::indexer::detail
