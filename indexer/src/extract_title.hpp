#pragma once
// Private: the publication's headline, as a reader sees it, from the title sources a page gives.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace thinkdex::indexer::detail {

/// Everything a page says its title is.
struct TitleSources {
    /// Metadata titles, most deliberate first (citation_title, JSON-LD headline, og:title,
    /// twitter:title, dc.title...); empty ones are ignored.
    std::vector<std::string> meta;
    std::string title_tag;              ///< <title> as written
    std::vector<std::string> h1s;       ///< visible h1 texts outside boilerplate, page order
    std::vector<std::string> headings;  ///< every h1 and h2 text (Readability's <title> rule)
    std::vector<std::string> all_h1s;   ///< every h1 text, boilerplate included
    /// Names the site goes by: og:site_name, JSON-LD publisher, and the labels of the host name.
    std::vector<std::string> site_names;
};

/// The headline. A visible h1 that the <title> begins with, as a whole segment, wins outright
/// ("Topic | Section | Site" over an h1 "Topic"). Else a visible h1 that agrees with a metadata
/// title or the <title> wins (the reader
/// sees it, and agreement shows it is the page's own headline rather than a logo or section
/// heading), written as the metadata titles and <title> agree to write it when two or more give
/// its words; else the title two or more of those agree on; else the most deliberate metadata
/// title; else the <title>. Titles lose site-name
/// prefixes and suffixes ("Title | Site", "Site – Title") and stray HTML entities; a title that
/// is only the site's name counts only on a home page (every source gives it, or the <title>
/// leads with it). Empty when the page gives no title.
std::string choose_title(const TitleSources& sources);

/// The title that two or more of the metadata titles and the <title> give word for word
/// (punctuation aside, each cleaned as for choose_title()), in the form most of them write it;
/// empty when no two agree or when the <title> begins with a visible h1 (that h1 is the page's
/// name: "Movers in Ohio | Fast, Insured Moves" over an h1 "Movers in Ohio"). On a page that is
/// not a publication (services, about) it names the page better than the h1, which is there a
/// slogan ("Space to figure things out").
std::string agreed_metadata_title(const TitleSources& sources);

/// The whole <title> of a page that leads with the site's name ("Brand | What it does", "Brand:
/// What it does"), less a trailing site name: on a site's home page the site is the page's
/// subject, not an affix. Empty when the <title> does not lead with the site's name.
std::string brand_led_title(const TitleSources& sources);

/// Removes leading and trailing segments of `title` (split at " | ", " - ", " – ", "_"...) that
/// name the site, i.e. match one of `site_names` (case and punctuation aside), and trailing
/// segments written as a host name ("Headline | Example.org"). One segment is always kept.
std::string strip_site_affixes(std::string_view title, const std::vector<std::string>& site_names);

/// True when `text` names the site: equal to one of `site_names` once case, spaces and
/// punctuation are ignored, or one inside the other ("WRAL" and "WRAL.com").
bool names_site(std::string_view text, const std::vector<std::string>& site_names);

/// The labels of `host` that can name a site ("www.think-tank.org" → "think-tank"): not "www",
/// not the last label.
std::vector<std::string> host_labels(std::string_view host);

/// Positions and lengths of the " | ", " - ", " – ", " — ", " / ", " > ", " » ", " \\ "
/// separators in `t` (the index of the space before the mark).
std::vector<std::pair<std::size_t, std::size_t>> title_separators(std::string_view t);

/// Readability's rules for the title in <title>: the part before the last separator, unless too
/// short; "Site: Title"; the page's only h1 for a <title> too short or too long.
std::string title_from_title_tag(const std::string& raw, const std::vector<std::string>& headings,
                                 const std::vector<std::string>& h1s);

}  // namespace thinkdex::indexer::detail
