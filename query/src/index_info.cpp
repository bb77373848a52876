#include "thinkdex/query/index_info.hpp"

#include <xapian.h>

#include "thinkdex/common/error.hpp"
#include "thinkdex/common/schema.hpp"

namespace thinkdex::query {

namespace {
// The date slot holds YYYYMMDD with "00" for an unknown month or day (schema.hpp).
std::string as_iso_date(const std::string& value) {
    if (value.size() != 8) return value;
    std::string date = value.substr(0, 4);
    if (value.substr(4, 2) != "00") date += "-" + value.substr(4, 2);
    if (value.substr(6, 2) != "00") date += "-" + value.substr(6, 2);
    return date;
}

// An indexer that commits twice while we read discards our revision: read again.
constexpr int kMaxRereads = 20;
}  // namespace

std::optional<IndexInfo> index_info(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) return std::nullopt;
    for (int attempt = 0;; ++attempt) try {
        Xapian::Database db(path.string());
        IndexInfo info;
        info.documents = db.get_doccount();
        info.last_index = db.get_metadata(std::string(schema::kMetaLastIndex));
        info.layout = schema::index_layout(db.get_metadata(std::string(schema::kMetaLayout)));
        info.outdated_layout = info.documents > 0 && info.layout < schema::kIndexLayout;
        if (info.documents > 0) {
            // Documents without a date have no value in the slot, so the bounds are real dates.
            info.newest = as_iso_date(db.get_value_upper_bound(schema::kSlotDate));
            info.oldest = as_iso_date(db.get_value_lower_bound(schema::kSlotDate));
        }
        return info;
    } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= kMaxRereads)
            throw Fatal("cannot read index '" + path.string() + "': " + e.get_description());
    } catch (const Xapian::Error& e) {
        throw Fatal("cannot read index '" + path.string() + "': " + e.get_description());
    }
}

}  // namespace thinkdex::query
