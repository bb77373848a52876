// Bylines and datelines written as lines of text near the title: "By A and B", "Written by" over
// a name, a name right under the headline, "May 3, 2024 · A", and the dateline beside them.

#include "extract_byline.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "extract_authors.hpp"
#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

// The separators of a byline's parts: "," "|" "-" "/" "·" "•" "–" "—".
constexpr std::string_view kBylineSeparators[] = {",", "|", "-", "/", "\u00b7", "\u2022",
                                                  "\u2013", "\u2014"};

// "By Jane Doe December 2, 2025", "by: Jane Doe, Dec 17, 2025": a byline whose date follows
// the names with no separator of its own. The names are the longest run of words before a
// date that reads as names; nothing when no date closes the line.
std::vector<std::string> names_before_date(std::string_view line, const DateReading& reading) {
    std::string text(line);
    for (std::size_t p = text.rfind(' '); p != std::string::npos && p > 0;
         p = text.rfind(' ', p - 1)) {
        if (parse_date(std::string_view(text).substr(p + 1), true, reading).empty()) continue;
        std::string head = text.substr(0, p);
        // the separator between the names and the date: "," "|" "-" "·" "•" "–" "—"
        for (bool cut = true; cut;) {
            cut = false;
            head = trim(head);
            for (std::string_view sep : kBylineSeparators) {
                if (head.ends_with(sep)) {
                    head.resize(head.size() - sep.size());
                    cut = true;
                }
            }
        }
        if (looks_like_names(head)) return split_names(head);
    }
    return {};
}

// "Jane Doe in Economics", "Jane Doe on behalf of the Board": the names before the section
// or the body they write for.
std::string_view cut_affiliation(std::string_view text) {
    for (std::string_view tail : {" on behalf of ", " in ", " for ", " | ", " \u00b7 ", " \u2022 "}) {
        std::size_t p = text.find(tail);
        if (p != std::string_view::npos) text = text.substr(0, p);
    }
    return text;
}

// "Dec. 19, 2025 · Jane Doe", "May 3, 2024 • Jane Doe in Economics": a dateline that goes on
// with the names. The date is the shortest run of words at the start that reads as one.
std::vector<std::string> names_after_date(std::string_view line, const DateReading& reading) {
    std::size_t cut = 0;
    for (std::size_t p = line.find(' '); p != std::string_view::npos && cut == 0;
         p = line.find(' ', p + 1)) {
        if (!parse_date(line.substr(0, p), true, reading).empty()) cut = p;
    }
    if (cut == 0) return {};
    std::string rest = trim(line.substr(cut));
    for (bool more = true; more;) {
        more = false;
        for (std::string_view sep : kBylineSeparators) {
            if (rest.starts_with(sep)) {
                rest = trim(std::string_view(rest).substr(sep.size()));
                more = true;
            }
        }
    }
    std::string_view names = cut_affiliation(rest);
    if (names.empty() || !looks_like_names(names) || organisation_name(names)) return {};
    return split_names(names);
}

// Limits of the byline read near the title.
namespace near_title_tunables {
// a bare name under the title, with no "By": one person's name, not a subtitle
constexpr std::size_t kMaxBareNameWords = 3;
// the article's head: lines after the title always in it, and at most in it
constexpr std::size_t kHeadLines = 7;
constexpr std::size_t kMaxHeadLines = 20;
// a line this long is a paragraph (a standfirst, the first of the text), not a byline part
constexpr std::size_t kLongLine = 80;
// a byline element and the ancestors that may still be its block (with the dateline)
constexpr int kBylineBlockLevels = 4;
// a dateline beside a bare name: the date, perhaps a reading time, nothing more
constexpr std::size_t kShortDateline = 60;
}  // namespace near_title_tunables

// "The Rolling Tracker", "A Dabbler's Weblog": a subtitle, not a person.
bool starts_with_article(std::string_view line) {
    for (std::string_view a : {"the ", "a ", "an ", "le ", "la ", "les ", "der ", "die ", "das ",
                               "el ", "los ", "il "}) {
        if (istarts_with(line, a)) return true;
    }
    return false;
}

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }

// True when a line next to `i` (not the title's, `at`) is a short dateline: "May 3, 2024",
// "23.07.2025 · 6 min read".
bool beside_dateline(const std::vector<Line>& lines, std::size_t i, std::size_t at,
                     const DateReading& reading) {
    using near_title_tunables::kShortDateline;
    for (std::size_t j : {i - 1, i + 1}) {
        if (j == at || j >= lines.size() || lines[j].text.size() > kShortDateline) continue;
        if (!date_in_line(lines[j].text, reading).date.empty()) return true;
    }
    return false;
}

