#include "build_query.hpp"

#include <algorithm>
#include <cctype>

#include <spdlog/spdlog.h>

#include "field_processors.hpp"
#include "language_stems.hpp"
#include "stop_words.hpp"
#include "spelling.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/common/text_fold.hpp"

namespace thinkdex::query {

namespace schema = thinkdex::schema;

namespace {

// Wildcards expand to at most this many terms (the most frequent ones), so `a*` stays fast.
constexpr Xapian::termcount kMaxWildcardTerms = 500;
// Adjacent query words within this many positions of each other add kProximityWeight times
// their weight once more.
constexpr Xapian::termcount kProximityWindow = 8;
constexpr double kProximityWeight = 0.1;
// Query words found in the title field add this fraction of their title weight (a BM25F-like
// nudge on top of the title's higher wdf in the body).
constexpr double kTitleWeight = 0.2;
// "Did you mean" is asked for when a query word is in at most this many documents.
constexpr Xapian::doccount kDoubtfulWordDocs = 2;
// Proximity and title boosts are skipped for queries with more distinct words than this
// (wildcard expansions), where they would only cost time.
constexpr std::size_t kMaxBoostTerms = 32;

bool word_byte(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

/// Whether a word of the parsed query is unknown to the index or in at most
/// kDoubtfulWordDocs documents: a word that many documents have is no typo.
bool has_doubtful_word(const Xapian::Database& db, const Xapian::QueryParser& parser,
                       const Xapian::Query& query) {
    auto doubtful = [&](const std::string& word) {
        return db.get_termfreq(word) <= kDoubtfulWordDocs;
    };
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string& term = *t;
        if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) {
            // A stemmed term ("Zsanction"): ask about the words the user typed for it.
            for (auto w = parser.unstem_begin(term); w != parser.unstem_end(term); ++w)
                if (doubtful(*w)) return true;
        } else if (doubtful(term)) {
            return true;
        }
    }
    return false;
}

/// The single-word terms of a bag_of_words() query, in query order, without the words of
/// its phrases: a boost on a phrase's words could match documents the phrase does not.
void bag_words(const Xapian::Query& query, std::vector<std::string>& out) {
    if (query.get_type() == Xapian::Query::LEAF_TERM) {
        out.push_back(*query.get_terms_begin());

    } else if (query.get_type() == Xapian::Query::OP_OR) {
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
            bag_words(query.get_subquery(i), out);
    }
}

/// Adjacent non-stop words of the query (outside phrases), each pair as a NEAR query, from
/// the query parsed without stemming (stemmed terms carry no positions in the index).
Xapian::Query proximity_query(Xapian::QueryParser& parser, const std::string& text,
                              unsigned flags) {
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    Xapian::Query parsed = parser.parse_query(text, flags);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    std::vector<std::string> words, sequence;
    bag_words(parsed, words);
    for (const std::string& term : words) {
        // Unprefixed words only (prefixed terms start with an upper-case letter).
        if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) continue;
        if (stopper()(term) || (!sequence.empty() && sequence.back() == term)) continue;
        sequence.push_back(term);
    }
    if (sequence.size() < 2 || sequence.size() > kMaxBoostTerms) return {};
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 0; i + 1 < sequence.size(); ++i) {
        Xapian::Query pair[] = {Xapian::Query(sequence[i]), Xapian::Query(sequence[i + 1])};
        pairs.emplace_back(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair),
                           kProximityWindow);
    }
    return Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
}

/// A parser for the query language: stemming as the index, OR between words, the field
/// prefixes, and (when `refine`) stop words. Its processors report to `errors`.
void configure_parser(Xapian::QueryParser& parser, ParseErrors& errors,
                      const Xapian::Database& db, const Xapian::Stem& stemmer,
                      const Xapian::Stopper* stop_words) {
    parser.set_database(db);
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_stopper(stop_words);
    // OR ranks by BM25 over every query word, which measures better than AND; phrases, +/-
    // and explicit AND are there when a user wants precision.
    parser.set_default_op(Xapian::Query::OP_OR);
    parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_WILDCARD);
    parser.add_prefix("title", std::string(schema::kTitle));
    parser.add_prefix("author", std::string(schema::kAuthorText));
    parser.add_boolean_prefix("site", (new TermFieldProcessor(schema::kSite, true))->release());
    parser.add_boolean_prefix("tag", (new TermFieldProcessor(schema::kTag))->release());
    parser.add_boolean_prefix("lang", (new TermFieldProcessor(schema::kLanguage))->release());
    parser.add_boolean_prefix("kind", (new TermFieldProcessor(schema::kKind))->release());
    parser.add_boolean_prefix("date", (new DateFieldProcessor(errors))->release());
    parser.add_boolean_prefix("after", (new AfterFieldProcessor(errors))->release());
    parser.add_boolean_prefix("before", (new BeforeFieldProcessor(errors))->release());
}

}  // namespace

