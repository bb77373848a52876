// The headline: candidates from metadata, <title> and visible h1s, cleaned of site names and
// stray entities, and chosen by agreement between them.

#include "extract_title.hpp"

#include <algorithm>
#include <cctype>

#include "extract_dom.hpp"
#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

// Tunables of the title choice, in one place.
// An h1 is the headline when it shares this part of its words with a metadata title or the
// <title>, counted against the longer of the two (a logo or section h1 shares none).
constexpr double kMinAgreement = 0.25;
// h1s looked at: the headline is among the first few visible ones.
constexpr std::size_t kMaxH1s = 4;
// Longer "headings" are paragraphs styled as h1.
constexpr std::size_t kMaxTitleBytes = 400;
// A site-name match on fewer characters is a coincidence ("AI" in a headline).
constexpr std::size_t kMinSiteChars = 4;
// "Headline | Section", "Headline - Site Name": a last segment this short after a headline at
// least this long is a label, not part of the headline, even when no site name matches.
constexpr std::size_t kMaxLabelWords = 3;
constexpr std::size_t kMinHeadlineWords = 4;
// Metadata titles cut at a length limit are at least this long (limits are 60 to 110 bytes);
// a shorter title that begins another is the headline without a subtitle, not a cut.
constexpr std::size_t kMinCutTitleBytes = 60;
// "Headline | Example.org": a segment written as a host name ends in a top-level domain of
// this many letters at most (org, com, info, museum).
constexpr std::size_t kMaxTldLetters = 6;
// Metadata titles and <title> that must give a title word for word (punctuation aside) for
// their form to win: one source alone is a single opinion.
constexpr std::size_t kMinAgreeingSources = 2;

// Lower-case letters and digits only: "Think-Tank.org" and "think tank org" compare equal.
std::string squash(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
    }
    return out;
}

// How far two titles say the same thing: 1 for the same words, 0 for none in common. The
// smaller of the two shares, so that a short heading inside a long title ("News" in "News on
// the sanctions regime") does not count as agreement.
double agreement(std::string_view a, std::string_view b) {
    std::vector<std::string> wa = lower_words(a), wb = lower_words(b);
    if (wa.empty() || wb.empty()) return 0;
    std::size_t common = 0;
    std::vector<std::string> rest = wb;
    for (const auto& w : wa) {
        auto it = std::find(rest.begin(), rest.end(), w);
        if (it != rest.end()) {
            ++common;
            rest.erase(it);
        }
    }
    return static_cast<double>(common) / static_cast<double>(std::max(wa.size(), wb.size()));
}

