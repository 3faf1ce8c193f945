// tst_imapstructurecache.cpp - ENVELOPE, BODY and BODYSTRUCTURE from the
// index equal what FETCH computes from the file
//
// For the FETCH test messages (ImapSampleMessages.h), the MIME sample
// messages (tests/daemon/mime/messages: nested message/rfc822,
// multipart/alternative, encoded words, 8-bit headers, RFC 2231, malformed
// boundaries) and a message/global with UTF-8 headers, in each session
// variant (IMAP4rev1, UTF8=ACCEPT, IMAP4rev2): the cached columns give the
// computed bytes, and BODY derived from the cached BODYSTRUCTURE equals
// the computed BODY. Then through a store: a delivered message is
// answered from its index row without reading the file; a NULL column, or
// one this code cannot read, falls back to the file.
#include "imap/ImapCommandParser.h"
#include "imap/ImapFetchResponder.h"
#include "imap/ImapMessageView.h"
#include "ImapSampleMessages.h"
#include "mime/ImapStructureCache.h"
#include "mime/MimeParser.h"
#include "store/MailboxReader.h"
#include "store/Sqlite.h"
#include "StoreTestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::imap;
namespace t = mailstead::store::test;

namespace {

const QString kDomain = u"example.test"_s;
const QString kLocal = u"alice"_s;

// 8-bit UTF-8 headers, an RFC 2231 UTF-8 file name and a message/global
// part: all three session variants differ.
const QByteArray kGlobalMessage =
    "From: =?utf-8?q?J=C3=B6rg?= <joerg@example.org>\r\n"
    "To: Zoë <zoe@example.test>\r\n"
    "Subject: Grüße\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=b\r\n"
    "\r\n"
    "--b\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Hallo Zoë\r\n"
    "--b\r\n"
    "Content-Type: application/pdf\r\n"
    "Content-Disposition: attachment; filename*=utf-8''R%C3%A9sum%C3%A9.pdf\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "JVBERg==\r\n"
    "--b\r\n"
    "Content-Type: message/global\r\n"
    "\r\n"
    "From: Ünal <unal@example.org>\r\n"
    "Subject: inner ü\r\n"
    "\r\n"
    "inner body\r\n"
    "--b--\r\n";

struct Variant {
    const char *name;
    bool imap4rev2;
    bool utf8Accept;
};

constexpr Variant kVariants[] = {
    {"rev1", false, false}, {"utf8accept", false, true}, {"rev2", true, false}};

mime::ImapStructureOptions optionsOf(const Variant &variant) {
    mime::ImapStructureOptions options;
    options.utf8 = variant.imap4rev2 || variant.utf8Accept;
    options.messageGlobal = variant.imap4rev2;
    return options;
}

ImapFetchContext contextOf(const Variant &variant) {
    ImapFetchContext context;
    context.imap4rev2 = variant.imap4rev2;
    context.utf8Accept = variant.utf8Accept;
    return context;
}

QByteArray sampleFile(const QString &name) {
    QFile file(QString::fromLocal8Bit(qgetenv("MAILSTEAD_SOURCE_DIR")) +
               u"/tests/daemon/mime/messages/"_s + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<ImapFetchItem> itemsOf(const QByteArray &text) {
    const ImapParseResult parsed = parseCommand(QByteArray("A1 FETCH 1 " + text));
    const ImapFetchArguments *arguments = parsed.command.as<ImapFetchArguments>();
    return arguments ? arguments->items : QList<ImapFetchItem>();
}

} // namespace

class TestImapStructureCache : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void cachedEqualsComputed_data();
    void cachedEqualsComputed();
    void asciiColumnIsTheImapValue();
    void bodyOfMalformedStructureIsNull();
    void fetchAnswersFromIndex_data();
    void fetchAnswersFromIndex();
    void indexValueIsSent();
    void nullColumnFallsBack();
    void unreadableColumnFallsBack();

private:
    // A store for the tests that deliver (the pure ones need none).
    void openStore();
    store::MessageInfo deliver(const QByteArray &bytes);
    void setColumns(const char *sql, const QByteArray &value = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::MessageStore> m_store;
    std::unique_ptr<store::MailboxReader> m_reader;
};

void TestImapStructureCache::openStore() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<store::MessageStore>();
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    QVERIFY(m_store->ensureMailbox(kDomain, kLocal));
    m_reader = m_store->openReader(kDomain, kLocal);
    QVERIFY(m_reader);
}

void TestImapStructureCache::cleanup() {
    m_reader.reset();
    m_store.reset();
    m_dir.reset();
}

store::MessageInfo TestImapStructureCache::deliver(const QByteArray &bytes) {
    const store::DeliveryResult result =
        m_store->deliverAndWait(t::request({t::recipient(kDomain, kLocal)}, bytes)).first();
    const std::optional<store::MessageInfo> info = m_reader->message(u"INBOX"_s, result.uid);
    return info.value_or(store::MessageInfo());
}

// Writes both columns of every row with a second connection (WAL: the
// store's writer is idle between tests' deliveries).
void TestImapStructureCache::setColumns(const char *sql, const QByteArray &value) {
    store::SqliteDb db;
    QString error;
    QVERIFY2(db.open(m_store->vmailDir() + u"/example.test/alice/index.db"_s,
                     store::SqliteDb::Mode::Writer, &error),
             qPrintable(error));
    store::SqliteStatement update(db, sql);
    if (!value.isNull())
        update.bindBlob(1, value);
    QVERIFY2(update.run(), qPrintable(db.lastError()));
}

void TestImapStructureCache::cachedEqualsComputed_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("variant");
    QList<std::pair<QString, QByteArray>> messages;
    for (const QString &name : {u"simple"_s, u"simple-lf"_s, u"multipart"_s, u"multipart-lf"_s})
        messages.append({name, test::sampleMessage(name)});
    const QStringList files = QDir(QString::fromLocal8Bit(qgetenv("MAILSTEAD_SOURCE_DIR")) +
                                   u"/tests/daemon/mime/messages"_s)
                                  .entryList({u"*.eml"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.contains(u"nested-rfc822.eml"_s));
    QVERIFY(files.contains(u"8bit-headers.eml"_s));
    QVERIFY(files.contains(u"malformed-boundary.eml"_s));
    for (const QString &file : files)
        messages.append({file, sampleFile(file)});
    messages.append({u"global"_s, kGlobalMessage});
    messages.append({u"header only"_s, "Subject: no body\r\n"_ba});
    for (const auto &[name, bytes] : std::as_const(messages)) {
        for (int variant = 0; variant < int(std::size(kVariants)); ++variant)
            QTest::addRow("%s %s", qPrintable(name), kVariants[variant].name) << bytes << variant;
    }
}

void TestImapStructureCache::cachedEqualsComputed() {
    QFETCH(QByteArray, message);
    QFETCH(int, variant);
    QVERIFY(!message.isEmpty());
    const mime::ImapStructureOptions options = optionsOf(kVariants[variant]);
    const mime::MimeMessage parsed = mime::parseMessage(message);
    const mime::ImapCachedStructure cached = mime::imapCachedStructure(parsed);
    const QByteArray envelope =
        mime::imapEnvelope(parsed.root().envelope.value_or(mime::Envelope()), options);
    const QByteArray structure = mime::imapBodyStructure(parsed, 0, options);
    QCOMPARE(mime::imapCachedValue(cached.envelope, options), envelope);
    QCOMPARE(mime::imapCachedValue(cached.bodyStructure, options), structure);
    QCOMPARE(mime::imapBodyFromBodyStructure(structure), mime::imapBody(parsed, 0, options));
}

// Every session sends the same bytes for an ASCII message: the column is
// the IMAP value itself. The message/global one keeps three variants.
void TestImapStructureCache::asciiColumnIsTheImapValue() {
    const mime::MimeMessage simple = mime::parseMessage(test::kMultipartMessage);
    const mime::ImapCachedStructure plain = mime::imapCachedStructure(simple);
    QCOMPARE(plain.envelope, mime::imapEnvelope(simple.root().envelope.value_or(mime::Envelope())));
    QCOMPARE(plain.bodyStructure, mime::imapBodyStructure(simple));

    const mime::ImapCachedStructure global =
        mime::imapCachedStructure(mime::parseMessage(kGlobalMessage));
    QCOMPARE(global.envelope.front(), mime::kVariantsMarker);
    QCOMPARE(global.bodyStructure.front(), mime::kVariantsMarker);
    // No session asks for message/global without UTF-8: nothing cached.
    QVERIFY(mime::imapCachedValue(global.bodyStructure, {false, true}).isNull());
    QVERIFY(mime::imapCachedValue(global.bodyStructure.first(global.bodyStructure.size() - 1),
                                  {true, true})
                .isNull());
}

void TestImapStructureCache::bodyOfMalformedStructureIsNull() {
    const QByteArray structure = mime::imapBodyStructure(mime::parseMessage(kGlobalMessage));
    for (qsizetype size = 0; size < structure.size(); ++size)
        QVERIFY2(mime::imapBodyFromBodyStructure(structure.first(size)).isNull(),
                 qPrintable(QString::number(size)));
    QVERIFY(
        mime::imapBodyFromBodyStructure("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 0 0)").isNull());
    QVERIFY(mime::imapBodyFromBodyStructure(QByteArray(2000, '(')).isNull());
}

void TestImapStructureCache::fetchAnswersFromIndex_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("items");
    QTest::addColumn<int>("variant");
    const QByteArray itemLists[] = {"(UID FLAGS ENVELOPE BODYSTRUCTURE)"_ba, "BODY"_ba,
                                    "(ENVELOPE BODY BODYSTRUCTURE)"_ba};
    const std::pair<const char *, QByteArray> messages[] = {
        {"multipart", test::kMultipartMessage},
        {"multipart-lf", test::bareLf(test::kMultipartMessage)},
        {"global", kGlobalMessage}};
    for (const auto &[name, bytes] : messages)
        for (const QByteArray &items : itemLists)
            for (int variant = 0; variant < int(std::size(kVariants)); ++variant)
                QTest::addRow("%s %s %s", name, items.constData(), kVariants[variant].name)
                    << bytes << items << variant;
}

