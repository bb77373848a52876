#pragma once
// Private: the words the page kind reads: schema.org type names, calls to action, "read more"
// links, rel values and the voice of a text ("we", "you").

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace thinkdex::indexer::detail::kind {

/// A byte of a word: an ASCII letter or digit, or any byte of a multi-byte character.
bool word_char(char c);

/// schema.org types (lower case, without a "schema.org/" prefix) of a publication, of a
/// collection of links, and of a page that is neither.
bool article_type(std::string_view t);
bool listing_type(std::string_view t);
bool page_type(std::string_view t);

/// Every "@type" value in the JSON-LD blocks, lower case, without "schema.org/" prefixes.
std::vector<std::string> json_ld_types(const std::vector<std::string>& blocks);

/// A link or button text that asks the reader to act ("Get started", "Book", "Contact us").
bool call_to_action(std::string_view text);

/// A link or button text that puts a product in the cart ("Add to cart", "Add to basket",
/// "In den Warenkorb", "Ajouter au panier"...; a few languages).
bool purchase_action(std::string_view text);

/// A class or id ("class id", lower case) that marks an add-to-cart control.
bool purchase_class(std::string_view class_id);

/// A link text that leads from a teaser to its page ("Read more", "Weiterlesen"...).
bool more_link(std::string_view text);

/// True when a rel attribute's value lists "next".
bool rel_next(std::string_view rel);

/// Non-space bytes of a text.
std::size_t visible_chars(std::string_view text);

/// Words of a text (runs of word_char()).
std::size_t words(std::string_view text);

/// Counts the words of `text` into `text_words`, and among them "we", "our"... into `we` and
/// "you", "your"... into `you`.
void count_voice(const std::string& text, std::size_t& text_words, std::size_t& we,
                 std::size_t& you);

}  // namespace thinkdex::indexer::detail::kind