// True when `segment` is written as a host name ("Example.org", "news.example.co"): labels
// of letters, digits and hyphens of two characters or more, joined by dots, the last one a
// few lower-case letters. A title's segment written so names the site even when no site name
// is known.
bool host_like(std::string_view segment) {
    std::string_view t = segment;
    std::size_t dot = t.rfind('.');
    if (dot == std::string_view::npos || t.size() - dot - 1 < 2 ||
        t.size() - dot - 1 > kMaxTldLetters)
        return false;
    for (char c : t.substr(dot + 1)) {
        if (c < 'a' || c > 'z') return false;
    }
    std::size_t label = 0;
    for (char c : t.substr(0, dot + 1)) {
        auto u = static_cast<unsigned char>(c);
        if (c == '.') {
            if (label < 2) return false;
            label = 0;
        } else if (std::isalnum(u) || c == '-') {
            ++label;
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

bool names_site(std::string_view segment, const std::vector<std::string>& site_names) {
    std::string seg = squash(segment);
    if (seg.empty()) return false;
    for (const auto& name : site_names) {
        std::string site = squash(name);
        if (site.size() < kMinSiteChars && seg != site) continue;
        if (seg == site) return true;
        if (seg.size() >= kMinSiteChars && site.find(seg) != std::string::npos) return true;
        if (seg.find(site) != std::string::npos && seg.size() <= 3 * site.size()) return true;
    }
    return false;
}

namespace {

// Segments of a title at its separators, spaced marks and the unspaced '_' and '｜' alike
// ("标题_评论_研究院" is "标题 | 评论 | 研究院").
std::vector<std::string> segments_of(std::string_view t) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        std::size_t len = 0;
        for (std::string_view mark : {" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " \u2022 ",
                                      " :: ", " \u00bb ", " / ", "_", "\uff5c", " \u2016 "}) {
            if (t.substr(i).starts_with(mark)) {
                len = mark.size();
                break;
            }
        }
        if (len == 0) continue;
        out.push_back(trim(t.substr(start, i - start)));
        start = i + len;
        i = start - 1;
    }
    out.push_back(trim(t.substr(start)));
    return out;
}

std::string join_segments(const std::vector<std::string>& segs, std::size_t from, std::size_t to,
                          std::string_view original) {
    // the original text between the first and last kept segment, separators as written
    std::size_t b = original.find(segs[from]);
    std::size_t e = original.rfind(segs[to - 1]);
    if (b == std::string_view::npos || e == std::string_view::npos || e < b) return segs[from];
    return std::string(original.substr(b, e + segs[to - 1].size() - b));
}

// A metadata title or <title> as a headline: entities decoded, site names and a trailing
// label dropped.
std::string clean(std::string_view title, const std::vector<std::string>& site_names) {
    std::string t = strip_site_affixes(collapse_spaces(decode_entities(title)), site_names);
    auto seps = title_separators(t);
    if (!seps.empty()) {
        std::string_view head = std::string_view(t).substr(0, seps.back().first);
        std::string_view label = std::string_view(t).substr(seps.back().first + seps.back().second);
        // a label names a section or site, so it has letters: "… 2026 / 2027" is a range
        bool has_letter = std::any_of(label.begin(), label.end(), [](char c) {
            auto u = static_cast<unsigned char>(c);
            return std::isalpha(u) || u >= 0x80;
        });
        if (has_letter && lower_words(label).size() <= kMaxLabelWords &&
            lower_words(head).size() >= kMinHeadlineWords)
            t = trim(head);
    }
    // "标题_栏目_网站": a chain of unspaced underscores puts the headline first (Chinese
    // publishing systems write headline, section and site so, and no headline has two '_')
    if (std::count(t.begin(), t.end(), '_') >= 2 && t.find(' ') == std::string::npos) {
        std::string head = trim(std::string_view(t).substr(0, t.find('_')));
        if (!head.empty()) t = head;
    }
    return t;
}

// The end of `segs` without its trailing segments that name the site or are written as a host
// name ("Headline | Section | Example.org"); one segment is always kept.
std::size_t end_before_site_suffix(const std::vector<std::string>& segs,
                                   const std::vector<std::string>& site_names) {
    std::size_t to = segs.size();
    while (to > 1 && (names_site(segs[to - 1], site_names) || host_like(segs[to - 1]))) --to;
    return to;
}

}  // namespace

std::vector<std::string> host_labels(std::string_view host) {
    std::vector<std::string> labels;
    std::size_t b = 0;
    while (b <= host.size()) {
        std::size_t e = host.find('.', b);
        if (e == std::string_view::npos) e = host.size();
        labels.emplace_back(host.substr(b, e - b));
        b = e + 1;
    }
    if (!labels.empty()) labels.pop_back();  // the top-level domain names no site
    std::erase_if(labels, [](const std::string& l) { return l.empty() || l == "www"; });
    return labels;
}

std::string strip_site_affixes(std::string_view title, const std::vector<std::string>& site_names) {
    std::vector<std::string> segs = segments_of(title);
    std::size_t from = 0, to = end_before_site_suffix(segs, site_names);
    while (to - from > 1 && names_site(segs[from], site_names)) ++from;
    // "Site: Title": the prefix before a colon names the site
    std::string out = (from == 0 && to == segs.size()) ? std::string(title)
                                                       : join_segments(segs, from, to, title);
    if (std::size_t colon = out.find(": ");
        colon != std::string::npos && names_site(out.substr(0, colon), site_names))
        out = trim(std::string_view(out).substr(colon + 2));
    return out;
}

namespace {

// The visible h1 that the <title> begins with as a whole segment ("Software | Topic News |
// Institute of Something" over an h1 "Software"): the <title> is that headline and its affixes,
// however few words the two share.
std::string h1_leading_the_title_tag(const TitleSources& s) {
    std::vector<std::string> segs = segments_of(collapse_spaces(decode_entities(s.title_tag)));
    if (segs.size() < 2) return {};
    std::string lead = squash(segs.front());
    for (std::size_t k = 0; k < s.h1s.size() && k < kMaxH1s; ++k) {
        std::string h = clean(s.h1s[k], s.site_names);
        if (!h.empty() && squash(h) == lead && !names_site(h, s.site_names)) return h;
    }
    return {};
}

// True when `text` is one of the site's names, case, spaces and punctuation aside ("Steppe-Review"
// and "Steppe Review"): stricter than names_site(), which also takes one inside the other.
bool is_site_name(std::string_view text, const std::vector<std::string>& site_names) {
    std::string t = squash(text);
    if (t.empty()) return false;
    return std::any_of(site_names.begin(), site_names.end(),
                       [&](const std::string& name) { return squash(name) == t; });
}

// A title's words without their punctuation: ASCII marks and the typographic ones of Unicode's
// General Punctuation block (U+2000 to U+206F: curly quotes, dashes, ellipsis) are dropped, so
// "Here’s" and "Here's" or "A guide to…" and "A guide to..." are the same title.
std::string vote_key(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto u = static_cast<unsigned char>(s[i]);
        if (u == 0xE2 && i + 2 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xFE) == 0x80) {
            i += 2;  // U+2000..U+207F
            continue;
        }
        if (u >= 0x80 || std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
    }
    return out;
}

// The title that most of the metadata titles and the <title> (each cleaned of site names) give
// word for word, in the form most of them write it (the first such on a tie); empty when no
// two agree. Two sources that agree outweigh any one of them.
std::string agreed_title(const std::vector<std::string>& sources) {
    std::string best;
    std::size_t best_votes = 0;
    for (const auto& t : sources) {
        std::string key = vote_key(t);
        if (key.empty()) continue;
        std::size_t votes = 0, same_form = 0;
        for (const auto& u : sources) {
            if (vote_key(u) == key) ++votes;
            if (u == t) ++same_form;
        }
        // the group's size first, then how many write it this way
        std::size_t score = votes * (sources.size() + 1) + same_form;
        if (votes >= kMinAgreeingSources && score > best_votes) {
            best_votes = score;
            best = t;
        }
    }
    return best;
}

// The metadata titles, then the <title>, cleaned of site names and entities; `tag` receives the
// cleaned <title> (empty when it is dropped).
std::vector<std::string> cleaned_sources(const TitleSources& s, std::string& tag) {
    std::vector<std::string> others;
    for (const auto& m : s.meta) {
        std::string c = clean(m, s.site_names);
        if (!c.empty()) others.push_back(std::move(c));
    }
    tag = clean(s.title_tag, s.site_names);
    if (!tag.empty()) others.push_back(tag);
    // a title that is only the site's name ("twitter:title: Example Shop" over "<title>Socks")
    // names no publication: another source that says more is the headline. A home page keeps
    // it: there every source gives the site's name, or the <title> leads with it ("Site" over
    // "<title>Site – Our tagline").
    auto only_site = [&](const std::string& t) { return is_site_name(t, s.site_names); };
    std::vector<std::string> tag_segs = segments_of(collapse_spaces(decode_entities(s.title_tag)));
    bool tag_leads_with_site = tag_segs.size() > 1 && only_site(tag_segs.front());
    if (!tag_leads_with_site && !std::all_of(others.begin(), others.end(), only_site)) {
        std::erase_if(others, only_site);
        if (only_site(tag)) tag.clear();
    }
    return others;
}

}  // namespace

