// Line-level cleaning of the chosen content: lines that are not the article's text (junk,
// pointers, promotions, datelines, bylines, announced lists of links) and the head of the body
// (kicker, repeated headline, byline, dateline).

#include "content_lines.hpp"

#include <algorithm>

#include "extract_date.hpp"
#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

// Drops trailing ':', '.', '…' and spaces, lower case: "More:" -> "more".
std::string label_of(std::string_view text) {
    std::string l = lower_ascii(text);
    while (!l.empty() && (l.back() == ':' || l.back() == '.' || l.back() == ' ' ||
                          l.back() == '!'))
        l.pop_back();
    if (l.ends_with("\u2026")) l.resize(l.size() - 3);
    return l;
}

bool junk_line(std::string_view text) {
    if (text.size() > 40) {
        return istarts_with(text, "Posted by ") && text.size() < 120;
    }
    std::string l = label_of(text);
    return in_set(l, {"advertisement", "advertisements", "advertising", "sponsored", "share",
                      "share this", "share this article", "share this page", "share this story",
                      "share on facebook", "share on twitter", "share this on facebook",
                      "share this on twitter", "all sharing options", "show more sharing options",
                      "copy link", "copy link urlcopied", "tweet", "email", "print", "read more",
                      "continue reading", "skip to content", "skip to main content", "related",
                      "related articles", "comments", "no comments", "post a comment", "loading",
                      "loading comments", "subscribe", "follow us", "menu", "search", "close",
                      "back to top", "top", "newer post", "older post", "home", "labels",
                      "facebook", "twitter", "linkedin", "reddit", "pocket", "flipboard",
                      "whatsapp", "pinterest", "telegram", "tell us what you think"}) ||
           istarts_with(text, "Posted by ") || istarts_with(text, "Labels:");
}

// A short line that announces a list of links to other pages ("More:", "You may also like").
bool teaser_label(std::string_view text) {
    if (text.size() > 60) return false;
    std::string l = label_of(text);
    return in_set(l, {"related", "more", "see more", "read more", "don't miss", "dont miss",
                      "don\u2019t miss", "you may also like", "you might also like",
                      "related news", "related stories", "related articles", "related content",
                      "related posts", "related coverage", "more stories", "more news",
                      "read next", "up next", "most popular", "most read", "trending",
                      "recommended", "recommended for you", "tags", "topics", "filed under",
                      "also read", "read also", "more on this story", "more on this topic"}) ||
           istarts_with(l, "more from ") || istarts_with(l, "more in ") ||
           istarts_with(l, "most popular ") || istarts_with(l, "latest from ");
}

// A line that points elsewhere or credits a picture: "Related: Other story", "Read more: ...",
// "Tags: a, b", "Photo: Name", "Image copyright Agency".
bool pointer_line(std::string_view text) {
    if (text.size() > 200) return false;
    // "Tags Energy, EU" (a label glued to its links), not a sentence that starts with "Tags"
    if (istarts_with(text, "tags ") && text.back() != '.' && text.size() < 150) return true;
    for (std::string_view p : {"related:", "read more:", "see more:", "also read:", "read also:",
                               "more:", "tags:", "filed under:", "topics:",
                               "image copyright", "image caption", "photo:", "photo by ",
                               "photograph:", "photographs:", "image:", "credit:", "picture:",
                               "pictured:", "getty images", "first published on",
                               "last updated", "updated at ", "updated on ", "watch:"}) {
        if (istarts_with(text, p)) return true;
    }
    return false;
}

// A line that is a date and nothing more ("Nov. 19, 2019", "Wednesday 20 November 2019 9:22
// am"): the article's dateline, not its text.
bool date_line(std::string_view text) {
    if (text.size() > 60 || text.empty() || text.back() == '.') return false;
    // "— Name (@handle) November 18, 2019": the signature of an embedded post, part of the text
    if (text.find('@') != std::string_view::npos || text.starts_with("\u2014") ||
        text.starts_with("-"))
        return false;
    return !parse_date(text, true).empty() && text_weight(text) <= 50;
}

// "By A and B" / "By A | 26 August 2025" as a line of its own: the byline.
bool byline_line(std::string_view text) {
    if (text.size() > 100 || !istarts_with(text, "by ")) return false;
    std::string t(text);
    for (std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " on ", "@"}) {
        std::size_t p = t.find(sep);
        if (p != std::string::npos) t.resize(p);
    }
    // "By Jane DoeSenior Writer" (a role glued on by the markup) still starts with a name
    return !split_names(t).empty() && (looks_like_names(t) || t.size() <= 40);
}

