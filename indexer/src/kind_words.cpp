// The vocabulary of the page kind: a few languages' words for acting, reading on and speaking
// for a firm, and schema.org's type names. Lists, not rules about any site.

#include "kind_words.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "extract_text.hpp"

namespace thinkdex::indexer::detail::kind {

bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

bool article_type(std::string_view t) {
    return t.ends_with("article") || (t.ends_with("posting") && t != "jobposting") ||
           in_set(t, {"report", "podcastepisode", "episode", "review", "liveblogposting",
                      "audioobject", "videoobject", "recipe", "howto", "scholarlyarticle"});
}
bool listing_type(std::string_view t) {
    return in_set(t, {"collectionpage", "itemlist", "searchresultspage", "blog", "podcastseries",
                      "periodical", "dataset", "offercatalog", "series"});
}
bool page_type(std::string_view t) {
    return in_set(t, {"aboutpage", "contactpage", "profilepage", "product", "service", "faqpage",
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
                std::string t = lower_ascii(v.substr(q + 1, e - q - 1));
                if (auto slash = t.rfind('/'); slash != std::string::npos) t.erase(0, slash + 1);
                if (!t.empty()) out.push_back(std::move(t));
                q = v.find('"', e + 1);
            }
        }
    }
    return out;
}

namespace {

/// A control's text lower case, without the punctuation around it; empty when it is longer
/// than `max` bytes (a sentence, not a label).
std::string control_label(std::string_view text, std::size_t max) {
    while (!text.empty() && !word_char(text.front())) text.remove_prefix(1);
    while (!text.empty() && !word_char(text.back())) text.remove_suffix(1);
    return text.size() > max ? std::string() : lower_ascii(text);
}

}  // namespace

/// A link or button text that asks the reader to act: a short text starting with a verb of
/// buying, booking or getting in touch (a few languages).
bool call_to_action(std::string_view text) {
    const std::string t = control_label(text, 30);
    if (t.empty()) return false;
    for (std::string_view verb :
         {"get started", "contact us", "get in touch", "get a quote", "book", "buy", "shop",
          "order", "sign up", "register", "subscribe", "request", "free trial", "try",
          "schedule", "call", "apply", "enrol", "enroll", "add to cart", "learn more", "start",
          "join", "download", "kontakt", "jetzt", "contactez", "acheter", "comprar", "contacto",
          "reserv"})
        if (t.starts_with(verb)) return true;
    return false;
}

bool purchase_action(std::string_view text) {
    const std::string t = control_label(text, 40);
    if (t.empty()) return false;
    // ru "в корзину", zh "加入购物车", ja "カートに入れる"
    for (std::string_view phrase :
         {"add to cart", "add to basket", "add to bag", "add to trolley", "in den warenkorb",
          "ajouter au panier", "a\xC3\xB1" "adir al carrito", "aggiungi al carrello",
          "adicionar ao carrinho", "in winkelwagen",
          "\xD0\xB2 \xD0\xBA\xD0\xBE\xD1\x80\xD0\xB7\xD0\xB8\xD0\xBD\xD1\x83",
          "\xE5\x8A\xA0\xE5\x85\xA5\xE8\xB4\xAD\xE7\x89\xA9\xE8\xBD\xA6",
          "\xE3\x82\xAB\xE3\x83\xBC\xE3\x83\x88\xE3\x81\xAB\xE5\x85\xA5\xE3\x82\x8C"
          "\xE3\x82\x8B"})
        if (t.find(phrase) != std::string::npos) return true;
    return false;
}

bool purchase_class(std::string_view class_id) {
    for (std::string_view mark : {"add-to-cart", "add_to_cart", "addtocart", "add-to-basket"})
        if (class_id.find(mark) != std::string_view::npos) return true;
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
    const std::string t = lower_ascii(text);
    return std::find(kMore.begin(), kMore.end(), t) != kMore.end();
}

/// True when a rel attribute's value lists "next".
bool rel_next(std::string_view rel) {
    const std::string r = " " + lower_ascii(rel) + " ";
    return r.find(" next ") != std::string::npos;
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

/// Counts the words of `text`, and among them "we", "our"... and "you", "your"...
void count_voice(const std::string& text, std::size_t& text_words, std::size_t& we,
                 std::size_t& you) {
    for (std::size_t k = 0, e = 0; k < text.size(); k = e) {
        while (k < text.size() && !word_char(text[k])) ++k;
        for (e = k; e < text.size() && (word_char(text[e]) || text[e] == '\''); ++e) {
        }
        if (e == k) continue;
        ++text_words;
        if (e - k > 6) continue;  // longer than any word of either list
        const std::string w = lower_ascii(std::string_view(text).substr(k, e - k));
        if (in_set(w, {"we", "our", "us", "we're", "we've", "ours"})) ++we;
        if (in_set(w, {"you", "your", "you're", "yours", "you'll", "you've"})) ++you;
    }
}

}  // namespace thinkdex::indexer::detail::kind
