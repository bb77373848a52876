#include "thinkdex/indexer/index_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "test_util.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/schema.hpp"

namespace thinkdex::indexer {
namespace {

IndexDocument sample() {
    IndexDocument d;
    d.id = "https://eurasia-policy-digest.blogspot.com/2025/08/sino-russian.html";
    d.url = d.id;
    d.title = "Sino-Russian Relations in Central Asia";
    d.authors = {"Natasha Kuhrt", "John  Smith"};
    d.published = "2025-08-26";
    d.body = "Russia and China have a comprehensive strategic partnership.";
    d.summary = "Russia continues to wield influence.";
    d.site = "Eurasia Policy Digest";
    d.host = "www.Eurasia-Policy-Digest.blogspot.com";
    d.tags = {"Central Asia", "SCO"};
    d.language = "en";
    d.content_hash = "abc123";
    return d;
}

std::vector<std::string> terms_of(const Xapian::Document& doc) {
    std::vector<std::string> out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) out.push_back(*it);
    return out;
}

bool has(const std::vector<std::string>& terms, const std::string& term) {
    return std::find(terms.begin(), terms.end(), term) != terms.end();
}

TEST(IndexWriter, UpsertTwiceKeepsOneDocumentWithTheNewContent) {
    test::TempDir dir;
    IndexWriter writer(dir.path() / "index", "english");
    auto doc = sample();
    writer.upsert(doc);
    writer.commit();
    doc.body = "Entirely different text about glaciers.";
    doc.content_hash = "def456";
    writer.upsert(doc);
    writer.commit();
    EXPECT_EQ(writer.doc_count(), 1u);
    EXPECT_EQ(writer.stored_hash(doc.id), "def456");

    Xapian::Database db((dir.path() / "index").string());
    EXPECT_EQ(db.get_doccount(), 1u);
    EXPECT_EQ(db.get_termfreq("Zglacier"), 1u);  // stemmed
    EXPECT_EQ(db.get_termfreq("partnership"), 0u);
}

TEST(IndexWriter, RemoveAndStoredHash) {
    test::TempDir dir;
    IndexWriter writer(dir.path() / "index", "english");
    auto doc = sample();
    EXPECT_EQ(writer.stored_hash(doc.id), "");
    writer.upsert(doc);
    EXPECT_EQ(writer.stored_hash(doc.id), "abc123");
    auto other = sample();
    other.id = "https://example.org/other";
    writer.upsert(other);
    writer.commit();
    EXPECT_EQ(writer.doc_count(), 2u);
    EXPECT_TRUE(writer.remove(doc.id));
    EXPECT_FALSE(writer.remove(doc.id));
    EXPECT_FALSE(writer.remove("https://example.org/never"));
    writer.commit();
    EXPECT_EQ(writer.doc_count(), 1u);
    EXPECT_EQ(writer.stored_hash(doc.id), "");
    EXPECT_EQ(writer.stored_hash(other.id), "abc123");
}

TEST(IndexWriter, MetadataSurvivesReopening) {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path() / "index", "english");
        writer.set_metadata("thinkdex:last_index", "2025-01-02T03:04:05Z");
        writer.commit();
    }
    IndexWriter writer(dir.path() / "index", "english");
    EXPECT_EQ(writer.get_metadata("thinkdex:last_index"), "2025-01-02T03:04:05Z");
    EXPECT_EQ(writer.get_metadata(std::string(schema::kMetaLanguage)), "english");
    EXPECT_EQ(writer.get_metadata("missing"), "");
}

TEST(IndexWriter, ANewIndexHasTheCurrentLayoutAnOldOneIsOutdated) {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path() / "index", "english");
        EXPECT_FALSE(writer.outdated_layout());
        writer.upsert(sample());
        writer.set_metadata(std::string(schema::kMetaLayout), "");  // as before layouts
        writer.commit();
    }
    IndexWriter writer(dir.path() / "index", "english");
    EXPECT_TRUE(writer.outdated_layout());  // reopening a non-empty index does not upgrade it
    writer.mark_layout_current();
    EXPECT_FALSE(writer.outdated_layout());
    EXPECT_EQ(schema::index_layout("7"), 7);
    EXPECT_EQ(schema::index_layout("x"), 1);
}

