#include "pdf_reader.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <cmath>
#include <ctime>
#include <memory>

namespace thinkdex::indexer::detail {

namespace {

std::string utf8(const poppler::ustring& s) {
    poppler::byte_array bytes = s.to_utf8();
    std::string out(bytes.begin(), bytes.end());
    while (!out.empty() && out.back() == '\0') out.pop_back();
    return out;
}

/// The XMP packet's own bytes. poppler-cpp hands the metadata stream over as text made byte by
/// byte (each byte the character of that code, unless the stream starts with a UTF-16 byte
/// order mark), so its UTF-8 came out as mojibake ("Élodie" as "Ã\u0089lodie"). The codes
/// are the bytes again, for the XML parser to decode as the packet declares.
std::string packet_bytes(const poppler::ustring& s) {
    std::string out;
    out.reserve(s.size());
    for (const auto unit : s) {
        if (unit > 0xff) return utf8(s);  // read as UTF-16: text already
        out.push_back(static_cast<char>(unit));
    }
    while (!out.empty() && out.back() == '\0') out.pop_back();
    return out;
}

/// poppler's first complaint about the file, for the "broken PDF" message.
void keep_first_error(const std::string& message, void* closure) {
    auto* first = static_cast<std::string*>(closure);
    if (first->empty()) *first = message;
}

std::string iso_date(std::time_t t) {
    if (t <= 0) return {};
    std::tm tm{};
    if (!gmtime_r(&t, &tm)) return {};
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

/// The words of a page, joined into lines: a word starts a new line when its top is more than
/// half its height away from the line's (words come in reading order). A word's size is the
/// height of its box, which its font size sets: asking poppler for the font itself
/// (`text_list_include_font`) looks every font up through fontconfig, which loads and parses
/// the system's whole font configuration, a third of the reader's time on a short PDF.
std::vector<CoverLine> lines_of(const poppler::page& page) {
    std::vector<CoverLine> lines;
    double line_top = 0;
    for (const poppler::text_box& word : page.text_list()) {
        const poppler::rectf box = word.bbox();
        const std::string text = utf8(word.text());
        if (text.empty()) continue;
        if (lines.empty() || std::fabs(box.top() - line_top) > box.height() / 2) {
            lines.push_back({});
            line_top = box.top();
        }
        CoverLine& line = lines.back();
        if (!line.text.empty()) line.text += ' ';
        line.text += text;
        line.size = std::max(line.size, box.height());
    }
    return lines;
}

}  // namespace

Result<RawPdf> read_pdf(std::string_view bytes, int max_pages) {
    std::string first_error;
    poppler::set_debug_error_function(keep_first_error, &first_error);
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        return std::unexpected(Error{"pdf", "PDF too large for poppler"});
    }
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) {
        return std::unexpected(Error{
            "pdf",
            "broken PDF (" + (first_error.empty() ? "poppler cannot open it" : first_error) + ")"});
    }
    if (doc->is_locked()) return std::unexpected(Error{"pdf", "encrypted PDF (needs a password)"});
    RawPdf raw;
    raw.info_title = utf8(doc->get_title());
    raw.info_author = utf8(doc->get_author());
    raw.info_date = iso_date(doc->get_creation_date_t());
    raw.xmp = parse_xmp(packet_bytes(doc->metadata()));
    const int pages = std::min(doc->pages(), max_pages);
    for (int i = 0; i < pages; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) {
            raw.pages.emplace_back();
            continue;
        }
        raw.pages.push_back(
            utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout)));
        if (i == 0) raw.cover = lines_of(*page);
    }
    if (doc->pages() == 0) {
        return std::unexpected(Error{"pdf", "broken PDF (no pages)"});
    }
    return raw;
}

}  // namespace thinkdex::indexer::detail
