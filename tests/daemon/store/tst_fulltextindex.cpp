// tst_fulltextindex.cpp - the full-text index follows the messages
//
// Real messages (encoded-word subjects, quoted-printable and base64
// bodies, HTML, multipart) are delivered through MessageStore; each test
// then searches through MailboxReader::searchText after a delivery, an
// expunge, a copy, a folder delete, a crash recovery and an upgrade of a
// schema version 1 index.
#include "store/MailboxIndex.h"
#include "store/MailboxReader.h"
#include "store/MaildirName.h"
#include "store/Sqlite.h"
#include "StoreTestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::store;
namespace t = mailstead::store::test;

Q_DECLARE_METATYPE(mailstead::store::TextField)

namespace {

const QString kDomain = u"example.test"_s;
const QString kLocal = u"alice"_s;

// uid 1: encoded-word subject, quoted-printable latin-1 body.
const QByteArray kQuotedPrintable = "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@example.org>\r\n"
                                    "To: Alice <alice@example.test>\r\n"
                                    "Subject: =?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=\r\n"
                                    "MIME-Version: 1.0\r\n"
                                    "Content-Type: text/plain; charset=iso-8859-1\r\n"
                                    "Content-Transfer-Encoding: quoted-printable\r\n"
                                    "\r\n"
                                    "Die Stra=DFenbahn f=E4hrt um acht.\r\n";

// uid 2: multipart with an HTML part in base64 and an attachment.
const QByteArray kMultipart = "From: Bob <bob@example.org>\n"
                              "To: alice@example.test\n"
                              "Cc: Carol <carol@example.net>\n"
                              "Bcc: dave@example.com\n"
                              "Subject: Quarterly report\n"
                              "MIME-Version: 1.0\n"
                              "Content-Type: multipart/mixed; boundary=\"b1\"\n"
                              "\n"
                              "--b1\n"
                              "Content-Type: text/html; charset=utf-8\n"
                              "Content-Transfer-Encoding: base64\n"
                              "\n"
                              // <p>Revenue <b>grew</b> by 12%</p>
                              "PHA+UmV2ZW51ZSA8Yj5ncmV3PC9iPiBieSAxMiU8L3A+\n"
                              "--b1\n"
                              "Content-Type: application/octet-stream\n"
                              "Content-Transfer-Encoding: base64\n"
                              "\n"
                              "c2VjcmV0YXR0YWNobWVudA==\n"
                              "--b1--\n";

// uid 3: plain ASCII.
const QByteArray kPlain = "From: carol@example.net\r\n"
                          "To: alice@example.test\r\n"
                          "Subject: Lunch?\r\n"
                          "X-Mood: hungry\r\n"
                          "\r\n"
                          "Shall we meet at noon?\r\n";

QList<quint32> sorted(const std::optional<QSet<quint32>> &set) {
    QList<quint32> out = set ? QList<quint32>(set->cbegin(), set->cend()) : QList<quint32>{0};
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class TestFullTextIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void deliveryIsIndexed_data();
    void deliveryIsIndexed();
    void searchTextIsOnePhrase();
    void tooLongSearchIsNotAnswered();
    void expungeRemovesText();
    void copyCopiesText();
    void folderDeleteRemovesText();
    void recoveredFileIsIndexed();
    void versionOneIndexIsUpgraded();

private:
    QString mailboxDir() const { return m_store->vmailDir() + u"/example.test/alice"_s; }
    void deliver(const QByteArray &bytes);
    qint64 textRows();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
};

void TestFullTextIndex::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    QVERIFY(m_store->ensureMailbox(kDomain, kLocal));
    deliver(kQuotedPrintable);
    deliver(kMultipart);
    deliver(kPlain);
}

void TestFullTextIndex::cleanup() {
    m_store.reset();
    m_dir.reset();
}

void TestFullTextIndex::deliver(const QByteArray &bytes) {
    const QList<DeliveryResult> results =
        m_store->deliverAndWait(t::request({t::recipient(kDomain, kLocal)}, bytes));
    QCOMPARE(results.size(), 1);
    QVERIFY(results.first().ok());
}

