#include "thinkdex/indexer/index_writer.hpp"

#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <optional>
#include <vector>
#include <string_view>
#include <utility>

#include <spdlog/spdlog.h>
#include <xapian.h>

#include "thinkdex/common/error.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/common/stored_document.hpp"
#include "thinkdex/common/text_fold.hpp"

#include "near_duplicates.hpp"

namespace thinkdex::indexer {

namespace {

namespace schema = thinkdex::schema;

bool all_digits(std::string_view s) {
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return !s.empty();
}

/// The parts of a published date: "2025-08-26" -> {"2025", "08", "26"}; missing parts are "".
struct DateParts {
    std::string year, month, day;
};

/// Accepts YYYY, YYYY-MM and YYYY-MM-DD (what extraction and JSONL give); anything else is no
/// date at all, since a wrong date in the slot would put the document in wrong ranges.
DateParts split_date(std::string_view published) {
    DateParts d;
    if (published.size() != 4 && published.size() != 7 && published.size() != 10) return d;
    std::string_view y = published.substr(0, 4);
    if (!all_digits(y)) return d;
    if (published.size() >= 7) {
        if (published[4] != '-' || !all_digits(published.substr(5, 2))) return d;
        int month = std::stoi(std::string(published.substr(5, 2)));
        if (month < 1 || month > 12) return d;
        d.month = published.substr(5, 2);
    }
    if (published.size() == 10) {
        if (published[7] != '-' || !all_digits(published.substr(8, 2))) return {};
        int day = std::stoi(std::string(published.substr(8, 2)));
        if (day < 1 || day > 31) return {};
        d.day = published.substr(8, 2);
    }
    d.year = y;
    return d;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out.push_back(schema::kListSeparator);
        out += item;
    }
    return out;
}

std::string band_term(std::size_t band, std::uint32_t key) {
    char hex[11];
    std::snprintf(hex, sizeof hex, "%02zx%08x", band, key);
    return std::string(schema::kDupBand) + hex;
}

/// Adds the ASCII-folded twin of every word term with foldable letters ("québec" -> "quebec",
/// "Swärmeplanung" -> "Swarmeplanung"), with the same positions and wdf, and the twin's stem
/// ("Zquebec"), so that queries typed without accents, which the parser folds and then stems,
/// find accented text; the exact forms stay indexed too.
void add_folded_terms(Xapian::Document& doc, const Xapian::Stem& stemmer) {
    struct Twin {
        std::string term, stem;
        Xapian::termcount wdf;
        std::vector<Xapian::termpos> positions;
    };
    std::vector<Twin> twins;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        // Stems ("Z…") are made again from the folded word: stemming folded text can differ
        // from folding a stem ("électricité" -> "electricit").
        if (term.starts_with('Z') || !has_foldable(term)) continue;
        Twin twin{fold_accents(term), {}, t.get_wdf(), {}};
        const std::size_t word = twin.term.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        if (word != std::string::npos)
            twin.stem = "Z" + twin.term.substr(0, word) + stemmer(twin.term.substr(word));
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
            twin.positions.push_back(*p);
        twins.push_back(std::move(twin));
    }
    for (const Twin& twin : twins) {
        for (Xapian::termpos pos : twin.positions) doc.add_posting(twin.term, pos, 0);
        doc.add_term(twin.term, twin.wdf);
        if (twin.stem.size() > 1) doc.add_term(twin.stem, twin.wdf);
    }
}

/// The spelling data ("did you mean") of one document: each unprefixed word the term generator
/// made, once with the number of times it made it, as FLAG_SPELLING would add it once per
/// occurrence (the same table, with a fraction of the lookups: a body repeats its words).
/// Called before the folded twins are added. The occurrences are the word's wdf, less the
/// extra weight of its occurrences in the title, counted by `title_words` on the title alone.
/// query/src/spelling_counts.cpp finds the same counts again from a shard's term statistics
/// (for "did you mean" over remote shards): change the two together.
void add_spelling(Xapian::WritableDatabase& db, const Xapian::Document& doc,
                  Xapian::TermGenerator& title_words, const std::string& title) {
    Xapian::Document title_doc;
    title_words.set_document(title_doc);
    title_words.index_text(title);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string word = *t;
        // Prefixes are capitals and the generator lowers every word it makes.
        if (word[0] >= 'A' && word[0] <= 'Z') continue;
        Xapian::termcount count = t.get_wdf();
        auto in_title = title_doc.termlist_begin();
        in_title.skip_to(word);
        if (in_title != title_doc.termlist_end() && *in_title == word)
            count -= in_title.get_wdf() * (schema::kTitleWeight - 1);
        db.add_spelling(word, count);
    }
}