TEST(IndexWriter, WritesTheSchemaTermsValuesAndData) {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path() / "index", "english");
        writer.upsert(sample());
        writer.commit();
    }
    Xapian::Database db((dir.path() / "index").string());
    auto post = db.postlist_begin(schema::unique_id_term(sample().id));
    ASSERT_NE(post, db.postlist_end(schema::unique_id_term(sample().id)));
    Xapian::Document doc = db.get_document(*post);
    auto terms = terms_of(doc);
    for (const char* term :
         {"Anatasha kuhrt", "Ajohn smith", "Y2025", "Hwww.eurasia-policy-digest.blogspot.com",
          "Heurasia-policy-digest.blogspot.com", "Kcentral asia", "Ksco", "Len", "Thtml", "Ssino",
          "ZSrelat", "XAkuhrt", "central", "Zstrateg", "Zinfluenc"})
        EXPECT_TRUE(has(terms, term)) << term;
    // Title words carry more weight than body words.
    Xapian::termcount title_wdf = 0, body_wdf = 0;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        if (*it == "central") title_wdf = it.get_wdf();
        if (*it == "comprehens") body_wdf = it.get_wdf();
    }
    EXPECT_GT(title_wdf, body_wdf);
    // Positions, for phrase search.
    EXPECT_NE(db.positionlist_begin(*post, "partnership"),
              db.positionlist_end(*post, "partnership"));
    EXPECT_EQ(doc.get_value(schema::kSlotDate), "20250826");
    EXPECT_EQ(doc.get_value(schema::kSlotYear), "2025");
    EXPECT_EQ(doc.get_value(schema::kSlotAuthors), std::string("Natasha Kuhrt\x1fJohn  Smith"));
    EXPECT_EQ(doc.get_value(schema::kSlotSite), "Eurasia Policy Digest");
    EXPECT_EQ(doc.get_value(schema::kSlotTags), std::string("Central Asia\x1fSCO"));
    EXPECT_EQ(doc.get_value(schema::kSlotLanguage), "en");
    EXPECT_EQ(doc.get_value(schema::kSlotContentHash), "abc123");
    EXPECT_EQ(doc.get_value(schema::kSlotHost), "www.eurasia-policy-digest.blogspot.com");
    auto data = nlohmann::json::parse(doc.get_data());
    EXPECT_EQ(data["title"], "Sino-Russian Relations in Central Asia");
    EXPECT_EQ(data["authors"][0], "Natasha Kuhrt");
    EXPECT_EQ(data["published"], "2025-08-26");
    EXPECT_EQ(data["url"], sample().url);
    EXPECT_EQ(data["body"], sample().body);
    // Spelling data, for "did you mean".
    EXPECT_EQ(db.get_spelling_suggestion("partnershp"), "partnership");
}

/// Each word of the spelling data of `db` with its frequency.
std::vector<std::string> spellings(const Xapian::Database& db) {
    std::vector<std::string> out;
    for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s)
        out.push_back(*s + " " + std::to_string(s.get_termfreq()));
    return out;
}

// The writer adds each word's spelling data once a document, with its count, not once an
// occurrence as Xapian's FLAG_SPELLING does; the table must come out the same: title words
// counted once an occurrence despite their weight, prefixed terms, stems and folded twins left
// out, CJK n-grams in.
TEST(IndexWriter, SpellingDataIsWhatFlagSpellingWouldWrite) {
    test::TempDir dir;
    IndexDocument doc = sample();
    doc.title = "Grain grain exports 北京粮食";
    doc.authors = {"Ana Grain"};
    doc.summary = "Exports rose.";
    doc.body = "Grain exports rose; grain café prices in 北京 fell. " + std::string(80, 'x');
    doc.pdf_texts = {"grain"};
    {
        IndexWriter writer(dir.path() / "index", "english");
        writer.upsert(doc);
        writer.commit();
    }
    Xapian::WritableDatabase expected((dir.path() / "expected").string(), Xapian::DB_CREATE);
    Xapian::TermGenerator tg;
    tg.set_database(expected);
    tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING | Xapian::TermGenerator::FLAG_CJK_NGRAM);
    Xapian::Document scratch;
    tg.set_document(scratch);
    tg.index_text(doc.title, schema::kTitleWeight);
    tg.index_text(doc.authors[0]);
    tg.index_text(doc.summary);
    tg.index_text(doc.body);
    tg.index_text(doc.pdf_texts[0]);
    expected.commit();

    Xapian::Database db((dir.path() / "index").string());
    EXPECT_EQ(spellings(db), spellings(expected));
    const std::vector<std::string> words = spellings(db);
    EXPECT_TRUE(has(words, "grain 6"));  // 2 in the title, not 2 times its weight
    EXPECT_TRUE(has(words, "café 1"));
    EXPECT_FALSE(has(words, "cafe 1"));  // a folded twin
}

/// The spelling data of an index holding just `docs`, written in that order.
std::vector<std::string> spellings_of(const std::filesystem::path& path,
                                      const std::vector<IndexDocument>& docs) {
    {
        IndexWriter writer(path, "english");
        for (const IndexDocument& doc : docs) writer.upsert(doc);
        writer.commit();
    }
    return spellings(Xapian::Database(path.string()));
}

