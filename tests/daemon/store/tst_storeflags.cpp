// tst_storeflags.cpp - MailboxIndex::storeFlags (MailboxFlags.cpp) and the
// Maildir names that follow the flags
//
// RFC 9051 section 6.4.6 (STORE +FLAGS, -FLAGS, FLAGS), RFC 7162 section
// 3.1.3 (UNCHANGEDSINCE). A small STORE renames after its commit, a large
// one (above the parallel threshold) renames beside its row updates; both
// must leave every row naming its file with the row's flags, and the
// folder's HIGHESTMODSEQ reported before and after. A reader holding a row
// whose file has meanwhile been renamed (by a STORE not yet committed)
// still opens it by its base name.
#include "store/MailboxIndex.h"
#include "store/MailboxReader.h"
#include "store/MaildirName.h"
#include "store/PosixFile.h"
#include "StoreTestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::store;
namespace t = mailstead::store::test;

namespace {

const QString kDomain = u"example.test"_s;
const QString kLocal = u"alice"_s;

} // namespace

class TestStoreFlags : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void smallAndLargeStoresRenameEveryFile_data();
    void smallAndLargeStoresRenameEveryFile();
    void unchangedSinceLeavesNewerMessages();
    void readerFindsFileRenamedUnderItsRow();

private:
    QList<quint32> deliver(int count);
    bool store(const QList<quint32> &uids, FlagMode mode, MessageFlags flags,
               const QStringList &keywords, quint64 unchangedSince, FlagUpdate *update);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
};

void TestStoreFlags::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MessageStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir->path(), &error), qPrintable(error));
    QVERIFY(m_store->ensureMailbox(kDomain, kLocal));
}

void TestStoreFlags::cleanup() {
    m_store.reset();
    m_dir.reset();
}

QList<quint32> TestStoreFlags::deliver(int count) {
    QList<quint32> uids;
    for (int i = 0; i < count; ++i) {
        const DeliveryResult result =
            m_store->deliverAndWait(t::request({t::recipient(kDomain, kLocal)}, t::message(i, 512)))
                .first();
        if (!result.ok())
            return {};
        uids.append(result.uid);
    }
    return uids;
}

bool TestStoreFlags::store(const QList<quint32> &uids, FlagMode mode, MessageFlags flags,
                           const QStringList &keywords, quint64 unchangedSince,
                           FlagUpdate *update) {
    bool ok = false;
    QString error;
    const bool ran = m_store->runWriteAndWait(kDomain, kLocal, [&](MailboxIndex &index) {
        ok = index.storeFlags(u"INBOX"_s, uids, mode, flags, keywords, unchangedSince, update,
                              &error);
        return QStringList{u"INBOX"_s};
    });
    if (!ok)
        qWarning() << error;
    return ran && ok;
}

void TestStoreFlags::smallAndLargeStoresRenameEveryFile_data() {
    QTest::addColumn<int>("count");
    QTest::newRow("one message") << 1;
    QTest::newRow("below the parallel threshold") << 20;
    QTest::newRow("above the parallel threshold") << 300;
}

