// tst_storecachedstructure.cpp - every way into the index fills the cached
// ENVELOPE and BODYSTRUCTURE columns
//
// Delivery of bytes (SMTP) and of a spool file (IMAP APPEND), COPY (the
// columns travel with the row, NULL included) and recovery of a file
// found on disk: the columns hold exactly what mime::imapCachedStructure
// makes of the message's own parse (IndexedMessage.h), which is what FETCH
// would compute (tst_imapstructurecache).
#include "mime/ImapStructureCache.h"
#include "mime/MimeParser.h"
#include "store/IndexedMessage.h"
#include "store/MailboxIndex.h"
#include "store/MailboxReader.h"
#include "store/MaildirName.h"
#include "store/Sqlite.h"
#include "StoreTestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::store;
namespace t = mailstead::store::test;

namespace {

const QString kDomain = u"example.test"_s;
const QString kLocal = u"alice"_s;

const QByteArray kMessage = "From: =?utf-8?q?J=C3=B6rg?= <joerg@example.org>\r\n"
                            "To: Zoë <zoe@example.test>\r\n"
                            "Subject: structure\r\n"
                            "Content-Type: multipart/alternative; boundary=b\r\n"
                            "\r\n"
                            "--b\r\n"
                            "Content-Type: text/plain\r\n"
                            "\r\n"
                            "plain\r\n"
                            "--b\r\n"
                            "Content-Type: text/html\r\n"
                            "\r\n"
                            "<p>html</p>\r\n"
                            "--b--\r\n";

const QByteArray kAscii = "From: a@example.org\nSubject: ascii\n\nbody\n";

mime::ImapCachedStructure expectedOf(const QByteArray &bytes) {
    return mime::imapCachedStructure(mime::parseMessage(bytes));
}

} // namespace

class TestStoreCachedStructure : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void indexMessageParsesOnce();
    void deliveryFillsColumns_data();
    void deliveryFillsColumns();
    void copyCarriesColumns();
    void recoveryFillsColumns();

private:
    QString mailboxDir() const { return m_store->vmailDir() + u"/example.test/alice"_s; }
    quint32 deliver(const QByteArray &bytes, bool spool);
    void compareColumns(const QString &folder, quint32 uid, const QByteArray &bytes);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
};

void TestStoreCachedStructure::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    QVERIFY(m_store->ensureMailbox(kDomain, kLocal));
}

void TestStoreCachedStructure::cleanup() {
    m_store.reset();
    m_dir.reset();
}

quint32 TestStoreCachedStructure::deliver(const QByteArray &bytes, bool spool) {
    DeliveryRequest request = t::request({t::recipient(kDomain, kLocal)}, bytes);
    if (spool) {
        // As IMAP APPEND hands a message over (ImapSessionAppend.cpp).
        const QString path = m_store->newSpoolPath();
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return 0;
        file.close();
        request.message = MessageData::fromSpoolFile(path);
    }
    const DeliveryResult result = m_store->deliverAndWait(request).first();
    return result.ok() ? result.uid : 0;
}

void TestStoreCachedStructure::compareColumns(const QString &folder, quint32 uid,
                                              const QByteArray &bytes) {
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    QVERIFY(reader);
    const std::optional<FolderInfo> info = reader->folder(folder);
    QVERIFY(info);
    const MailboxReader::CachedStructure stored = reader->cachedStructure(*info, uid);
    const mime::ImapCachedStructure expected = expectedOf(bytes);
    QVERIFY(!expected.envelope.isEmpty());
    QVERIFY(!expected.bodyStructure.isEmpty());
    QCOMPARE(stored.envelope, expected.envelope);
    QCOMPARE(stored.bodyStructure, expected.bodyStructure);
}

void TestStoreCachedStructure::indexMessageParsesOnce() {
    const IndexedMessage indexed = indexMessage(kMessage);
    QCOMPARE(indexed.envelope, expectedOf(kMessage).envelope);
    QCOMPARE(indexed.bodyStructure, expectedOf(kMessage).bodyStructure);
    const IndexedText text = extractIndexedText(kMessage);
    QCOMPARE(indexed.text.subject, text.subject);
    QCOMPARE(indexed.text.from, text.from);
    QCOMPARE(indexed.text.headers, text.headers);
    QCOMPARE(indexed.text.body, text.body);
}

void TestStoreCachedStructure::deliveryFillsColumns_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("spool");
    QTest::newRow("bytes, 8-bit") << kMessage << false;
    QTest::newRow("spool file, 8-bit") << kMessage << true;
    QTest::newRow("bytes, bare LF") << kAscii << false;
    QTest::newRow("spool file, bare LF") << kAscii << true;
}

void TestStoreCachedStructure::deliveryFillsColumns() {
    QFETCH(QByteArray, message);
    QFETCH(bool, spool);
    const quint32 uid = deliver(message, spool);
    QVERIFY(uid != 0);
    compareColumns(u"INBOX"_s, uid, message);
}

void TestStoreCachedStructure::copyCarriesColumns() {
    const quint32 first = deliver(kMessage, false);
    const quint32 second = deliver(kAscii, false);
    QVERIFY(first != 0 && second != 0);
    // The second row as an older index left it.
    m_store->close();
    {
        SqliteDb db;
        QVERIFY(db.open(mailboxDir() + u"/index.db"_s, SqliteDb::Mode::Writer, nullptr));
        SqliteStatement clear(db, "UPDATE messages SET envelope=NULL, bodystructure=NULL"
                                  " WHERE uid=?");
        clear.bind(1, qint64(second));
        QVERIFY(clear.run());
    }
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    QList<quint32> copied;
    QList<MailboxIndex::Assigned> assigned;
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [&](MailboxIndex &index) {
        index.copyMessages(u"INBOX"_s, {first, second}, u"Archive"_s, &copied, &assigned, nullptr);
        return QStringList{u"Archive"_s};
    }));
    QCOMPARE(assigned.size(), 2);
    compareColumns(u"Archive"_s, assigned.at(0).uid, kMessage);
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    const MailboxReader::CachedStructure stillNull =
        reader->cachedStructure(*reader->folder(u"Archive"_s), assigned.at(1).uid);
    QVERIFY(stillNull.envelope.isEmpty());
    QVERIFY(stillNull.bodyStructure.isEmpty());
}

void TestStoreCachedStructure::recoveryFillsColumns() {
    // Linked and synced, then the process died before COMMIT.
    const QString name = MaildirName::uniqueBaseName(kMessage.size(), kMessage.size());
    QFile file(mailboxDir() + u"/new/"_s + name);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kMessage);
    file.close();
    m_store->close();
    QVERIFY(t::markIndexUnclean(mailboxDir()));
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    const QList<MessageInfo> inbox = reader->messages(u"INBOX"_s);
    QCOMPARE(inbox.size(), 1);
    QCOMPARE(inbox.first().fileName, u"new/"_s + name);
    compareColumns(u"INBOX"_s, inbox.first().uid, kMessage);
}

QTEST_GUILESS_MAIN(TestStoreCachedStructure)
#include "tst_storecachedstructure.moc"