/// Takes back what add_spelling() added for `doc`, an indexed document about to be replaced or
/// removed: Xapian keeps a word's spelling frequency when its document goes. The stored
/// termlist has each word's wdf with its folded twins' and the title's extra weight added in;
/// both are taken out again, so that the counts are those add_spelling() used.
void remove_spelling(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
    std::map<std::string, Xapian::termcount> wdf;  // unprefixed and title ("S") terms
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        if (term[0] >= 'A' && term[0] <= 'Z' && !term.starts_with(schema::kTitle)) continue;
        wdf.emplace(term, t.get_wdf());
    }
    std::vector<std::pair<std::string, Xapian::termcount>> twins;
    for (const auto& [term, count] : wdf)
        if (has_foldable(term)) twins.emplace_back(fold_accents(term), count);
    for (const auto& [twin, count] : twins)
        if (auto it = wdf.find(twin); it != wdf.end()) it->second -= count;
    for (const auto& [word, count] : wdf) {
        if (word[0] >= 'A' && word[0] <= 'Z') continue;
        Xapian::termcount own = count;
        if (auto in_title = wdf.find(std::string(schema::kTitle) + word); in_title != wdf.end())
            own -= in_title->second * (schema::kTitleWeight - 1);
        if (own > 0) db.remove_spelling(word, own);
    }
}

/// Indexes `doc`'s free text into the generator's document and returns the title as indexed.
/// Title words are indexed twice: with the S prefix for title: queries, and unprefixed with a
/// higher wdf so that plain queries rank title matches first. The termpos gaps keep phrases
/// from matching across fields.
std::string index_free_text(Xapian::TermGenerator& tg, const IndexDocument& doc) {
    const std::string title = split_elisions(doc.title);
    tg.index_text(title, 1, std::string(schema::kTitle));
    tg.increase_termpos();
    tg.index_text(title, schema::kTitleWeight);
    for (const auto& author : doc.authors) {
        tg.increase_termpos();
        tg.index_text(author, 1, std::string(schema::kAuthorText));
        tg.increase_termpos();
        tg.index_text(author);
    }
    // The summary is often the body's first paragraph; indexing it again would double those
    // words' frequencies.
    if (!doc.summary.empty() && doc.body.find(doc.summary) == std::string::npos) {
        tg.increase_termpos();
        tg.index_text(split_elisions(doc.summary));
    }
    tg.increase_termpos();
    tg.index_text(split_elisions(doc.body));
    for (const auto& text : doc.pdf_texts) {
        tg.increase_termpos();
        tg.index_text(split_elisions(text));
    }
    return title;
}

/// The boolean terms the facet filters match: author, year, site, tag, language, type, kind.
void add_filter_terms(Xapian::Document& xdoc, const IndexDocument& doc, const DateParts& date) {
    for (const auto& author : doc.authors)
        if (!author.empty()) xdoc.add_boolean_term(schema::filter_term(schema::kAuthor, author));
    if (!date.year.empty()) xdoc.add_boolean_term(std::string(schema::kYear) + date.year);
    if (!doc.host.empty()) {
        std::string host = schema::filter_term(schema::kSite, doc.host);
        xdoc.add_boolean_term(host);
        // site:example.org should find www.example.org.
        const std::string_view named = std::string_view(host).substr(schema::kSite.size());
        if (const auto bare = schema::bare_host(named); bare != named)
            xdoc.add_boolean_term(std::string(schema::kSite) + std::string(bare));
    }
    for (const auto& tag : doc.tags)
        if (!tag.empty()) xdoc.add_boolean_term(schema::filter_term(schema::kTag, tag));
    if (!doc.language.empty())
        xdoc.add_boolean_term(schema::filter_term(schema::kLanguage, doc.language));
    if (!doc.type.empty()) xdoc.add_boolean_term(schema::filter_term(schema::kType, doc.type));
    if (!doc.kind.empty()) xdoc.add_boolean_term(schema::filter_term(schema::kKind, doc.kind));
}

