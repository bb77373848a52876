#include "thinkdex/common/charset.hpp"

#include <errno.h>
#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <spdlog/spdlog.h>

#include "thinkdex/common/ascii.hpp"
#include "thinkdex/common/utf8.hpp"

namespace thinkdex {

namespace {

// uchardet needs a few KiB of text to decide; more only costs time.
constexpr std::size_t kDetectBytes = 64 * 1024;
constexpr std::size_t kMetaScanBytes = 4096;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Reads a charset token after "charset" at `pos` ("charset = 'utf-8'").
std::string charset_token_at(std::string_view s, std::size_t pos) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
    if (pos >= s.size() || s[pos] != '=') return {};
    ++pos;
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '"' || s[pos] == '\''))
        ++pos;
    std::size_t end = pos;
    while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '-' ||
                              s[end] == '_' || s[end] == ':' || s[end] == '.'))
        ++end;
    return ascii_lower(s.substr(pos, end - pos));
}

std::string charset_from_content_type(std::string_view ct) {
    std::string lower = ascii_lower(ct);
    std::size_t pos = lower.find("charset");
    if (pos == std::string::npos) return {};
    return charset_token_at(lower, pos + 7);
}

// <meta charset=...> or <meta http-equiv=content-type content="...; charset=...">.
std::string charset_from_meta(std::string_view bytes) {
    std::string head = ascii_lower(bytes.substr(0, std::min(bytes.size(), kMetaScanBytes)));
    std::size_t pos = 0;
    while ((pos = head.find("<meta", pos)) != std::string::npos) {
        std::size_t end = head.find('>', pos);
        if (end == std::string::npos) end = head.size();
        std::string_view tag = std::string_view(head).substr(pos, end - pos);
        std::size_t cs = tag.find("charset");
        if (cs != std::string_view::npos) {
            std::string token = charset_token_at(tag, cs + 7);
            if (!token.empty()) return token;
        }
        pos = end;
    }
    return {};
}

// WHATWG's label mapping for the labels that differ from what glibc's iconv means by them.
std::string iconv_name(std::string label) {
    label = ascii_lower(ascii_trim(label));
    if (label == "utf8" || label == "unicode-1-1-utf-8") return "utf-8";
    if (label == "iso-8859-1" || label == "iso8859-1" || label == "latin1" || label == "ascii" ||
        label == "us-ascii" || label == "l1" || label == "cp1252")
        return "windows-1252";
    if (label == "gb2312" || label == "gbk" || label == "x-gbk" || label == "cp936" ||
        label == "euc-cn")
        return "gb18030";
    if (label == "big5" || label == "x-x-big5" || label == "cn-big5") return "big5-hkscs";
    if (label == "shift_jis" || label == "x-sjis" || label == "sjis" || label == "ms_kanji")
        return "cp932";
    if (label == "euc-kr" || label == "ks_c_5601-1987" || label == "windows-949")
        return "cp949";
    if (label == "iso-8859-9" || label == "latin5") return "windows-1254";
    if (label == "tis-620" || label == "iso-8859-11") return "cp874";
    if (label == "x-mac-cyrillic" || label == "mac-cyrillic") return "maccyrillic";
    if (label == "koi8_r") return "koi8-r";
    return label;
}

bool is_utf16(std::string_view name) { return name.starts_with("utf-16"); }

std::string detect(std::string_view bytes) {
    uchardet_t ud = uchardet_new();
    if (ud == nullptr) return {};
    std::string_view sample = bytes.substr(0, std::min(bytes.size(), kDetectBytes));
    std::string result;
    if (uchardet_handle_data(ud, sample.data(), sample.size()) == 0) {
        uchardet_data_end(ud);
        const char* cs = uchardet_get_charset(ud);
        if (cs != nullptr) result = cs;
    }
    uchardet_delete(ud);
    return ascii_lower(result);
}

struct IconvCloser {
    void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};

// Converts with iconv; an invalid byte becomes U+FFFD and conversion resumes after it.
// Returns false when iconv does not know `from`.
bool convert(std::string_view in, const std::string& from, std::string& out) {
    iconv_t raw = iconv_open("UTF-8", from.c_str());
    if (raw == reinterpret_cast<iconv_t>(-1)) return false;
    std::unique_ptr<void, IconvCloser> cd(raw);
    out.clear();
    out.reserve(in.size() + in.size() / 2);
    std::array<char, 16384> buf{};
    // iconv's API takes char** for input it never writes to.
    char* src = const_cast<char*>(in.data());
    std::size_t src_left = in.size();
    while (src_left > 0) {
        char* dst = buf.data();
        std::size_t dst_left = buf.size();
        std::size_t rc = iconv(raw, &src, &src_left, &dst, &dst_left);
        out.append(buf.data(), buf.size() - dst_left);
        if (rc != static_cast<std::size_t>(-1)) continue;
        if (errno == E2BIG) continue;
        out += kReplacement;
        if (errno == EINVAL) break;  // truncated sequence at the end
        ++src;                       // EILSEQ: skip one byte
        --src_left;
        iconv(raw, nullptr, nullptr, nullptr, nullptr);
    }
    return true;
}

// Mostly-valid UTF-8 with a few stray bytes is still UTF-8: count both.
bool mostly_utf8(std::string_view s) {
    std::size_t multibyte = 0, invalid = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) {
            ++invalid;
            ++i;
        } else {
            if (n > 1) ++multibyte;
            i += n;
        }
    }
    return multibyte > 0 && multibyte >= 4 * invalid;
}

bool has_non_ascii(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

}  // namespace

std::string decode_to_utf8(std::string_view bytes, std::string_view content_type,
                           std::string* charset_used) {
    std::string charset;
    std::string_view body = bytes;
    // A BOM is certain; it wins over declarations, as in browsers.
    if (body.starts_with("\xEF\xBB\xBF")) {
        charset = "utf-8";
        body.remove_prefix(3);
    } else if (body.starts_with("\xFF\xFE")) {
        charset = "utf-16le";
        body.remove_prefix(2);
    } else if (body.starts_with("\xFE\xFF")) {
        charset = "utf-16be";
        body.remove_prefix(2);
    }
    if (charset.empty()) charset = iconv_name(charset_from_content_type(content_type));
    if (charset.empty()) charset = iconv_name(charset_from_meta(body));
    // A declared UTF-16 in an ASCII-compatible page is a lie (the meta tag itself was readable).
    if (is_utf16(charset) && !bytes.starts_with("\xFF\xFE") && !bytes.starts_with("\xFE\xFF"))
        charset.clear();

    if (!is_utf16(charset)) {
        bool valid = is_valid_utf8(body);
        if (valid && (charset.empty() || has_non_ascii(body))) {
            charset = "utf-8";
        } else if ((charset.empty() || charset == "utf-8") && mostly_utf8(body)) {
            charset = "utf-8";
        } else if (charset.empty() || charset == "utf-8") {
            std::string detected = iconv_name(detect(body));
            if (!detected.empty() && detected != "utf-8") {
                charset = detected;
            } else if (charset.empty()) {
                charset = valid ? "utf-8" : "windows-1252";
            }
        }
    }
    if (charset_used != nullptr) *charset_used = charset;
    if (charset == "utf-8") return sanitize_utf8(body);

    std::string out;
    if (!convert(body, charset, out)) {
        spdlog::debug("unknown charset '{}', decoding as windows-1252", charset);
        if (charset_used != nullptr) *charset_used = "windows-1252";
        if (!convert(body, "windows-1252", out)) return sanitize_utf8(body);
    }
    return sanitize_utf8(out);
}

}  // namespace thinkdex
