// PDF extraction on PDFs made at build time from tests/data/pdf (groff, qpdf): text with its
// pages marked, metadata checked against the cover, and every bad file refused with its reason.

#include "thinkdex/indexer/extract_pdf.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "pdf_metadata.hpp"
#include "pdf_sandbox.hpp"
#include "pdf_xmp.hpp"
#include "test_util.hpp"
#include "text_language.hpp"

namespace thinkdex::indexer {
namespace {

std::string pdf(const std::string& name) {
    return test::read_file(std::filesystem::path(THINKDEX_TEST_PDF_DIR) / (name + ".pdf"));
}

TEST(ExtractPdf, ReportKeepsPagesInOrderWithTrustedMetadata) {
    auto r = extract_pdf(pdf("report"), "https://example.org/report.pdf");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->type, "pdf");
    EXPECT_EQ(r->pages, 3);
    EXPECT_EQ(r->title, "Grain Reserves and Famine Prevention in the Sahel");
    EXPECT_EQ(r->authors, (std::vector<std::string>{"Amina Diallo", "Peter Novak"}));
    EXPECT_EQ(r->published, "2024-03-12");
    EXPECT_EQ(r->language, "en");
    EXPECT_EQ(r->url, "https://example.org/report.pdf");
    const std::string& body = r->body;
    const auto millet = body.find("millet"), silos = body.find("silos"),
               quillwort = body.find("quillwort");
    ASSERT_NE(quillwort, std::string::npos) << body;
    EXPECT_LT(millet, silos);
    EXPECT_LT(silos, quillwort);
    EXPECT_EQ(page_at(body, millet), 1);
    EXPECT_EQ(page_at(body, silos), 2);
    EXPECT_EQ(page_at(body, quillwort), 3);
    // lines of a paragraph are joined; paragraphs end with '\n'
    EXPECT_NE(body.find("of 2023. This report"), std::string::npos) << body;
}

// Regression row: the info dictionary says "Microsoft Word - draft3.docx" by "jsmith".
TEST(ExtractPdf, JunkInfoGivesWayToTheCover) {
    auto r = extract_pdf(pdf("junk"));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->title, "Water Diplomacy on the Nile");
    EXPECT_EQ(r->authors, std::vector<std::string>{"Helen Okafor"});
    EXPECT_EQ(r->published, "2023-06");  // "June 2023" on the cover, not the file's date
}

TEST(ExtractPdf, FrenchBriefWithoutMetadata) {
    auto r = extract_pdf(pdf("french"));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->title, "La sécurité énergétique de l’Europe");
    EXPECT_EQ(r->authors, std::vector<std::string>{"Élodie Martin"});
    EXPECT_EQ(r->published, "2025-02-05");
    EXPECT_EQ(r->language, "fr");
}

TEST(ExtractPdf, BadFilesAreRefusedWithTheirReason) {
    struct Row {
        std::string bytes;
        PdfLimits limits;
        std::string reason;
    };
    PdfLimits small;
    small.max_bytes = 1000;
    const std::vector<Row> rows = {
        {pdf("encrypted"), {}, "encrypted PDF (needs a password)"},
        {pdf("truncated"), {}, "broken PDF ("},
        {pdf("image_only"), {}, "image-only PDF (no text on its 1 page)"},
        {pdf("report"), small, "MiB, above the 1 MiB cap"},
        {"%PDF-1.7\nnothing else", {}, "broken PDF ("},
        {"", {}, "broken PDF ("},
    };
    for (const Row& row : rows) {
        auto r = extract_pdf(row.bytes, {}, row.limits);
        ASSERT_FALSE(r) << row.reason;
        EXPECT_EQ(r.error().kind, "pdf");
        EXPECT_NE(r.error().message.find(row.reason), std::string::npos) << r.error().message;
    }
}

TEST(ExtractPdf, IsPdfBySignatureOrContentType) {
    EXPECT_TRUE(is_pdf("%PDF-1.4\n..."));
    EXPECT_TRUE(is_pdf("\r\n%PDF-1.4\n"));
    EXPECT_TRUE(is_pdf("", "application/pdf; qs=0.9"));
    EXPECT_FALSE(is_pdf("<html>", "text/html"));
}

