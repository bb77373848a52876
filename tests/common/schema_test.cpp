#include <gtest/gtest.h>

#include "thinkdex/common/facet.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/common/stored_document.hpp"

namespace thinkdex::schema {
namespace {

TEST(Schema, UniqueIdTermKeepsShortIds) {
    EXPECT_EQ(unique_id_term("https://example.org/a"), "Qhttps://example.org/a");
}

TEST(Schema, UniqueIdTermShortensLongIdsDistinctly) {
    std::string base = "https://example.org/" + std::string(300, 'a');
    std::string a = unique_id_term(base + "1");
    std::string b = unique_id_term(base + "2");
    EXPECT_LE(a.size(), 245u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a, unique_id_term(base + "1"));
}

TEST(Schema, FilterTermFoldsCaseAndSpace) {
    EXPECT_EQ(filter_term(kAuthor, "  Natasha   Kuhrt "), "Anatasha kuhrt");
    EXPECT_EQ(filter_term(kTag, "Central Asia"), "Kcentral asia");
}

TEST(Schema, BareHostDropsOnlyALeadingWww) {
    EXPECT_EQ(bare_host("www.rusi.org"), "rusi.org");
    EXPECT_EQ(bare_host("rusi.org"), "rusi.org");
    EXPECT_EQ(bare_host("wwwrusi.org"), "wwwrusi.org");
    EXPECT_EQ(bare_host("news.www.example.org"), "news.www.example.org");
}

TEST(StoredDocument, RoundTripsEveryFieldAndCutsTheBody) {
    StoredDocument doc{"id1", "https://x.org/a", "Title \"quoted\" \\ line\nnext\t\x01 é 中 \U0001F600",
                       {"A One", "B Two"}, "2024-03",
                       "X", "www.x.org", "Summary", {"Tag"}, "en", "html", "article", "", {}, {}};
    doc.body = std::string(kStoredBodyBytes - 1, 'a') + "\xc3\xa9";  // é across the limit
    doc.pdf_urls = {"https://x.org/a.pdf", "https://x.org/a-fr.pdf"};
    doc.pdf_texts = {"p. 1\fp. 2", std::string(kStoredBodyBytes + 5, 'b')};
    const std::string data = encode_stored_document(doc);
    EXPECT_TRUE(data.starts_with(R"({"authors":["A One","B Two"],"body":)")) << data.substr(0, 40);
    StoredDocument back = decode_stored_document(data);
    EXPECT_EQ(back.body, std::string(kStoredBodyBytes - 1, 'a'));
    back.body = doc.body;
    EXPECT_EQ(back.id, doc.id);
    EXPECT_EQ(back.url, doc.url);
    EXPECT_EQ(back.title, doc.title);
    EXPECT_EQ(back.authors, doc.authors);
    EXPECT_EQ(back.published, doc.published);
    EXPECT_EQ(back.site, doc.site);
    EXPECT_EQ(back.host, doc.host);
    EXPECT_EQ(back.summary, doc.summary);
    EXPECT_EQ(back.tags, doc.tags);
    EXPECT_EQ(back.language, doc.language);
    EXPECT_EQ(back.type, doc.type);
    EXPECT_EQ(back.kind, doc.kind);
    EXPECT_EQ(back.pdf_urls, doc.pdf_urls);
    EXPECT_EQ(back.pdf_texts,
              (std::vector<std::string>{"p. 1\fp. 2", std::string(kStoredBodyBytes, 'b')}));
}

TEST(StoredDocument, DecodingNeverFails) {
    EXPECT_EQ(decode_stored_document("not json").id, "");
    EXPECT_EQ(decode_stored_document("[1]").id, "");
    auto doc = decode_stored_document(R"({"id":7,"url":"u","authors":["a",3]})");
    EXPECT_EQ(doc.id, "");
    EXPECT_EQ(doc.url, "u");
    EXPECT_EQ(doc.authors, std::vector<std::string>{"a"});
    // Cut short: an empty document, as for any data that is not one JSON object.
    EXPECT_EQ(decode_stored_document(R"({"id":"a","url":"https://x.org/b","title":)").id, "");
    EXPECT_EQ(decode_stored_document(R"({"id":"a","url":"https://x.or)").id, "");
    EXPECT_EQ(decode_stored_document("").id, "");
}

TEST(Facet, OneNameEach) {
    EXPECT_EQ(kFacetNames.size(), std::size_t{kFacetCount});
    EXPECT_EQ(facet_name(kFacetLanguage), "language");
    EXPECT_EQ(facet_name(kFacetKind), "kind");
}

}  // namespace
}  // namespace thinkdex::schema
