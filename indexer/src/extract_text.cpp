#include "extract_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <string_view>

namespace thinkdex::indexer::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// Lower case for ASCII, Latin-1 supplement and Cyrillic: enough to match month names and
// stop words; everything else is copied unchanged.
std::string lower_basic(std::string_view s) {
    std::string out(s);
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto c = static_cast<unsigned char>(out[i]);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
        } else if (i + 1 < out.size()) {
            auto d = static_cast<unsigned char>(out[i + 1]);
            if (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97) {
                out[i + 1] = static_cast<char>(d + 0x20);
            } else if (c == 0xD0 && d >= 0x90 && d <= 0x9F) {
                out[i + 1] = static_cast<char>(d + 0x20);
            } else if (c == 0xD0 && d >= 0xA0 && d <= 0xAF) {
                out[i] = static_cast<char>(0xD1);
                out[i + 1] = static_cast<char>(d - 0x20);
            } else if (c == 0xD0 && d == 0x81) {  // Ё
                out[i] = static_cast<char>(0xD1);
                out[i + 1] = static_cast<char>(0x91);
            }
            ++i;
        }
    }
    return out;
}

bool space_at(std::string_view s, std::size_t i, std::size_t& len) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        len = 1;
        return true;
    }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        len = 2;  // NBSP
        return true;
    }
    if (c == 0xE2 && i + 2 < s.size()) {
        auto d = static_cast<unsigned char>(s[i + 1]);
        auto e = static_cast<unsigned char>(s[i + 2]);
        // U+2000..U+200B spaces, U+202F narrow NBSP, U+205F medium space
        if ((d == 0x80 && e >= 0x80 && e <= 0x8B) || (d == 0x80 && e == 0xAF) ||
            (d == 0x81 && e == 0x9F)) {
            len = 3;
            return true;
        }
    }
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) {
        len = 3;  // ideographic space
        return true;
    }
    return false;
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = 0;
        if (space_at(s, i, len)) {
            pending = !out.empty();
            i += len;
            continue;
        }
        if (pending) out.push_back(' ');
        pending = false;
        out.push_back(s[i]);
        ++i;
    }
    return out;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool icontains(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    if (hay.size() < needle.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        if (iequals(hay.substr(i, needle.size()), needle)) return true;
    }
    return false;
}

std::size_t text_weight(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = 0;
        if (space_at(s, i, len)) {
            i += len;
            continue;
        }
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
        ++i;
    }
    return n;
}

bool is_url(std::string_view s) {
    return istarts_with(s, "http://") || istarts_with(s, "https://") || istarts_with(s, "//") ||
           istarts_with(s, "www.");
}

std::string trim(std::string_view s) {
    std::string c = collapse_spaces(s);
    std::string_view v = c;
    // quotes that wrap the whole string; a title ending in a quotation keeps its mark
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kPairs{{
        {"\"", "\""}, {"\u201c", "\u201d"}, {"\u00ab", "\u00bb"}, {"'", "'"}}};
    for (const auto& [open, close] : kPairs) {
        if (v.size() > open.size() + close.size() && v.starts_with(open) && v.ends_with(close) &&
            v.substr(open.size()).find(open) == std::string_view::npos) {
            v = v.substr(open.size(), v.size() - open.size() - close.size());
            break;
        }
    }
    return collapse_spaces(v);
}