/// The values: sorting, facets and display without parsing the data. `group`: the document's
/// near-duplicate group.
void add_values(Xapian::Document& xdoc, const IndexDocument& doc, const DateParts& date,
                const std::string& group) {
    const std::string date_value =
        date.year.empty() ? std::string()
                          : date.year + (date.month.empty() ? "00" : date.month) +
                                (date.day.empty() ? "00" : date.day);
    xdoc.add_value(schema::kSlotDate, date_value);
    xdoc.add_value(schema::kSlotOldestFirst, schema::oldest_first_key(date_value));
    xdoc.add_value(schema::kSlotAuthors, join(doc.authors));
    xdoc.add_value(schema::kSlotYear, date.year);
    xdoc.add_value(schema::kSlotSite, doc.site);
    xdoc.add_value(schema::kSlotTags, join(doc.tags));
    xdoc.add_value(schema::kSlotLanguage, doc.language);
    xdoc.add_value(schema::kSlotContentHash, doc.content_hash);
    xdoc.add_value(schema::kSlotHost, schema::filter_term("", doc.host));
    xdoc.add_value(schema::kSlotDupGroup, group);
    xdoc.add_value(schema::kSlotUrl, doc.url);
    xdoc.add_value(schema::kSlotFacets,
                   schema::join_fields({join(doc.authors), date.year,
                                        schema::filter_term("", doc.host), join(doc.tags),
                                        doc.language, schema::filter_term("", doc.type), group,
                                        schema::filter_term("", doc.kind)}));
}

// A pathological band (many pages sharing 16 bits) must not make indexing quadratic.
constexpr Xapian::doccount kMaxCandidatesPerBand = 64;

}  // namespace

struct IndexWriter::Impl {
    std::filesystem::path path;
    Xapian::WritableDatabase db;
    Xapian::TermGenerator generator;
    Xapian::TermGenerator title_words;  // counts a title's words, for add_spelling()
    Xapian::Stem stemmer;  // the configured language's (index.language)
    std::string language;  // its name ("english", "none")
    // Stemmers of the documents' own languages by ISO code (an empty Stem: none in Xapian,
    // so the configured one is used), and the codes recorded in kMetaStemLanguages.
    std::map<std::string, std::optional<Xapian::Stem>> stemmers;
    std::set<std::string> stem_languages;
    // After clear_spelling() only the documents written since hold spelling data of their own.
    bool spelling_cleared = false;
    std::set<std::string> spelled_since_clear;

    /// The indexed document with this unique id term, or 0 when there is none.
    Xapian::docid indexed(const std::string& id_term) const {
        auto it = db.postlist_begin(id_term);
        return it == db.postlist_end(id_term) ? 0 : *it;
    }

    /// Takes the spelling data of `old`, the indexed document `id_term`, back (none when 0).
    void forget_spelling(const std::string& id_term, Xapian::docid old) {
        if (old == 0 || (spelling_cleared && !spelled_since_clear.contains(id_term))) return;
        remove_spelling(db, db.get_document(old));
    }

    /// The stemmer for a document in `code` ("ru", "de"): Xapian's for that language when it
    /// has one and it is not the configured one, else the configured stemmer.
    const Xapian::Stem& stemmer_for(const std::string& code) {
        if (code.empty() || code == "en") return stemmer;
        auto [it, added] = stemmers.try_emplace(code);
        if (added) {
            try {
                Xapian::Stem own(code);
                if (own.get_description() != stemmer.get_description()) it->second = own;
            } catch (const Xapian::InvalidArgumentError&) {
                spdlog::debug("no stemmer for language '{}'; using '{}'", code, language);
            }
        }
        if (!it->second) return stemmer;
        if (stem_languages.insert(code).second) {
            std::string list;
            for (const std::string& lang : stem_languages) list += (list.empty() ? "" : " ") + lang;
            db.set_metadata(std::string(schema::kMetaStemLanguages), list);
        }
        return *it->second;
    }

