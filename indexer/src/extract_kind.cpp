// Page kind: a scored rule over general signals. A publication has a type that says so, a date
// and paragraphs of running text; a listing is made of repeated teaser blocks (a heading link
// each) and links; any other page has neither. Two scores: article or not, then, for the rest,
// listing or page. No rule names a site.

#include "extract_kind.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <spdlog/spdlog.h>

namespace thinkdex::indexer::detail {

namespace {

// Tunables: every threshold and weight of the rule, in one place. The weights are a logistic
// regression fitted on the tuning half of ../shared/bench/wcxb-dev (scripts/extraction_split.py),
// rounded; the confirmation half only confirmed them (figures in the README).
struct KindTunables {
    // Signals.
    std::size_t long_paragraph_chars = 200;  // a line of running text, not a teaser summary
    int teaser_min_group = 3;                // sibling blocks alike that make a teaser list
    int teaser_max_links = 3;                // title links in one teaser block at most
    int teaser_max_nodes = 600;              // nodes in one teaser block at most
    std::size_t title_link_words = 3;        // words of a link that reads as a headline
    // Article score, > 0 for an article: a sum of weights times signals in [0, 1]. Refitted
    // (L2-regularised logistic regression, 5-fold cross-validated within the tuning half) without
    // the byline and the page-path terms: a byline is as common on service and landing pages
    // (meta author tags) as on publications, and a page path is too rare to weigh; both were
    // fitted to noise (dropping them lowered the tuning fit a little and raised the
    // confirmation half). The page path still keeps a non-article out of "listing" below.
    // Refitted with the we-share and calls-to-action terms (L2 0.001).
    double bias = -3.8;
    double structured_article = 1.1;  // Article-like JSON-LD @type or og:type article
    double structured_page = -2.0;    // AboutPage, ContactPage, ProfilePage, Product, Service...
    double dated = 1.8;
    double long_paragraphs = 1.4;     // times min(long paragraphs, max_long_paragraphs) / max
    std::size_t max_long_paragraphs = 10;
    double link_density = -0.9;       // times the main text's link density
    double teaser_share = -0.5;       // times the share of the body's text in teasers
    double url_article = 2.1;         // a dated or long-slug path
    double url_listing = -1.1;        // the root, /tag/, /category/, /page/2, ?s=...
    double title_words = 2.6;         // times min(title words, max_title_words) / max
    std::size_t max_title_words = 12;
    double sentence_share = 1.1;      // times the share of lines ending like a sentence
    double paragraph_share = 1.0;     // times the share of the main text in <p>
    double inputs = -1.3;             // times log(1 + form fields) / 4
    double content_share = 1.6;       // times main text / the body's text
    // A service or landing page speaks for its firm ("we", "our") and asks the reader to act
    // inside its main text; a publication, even an undated guide, does neither much.
    double we_share = -2.6;           // times min(1, share of "we/our/us" words * we_share_scale)
    double we_share_scale = 20;
    double calls_to_action = -1.4;    // times log(1 + calls to action in the main content) / 4
    // Listing score, > 0 for a listing rather than a page (when not an article): a second
    // logistic regression, fitted (L2 0.001) on the tuning half's non-articles only
    // (scripts/fit_kind.py --stage listing). A listing is links and teasers, often paginated,
    // with "read more" links and filter or sort fields (choices, not a contact form's text
    // fields, which weighed the same on the tuning half); a page (service, about, contact)
    // speaks for its firm ("we") to the reader ("you"), asks the reader to act, and its main
    // text is most of its body's text. A page path (/about, /contact...) stays a page.
    double listing_bias = 0.8;
    double listing_you_share = -1.6;        // times min(1, share of "you/your" * we_share_scale)
    double listing_we_share = -2.0;         // times min(1, we_share * we_share_scale)
    double listing_choices = 1.7;           // times log(1 + select, checkbox, radio fields) / 4
    double listing_content_share = -1.4;    // times content_share
    double listing_link_density = 2.5;      // times the main text's link density
    double listing_teaser_share = 1.8;      // times teaser_share
    double listing_url = 0.3;               // the root, /tag/, /category/, /page/2, ?s=...
    double listing_next_page = 1.5;         // a rel="next" link
    double listing_calls_to_action = -1.3;  // times log(1 + calls to action) / 4
    double listing_more_links = 0.9;        // times log(1 + "read more" links) / 4
};
constexpr KindTunables kTune{};

bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool in(std::string_view w, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), w) != set.end();
}

