#include "visible_dates.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>
#include <utility>

#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

std::string iso_date(std::string_view s) { return parse_date(s, false); }

}  // namespace

const DateReading& PageReading::operator()() {
    // dates are read by the page's language (all-numeric ones, and month names that differ
    // between languages): <html lang>, else the metadata's (known before the body: both sit
    // in or above <head>)
    if (!cache_) {
        cache_ = date_reading(html_lang_);
        for (const char* key : {"og:locale", "content-language", "language", "dc.language"}) {
            if (cache_->order != NumericOrder::kUnknown && !cache_->language.empty()) break;
            DateReading r = date_reading(meta_.first({key}));
            if (cache_->order == NumericOrder::kUnknown) cache_->order = r.order;
            if (cache_->language.empty()) cache_->language = r.language;
        }
    }
    return *cache_;
}

std::optional<VisibleDate> read_visible_date(const Dom& dom, int i, std::string_view itemprop_lower,
                                             PageReading& reading) {
    if (current_date_class(dom[i].class_id)) return std::nullopt;
    // a wrapper of a <time> leaves the date to it: its datetime is machine-readable
    if (dom[i].tag != GUMBO_TAG_TIME) {
        for (int k = i + 1; k < dom[i].end; ++k) {
            if (dom[k].tag == GUMBO_TAG_TIME && !dom[k].is_text) return std::nullopt;
        }
    }
    std::string date;
    for (const char* a : {"datetime", "content", "title"}) {
        if (date.empty()) date = iso_date(dom.attr(i, a));
    }
    if (date.empty()) date = parse_date(dom.text(i, 200), true, reading());
    if (date.empty()) return std::nullopt;
    // the label: the words the reader sees with the date ("Updated April 10, 2025" in an
    // element whose class says "published"), then the element's class or itemprop, then the
    // words of the nearest ancestor that says more than the date ("Date Last Reviewed:"
    // beside a wrapper of the <time>)
    std::string own_text = dom.text(i, date_tunables::kMaxDateLine);
    DateLabel label = label_of(own_text, date, reading());
    std::string own = dom[i].class_id + " " + std::string(itemprop_lower);
    // classes that say both ("entry-date published updated", hAtom's marks of a post
    // never revised) date the publication; an itemprop ("dateModified") outranks a class
    bool own_published = (publication_context(own) || dom.has_attr(i, "pubdate")) &&
                         !modification_context(itemprop_lower);
    if (label == DateLabel::kUnlabelled && own_published) {
        label = DateLabel::kPublished;
    } else if (label == DateLabel::kUnlabelled && modification_context(own)) {
        label = DateLabel::kModified;
    } else if (label == DateLabel::kUnlabelled) {
        int p = dom[i].parent;
        std::string ctx = dom.text(p != kNone ? p : i, date_tunables::kMaxDateLine);
        for (int up = 1; p != kNone && trim(ctx) == trim(own_text); ++up) {
            // a wrapper of the date alone says what it is by its class as the date's own
            // element does ("field--name-changed" around a <time>)
            if (publication_context(dom[p].class_id)) {
                label = DateLabel::kPublished;
            } else if (modification_context(dom[p].class_id)) {
                label = DateLabel::kModified;
            }
            if (label != DateLabel::kUnlabelled || up == date_tunables::kLabelLevels ||
                dom[p].parent == kNone)
                break;
            p = dom[p].parent;
            ctx = dom.text(p, date_tunables::kMaxDateLine);
        }
        // words that run past a dateline are the text around it, not a label
        if (label == DateLabel::kUnlabelled && ctx.size() <= date_tunables::kMaxDateLine)
            label = label_of(ctx, date, reading());
    }
    return VisibleDate{i, std::move(date), label};
}

void add_head_date(const std::vector<VisibleDate>& visible, int title_node, const NearTitle& near,
                   std::string_view url, DateEvidence& dates) {
    // the article head's date: around the title heading, one labelled "Published", else
    // the only date there (several are a list of teasers)
    const VisibleDate* head = nullptr;
    bool one_date = true;
    for (const auto& v : visible) {
        if (v.label == DateLabel::kModified) continue;
        // without a title heading there is no head: only a date that says "Published"
        if (title_node == kNone && v.label != DateLabel::kPublished) continue;
        if (title_node != kNone && (v.node < title_node - date_tunables::kHeadBefore ||
                                    v.node > title_node + date_tunables::kHeadAfter))
            continue;
        if (head != nullptr && head->label == DateLabel::kPublished) continue;
        if (v.label == DateLabel::kPublished) {
            head = &v;
            one_date = true;
            continue;
        }
        if (head != nullptr && head->date != v.date) one_date = false;
        if (head == nullptr) head = &v;
    }
    for (const auto& v : visible)
        spdlog::trace("extract: {}: visible date {} at node {} (title at {}), label {}", url,
                      v.date, v.node, title_node, static_cast<int>(v.label));
    if (head != nullptr && one_date) {
        dates.visible = head->date;
        dates.visible_label = head->label;
    }
    // the lines near the title show the dates of elements too: one whose element or
    // its wrapper says it is a modification ("field--name-changed") stays one there,
    // unless the metadata calls it published (themes mark a post's only date "updated")
    bool near_is_modified =
        near.date_label == DateLabel::kUnlabelled && near.date != dates.ld_published &&
        near.date != dates.meta_published &&
        std::any_of(visible.begin(), visible.end(), [&](const VisibleDate& v) {
            return v.label == DateLabel::kModified && v.date == near.date;
        });
    if (dates.visible.empty() || (near.date_label == DateLabel::kPublished &&
                                  dates.visible_label != DateLabel::kPublished)) {
        if (!near.date.empty() && !near_is_modified) {
            dates.visible = near.date;
            dates.visible_label = near.date_label;
        }
    }
}

}  // namespace thinkdex::indexer::detail
