#include "extract_sniff.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

namespace sniff_tunables {
constexpr std::size_t kSniffBytes = 4096;      // the head of the file that the checks look at
constexpr double kMaxControlShare = 0.01;      // control bytes in it above this share: binary
constexpr double kUtf16NulShare = 0.3;         // NULs in one byte position of two: UTF-16 text
constexpr std::size_t kMaxElementName = 64;    // longer "element names" are not markup
}  // namespace sniff_tunables

struct Signature {
    std::size_t offset;
    std::string_view magic;
    std::string_view what;
};

// File signatures (as in the WHATWG MIME Sniffing standard and file(1)); a page starting with
// one of these is never HTML.
constexpr std::array kSignatures = {
    Signature{0, "%PDF-", "PDF document"},
    Signature{0, "%!PS", "PostScript document"},
    Signature{0, "{\\rtf", "RTF document"},
    Signature{0, "\x89PNG\r\n\x1a\n", "PNG image"},
    Signature{0, "GIF87a", "GIF image"},
    Signature{0, "GIF89a", "GIF image"},
    Signature{0, "\xFF\xD8\xFF", "JPEG image"},
    Signature{8, "WEBP", "WebP image"},
    Signature{0, std::string_view("II*\0", 4), "TIFF image"},
    Signature{0, std::string_view("MM\0*", 4), "TIFF image"},
    Signature{0, "PK\x03\x04", "ZIP archive (or an Office or EPUB document)"},
    Signature{0, "PK\x05\x06", "ZIP archive (or an Office or EPUB document)"},
    Signature{0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "Office document (OLE2)"},
    Signature{0, "7z\xBC\xAF\x27\x1C", "7-Zip archive"},
    Signature{0, "Rar!\x1A\x07", "RAR archive"},
    Signature{0, std::string_view("\xFD" "7zXZ\0", 6), "xz data"},
    Signature{0, "\x28\xB5\x2F\xFD", "zstd data"},
    Signature{0, "\x1f\x8b", "gzip data"},
    Signature{0, "\x7F" "ELF", "ELF executable"},
    Signature{0, std::string_view("\0asm", 4), "WebAssembly module"},
    Signature{0, std::string_view("SQLite format 3\0", 16), "SQLite database"},
    Signature{0, "OggS", "Ogg media"},
    Signature{0, "ID3", "MP3 audio"},
    Signature{0, "fLaC", "FLAC audio"},
    Signature{4, "ftyp", "MP4 or QuickTime media"},
    Signature{0, "\x1A\x45\xDF\xA3", "Matroska or WebM media"},
    Signature{0, "wOFF", "WOFF font"},
    Signature{0, "wOF2", "WOFF2 font"},
};

// The WHATWG MIME Sniffing standard's "binary data bytes": controls that text never holds.
bool binary_byte(unsigned char c) {
    return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) || (c >= 0x1C && c <= 0x1F);
}

bool wide_text(std::string_view bytes, std::string_view content_type) {
    for (std::string_view bom : {std::string_view("\xFF\xFE"), std::string_view("\xFE\xFF"),
                                 std::string_view("\0\0\xFE\xFF", 4)}) {
        if (bytes.starts_with(bom)) return true;
    }
    std::string ct = lower_ascii(content_type);
    return ct.find("utf-16") != std::string::npos || ct.find("utf-32") != std::string::npos;
}

// UTF-16 without a byte order mark: ASCII markup leaves a NUL in every other byte.
bool looks_utf16(std::string_view head) {
    std::size_t nul[2] = {0, 0};
    for (std::size_t i = 0; i < head.size(); ++i) {
        if (head[i] == '\0') ++nul[i % 2];
    }
    const double half = double(head.size()) / 2.0;
    return half > 0 &&
           double(std::max(nul[0], nul[1])) >= sniff_tunables::kUtf16NulShare * half &&
           std::min(nul[0], nul[1]) == 0;
}

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool name_char(char c) { return letter(c) || (c >= '0' && c <= '9') || c == '-' || c == ':'; }

