#include "pdf_metadata.hpp"

#include <algorithm>
#include <cmath>

#include "extract_authors.hpp"
#include "extract_date.hpp"
#include "extract_text.hpp"
#include "text_language.hpp"

namespace thinkdex::indexer::detail {

namespace {

namespace tun = pdf_metadata_tunables;

/// Lower-cased words (letters and digits) of `s`.
std::vector<std::string> words_of(std::string_view s) {
    std::vector<std::string> out;
    std::string word;
    for (char c : lower_basic(s) + " ") {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80) {
            word += c;
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    return out;
}

std::string cover_text(const RawPdf& raw) {
    std::string text;
    for (const CoverLine& line : raw.cover) text += line.text + "\n";
    if (text.empty() && !raw.pages.empty()) text = raw.pages.front();
    return " " + lower_basic(text) + " ";
}

bool on_cover(std::string_view title, const std::string& cover) {
    std::size_t long_words = 0, shown = 0;
    for (const std::string& w : words_of(title)) {
        if (w.size() < 3) continue;
        ++long_words;
        if (cover.find(w) != std::string::npos) ++shown;
    }
    return long_words > 0 &&
           static_cast<double>(shown) >= tun::kTitleWordsOnCover * static_cast<double>(long_words);
}

/// The cover's largest type, its first run of up to kMaxTitleLines lines, skipping lines
/// without letters (page numbers, rules).
std::string largest_text(const std::vector<CoverLine>& cover) {
    double largest = 0;
    for (const CoverLine& line : cover)
        if (words_of(line.text).size() > 0) largest = std::max(largest, line.size);
    std::string title;
    std::size_t taken = 0;
    for (const CoverLine& line : cover) {
        const bool big = std::fabs(line.size - largest) <= tun::kSameSize;
        if (!big) {
            if (taken > 0) break;
            continue;
        }
        if (taken == tun::kMaxTitleLines) break;
        if (!title.empty()) title += ' ';
        title += line.text;
        ++taken;
    }
    return collapse_spaces(title);
}

std::string choose_title(const RawPdf& raw, const XmpFields& xmp, const std::string& cover) {
    for (const std::string& candidate : {xmp.title, raw.info_title}) {
        const std::string title = collapse_spaces(candidate);
        if (!title.empty() && !junk_title(title) && on_cover(title, cover)) return title;
    }
    return largest_text(raw.cover);
}

std::vector<std::string> metadata_names(const RawPdf& raw, const XmpFields& xmp) {
    std::vector<std::string> names;
    for (const std::string& credit : xmp.creators)
        for (auto& n : split_names(credit)) add_unique(names, surname_first(n));
    if (names.empty())
        for (auto& n : split_names(raw.info_author)) add_unique(names, surname_first(n));
    return names;
}

/// The names after a byline's label in one of the cover's languages ("By", "Par", "Von",
/// "Por", "Di", "Authors:"); empty when the line has no such label.
std::vector<std::string> labelled_names(std::string_view line) {
    for (std::string_view label : {"by ", "par ", "von ", "por ", "di ", "door ",
                                   "authors:", "author:", "written by ", "auteurs :", "auteur :"}) {
        if (!istarts_with(line, label)) continue;
        auto names = split_names(line.substr(label.size()));
        std::erase_if(names, [](const std::string& v) { return !person_like(v); });
        return names;
    }
    return {};
}

/// Names under a byline label on the cover, on its line or the next.
std::vector<std::string> cover_byline(const std::vector<CoverLine>& cover) {
    const std::size_t n = std::min(cover.size(), tun::kCoverLines);
    for (std::size_t i = 0; i < n; ++i) {
        if (auto names = labelled_names(cover[i].text); !names.empty()) return names;
        if (byline_label(cover[i].text) && i + 1 < n) {
            auto names = split_names(cover[i + 1].text);
            if (!names.empty()) return names;
        }
    }
    return {};
}

std::vector<std::string> choose_authors(const RawPdf& raw, const XmpFields& xmp,
                                        const std::string& cover) {
    const std::vector<std::string> named = metadata_names(raw, xmp);
    std::vector<std::string> shown;
    for (const std::string& name : named) {
        const auto words = words_of(name);
        if (!words.empty() && person_like(name) && cover.find(words.back()) != std::string::npos)
            shown.push_back(name);
    }
    if (!shown.empty()) return shown;
    if (auto byline = cover_byline(raw.cover); !byline.empty()) return byline;
    std::vector<std::string> people;
    for (const std::string& name : named)
        if (person_like(name)) people.push_back(name);
    return people;
}

/// A cover's date line: a full date ("12 March 2024"), else a month ("June 2023" gives
/// "2023-06"), as reports are often dated.
std::string cover_date(std::string_view line, const DateReading& reading) {
    LabelledDate d = date_in_line(line, reading);
    if (!d.date.empty()) return d.label == DateLabel::kModified ? std::string() : d.date;
    if (line.size() > tun::kMaxMonthLine) return {};
    std::string day_one = parse_date("1 " + std::string(line), true, reading);
    return day_one.empty() ? day_one : day_one.substr(0, 7);
}

std::string choose_date(const RawPdf& raw, const XmpFields& xmp, const DateReading& reading) {
    const std::size_t n = std::min(raw.cover.size(), tun::kCoverLines);
    for (std::size_t i = 0; i < n; ++i)
        if (std::string d = cover_date(raw.cover[i].text, reading); !d.empty()) return d;
    if (std::string d = parse_date(xmp.date, true); !d.empty()) return d;
    return raw.info_date;
}

}  // namespace

bool junk_title(std::string_view title) {
    const std::string t = lower_ascii(collapse_spaces(title));
    for (std::string_view prefix : {"microsoft word - ", "microsoft powerpoint - ",
                                    "microsoft excel - ", "powerpoint presentation"})
        if (t.starts_with(prefix)) return true;
    // a template's placeholder, perhaps numbered: "Untitled", "Document1", "Slide 3"
    for (std::string_view word : {"untitled", "document", "title", "template", "draft", "slide",
                                  "presentation", "report", "new document"})
        if (t.starts_with(word) &&
            t.find_first_not_of(" 0123456789-", word.size()) == std::string::npos)
            return true;
    for (std::string_view suffix : {".doc", ".docx", ".pdf", ".indd", ".tex", ".dvi", ".rtf",
                                    ".odt", ".ppt", ".pptx", ".qxd", ".qxp", ".ps", ".txt"})
        if (t.ends_with(suffix)) return true;
    // "final_v2", "report-2024-03": a file name with no space in it
    return t.find(' ') == std::string::npos && t.find_first_of("_0123456789") != std::string::npos;
}

bool person_like(std::string_view name) {
    const std::string n = collapse_spaces(name);
    if (n.find(' ') == std::string::npos || account_name(n) || organisation_name(n)) return false;
    if (n.find('@') != std::string::npos || n.find_first_of("0123456789_") != std::string::npos)
        return false;
    // a printed name starts with a capital (logins and handles are often all lower case)
    return std::isupper(static_cast<unsigned char>(n.front())) ||
           static_cast<unsigned char>(n.front()) >= 0x80;
}

PdfMetadata choose_pdf_metadata(const RawPdf& raw, const XmpFields& xmp) {
    const std::string cover = cover_text(raw);
    PdfMetadata out;
    out.language = normalise_language(xmp.language);
    out.title = choose_title(raw, xmp, cover);
    out.authors = choose_authors(raw, xmp, cover);
    out.published = choose_date(raw, xmp, date_reading(out.language));
    return out;
}

}  // namespace thinkdex::indexer::detail
