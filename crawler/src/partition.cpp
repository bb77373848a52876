#include "partition.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>

#include "thinkdex/common/error.hpp"
#include "thinkdex/common/json_lines.hpp"
#include "url.hpp"

namespace thinkdex::crawler {

namespace {

std::string part_name(ShardPart part) {
    return std::to_string(part.index) + "/" + std::to_string(part.count);
}

std::optional<ShardPart> effective(std::optional<ShardPart> part) {
    if (part && part->count == 1) return std::nullopt;  // 0/1 is the whole crawl
    return part;
}

}  // namespace

std::filesystem::path outbox_dir(const std::filesystem::path& store_path) {
    return store_path.parent_path() / "outbox";
}

std::filesystem::path inbox_dir(const std::filesystem::path& store_path) {
    return store_path.parent_path() / "inbox";
}

void claim_partition(store::CrawlStore& store, std::optional<ShardPart> part) {
    part = effective(part);
    const auto held = effective(store.partition());
    const auto name = [](const std::optional<ShardPart>& p) {
        return p ? "partition " + part_name(*p) : std::string("a whole (unpartitioned) crawl");
    };
    if (held && (!part || held->index != part->index || held->count != part->count)) {
        throw ConfigError("crawl store '" + store.path().string() + "' holds " + name(held) +
                          ", not " + name(part) + ": run with --partition " + part_name(*held) +
                          ", or give this worker its own data dir");
    }
    if (held || !part) return;
    // A store that already holds pages of a whole crawl would mix them with one partition's.
    const auto counts = store.counts();
    if (counts.pages + counts.gone != 0) {
        throw ConfigError("crawl store '" + store.path().string() +
                          "' holds pages of a whole (unpartitioned) crawl: give partition " +
                          part_name(*part) + " its own data dir");
    }
    store.set_partition(*part);
}

Partition::Partition(std::optional<ShardPart> part, store::CrawlStore& store)
    : part_(effective(part)), store_(store) {}

bool Partition::owns(std::string_view host) const {
    return !part_ || shard_of_host(host, part_->count) == part_->index;
}

bool Partition::hand_over(const store::FrontierEntry& entry, std::string_view host) {
    if (owns(host)) return false;
    pending_.push_back({entry, shard_of_host(host, part_->count)});
    return true;
}

void Partition::flush() {
    if (pending_.empty()) return;
    handed_over_ += store_.hand_over(pending_);
    pending_.clear();
}

std::vector<store::FrontierEntry> Partition::read_inbox() const {
    std::vector<store::FrontierEntry> out;
    const auto dir = inbox_dir(store_.path());
    if (!part_ || !std::filesystem::is_directory(dir)) return out;
    std::vector<std::filesystem::path> files;
    for (const auto& item : std::filesystem::directory_iterator(dir)) {
        if (item.is_regular_file() && item.path().extension() == ".jsonl")
            files.push_back(item.path());
    }
    std::sort(files.begin(), files.end());
    const std::string ours = part_name(*part_);
    for (const auto& file : files) {
        std::ifstream in(file);
        if (!in) throw Fatal("cannot read outbox file '" + file.string() + "'");
        std::string line;
        for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
            auto fail = [&](const std::string& why) {
                throw Fatal("outbox file " + file.string() + ":" + std::to_string(line_no) + ": " +
                            why);
            };
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            auto parsed = parse_json_line(line);
            if (!parsed) fail(parsed.error());
            nlohmann::json& link = *parsed;
            if (!link.is_object() || !link["url"].is_string() || !link["request_url"].is_string() ||
                !link["depth"].is_number_unsigned() || !link["to"].is_string())
                fail(
                    "expected {\"to\": \"i/N\", \"url\": ..., \"request_url\": ..., \"depth\": n}");
            if (link["to"] != ours)
                fail("a link for partition " + link["to"].get<std::string>() + ", this store is " +
                     ours + " (copied to the wrong worker?)");
            store::FrontierEntry entry{link["url"], link["depth"].get<int>(), link["request_url"]};
            auto parts = split_url(entry.url);
            if (!parts) fail("bad URL '" + entry.url + "': " + parts.error().message);
            if (!owns(parts->host)) fail("host " + parts->host + " is not in partition " + ours);
            out.push_back(std::move(entry));
        }
    }
    return out;
}

void Partition::export_outboxes() const {
    if (!part_) return;
    const auto dir = outbox_dir(store_.path());
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Fatal("cannot create outbox directory '" + dir.string() + "': " + ec.message());
    std::map<unsigned, std::string> lines;  // by partition
    std::size_t total = 0;
    store_.for_each_handed_over([&](const store::HandedOver& link) {
        ++total;
        lines[link.partition] += nlohmann::json{{"to", part_name({link.partition, part_->count})},
                                                {"url", link.entry.url},
                                                {"request_url", link.entry.request_url},
                                                {"depth", link.entry.depth}}
                                     .dump() +
                                 "\n";
    });
    for (unsigned j = 0; j < part_->count; ++j) {
        if (j == part_->index) continue;
        const auto name =
            "to-" + std::to_string(j) + "-of-" + std::to_string(part_->count) + ".jsonl";
        const auto path = dir / name, temp = dir / (name + ".tmp");
        {
            std::ofstream out(temp, std::ios::binary | std::ios::trunc);
            out << lines[j];
            if (!out.flush()) throw Fatal("cannot write outbox file '" + temp.string() + "'");
        }
        std::filesystem::rename(temp, path, ec);
        if (ec) throw Fatal("cannot write outbox file '" + path.string() + "': " + ec.message());
    }
    spdlog::info("outbox: {} link(s) for other partitions in {}", total, dir.string());
}

}  // namespace thinkdex::crawler