const Xapian::SimpleStopper& stopper() { return *stop_words("en"); }

bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

std::string lower_capitalised_words(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size();) {
        if (!word_byte(out[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < out.size() && word_byte(out[end])) ++end;
        bool starts_word = i == 0 || std::isspace(static_cast<unsigned char>(out[i - 1])) ||
                           out[i - 1] == '(' || out[i - 1] == '"' || out[i - 1] == '+';
        bool capitalised = out[i] >= 'A' && out[i] <= 'Z' &&
                           std::all_of(out.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                       out.begin() + static_cast<std::ptrdiff_t>(end), ascii_lower);
        // "Title:" stays as typed: field prefixes are case-sensitive.
        bool field = end < out.size() && out[end] == ':';
        if (starts_word && capitalised && !field) out[i] = static_cast<char>(out[i] - 'A' + 'a');
        i = end;
    }
    return out;
}

std::string split_hyphenated_words(std::string_view text) {
    std::string out(text);
    bool quoted = false, field = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const char c = out[i];
        if (c == '"') quoted = !quoted;
        if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')') field = false;
        if (c == ':') field = true;
        if (c == '-' && !quoted && !field && i > 0 && i + 1 < out.size() &&
            word_byte(out[i - 1]) && word_byte(out[i + 1]))
            out[i] = ' ';
    }
    return out;
}

bool bag_of_words(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
        case Xapian::Query::OP_PHRASE:
            return true;
        case Xapian::Query::OP_OR:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
                if (!bag_of_words(query.get_subquery(i))) return false;
            return true;
        default:
            return false;
    }
}

