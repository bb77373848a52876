#pragma once
// Private: what a page's JSON-LD blocks say about the article (schema.org Article, WebPage,
// Person and WebSite nodes, nested in @graph, arrays or mainEntity).

#include <string>
#include <string_view>
#include <vector>

namespace thinkdex::indexer::detail {

/// What the page's JSON-LD says about the article: the fields of its most article-like node.
struct JsonLd {
    std::string headline, published, modified, description, publisher, website, language;
    bool is_article = false;  ///< the node is an Article, not a generic WebPage
    std::vector<std::string> authors;
    std::vector<std::string> groups;  ///< group credits among the authors ("News Desk")
    /// authors typed as organisations (never in `authors`), as named
    std::vector<std::string> organisations;
    bool found = false;
};

/// Parses the JSON-LD `blocks` (CDATA and comment wrappers tolerated; broken JSON skipped) and
/// reads the most article-like node. `title_tag` decides between a `headline` and a different
/// `name` (the one the <title> repeats). All fields empty when no node is found. Never throws.
JsonLd parse_json_ld(const std::vector<std::string>& blocks, std::string_view title_tag);

}  // namespace thinkdex::indexer::detail