// schema.org types, lower case.
bool article_type(std::string_view t) {
    return t.ends_with("article") || (t.ends_with("posting") && t != "jobposting") ||
           in(t, {"report", "podcastepisode", "episode", "review", "liveblogposting",
                  "audioobject", "videoobject", "recipe", "howto", "scholarlyarticle"});
}
bool listing_type(std::string_view t) {
    return in(t, {"collectionpage", "itemlist", "searchresultspage", "blog", "podcastseries",
                  "periodical", "dataset", "offercatalog", "series"});
}
bool page_type(std::string_view t) {
    return in(t, {"aboutpage", "contactpage", "profilepage", "product", "service", "faqpage",
                  "localbusiness", "checkoutpage", "medicalwebpage", "realestatelisting",
                  "jobposting", "event", "course", "softwareapplication", "productgroup",
                  "professionalservice", "store", "restaurant", "hotel"});
}

/// Every "@type" value in the JSON-LD blocks, lower case, without "schema.org/" prefixes. A
/// scan, not a parse: metadata has parsed the blocks already, and the kind needs the names only.
std::vector<std::string> json_ld_types(const std::vector<std::string>& blocks) {
    std::vector<std::string> out;
    for (const std::string& b : blocks) {
        for (std::size_t at = b.find("\"@type\""); at != std::string::npos;
             at = b.find("\"@type\"", at + 7)) {
            std::size_t i = at + 7;
            while (i < b.size() && (b[i] == ' ' || b[i] == ':' || b[i] == '\n' || b[i] == '\t' ||
                                    b[i] == '\r'))
                ++i;
            const bool list = i < b.size() && b[i] == '[';
            const std::size_t stop = list ? b.find(']', i) : b.find_first_of(",}", i);
            std::string_view v(b);
            v = v.substr(i, stop == std::string::npos ? std::string::npos : stop - i);
            for (std::size_t q = v.find('"'); q != std::string_view::npos;) {
                const std::size_t e = v.find('"', q + 1);
                if (e == std::string_view::npos) break;
                std::string t = lower(v.substr(q + 1, e - q - 1));
                if (auto slash = t.rfind('/'); slash != std::string::npos) t.erase(0, slash + 1);
                if (!t.empty()) out.push_back(std::move(t));
                q = v.find('"', e + 1);
            }
        }
    }
    return out;
}

/// A link or button text that asks the reader to act: a short text starting with a verb of
/// buying, booking or getting in touch (a few languages).
bool call_to_action(std::string_view text) {
    while (!text.empty() && !word_char(text.front())) text.remove_prefix(1);
    while (!text.empty() && !word_char(text.back())) text.remove_suffix(1);
    if (text.empty() || text.size() > 30) return false;
    const std::string t = lower(text);
    for (std::string_view verb :
         {"get started", "contact us", "get in touch", "get a quote", "book", "buy", "shop",
          "order", "sign up", "register", "subscribe", "request", "free trial", "try",
          "schedule", "call", "apply", "enrol", "enroll", "add to cart", "learn more", "start",
          "join", "download", "kontakt", "jetzt", "contactez", "acheter", "comprar", "contacto",
          "reserv"})
        if (t.starts_with(verb)) return true;
    return false;
}