// The line that shows the title: a heading equal to one of its forms, else any line equal to
// one, else a heading that is part of the title, else the page's first h1 (`h1`: its text,
// empty for none) when the metadata's title is worded otherwise. lines.size() when none.
std::size_t title_line(const std::vector<Line>& lines, const std::vector<std::string>& titles,
                       std::string_view h1) {
    std::size_t at = lines.size();
    auto is_title = [&](const std::string& text) {
        return std::find(titles.begin(), titles.end(), lower_ascii(text)) != titles.end();
    };
    if (!titles.empty()) {
        const std::string& tl = titles.front();
        for (std::size_t i = 0; i < lines.size() && at == lines.size(); ++i) {
            if (lines[i].heading && is_title(lines[i].text)) at = i;
        }
        for (std::size_t i = 0; i < lines.size() && at == lines.size(); ++i) {
            if (is_title(lines[i].text)) at = i;
        }
        for (std::size_t i = 0; i < lines.size() && at == lines.size(); ++i) {
            if (lines[i].heading && lines[i].text.size() >= 8 &&
                tl.find(lower_ascii(lines[i].text)) != std::string::npos)
                at = i;
        }
    }
    for (std::size_t i = 0; i < lines.size() && at == lines.size() && !h1.empty(); ++i) {
        if (lines[i].heading && lines[i].text == collapse_spaces(h1)) at = i;
    }
    return at;
}

// The dateline of the article's head: the lines from just before the title to the end of the
// head, which runs at least `kHeadLines` lines past the title and on through short lines
// (a byline split into "By" / "Name" / "|" / "6 min" / "May 3, 2024") until the second
// paragraph-long line. The first date, unless a later one says "Published"; never one an
// "Updated" label goes with.
LabelledDate head_date(const std::vector<Line>& lines, std::size_t lo, std::size_t at,
                       const DateReading& reading) {
    using namespace near_title_tunables;
    LabelledDate out;
    int long_lines = 0;
    bool past_dateline = false;
    for (std::size_t i = lo; i < lines.size() && out.label != DateLabel::kPublished; ++i) {
        if (i == at) continue;
        const Line& l = lines[i];
        if (i > at && l.text.size() >= kLongLine) ++long_lines;
        if (i >= at + kHeadLines && (i > at + kMaxHeadLines || long_lines >= 2)) break;
        // past the head's dateline (whatever its label), a heading opens the text's first
        // section or a block of teasers with dates of their own
        if (past_dateline && l.heading) break;
        if (i > at && !parse_date(l.text, true, reading).empty()) past_dateline = true;
        LabelledDate d = date_in_line(l.text, reading);
        // a label on a line of its own before the date ("Last updated" / "May 3, 2024"); a
        // line with a date of its own ("Updated 3 June 2024") labels only that one
        if (!d.date.empty() && d.label == DateLabel::kUnlabelled && i > 0 && i - 1 != at &&
            lines[i - 1].text.size() <= 40 && parse_date(lines[i - 1].text, true, reading).empty()) {
            if (modification_context(lines[i - 1].text)) {
                d.label = DateLabel::kModified;
                d.date.clear();
            } else if (publication_context(lines[i - 1].text)) {
                d.label = DateLabel::kPublished;
            }
        }
        if (!d.date.empty() && (out.date.empty() || d.label == DateLabel::kPublished)) out = d;
    }
    return out;
}

// A line that starts with a byline label: "By", "Written by", "Von", "Par", "Por", a host or
// speakers label, "Автор", "作者".
bool by_line(std::string_view text) {
    for (std::string_view label : {"by ", "by:", "written by", "von ", "par ", "por ",
                                   "hosted by ", "host: ", "hosts: ", "speakers: ",
                                   "moderated by ", "автор"}) {
        if (istarts_with(text, label)) return true;
    }
    return text.starts_with("作者");
}

// The names of a byline line ("By A and B | 26 August 2025": cut at the first separator
// followed by a date), or a blogger's given name ("by Amanda · Dec 20, 2025").
std::vector<std::string> names_of_by_line(std::string text, const DateReading& reading) {
    for (std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " on "}) {
        std::size_t p = text.find(sep);
        if (p != std::string::npos && !parse_date(text.substr(p)).empty()) text = text.substr(0, p);
    }
    std::vector<std::string> names =
        looks_like_names(text) ? split_names(text) : names_before_date(text, reading);
    if (std::string given = given_name_byline(text);
        names.empty() && !given.empty() && !organisation_name(given))
        names = {given};
    return names;
}

// A person's name alone on its line: no organisation, no leading article, a few words.
bool bare_name(std::string_view text) {
    return looks_like_names(text) && !organisation_name(text) && !starts_with_article(text) &&
           static_cast<std::size_t>(std::count(text.begin(), text.end(), ' ')) <
               near_title_tunables::kMaxBareNameWords;
}

}  // namespace