Xapian::Query title_query(const Xapian::Query& query) {
    std::vector<std::string> words;
    bag_words(query, words);
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    std::vector<Xapian::Query> terms;
    for (const std::string& term : words) {
        if (term.size() > 1 && term[0] == 'Z' && !std::isupper(static_cast<unsigned char>(term[1])))
            terms.emplace_back("Z" + std::string(schema::kTitle) + term.substr(1));
        else if (!term.empty() && !std::isupper(static_cast<unsigned char>(term[0])))
            terms.emplace_back(std::string(schema::kTitle) + term);
    }
    if (terms.size() > kMaxBoostTerms) return {};
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Result<Xapian::Query> filter_query(const SearchRequest& request) {
    for (const std::string& kind : request.kinds)
        if (kind != schema::kKindArticle && kind != schema::kKindListing &&
            kind != schema::kKindPage)
            return std::unexpected(Error{"request", "unknown page kind '" + kind +
                                                        "': use article, listing or page"});
    std::string since, until;
    if (!request.since.empty()) {
        auto bound = parse_date_bound(request.since, false);
        if (!bound) return std::unexpected(bound.error());
        since = *bound;
    }
    if (!request.until.empty()) {
        auto bound = parse_date_bound(request.until, true);
        if (!bound) return std::unexpected(bound.error());
        until = *bound;
    }
    if (!since.empty() && !until.empty() && since > until)
        return std::unexpected(Error{"date", "the start date '" + request.since +
                                                 "' is after the end date '" + request.until +
                                                 "'"});

    // Filters: values of one facet combine with OR, different facets with AND.
    std::vector<Xapian::Query> filters;
    auto any_of = [](const std::vector<std::string>& values, auto to_term) {
        std::vector<Xapian::Query> terms;
        for (const auto& v : values)
            if (!v.empty()) terms.emplace_back(to_term(v));
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    };
    Xapian::Query authors = any_of(request.authors, [](const std::string& a) {
        return schema::filter_term(schema::kAuthor, a);
    });
    if (!authors.empty()) filters.push_back(authors);
    Xapian::Query years = any_of(request.years, [](const std::string& y) {
        return std::string(schema::kYear) + y;
    });
    if (!years.empty()) filters.push_back(years);
    for (const auto& [values, prefix] :
         {std::pair{&request.tags, schema::kTag}, std::pair{&request.languages, schema::kLanguage},
          std::pair{&request.types, schema::kType}, std::pair{&request.kinds, schema::kKind}}) {
        Xapian::Query any = any_of(*values, [prefix](const std::string& v) {
            return schema::filter_term(prefix, v);
        });
        if (!any.empty()) filters.push_back(any);
    }
    Xapian::Query sites = any_of(request.sites, site_term);
    if (!sites.empty()) filters.push_back(sites);
    if (!since.empty() || !until.empty()) filters.push_back(date_range(since, until));
    return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

BuiltQuery build_query(const Xapian::Database& db, const Xapian::Stem& stemmer, bool refine,
                       const Synonyms& synonyms, const std::string& text_in, Words words,
                       const Xapian::Database* spelling) {
    BuiltQuery built;
    built.unranked = text_in.find_first_not_of(" \t\r\n") == std::string::npos;
    if (built.unranked) return built;
    // Documents stemmed in other languages: each stemmed word's stems in those, found right
    // after parsing, while the parser still knows the words behind its stems.
    const std::vector<std::string> languages = index_languages(db);
    const std::vector<Xapian::Stem> stemmers = index_stemmers(languages);
    // Before the parser, which refers to them.
    const QueryStopper stop_words(text_in, languages);
    ParseErrors parse_errors;
    Xapian::QueryParser parser;
    configure_parser(parser, parse_errors, db, stemmer, refine ? &stop_words : nullptr);
    if (words == Words::kAll) parser.set_default_op(Xapian::Query::OP_AND);
    Xapian::Query& query = built.query;
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT |
                           Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT |
                           Xapian::QueryParser::FLAG_CJK_NGRAM;
    SynonymsFound synonyms_found;
    std::string user_text = text_in;
    if (!synonyms.empty()) {
        user_text = synonyms.rewrite(text_in, synonyms_found);
        std::vector<Xapian::Query> found = synonyms.queries(synonyms_found);
        if (!found.empty())
            parser.add_prefix(
                std::string(kSynonymPrefix),
                (new SynonymFieldProcessor(parse_errors, std::move(found)))->release());
    }
    // Elided articles go as in the index ("l'économie" -> "économie").
    const std::string typed = split_elisions(user_text);
    // STEM_SOME leaves capitalised words unstemmed, so "Aspirin inhibits" would not
    // match "aspirins"; acronyms and mixed case ("SIDS", "PrP") stay exact.
    const std::string text = refine ? lower_capitalised_words(typed) : typed;
    // What ranks: in the refined ranking, hyphenated words as their parts. Hyphenated words
    // parse as exact phrases, which neither stem nor match "cost and benefit", and get no
    // title or proximity boost; as words they gained nDCG@10 on both halves of both
    // collections of scripts/bench_ranking.sh (README, Ranking). "Did you mean" reads `text`,
    // so that a suggestion keeps the user's hyphens.
    // Split before lowering capitals, so that "post-Soviet" is read as "post soviet".
    auto words_of = [refine](const std::string& t) {
        return refine ? lower_capitalised_words(split_hyphenated_words(t)) : t;
    };
    const std::string words_text = words_of(typed);
    LanguageStems language_stems;
    auto parse = [&](const std::string& part) {
        Xapian::Query parsed = parser.parse_query(part, flags);
        parse_errors.rethrow();
        // A query of stop words only ("the who") still searches for them.
        if (refine && parsed.empty()) {
            parser.set_stopper(nullptr);
            parsed = parser.parse_query(part, flags);
            parser.set_stopper(&stop_words);
        }
        collect_language_stems(parsed, parser, stemmers, language_stems);
        return parsed;
    };
    query = parse(words_text);
    // Accented words: the query as typed ORed with its ASCII-folded reading, which the
    // index's folded twins match. Documents with the exact form match both and rank first;
    // ASCII queries parse once, as before.
    if (has_foldable(typed)) {
        const std::string folded = fold_accents(typed);
        query = Xapian::Query(Xapian::Query::OP_OR, query,
                              parse(words_of(folded)));
    }
    // "Did you mean" only for words that may be misspelt: Xapian's suggestion costs about
    // 2 ms a word, a fifth of a query's time, whatever the word.
    if (words == Words::kAny && has_doubtful_word(db, parser, query)) {
        if (spelling) parser.set_database(*spelling);
        parser.parse_query(text, flags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
        const std::string corrected = parser.get_corrected_query_string();
        // The proximity query below is parsed against the index again, not the spelling words.
        parser.set_database(db);
        std::vector<Xapian::Stem> all_stemmers = stemmers;
        all_stemmers.push_back(stemmer);
        built.corrected = restore_synonyms(vetted_correction(db, all_stemmers, text, corrected),
                                           synonyms_found);
    }
    built.matching = query;
    spdlog::debug("parsed query: {}", query.get_description());
    if (refine && bag_of_words(query)) {
        // An ORed title boost adds no matches to a bag of words: every document it matches
        // has the words. (Wrapping it in AND_MAYBE or FILTER to be safe for other queries
        // measured slower and lost most of its gain in Xapian 1.4.)
        if (Xapian::Query title = title_query(query); !title.empty())
            query = Xapian::Query(
                Xapian::Query::OP_OR, query,
                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title, kTitleWeight));
        // Proximity reads positions, document by document: only the rerank pass's few.
        if (Xapian::Query near = proximity_query(parser, words_text, flags); !near.empty())
            built.proximity =
                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, near, kProximityWeight);
    }
    // Last, so that the boosts above see the query's words as parsed.
    built.matching = with_language_stems(built.matching, language_stems);
    built.query = with_language_stems(built.query, language_stems);
    return built;
}

}  // namespace thinkdex::query
