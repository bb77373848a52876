#include "thinkdex/query/citation.hpp"

#include <xapian.h>

#include <cctype>
#include <string_view>

#include "shards.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/common/stored_document.hpp"

namespace thinkdex::query {

namespace {

/// Control characters (line breaks included) become spaces and runs of spaces one space, so
/// that a value stays on its line in RIS and inside its field in BibTeX.
std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        bool space = u < 0x20 || u == 0x7F || c == ' ';
        if (space) {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

/// LaTeX-safe text whose braces always balance: BibTeX counts braces even after a backslash,
/// so a literal brace is written as a command rather than as \{.
std::string bibtex_text(std::string_view text) {
    std::string out;
    for (char c : one_line(text)) {
        switch (c) {
            case '{':
                out += "\\textbraceleft{}";
                break;
            case '}':
                out += "\\textbraceright{}";
                break;
            case '\\':
                out += "\\textbackslash{}";
                break;
            case '~':
                out += "\\textasciitilde{}";
                break;
            case '^':
                out += "\\textasciicircum{}";
                break;
            case '#':
            case '$':
            case '%':
            case '&':
            case '_':
                out.push_back('\\');
                out.push_back(c);
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

/// URLs are read verbatim by url/biblatex; only what could unbalance the field or end it is
/// percent-encoded, which leaves the URL equivalent.
std::string bibtex_url(std::string_view url) {
    std::string out;
    for (char c : one_line(url)) {
        switch (c) {
            case '{':
                out += "%7B";
                break;
            case '}':
                out += "%7D";
                break;
            case '\\':
                out += "%5C";
                break;
            case ' ':
                out += "%20";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

/// A name BibTeX would split at " and " is braced, so it stays one (corporate) author.
std::string bibtex_name(const std::string& name) {
    std::string escaped = bibtex_text(name);
    std::string lower;
    for (char c : escaped)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return lower.find(" and ") != std::string::npos ? "{" + escaped + "}" : escaped;
}

std::string year_of(const std::string& date) {
    return date.size() >= 4 &&
                   date.substr(0, 4).find_first_not_of("0123456789") == std::string::npos
               ? date.substr(0, 4)
               : std::string();
}

int month_of(const std::string& date) {
    if (date.size() < 7 || date[4] != '-' || !std::isdigit(static_cast<unsigned char>(date[5])) ||
        !std::isdigit(static_cast<unsigned char>(date[6])))
        return 0;
    int month = (date[5] - '0') * 10 + (date[6] - '0');
    return month >= 1 && month <= 12 ? month : 0;
}

/// Only well-formed dates go into date fields; anything else would mislead a reference manager.
bool is_date(const std::string& date) {
    if (date.size() != 4 && date.size() != 7 && date.size() != 10) return false;
    for (std::size_t i = 0; i < date.size(); ++i) {
        bool dash = i == 4 || i == 7;
        if (dash ? date[i] != '-' : !std::isdigit(static_cast<unsigned char>(date[i])))
            return false;
    }
    return date.size() == 4 || month_of(date) != 0;
}

/// Lower-case ASCII letters and digits of `text`; the accented Latin-1 letters (U+00C0 to
/// U+00FF) become their base letter, so that "Müller" gives "muller", not "mller".
std::string key_part(std::string_view text) {
    static constexpr std::string_view kLatin1 =
        "aaaaaaaceeeeiiiidnooooo ouuuuyts"   // U+00C0..U+00DF
        "aaaaaaaceeeeiiiidnooooo ouuuuyty";  // U+00E0..U+00FF
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto u = static_cast<unsigned char>(text[i]);
        if (u < 0x80) {
            if (std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
        } else if (u == 0xC3 && i + 1 < text.size()) {
            auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0xBF && kLatin1[next - 0x80] != ' ')
                out.push_back(kLatin1[next - 0x80]);
            ++i;
        }
    }
    return out;
}

void field(std::string& out, std::string_view name, const std::string& value) {
    if (value.empty()) return;
    out += "  ";
    out += name;
    out.append(name.size() < 12 ? 12 - name.size() : 0, ' ');
    out += " = " + value + ",\n";
}

void ris_line(std::string& out, std::string_view tag, const std::string& value) {
    std::string clean = one_line(value);
    if (clean.empty()) return;
    out += tag;
    out += "  - " + clean + "\r\n";
}

/// "2025-08-26" -> "2025/08/26/", "2025-08" -> "2025/08//", "2025" -> "2025///".
std::string ris_date(const std::string& date) {
    std::string year = date.substr(0, 4);
    std::string month = date.size() >= 7 ? date.substr(5, 2) : "";
    std::string day = date.size() >= 10 ? date.substr(8, 2) : "";
    return year + "/" + month + "/" + day + "/";
}

}  // namespace

namespace {

/// The publication with unique id `id` in `db`. Throws Xapian::Error.
std::optional<Citation> lookup(Xapian::Database& db, const std::string& id) {
    for (int attempt = 0;; ++attempt) {
        try {
            std::string term = schema::unique_id_term(id);
            Xapian::PostingIterator it = db.postlist_begin(term);
            if (it == db.postlist_end(term)) return std::nullopt;
            StoredDocument data = decode_stored_document(db.get_document(*it).get_data());
            // A shortened id term matches only its own id, but check: a citation of the
            // wrong document would be worse than none.
            if (!data.id.empty() && data.id != id) return std::nullopt;
            Citation c;
            c.id = id;
            c.url = std::move(data.url);
            c.title = std::move(data.title);
            c.published = std::move(data.published);
            c.site = std::move(data.site);
            c.authors = std::move(data.authors);
            if (data.type == "pdf") c.pdf_url = c.url;
            if (!data.pdf_urls.empty()) c.pdf_url = data.pdf_urls.front();  // a landing page's
            return c;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt > 0) throw;
            db.reopen();  // the indexer committed while we read: read the newest revision
        }
    }
}

}  // namespace

std::optional<Citation> find_citation(const std::filesystem::path& index, const std::string& id) {
    try {
        // A stub file opens its shards with Xapian's own timeouts.
        Xapian::Database db(index.string(), Xapian::DB_OPEN);
        return lookup(db, id);
    } catch (const Xapian::Error& e) {
        throw Fatal("cannot read index '" + index.string() + "': " + e.get_description());
    }
}

std::optional<Citation> find_citation(const IndexSource& source, const std::string& id) {
    auto addresses = shard_addresses(source);
    if (!addresses) return find_citation(source.path, id);
    ShardSet shards(std::move(*addresses), source.shard_timeout);
    try {
        Xapian::Database db = shards.open(1).front();
        return lookup(db, id);
    } catch (const Xapian::Error& e) {
        throw Fatal("cannot read " + shards.describe() + ": " + e.get_description());
    }
}

std::string citation_key(const Citation& citation) {
    std::string author;
    if (!citation.authors.empty()) {
        std::string name = one_line(citation.authors.front());
        auto comma = name.find(',');  // "Kuhrt, Natasha"
        if (comma != std::string::npos)
            name = name.substr(0, comma);
        else if (auto space = name.rfind(' '); space != std::string::npos)
            name = name.substr(space + 1);
        author = key_part(name);
    }
    std::string word;
    std::string title = one_line(citation.title);
    for (std::size_t start = 0; start < title.size() && word.empty();) {
        auto end = title.find_first_of(" -", start);
        if (end == std::string::npos) end = title.size();
        std::string w = key_part(std::string_view(title).substr(start, end - start));
        // Skip the articles, as reference managers do.
        if (w != "a" && w != "an" && w != "the") word = w;
        start = end + 1;
    }
    std::string year = year_of(citation.published);
    if (author.empty() && word.empty()) return "thinkdex" + year;
    return author + year + word;
}

std::string render_bibtex(const Citation& c, const std::string& accessed) {
    static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                              "jul", "aug", "sep", "oct", "nov", "dec"};
    std::string authors;
    for (const auto& name : c.authors) {
        if (one_line(name).empty()) continue;
        if (!authors.empty()) authors += " and ";
        authors += bibtex_name(name);
    }
    const bool dated = is_date(c.published);
    std::string out = "@misc{" + citation_key(c) + ",\n";
    field(out, "author", authors.empty() ? "" : "{" + authors + "}");
    std::string title = bibtex_text(c.title.empty() ? c.url : c.title);
    field(out, "title", title.empty() ? "" : "{{" + title + "}}");
    if (dated) {
        field(out, "year", "{" + year_of(c.published) + "}");
        if (int m = month_of(c.published)) field(out, "month", kMonths[m - 1]);
        field(out, "date", "{" + c.published + "}");
    }
    std::string site = bibtex_text(c.site);
    field(out, "organization", site.empty() ? "" : "{" + site + "}");
    field(out, "publisher", site.empty() ? "" : "{" + site + "}");
    std::string url = bibtex_url(c.url);
    field(out, "url", url.empty() ? "" : "{" + url + "}");
    if (!url.empty() && is_date(accessed)) {
        field(out, "urldate", "{" + accessed + "}");
        field(out, "note", "{Accessed " + accessed + "}");
    }
    // JabRef's and Zotero's form of a linked file: description:link:type
    if (std::string pdf = bibtex_url(c.pdf_url); !pdf.empty())
        field(out, "file", "{PDF:" + pdf + ":application/pdf}");
    // The last field's comma is allowed by BibTeX, but some importers reject it.
    if (out.ends_with(",\n")) out.erase(out.size() - 2, 1);
    out += "}\n";
    return out;
}

std::string render_ris(const Citation& c, const std::string& accessed) {
    std::string out;
    ris_line(out, "TY", "ELEC");
    for (const auto& name : c.authors) ris_line(out, "AU", name);
    ris_line(out, "TI", c.title.empty() ? c.url : c.title);
    if (is_date(c.published)) {
        ris_line(out, "PY", year_of(c.published));
        ris_line(out, "DA", ris_date(c.published));
    }
    ris_line(out, "PB", c.site);
    ris_line(out, "UR", c.url);
    ris_line(out, "L1", c.pdf_url);  // RIS's link to the full text as a PDF
    if (is_date(accessed) && accessed.size() == 10) ris_line(out, "Y2", ris_date(accessed));
    out += "ER  - \r\n";
    return out;
}

}  // namespace thinkdex::query
