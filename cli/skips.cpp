// What the summaries of crawl and index share: skip counts by reason, as text and as JSON.

#include "common_options.hpp"

namespace thinkdex::cli {

Skips summarize(const std::map<std::string, std::size_t>& reasons) {
    Skips skips{0, {}, nlohmann::json::object()};
    for (const auto& [reason, count] : reasons) {
        skips.total += count;
        skips.text += (skips.text.empty() ? "" : ", ") + reason + " " + std::to_string(count);
        skips.by_reason[reason] = count;
    }
    return skips;
}

}  // namespace thinkdex::cli