std::string brand_led_title(const TitleSources& s) {
    std::string tag = collapse_spaces(decode_entities(s.title_tag));
    std::vector<std::string> segs = segments_of(tag);
    std::size_t to = end_before_site_suffix(segs, s.site_names);
    // "Brand | What it does", or "Brand: What it does" in one segment
    std::size_t colon = segs.front().find(": ");
    bool leads = to > 1 && names_site(segs.front(), s.site_names);
    if (!leads && colon != std::string::npos)
        leads = names_site(std::string_view(segs.front()).substr(0, colon), s.site_names);
    if (!leads) return {};
    return join_segments(segs, 0, to, tag);
}

std::string agreed_metadata_title(const TitleSources& s) {
    // an h1 that the <title> begins with is the page's name, and what follows it a tagline
    if (!h1_leading_the_title_tag(s).empty()) return {};
    std::string tag;
    return agreed_title(cleaned_sources(s, tag));
}

std::string choose_title(const TitleSources& s) {
    if (std::string h = h1_leading_the_title_tag(s); !h.empty()) return h;
    std::string tag;
    std::vector<std::string> others = cleaned_sources(s, tag);  // metadata, then the <title>

    std::string best_h1;
    double best = 0;
    for (std::size_t k = 0; k < s.h1s.size() && k < kMaxH1s; ++k) {
        std::string h = clean(s.h1s[k], s.site_names);
        if (h.empty() || h.size() > kMaxTitleBytes || names_site(h, s.site_names)) continue;
        for (const auto& o : others) {
            double a = agreement(h, o);
            if (a > best) {
                best = a;
                best_h1 = h;
            }
        }
    }
    std::string agreed = agreed_title(others);
    if (best >= kMinAgreement) {
        // the h1's words, written as the sources that agree on them write them: the h1's text
        // is a rendering ("RemoteFull Stack" from two spans, typographic quotes), the metadata
        // a transcript
        return vote_key(agreed) == vote_key(best_h1) ? agreed : best_h1;
    }
    // no h1 to go by: a title that two sources agree on over the first metadata title
    if (!agreed.empty()) return agreed;
    if (others.size() > 1 || tag.empty()) {
        // the most deliberate metadata title, unless another source gives it in full:
        // headlines in JSON-LD and og:title are often cut at a length limit
        std::string title = others.empty() ? std::string{} : others.front();
        for (const auto& o : others) {
            if (title.size() >= kMinCutTitleBytes && o.size() > title.size() &&
                istarts_with(o, title))
                title = o;
        }
        if (!title.empty()) return title;
    }
    std::string from_tag =
        title_from_title_tag(collapse_spaces(decode_entities(s.title_tag)), s.headings, s.all_h1s);
    if (!from_tag.empty()) return clean(from_tag, s.site_names);
    for (const auto& h : s.h1s) {
        if (!h.empty() && h.size() <= kMaxTitleBytes) return trim(h);
    }
    return {};
}