/// A link text that leads from a teaser to the page it stands for ("Read more", "Weiterlesen",
/// "Lire la suite"...; a few languages), alone or with an arrow.
bool more_link(std::string_view text) {
    // ASCII punctuation and the arrows that often follow ("»", "›", "→") or precede the text
    constexpr std::array<std::string_view, 3> kArrows = {"\xC2\xBB", "\xE2\x80\xBA",
                                                         "\xE2\x86\x92"};
    for (std::size_t before = text.size() + 1; text.size() < before;) {
        before = text.size();
        while (!text.empty() && !word_char(text.front())) text.remove_prefix(1);
        while (!text.empty() && !word_char(text.back())) text.remove_suffix(1);
        for (std::string_view a : kArrows) {
            if (text.starts_with(a)) text.remove_prefix(a.size());
            if (text.ends_with(a)) text.remove_suffix(a.size());
        }
    }
    if (text.empty() || text.size() > 30) return false;
    // ru "подробнее", "читать далее"; zh "阅读全文"; ja "続きを読む"
    constexpr std::array<std::string_view, 23> kMore = {
        "more",
        "read more",
        "continue reading",
        "read the full article",
        "read on",
        "weiterlesen",
        "mehr",
        "mehr lesen",
        "lire la suite",
        "lire plus",
        "suite",
        "leer más",
        "leer mas",
        "ver más",
        "leia mais",
        "saiba mais",
        "continua a leggere",
        "leggi tutto",
        "leggi di più",
        "\xD0\xBF\xD0\xBE\xD0\xB4\xD1\x80\xD0\xBE\xD0\xB1\xD0\xBD\xD0\xB5\xD0\xB5",
        "\xD1\x87\xD0\xB8\xD1\x82\xD0\xB0\xD1\x82\xD1\x8C \xD0\xB4\xD0\xB0\xD0\xBB\xD0\xB5\xD0\xB5",
        "\xE9\x98\x85\xE8\xAF\xBB\xE5\x85\xA8\xE6\x96\x87",
        "\xE7\xB6\x9A\xE3\x81\x8D\xE3\x82\x92\xE8\xAA\xAD\xE3\x82\x80"};
    const std::string t = lower(text);
    return std::find(kMore.begin(), kMore.end(), t) != kMore.end();
}

/// True when a rel attribute's value lists "next".
bool rel_next(std::string_view rel) {
    const std::string r = " " + lower(rel) + " ";
    return r.find(" next ") != std::string::npos;
}

std::string_view og_type(const Dom& dom) {
    for (int i = 0; i < dom.size(); ++i) {
        const Node& n = dom[i];
        if (n.is_text || n.tag != GUMBO_TAG_META) continue;
        std::string_view key = dom.attr(i, "property");
        if (key.empty()) key = dom.attr(i, "name");
        if (key == "og:type") return dom.attr(i, "content");
    }
    return {};
}

/// Non-space bytes of a text.
std::size_t visible_chars(std::string_view text) {
    std::size_t n = 0;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) ++n;
    return n;
}

std::size_t words(std::string_view text) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : text) {
        const bool w = word_char(c);
        if (w && !in_word) ++n;
        in_word = w;
    }
    return n;
}

