// extract(): bytes in, article text and metadata out. The pipeline: gunzip if needed, decode to
// UTF-8, pre-scan (drop script/style bodies, keep JSON-LD, bound nesting), parse with gumbo once
// into a flat node array, then metadata and main content as loops over that array.

#include "thinkdex/indexer/extract.hpp"

#include <exception>
#include <utility>
#include <spdlog/spdlog.h>

#include "extract_content.hpp"
#include "extract_dom.hpp"
#include "extract_kind.hpp"
#include "kind_url.hpp"
#include "extract_metadata.hpp"
#include "extract_prescan.hpp"
#include "extract_sniff.hpp"
#include "thinkdex/common/charset.hpp"
#include "thinkdex/common/gzip.hpp"
#include "thinkdex/common/utf8.hpp"

namespace thinkdex::indexer {

namespace {

// Bounds on the work spent on one page. Article pages are well under these; beyond them a page
// is extracted as far as the bound allows and the bound is logged. A gzipped page that would
// inflate past kMaxInputBytes is refused instead: that is a bomb, not a page.
constexpr std::size_t kMaxInputBytes = 16u << 20;  // raw (or inflated) bytes
constexpr std::size_t kMaxHtmlBytes = 8u << 20;    // markup handed to gumbo after the pre-scan

}  // namespace

Result<Extracted> extract(std::string_view bytes, std::string_view url,
                          std::string_view content_type, std::string_view name) {
    if (name.empty()) name = url.empty() ? std::string_view("page without a URL") : url;
    auto refuse = [](std::string reason) {
        return std::unexpected(Error{"not-html", "not an HTML page: " + std::move(reason)});
    };
    Extracted out;
    out.url = sanitize_utf8(url);
    try {
        std::string inflated;
        if (is_gzip(bytes)) {
            // Pages stored or saved as .html.gz. Past the page cap it is a bomb or not a page.
            auto r = gunzip(bytes, kMaxInputBytes);
            if (!r) return refuse(r.error().message);
            inflated = std::move(*r);
            bytes = inflated;
        }
        if (std::string why = detail::binary_reason(bytes, content_type); !why.empty())
            return refuse(std::move(why));
        if (bytes.size() > kMaxInputBytes) {
            spdlog::warn("extract: {}: page of {} bytes, only the first {} are read", name,
                         bytes.size(), kMaxInputBytes);
            bytes = bytes.substr(0, kMaxInputBytes);
        }
        std::string utf8 = decode_to_utf8(bytes, content_type);
        if (std::string why = detail::text_reason(utf8); !why.empty())
            return refuse(std::move(why));
        detail::Prescanned pre = detail::prescan(utf8);
        utf8.clear();
        utf8.shrink_to_fit();
        if (pre.depth_capped) {
            spdlog::warn("extract: {}: elements nested deeper than {} levels were flattened", name,
                         detail::kMaxNesting);
        }
        if (pre.html.size() > kMaxHtmlBytes) {
            spdlog::warn("extract: {}: {} bytes of markup, only the first {} are parsed", name,
                         pre.html.size(), kMaxHtmlBytes);
            pre.html.resize(kMaxHtmlBytes);
            pre.html = sanitize_utf8(pre.html);  // the cut may split a character
        }
        detail::Dom dom(pre.html);
        detail::MetadataNotes notes;
        detail::extract_metadata(dom, pre.json_ld, out.url, out, &notes);
        detail::Content content = detail::extract_content(
            dom, detail::PageMeta{std::move(notes.titles), out.authors, out.published});
        std::size_t total = 0;
        for (const auto& l : content.lines) total += l.text.size() + 1;
        out.body.reserve(total);
        for (const auto& l : content.lines) {
            if (!out.body.empty()) out.body.push_back('\n');
            out.body += l.text;
        }
        // a date read only beside a byline box does not by itself make a publication
        std::string weak_date;
        if (notes.date_from_byline_box) weak_date = std::exchange(out.published, {});
        out.kind = detail::classify_kind(detail::kind_signals(dom, pre.json_ld, out, content));
        if (!weak_date.empty()) out.published = std::move(weak_date);
        // a service or about page's h1 is a slogan ("Space to figure things out"); the page's
        // name is the title its metadata and <title> agree on
        if (out.kind == "page" && !notes.agreed_title.empty()) out.title = notes.agreed_title;
        // on a site's home page the site is the subject, not an affix: a <title> that leads
        // with its name ("Brand | What it does", "Brand: What it does") is kept whole
        if (out.kind != "article" && !notes.brand_title.empty() && detail::is_site_root(out.url))
            out.title = notes.brand_title;
        // the names on a listing are its teasers' bylines, not the page's authors, and the
        // names in an about, service or contact page's text are its staff's or its clients':
        // only its metadata credits an author there. A listing's dates are its teasers' too,
        // and a page that is not a publication has no publication date.
        if (out.kind == "listing" || (out.kind == "page" && notes.authors_from_markup))
            out.authors.clear();
        if (out.kind != "article") out.published.clear();
    } catch (const std::exception& e) {
        // Extraction is best effort: keep what was found rather than lose the page.
        spdlog::warn("extract: {}: {}", name, e.what());
    }
    return out;
}

}  // namespace thinkdex::indexer