qint64 TestFullTextIndex::textRows() {
    SqliteDb db;
    QString error;
    if (!db.open(mailboxDir() + u"/index.db"_s, SqliteDb::Mode::Reader, &error))
        return -1;
    SqliteStatement count(db, "SELECT COUNT(*) FROM message_text");
    return count.next() ? count.int64(0) : -1;
}

void TestFullTextIndex::deliveryIsIndexed_data() {
    QTest::addColumn<TextField>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<quint32>>("uids");

    QTest::newRow("decoded subject") << TextField::Subject << u"grüße aus"_s << QList<quint32>{1};
    QTest::newRow("subject other case") << TextField::Subject << u"KÖLN"_s << QList<quint32>{1};
    QTest::newRow("subject not in body") << TextField::Body << u"Köln"_s << QList<quint32>{};
    QTest::newRow("qp latin-1 body")
        << TextField::Body << u"straßenbahn fährt"_s << QList<quint32>{1};
    QTest::newRow("html as text") << TextField::Body << u"revenue grew by 12%"_s
                                  << QList<quint32>{2};
    QTest::newRow("no html tags") << TextField::Body << u"<b>"_s << QList<quint32>{};
    QTest::newRow("attachment not text")
        << TextField::Body << u"secretattachment"_s << QList<quint32>{};
    QTest::newRow("decoded from") << TextField::From << u"jürgen müller"_s << QList<quint32>{1};
    QTest::newRow("from address") << TextField::From << u"@example.org"_s << QList<quint32>{1, 2};
    QTest::newRow("to") << TextField::To << u"ALICE@"_s << QList<quint32>{1, 2, 3};
    QTest::newRow("cc") << TextField::Cc << u"carol"_s << QList<quint32>{2};
    QTest::newRow("bcc") << TextField::Bcc << u"dave@"_s << QList<quint32>{2};
    QTest::newRow("text finds headers")
        << TextField::Text << u"x-mood: hungry"_s << QList<quint32>{3};
    QTest::newRow("text finds bodies") << TextField::Text << u"noon"_s << QList<quint32>{3};
    QTest::newRow("headers only") << TextField::Headers << u"noon"_s << QList<quint32>{};
    QTest::newRow("two characters") << TextField::Subject << u"ch"_s << QList<quint32>{3};
    QTest::newRow("one character") << TextField::Body << u"%"_s << QList<quint32>{2};
    QTest::newRow("short non-ascii") << TextField::Subject << u"ÖL"_s << QList<quint32>{1};
    QTest::newRow("empty matches all") << TextField::Body << QString() << QList<quint32>{1, 2, 3};
    QTest::newRow("absent") << TextField::Text << u"zebra"_s << QList<quint32>{};
}

void TestFullTextIndex::deliveryIsIndexed() {
    QFETCH(TextField, field);
    QFETCH(QString, text);
    QFETCH(QList<quint32>, uids);
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    QVERIFY(reader);
    QCOMPARE(sorted(reader->searchText(u"INBOX"_s, field, text)), uids);
}

// FTS5 query syntax in the search string is text, not syntax.
void TestFullTextIndex::searchTextIsOnePhrase() {
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    QCOMPARE(sorted(reader->searchText(u"INBOX"_s, TextField::Text, u"lunch\" OR \"noon"_s)),
             QList<quint32>{});
    QCOMPARE(sorted(reader->searchText(u"INBOX"_s, TextField::Text, u"NEAR(a b)"_s)),
             QList<quint32>{});
    QCOMPARE(sorted(reader->searchText(u"INBOX"_s, TextField::Subject, u"Lunch?"_s)),
             QList<quint32>{3});
    QCOMPARE(sorted(reader->searchText(u"Junk"_s, TextField::Text, u"noon"_s)), QList<quint32>{});
}

void TestFullTextIndex::tooLongSearchIsNotAnswered() {
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    QVERIFY(
        !reader->searchText(u"INBOX"_s, TextField::Text, QString(maxSearchTextChars + 1, u'a')));
    QVERIFY(reader->searchText(u"INBOX"_s, TextField::Text, QString(maxSearchTextChars, u'a')));
}