bool heading(GumboTag t) {
    return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
           t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

/// Teasers: repeated sibling blocks (same tag and class) outside the page's navigation, header,
/// footer and asides, each with one to a few headline links. Returns (items, their text).
std::pair<std::size_t, std::size_t> teasers(const Dom& dom, std::size_t& body_chars) {
    const auto n = static_cast<std::size_t>(dom.size());
    std::vector<char> excluded(n, 0);
    std::vector<std::size_t> chars(n, 0);
    std::vector<int> title_links(n, 0);
    for (int i = 0; i < dom.size(); ++i) {
        const Node& nd = dom[i];
        const auto u = static_cast<std::size_t>(i);
        if (nd.parent != kNone && excluded[static_cast<std::size_t>(nd.parent)]) {
            excluded[u] = 1;
            continue;
        }
        if (nd.is_text) continue;
        if (nd.tag == GUMBO_TAG_NAV || nd.tag == GUMBO_TAG_FOOTER || nd.tag == GUMBO_TAG_ASIDE ||
            nd.tag == GUMBO_TAG_HEADER || nd.tag == GUMBO_TAG_MENU || nd.tag == GUMBO_TAG_HEAD ||
            nd.tag == GUMBO_TAG_SELECT || dom.attr(i, "role") == "navigation") {
            excluded[u] = 1;
            continue;
        }
        if (nd.tag != GUMBO_TAG_A) continue;
        bool title = false;
        for (int p = nd.parent, up = 0; p != kNone && up < 3 && !title; p = dom[p].parent, ++up)
            title = heading(dom[p].tag);
        for (int k = i + 1; k < nd.end && !title; ++k) title = heading(dom[k].tag);
        if (!title) title = words(dom.text(i, 200)) >= kTune.title_link_words;
        if (!title) continue;
        for (int p = i, up = 0; p != kNone && up < 16; p = dom[p].parent, ++up)
            ++title_links[static_cast<std::size_t>(p)];
    }
    for (int i = dom.size() - 1; i >= 0; --i) {
        const auto u = static_cast<std::size_t>(i);
        if (excluded[u]) continue;
        if (dom[i].is_text) chars[u] = visible_chars(dom[i].text);
        if (dom[i].parent != kNone) chars[static_cast<std::size_t>(dom[i].parent)] += chars[u];
    }
    body_chars = dom.body() != kNone ? chars[static_cast<std::size_t>(dom.body())] : 0;
    std::size_t items = 0, text = 0;
    std::vector<int> members;
    for (int p = 0; p < dom.size(); ++p) {
        if (dom[p].is_text || excluded[static_cast<std::size_t>(p)] ||
            title_links[static_cast<std::size_t>(p)] < kTune.teaser_min_group)
            continue;
        members.clear();
        for (int c = dom[p].first_child; c != kNone; c = dom[c].next_sibling) {
            const auto cu = static_cast<std::size_t>(c);
            if (dom[c].is_text || excluded[cu] || title_links[cu] < 1 ||
                title_links[cu] > kTune.teaser_max_links ||
                dom[c].end - c > kTune.teaser_max_nodes)
                continue;
            members.push_back(c);
        }
        // Groups of alike siblings: same tag and class.
        std::vector<char> used(members.size(), 0);
        for (std::size_t a = 0; a < members.size(); ++a) {
            if (used[a]) continue;
            const Node& first = dom[members[a]];
            std::size_t count = 0, group_text = 0;
            for (std::size_t b = a; b < members.size(); ++b) {
                const Node& other = dom[members[b]];
                if (used[b] || other.tag != first.tag || other.class_id != first.class_id) continue;
                used[b] = 1;
                ++count;
                group_text += chars[static_cast<std::size_t>(members[b])];
            }
            if (count >= static_cast<std::size_t>(kTune.teaser_min_group)) {
                items += count;
                text += group_text;
            }
        }
    }
    return {items, text};
}

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
        query = lower(path.substr(q + 1));
        path = path.substr(0, q);
    }
    while (!path.empty()) {
        auto s = path.find_first_not_of('/');
        if (s == std::string_view::npos) break;
        path.remove_prefix(s);
        auto e = path.find('/');
        out.push_back(lower(path.substr(0, e)));
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
        if (in(last, {"index", "default", "home"})) seg.pop_back();
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
            in(s, {"tag", "tags", "category", "categories", "topic", "topics", "author",
                   "authors", "archive", "archives", "search", "label", "labels", "series",
                   "collections", "collection", "product-category", "browse", "c", "cat",
                   "list", "hub", "section", "subject"}))
            return -1;
        if (s == "page" && i + 1 < seg.size() && all_digits(seg[i + 1])) return -1;
        if (last && in(s, {"blog", "news", "articles", "posts", "publications", "insights",
                           "resources", "research", "events", "press", "latest", "all",
                           "analysis", "commentary", "reports", "stories", "media"}))
            return -1;
        if (last && in(s, {"about", "about-us", "contact", "contact-us", "donate", "support",
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

namespace {

/// The type the page declares: its JSON-LD types and og:type.
void read_declared_type(const Dom& dom, const std::vector<std::string>& json_ld,
                        KindSignals& s) {
    bool article = false;
    for (const std::string& t : json_ld_types(json_ld)) {
        article = article || article_type(t);
        s.listing_type = s.listing_type || listing_type(t);
        s.page_type = s.page_type || page_type(t);
    }
    const std::string og = lower(og_type(dom));
    if (og == "article" || og.ends_with(".article") || og == "blog" || og.starts_with("video") ||
        og == "music.song")
        article = true;
    else if (og == "profile" || og == "product" || og.starts_with("business"))
        s.page_type = true;
    s.structured = article ? 1 : s.page_type ? -2 : s.listing_type ? -1 : 0;
}

/// Counts the words of `text`, and among them "we", "our"... and "you", "your"...
void count_voice(const std::string& text, std::size_t& text_words, std::size_t& we,
                 std::size_t& you) {
    for (std::size_t k = 0, e = 0; k < text.size(); k = e) {
        while (k < text.size() && !word_char(text[k])) ++k;
        for (e = k; e < text.size() && (word_char(text[e]) || text[e] == '\''); ++e) {
        }
        if (e == k) continue;
        ++text_words;
        if (e - k <= 5 &&
            in(lower(std::string_view(text).substr(k, e - k)),
               {"we", "our", "us", "we're", "we've", "ours"}))
            ++we;
        if (e - k <= 6 && in(lower(std::string_view(text).substr(k, e - k)),
                             {"you", "your", "you're", "yours", "you'll", "you've"}))
            ++you;
    }
}

/// The main text: its length, long paragraphs, link density, its share in <p> elements and
/// in lines that end like a sentence, and its voice.
void read_main_text(const Dom& dom, const Content& content, KindSignals& s) {
    std::size_t all = 0, linked = 0, in_p = 0, sentences = 0, text_words = 0, we = 0, you = 0;
    for (const Line& l : content.lines) {
        const std::size_t c = visible_chars(l.text);
        count_voice(l.text, text_words, we, you);
        all += c;
        if (l.block != kNone && (dom[l.block].tag == GUMBO_TAG_P ||
                                 dom.ancestor(l.block, GUMBO_TAG_P) != kNone))
            in_p += c;
        std::string_view t = l.text;
        while (!t.empty() && (t.back() == ' ' || t.back() == '"' || t.back() == ')')) t.remove_suffix(1);
        if (t.ends_with(".") || t.ends_with("!") || t.ends_with("?") || t.ends_with("\xE3\x80\x82") ||
            t.ends_with(":"))
            ++sentences;
        if (l.linked) {
            linked += c;
        } else {
            s.text_chars += c;
            if (c >= kTune.long_paragraph_chars && !l.heading) ++s.long_paragraphs;
        }
    }
    s.link_density = all > 0 ? static_cast<double>(linked) / static_cast<double>(all) : 0;
    s.paragraph_share = all > 0 ? static_cast<double>(in_p) / static_cast<double>(all) : 0;
    s.sentence_share = content.lines.empty() ? 0
                                             : static_cast<double>(sentences) /
                                                   static_cast<double>(content.lines.size());
    s.we_share = text_words > 0 ? static_cast<double>(we) / static_cast<double>(text_words) : 0;
    s.you_share = text_words > 0 ? static_cast<double>(you) / static_cast<double>(text_words) : 0;
}

/// The body's elements: "read more" links, calls to action in the main content, a
/// rel="next" link (in the body or the head), form fields and those that choose.
void read_elements(const Dom& dom, const Content& content, KindSignals& s) {
    const int main_begin = content.container;
    const int main_end = main_begin != kNone ? dom[main_begin].end : kNone;
    for (int i = dom.body() != kNone ? dom.body() : 0; i < dom.size(); ++i) {
        const Node& n = dom[i];
        if (n.is_text) {
            if (n.parent != kNone && dom[n.parent].tag == GUMBO_TAG_A && more_link(n.text))
                ++s.more_links;
            if (i < main_begin || i >= main_end) continue;
            bool action = false;
            for (int p = n.parent, up = 0; p != kNone && up < 3 && !action; p = dom[p].parent, ++up)
                action = dom[p].tag == GUMBO_TAG_A || dom[p].tag == GUMBO_TAG_BUTTON;
            if (action && call_to_action(n.text)) ++s.calls_to_action;
            continue;
        }
        if (n.tag == GUMBO_TAG_A && rel_next(dom.attr(i, "rel"))) s.next_page = true;
        if (n.tag == GUMBO_TAG_TEXTAREA || n.tag == GUMBO_TAG_SELECT) ++s.inputs;
        if (n.tag == GUMBO_TAG_SELECT) ++s.choices;
        if (n.tag == GUMBO_TAG_INPUT) {
            std::string_view type = dom.attr(i, "type");
            if (type != "hidden" && type != "search" && type != "submit") ++s.inputs;
            if (type == "checkbox" || type == "radio") ++s.choices;
        }
    }
    for (int i = 0; i < dom.body() && !s.next_page; ++i)
        s.next_page =
            !dom[i].is_text && dom[i].tag == GUMBO_TAG_LINK && rel_next(dom.attr(i, "rel"));
}

/// The teaser blocks, and the shares of the body's text that they and the main text hold
/// (after read_main_text, which counts the main text).
void read_teasers(const Dom& dom, KindSignals& s) {
    std::size_t body_chars = 0;
    auto [items, teaser_text] = teasers(dom, body_chars);
    s.teasers = items;
    s.teaser_share = body_chars > 0 ? static_cast<double>(teaser_text) /
                                          static_cast<double>(body_chars)
                                    : 0;
    s.content_share = body_chars > 0 ? std::min(1.0, static_cast<double>(s.text_chars) /
                                                         static_cast<double>(body_chars))
                                     : 0;
}

void log_signals(const std::string& url, const KindSignals& s) {
    spdlog::debug(
        "kind-signals {} struct={} ltype={} ptype={} dated={} byline={} text={} "
        "longp={} ld={:.3f} teasers={} tshare={:.3f} url={} tw={} pshare={:.3f} "
        "sshare={:.3f} inputs={} cshare={:.3f} we={:.4f} cta={} you={:.4f} next={} "
        "more={} choices={}",
        url, s.structured, s.listing_type, s.page_type, s.dated, s.byline, s.text_chars,
        s.long_paragraphs, s.link_density, s.teasers, s.teaser_share, s.url_shape, s.title_words,
        s.paragraph_share, s.sentence_share, s.inputs, s.content_share, s.we_share,
        s.calls_to_action, s.you_share, s.next_page, s.more_links, s.choices);
}

}  // namespace

KindSignals kind_signals(const Dom& dom, const std::vector<std::string>& json_ld,
                         const Extracted& meta, const Content& content) {
    KindSignals s;
    read_declared_type(dom, json_ld, s);
    s.dated = !meta.published.empty();
    s.byline = !meta.authors.empty();
    read_main_text(dom, content, s);
    s.title_words = words(meta.title);
    read_elements(dom, content, s);
    read_teasers(dom, s);
    s.url_shape = url_shape(meta.url);
    log_signals(meta.url, s);
    return s;
}

std::string classify_kind(const KindSignals& s) {
    const KindTunables& t = kTune;
    auto share = [](std::size_t n, std::size_t max) {
        return static_cast<double>(std::min(n, max)) / static_cast<double>(max);
    };
    const bool article_type = s.structured == 1;
    double score = t.bias;
    if (article_type) score += t.structured_article;
    if (s.page_type && !article_type) score += t.structured_page;
    if (s.dated) score += t.dated;
    score += t.long_paragraphs * share(s.long_paragraphs, t.max_long_paragraphs);
    score += t.link_density * s.link_density;
    score += t.teaser_share * s.teaser_share;
    if (s.url_shape == 1) score += t.url_article;
    if (s.url_shape == -1) score += t.url_listing;
    score += t.title_words * share(s.title_words, t.max_title_words);
    score += t.sentence_share * s.sentence_share;
    score += t.paragraph_share * s.paragraph_share;
    score += t.inputs * std::log1p(static_cast<double>(s.inputs)) / 4;
    score += t.content_share * s.content_share;
    score += t.we_share * std::min(1.0, s.we_share * t.we_share_scale);
    score += t.calls_to_action * std::log1p(static_cast<double>(s.calls_to_action)) / 4;
    spdlog::debug("kind-score {:.2f}", score);
    if (score > 0) return "article";
    if (s.url_shape == -2) return "page";
    double listing = t.listing_bias;
    listing += t.listing_you_share * std::min(1.0, s.you_share * t.we_share_scale);
    listing += t.listing_we_share * std::min(1.0, s.we_share * t.we_share_scale);
    listing += t.listing_choices * std::log1p(static_cast<double>(s.choices)) / 4;
    listing += t.listing_content_share * s.content_share;
    listing += t.listing_link_density * s.link_density;
    listing += t.listing_teaser_share * s.teaser_share;
    if (s.url_shape == -1) listing += t.listing_url;
    if (s.next_page) listing += t.listing_next_page;
    listing += t.listing_calls_to_action * std::log1p(static_cast<double>(s.calls_to_action)) / 4;
    listing += t.listing_more_links * std::log1p(static_cast<double>(s.more_links)) / 4;
    spdlog::debug("kind-listing-score {:.2f}", listing);
    return listing > 0 ? "listing" : "page";
}

}  // namespace thinkdex::indexer::detail
