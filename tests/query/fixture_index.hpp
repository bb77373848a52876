#pragma once
// A small corpus of think-tank publications, written into a real Xapian database by the real
// IndexWriter, for the query and CGI tests.

#include <filesystem>
#include <vector>

#include "thinkdex/indexer/index_writer.hpp"

namespace thinkdex::test {

inline indexer::IndexDocument fixture_doc(std::string id, std::string title,
                                          std::vector<std::string> authors,
                                          std::string published, std::string body,
                                          std::vector<std::string> tags = {}) {
    indexer::IndexDocument d;
    d.id = "https://think.example.org/" + id;
    d.url = d.id;
    d.title = std::move(title);
    d.authors = std::move(authors);
    d.published = std::move(published);
    d.body = std::move(body);
    d.site = "Think Example";
    d.host = "www.think.example.org";
    d.tags = std::move(tags);
    d.language = "en";
    d.content_hash = "hash-" + id;
    return d;
}

inline std::vector<indexer::IndexDocument> fixture_docs() {
    std::vector<indexer::IndexDocument> docs;
    auto seed = fixture_doc(
        "sino-russian", "Sino-Russian Relations in Central Asia", {"Natasha Kuhrt"}, "2025-08-26",
        "Despite the challenge from China, Russia continues to wield influence in the region.\n"
        "Russia and China have a comprehensive strategic partnership based on a relationship "
        "that has developed over 30 years. They manage their relations within the region in "
        "part via the Shanghai Cooperation Organisation.",
        {"Central Asia", "China", "Russia", "SCO"});
    seed.url = "https://eurasia-policy-digest.blogspot.com/2025/08/sino-russian.html";
    seed.host = "eurasia-policy-digest.blogspot.com";
    seed.site = "Eurasia Policy Digest";
    docs.push_back(seed);
    docs.push_back(fixture_doc(
        "aral", "Water Security in the Aral Sea Basin", {"Natasha Kuhrt"}, "2024-03-15",
        "The shrinking Aral Sea shows how water disputes shape politics in Central Asia. "
        "Upstream dams and downstream irrigation pull in opposite directions.",
        {"Central Asia", "Water"}));
    docs.push_back(fixture_doc(
        "arctic", "Russia's Arctic Ambitions", {"Natasha Kuhrt", "John Smith"}, "2023-11-02",
        "Russia sees the Arctic as a strategic frontier: shipping routes, energy and military "
        "bases along the Northern Sea Route.",
        {"Russia", "Arctic"}));
    docs.push_back(fixture_doc(
        "nato", "The Future of NATO Enlargement", {"John Smith"}, "2024-06-10",
        "Finland and Sweden joined the alliance; enlargement debates now turn to Ukraine and "
        "Georgia, and to what Russia will accept.",
        {"NATO", "Europe"}));
    docs.push_back(fixture_doc(
        "energy", "Energy Transition in Europe", {"Maria Garcia"}, "2024-01-20",
        "Europe's energy transition accelerated after gas supplies from Russia collapsed. "
        "Renewables & storage now carry the load.",
        {"Energy", "Europe"}));
    docs.push_back(fixture_doc(
        "chips", "Semiconductor Supply Chains", {"Li Wei"}, "2025-02-05",
        "Semiconductor supply chains concentrate in a few places: Taiwan, South Korea and the "
        "Netherlands make the chips and the machines that make them.",
        {"Technology", "China"}));
    docs.push_back(fixture_doc(
        "bri", "China's Belt and Road at Ten", {"Li Wei"}, "2023-09-30",
        "Ten years of the Belt and Road Initiative brought railways to Central Asia and ports "
        "to South Asia, with debts that worry lenders.",
        {"China", "Central Asia"}));
    docs.push_back(fixture_doc(
        "climate", "Climate Finance After COP28", {"Maria Garcia"}, "2024",
        "Climate finance pledges grew, yet adaptation funding for poor countries lags far "
        "behind what they need.",
        {"Climate"}));
    docs.push_back(fixture_doc(
        "cyber", "Cyber Norms at the United Nations", {"John Smith"}, "2022-05-05",
        "States negotiate norms for cyberspace at the United Nations, while ransomware gangs "
        "ignore them.",
        {"Cyber"}));
    docs.push_back(fixture_doc(
        "rhetoric", "Words of Diplomacy", {"Maria Garcia"}, "2025-04-01",
        "A partnership is rarely strategic when leaders must say so; the words partnership and "
        "strategic appear apart here on purpose.",
        {"Diplomacy"}));
    docs.push_back(fixture_doc(
        "hostile", "Escaping <script>alert(1)</script> & Friends", {"Eve <b>Hacker</b>"},
        "2021-07-07",
        "Pages may contain <script>alert(1)</script> and \"quotes\" & ampersands that must be "
        "escaped by every renderer.",
        {"Security"}));
    return docs;
}

/// Writes fixture_docs() into a new database at `path` and commits.
inline void build_fixture_index(const std::filesystem::path& path) {
    indexer::IndexWriter writer(path, "english");
    for (const auto& doc : fixture_docs()) writer.upsert(doc);
    writer.commit();
}

}  // namespace thinkdex::test
