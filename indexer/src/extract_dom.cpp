#include "extract_dom.hpp"

#include <cstring>
#include <utility>

#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

/// Attribute `name` (lower case) of an element, or nullptr. gumbo_get_attribute() compares
/// with strcasecmp(), which was 5 % of indexing; the HTML parser already lower-cases the names.
const GumboAttribute* find_attribute(const GumboVector* attributes, const char* name) {
    if (attributes == nullptr) return nullptr;
    for (unsigned i = 0; i < attributes->length; ++i) {
        const auto* a = static_cast<const GumboAttribute*>(attributes->data[i]);
        if (std::strcmp(a->name, name) == 0) return a;
    }
    return nullptr;
}

/// An element's own fields: its tag, attributes, unknown tag's name and "class id".
void read_element(const GumboElement& e, Node& n) {
    n.tag = e.tag;
    n.attributes = &e.attributes;
    if (e.tag == GUMBO_TAG_UNKNOWN && e.original_tag.data != nullptr) {
        // original_tag is "<name attr...>": take the name
        std::string_view raw(e.original_tag.data, e.original_tag.length);
        std::size_t k = 1;
        while (k < raw.size() && raw[k] != ' ' && raw[k] != '>' && raw[k] != '/' &&
               raw[k] != '\t' && raw[k] != '\n')
            ++k;
        n.tag_name = raw.substr(1, k > 1 ? k - 1 : 0);
    }
    const GumboAttribute* cls = find_attribute(&e.attributes, "class");
    const GumboAttribute* id = find_attribute(&e.attributes, "id");
    if (cls != nullptr || id != nullptr) {
        std::string ci;
        if (cls != nullptr) ci = cls->value;
        if (id != nullptr) {
            ci.push_back(' ');
            ci += id->value;
        }
        n.class_id = lower_ascii(ci);
    }
}

/// Each node's `end`, one past its last descendant, from the nodes in document order.
void set_subtree_ends(std::vector<Node>& nodes) {
    for (int i = static_cast<int>(nodes.size()) - 1; i >= 0; --i) {
        Node& n = nodes[static_cast<std::size_t>(i)];
        if (n.end < i + 1) n.end = i + 1;
        if (n.parent != kNone) {
            Node& p = nodes[static_cast<std::size_t>(n.parent)];
            if (p.end < n.end) p.end = n.end;
        }
    }
}

}  // namespace

bool is_block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER:
        case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR:
        case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
        case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER:
        case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
        case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
        case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE:
        case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
        case GUMBO_TAG_UL: case GUMBO_TAG_CAPTION: case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_BR: case GUMBO_TAG_HTML: case GUMBO_TAG_TITLE: case GUMBO_TAG_OPTION:
        case GUMBO_TAG_LEGEND:
            return true;
        default:
            return false;
    }
}

std::string decode_entities(std::string_view s) {
    if (s.find('&') == std::string_view::npos) return std::string(s);
    // gumbo decodes references in <title> text (RCDATA), where nothing else is markup but the
    // end tag; '<' is escaped so that the text cannot end the element early
    std::string html = "<title>";
    for (char c : s) {
        if (c == '<') {
            html += "&lt;";
        } else {
            html.push_back(c);
        }
    }
    html += "</title>";
    Dom dom(html);
    for (int i = 0; i < dom.size(); ++i) {
        if (dom[i].tag == GUMBO_TAG_TITLE) return dom.text(i, s.size() + 16);
    }
    return std::string(s);
}

Dom::Dom(const std::string& html) {
    GumboOptions options = kGumboDefaultOptions;
    // Parse errors are of no use here; recording them costs time and memory on bad pages.
    options.max_errors = 0;
    output_ = gumbo_parse_with_options(&options, html.data(), html.size());
    nodes_.reserve(html.size() / 40 + 16);

    struct Item {
        const GumboNode* node;
        int parent;
        int depth;
    };
    std::vector<Item> stack;
    std::vector<int> last_child;  // per node: the last child linked so far
    stack.push_back({output_->root, kNone, 0});
    while (!stack.empty()) {
        Item item = stack.back();
        stack.pop_back();
        const GumboNode* g = item.node;
        Node n;
        n.parent = item.parent;
        n.depth = item.depth;
        const GumboVector* children = nullptr;
        switch (g->type) {
            case GUMBO_NODE_ELEMENT:
            case GUMBO_NODE_TEMPLATE: {
                const GumboElement& e = g->v.element;
                read_element(e, n);
                children = &e.children;
                break;
            }
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_CDATA:
            case GUMBO_NODE_WHITESPACE:
                n.is_text = true;
                n.text = std::string_view(g->v.text.text);
                break;
            default:
                continue;  // comments and the document node
        }
        int index = static_cast<int>(nodes_.size());
        if (n.parent != kNone) {
            int& last = last_child[static_cast<std::size_t>(n.parent)];
            if (last == kNone) {
                nodes_[static_cast<std::size_t>(n.parent)].first_child = index;
            } else {
                nodes_[static_cast<std::size_t>(last)].next_sibling = index;
            }
            last = index;
        }
        if (!n.is_text) {
            if (n.tag == GUMBO_TAG_HTML && html_ == kNone) html_ = index;
            if (n.tag == GUMBO_TAG_HEAD && head_ == kNone) head_ = index;
            if (n.tag == GUMBO_TAG_BODY && body_ == kNone) body_ = index;
        }
        nodes_.push_back(std::move(n));
        last_child.push_back(kNone);
        if (children != nullptr) {
            for (unsigned k = children->length; k-- > 0;) {
                stack.push_back({static_cast<const GumboNode*>(children->data[k]), index,
                                 item.depth + 1});
            }
        }
    }
    set_subtree_ends(nodes_);
}

Dom::~Dom() {
    if (output_ != nullptr) gumbo_destroy_output(&kGumboDefaultOptions, output_);
}

std::string_view Dom::attr(int i, const char* name) const {
    const GumboAttribute* a = find_attribute((*this)[i].attributes, name);
    return a == nullptr ? std::string_view{} : std::string_view(a->value);
}

bool Dom::has_attr(int i, const char* name) const {
    return find_attribute((*this)[i].attributes, name) != nullptr;
}

std::string_view Dom::name(int i) const {
    const Node& n = (*this)[i];
    if (n.is_text) return {};
    if (n.tag == GUMBO_TAG_UNKNOWN) return n.tag_name;
    return gumbo_normalized_tagname(n.tag);
}

std::string Dom::text(int i, std::size_t limit) const {
    std::string out;
    const Node& root = (*this)[i];
    if (root.is_text) return collapse_spaces(root.text);
    std::vector<int> block_ends;  // a block's end also separates words ("a</p>b")
    for (int k = i + 1; k < root.end && out.size() < limit; ++k) {
        while (!block_ends.empty() && k >= block_ends.back()) {
            out.push_back(' ');
            block_ends.pop_back();
        }
        const Node& n = (*this)[k];
        if (n.is_text) {
            out += n.text;
        } else if (is_block(n.tag) || n.tag == GUMBO_TAG_TD || n.tag == GUMBO_TAG_TH) {
            out.push_back(' ');
            block_ends.push_back(n.end);
        }
    }
    return collapse_spaces(out);
}

int Dom::ancestor(int i, GumboTag tag) const {
    for (int p = (*this)[i].parent; p != kNone; p = (*this)[p].parent) {
        if ((*this)[p].tag == tag) return p;
    }
    return kNone;
}

}  // namespace thinkdex::indexer::detail
