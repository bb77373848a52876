// Author helpers on tables of strings: the path of a link and whether it names a person's page.

#include <gtest/gtest.h>

#include <string>

#include "extract_authors.hpp"
#include "extract_metadata.hpp"

namespace {

using namespace thinkdex::indexer::detail;

TEST(UrlPath, AbsoluteRelativeAndOtherLinks) {
    EXPECT_EQ(url_path("https://example.org/experts/ann-lee/?p=1#bio"), "/experts/ann-lee/");
    EXPECT_EQ(url_path("//example.org/experts/ann-lee"), "/experts/ann-lee");
    // relative links, on a page whose URL is unknown, are read from the root
    EXPECT_EQ(url_path("/experts/ann-lee/"), "/experts/ann-lee/");
    EXPECT_EQ(url_path("experts/ann-lee/"), "/experts/ann-lee/");
    EXPECT_EQ(url_path("../experts/ann-lee"), "/experts/ann-lee");
    EXPECT_EQ(url_path("?author=5"), "/");
    // what a browser ignores: spaces at the ends, a newline inside
    EXPECT_EQ(url_path(" /experts/ann-\nlee "), "/experts/ann-lee");
    // the path keeps its case and its percent-encoding
    EXPECT_EQ(url_path("/People/Jos%C3%A9"), "/People/Jos%C3%A9");
    EXPECT_EQ(url_path("mailto:ann@example.org"), "");
    EXPECT_EQ(url_path("javascript:open('/experts/ann-lee')"), "");
    EXPECT_EQ(url_path(""), "");
}

TEST(AuthorPath, PersonsPageUnderADirectory) {
    EXPECT_TRUE(author_path("/experts/ann-lee/"));
    EXPECT_TRUE(author_path("https://example.org/Author/Ann-Lee"));
    EXPECT_TRUE(author_path("/blog-authors/ann-lee"));
    EXPECT_TRUE(author_path("people/ann-lee"));
    EXPECT_FALSE(author_path("/author/"));  // the list of authors, no person
    EXPECT_FALSE(author_path("/local-authority/ann-lee"));
    EXPECT_FALSE(author_path("https://example.org/?s=author/ann"));
    EXPECT_FALSE(author_path("mailto:people/ann@example.org"));
}

}  // namespace
