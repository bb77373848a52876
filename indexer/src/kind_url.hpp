#pragma once
// Private: what a page's URL says of its kind: the shape of its path.

#include <string_view>

namespace thinkdex::indexer::detail {

/// The path shape of `url`: +1 dated (/2024/05/) or a long slug, -1 a listing path (root,
/// /tag/, /category/, /author/, /page/2, /search, ?s=), -2 a page path (/about, /contact...),
/// 0 otherwise.
int url_shape(std::string_view url);

/// True when `url` is a site's home page: its path names no level of the site ("/", "/en/",
/// "/index.html"; the query string aside). False for a URL without a scheme.
bool is_site_root(std::string_view url);

}  // namespace thinkdex::indexer::detail
