// Author helpers on tables of strings: whether a link names a person's page.

#include <gtest/gtest.h>

#include <string>

#include "extract_authors.hpp"
#include "extract_metadata.hpp"

namespace {

using namespace thinkdex::indexer::detail;

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