void TestStoreFlags::smallAndLargeStoresRenameEveryFile() {
    QFETCH(int, count);
    const QList<quint32> uids = deliver(count);
    QCOMPARE(uids.size(), count);
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    const quint64 before = reader->folder(u"INBOX"_s)->highestModSeq;

    FlagUpdate update;
    QVERIFY(store(uids, FlagMode::Add, MessageFlag::Flagged | MessageFlag::Seen, {u"$Label1"_s}, 0,
                  &update));
    QCOMPARE(update.changes.size(), count);
    QCOMPARE(update.modSeqBefore, before);
    QCOMPARE(update.modSeqAfter, before + quint64(count));
    QCOMPARE(reader->keywords(u"INBOX"_s), QStringList{u"$Label1"_s});
    const FolderInfo inbox = *reader->folder(u"INBOX"_s);
    for (const FlagChange &change : std::as_const(update.changes)) {
        const std::optional<MessageInfo> row = reader->message(u"INBOX"_s, change.uid);
        QVERIFY(row);
        QCOMPARE(row->fileName, change.fileName);
        QVERIFY2(row->fileName.startsWith(u"cur/"_s) && row->fileName.endsWith(u":2,FS"_s),
                 qPrintable(row->fileName));
        QVERIFY(reader->readMessage(inbox, *row));
    }
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, u"alice"_s), QString());

    // And back: -FLAGS leaves the keyword, the names lose the letters.
    QVERIFY(
        store(uids, FlagMode::Remove, MessageFlag::Flagged | MessageFlag::Seen, {}, 0, &update));
    QCOMPARE(update.modSeqAfter, before + 2 * quint64(count));
    for (const MessageInfo &row : reader->messages(u"INBOX"_s)) {
        QVERIFY2(row.fileName.endsWith(u":2,"_s), qPrintable(row.fileName));
        QCOMPARE(row.keywords, QStringList{u"$Label1"_s});
    }
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, u"alice"_s), QString());

    // Setting what is already set changes nothing, not even the modseq.
    QVERIFY(store(uids, FlagMode::Remove, MessageFlag::Flagged, {}, 0, &update));
    QCOMPARE(update.modSeqBefore, update.modSeqAfter);
    QCOMPARE(reader->folder(u"INBOX"_s)->highestModSeq, before + 2 * quint64(count));
}

void TestStoreFlags::unchangedSinceLeavesNewerMessages() {
    const QList<quint32> uids = deliver(100);
    QCOMPARE(uids.size(), 100);
    FlagUpdate update;
    // Every other message changes first, so its modseq passes the bound.
    QList<quint32> odd;
    for (qsizetype i = 1; i < uids.size(); i += 2)
        odd.append(uids.at(i));
    QVERIFY(store(odd, FlagMode::Add, MessageFlag::Answered, {}, 0, &update));
    const quint64 bound = update.modSeqBefore;
    QVERIFY(store(uids, FlagMode::Add, MessageFlag::Deleted, {}, bound, &update));
    int modified = 0;
    for (const FlagChange &change : std::as_const(update.changes)) {
        const bool isOdd = odd.contains(change.uid);
        QCOMPARE(change.modified, isOdd);
        modified += change.modified ? 1 : 0;
        QCOMPARE(change.flags.testFlag(MessageFlag::Deleted), !isOdd);
    }
    QCOMPARE(modified, 50);
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, u"alice"_s), QString());
}

void TestStoreFlags::readerFindsFileRenamedUnderItsRow() {
    const QList<quint32> uids = deliver(1);
    QCOMPARE(uids.size(), 1);
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    const FolderInfo inbox = *reader->folder(u"INBOX"_s);
    const MessageInfo row = *reader->message(u"INBOX"_s, uids.first());
    const QByteArray expected = *reader->readMessage(inbox, row);

    // As a large STORE does before its commit: the file has its new name,
    // the committed row still the old one.
    const QString base = MaildirName::parse(row.fileName.mid(4)).baseName;
    const QString renamed = u"cur/"_s + MaildirName::withInfo(base, MessageFlag::Flagged);
    QString error;
    QVERIFY2(PosixFile::rename(reader->mailboxDir() + u'/' + row.fileName,
                               reader->mailboxDir() + u'/' + renamed, &error),
             qPrintable(error));
    const std::optional<QByteArray> bytes = reader->readMessage(inbox, row);
    QVERIFY(bytes);
    QCOMPARE(*bytes, expected);

    // Gone under every name: no file, no crash.
    QVERIFY(PosixFile::remove(reader->mailboxDir() + u'/' + renamed));
    QVERIFY(!reader->readMessage(inbox, row));
}

QTEST_GUILESS_MAIN(TestStoreFlags)
#include "tst_storeflags.moc"
