#pragma once
// Private: who wrote a page. Pure helpers over names and bylines, used by extract_metadata.cpp,
// which collects the candidates from the page's sources and takes the first that names people.

#include <string>
#include <string_view>
#include <vector>

#include "extract_dom.hpp"

namespace thinkdex::indexer::detail {

/// "Kuhrt, Natasha" (citation_author's usual form) → "Natasha Kuhrt"; other names unchanged.
std::string surname_first(std::string name);

/// Appends `v`, trimmed, unless empty or already there (case aside).
void add_unique(std::vector<std::string>& out, const std::string& v);

/// "Fact Checked By", "Author Spotlight": the label of a byline box, capitalised like a name.
bool byline_words(std::string_view line);

/// A line that only announces a byline: "Written by", "By", "Author:".
bool byline_label(std::string_view line);

/// A byline candidate: the element and the names found in it.
struct Hit {
    int node = kNone;
    std::vector<std::string> names;
};

/// The heading that shows the title (`titles`: its forms, lower case): equal to one of them,
/// else the first heading the title contains; kNone if none.
int title_heading(const std::vector<int>& nodes, const std::vector<std::string>& texts,
                  const std::vector<std::string>& titles);

/// The first candidate in the article's head: after the title heading and close to it.
const Hit* zone_hit(const std::vector<Hit>& hits, int title_node);

/// The names of the page's own byline among several candidates: `anchor` (else the first
/// candidate) and the others in the same small block ("By <a>A</a> and <a>B</a>").
std::vector<std::string> byline_names(const Dom& dom, const std::vector<Hit>& hits,
                                      const Hit* anchor);

/// True when a class/id (lower case) says the element holds an author's name: "author-name",
/// "author__name", "authorname", "post-author-name", "creator-name".
bool author_name_class(std::string_view class_id);

/// True when a link's path is a person's page: a directory of authors, people or experts.
bool author_path(std::string_view href);

/// True when the link `link` sits in a paragraph of running text ("As <a>Dr. Jane Doe</a>, a
/// psychologist, explains, ..."): it cites a person, it is no byline.
bool link_in_prose(const Dom& dom, int link);
/// True when `name` has a word that names an organisation ("Acme Solutions").
bool organisation_name(std::string_view name);

/// Accounts that publishing software names as the author when no person is set ("admin").
bool account_name(std::string_view name);

/// A template's unfilled placeholder standing where a name should be: template markup
/// ("{{ author.name }}", "${author}", "<%= author %>") or a lower-case identifier with two dots
/// or more and no space ("page.head.extra.author", and logins such as "sara.r.peter").
bool template_placeholder(std::string_view name);

/// A credited name that can be a person: not the site or its publisher, not an account, not a
/// template placeholder.
bool person_credit(const std::string& name, const std::vector<std::string>& site_names);

/// Who wrote the page, from its sources offered most deliberate first: the first source that
/// names people wins, once the site, its publisher and accounts are left out. When none names a
/// person, the site's own credit in metadata (a personal site), else a group credit ("News
/// Desk"), else a group in the byline markup is the byline.
class AuthorChoice {
public:
    explicit AuthorChoice(std::vector<std::string> site_names);

    /// Names from metadata (`source` names it for the logs); ignored once a source won.
    void offer_metadata(std::string_view source, std::vector<std::string> names);
    /// Credits as a metadata tag writes them ("A and B", one or several tags): split into names,
    /// a group credit among them remembered.
    void offer_credits(std::string_view source, const std::vector<std::string>& credits);
    /// Names read in the page's markup and text.
    void offer(std::string_view source, std::vector<std::string> names);
    /// The byline the reader sees under the title, after an explicit label ("By A and B"):
    /// replaces the names chosen from metadata when it names none of them (the metadata
    /// credits the account that posted the page) or all of them and more people (the
    /// metadata credits only the first author). Otherwise ignored.
    void prefer_visible(std::string_view source, std::vector<std::string> names);
    /// A group credited in metadata ("News Desk").
    void offer_group(const std::string& group);
    /// An organisation the metadata declares the author: a group credit, unless it names
    /// the site or its publisher (a firm credited for its own blog post credits no one).
    void offer_organisation(const std::string& name);
    /// A group the page's own byline markup credits; used after every other source.
    void offer_markup_group(const std::string& group);

    /// The names chosen, in order, without repeats; empty when no source credits anyone.
    std::vector<std::string> chosen() const;
    /// The source of chosen() (for the logs): "none" when empty.
    std::string_view source() const;
    /// True when chosen() was read in the page's markup or text rather than its metadata.
    bool from_markup() const;

private:
    void take(std::string_view source, std::vector<std::string> names, bool metadata);

    std::vector<std::string> site_names_;
    std::vector<std::string> authors_;
    std::string source_ = "none";
    bool from_markup_ = false;
    std::vector<std::string> site_credit_;  ///< the site credited as author in metadata
    std::vector<std::string> groups_;
    std::string markup_group_;
};

}  // namespace thinkdex::indexer::detail
