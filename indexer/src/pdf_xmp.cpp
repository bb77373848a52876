#include "pdf_xmp.hpp"

#include <expat.h>

#include <cstdint>
#include <memory>

#include "extract_text.hpp"

// expat, not libxml2: fontconfig, which poppler loads anyway, already loads libexpat, whereas
// libxml2 and the ICU it brings cost each reader 3 to 4 ms of CPU (issue 16). expat fetches
// no external entity without a handler (none is set here), and from version 2.4 refuses a
// document whose entities expand it more than 100 times once past 8 MiB ("billion laughs";
// Debian 12 has 2.5, and the defaults, which keep the reader well within its memory limit).

namespace thinkdex::indexer::detail {

namespace {

constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kXmp = "http://ns.adobe.com/xap/1.0/";
constexpr int kMaxDepth = 64;  // XMP is shallow; deeper nesting is not metadata we read

/// An element of the packet, as much of it as the fields need. Its text is `text[begin, end)`
/// of the document's text (all character data, in order), so a property's text, its
/// descendants' included, is one slice, as libxml2's xmlNodeGetContent gave it.
struct Node {
    std::string ns, name;  ///< namespace URI ("" for none) and local name
    std::string dc_date, create_date;
    bool has_dc_date = false, has_create_date = false;
    std::size_t begin = 0, end = 0;
    std::vector<std::size_t> children;
};

/// The element tree expat's events build: nodes in document order, node 0 a root holder.
struct Tree {
    std::vector<Node> nodes;
    std::vector<std::size_t> open;  ///< the elements not yet closed, innermost last
    std::string text;
};

// expat's namespace processing gives each name as "URI" kNsSeparator "local name" (a space
// cannot be in a URI), and a name in no namespace as it is.
constexpr XML_Char kNsSeparator = ' ';

/// An expanded name's namespace URI and local name.
std::pair<std::string_view, std::string_view> split_name(std::string_view name) {
    const std::size_t at = name.rfind(kNsSeparator);
    if (at == std::string_view::npos) return {{}, name};
    return {name.substr(0, at), name.substr(at + 1)};
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** atts) {
    auto& tree = *static_cast<Tree*>(data);
    Node node;
    const auto [ns, local] = split_name(name);
    node.ns = ns;
    node.name = local;
    for (std::size_t i = 0; atts[i]; i += 2) {
        const auto [a_ns, a_name] = split_name(atts[i]);
        if (a_ns == kXmp && a_name == "CreateDate") {
            node.create_date = collapse_spaces(atts[i + 1]);
            node.has_create_date = true;
        } else if (a_ns == kDc && a_name == "date") {
            node.dc_date = collapse_spaces(atts[i + 1]);
            node.has_dc_date = true;
        }
    }
    node.begin = tree.text.size();
    const std::size_t index = tree.nodes.size();
    tree.nodes[tree.open.back()].children.push_back(index);
    tree.nodes.push_back(std::move(node));
    tree.open.push_back(index);
}

void XMLCALL on_end(void* data, const XML_Char*) {
    auto& tree = *static_cast<Tree*>(data);
    tree.nodes[tree.open.back()].end = tree.text.size();
    tree.open.pop_back();
}

void XMLCALL on_text(void* data, const XML_Char* s, int len) {
    static_cast<Tree*>(data)->text.append(s, static_cast<std::size_t>(len));
}

struct Reader {
    const Tree& tree;
    XmpFields& out;
    std::string create_date;

    std::string text_of(const Node& node) const {
        return collapse_spaces(
            std::string_view(tree.text).substr(node.begin, node.end - node.begin));
    }

    /// A property's values: the rdf:li items of its Seq, Bag or Alt, else its own text.
    std::vector<std::string> values(const Node& property) const {
        std::vector<std::string> v;
        for (const std::size_t c : property.children)
            for (const std::size_t li : tree.nodes[c].children) {
                std::string s = text_of(tree.nodes[li]);
                if (!s.empty()) v.push_back(std::move(s));
            }
        if (v.empty()) {
            std::string s = text_of(property);
            if (!s.empty()) v.push_back(std::move(s));
        }
        return v;
    }

    void first(const Node& node, std::string& field) const {
        if (!field.empty()) return;
        auto v = values(node);
        if (!v.empty()) field = v.front();
    }

    void take(const Node& node) {
        if (node.ns == kDc && node.name == "title")
            first(node, out.title);
        else if (node.ns == kDc && node.name == "creator" && out.creators.empty())
            out.creators = values(node);
        else if (node.ns == kDc && node.name == "date")
            first(node, out.date);
        else if (node.ns == kDc && node.name == "language")
            first(node, out.language);
        else if (node.ns == kXmp && node.name == "CreateDate")
            first(node, create_date);
    }

    /// Simple properties written as attributes: <rdf:Description xmp:CreateDate="...">.
    void take_attributes(const Node& node) {
        if (node.has_create_date && create_date.empty()) create_date = node.create_date;
        if (node.has_dc_date && out.date.empty()) out.date = node.dc_date;
    }

    void walk(const std::vector<std::size_t>& nodes, int depth) {
        if (depth > kMaxDepth) return;
        for (const std::size_t i : nodes) {
            take(tree.nodes[i]);
            take_attributes(tree.nodes[i]);
            walk(tree.nodes[i].children, depth + 1);
        }
    }
};

}  // namespace

XmpFields parse_xmp(std::string_view xml) {
    XmpFields out;
    if (xml.empty() || xml.size() > static_cast<std::size_t>(INT32_MAX)) return out;
    std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(
        XML_ParserCreateNS(nullptr, kNsSeparator), XML_ParserFree);
    if (!parser) return out;
    Tree tree;
    tree.nodes.emplace_back();
    tree.open.push_back(0);
    XML_SetUserData(parser.get(), &tree);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) !=
        XML_STATUS_OK)
        return out;  // not well-formed (an undeclared prefix too): no field
    Reader reader{tree, out, {}};
    reader.walk(tree.nodes.front().children, 0);
    if (out.date.empty()) out.date = reader.create_date;
    return out;
}

}  // namespace thinkdex::indexer::detail
