#pragma once
// Private: a page's <meta> elements as key/value pairs, read once for every metadata field.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract_dom.hpp"

namespace thinkdex::indexer::detail {

/// The page's <meta> keys (name, property, itemprop, http-equiv; lower case) with their content,
/// in document order.
struct MetaTags {
    std::vector<std::pair<std::string, std::string>> entries;  // lower-case key, value

    /// The first non-empty value of the first of `keys` that has one; empty if none.
    std::string first(std::initializer_list<std::string_view> keys) const;
    /// Every non-empty value of `key`, in document order.
    std::vector<std::string> all(std::string_view key) const;
};

/// Adds the keys of the <meta> element `i` to `meta`, and its robots directives, with the name
/// that gave them, to `robots_meta`.
void read_meta_element(const Dom& dom, int i, MetaTags& meta,
                       std::vector<std::pair<std::string, std::string>>& robots_meta);

/// Values of the label/data meta pairs ("twitter:label1" = "Written by", "twitter:data1" =
/// "Jane Doe") whose label is one of `labels` (lower case).
std::vector<std::string> labelled_meta(const MetaTags& meta,
                                       std::initializer_list<std::string_view> labels);

}  // namespace thinkdex::indexer::detail
