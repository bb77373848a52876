#include "thinkdex/common/stored_document.hpp"

#include <utility>

#include <nlohmann/json.hpp>
#include <simdjson.h>

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
                                                   {"tags", &StoredDocument::tags},
                                                   {"pdf_urls", &StoredDocument::pdf_urls},
                                                   {"pdf_texts", &StoredDocument::pdf_texts}};

template <typename Field, std::size_t N>
const Field* find_field(const std::pair<const char*, Field> (&table)[N], std::string_view name) {
    for (const auto& [field_name, field] : table)
        if (name == field_name) return &field;
    return nullptr;
}

}  // namespace

std::string encode_stored_document(const StoredDocument& doc) {
    // An object's keys are written in order, whatever the order here.
    nlohmann::json data = nlohmann::json::object();
    for (const auto& [name, field] : kTexts) data[name] = doc.*field;
    for (const auto& [name, field] : kLists) data[name] = doc.*field;
    data["body"] = utf8_prefix(doc.body, schema::kStoredBodyBytes);
    data["pdf_texts"] = nlohmann::json::array();
    for (const auto& text : doc.pdf_texts)
        data["pdf_texts"].push_back(utf8_prefix(text, schema::kStoredBodyBytes));
    return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredDocument decode_stored_document(std::string_view data) {
    // simdjson, not nlohmann: every hit decodes a stored body of up to kStoredBodyBytes, and
    // nlohmann's parser spent a third of a search's instructions in it.
    thread_local simdjson::ondemand::parser parser;
    StoredDocument doc;
    const simdjson::padded_string padded(data);
    simdjson::ondemand::document json;
    simdjson::ondemand::object object;
    if (parser.iterate(padded).get(json) != simdjson::SUCCESS ||
        json.get_object().get(object) != simdjson::SUCCESS)
        return doc;
    for (auto field : object) {
        std::string_view name;
        simdjson::ondemand::value value;
        if (field.unescaped_key().get(name) != simdjson::SUCCESS ||
            field.value().get(value) != simdjson::SUCCESS)
            break;
        std::string_view text;
        simdjson::ondemand::array items;
        if (const Text* text_field = find_field(kTexts, name)) {
            if (value.get_string().get(text) == simdjson::SUCCESS) doc.*(*text_field) = text;
        } else if (const List* list_field = find_field(kLists, name)) {
            if (value.get_array().get(items) != simdjson::SUCCESS) continue;
            for (auto item : items)
                if (item.get_string().get(text) == simdjson::SUCCESS)
                    (doc.*(*list_field)).emplace_back(text);
        }
    }
    return doc;
}

}  // namespace thinkdex
