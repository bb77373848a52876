// Page kind: a scored rule over general signals. A publication has a type that says so, a date
// and paragraphs of running text; a listing is made of repeated teaser blocks (a heading link
// each) and links; any other page has neither. Two scores: article or not, then, for the rest,
// listing or page. No rule names a site. The signals are read in kind_page.cpp (the page),
// kind_words.cpp (its vocabulary) and kind_url.cpp (its URL).

#include "extract_kind.hpp"

#include <algorithm>
#include <cmath>
#include <spdlog/spdlog.h>

#include "kind_page.hpp"
#include "kind_url.hpp"
#include "kind_words.hpp"

namespace thinkdex::indexer::detail {

namespace {

// Tunables: every threshold and weight of the rule, in one place. The weights are a logistic
// regression fitted on the tuning half of ../shared/bench/wcxb-dev (scripts/extraction_split.py),
// rounded; the confirmation half only confirmed them (figures in the README).
struct KindTunables {
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
    // A shop's list of products has a purchase control on each ("Add to cart"); a product
    // or service page has one at most.
    double listing_purchases = 2.0;         // three add-to-cart controls or more
    std::size_t min_purchases = 3;
};
constexpr KindTunables kTune{};

void log_signals(const std::string& url, const KindSignals& s) {
    spdlog::debug(
        "kind-signals {} struct={} ltype={} ptype={} dated={} byline={} text={} "
        "longp={} ld={:.3f} teasers={} tshare={:.3f} url={} tw={} pshare={:.3f} "
        "sshare={:.3f} inputs={} cshare={:.3f} we={:.4f} cta={} you={:.4f} next={} "
        "more={} choices={} buy={}",
        url, s.structured, s.listing_type, s.page_type, s.dated, s.byline, s.text_chars,
        s.long_paragraphs, s.link_density, s.teasers, s.teaser_share, s.url_shape, s.title_words,
        s.paragraph_share, s.sentence_share, s.inputs, s.content_share, s.we_share,
        s.calls_to_action, s.you_share, s.next_page, s.more_links, s.choices, s.purchases);
}

}  // namespace

KindSignals kind_signals(const Dom& dom, const std::vector<std::string>& json_ld,
                         const Extracted& meta, const Content& content) {
    KindSignals s;
    kind::read_declared_type(dom, json_ld, s);
    s.dated = !meta.published.empty();
    s.byline = !meta.authors.empty();
    kind::read_main_text(dom, content, s);
    s.title_words = kind::words(meta.title);
    kind::read_elements(dom, content, s);
    kind::read_teasers(dom, s);
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
    if (s.purchases >= t.min_purchases) listing += t.listing_purchases;
    spdlog::debug("kind-listing-score {:.2f}", listing);
    return listing > 0 ? "listing" : "page";
}

}  // namespace thinkdex::indexer::detail
