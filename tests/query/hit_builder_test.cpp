// Hit building: snippets from the stored text, and the other copies of a document.

#include "hit_builder.hpp"

#include <gtest/gtest.h>

namespace thinkdex::query {
namespace {

TEST(HitBuilder, SplitsMarkedSnippetsAndUnescapesThem) {
    auto parts = split_snippet("a &amp; b \x01war\x02 &lt;c&gt; \x01peace\x02");
    ASSERT_EQ(parts.size(), 4u);
    EXPECT_EQ(parts[0].text, "a & b ");
    EXPECT_FALSE(parts[0].match);
    EXPECT_EQ(parts[1].text, "war");
    EXPECT_TRUE(parts[1].match);
    EXPECT_EQ(parts[2].text, " <c> ");
    EXPECT_EQ(parts[3].text, "peace");
    EXPECT_EQ(unescape_snippet("&quot;x&#39;&amp;lt;"), "\"x'&lt;");
}

TEST(HitBuilder, SnippetWindowHasTheMostDistinctWordsAndCutsAtSpaces) {
    const std::string shortText = "only a few words";
    EXPECT_EQ(snippet_window(shortText, {"few"}), (std::pair<std::size_t, std::size_t>{0, 16}));
    std::string text;
    for (int i = 0; i < 100; ++i) text += "filler words ";
    const std::size_t war = text.size();
    text += "Sanctions and the War economy ";
    for (int i = 0; i < 100; ++i) text += "filler words ";
    text += "sanctions alone ";
    for (int i = 0; i < 100; ++i) text += "filler words ";
    const auto [from, to] = snippet_window(text, {"sanction", "war"});
    EXPECT_LE(from, war);
    EXPECT_GT(to, war + 20);
    EXPECT_LE(to - from, 1024u);
    EXPECT_TRUE(from == 0 || text[from - 1] == ' ');
    EXPECT_TRUE(to == text.size() || text[to] == ' ');
}

TEST(HitBuilder, SnippetWindowFindsWordsWrittenWithAccentsOrCapitalsOfAnyScript) {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "des mots sans intérêt ";
    const std::size_t quebec = text.size();
    text += "Le Québec exporte. Пшеница дорожает. ";
    for (int i = 0; i < 100; ++i) text += "des mots sans intérêt ";
    // Query words come folded and lower case: "quebec", and a Russian stem.
    const auto [from, to] = snippet_window(text, {"quebec", "пшениц"});
    EXPECT_LE(from, quebec);
    // At most half a snippet of context before the word, although every accent before it
    // folds two bytes into one: offsets are mapped back to the text's.
    EXPECT_GT(from + 160, quebec);
    EXPECT_GT(to, quebec + 40);
    // Offsets are the text's: never inside a UTF-8 sequence.
    EXPECT_NE(static_cast<unsigned char>(text[from]) & 0xC0, 0x80);
}

}  // namespace
}  // namespace thinkdex::query
