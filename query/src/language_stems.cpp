#include "language_stems.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <sstream>

#include "thinkdex/common/schema.hpp"

namespace thinkdex::query {

namespace {

bool rebuildable(Xapian::Query::op op) {
    switch (op) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_MAX:
            return true;
        default:
            return false;
    }
}

}  // namespace

std::vector<std::string> index_languages(const Xapian::Database& db) {
    std::istringstream codes(db.get_metadata(std::string(schema::kMetaStemLanguages)));
    return {std::istream_iterator<std::string>(codes), std::istream_iterator<std::string>()};
}

std::vector<Xapian::Stem> index_stemmers(const std::vector<std::string>& languages) {
    std::vector<Xapian::Stem> out;
    // Stemmers are cheap to copy (reference counted) but not to construct.
    thread_local std::map<std::string, Xapian::Stem> made;
    for (const std::string& code : languages) {
        auto it = made.find(code);
        if (it == made.end()) {
            try {
                it = made.emplace(code, Xapian::Stem(code)).first;
            } catch (const Xapian::InvalidArgumentError&) {
                continue;
            }
        }
        out.push_back(it->second);
    }
    return out;
}

void collect_language_stems(const Xapian::Query& query, const Xapian::QueryParser& parser,
                            const std::vector<Xapian::Stem>& stemmers, LanguageStems& out) {
    if (stemmers.empty()) return;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string term = *t;
        if (!term.starts_with('Z') || out.contains(term)) continue;
        std::size_t word = 1;  // after the field prefix: "ZS" + stem
        while (word < term.size() && std::isupper(static_cast<unsigned char>(term[word])))
            ++word;
        const std::string prefix = term.substr(0, word);
        std::vector<std::string> others;
        for (auto w = parser.unstem_begin(term); w != parser.unstem_end(term); ++w)
            for (const Xapian::Stem& stem : stemmers) others.push_back(prefix + stem(*w));
        std::sort(others.begin(), others.end());
        others.erase(std::unique(others.begin(), others.end()), others.end());
        std::erase(others, term);
        out.emplace(term, std::move(others));
    }
}

Xapian::Query with_language_stems(const Xapian::Query& query, const LanguageStems& stems) {
    if (stems.empty()) return query;
    const auto op = query.get_type();
    if (op == Xapian::Query::LEAF_TERM) {
        const std::string term = *query.get_terms_begin();
        auto it = stems.find(term);
        if (it == stems.end() || it->second.empty()) return query;
        std::vector<Xapian::Query> terms{query};
        for (const std::string& other : it->second) terms.emplace_back(other);
        return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    }
    if (!rebuildable(op)) return query;
    std::vector<Xapian::Query> parts;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        parts.push_back(with_language_stems(query.get_subquery(i), stems));
    return Xapian::Query(op, parts.begin(), parts.end());
}

}  // namespace thinkdex::query
