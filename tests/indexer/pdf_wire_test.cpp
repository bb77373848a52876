// The PDF reader parses the XMP packet itself (expat lives in thinkdex-pdf-reader, not in
// thinkdex) and hands back its fields: they cross the wire whole and still decide the title,
// authors, date and language. The PDF here is written by hand, since groff's PDFs carry no XMP.

#include "pdf_wire.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "thinkdex/indexer/extract_pdf.hpp"

namespace thinkdex::indexer {
namespace {

/// A one-page PDF: `lines` of text at their font sizes, the info dictionary `info` (PDF
/// dictionary entries) and `xmp` as the catalog's metadata stream.
std::string pdf_with_xmp(const std::vector<std::pair<std::string, int>>& lines,
                         const std::string& info, const std::string& xmp) {
    std::string text = "BT\n";
    int y = 720;
    for (const auto& [line, size] : lines) {
        text += "/F1 " + std::to_string(size) + " Tf 1 0 0 1 72 " + std::to_string(y) + " Tm (" +
                line + ") Tj\n";
        y -= 2 * size;
    }
    text += "ET";
    const std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R "
        ">> >> /Contents 6 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Type /Metadata /Subtype /XML /Length " + std::to_string(xmp.size()) + " >>\nstream\n" +
            xmp + "\nendstream",
        "<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text + "\nendstream",
        "<< " + info + " >>",
    };
    std::string out = "%PDF-1.7\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets) {
        const std::string digits = std::to_string(offset);
        out += std::string(10 - digits.size(), '0') + digits + " 00000 n \n";
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R /Info 7 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

const std::string kXmp = R"(<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2024-03-11T09:00:00Z">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">  Grain Reserves
  in the Sahel </rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Amina Diallo</rdf:li><rdf:li> </rdf:li><rdf:li>Peter Novak</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>de</rdf:li></rdf:Bag></dc:language>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>)";

// The cover's largest text is "Annual Review" and the info dictionary is junk: the title,
// authors, date and language can only have come from the XMP packet the reader parsed.
TEST(PdfWire, XmpParsedByTheReaderDecidesTheMetadata) {
    const std::string bytes =
        pdf_with_xmp({{"Annual Review", 24},
                      {"Grain Reserves in the Sahel", 14},
                      {"Amina Diallo and Peter Novak", 11},
                      {"Millet stocks held by villages fell during the drought.", 10}},
                     "/Title (Microsoft Word - draft3.docx) /Author (jsmith)", kXmp);
    auto r = extract_pdf(bytes, "https://example.org/brief.pdf");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->title, "Grain Reserves in the Sahel");  // spaces collapsed by the reader
    EXPECT_EQ(r->authors, (std::vector<std::string>{"Amina Diallo", "Peter Novak"}));
    EXPECT_EQ(r->published, "2024-03-11");  // xmp:CreateDate, written as an attribute
    EXPECT_EQ(r->language, "de");           // dc:language, ahead of the text's guess
    EXPECT_NE(r->body.find("Millet stocks"), std::string::npos) << r->body;
}

// XMP that does not parse gives empty fields, as before: the cover decides.
TEST(PdfWire, BrokenXmpLeavesTheCoverToDecide) {
    const std::string bytes =
        pdf_with_xmp({{"Annual Review", 24}, {"Millet stocks fell during the drought.", 10}},
                     "/Title (Microsoft Word - draft3.docx)", "<x:xmpmeta><dc:title>unclosed");
    auto r = extract_pdf(bytes);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->title, "Annual Review");
    EXPECT_TRUE(r->authors.empty());
    EXPECT_EQ(r->language, "en");
}

// poppler-cpp gives the packet as one character a byte; the reader takes the bytes back, so
// names outside ASCII come through, in UTF-8 and in what the packet declares. (The title is
// checked against the cover, so the cover's largest line wins over a title not on it.)
TEST(PdfWire, XmpTextOutsideAsciiIsReadInThePacketsEncoding) {
    const std::string utf8_packet =
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
        "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
        "rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title><rdf:Alt>"
        "<rdf:li>R\u00e9serves de c\u00e9r\u00e9ales au Sahel</rdf:li></rdf:Alt></dc:title>"
        "<dc:creator><rdf:Seq><rdf:li>\u00c9lodie Martin</rdf:li></rdf:Seq></dc:creator>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>";
    const std::vector<std::pair<std::string, int>> cover = {
        {"Annual Review", 24}, {"Millet stocks fell during the drought.", 10}};
    auto r = extract_pdf(pdf_with_xmp(cover, "", utf8_packet));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->authors, (std::vector<std::string>{"\u00c9lodie Martin"}));

    std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + utf8_packet;
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"\u00e9", "\xe9"},
                                   {"\u00c9", "\xc9"}}) {
        for (std::size_t at; (at = latin1.find(from)) != std::string::npos;)
            latin1.replace(at, from.size(), to);
    }
    r = extract_pdf(pdf_with_xmp(cover, "", latin1));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->authors, (std::vector<std::string>{"\u00c9lodie Martin"}));
}

TEST(PdfWire, XmpFieldsRoundTrip) {
    detail::RawPdf raw;
    raw.info_title = "Info title";
    raw.pages = {"page one", "page two"};
    raw.cover = {{"Annual Review", 24}};
    raw.xmp.title = "Grain Reserves";
    raw.xmp.creators = {"Amina Diallo", "Peter Novak"};
    raw.xmp.date = "2024-03-11T09:00:00Z";
    raw.xmp.language = "en-GB";
    auto back = detail::from_wire(detail::to_wire(raw));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->info_title, "Info title");
    EXPECT_EQ(back->pages, raw.pages);
    EXPECT_EQ(back->xmp.title, "Grain Reserves");
    EXPECT_EQ(back->xmp.creators, raw.xmp.creators);
    EXPECT_EQ(back->xmp.date, "2024-03-11T09:00:00Z");
    EXPECT_EQ(back->xmp.language, "en-GB");
}

// A reader of another version (the XMP packet as a string) is refused, not half read.
TEST(PdfWire, OutputOfAnotherReaderVersionIsRefused) {
    auto r = detail::from_wire(
        R"({"title":"","author":"","date":"","xmp":"<x:xmpmeta/>","pages":["text"],"cover":[]})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, "pdf");
    EXPECT_NE(r.error().message.find("PDF reader gave bad output"), std::string::npos)
        << r.error().message;
}

}  // namespace
}  // namespace thinkdex::indexer
