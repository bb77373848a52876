#include "thinkdex/common/stored_document.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "thinkdex/common/schema.hpp"

namespace thinkdex {

namespace {

/// The longest prefix of `text` of at most `max` bytes that does not cut a UTF-8 sequence.
std::string utf8_prefix(const std::string& text, std::size_t max) {
    if (text.size() <= max) return text;
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

// The one table of the stored fields' names.
using Text = std::string StoredDocument::*;
using List = std::vector<std::string> StoredDocument::*;
constexpr std::pair<const char*, Text> kTexts[] = {
    {"id", &StoredDocument::id},         {"url", &StoredDocument::url},
    {"title", &StoredDocument::title},   {"published", &StoredDocument::published},
    {"site", &StoredDocument::site},     {"host", &StoredDocument::host},
    {"summary", &StoredDocument::summary}, {"language", &StoredDocument::language},
    {"type", &StoredDocument::type},     {"kind", &StoredDocument::kind},
    {"body", &StoredDocument::body}};
constexpr std::pair<const char*, List> kLists[] = {{"authors", &StoredDocument::authors},
                                                   {"tags", &StoredDocument::tags}};

}  // namespace

std::string encode_stored_document(const StoredDocument& doc) {
    // An object's keys are written in order, whatever the order here.
    nlohmann::json data = nlohmann::json::object();
    for (const auto& [name, field] : kTexts) data[name] = doc.*field;
    for (const auto& [name, field] : kLists) data[name] = doc.*field;
    data["body"] = utf8_prefix(doc.body, schema::kStoredBodyBytes);
    return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredDocument decode_stored_document(std::string_view data) {
    StoredDocument doc;
    const nlohmann::json json = nlohmann::json::parse(data, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return doc;
    for (const auto& [name, field] : kTexts)
        if (auto it = json.find(name); it != json.end() && it->is_string())
            doc.*field = it->get<std::string>();
    for (const auto& [name, field] : kLists)
        if (auto it = json.find(name); it != json.end() && it->is_array())
            for (const auto& item : *it)
                if (item.is_string()) (doc.*field).push_back(item.get<std::string>());
    return doc;
}

}  // namespace thinkdex
