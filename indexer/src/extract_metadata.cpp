#include "extract_metadata.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>
#include <utility>

#include "extract_authors.hpp"
#include "extract_byline.hpp"
#include "extract_content.hpp"
#include "extract_date.hpp"
#include "extract_jsonld.hpp"
#include "extract_summary.hpp"
#include "extract_text.hpp"
#include "extract_title.hpp"
#include "meta_tags.hpp"
#include "metadata_scan.hpp"
#include "text_language.hpp"
#include "thinkdex/common/url_resolve.hpp"
#include "visible_dates.hpp"

namespace thinkdex::indexer::detail {

namespace {

std::string choose_site_name(const MetaTags& meta, const JsonLd& ld) {
    std::string site = meta.first({"og:site_name"});
    if (site.empty()) site = ld.publisher;
    if (site.empty()) site = ld.website;
    if (site.empty()) site = meta.first({"application-name", "al:android:app_name"});
    return site;
}

// URL: the canonical one names the site's host even for a page read from a file
std::string page_url(std::string_view url, const MetadataScan& scan) {
    std::string canon = scan.canonical.empty() ? scan.meta.first({"og:url"}) : scan.canonical;
    std::string resolved = resolve_url(url, trim(canon));
    return resolved.empty() ? std::string(url) : resolved;
}

TitleSources title_sources(const MetadataScan& scan, const JsonLd& ld, const Extracted& out) {
    TitleSources ts;
    ts.meta = {scan.meta.first({"citation_title"}), ld.headline,
               scan.meta.first({"og:title", "twitter:title", "dc:title", "dc.title",
                                "dcterm:title", "dcterms.title", "weibo:article:title",
                                "weibo:webpage:title", "parsely-title", "title"})};
    ts.title_tag = scan.title_tag;
    ts.h1s = scan.visible_h1s;
    ts.headings = scan.headings;
    ts.all_h1s = scan.h1s;
    ts.site_names = {out.site_name, ld.publisher, ld.website};
    for (auto& l : host_labels(url_host(out.url))) ts.site_names.push_back(std::move(l));
    return ts;
}

// Every form of the chosen title the page gives, lower case (MetadataNotes::titles).
std::vector<std::string> title_forms(const std::string& title, const MetadataScan& scan,
                                     const JsonLd& ld) {
    std::string from_tag = title_from_title_tag(scan.title_tag, scan.headings, scan.h1s);
    std::vector<std::string> title_forms;
    std::vector<std::string> forms{title, scan.meta.first({"og:title"}), ld.headline, from_tag};
    // "Title | Site": the part before the last separator
    auto seps = title_separators(title);
    if (!seps.empty()) forms.push_back(title.substr(0, seps.back().first));
    for (auto& f : forms) {
        std::string l = lower_ascii(collapse_spaces(f));
        if (!l.empty() && std::find(title_forms.begin(), title_forms.end(), l) ==
                              title_forms.end())
            title_forms.push_back(std::move(l));
    }
    return title_forms;
}

// "Site: Title" / "Title | Site": the other side names the site
std::string site_beside_title(const std::string& title_tag, const std::string& title) {
    std::string t = collapse_spaces(title_tag);
    for (std::string_view sep : {": ", " | ", " - ", " \u2013 ", " \u2014 ", " \u00bb "}) {
        std::string suffix = std::string(sep) + title;
        std::string prefix = title + std::string(sep);
        if (t.size() > suffix.size() && iequals(t.substr(t.size() - suffix.size()), suffix))
            return trim(t.substr(0, t.size() - suffix.size()));
        if (t.size() > prefix.size() && istarts_with(t, prefix))
            return trim(t.substr(prefix.size()));
    }
    return {};
}

// lines of the page (outside chrome) for bylines and dates written near the title
std::vector<Line> page_lines(const Dom& dom, int body, const PageFlags& flags) {
    std::vector<Line> lines = body != kNone ? lines_of(dom, body, &flags.chrome) : std::vector<Line>{};
    if (lines.size() > 4000) lines.resize(4000);
    // a "today's date" widget is no dateline: its line is nobody's date nor byline
    std::erase_if(lines, [&](const Line& l) {
        return l.block != kNone && current_date_class(dom[l.block].class_id);
    });
    return lines;
}

// The page as the author and date choices read it beyond its metadata: the scan of its
// elements, its lines, the byline and dateline near the title, and the title heading (or kNone).
struct PageText {
    const Dom& dom;
    const MetadataScan& scan;
    const NearTitle& near;
    const std::vector<Line>& lines;
    int title_node;
};

// authors: the first source, most deliberate first, that names people rather than the
// site, its publisher or an account
AuthorChoice choose_authors(const JsonLd& ld, const std::vector<std::string>& site_names,
                            const PageText& m) {
    const MetaTags& meta = m.scan.meta;
    AuthorChoice authors(site_names);
    {
        std::vector<std::string> cited;
        for (const auto& a : meta.all("citation_author")) add_unique(cited, surname_first(a));
        authors.offer_metadata("citation_author", std::move(cited));
    }
    authors.offer_metadata("json-ld", ld.authors);
    for (const auto& n : ld.groups) authors.offer_group(n);
    for (const auto& n : ld.organisations) authors.offer_organisation(n);
    // the first of these keys present; a page may repeat it, one author each
    for (std::string_view key : {"dc:creator", "dc.creator", "dcterm:creator", "dcterms.creator",
                                 "author", "parsely-author", "sailthru.author", "byl",
                                 "article:author_name"}) {
        authors.offer_credits(key, meta.all(key));
    }
    authors.offer_credits("meta label", labelled_meta(meta, {"written by", "author", "authors", "by"}));
    authors.offer_credits("article:author", meta.all("article:author"));
    authors.offer_credits("og:article:author", meta.all("og:article:author"));
    // the "By" line under the title against the metadata: disagreement or a longer list of
    // people means the metadata credits an account or only the first author
    if (m.near.labelled) authors.prefer_visible("labelled byline near title", m.near.authors);
    const MetadataScan& s = m.scan;
    // a byline in the article's head beats one elsewhere, whichever markup it uses
    const Hit* dom_zone = zone_hit(s.dom_authors, m.title_node);
    const Hit* class_zone = zone_hit(s.class_bylines, m.title_node);
    if (dom_zone != nullptr)
        authors.offer("author link in head", byline_names(m.dom, s.dom_authors, dom_zone));
    if (class_zone != nullptr)
        authors.offer("byline class in head", byline_names(m.dom, s.class_bylines, class_zone));
    if (const Hit* marked = zone_hit(s.marked_names, m.title_node); marked != nullptr)
        authors.offer("author-name class in head", marked->names);
    authors.offer("author link", byline_names(m.dom, s.dom_authors, nullptr));
    authors.offer("byline class", byline_names(m.dom, s.class_bylines, nullptr));
    authors.offer("byline near title", m.near.authors);
    authors.offer("labelled byline", labelled_byline(m.lines));
    authors.offer("post footer", s.blogger_authors);
    authors.offer_markup_group(s.markup_group);
    return authors;
}

// The dates the metadata gives (citation, JSON-LD, <meta>, microdata).
DateEvidence metadata_dates(const MetaTags& meta, const JsonLd& ld,
                            const std::string& itemprop_date) {
    DateEvidence dates;
    dates.citation = parse_date(meta.first({"citation_publication_date", "citation_date",
                                            "citation_online_date"}));
    dates.ld_published = parse_date(ld.published);
    dates.ld_modified = parse_date(ld.modified);
    dates.ld_is_article = ld.is_article;
    dates.meta_published = parse_date(meta.first(
        {"article:published_time", "og:article:published_time", "datepublished", "dc.date.issued",
         "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "parsely-pub-date",
         "sailthru.date", "pubdate", "publishdate", "publish-date", "publish_date",
         "article.published", "originalpublicationdate", "date"}));
    for (const auto& [key, value] : meta.entries) {
        // any other key that names publishing ("x-published-date"), never a modification
        if (!dates.meta_published.empty()) break;
        if (publication_context(key) && !modification_context(key))
            dates.meta_published = parse_date(value);
    }
    dates.meta_modified = parse_date(meta.first({"article:modified_time", "og:updated_time",
                                                 "datemodified", "dcterms.modified"}));
    dates.microdata = itemprop_date;
    return dates;
}

// published date: the sources, each checked against the others (see choose_published)
ChosenDate choose_date(const MetadataScan& scan, const JsonLd& ld, const PageText& m,
                       const std::vector<std::string>& authors, PageReading& reading,
                       std::string_view url) {
    DateEvidence dates = metadata_dates(scan.meta, ld, scan.itemprop_date);
    add_head_date(scan.visible_dates, m.title_node, m.near, url, dates);
    if (dates.visible.empty()) {
        // no dateline in the head: one that says "Published" or "Posted on" anywhere
        dates.visible = labelled_published(m.lines, reading());
        if (!dates.visible.empty()) dates.visible_label = DateLabel::kPublished;
    }
    if (dates.visible.empty()) {
        // nor anywhere: the date beside the byline that credits the page's authors (an
        // author box after the text, a byline card with no title heading near it)
        LabelledDate d = credited_byline_date(m.dom, scan.class_bylines, authors, reading());
        if (d.date.empty()) d = credited_byline_date(m.dom, scan.dom_authors, authors, reading());
        dates.visible = d.date;
        dates.visible_label = d.label;
        dates.visible_in_byline_box = !d.date.empty();
    }
    dates.url = url_date(url);
    if (dates.url.empty()) dates.url = url_date(scan.canonical);
    if (dates.url.empty()) dates.url = url_date(scan.meta.first({"og:url"}));
    spdlog::debug("extract: {}: date evidence citation={} ld={} ld_modified={} ld_article={} "
                  "meta={} meta_modified={} itemprop={} visible={} label={} url={}",
                  url, dates.citation, dates.ld_published, dates.ld_modified, dates.ld_is_article,
                  dates.meta_published, dates.meta_modified, dates.microdata, dates.visible,
                  static_cast<int>(dates.visible_label), dates.url);
    ChosenDate date = choose_published(dates);
    if (!date.date.empty())
        spdlog::debug("extract: {}: published {} from {}", url, date.date, date.source);
    return date;
}

// summary: an executive summary block beats the meta description
std::string choose_summary(const Dom& dom, int body, const PageFlags& flags, const MetaTags& meta,
                           const JsonLd& ld) {
    std::string summary = summary_block(dom, body, flags);
    if (summary.empty()) {
        summary = meta.first({"description", "og:description", "twitter:description",
                              "dc.description"});
    }
    if (summary.empty()) summary = ld.description;
    return collapse_spaces(summary);
}

std::string choose_language(const std::string& html_lang, const MetaTags& meta,
                            const JsonLd& ld) {
    std::string language = normalise_language(html_lang);
    if (language.empty()) language = normalise_language(meta.first({"content-language", "language", "dc.language"}));
    if (language.empty()) language = normalise_language(meta.first({"og:locale"}));
    if (language.empty()) language = normalise_language(ld.language);
    return language;
}

}  // namespace

void extract_metadata(const Dom& dom, const std::vector<std::string>& json_ld,
                      std::string_view url, Extracted& out, MetadataNotes* notes) {
    // `url` may view `out.url`, which is replaced below: keep a copy of the given URL
    const std::string given_url(url);
    url = given_url;
    PageFlags flags = mark_chrome(dom);

    MetadataScan scan;
    // dates are read by the page's language, known before the body (see PageReading)
    PageReading reading(scan.html_lang, scan.meta);
    scan_metadata(dom, flags, reading, scan, out.robots_meta);
    const MetaTags& meta = scan.meta;

    JsonLd ld = parse_json_ld(json_ld, scan.title_tag);

    // site name first: it helps to clean the <title>
    out.site_name = choose_site_name(meta, ld);
    out.url = page_url(url, scan);

    TitleSources ts = title_sources(scan, ld, out);
    out.title = choose_title(ts);
    std::vector<std::string> titles = title_forms(out.title, scan, ld);
    if (notes != nullptr) {
        notes->titles = titles;
        notes->agreed_title = agreed_metadata_title(ts);
        notes->brand_title = brand_led_title(ts);
    }
    if (out.site_name.empty() && !out.title.empty())
        out.site_name = site_beside_title(scan.title_tag, out.title);

    int body = dom.body();
    std::vector<Line> lines = page_lines(dom, body, flags);
    const std::string first_h1 = scan.visible_h1s.empty() ? std::string{} : scan.visible_h1s.front();
    NearTitle near = scan_near_title(dom, lines, titles, first_h1, reading());
    const PageText text{dom, scan, near, lines,
                        title_heading(scan.heading_nodes, scan.headings, titles)};

    AuthorChoice authors = choose_authors(ld, ts.site_names, text);
    out.authors = authors.chosen();
    if (notes != nullptr) notes->authors_from_markup = authors.from_markup();
    spdlog::debug("extract: {}: authors from {}", url, authors.source());

    ChosenDate date = choose_date(scan, ld, text, out.authors, reading, url);
    out.published = date.date;
    if (notes != nullptr)
        notes->date_from_byline_box = std::string_view(date.source) == kBylineBoxSource;

    out.summary = choose_summary(dom, body, flags, meta, ld);
    out.tags.clear();
    for (const auto& t : meta.all("article:tag")) add_unique(out.tags, t);
    if (out.tags.empty()) out.tags = scan.rel_tags;
    out.language = choose_language(scan.html_lang, meta, ld);
}

}  // namespace thinkdex::indexer::detail
