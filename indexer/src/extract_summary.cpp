#include "extract_summary.hpp"

#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

// Empty when the first text found is too short for a summary; never looks above `root`.
std::string text_after_heading(const Dom& dom, int i, int root) {
    // the text after the heading within its parent; go up while there is none
    // (<p><strong>Summary</strong></p><p>...</p>)
    int node = i;
    for (int level = 0; level < 3 && node != kNone; ++level) {
        std::string text;
        for (int s = dom[node].next_sibling; s != kNone && text.size() < 4000;
             s = dom[s].next_sibling) {
            GumboTag t2 = dom[s].tag;
            if (!dom[s].is_text && t2 >= GUMBO_TAG_H1 && t2 <= GUMBO_TAG_H6) break;
            std::string part = dom[s].is_text ? collapse_spaces(dom[s].text) : dom.text(s, 4000);
            if (!part.empty()) {
                if (!text.empty()) text.push_back(' ');
                text += part;
            }
        }
        if (text_weight(text) >= 20) return collapse_spaces(text);
        if (!text.empty()) break;
        node = dom[node].parent;
        if (node == root) break;
    }
    return {};
}

}  // namespace

std::string summary_block(const Dom& dom, int root, const PageFlags& flags) {
    if (root == kNone) return {};
    for (int i = root; i < dom[root].end; ++i) {
        const Node& n = dom[i];
        if (n.is_text || flags.chrome[static_cast<std::size_t>(i)]) continue;
        bool candidate = (n.tag >= GUMBO_TAG_H1 && n.tag <= GUMBO_TAG_H6) || n.tag == GUMBO_TAG_P ||
                         n.tag == GUMBO_TAG_STRONG || n.tag == GUMBO_TAG_B ||
                         n.tag == GUMBO_TAG_DT;
        if (!candidate) continue;
        std::string t = dom.text(i, 64);
        if (t.size() > 40) continue;
        while (!t.empty() && (t.back() == ':' || t.back() == '.' || t.back() == ' ')) t.pop_back();
        std::string l = lower_ascii(t);
        if (l != "executive summary" && l != "key points" && l != "summary" &&
            l != "key findings" && l != "key takeaways" && l != "in brief" &&
            l != "at a glance" && l != "key judgements" && l != "key judgments" &&
            l != "highlights" && l != "main points" && l != "key messages")
            continue;
        std::string text = text_after_heading(dom, i, root);
        if (!text.empty()) return text;
    }
    return {};
}

}  // namespace thinkdex::indexer::detail
