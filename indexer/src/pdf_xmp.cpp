#include "pdf_xmp.hpp"

#include <expat.h>
#include <iconv.h>

#include <cerrno>
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
constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";
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
///
/// Namespaces are resolved here rather than by expat's namespace processing, which refuses a
/// whole packet for one undeclared prefix: libxml2 read the rest of such a packet (the element
/// or attribute is then in no namespace), and packets with an undeclared prefix are not rare.
struct Tree {
    std::vector<Node> nodes;
    std::vector<std::size_t> open;  ///< the elements not yet closed, innermost last
    std::string text;
    std::vector<std::pair<std::string, std::string>> bindings;  ///< prefix, URI; "" default
    std::vector<std::size_t> marks;  ///< bindings.size() when each open element started

    std::string_view resolve(std::string_view prefix) const {
        if (prefix == "xml") return kXmlNs;
        for (auto b = bindings.rbegin(); b != bindings.rend(); ++b)
            if (b->first == prefix) return b->second;
        return {};
    }
};

/// A qualified name's namespace URI and local name. `element`: an unprefixed element is in
/// the default namespace, an unprefixed attribute in none.
std::pair<std::string_view, std::string_view> expand(const Tree& tree, std::string_view qname,
                                                     bool element) {
    const std::size_t colon = qname.find(':');
    if (colon == std::string_view::npos)
        return {element ? tree.resolve("") : std::string_view(), qname};
    return {tree.resolve(qname.substr(0, colon)), qname.substr(colon + 1)};
}

/// The namespace declarations among an element's attributes. As libxml2, an empty URI for a
/// prefix and a rebinding of xml or xmlns are ignored; xmlns="" unbinds the default.
void bind(Tree& tree, const XML_Char** atts) {
    for (std::size_t i = 0; atts[i]; i += 2) {
        const std::string_view name(atts[i]);
        if (name == "xmlns") {
            tree.bindings.emplace_back("", atts[i + 1]);
        } else if (name.starts_with("xmlns:")) {
            const std::string_view prefix = name.substr(6);
            if (*atts[i + 1] == '\0' || prefix == "xml" || prefix == "xmlns") continue;
            tree.bindings.emplace_back(prefix, atts[i + 1]);
        }
    }
}

void XMLCALL on_start(void* data, const XML_Char* qname, const XML_Char** atts) {
    auto& tree = *static_cast<Tree*>(data);
    tree.marks.push_back(tree.bindings.size());
    bind(tree, atts);
    Node node;
    const auto [ns, name] = expand(tree, qname, true);
    node.ns = ns;
    node.name = name;
    for (std::size_t i = 0; atts[i]; i += 2) {
        const std::string_view qn(atts[i]);
        if (qn == "xmlns" || qn.starts_with("xmlns:")) continue;
        const auto [a_ns, a_name] = expand(tree, qn, false);
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
    tree.bindings.resize(tree.marks.back());
    tree.marks.pop_back();
}

void XMLCALL on_text(void* data, const XML_Char* s, int len) {
    static_cast<Tree*>(data)->text.append(s, static_cast<std::size_t>(len));
}

/// Encodings expat does not know (it knows UTF-8, UTF-16, ISO-8859-1 and US-ASCII), as libxml2
/// read them: through iconv, which is glibc's (no library to load). Only single-byte ones
/// (windows-1252, ISO-8859-15, KOI8-R...): expat maps each byte to a character; a multibyte
/// one (Shift_JIS, GBK...) is refused, and with it the packet. XMP is written in Unicode.
int XMLCALL single_byte_encoding(void*, const XML_Char* name, XML_Encoding* info) {
    iconv_t cd = iconv_open("UTF-32BE", name);
    if (cd == reinterpret_cast<iconv_t>(-1)) return XML_STATUS_ERROR;
    bool single_byte = true;
    for (int b = 0; b < 256 && single_byte; ++b) {
        char in = static_cast<char>(b);
        char* in_p = &in;
        std::size_t in_left = 1;
        unsigned char out[4] = {};
        char* out_p = reinterpret_cast<char*>(out);
        std::size_t out_left = sizeof out;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);  // initial state for each byte
        const std::size_t r = iconv(cd, &in_p, &in_left, &out_p, &out_left);
        if (r == static_cast<std::size_t>(-1) && errno == EINVAL)
            single_byte = false;  // the start of a longer sequence
        else if (r == static_cast<std::size_t>(-1) || out_left != 0)
            info->map[b] = -1;  // no character
        else
            info->map[b] = (out[0] << 24) | (out[1] << 16) | (out[2] << 8) | out[3];
    }
    iconv_close(cd);
    info->data = nullptr;
    info->convert = nullptr;
    info->release = nullptr;
    return single_byte ? XML_STATUS_OK : XML_STATUS_ERROR;
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
        XML_ParserCreate(nullptr), XML_ParserFree);
    if (!parser) return out;
    Tree tree;
    tree.nodes.emplace_back();
    tree.open.push_back(0);
    XML_SetUserData(parser.get(), &tree);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    XML_SetUnknownEncodingHandler(parser.get(), single_byte_encoding, nullptr);
    if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) !=
        XML_STATUS_OK)
        return out;  // not well-formed: no field, as from a packet that does not parse
    Reader reader{tree, out, {}};
    reader.walk(tree.nodes.front().children, 0);
    if (out.date.empty()) out.date = reader.create_date;
    return out;
}

}  // namespace thinkdex::indexer::detail