// Byline and date lines just before or after the title heading in reading order. `reading`
// reads the dates.
NearTitle scan_near_title(const Dom& dom, const std::vector<Line>& lines,
                          const std::vector<std::string>& titles, std::string_view h1,
                          const DateReading& reading) {
    NearTitle out;
    if (lines.empty()) return out;
    std::size_t at = title_line(lines, titles, {});
    // under an h1 the metadata words otherwise, only the dateline is read: what sits under a
    // heading that is not the title ("Request Service") is no byline
    const bool dates_only = at == lines.size();
    if (dates_only) at = title_line(lines, {}, h1);
    if (at == lines.size()) return out;
    std::size_t lo = at >= 4 ? at - 4 : 0;
    std::size_t hi = std::min(lines.size(), at + near_title_tunables::kHeadLines);
    for (std::size_t i = lo; i < std::min(lines.size(), at + 12); ++i)
        spdlog::trace("extract: near title {:+}: {}", static_cast<long>(i) - static_cast<long>(at),
                      lines[i].text.substr(0, 100));
    LabelledDate date = head_date(lines, lo, at, reading);
    out.date = date.date;
    out.date_label = date.label;
    if (dates_only) return out;
    bool credited = false;  // a byline label seen under the title
    for (std::size_t i = lo; i < hi; ++i) {
        if (i == at) continue;
        const Line& l = lines[i];
        if (!out.authors.empty() || l.text.size() > 120) continue;
        // "ByDaryl Austin": "By" and the name in adjacent inline elements, read as one word
        if (l.text.size() > 3 && l.text.starts_with("By") && is_upper_ascii(l.text[2]) &&
            is_lower_ascii(l.text[3]) && i > at) {
            std::string text = "By " + l.text.substr(2);
            out.authors = looks_like_names(text) ? split_names(text)
                                                 : names_before_date(text, reading);
            if (!out.authors.empty()) continue;
        }
        // "Written by" on a line of its own, the names on the next
        if (byline_label(l.text) && i + 1 < hi && i + 1 != at &&
            looks_like_names(lines[i + 1].text)) {
            out.authors = split_names(lines[i + 1].text);
            out.labelled = !out.authors.empty();
            continue;
        }
        const bool by = by_line(l.text);
        // a byline line after the title: "By A and B", or a short emphasised line of names
        if (by && i > at) {
            out.authors = names_of_by_line(l.text, reading);
            out.labelled = !out.authors.empty();
        } else if (i > at && i <= at + 3 && l.emphasised && !l.heading &&
                   looks_like_names(l.text)) {
            out.authors = split_names(l.text);
        } else if (i > at && i <= at + 3 && !l.heading &&
                   !(out.authors = names_after_date(l.text, reading)).empty()) {
            continue;
        } else if (i == at + 1 && !l.heading && !l.linked && bare_name(l.text)) {
            // a person's name alone on the line right under the title is its byline
            out.authors = split_names(l.text);
        } else if (i > at && i <= at + 3 && !l.heading && !credited && bare_name(l.text) &&
                   beside_dateline(lines, i, at, reading)) {
            // "Ann Lee" over "23.07.2025 · 6 min read": a name paired with the head's
            // dateline is its byline, a line or two under the title, unless a byline label
            // before it credits someone else ("By:" over a group's name)
            out.authors = split_names(l.text);
        }
        if (i > at && (by || byline_label(l.text))) credited = true;
        (void)dom;
    }
    return out;
}

std::vector<std::string> labelled_byline(const std::vector<Line>& lines) {
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        if (lines[i].text.size() > 20 || !byline_label(lines[i].text)) continue;
        const std::string& next = lines[i + 1].text;
        if (looks_like_names(next) && !byline_words(next) && !organisation_name(next))
            return split_names(next);
    }
    // "Written by Jane Doe" on a line of its own, wherever it sits (an author box at the end)
    for (const auto& l : lines) {
        if (l.text.size() > 60) continue;
        for (std::string_view label : {"written by ", "geschrieben von ", "escrito por ",
                                       "scritto da "}) {
            if (!istarts_with(l.text, label)) continue;
            std::string_view names = std::string_view(l.text).substr(label.size());
            if (looks_like_names(names) && !organisation_name(names)) return split_names(names);
        }
    }
    return {};
}

LabelledDate byline_date(const Dom& dom, int node, const DateReading& reading) {
    for (int p = node, up = 0; p != kNone && up < near_title_tunables::kBylineBlockLevels;
         p = dom[p].parent, ++up) {
        std::string text = dom.text(p, date_tunables::kMaxDateLine + 1);
        if (text.size() > date_tunables::kMaxDateLine) break;
        LabelledDate d = date_in_line(text, reading);
        if (!d.date.empty()) return d;
    }
    return {};
}

LabelledDate credited_byline_date(const Dom& dom, const std::vector<Hit>& hits,
                                  const std::vector<std::string>& authors, const DateReading& reading) {
    for (const auto& h : hits) {
        bool credits = std::any_of(h.names.begin(), h.names.end(), [&](const std::string& n) {
            return std::find(authors.begin(), authors.end(), n) != authors.end();
        });
        if (!credits) continue;
        if (LabelledDate d = byline_date(dom, h.node, reading); !d.date.empty()) return d;
    }
    return {};
}

std::string labelled_published(const std::vector<Line>& lines, const DateReading& reading) {
    for (const auto& l : lines) {
        if (l.text.size() > date_tunables::kMaxDateLine || !publication_context(l.text)) continue;
        LabelledDate d = date_in_line(l.text, reading);
        if (d.label == DateLabel::kPublished) return d.date;
    }
    return {};
}

}  // namespace thinkdex::indexer::detail