void TestFullTextIndex::expungeRemovesText() {
    QCOMPARE(textRows(), qint64(3));
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [](MailboxIndex &index) {
        QString error;
        return index.expunge(u"INBOX"_s, {3}, nullptr, &error) ? QStringList{u"INBOX"_s}
                                                               : QStringList();
    }));
    QCOMPARE(textRows(), qint64(2));
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    QCOMPARE(sorted(reader->searchText(u"INBOX"_s, TextField::Text, u"noon"_s)), QList<quint32>{});
    QCOMPARE(sorted(reader->searchText(u"INBOX"_s, TextField::Body, u"revenue"_s)),
             QList<quint32>{2});
}

void TestFullTextIndex::copyCopiesText() {
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [](MailboxIndex &index) {
        QString error;
        return index.copyMessages(u"INBOX"_s, {2, 3}, u"Archive"_s, nullptr, nullptr, &error)
                   ? QStringList{u"Archive"_s}
                   : QStringList();
    }));
    QCOMPARE(textRows(), qint64(5));
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    QCOMPARE(sorted(reader->searchText(u"Archive"_s, TextField::Body, u"revenue"_s)),
             QList<quint32>{1});
    QCOMPARE(sorted(reader->searchText(u"Archive"_s, TextField::Subject, u"lunch"_s)),
             QList<quint32>{2});
    QCOMPARE(sorted(reader->searchText(u"INBOX"_s, TextField::Subject, u"lunch"_s)),
             QList<quint32>{3});
}

void TestFullTextIndex::folderDeleteRemovesText() {
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [](MailboxIndex &index) {
        QString error;
        const bool ok =
            index.createFolder(u"Project"_s, QString(), &error) &&
            index.copyMessages(u"INBOX"_s, {1, 2, 3}, u"Project"_s, nullptr, nullptr, &error);
        return ok ? QStringList{u"Project"_s} : QStringList();
    }));
    QCOMPARE(textRows(), qint64(6));
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [](MailboxIndex &index) {
        QString error;
        return index.deleteFolder(u"Project"_s, &error) ? QStringList{u"Project"_s} : QStringList();
    }));
    QCOMPARE(textRows(), qint64(3));
}

void TestFullTextIndex::recoveredFileIsIndexed() {
    const QByteArray bytes = "Subject: found after a crash\r\n\r\nrecovered words\r\n";
    QFile file(mailboxDir() + u"/new/"_s + MaildirName::uniqueBaseName(-1, -1));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    m_store->close();
    QVERIFY(t::markIndexUnclean(mailboxDir()));
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    QCOMPARE(sorted(reader->searchText(u"INBOX"_s, TextField::Body, u"recovered wor"_s)),
             QList<quint32>{4});
    QCOMPARE(sorted(reader->searchText(u"INBOX"_s, TextField::Subject, u"a crash"_s)),
             QList<quint32>{4});
}

// An index written by the version 1 schema has no text table: the upgrade
// creates it and indexes the stored files.
void TestFullTextIndex::versionOneIndexIsUpgraded() {
    m_store->close();
    {
        SqliteDb db;
        QString error;
        QVERIFY(db.open(mailboxDir() + u"/index.db"_s, SqliteDb::Mode::Writer, &error));
        QVERIFY(db.exec("DROP TABLE message_text;"
                        "DELETE FROM meta WHERE key='text_index';"
                        "UPDATE meta SET value='1' WHERE key='schema_version'",
                        &error));
    }
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    QCOMPARE(textRows(), qint64(3));
    QCOMPARE(sorted(reader->searchText(u"INBOX"_s, TextField::Body, u"straßenbahn"_s)),
             QList<quint32>{1});
    QCOMPARE(sorted(reader->searchText(u"INBOX"_s, TextField::Text, u"x-mood"_s)),
             QList<quint32>{3});
    SqliteDb db;
    QString error;
    QVERIFY(db.open(mailboxDir() + u"/index.db"_s, SqliteDb::Mode::Reader, &error));
    SqliteStatement version(db, "SELECT value FROM meta WHERE key='schema_version'");
    QVERIFY(version.next());
    QCOMPARE(version.text(0), u"2"_s);
}

QTEST_GUILESS_MAIN(TestFullTextIndex)
#include "tst_fulltextindex.moc"