// A stored message answers from its row, without the file, exactly what
// the message's bytes answer.
void TestImapStructureCache::fetchAnswersFromIndex() {
    openStore();
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, items);
    QFETCH(int, variant);
    const store::MessageInfo info = deliver(message);
    QVERIFY(info.uid != 0);
    const QList<ImapFetchItem> parsed = itemsOf(items);
    const ImapFetchContext context = contextOf(kVariants[variant]);
    ImapMessageView fromBytes(message, info, 1);
    const QByteArray expected = imapFetchResponse(fromBytes, parsed, context);
    QVERIFY(!expected.isEmpty());
    const std::optional<store::FolderInfo> inbox = m_reader->folder(u"INBOX"_s);
    ImapMessageView stored(*m_reader, *inbox, info, 1);
    QCOMPARE(imapFetchResponse(stored, parsed, context), expected);
    QVERIFY(!stored.isLoaded());
}

// What FETCH sends is the column's value, read from the index.
void TestImapStructureCache::indexValueIsSent() {
    openStore();
    const store::MessageInfo info = deliver(test::kSimpleMessage);
    setColumns("UPDATE messages SET envelope=?1, bodystructure=?1", "(\"from\" \"index\")"_ba);
    const std::optional<store::FolderInfo> inbox = m_reader->folder(u"INBOX"_s);
    ImapMessageView stored(*m_reader, *inbox, info, 2);
    QCOMPARE(imapFetchResponse(stored, itemsOf("(ENVELOPE BODYSTRUCTURE)"), {}),
             "* 2 FETCH (ENVELOPE (\"from\" \"index\") BODYSTRUCTURE (\"from\" \"index\"))\r\n"_ba);
    // A header block from ImapHeaderCache still takes ENVELOPE from the row.
    ImapMessageView header(test::kSimpleMessage.first(141), *m_reader, *inbox, info, 2);
    QCOMPARE(imapFetchResponse(header, itemsOf("ENVELOPE"), {}),
             "* 2 FETCH (ENVELOPE (\"from\" \"index\"))\r\n"_ba);
}

