#pragma once
// Private: the parsed page as a flat array of nodes in document order. Built once from gumbo's
// tree with an explicit stack; every later pass is a loop over the array (children always come
// after their parent, so a reverse loop is a post-order walk), never a recursion.

#include <gumbo.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace thinkdex::indexer::detail {

inline constexpr int kNone = -1;

/// One element or text node. Strings point into gumbo's output, owned by the Dom.
struct Node {
    GumboTag tag = GUMBO_TAG_UNKNOWN;  ///< GUMBO_TAG_UNKNOWN for text and unknown elements
    bool is_text = false;
    int parent = kNone;
    int first_child = kNone;
    int next_sibling = kNone;
    int end = 0;                 ///< one past the last descendant's index
    int depth = 0;
    std::string_view text;       ///< text nodes: the decoded text
    std::string_view tag_name;   ///< elements with an unknown tag (custom elements)
    const GumboVector* attributes = nullptr;
    std::string class_id;        ///< lower-case "class id" of an element, for vocabulary tests
};

/// The parsed document. Move-only; owns gumbo's output.
class Dom {
  public:
    /// Parses `html` (UTF-8). Never fails: gumbo builds a tree from any input.
    explicit Dom(const std::string& html);
    ~Dom();
    Dom(const Dom&) = delete;
    Dom& operator=(const Dom&) = delete;

    const std::vector<Node>& nodes() const { return nodes_; }
    const Node& operator[](int i) const { return nodes_[static_cast<std::size_t>(i)]; }
    int size() const { return static_cast<int>(nodes_.size()); }
    int html() const { return html_; }
    int head() const { return head_; }
    int body() const { return body_; }

    /// Attribute value of element `i`, or an empty view.
    std::string_view attr(int i, const char* name) const;
    /// True when attribute `name` is present on element `i`.
    bool has_attr(int i, const char* name) const;
    /// Tag name in lower case ("div", or the custom name).
    std::string_view name(int i) const;
    /// All text under `i`, whitespace collapsed, blocks separated by one space.
    std::string text(int i, std::size_t limit = 100000) const;
    /// True when `a` is `d` or one of its ancestors.
    bool contains(int a, int d) const {
        return a != kNone && d != kNone && d >= a && d < (*this)[a].end;
    }
    /// Nearest ancestor of `i` (not `i` itself) with tag `tag`, or kNone.
    int ancestor(int i, GumboTag tag) const;

  private:
    GumboOutput* output_ = nullptr;
    std::vector<Node> nodes_;
    int html_ = kNone, head_ = kNone, body_ = kNone;
};

/// Decodes the character references left in `s` ("&amp;#8211;" written into an attribute gives
/// "&#8211;" after parsing; this gives "–"), as an HTML parser decodes text. `s` unchanged when
/// it has no '&'.
std::string decode_entities(std::string_view s);

/// True for elements that start a new line of text.
bool is_block(GumboTag tag);

}  // namespace thinkdex::indexer::detail
