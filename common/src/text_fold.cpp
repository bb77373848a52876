#include "thinkdex/common/text_fold.hpp"

#include <algorithm>
#include <array>
#include <memory>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "thinkdex/common/error.hpp"

namespace thinkdex {

namespace {

// Elided forms, lower case, without their apostrophe: French articles, pronouns and
// conjunctions, and Italian articles and articulated prepositions.
constexpr std::array<std::string_view, 27> kElided = {
    "l",    "d",    "j",     "m",    "n",    "s",    "t",     "c",     "qu",
    "jusqu", "lorsqu", "puisqu", "quoiqu", "dell", "nell", "all", "dall", "sull",
    "coll", "un",   "quell", "quest", "bell",  "sant", "tutt", "degl", "agl"};

bool ascii_only(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Bytes of the apostrophe at text[i] (' or U+2019 ’), or 0.
std::size_t apostrophe_at(std::string_view text, std::size_t i) {
    if (text[i] == '\'') return 1;
    if (text.substr(i, 3) == "\xE2\x80\x99") return 3;
    return 0;
}

bool elided(std::string_view word) {
    std::string lower(word);
    for (char& c : lower) c = static_cast<char>(c | 0x20);
    return std::find(kElided.begin(), kElided.end(), lower) != kElided.end();
}

// One Latin-ASCII transform per thread: ICU transliterators are not safe to share.
const icu::Transliterator& latin_ascii() {
    thread_local std::unique_ptr<icu::Transliterator> transform = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(
            icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !t)
            throw Fatal(std::string("cannot create ICU's Latin-ASCII transform: ") +
                        u_errorName(status));
        return t;
    }();
    return *transform;
}

}  // namespace

std::string split_elisions(std::string_view text) {
    if (text.find('\'') == std::string_view::npos &&
        text.find("\xE2\x80\x99") == std::string_view::npos)
        return std::string(text);
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        // A word of ASCII letters at a word start, then an apostrophe, then a letter (any
        // non-ASCII byte counts: "l'été").
        const bool word_start =
            i == 0 || !(ascii_letter(static_cast<unsigned char>(text[i - 1])) ||
                        static_cast<unsigned char>(text[i - 1]) >= 0x80);
        std::size_t end = i;
        while (end < text.size() && ascii_letter(static_cast<unsigned char>(text[end]))) ++end;
        if (word_start && end > i && end < text.size()) {
            const std::size_t mark = apostrophe_at(text, end);
            const std::size_t next = end + mark;
            if (mark > 0 && next < text.size() &&
                (ascii_letter(static_cast<unsigned char>(text[next])) ||
                 static_cast<unsigned char>(text[next]) >= 0x80) &&
                elided(text.substr(i, end - i))) {
                i = next;
                continue;
            }
        }
        if (end > i) {
            out.append(text.substr(i, end - i));
            i = end;
        } else {
            out.push_back(text[i++]);
        }
    }
    return out;
}

bool has_foldable(std::string_view text) {
    return !ascii_only(text) && fold_accents(text) != text;
}

std::string fold_accents(std::string_view text) {
    if (ascii_only(text)) return std::string(text);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    latin_ascii().transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace thinkdex