// A message indexed before the columns were filled: computed from the file.
void TestImapStructureCache::nullColumnFallsBack() {
    openStore();
    const store::MessageInfo info = deliver(test::kMultipartMessage);
    setColumns("UPDATE messages SET envelope=NULL, bodystructure=NULL");
    QCOMPARE(m_reader->cachedStructure(*m_reader->folder(u"INBOX"_s), info.uid).envelope,
             QByteArray());
    const QList<ImapFetchItem> items = itemsOf("(ENVELOPE BODY BODYSTRUCTURE)");
    for (const Variant &variant : kVariants) {
        ImapMessageView fromBytes(test::kMultipartMessage, info, 1);
        const QByteArray expected = imapFetchResponse(fromBytes, items, contextOf(variant));
        ImapMessageView stored(*m_reader, *m_reader->folder(u"INBOX"_s), info, 1);
        QCOMPARE(imapFetchResponse(stored, items, contextOf(variant)), expected);
        QVERIFY(stored.isLoaded());
    }
}

void TestImapStructureCache::unreadableColumnFallsBack() {
    openStore();
    const store::MessageInfo info = deliver(kGlobalMessage);
    setColumns("UPDATE messages SET envelope=?1, bodystructure=?1", "\x01\x00\x00\xff"_ba);
    const QList<ImapFetchItem> items = itemsOf("(ENVELOPE BODY BODYSTRUCTURE)");
    for (const Variant &variant : kVariants) {
        ImapMessageView fromBytes(kGlobalMessage, info, 1);
        const QByteArray expected = imapFetchResponse(fromBytes, items, contextOf(variant));
        ImapMessageView stored(*m_reader, *m_reader->folder(u"INBOX"_s), info, 1);
        QCOMPARE(imapFetchResponse(stored, items, contextOf(variant)), expected);
        QVERIFY(stored.isLoaded());
    }
}

QTEST_GUILESS_MAIN(TestImapStructureCache)
#include "tst_imapstructurecache.moc"