// Xapian keeps a word's spelling frequency when its document is replaced or deleted; the
// writer takes the old version's words back, so a nightly update leaves the table as a fresh
// index of the same pages would have it.
TEST(IndexWriter, ReplacedAndRemovedDocumentsTakeTheirSpellingDataBack) {
    test::TempDir dir;
    IndexDocument first = sample();
    first.title = "Grain café Québec grain";
    first.body = "Grain cafe prices café rose in Québec. " + std::string(80, 'x');
    IndexDocument changed = first;
    changed.title = "Wheat exports";
    changed.body = "Wheat exports fell; grain stayed. " + std::string(80, 'y');
    IndexDocument other = sample();
    other.id = other.url = "https://example.org/other";
    other.title = "Grain markets";
    other.body = "Grain markets in Québec. " + std::string(80, 'z');

    const auto expected = spellings_of(dir.path() / "expected", {other, changed});
    const auto path = dir.path() / "index";
    {
        IndexWriter writer(path, "english");
        writer.upsert(first);
        writer.upsert(other);
        writer.commit();
        writer.upsert(changed);
        writer.commit();
    }
    EXPECT_EQ(spellings(Xapian::Database(path.string())), expected);
    ASSERT_TRUE(has(expected, "grain 3"));  // one in changed, two in other

    {
        IndexWriter writer(path, "english");
        EXPECT_TRUE(writer.remove(changed.id));
        writer.commit();
    }
    EXPECT_EQ(spellings(Xapian::Database(path.string())),
              spellings_of(dir.path() / "other", {other}));
}

// A rebuild empties the table and writes every document again: the old versions' words are
// gone already and must not be taken back twice, but a page written twice in one rebuild is.
TEST(IndexWriter, AfterClearingSpellingOnlyWhatWasWrittenSinceIsTakenBack) {
    test::TempDir dir;
    IndexDocument doc = sample();
    doc.title = "Grain exports";
    doc.body = "Grain exports rose. " + std::string(80, 'x');
    const auto expected = spellings_of(dir.path() / "expected", {doc});
    const auto path = dir.path() / "index";
    spellings_of(path, {doc});
    {
        IndexWriter writer(path, "english");
        writer.clear_spelling();
        writer.upsert(doc);
        writer.upsert(doc);
        writer.commit();
    }
    EXPECT_EQ(spellings(Xapian::Database(path.string())), expected);
}

TEST(IndexWriter, PartialAndBadDates) {
    test::TempDir dir;
    IndexWriter writer(dir.path() / "index", "english");
    auto doc = sample();
    doc.published = "2024-03";
    writer.upsert(doc);
    auto year_only = sample();
    year_only.id = "year-only";
    year_only.published = "2023";
    writer.upsert(year_only);
    auto bad = sample();
    bad.id = "bad";
    bad.published = "March 2023";
    writer.upsert(bad);
    writer.commit();
    Xapian::Database db((dir.path() / "index").string());
    auto value = [&](const std::string& id) {
        return db.get_document(*db.postlist_begin(schema::unique_id_term(id)))
            .get_value(schema::kSlotDate);
    };
    EXPECT_EQ(value(doc.id), "20240300");
    EXPECT_EQ(value("year-only"), "20230000");
    EXPECT_EQ(value("bad"), "");
    EXPECT_EQ(db.get_termfreq("Y2024"), 1u);
    EXPECT_EQ(db.get_termfreq("Y2023"), 1u);
    // Month and day terms are not written: nothing queries them (dates are slot ranges).
    EXPECT_FALSE(db.allterms_begin("M") != db.allterms_end("M"));
    EXPECT_FALSE(db.allterms_begin("D") != db.allterms_end("D"));
}

TEST(IndexWriter, LongBodyIsStoredCutAtACharacterBoundary) {
    test::TempDir dir;
    IndexWriter writer(dir.path() / "index", "none");
    auto doc = sample();
    doc.body = std::string(schema::kStoredBodyBytes - 1, 'a') + "é and more words";
    writer.upsert(doc);
    writer.commit();
    Xapian::Database db((dir.path() / "index").string());
    auto data = nlohmann::json::parse(db.get_document(1).get_data());
    EXPECT_EQ(data["body"].get<std::string>(), std::string(schema::kStoredBodyBytes - 1, 'a'));
    // Still indexed in full, and unstemmed with "none".
    EXPECT_EQ(db.get_termfreq("words"), 1u);
    EXPECT_EQ(db.get_termfreq("Zword"), 0u);
}

