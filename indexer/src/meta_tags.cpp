#include "meta_tags.hpp"

#include <algorithm>

#include "extract_text.hpp"
#include "thinkdex/common/page_directives.hpp"

namespace thinkdex::indexer::detail {

std::string MetaTags::first(std::initializer_list<std::string_view> keys) const {
    for (auto key : keys) {
        for (const auto& [k, v] : entries) {
            if (k == key && !v.empty()) return v;
        }
    }
    return {};
}

std::vector<std::string> MetaTags::all(std::string_view key) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : entries) {
        if (k == key && !v.empty()) out.push_back(v);
    }
    return out;
}

void read_meta_element(const Dom& dom, int i, MetaTags& meta,
                       std::vector<std::pair<std::string, std::string>>& robots_meta) {
    std::string content(dom.attr(i, "content"));
    // page-level robots directives; which names speak to it, the caller knows
    PageDirectives said;
    add_directives(content, said);
    if ((said.noindex || said.nofollow) && !dom.attr(i, "name").empty())
        robots_meta.emplace_back(lower_ascii(dom.attr(i, "name")), content);
    for (const char* k : {"name", "property", "itemprop", "http-equiv"}) {
        std::string_view key = dom.attr(i, k);
        // property="dc:creator twitter:site_name" names several keys, as does
        // itemprop="datePublished dateCreated"; a name of words ("Updated Date")
        // is one key unless each word is a prefixed key
        std::string keys = lower_ascii(trim(key));
        char sep = ' ';
        if (std::string_view(k) == "name" || std::string_view(k) == "http-equiv") {
            std::size_t words = 1 + static_cast<std::size_t>(
                                        std::count(keys.begin(), keys.end(), ' '));
            if (static_cast<std::size_t>(std::count(keys.begin(), keys.end(), ':')) <
                words)
                sep = '\0';
        }
        std::size_t b = 0;
        while (b < keys.size()) {
            std::size_t e = keys.find(sep, b);
            if (e == std::string::npos) e = keys.size();
            if (e > b) meta.entries.emplace_back(keys.substr(b, e - b), trim(content));
            b = e + 1;
        }
    }
}

std::vector<std::string> labelled_meta(const MetaTags& meta,
                                       std::initializer_list<std::string_view> labels) {
    std::vector<std::string> out;
    for (const auto& [k, v] : meta.entries) {
        std::size_t at = k.find(":label");
        if (at == std::string::npos) continue;
        std::string label = lower_ascii(trim(v));
        if (std::find(labels.begin(), labels.end(), label) == labels.end()) continue;
        std::string data_key = k.substr(0, at) + ":data" + k.substr(at + 6);
        for (const auto& [k2, v2] : meta.entries) {
            if (k2 == data_key && !v2.empty()) out.push_back(v2);
        }
    }
    return out;
}

}  // namespace thinkdex::indexer::detail
