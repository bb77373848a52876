// PDF extraction: the thinkdex-pdf-reader program reads the file with poppler (and its XMP
// packet with expat) in a bounded child (pdf_sandbox.hpp) and hands back what it read
// (pdf_wire.hpp); metadata and language are chosen here, in the caller.

#include "thinkdex/indexer/extract_pdf.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "extract_text.hpp"
#include "pdf_metadata.hpp"
#include "pdf_sandbox.hpp"
#include "pdf_wire.hpp"
#include "text_language.hpp"
#include "thinkdex/common/helper_program.hpp"

namespace thinkdex::indexer {

namespace {

using detail::RawPdf;

/// A page's text as paragraphs: blank lines end a paragraph, the lines of one are joined.
std::string paragraphs(std::string_view page) {
    std::string out, paragraph;
    auto end_paragraph = [&] {
        std::string p = detail::collapse_spaces(paragraph);
        if (!p.empty()) out += (out.empty() ? "" : "\n") + p;
        paragraph.clear();
    };
    std::size_t pos = 0;
    while (pos <= page.size()) {
        std::size_t end = std::min(page.find('\n', pos), page.size());
        std::string_view line = page.substr(pos, end - pos);
        if (line.find_first_not_of(" \t\r\f") == std::string_view::npos)
            end_paragraph();
        else
            paragraph.append(line).push_back(' ');
        pos = end + 1;
    }
    end_paragraph();
    return out;
}

Extracted assemble(const RawPdf& raw, std::string_view url) {
    Extracted out;
    out.url = std::string(url);
    out.type = "pdf";
    out.kind = "article";
    out.pages = static_cast<int>(raw.pages.size());
    for (std::size_t i = 0; i < raw.pages.size(); ++i) {
        if (i > 0) out.body += '\f';
        out.body += paragraphs(raw.pages[i]);
    }
    const detail::PdfMetadata meta = detail::choose_pdf_metadata(raw, raw.xmp);
    out.title = meta.title;
    out.authors = meta.authors;
    out.published = meta.published;
    out.language = meta.language.empty() ? detail::guess_language(out.body) : meta.language;
    return out;
}

std::string mib(std::size_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20); }

}  // namespace

bool is_pdf(std::string_view bytes, std::string_view content_type) {
    std::string type = detail::lower_ascii(content_type.substr(0, content_type.find(';')));
    if (detail::collapse_spaces(type) == "application/pdf") return true;
    const std::size_t at = bytes.substr(0, 1024 + 5).find("%PDF-");
    return at != std::string_view::npos;
}

Result<Extracted> extract_pdf(std::string_view bytes, std::string_view url,
                              const PdfLimits& limits) {
    if (bytes.size() > limits.max_bytes) {
        return std::unexpected(Error{"pdf", "PDF of " + mib(bytes.size()) + " MiB, above the " +
                                                mib(limits.max_bytes) + " MiB cap"});
    }
    detail::SandboxLimits bounds;
    bounds.cpu_seconds = limits.max_seconds;
    bounds.memory = limits.max_memory;
    static const std::string reader = [] {
        std::string path = pdf_reader_program();
        spdlog::debug("PDF reader: {}", path);
        return path;
    }();
    auto output = detail::run_program(reader, {std::to_string(limits.max_pages)}, bytes, bounds);
    if (!output) return std::unexpected(Error{"pdf", "PDF reader " + output.error().message});
    Result<RawPdf> raw = detail::from_wire(*output);
    if (!raw) return std::unexpected(raw.error());
    Extracted out = assemble(*raw, url);
    if (out.body.find_first_not_of('\f') == std::string::npos) {
        return std::unexpected(Error{"pdf", "image-only PDF (no text on its " +
                                                std::to_string(out.pages) + " page" +
                                                (out.pages == 1 ? ")" : "s)")});
    }
    return out;
}

std::string pdf_reader_program() {
    return helper_program("thinkdex-pdf-reader", "THINKDEX_PDF_READER", THINKDEX_PDF_READER_BUILT);
}

int page_at(std::string_view body, std::size_t offset) {
    offset = std::min(offset, body.size());
    return 1 + static_cast<int>(
                   std::count(body.begin(), body.begin() + static_cast<long>(offset), '\f'));
}

}  // namespace thinkdex::indexer
