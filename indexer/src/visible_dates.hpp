#pragma once
// Private: the dates a reader sees on the page (<time>, class "date"/"published", itemprop on
// visible elements), each with what it says it is, and which of them dates the article's head.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract_byline.hpp"
#include "extract_date.hpp"
#include "extract_dom.hpp"
#include "meta_tags.hpp"

namespace thinkdex::indexer::detail {

/// How the page's dates are read (DateReading), worked out on first use from the page's
/// language: <html lang>, else the metadata's. Keeps references to both, which the caller
/// fills as it walks the page; they are known before the body, as both sit in or above <head>.
class PageReading {
public:
    PageReading(const std::string& html_lang, const MetaTags& meta)
        : html_lang_(html_lang), meta_(meta) {}
    const DateReading& operator()();

private:
    const std::string& html_lang_;
    const MetaTags& meta_;
    std::optional<DateReading> cache_;
};

/// A date the reader sees, with what its element or the words around it say it is.
struct VisibleDate {
    int node;
    std::string date;
    DateLabel label;
};

/// The date shown by element `i` (`itemprop_lower`: its itemprop, lower case) with its label;
/// none when the element shows no date, is a "today's date" widget or wraps a <time>.
std::optional<VisibleDate> read_visible_date(const Dom& dom, int i, std::string_view itemprop_lower,
                                             PageReading& reading);

/// Fills `dates.visible` and `dates.visible_label` from the article head's date among
/// `visible` (around `title_node`, the title heading, or kNone) and the dateline `near` the
/// title; `url` is for the logs. Leaves them empty when neither gives one.
void add_head_date(const std::vector<VisibleDate>& visible, int title_node, const NearTitle& near,
                   std::string_view url, DateEvidence& dates);

}  // namespace thinkdex::indexer::detail