// A house advertisement in the text: newsletter sign-ups, "follow us", subscription offers.
bool promo_line(std::string_view text) {
    if (text.size() > 300) return false;
    if ((icontains(text, "sign up") || icontains(text, "subscribe")) &&
        (icontains(text, "newsletter") || icontains(text, "inbox")))
        return true;
    if (istarts_with(text, "follow ") &&
        (icontains(text, " on twitter") || icontains(text, " on facebook") ||
         icontains(text, " on instagram")))
        return true;
    for (std::string_view p : {"have a tip?", "got a tip?", "get access to ", "click here to ",
                               "click here for more"}) {
        if (istarts_with(text, p) || (p.starts_with("click") && icontains(text, p)))
            return true;
    }
    return false;
}

// The head of the body: what may sit between the top of the article container and its text.
// A kicker or section label ("Analysis", "NEWS"), the headline again, a byline and a dateline
// ("By Jane Doe", "Jane Doe | 20 May 2024", "5 min read") are not the article's text.
namespace lead_tunables {
constexpr std::size_t kHeadLines = 8;          // lines looked at, from the top of the body
constexpr std::size_t kParagraphWords = 12;    // a line this long is text: the head ends there
constexpr std::size_t kParagraphWeight = 80;   // or this many characters (scripts without spaces)
constexpr std::size_t kLabelWords = 3;         // a kicker or section label: at most this many words
constexpr std::size_t kLabelWeight = 30;       // and this many characters
constexpr std::size_t kMetaWords = 4;          // a short line with digits: a date, time or count
constexpr std::size_t kBylineWords = 12;       // a line giving the page's author or its date
constexpr std::size_t kBylineExtraWords = 6;   // words beside the author's name ("Senior Fellow")
constexpr std::size_t kMinAuthorBytes = 4;     // shorter extracted names are not looked for
constexpr std::size_t kMinTitleBytes = 10;     // shorter titles are not looked for
constexpr std::size_t kTrailExtraBytes = 80;   // a breadcrumb trail: what may precede the title
}  // namespace lead_tunables

std::size_t word_count(std::string_view s) {
    std::size_t words = 0;
    bool in = false;
    for (char c : s) {
        bool sp = c == ' ';
        if (!sp && !in) ++words;
        in = !sp;
    }
    return words;
}

// Ends like a sentence or a clause: '.', '!', '?', ':', ';', ',' or their CJK forms.
bool ends_as_sentence(std::string_view s) {
    if (s.empty()) return false;
    char c = s.back();
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ',' || c == ':') return true;
    for (std::string_view p : {"\u3002", "\uFF01", "\uFF1F", "\uFF1B", "\uFF0C", "\u2026"}) {
        if (s.ends_with(p)) return true;
    }
    return false;
}

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Lower case with every run of non-alphanumeric ASCII made one space: "Title | Site" and
// "title - site" compare word by word.
std::string fold(std::string_view s) {
    std::string low = lower_basic(s), out;
    bool gap = false;
    for (char c : low) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && !ascii_alnum(c)) {
            gap = !out.empty();
            continue;
        }
        if (gap) out.push_back(' ');
        gap = false;
        out.push_back(c);
    }
    return out;
}

// A breadcrumb trail's separators: "Home > Blog > Title", "Home » Title", "Blog / Title".
bool has_trail_separator(std::string_view s) {
    for (std::string_view sep : {" > ", " / ", " | ", "\u00bb", "\u203a"}) {
        if (s.find(sep) != std::string_view::npos) return true;
    }
    return false;
}

// The headline again, alone or at the end of a breadcrumb trail.
bool repeats_title(std::string_view text, const PageMeta& meta) {
    std::string folded = fold(text);
    bool trail = has_trail_separator(text);
    for (const auto& t : meta.titles) {
        std::string ft = fold(t);
        if (ft.size() < lead_tunables::kMinTitleBytes) continue;
        if (folded == ft) return true;
        if (trail && folded.size() <= ft.size() + lead_tunables::kTrailExtraBytes &&
            folded.ends_with(" " + ft))
            return true;
    }
    return false;
}

