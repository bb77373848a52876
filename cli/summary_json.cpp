// What the --json summaries of crawl, index and compact share.

#include "commands.hpp"

namespace thinkdex::cli {

nlohmann::json reasons_json(const std::map<std::string, std::size_t>& reasons) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [reason, count] : reasons) out[reason] = count;
    return out;
}

}  // namespace thinkdex::cli