namespace {

// Words as Readability counts them (a split at runs of spaces, where a leading or trailing
// space adds an empty word): its thresholds were tuned with that count.
std::size_t word_count(std::string_view s) {
    std::size_t n = 1;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ' && (i == 0 || s[i - 1] != ' ')) ++n;
    }
    return n;
}

// Length in UTF-16 code units, as JavaScript measures strings.
std::size_t js_length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if ((u & 0xC0) != 0x80) ++n;
        if ((u & 0xF8) == 0xF0) ++n;  // outside the BMP: a surrogate pair
    }
    return n;
}

}  // namespace

// Positions of the " | ", " - ", " – ", " — ", " / ", " > ", " » ", " \\ " separators in `t`
// (the index of the space before the mark).
std::vector<std::pair<std::size_t, std::size_t>> title_separators(std::string_view t) {
    std::vector<std::pair<std::size_t, std::size_t>> out;  // (position, length)
    for (std::size_t i = 0; i + 2 < t.size(); ++i) {
        if (t[i] != ' ') continue;
        for (std::string_view mark : {"|", "-", "\u2013", "\u2014", "\\", "/", ">", "\u00bb"}) {
            if (t.substr(i + 1).starts_with(mark) && i + 1 + mark.size() < t.size() &&
                t[i + 1 + mark.size()] == ' ') {
                out.emplace_back(i, mark.size() + 2);
                break;
            }
        }
    }
    return out;
}

// The article title from <title>, with the rules Readability applies (its output is what the
// world's "reader views" show, so it is the de-facto reference): drop the part after the last
// hierarchical separator ("Title | Site"), or before the first when what is left is too short;
// "Site: Title" keeps what follows the colon unless a heading repeats the whole <title>; a
// <title> too short or too long gives way to the page's only h1; and a result of four words or
// fewer falls back to the whole <title>, since cutting it that short usually cut the title.
std::string title_from_title_tag(const std::string& raw, const std::vector<std::string>& headings,
                                 const std::vector<std::string>& h1s) {
    const std::string orig = collapse_spaces(raw);
    std::string cur = orig;
    bool hierarchical = false;
    auto seps = title_separators(orig);
    if (!seps.empty()) {
        for (const auto& [pos, len] : seps) {
            std::string_view mark = std::string_view(orig).substr(pos + 1, len - 2);
            if (mark == "\\" || mark == "/" || mark == ">" || mark == "\u00bb") hierarchical = true;
        }
        cur = orig.substr(0, seps.back().first);
        if (word_count(cur) < 3) {
            // everything up to the first separator character, spaced or not
            std::size_t cut = std::string::npos;
            for (std::string_view mark : {"|", "-", "\u2013", "\u2014", "\\", "/", ">", "\u00bb"}) {
                std::size_t at = orig.find(mark);
                if (at != std::string::npos && (cut == std::string::npos || at + mark.size() < cut))
                    cut = at + mark.size();
            }
            cur = orig.substr(cut);
        }
    } else if (orig.find(": ") != std::string::npos) {
        bool heading_is_title = std::find(headings.begin(), headings.end(), orig) != headings.end();
        if (!heading_is_title) {
            cur = orig.substr(orig.rfind(':') + 1);
            if (word_count(cur) < 3) {
                cur = orig.substr(orig.find(':') + 1);
            } else if (word_count(orig.substr(0, orig.find(':'))) > 5) {
                cur = orig;
            }
        }
    } else if ((js_length(orig) > 150 || js_length(orig) < 15) && h1s.size() == 1) {
        cur = h1s.front();
    }
    cur = collapse_spaces(cur);
    std::size_t words = word_count(cur);
    if (words <= 4) {
        std::string without;  // the <title> with every separator turned into a space
        std::size_t from = 0;
        for (const auto& [pos, len] : seps) {
            without.append(orig, from, pos - from).push_back(' ');
            from = pos + len;
        }
        without.append(orig, from);
        if (!hierarchical || words + 1 != word_count(without)) cur = orig;
    }
    return cur;
}

}  // namespace thinkdex::indexer::detail
