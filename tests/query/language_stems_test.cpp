#include "language_stems.hpp"

#include <gtest/gtest.h>

namespace thinkdex::query {
namespace {

TEST(LanguageStems, EachStemmedWordGetsItsStemsInTheOtherLanguages) {
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.add_prefix("title", "S");
    const Xapian::Query parsed = parser.parse_query("пшеница title:gasdotto \"exact phrase\"");
    LanguageStems stems;
    collect_language_stems(parsed, parser, {Xapian::Stem("ru"), Xapian::Stem("it")}, stems);
    ASSERT_TRUE(stems.contains("Zпшеница"));
    EXPECT_EQ(stems["Zпшеница"], std::vector<std::string>{"Zпшениц"});
    // The field prefix stays: "ZS" + the Italian stem.
    EXPECT_EQ(stems["ZSgasdotto"], std::vector<std::string>{"ZSgasdott"});
    const std::string rewritten = with_language_stems(parsed, stems).get_description();
    EXPECT_NE(rewritten.find("(Zпшеница@1 SYNONYM Zпшениц)"), std::string::npos) << rewritten;
    EXPECT_NE(rewritten.find("exact@3 PHRASE"), std::string::npos) << rewritten;  // phrase kept
}

TEST(LanguageStems, NoOtherLanguagesNoChange) {
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("english"));
    const Xapian::Query parsed = parser.parse_query("sanctions AND oil");
    LanguageStems stems;
    collect_language_stems(parsed, parser, {}, stems);
    EXPECT_TRUE(stems.empty());
    EXPECT_EQ(with_language_stems(parsed, stems).get_description(), parsed.get_description());
}

}  // namespace
}  // namespace thinkdex::query
