#include "pdf_wire.hpp"

#include <nlohmann/json.hpp>

namespace thinkdex::indexer::detail {

std::string to_wire(const Result<RawPdf>& raw) {
    nlohmann::json j;
    if (!raw) {
        j["error"] = raw.error().message;
    } else {
        nlohmann::json cover = nlohmann::json::array();
        for (const CoverLine& line : raw->cover) cover.push_back({line.text, line.size});
        const XmpFields& x = raw->xmp;
        const nlohmann::json xmp = {{"title", x.title},
                                    {"creators", x.creators},
                                    {"date", x.date},
                                    {"language", x.language}};
        j = {{"title", raw->info_title}, {"author", raw->info_author},
             {"date", raw->info_date},   {"xmp", xmp},
             {"pages", raw->pages},      {"cover", cover}};
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<RawPdf> from_wire(const std::string& text) {
    try {
        const nlohmann::json j = nlohmann::json::parse(text);
        if (j.contains("error"))
            return std::unexpected(Error{"pdf", j.at("error").get<std::string>()});
        RawPdf raw;
        raw.info_title = j.at("title").get<std::string>();
        raw.info_author = j.at("author").get<std::string>();
        raw.info_date = j.at("date").get<std::string>();
        const nlohmann::json& xmp = j.at("xmp");
        raw.xmp.title = xmp.at("title").get<std::string>();
        raw.xmp.creators = xmp.at("creators").get<std::vector<std::string>>();
        raw.xmp.date = xmp.at("date").get<std::string>();
        raw.xmp.language = xmp.at("language").get<std::string>();
        raw.pages = j.at("pages").get<std::vector<std::string>>();
        for (const auto& line : j.at("cover"))
            raw.cover.push_back({line.at(0).get<std::string>(), line.at(1).get<double>()});
        return raw;
    } catch (const nlohmann::json::exception& e) {
        return std::unexpected(
            Error{"pdf", std::string("PDF reader gave bad output: ") + e.what()});
    }
}

}  // namespace thinkdex::indexer::detail
