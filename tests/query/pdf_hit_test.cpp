// A PDF publication in search: its type, the page its snippet comes from, and the PDF link at
// that page in the JSON, the search page (a badge), the Atom feed and the citations.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "fixture_index.hpp"
#include "hit_builder.hpp"
#include "test_util.hpp"
#include "thinkdex/query/citation.hpp"
#include "thinkdex/query/render.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::query {
namespace {

const std::string kPdf = "https://think.example.org/files/grain-reserves.pdf";

class PdfHitTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto doc = test::fixture_doc("grain", "Grain Reserves in the Sahel", {"Amina Diallo"},
                                     "2024-03-12", "");
        doc.id = doc.url = kPdf;
        doc.type = "pdf";
        doc.body =
            "Village grain banks kept millet prices stable.\f-2-\nSilos cut losses to "
            "pests by half.\f-3-\nDonors should fund reserves of quillwort seed.";
        indexer::IndexWriter writer(dir_.path() / "index", "english");
        writer.upsert(doc);
        writer.commit();
    }
    SearchResult run(const std::string& q) {
        SearchRequest request;
        request.query = q;
        auto result = Searcher(dir_.path() / "index").search(request);
        EXPECT_TRUE(result) << result.error().message;
        return result ? *result : SearchResult{};
    }
    test::TempDir dir_;
};

TEST_F(PdfHitTest, HitSaysTypeAndSnippetPage) {
    auto r = run("quillwort");
    ASSERT_EQ(r.hits.size(), 1u);
    const Hit& hit = r.hits.front();
    EXPECT_EQ(hit.type, "pdf");
    EXPECT_EQ(hit.page, 3);
    EXPECT_EQ(pdf_link(hit), kPdf + "#page=3");
    // form feeds never reach the snippet
    for (const auto& part : hit.snippet) EXPECT_EQ(part.text.find('\f'), std::string::npos);
    EXPECT_EQ(run("silos").hits.at(0).page, 2);
    EXPECT_EQ(run("millet").hits.at(0).page, 1);
}

TEST_F(PdfHitTest, OutputsCarryThePdfLink) {
    auto r = run("quillwort");
    const auto json = nlohmann::json::parse(render_json(r))["results"][0];
    EXPECT_EQ(json["type"], "pdf");
    EXPECT_EQ(json["pdf"], kPdf + "#page=3");
    EXPECT_EQ(json["page"], 3);
    PageRequest page;
    page.query.text = "quillwort";
    const std::string html = render_html_page(page, r, 10);
    EXPECT_NE(html.find("<a class=\"badge pdf\" type=\"application/pdf\" href=\"" + kPdf +
                        "#page=3\">PDF p. 3</a>"),
              std::string::npos)
        << html;
    const std::string atom =
        render_atom(page, r, "https://example.org/thinkdex.cgi", "2025-01-01T00:00:00Z");
    EXPECT_NE(atom.find("<link rel=\"enclosure\" type=\"application/pdf\" href=\"" + kPdf +
                        "#page=3\"/>"),
              std::string::npos)
        << atom;
    auto citation = find_citation(dir_.path() / "index", kPdf);
    ASSERT_TRUE(citation);
    EXPECT_EQ(citation->pdf_url, kPdf);
    EXPECT_NE(render_ris(*citation, "2025-01-01").find("L1  - " + kPdf + "\r\n"),
              std::string::npos);
    EXPECT_NE(render_bibtex(*citation, "2025-01-01").find("{PDF:" + kPdf + ":application/pdf}"),
              std::string::npos);
}

TEST(SnippetPage, CountsFormFeedsBeforeTheSnippet) {
    const std::string text = "one\ftwo\fthree four";
    EXPECT_EQ(snippet_page(text, 0, "one two three four", {{"three", true}, {" four", false}}), 3);
    EXPECT_EQ(snippet_page(text, 0, "one two three four", {{"…not there", false}}), 1);
}

}  // namespace
}  // namespace thinkdex::query