// A short line that names the page's author ("By Jane Doe", "Jane Doe, Senior Fellow") or gives
// its publication date ("Jane Doe | 20 May 2024"): little else besides the name or the date,
// and not a sentence ("Jane Doe said so.").
bool names_author_or_date(std::string_view text, const PageMeta& meta) {
    const std::size_t words = word_count(text);
    if (words > lead_tunables::kBylineWords || ends_as_sentence(text)) return false;
    std::string lowered = lower_basic(text);
    for (const auto& a : meta.authors) {
        if (a.size() >= lead_tunables::kMinAuthorBytes &&
            words <= word_count(a) + lead_tunables::kBylineExtraWords &&
            lowered.find(lower_basic(a)) != std::string::npos)
            return true;
    }
    return !meta.published.empty() && has_digit(text) && parse_date(text) == meta.published;
}

// A kicker, section label or metadata scrap: very short, not a sentence, not a heading.
bool label_line(const Line& l) {
    if (l.heading) return false;  // a heading before the first paragraph opens the text
    std::size_t words = word_count(l.text);
    std::size_t weight = text_weight(l.text);
    if (has_digit(l.text) && words <= lead_tunables::kMetaWords &&
        weight <= lead_tunables::kLabelWeight)
        return true;  // "14.11.24", "5 min read", "858 shares", "Dec 10"
    if (words > lead_tunables::kLabelWords || weight > lead_tunables::kLabelWeight) return false;
    return !ends_as_sentence(l.text);
}

bool paragraph_line(const Line& l) {
    return word_count(l.text) >= lead_tunables::kParagraphWords ||
           text_weight(l.text) >= lead_tunables::kParagraphWeight;
}

}  // namespace

// Line-level cleaning of the chosen content: junk lines, pointers, datelines and bylines, and
// lists of links announced by a label ("More from us" followed by headlines).
std::vector<Line> clean_lines(std::vector<Line> lines) {
    std::vector<Line> out;
    out.reserve(lines.size());
    const std::size_t n = lines.size();
    for (std::size_t k = 0; k < n; ++k) {
        Line& l = lines[k];
        if (teaser_label(l.text)) {
            // the label and the links it announces
            while (k + 1 < n && lines[k + 1].linked) ++k;
            continue;
        }
        // datelines sit at the head or the foot of the text; a date further down is a row of
        // a table or a section of a chronology
        if ((k < 8 || k + 8 > n) && date_line(l.text)) continue;
        if (junk_line(l.text) || pointer_line(l.text) || promo_line(l.text)) continue;
        if (l.linked && text_weight(l.text) < 50) {
            // three or more short links in a row: a menu or a list of other pages
            std::size_t run = k;
            while (run < n && lines[run].linked && text_weight(lines[run].text) < 50) ++run;
            if (run - k >= 3) {
                k = run - 1;
                continue;
            }
        }
        if ((k < 8 || k + 8 > n) && byline_line(l.text)) continue;
        out.push_back(std::move(l));
    }
    return out;
}

// Drops the kicker, the repeated headline, the byline and the dateline from the head of the
// body. Nothing is dropped when no line of text follows within the head: a page of short lines
// (a list, a poem, a listing) keeps them all.
void drop_head(const Dom& dom, std::vector<Line>& lines, const PageMeta& meta) {
    using namespace lead_tunables;
    const std::size_t head = std::min(kHeadLines, lines.size());
    std::size_t text = head;
    for (std::size_t k = 0; k < head; ++k) {
        if (paragraph_line(lines[k])) {
            text = k;
            break;
        }
    }
    if (text == head) return;
    std::vector<char> drop(head, 0);
    bool any = false;
    for (std::size_t k = 0; k < head; ++k) {
        const Line& l = lines[k];
        bool d = repeats_title(l.text, meta) || names_author_or_date(l.text, meta);
        if (!d && k < text) {
            bool in_list = l.block != kNone && (dom[l.block].tag == GUMBO_TAG_LI ||
                                                dom[l.block].tag == GUMBO_TAG_DT ||
                                                dom[l.block].tag == GUMBO_TAG_DD);
            d = !in_list && label_line(l);
        }
        drop[k] = d ? 1 : 0;
        any = any || d;
    }
    if (!any) return;
    std::size_t w = 0;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (k < head && drop[k]) continue;
        if (w != k) lines[w] = std::move(lines[k]);
        ++w;
    }
    lines.resize(w);
}


}  // namespace thinkdex::indexer::detail