TEST(PdfMetadata, JunkTitles) {
    for (const char* junk : {"Microsoft Word - draft3.docx", "report_final_v2", "Untitled",
                             "Document1", "brief.pdf", "PowerPoint Presentation", "Slide 1"})
        EXPECT_TRUE(detail::junk_title(junk)) << junk;
    for (const char* good : {"Title IX and Campus Speech", "Grain Reserves in the Sahel",
                             "Report on the Sahel", "G20 Summit Outcomes"})
        EXPECT_FALSE(detail::junk_title(good)) << good;
}

TEST(PdfMetadata, PersonLikeNames) {
    EXPECT_TRUE(detail::person_like("Amina Diallo"));
    EXPECT_TRUE(detail::person_like("Élodie Martin"));
    for (const char* not_a_person :
         {"jsmith", "Administrator", "j.smith@example.org", "user01 x", "Acme Institute"})
        EXPECT_FALSE(detail::person_like(not_a_person)) << not_a_person;
}

TEST(PdfMetadata, XmpFieldsAsElementsOrAttributes) {
    const std::string xmp = R"(<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2024-03-11T09:00:00Z">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Grain Reserves</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Amina Diallo</rdf:li><rdf:li>Peter Novak</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>)";
    detail::XmpFields f = detail::parse_xmp(xmp);
    EXPECT_EQ(f.title, "Grain Reserves");
    EXPECT_EQ(f.creators, (std::vector<std::string>{"Amina Diallo", "Peter Novak"}));
    EXPECT_EQ(f.date, "2024-03-11T09:00:00Z");
    EXPECT_EQ(f.language, "en-GB");
    EXPECT_TRUE(detail::parse_xmp("<not xml").title.empty());
}

