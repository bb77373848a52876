// PDF extraction: poppler reads the file in a bounded child (pdf_sandbox.hpp), which hands
// back what it read as JSON; metadata and language are chosen here, in the caller.

#include "thinkdex/indexer/extract_pdf.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "extract_text.hpp"
#include "pdf_metadata.hpp"
#include "pdf_reader.hpp"
#include "pdf_sandbox.hpp"
#include "pdf_xmp.hpp"
#include "text_language.hpp"

namespace thinkdex::indexer {

namespace {

using detail::CoverLine;
using detail::RawPdf;

std::string to_json(const Result<RawPdf>& raw) {
    nlohmann::json j;
    if (!raw) {
        j["error"] = raw.error().message;
    } else {
        nlohmann::json cover = nlohmann::json::array();
        for (const CoverLine& line : raw->cover) cover.push_back({line.text, line.size});
        j = {{"title", raw->info_title}, {"author", raw->info_author}, {"date", raw->info_date},
             {"xmp", raw->xmp},          {"pages", raw->pages},        {"cover", cover}};
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<RawPdf> from_json(const std::string& text) {
    try {
        const nlohmann::json j = nlohmann::json::parse(text);
        if (j.contains("error"))
            return std::unexpected(Error{"pdf", j.at("error").get<std::string>()});
        RawPdf raw;
        raw.info_title = j.at("title").get<std::string>();
        raw.info_author = j.at("author").get<std::string>();
        raw.info_date = j.at("date").get<std::string>();
        raw.xmp = j.at("xmp").get<std::string>();
        raw.pages = j.at("pages").get<std::vector<std::string>>();
        for (const auto& line : j.at("cover"))
            raw.cover.push_back({line.at(0).get<std::string>(), line.at(1).get<double>()});
        return raw;
    } catch (const nlohmann::json::exception& e) {
        return std::unexpected(
            Error{"pdf", std::string("PDF reader gave bad output: ") + e.what()});
    }
}

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
    const detail::PdfMetadata meta = detail::choose_pdf_metadata(raw, detail::parse_xmp(raw.xmp));
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
    auto output = detail::run_in_child(
        [&] { return to_json(detail::read_pdf(bytes, limits.max_pages)); }, bounds);
    if (!output) return std::unexpected(Error{"pdf", "PDF reader " + output.error().message});
    Result<RawPdf> raw = from_json(*output);
    if (!raw) return std::unexpected(raw.error());
    Extracted out = assemble(*raw, url);
    if (out.body.find_first_not_of('\f') == std::string::npos) {
        return std::unexpected(Error{"pdf", "image-only PDF (no text on its " +
                                                std::to_string(out.pages) + " page" +
                                                (out.pages == 1 ? ")" : "s)")});
    }
    return out;
}

int page_at(std::string_view body, std::size_t offset) {
    offset = std::min(offset, body.size());
    return 1 + static_cast<int>(
                   std::count(body.begin(), body.begin() + static_cast<long>(offset), '\f'));
}

}  // namespace thinkdex::indexer