    /// The near-duplicate group for a document with this signature: that of an indexed
    /// document at least kNearDuplicateSimilarity alike (found through a shared band term),
    /// else its own.
    /// `self`: the older version of this very document (0 when there is none).
    std::string dup_group(const std::string& id, Xapian::docid self,
                          const std::optional<Signature>& signature) const {
        if (!signature) return schema::dup_group_key(id);
        const std::vector<std::uint32_t> keys = signature->band_keys();
        for (std::size_t band = 0; band < keys.size(); ++band) {
            const std::string term = band_term(band, keys[band]);
            Xapian::doccount seen = 0;
            for (auto it = db.postlist_begin(term);
                 it != db.postlist_end(term) && seen < kMaxCandidatesPerBand; ++it, ++seen) {
                if (*it == self) continue;  // the older version of this very document
                Xapian::Document candidate = db.get_document(*it);
                auto other = Signature::from_bytes(candidate.get_value(schema::kSlotMinHash));
                if (other && signature->similarity(*other) >= kNearDuplicateSimilarity)
                    return candidate.get_value(schema::kSlotDupGroup);
            }
        }
        return schema::dup_group_key(id);
    }

    [[noreturn]] void fail(const std::string& what, const Xapian::Error& e) const {
        throw Fatal(what + " in index '" + path.string() + "': " + e.get_description());
    }
};

IndexWriter::IndexWriter(const std::filesystem::path& path, const std::string& language)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    Xapian::Stem stemmer;
    try {
        if (!language.empty() && language != "none") stemmer = Xapian::Stem(language);
    } catch (const Xapian::Error& e) {
        throw ConfigError("unknown index language '" + language + "': " + e.get_msg());
    }
    try {
        impl_->db = Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN);
        impl_->stemmer = stemmer;
        impl_->language = language.empty() ? "none" : language;
        impl_->generator.set_stemmer(stemmer);
        impl_->generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        // CJK text has no spaces between words: index its characters and their pairs. Spelling
        // data, which feeds the searcher's "did you mean", is added by add_spelling().
        impl_->generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
        impl_->title_words.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
        impl_->title_words.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
        const std::string lang = language.empty() ? "none" : language;
        std::string stored = impl_->db.get_metadata(std::string(schema::kMetaLanguage));
        std::istringstream recorded(
            impl_->db.get_metadata(std::string(schema::kMetaStemLanguages)));
        for (std::string code; recorded >> code;) impl_->stem_languages.insert(code);
        if (stored.empty() || impl_->db.get_doccount() == 0) {
            impl_->db.set_metadata(std::string(schema::kMetaLanguage), lang);
            if (impl_->db.get_doccount() == 0) mark_layout_current();
        } else if (stored != lang) {
            spdlog::warn("index '{}' was built with language '{}' but '{}' is configured; "
                         "rebuild it for consistent stemming",
                         path.string(), stored, lang);
        }
    } catch (const Xapian::Error& e) {
        throw Fatal("cannot open index '" + path.string() + "': " + e.get_description());
    }
}

bool IndexWriter::outdated_layout() const {
    return schema::index_layout(get_metadata(std::string(schema::kMetaLayout))) <
           schema::kIndexLayout;
}

void IndexWriter::mark_layout_current() {
    set_metadata(std::string(schema::kMetaLayout), std::to_string(schema::kIndexLayout));
}

void IndexWriter::clear_spelling() {
    try {
        // Read first: the table must not change under its iterator.
        std::vector<std::pair<std::string, Xapian::doccount>> words;
        for (auto w = impl_->db.spellings_begin(); w != impl_->db.spellings_end(); ++w)
            words.emplace_back(*w, w.get_termfreq());
        for (const auto& [word, freq] : words) impl_->db.remove_spelling(word, freq);
        impl_->spelling_cleared = true;
        impl_->spelled_since_clear.clear();
    } catch (const Xapian::Error& e) {
        throw Fatal("cannot write index: " + e.get_description());
    }
}

IndexWriter::~IndexWriter() = default;
IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