// Namespaces are expat's: a prefix names its declared URI, an unprefixed element is in the
// default namespace, and a packet with an undeclared prefix is not well-formed, so it gives no
// field (the cover decides, as for a broken packet). Encodings are those XML parsers must
// know (UTF-8, UTF-16) and ISO-8859-1; XMP is written in Unicode.
TEST(PdfMetadata, XmpNamespacesAndEncodings) {
    const std::string head = R"(<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:t="http://purl.org/dc/elements/1.1/">)";
    const std::string tail = "</rdf:Description></rdf:RDF></x:xmpmeta>";
    EXPECT_EQ(detail::parse_xmp(head + "<t:title>Grain</t:title>" + tail).title, "Grain");
    EXPECT_EQ(detail::parse_xmp(
                  R"(<t xmlns="http://purl.org/dc/elements/1.1/"><title>Grain</title></t>)")
                  .title,
              "Grain");  // the default namespace
    EXPECT_EQ(detail::parse_xmp(head + "<pdfx:A>b</pdfx:A><dc:title>Grain</dc:title>" + tail)
                  .title,
              "");  // pdfx: is declared nowhere
    EXPECT_EQ(detail::parse_xmp(head + "<title>Grain</title>" + tail).title, "");  // no namespace
    const std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + head +
                               "<dc:title>r\xe9sum\xe9</dc:title>" + tail;
    EXPECT_EQ(detail::parse_xmp(latin1).title, "r\u00e9sum\u00e9");
    std::string utf16 = "\xfe\xff";
    for (char c : head + "<dc:title>Grain</dc:title>" + tail) utf16 += std::string{'\0', c};
    EXPECT_EQ(detail::parse_xmp(utf16).title, "Grain");
    // undeclared Latin-1 is not UTF-8: not well-formed
    EXPECT_EQ(detail::parse_xmp(head + "<dc:title>r\xe9sum\xe9</dc:title>" + tail).title, "");
}

// The packet is the PDF's, so anyone's: it reads no file or URL it names, and entities that
// expand to gigabytes ("billion laughs") are refused at once rather than expanded.
TEST(PdfMetadata, XmpEntitiesNeitherFetchedNorAmplified) {
    const std::string body = R"(<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&e;</dc:title><dc:language>en</dc:language>
</rdf:Description></rdf:RDF></x:xmpmeta>)";
    const auto external = detail::parse_xmp(
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + body);
    EXPECT_EQ(external.title, "");
    EXPECT_EQ(external.language, "en");  // the rest of the packet is read

    std::string laughs = "<!DOCTYPE x [<!ENTITY l0 \"lol\">";
    for (int i = 1; i <= 10; ++i) {  // l10: 3 * 10^10 bytes
        laughs += "<!ENTITY l" + std::to_string(i) + " \"";
        for (int j = 0; j < 10; ++j) laughs += "&l" + std::to_string(i - 1) + ";";
        laughs += "\">";
    }
    laughs += "<!ENTITY e \"&l10;\">]>" + body;
    const auto start = std::chrono::steady_clock::now();
    const auto f = detail::parse_xmp(laughs);
    EXPECT_EQ(f.title, "");
    EXPECT_EQ(f.language, "");  // refused as a whole
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(PdfMetadata, XmpTitleCheckedAgainstTheCover) {
    detail::RawPdf raw;
    raw.cover = {{"Annual Review", 24}, {"Grain Reserves", 12}};
    raw.pages = {"Annual Review\nGrain Reserves"};
    detail::XmpFields xmp;
    xmp.title = "Grain Reserves";
    EXPECT_EQ(detail::choose_pdf_metadata(raw, xmp).title, "Grain Reserves");
    xmp.title = "Quarterly Accounts Template";  // not on the cover
    EXPECT_EQ(detail::choose_pdf_metadata(raw, xmp).title, "Annual Review");
}

// A cover's date is read in the document's language, as a page's is: "listopad" is October
// in Croatian and November in Polish.
TEST(PdfMetadata, CoverDateReadInTheDocumentsLanguage) {
    detail::RawPdf raw;
    raw.cover = {{"Godi\u0161nje izvje\u0161\u0107e", 24}, {"Zagreb, 5. listopada 2024.", 11}};
    raw.pages = {"Godi\u0161nje izvje\u0161\u0107e\nZagreb, 5. listopada 2024."};
    detail::XmpFields xmp;
    xmp.language = "hr";
    EXPECT_EQ(detail::choose_pdf_metadata(raw, xmp).published, "2024-10-05");
    xmp.language = "pl";
    EXPECT_EQ(detail::choose_pdf_metadata(raw, xmp).published, "2024-11-05");
}

TEST(TextLanguage, GuessesFromCommonWords) {
    EXPECT_EQ(detail::guess_language("The harvest of the year and the price of grain."), "en");
    EXPECT_EQ(
        detail::guess_language("Die Ernte ist nicht gut und der Preis steigt mit dem Wetter."),
        "de");
    EXPECT_EQ(detail::guess_language("Урожай в этом году не вырос, и цены на зерно растут."), "ru");
    EXPECT_EQ(detail::guess_language("12 345 678"), "");
}

Result<std::string> probe(std::vector<std::string> args, const detail::SandboxLimits& limits,
                          std::string_view input = {}) {
    return detail::run_program(THINKDEX_SANDBOX_PROBE, args, input, limits);
}

TEST(PdfSandbox, BoundsTimeAndReportsCrashes) {
    detail::SandboxLimits limits;
    limits.cpu_seconds = 1;
    auto looped = probe({"spin"}, limits);
    ASSERT_FALSE(looped);
    EXPECT_EQ(looped.error().kind, "timeout") << looped.error().message;
    auto crashed = probe({"abort"}, limits);
    ASSERT_FALSE(crashed);
    EXPECT_EQ(crashed.error().message, "crashed (ABRT)");
    auto failed = probe({"no-such-mode"}, limits);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().message, "failed (exit status 2)");
}

// The input reaches the program whole, and output larger than a pipe's buffer comes back whole.
TEST(PdfSandbox, PassesInputAndOutput) {
    std::string input(300000, 'x');
    input[1234] = '\0';
    auto echoed = probe({"echo"}, {}, input);
    ASSERT_TRUE(echoed) << echoed.error().message;
    EXPECT_EQ(*echoed, input);
    detail::SandboxLimits small;
    small.max_output = 100000;
    auto flood = probe({"echo"}, small, input);
    ASSERT_FALSE(flood);
    EXPECT_EQ(flood.error().kind, "sandbox");
}

TEST(PdfSandbox, NamesAProgramItCannotRun) {
    auto missing = detail::run_program("/nonexistent/thinkdex-pdf-reader", {}, "", {});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message,
              "cannot run '/nonexistent/thinkdex-pdf-reader': No such file or directory");
}

TEST(PdfSandbox, BoundsMemory) {
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "AddressSanitizer's shadow memory rules out an address-space limit";
#else
    detail::SandboxLimits limits;
    limits.memory = std::size_t{64} << 20;
    auto hog = probe({"alloc", "512"}, limits);
    ASSERT_FALSE(hog);
    EXPECT_EQ(hog.error().kind, "memory") << hog.error().message;
    EXPECT_TRUE(probe({"alloc", "16"}, limits)) << "a small allocation fits";
#endif
}

}  // namespace
}  // namespace thinkdex::indexer
