#pragma once
// What an index holds, for `thinkdex status`.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace thinkdex::query {

struct IndexInfo {
    std::uint32_t documents = 0;
    std::string last_index;  ///< ISO 8601 UTC time of the last `thinkdex index`, or ""
    std::string newest;      ///< most recent publication date (YYYY-MM-DD), or ""
    std::string oldest;
    int layout = 0;               ///< schema::index_layout() of the index
    bool outdated_layout = false;  ///< older than this version's: `index --rebuild` needed
};

/// Reads the index at `path` read-only; nothing when there is no index there. Throws
/// thinkdex::Fatal when one exists but cannot be read.
std::optional<IndexInfo> index_info(const std::filesystem::path& path);

}  // namespace thinkdex::query