void IndexWriter::upsert(const IndexDocument& doc) {
    if (doc.id.empty()) throw Fatal("cannot index a document without an id (url '" + doc.url + "')");
    try {
        Xapian::Document xdoc;
        auto& tg = impl_->generator;
        tg.set_document(xdoc);
        const Xapian::Stem& stemmer = impl_->stemmer_for(doc.language);
        tg.set_stemmer(stemmer);
        const std::string title = index_free_text(tg, doc);
        add_spelling(impl_->db, xdoc, impl_->title_words, title);
        add_folded_terms(xdoc, stemmer);

        const std::string id_term = schema::unique_id_term(doc.id);
        xdoc.add_boolean_term(id_term);
        const std::string id_hash = schema::id_hash(doc.id);
        xdoc.add_value(schema::kSlotIdHash, id_hash);
        xdoc.add_boolean_term(schema::id_hash_term(id_hash));
        const DateParts date = split_date(doc.published);
        if (!doc.published.empty() && date.year.empty())
            spdlog::warn("{}: ignoring unparsable published date '{}'", doc.id, doc.published);
        add_filter_terms(xdoc, doc, date);

        const std::optional<Signature> signature = Signature::of(doc.body);
        const Xapian::docid old = impl_->indexed(id_term);
        const std::string group = impl_->dup_group(doc.id, old, signature);
        xdoc.add_boolean_term(std::string(schema::kDupGroup) + group);
        if (signature) {
            const std::vector<std::uint32_t> keys = signature->band_keys();
            for (std::size_t band = 0; band < keys.size(); ++band)
                xdoc.add_boolean_term(band_term(band, keys[band]));
            xdoc.add_value(schema::kSlotMinHash, signature->bytes());
        }
        add_values(xdoc, doc, date, group);

        xdoc.set_data(encode_stored_document({doc.id, doc.url, doc.title, doc.authors,
                                              doc.published, doc.site, doc.host, doc.summary,
                                              doc.tags, doc.language, doc.type, doc.kind,
                                              doc.body, doc.pdf_urls, doc.pdf_texts}));

        impl_->forget_spelling(id_term, old);
        if (impl_->spelling_cleared) impl_->spelled_since_clear.insert(id_term);
        impl_->db.replace_document(id_term, xdoc);
        spdlog::debug("indexed {}", doc.id);
    } catch (const Xapian::Error& e) {
        impl_->fail("cannot index '" + doc.id + "'", e);
    }
}

bool IndexWriter::remove(const std::string& id) {
    try {
        const std::string term = schema::unique_id_term(id);
        const Xapian::docid old = impl_->indexed(term);
        if (old == 0) return false;
        impl_->forget_spelling(term, old);
        impl_->spelled_since_clear.erase(term);
        impl_->db.delete_document(term);
        return true;
    } catch (const Xapian::Error& e) {
        impl_->fail("cannot remove '" + id + "'", e);
    }
}

std::string IndexWriter::stored_hash(const std::string& id) const {
    try {
        const std::string term = schema::unique_id_term(id);
        auto it = impl_->db.postlist_begin(term);
        if (it == impl_->db.postlist_end(term)) return {};
        return impl_->db.get_document(*it).get_value(schema::kSlotContentHash);
    } catch (const Xapian::Error& e) {
        impl_->fail("cannot read '" + id + "'", e);
    }
}

std::string IndexWriter::get_metadata(const std::string& key) const {
    try {
        return impl_->db.get_metadata(key);
    } catch (const Xapian::Error& e) {
        impl_->fail("cannot read metadata '" + key + "'", e);
    }
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) {
    try {
        impl_->db.set_metadata(key, value);
    } catch (const Xapian::Error& e) {
        impl_->fail("cannot set metadata '" + key + "'", e);
    }
}

void IndexWriter::commit() {
    try {
        impl_->db.commit();
    } catch (const Xapian::Error& e) {
        impl_->fail("cannot commit", e);
    }
}

std::uint32_t IndexWriter::doc_count() const {
    try {
        return impl_->db.get_doccount();
    } catch (const Xapian::Error& e) {
        impl_->fail("cannot count documents", e);
    }
}

}  // namespace thinkdex::indexer