// The element name of a start tag at `pos` ('<' + name + space, '>' or '/'), or "".
std::string_view tag_name_at(std::string_view s, std::size_t pos) {
    if (pos + 1 >= s.size() || s[pos] != '<' || !letter(s[pos + 1])) return {};
    std::size_t end = pos + 1;
    while (end < s.size() && name_char(s[end])) ++end;
    if (end - pos - 1 > sniff_tunables::kMaxElementName) return {};
    if (end < s.size() && s[end] != '>' && s[end] != '/' && s[end] != ' ' && s[end] != '\t' &&
        s[end] != '\n' && s[end] != '\r' && s[end] != '\f')
        return {};
    return s.substr(pos + 1, end - pos - 1);
}

// Anything an HTML page is made of: a start or end tag, a comment or a doctype.
bool has_markup(std::string_view s) {
    for (std::size_t pos = s.find('<'); pos != std::string_view::npos; pos = s.find('<', pos + 1)) {
        if (!tag_name_at(s, pos).empty()) return true;
        if (pos + 2 < s.size() && (s[pos + 1] == '!' || (s[pos + 1] == '/' && letter(s[pos + 2]))))
            return true;
    }
    return false;
}

// Skips the XML declaration, processing instructions, comments, doctype and whitespace at the
// start; returns the position of the first element's '<' (or npos).
std::size_t first_element(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        pos = s.find_first_not_of(" \t\r\n\f", pos);
        if (pos == std::string_view::npos || s[pos] != '<') return std::string_view::npos;
        std::string_view rest = s.substr(pos);
        std::string_view close;
        if (rest.starts_with("<?")) {
            close = "?>";
        } else if (rest.starts_with("<!--")) {
            close = "-->";
        } else if (rest.starts_with("<!")) {
            close = ">";
        } else {
            return pos;
        }
        std::size_t end = s.find(close, pos);
        if (end == std::string_view::npos) return std::string_view::npos;
        pos = end + close.size();
    }
    return std::string_view::npos;
}

}  // namespace

std::string binary_reason(std::string_view bytes, std::string_view content_type) {
    for (const Signature& sig : kSignatures) {
        if (bytes.size() >= sig.offset + sig.magic.size() &&
            bytes.substr(sig.offset, sig.magic.size()) == sig.magic)
            return std::string(sig.what);
    }
    if (wide_text(bytes, content_type)) return {};
    std::string_view head = bytes.substr(0, std::min(bytes.size(), sniff_tunables::kSniffBytes));
    std::size_t control = 0;
    for (char c : head) control += binary_byte(static_cast<unsigned char>(c)) ? 1 : 0;
    if (control == 0 || double(control) <= sniff_tunables::kMaxControlShare * double(head.size()))
        return {};
    if (looks_utf16(head)) return {};
    if (bytes.starts_with("MZ")) return "Windows executable";
    return "binary data";
}

std::string text_reason(std::string_view utf8) {
    if (utf8.starts_with("\xEF\xBB\xBF")) utf8.remove_prefix(3);
    std::size_t start = utf8.find_first_not_of(" \t\r\n\f");
    if (start == std::string_view::npos) return {};  // empty or blank: an empty page
    std::string_view s = utf8.substr(start);
    if (std::size_t el = first_element(s); el != std::string_view::npos) {
        std::string name = lower_ascii(tag_name_at(s, el));
        if (name == "svg") return "SVG image";
        if (s.starts_with("<?xml") && !name.empty() && name != "html")
            return "XML document <" + name + ">, not HTML";
    }
    if (s.front() == '{' || s.front() == '[') {
        std::size_t next = s.find_first_not_of(" \t\r\n", 1);
        if (next != std::string_view::npos &&
            (s[next] == '"' || (s.front() == '{' && s[next] == '}') ||
             (s.front() == '[' && (s[next] == '{' || s[next] == ']'))))
            return "JSON, not HTML";
    }
    if (!has_markup(s)) return "plain text, no HTML markup";
    return {};
}

}  // namespace thinkdex::indexer::detail