TEST(IndexWriter, ErrorsCarryContext) {
    test::TempDir dir;
    test::write_file(dir.path() / "file", "not a directory");
    try {
        IndexWriter writer(dir.path() / "file" / "index", "english");
        FAIL() << "expected Fatal";
    } catch (const Fatal& e) {
        EXPECT_NE(std::string(e.what()).find("cannot open index '" +
                                             (dir.path() / "file" / "index").string() + "'"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(IndexWriter(dir.path() / "index", "klingon"), ConfigError);

    IndexWriter writer(dir.path() / "index", "english");
    auto doc = sample();
    doc.id.clear();
    EXPECT_THROW(writer.upsert(doc), Fatal);
    // A second writer on the same database is refused while the first holds the lock.
    try {
        IndexWriter second(dir.path() / "index", "english");
        FAIL() << "expected Fatal";
    } catch (const Fatal& e) {
        EXPECT_NE(std::string(e.what()).find("cannot open index"), std::string::npos);
    }
}

}  // namespace
}  // namespace thinkdex::indexer

namespace thinkdex::indexer {
namespace {


IndexDocument publication(const std::string& id, std::string body) {
    IndexDocument d;
    d.id = id;
    d.url = id;
    d.title = "A brief";
    d.host = id.substr(8, id.find('/', 8) - 8);
    d.body = std::move(body);
    return d;
}

std::string group_of(const Xapian::Database& db, const std::string& id) {
    auto it = db.postlist_begin(schema::unique_id_term(id));
    if (it == db.postlist_end(schema::unique_id_term(id))) return "(missing)";
    Xapian::Document doc = db.get_document(*it);
    const std::string group = doc.get_value(schema::kSlotDupGroup);
    EXPECT_TRUE(has(terms_of(doc), std::string(schema::kDupGroup) + group)) << id;
    return group;
}

TEST(IndexWriterNearDuplicates, MirrorWithAFewChangedWordsJoinsTheOriginalsGroup) {
    test::TempDir dir;
    const std::string original = test::prose(7, 600);
    std::string mirror = "Mirrored from the institute's site. " + original +
                         " No comments: Post a Comment. Newer Post Older Post Home";
    mirror.replace(mirror.find("policy"), 6, "politics");
    {
        IndexWriter writer(dir.path() / "index", "english");
        writer.upsert(publication("https://institute.example/brief", original));
        writer.upsert(publication("https://blog.example/2025/08/brief.html", mirror));
        writer.upsert(publication("https://institute.example/other", test::prose(8, 600)));
        writer.commit();
    }
    Xapian::Database db((dir.path() / "index").string());
    const std::string group = group_of(db, "https://institute.example/brief");
    EXPECT_EQ(group, schema::dup_group_key("https://institute.example/brief"));
    EXPECT_EQ(group_of(db, "https://blog.example/2025/08/brief.html"), group);
    EXPECT_EQ(db.get_termfreq(std::string(schema::kDupGroup) + group), 2u);
    EXPECT_EQ(group_of(db, "https://institute.example/other"),
              schema::dup_group_key("https://institute.example/other"));
}

TEST(IndexWriterNearDuplicates, ShortTextsAndRewrittenTextsStayApart) {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path() / "index", "english");
        // Two identical stubs: too short for a fingerprint to say they are the same work.
        writer.upsert(publication("https://a.example/stub", "Page not found. Go home."));
        writer.upsert(publication("https://b.example/stub", "Page not found. Go home."));
        // Same vocabulary, different text.
        writer.upsert(publication("https://a.example/long", test::prose(1, 600)));
        writer.upsert(publication("https://b.example/long", test::prose(2, 600)));
        writer.commit();
    }
    Xapian::Database db((dir.path() / "index").string());
    EXPECT_NE(group_of(db, "https://a.example/stub"), group_of(db, "https://b.example/stub"));
    EXPECT_NE(group_of(db, "https://a.example/long"), group_of(db, "https://b.example/long"));
}

TEST(IndexWriterNearDuplicates, ReindexingTheFounderKeepsItsGroupAndAChangedTextLeavesIt) {
    test::TempDir dir;
    const std::string text = test::prose(3, 400);
    IndexWriter writer(dir.path() / "index", "english");
    writer.upsert(publication("https://a.example/p", text));
    writer.upsert(publication("https://b.example/p", text + " Share this."));
    writer.commit();
    writer.upsert(publication("https://a.example/p", text));  // unchanged re-extraction
    writer.commit();
    {
        Xapian::Database db((dir.path() / "index").string());
        EXPECT_EQ(group_of(db, "https://a.example/p"), group_of(db, "https://b.example/p"));
    }
    writer.upsert(publication("https://b.example/p", test::prose(4, 400)));  // rewritten
    writer.commit();
    Xapian::Database db((dir.path() / "index").string());
    EXPECT_NE(group_of(db, "https://a.example/p"), group_of(db, "https://b.example/p"));
    EXPECT_EQ(group_of(db, "https://b.example/p"), schema::dup_group_key("https://b.example/p"));
}

}  // namespace
}  // namespace thinkdex::indexer
