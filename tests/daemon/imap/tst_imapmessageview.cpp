// tst_imapmessageview.cpp - message files read for FETCH and SEARCH
//
// Messages delivered into a MessageStore are read back through
// ImapMessageView: a small one (read), a large one (mapped), one renamed
// by a flag change after its row was read, and one expunged meanwhile.
#include "imap/ImapFetchResponder.h"
#include "imap/ImapMessageView.h"
#include "store/MailboxIndex.h"
#include "store/MailboxReader.h"
#include "StoreTestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::imap;
namespace t = mailstead::store::test;

namespace {

const QString kDomain = u"example.test"_s;
const QString kLocal = u"alice"_s;

QByteArray messageOfSize(qsizetype bodySize) {
    QByteArray body;
    while (body.size() < bodySize)
        body += "line " + QByteArray::number(body.size()) + '\n';
    return "Subject: size " + QByteArray::number(bodySize) + "\n\n" + body;
}

} // namespace

class TestImapMessageView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void readsStoredFile_data();
    void readsStoredFile();
    void followsRename();
    void expungedMessageIsGone();

private:
    store::MessageInfo deliver(const QByteArray &bytes);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::MessageStore> m_store;
    std::unique_ptr<store::MailboxReader> m_reader;
};

void TestImapMessageView::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<store::MessageStore>();
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    QVERIFY(m_store->ensureMailbox(kDomain, kLocal));
    m_reader = m_store->openReader(kDomain, kLocal);
    QVERIFY(m_reader);
}

void TestImapMessageView::cleanup() {
    m_reader.reset();
    m_store.reset();
    m_dir.reset();
}

store::MessageInfo TestImapMessageView::deliver(const QByteArray &bytes) {
    const store::DeliveryResult result =
        m_store->deliverAndWait(t::request({t::recipient(kDomain, kLocal)}, bytes)).first();
    const std::optional<store::MessageInfo> info = m_reader->message(u"INBOX"_s, result.uid);
    return info.value_or(store::MessageInfo());
}

void TestImapMessageView::readsStoredFile_data() {
    QTest::addColumn<int>("bodySize");
    QTest::newRow("empty body") << 0;
    QTest::newRow("small, read") << 1000;
    QTest::newRow("large, mapped") << 300 * 1024;
}

// BODY[] of a bare-LF file is the file with CRLF: RFC822.SIZE octets.
void TestImapMessageView::readsStoredFile() {
    QFETCH(int, bodySize);
    const QByteArray bytes = messageOfSize(bodySize);
    const store::MessageInfo info = deliver(bytes);
    QVERIFY(info.uid != 0);
    ImapMessageView view(*m_reader, *m_reader->folder(u"INBOX"_s), info, 1);
    QCOMPARE(view.info().uid, info.uid);
    QCOMPARE(view.sequence(), 1u);
    QVERIFY(view.load());
    QVERIFY(view.load());
    QCOMPARE(view.bytes(), QByteArrayView(bytes));
    QCOMPARE(view.mime().root().body.offset, bytes.indexOf("\n\n") + 2);

    ImapFetchItem item;
    item.kind = ImapFetchItem::Kind::BodySection;
    item.peek = true;
    QByteArray crlf = bytes;
    crlf.replace("\n", "\r\n");
    QCOMPARE(info.virtualSize, qint64(crlf.size()));
    QCOMPARE(imapFetchResponse(view, {item}, {}),
             "* 1 FETCH (BODY[] {" + QByteArray::number(crlf.size()) + "}\r\n" + crlf + ")\r\n");
}

void TestImapMessageView::followsRename() {
    const store::MessageInfo info = deliver(messageOfSize(100));
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [&info](store::MailboxIndex &index) {
        QString error;
        index.storeFlags(u"INBOX"_s, {info.uid}, store::FlagMode::Add, store::MessageFlag::Seen, {},
                         0, nullptr, &error);
        return QStringList{u"INBOX"_s};
    }));
    QVERIFY(m_reader->message(u"INBOX"_s, info.uid)->fileName != info.fileName);
    ImapMessageView view(*m_reader, *m_reader->folder(u"INBOX"_s), info, 1);
    QVERIFY(view.load());
    QVERIFY(view.bytes().startsWith("Subject: size 100"));
}

void TestImapMessageView::expungedMessageIsGone() {
    const store::MessageInfo info = deliver(messageOfSize(100));
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [&info](store::MailboxIndex &index) {
        QString error;
        index.expunge(u"INBOX"_s, {info.uid}, nullptr, &error);
        return QStringList{u"INBOX"_s};
    }));
    ImapMessageView view(*m_reader, *m_reader->folder(u"INBOX"_s), info, 4);
    QVERIFY(!view.load());
    QVERIFY(view.bytes().isEmpty());
    ImapFetchItem envelope;
    envelope.kind = ImapFetchItem::Kind::Envelope;
    QCOMPARE(imapFetchResponse(view, {envelope}, {}), QByteArray());
    // Items the row answers need no file.
    ImapFetchItem uid;
    uid.kind = ImapFetchItem::Kind::Uid;
    QCOMPARE(imapFetchResponse(view, {uid}, {}),
             "* 4 FETCH (UID " + QByteArray::number(info.uid) + ")\r\n");
}

QTEST_GUILESS_MAIN(TestImapMessageView)
#include "tst_imapmessageview.moc"
