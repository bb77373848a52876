#include "pdf_xmp.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <memory>

#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

constexpr const char* kDc = "http://purl.org/dc/elements/1.1/";
constexpr const char* kXmp = "http://ns.adobe.com/xap/1.0/";

bool is(const xmlNode* node, const char* ns, const char* name) {
    return node->ns && node->ns->href &&
           std::strcmp(reinterpret_cast<const char*>(node->ns->href), ns) == 0 &&
           std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

std::string text_of(const xmlNode* node) {
    std::unique_ptr<xmlChar, decltype(xmlFree)> text(xmlNodeGetContent(node), xmlFree);
    return text ? collapse_spaces(reinterpret_cast<const char*>(text.get())) : std::string();
}

/// A property's values: the rdf:li items of its Seq, Bag or Alt, else its own text.
std::vector<std::string> values(const xmlNode* property) {
    std::vector<std::string> out;
    for (const xmlNode* c = property->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        for (const xmlNode* li = c->children; li; li = li->next) {
            if (li->type != XML_ELEMENT_NODE) continue;
            std::string v = text_of(li);
            if (!v.empty()) out.push_back(std::move(v));
        }
    }
    if (out.empty()) {
        std::string v = text_of(property);
        if (!v.empty()) out.push_back(std::move(v));
    }
    return out;
}

void take(const xmlNode* node, XmpFields& out, std::string& create_date) {
    auto first = [&](std::string& field) {
        if (!field.empty()) return;
        auto v = values(node);
        if (!v.empty()) field = v.front();
    };
    if (is(node, kDc, "title"))
        first(out.title);
    else if (is(node, kDc, "creator") && out.creators.empty())
        out.creators = values(node);
    else if (is(node, kDc, "date"))
        first(out.date);
    else if (is(node, kDc, "language"))
        first(out.language);
    else if (is(node, kXmp, "CreateDate"))
        first(create_date);
}

/// Simple properties written as attributes: <rdf:Description xmp:CreateDate="...">.
void take_attributes(const xmlNode* node, XmpFields& out, std::string& create_date) {
    for (const xmlAttr* a = node->properties; a; a = a->next) {
        if (!a->ns || !a->ns->href || !a->children) continue;
        const char* ns = reinterpret_cast<const char*>(a->ns->href);
        const char* name = reinterpret_cast<const char*>(a->name);
        std::string value = collapse_spaces(reinterpret_cast<const char*>(
            a->children->content ? a->children->content : BAD_CAST ""));
        if (std::strcmp(ns, kXmp) == 0 && std::strcmp(name, "CreateDate") == 0 &&
            create_date.empty())
            create_date = value;
        else if (std::strcmp(ns, kDc) == 0 && std::strcmp(name, "date") == 0 && out.date.empty())
            out.date = value;
    }
}

void walk(const xmlNode* node, XmpFields& out, std::string& create_date, int depth) {
    if (depth > 64) return;  // XMP is shallow; deeper nesting is not metadata we read
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        take(node, out, create_date);
        take_attributes(node, out, create_date);
        walk(node->children, out, create_date, depth + 1);
    }
}

}  // namespace

XmpFields parse_xmp(std::string_view xml) {
    XmpFields out;
    if (xml.empty() || xml.size() > static_cast<std::size_t>(INT32_MAX)) return out;
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "xmp.xml", nullptr,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
        xmlFreeDoc);
    if (!doc) return out;
    std::string create_date;
    walk(xmlDocGetRootElement(doc.get()), out, create_date, 0);
    if (out.date.empty()) out.date = create_date;
    return out;
}

}  // namespace thinkdex::indexer::detail