namespace {

// Post-nominal letters ("FACLM", "PhD") are words of at most this many letters.
constexpr std::size_t kMaxCredentialLetters = 6;

// Words that show a capitalised line is a heading or a topic, not a person.
bool is_stop_word(std::string_view lower) {
    static constexpr std::array<std::string_view, 88> kStop{
        "summary",      "executive",  "key",          "points",      "introduction",
        "abstract",     "contents",   "table",        "home",        "news",
        "share",        "read",       "more",         "comments",    "search",
        "menu",         "subscribe",  "login",        "analysis",    "commentary",
        "report",       "briefing",   "paper",        "policy",      "brief",
        "research",     "event",      "events",       "publications", "programme",
        "program",      "conclusion", "background",   "recommendations", "findings",
        "notes",        "references", "related",      "topics",      "tags",
        "download",     "pdf",        "print",        "email",       "contact",
        "about",        "privacy",    "terms",        "centre",      "center",
        "institute",    "university", "press",        "media",       "relations",
        "asia",         "europe",     "africa",       "america",     "middle",
        "east",         "central",    "global",       "international", "security",
        "economy",      "foreign",    "affairs",      "defence",     "defense",
        "energy",       "climate",    "trade",        "politics",    "democracy",
        "war",          "united",     "states",       "union",       "editorial",
        "staff",        "team",       "admin",        "update",      "updated",
        "posted",       "published",  "blog"};
    return std::find(kStop.begin(), kStop.end(), lower) != kStop.end();
}

bool is_particle(std::string_view lower) {
    static constexpr std::array<std::string_view, 16> kParticles{
        "de", "van", "von", "der", "den", "da", "di", "la", "le", "du", "bin", "al", "el", "dos",
        "del", "ter"};
    return std::find(kParticles.begin(), kParticles.end(), lower) != kParticles.end();
}

bool is_role_word(std::string_view lower) {
    static constexpr std::array<std::string_view, 42> kRoles{
        "fellow",     "director",    "senior",   "editor",     "correspondent", "professor",
        "researcher", "analyst",     "reporter", "writer",     "staff",         "contributor",
        "associate",  "president",   "chair",    "head",       "manager",       "lecturer",
        "member",     "founder",     "ceo",      "journalist", "columnist",     "chief",
        "deputy",     "officer",     "adviser",  "advisor",    "programme",     "program",
        "phd",        "dr",          "consultant", "coordinator", "specialist", "strategist",
        "engineer",   "designer",    "developer", "scientist",  "economist",     "former"};
    return std::find(kRoles.begin(), kRoles.end(), lower) != kRoles.end();
}

std::vector<std::string> words_of(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(s[i]);
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// Replaces each separator with '\x1f' so that one split handles them all; `seps`, when given,
// receives the separators replaced, in order.
std::string mark_separators(const std::string& s, std::vector<std::string>* seps = nullptr) {
    static constexpr std::array<std::string_view, 13> kSeps{
        " and ", " And ", " AND ", " & ",  " und ", " et ", " y ",
        " и ",   ";",     "|",     "\n",   " / ", " · "};
    std::string out;
    out.reserve(s.size());
    std::string_view v = s;
    for (std::size_t i = 0; i < v.size();) {
        std::size_t matched = 0;
        for (std::string_view sep : kSeps) {
            if (v.substr(i).starts_with(sep)) {
                matched = sep.size();
                break;
            }
        }
        if (matched > 0) {
            out.push_back('\x1f');
            if (seps != nullptr) seps->emplace_back(v.substr(i, matched));
            i += matched;
        } else {
            out.push_back(v[i]);
            ++i;
        }
    }
    return out;
}

// Line breaks separate names as "|" does; collapse_spaces would lose them.
std::string lines_to_bars(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '\n') {
            out += " | ";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

// "Edited by ...", "Photographs by ...": people credited for something else
bool credit_line(std::string_view part) {
    std::string t = trim(part);
    for (std::string_view p : {"edited by", "photo", "illustration", "reviewed by", "translated by",
                               "additional reporting", "with reporting", "graphics by",
                               "video by", "fact-checked", "updated by", "medically reviewed"}) {
        if (istarts_with(t, p)) return true;
    }
    return false;
}

std::string strip_by_prefix(std::string s) {
    // podcasts, roundtables and events credit hosts and speakers as their authors
    static constexpr std::array<std::string_view, 29> kPrefixes{
        "posted by", "written by", "words by",  "text by",      "story by",  "reviewed by",
        "hosted by", "hosts:",     "host:",     "speakers:",    "speaker:",  "moderated by",
        "moderator:", "panelists:", "featuring", "authors:",    "author:",   "by:",
        "by",        "von",        "par",       "por",          "автор:",    "Автор:",
        "авторы:",   "Авторы:",    "作者：",    "作者:",        "主讲人："};
    bool changed = true;
    while (changed) {
        changed = false;
        std::string t = trim(s);
        for (std::string_view p : kPrefixes) {
            if (istarts_with(t, p) &&
                (t.size() == p.size() || p.back() == ':' ||
                 static_cast<unsigned char>(p.back()) >= 0x80 || t[p.size()] == ' ' ||
                 t[p.size()] == ':')) {
                t = t.substr(p.size());
                while (!t.empty() && (t.front() == ' ' || t.front() == ':')) t.erase(0, 1);
                s = t;
                changed = true;
                break;
            }
        }
    }
    return trim(s);
}

bool symbols_only(std::string_view w) {
    for (std::size_t i = 0; i < w.size(); ++i) {
        auto u = static_cast<unsigned char>(w[i]);
        if (u < 0x80) {
            if (std::isalnum(u)) return false;
        } else if (u == 0xE2 && i + 2 < w.size()) {
            i += 2;  // U+2000 to U+2FFF, three bytes
        } else {
            return false;
        }
    }
    return true;
}

std::string clean_name(std::string_view part) {
    std::string s = collapse_spaces(part);
    // drop parenthesised notes, e-mail addresses, URLs and handles
    std::string out;
    int paren = 0;
    for (char c : s) {
        if (c == '(' || c == '[') ++paren;
        if (paren == 0) out.push_back(c);
        if ((c == ')' || c == ']') && paren > 0) --paren;
    }
    std::string kept;
    for (const auto& w : words_of(out)) {
        if (w.find('@') != std::string::npos || istarts_with(w, "http") ||
            istarts_with(w, "www."))
            continue;
        if (!kept.empty()) kept.push_back(' ');
        kept += w;
    }
    kept = strip_by_prefix(kept);
    while (!kept.empty() && (kept.front() == '&' || kept.front() == ',' || kept.front() == ' '))
        kept.erase(0, 1);
    // a trailing mark of the layout ("Ann Lee ●", "Ann Lee |"): a word of punctuation and
    // symbols only (ASCII, or U+2000 to U+2FFF: dashes, bullets, arrows, shapes)
    for (auto ws = words_of(kept); ws.size() > 1 && symbols_only(ws.back()); ws.pop_back())
        kept.resize(kept.size() - ws.back().size() - 1);
    while (!kept.empty() && (kept.back() == ',' || kept.back() == '.' || kept.back() == ':' ||
                             kept.back() == '-' || kept.back() == ' ')) {
        // keep the dot of a trailing initial ("John Q.")
        if (kept.back() == '.' && kept.size() >= 3 && kept[kept.size() - 3] == ' ') break;
        kept.pop_back();
    }
    return trim(kept);
}

// "PhD", "MS, RD", "M.D. FACLM", "CEPF®", "E-RYT 200": post-nominal letters, not a name. Each
// word is short and mostly capitals (digits and marks aside).
bool credentials(std::string_view piece) {
    auto words = words_of(trim(piece));
    if (words.empty()) return false;
    for (const auto& w : words) {
        std::size_t letters = 0, capitals = 0;
        for (char c : w) {
            if (c >= 'A' && c <= 'Z') ++capitals;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++letters;
            if (static_cast<unsigned char>(c) >= 0x80 && w.find("\u00ae") == std::string::npos &&
                w.find("\u2122") == std::string::npos)
                return false;
        }
        if (letters > kMaxCredentialLetters || 2 * capitals < letters + 1) return false;
    }
    return true;
}

// "Our Foreign Staff", "Reuters Staff", "News Desk": a credit to a group, not a person.
bool collective_credit(const std::vector<std::string>& words) {
    if (!words.empty() && lower_basic(words.front()) == "our") return true;
    for (const auto& w : words) {
        std::string l = lower_basic(w);
        if (l == "staff" || l == "desk" || l == "newsroom" || l == "reporters" ||
            l == "editors" || l == "agencies" || l == "wires" || l == "team")
            return true;
    }
    return false;
}

bool plausible_name(std::string_view name) {
    if (name.size() < 2 || name.size() > 60) return false;
    auto words = words_of(name);
    if (words.empty() || words.size() > 5 || collective_credit(words)) return false;
    for (char c : name) {
        if (is_digit(c) || c == '@' || c == '/' || c == '?' || c == '!' || c == '=') return false;
    }
    return true;
}

// "A (avec B et C)", "A (with B)": co-authors credited in parentheses are authors too.
std::string expand_with(std::string s) {
    for (std::string_view w : {"(avec ", "(with ", "(mit ", "(con ", "(and ", "(und "}) {
        std::size_t at = 0;
        while ((at = s.find(w, at)) != std::string::npos) {
            std::size_t close = s.find(')', at);
            if (close == std::string::npos) break;
            std::string inner = s.substr(at + w.size(), close - at - w.size());
            s = s.substr(0, at) + "| " + inner + s.substr(close + 1);
        }
    }
    return s;
}

}  // namespace

bool looks_like_names(std::string_view s) {
    std::string t = strip_by_prefix(collapse_spaces(expand_with(lines_to_bars(s))));
    if (t.empty() || t.size() > 80) return false;
    std::string marked = mark_separators(t);
    for (char& c : marked) {
        if (c == ',') c = '\x1f';
    }
    std::size_t start = 0;
    int names = 0;
    while (start <= marked.size()) {
        std::size_t end = marked.find('\x1f', start);
        if (end == std::string::npos) end = marked.size();
        std::string part = trim(std::string_view(marked).substr(start, end - start));
        start = end + 1;
        // "Jane Doe, DVM": post-nominals after a name are part of it
        if (part.empty() || credit_line(part) || (names > 0 && credentials(part))) continue;
        part = strip_by_prefix(part);
        auto words = words_of(part);
        if (words.size() < 2 || words.size() > 4) return false;
        int capitals = 0;
        for (const auto& w : words) {
            std::string lw = lower_basic(w);
            if (is_stop_word(lw)) return false;
            if (is_particle(lw)) continue;
            auto c = static_cast<unsigned char>(w[0]);
            bool upper = (c >= 'A' && c <= 'Z') || c >= 0xC0;
            if (!upper) return false;
            for (char ch : w) {
                if (is_digit(ch) || ch == '?' || ch == '!' || ch == ':' || ch == '"') return false;
            }
            // a word that is all capitals and long is more likely an acronym or a shout
            ++capitals;
        }
        if (capitals < 2) return false;
        ++names;
    }
    return names > 0;
}

// Limits of a byline that credits one given name.
namespace given_name_tunables {
// "Amanda", "Krystyna": a given name, not an initial and not a run-on word
constexpr std::size_t kMinLetters = 2;
constexpr std::size_t kMaxLetters = 20;
}  // namespace given_name_tunables

std::string given_name_byline(std::string_view byline) {
    using namespace given_name_tunables;
    std::string line = collapse_spaces(byline);
    std::string rest = strip_by_prefix(line);
    if (rest.size() == trim(line).size()) return {};  // no "By" label: any capitalised word
    // the name runs to the first separator ("by Amanda · Dec 20, 2025") or the end
    std::size_t end = 0;
    while (end < rest.size() && (std::isalpha(static_cast<unsigned char>(rest[end])) != 0 ||
                                 rest[end] == '-' || static_cast<unsigned char>(rest[end]) >= 0x80))
        ++end;
    std::string name = rest.substr(0, end);
    std::string tail = trim(std::string_view(rest).substr(end));
    bool separated = tail.empty();
    for (std::string_view sep : {"|", ",", "-", "/", "\u00b7", "\u2022", "\u2013", "\u2014"})
        separated = separated || tail.starts_with(sep);
    if (!separated) return {};
    auto first = static_cast<unsigned char>(name.empty() ? '\0' : name.front());
    if (name.size() < kMinLetters || name.size() > kMaxLetters || first < 'A' || first > 'Z')
        return {};
    // "Amanda", not "AMANDA" (a shouted label) nor "McAdmin"
    if (std::any_of(name.begin() + 1, name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return {};
    std::string lower = lower_basic(name);
    if (is_stop_word(lower) || is_role_word(lower) || is_particle(lower)) return {};
    return name;
}

std::string group_credit(std::string_view credit) {
    std::string name = clean_name(credit);
    auto words = words_of(name);
    if (name.size() > 60 || words.size() > 5 || !collective_credit(words)) return {};
    return name;
}

std::vector<std::string> split_names(std::string_view byline) {
    std::vector<std::string> out;
    std::string s = collapse_spaces(expand_with(lines_to_bars(byline)));
    if (s.empty() || s.size() > 300) return out;
    s = strip_by_prefix(s);
    std::vector<std::string> seps;
    std::string marked = mark_separators(" " + s + " ", &seps);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= marked.size()) {
        std::size_t end = marked.find('\x1f', start);
        if (end == std::string::npos) end = marked.size();
        parts.push_back(marked.substr(start, end - start));
        start = end + 1;
    }
    // " and " / " & " join two full names ("Ann Lee and Bo Chen"), not "Mac & i" nor
    // "Linny and Peter", which stay as written
    std::vector<std::string> merged;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        // the conjunction as written; a line break, bar or semicolon reads as " & "
        std::string sep = k > 0 && k - 1 < seps.size() ? seps[k - 1] : " & ";
        if (sep.size() < 3 || sep.front() != ' ' || sep.back() != ' ' || sep == " / " ||
            sep == " \u00b7 ")
            sep = " & ";
        if (!merged.empty() && words_of(trim(parts[k])).size() < 2) {
            merged.back() += sep + parts[k];
        } else if (!merged.empty() && words_of(trim(merged.back())).size() < 2 &&
                   merged.back().find(',') == std::string::npos) {
            merged.back() += sep + parts[k];
        } else {
            merged.push_back(parts[k]);
        }
    }
    parts = merged;
    for (const auto& raw : parts) {
        if (credit_line(raw)) continue;
        // Commas separate names ("A, B") or a name from a role ("A, Senior Fellow") or a
        // surname from a first name ("Jong, Michiel"): split only when every piece is a
        // full name, and drop pieces that are roles.
        std::vector<std::string> pieces;
        std::size_t b = 0;
        while (b <= raw.size()) {
            std::size_t e = raw.find(',', b);
            if (e == std::string::npos) e = raw.size();
            std::string piece = trim(std::string_view(raw).substr(b, e - b));
            b = e + 1;
            if (!piece.empty()) pieces.push_back(piece);
        }
        std::vector<std::string> kept;
        for (const auto& p : pieces) {
            if (!kept.empty() && credentials(p)) continue;  // "Jane Doe, PhD, RD"
            bool role = false;
            for (const auto& w : words_of(p)) {
                if (is_role_word(lower_basic(w))) role = true;
            }
            if (!role || kept.empty()) kept.push_back(p);
        }
        bool all_full = std::all_of(kept.begin(), kept.end(),
                                    [](const std::string& p) { return words_of(p).size() >= 2; });
        std::vector<std::string> names;
        if (all_full) {
            names = kept;
        } else {
            std::string joined;
            for (const auto& p : kept) {
                if (!joined.empty()) joined += ", ";
                joined += p;
            }
            names.push_back(joined);
        }
        for (const auto& n : names) {
            std::string name = clean_name(n);
            bool is_role = false;
            auto ws = words_of(name);
            // a job title ends with its noun ("Content Marketing Coordinator", "Former
            // Policy Consultant"); a name ends with a surname ("Dr Ann Lee")
            if (ws.size() > 1 && is_role_word(lower_basic(ws.back())) &&
                lower_basic(ws.back()) != "dr" && lower_basic(ws.back()) != "phd")
                is_role = true;
            if (!is_role && plausible_name(name) &&
                std::find(out.begin(), out.end(), name) == out.end()) {
                out.push_back(name);
            }
        }
    }
    return out;
}

std::vector<std::string> lower_words(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || std::isalnum(u)) {
            cur.push_back(static_cast<char>(std::tolower(u)));
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

}  // namespace thinkdex::indexer::detail
