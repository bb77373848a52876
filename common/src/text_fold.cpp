#include "thinkdex/common/text_fold.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <iterator>

#include <unicode/utf8.h>


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

struct Fold {
    char32_t code_point;
    std::string_view ascii;
};

// ICU's Latin-ASCII transform as a table of its single-letter changes, generated at build time
// (common/tools/gen_fold_table.cpp): building the transform at run time costs more than a
// whole search.
constexpr Fold kFolds[] = {
#include "fold_table.inc"
};

const Fold* fold_of(char32_t c) {
    const Fold* it = std::lower_bound(std::begin(kFolds), std::end(kFolds), c,
                                      [](const Fold& f, char32_t v) { return f.code_point < v; });
    return it != std::end(kFolds) && it->code_point == c ? it : nullptr;
}

/// A combining diacritical mark (U+0300 to U+036F): on a Latin letter, Latin-ASCII drops it
/// with the letter's other accents, which the table of single letters cannot show.
bool combining_mark(char32_t c) { return c >= 0x300 && c <= 0x36F; }

/// Calls `each(code_point, bytes, invalid)` for each letter of `text`; an invalid byte comes as
/// U+FFFD with `invalid` set.
template <typename Each>
void each_letter(std::string_view text, Each each) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto size = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < size;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(bytes, i, size, c);
        each(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c),
             text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)), c < 0);
    }
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
    std::string out;
    out.reserve(text.size());
    bool latin_base = false;  // the last letter was Latin: its combining marks are dropped
    each_letter(text, [&](char32_t c, std::string_view bytes, bool invalid) {
        if (invalid) {
            out += "\xEF\xBF\xBD";
            latin_base = false;
        } else if (combining_mark(c)) {
            if (!latin_base) out += bytes;  // "e" + U+0301 folds as "é" does
        } else if (const Fold* fold = fold_of(c)) {
            out += fold->ascii;
            latin_base = true;
        } else {
            out += bytes;
            latin_base = c < 0x80 && std::isalnum(static_cast<int>(c));
        }
    });
    return out;
}

}  // namespace thinkdex
