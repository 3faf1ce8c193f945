// tst_storerecovery.cpp - the index and the files agree again after a crash
//
// Each test builds one crash state by hand (a file linked but not indexed, a
// row whose file is gone, an expunged file the unlink never removed, a
// rename the index missed, leftovers in tmp/ and the spool), marks the index
// as not cleanly closed, reopens, and checks what recovery made of it.
#include "store/MailboxIndex.h"
#include "store/MailboxReader.h"
#include "store/MaildirName.h"
#include "store/PosixFile.h"
#include "store/Sqlite.h"
#include "StoreTestSupport.h"

#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <utime.h>

using namespace Qt::StringLiterals;
using namespace mailstead::store;
namespace t = mailstead::store::test;

namespace {

const QString kDomain = u"example.test"_s;
const QString kLocal = u"alice"_s;

void writeFile(const QString &path, const QByteArray &bytes, qint64 mtime = 0) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    if (mtime > 0) {
        const struct utimbuf times { time_t(mtime), time_t(mtime) };
        ::utime(QFile::encodeName(path).constData(), &times);
    }
}

} // namespace

class TestStoreRecovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void fileWithoutRowIsIndexed();
    void rowWithoutFileIsExpunged();
    void expungedFileIsNotRevived();
    void renamedFileIsFollowed();
    void leftoversAreRemoved();
    void wrongUsageIsRecounted();
    void cleanCloseSkipsTheScan();
    void existingMaildirIsImported();

private:
    QString mailboxDir() const { return m_store->vmailDir() + u"/example.test/alice"_s; }
    void crashAndReopen();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
};

void TestStoreRecovery::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    QVERIFY(m_store->ensureMailbox(kDomain, kLocal));
}

void TestStoreRecovery::cleanup() {
    m_store.reset();
    m_dir.reset();
}

void TestStoreRecovery::crashAndReopen() {
    m_store->close();
    QVERIFY(t::markIndexUnclean(mailboxDir()));
    QVERIFY(m_store->open(m_dir->path(), nullptr));
}

void TestStoreRecovery::fileWithoutRowIsIndexed() {
    const DeliveryResult acked =
        m_store->deliverAndWait(t::request({t::recipient(kDomain, kLocal)}, t::message(1))).first();
    QVERIFY(acked.ok());
    // Linked into new/ and synced, then the process died before COMMIT.
    const QByteArray bytes = t::message(2, 5000);
    const QString name = MaildirName::uniqueBaseName(5000, 5000);
    writeFile(mailboxDir() + u"/new/"_s + name, bytes, 1700000123);
    // A flagged one in a subfolder's cur/.
    writeFile(mailboxDir() + u"/.Junk/cur/"_s +
                  MaildirName::withInfo(u"1.M1P1Q1.h"_s, MessageFlag::Seen),
              t::message(3, 300));
    crashAndReopen();

    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    const QList<MessageInfo> inbox = reader->messages(u"INBOX"_s);
    QCOMPARE(inbox.size(), 2);
    QCOMPARE(inbox.at(0).uid, 1u);
    QCOMPARE(inbox.at(1).uid, 2u);
    QCOMPARE(inbox.at(1).fileName, u"new/"_s + name);
    QCOMPARE(inbox.at(1).size, qint64(5000));
    QCOMPARE(inbox.at(1).internalDate.toSecsSinceEpoch(), 1700000123);
    QVERIFY(inbox.at(1).modSeq > inbox.at(0).modSeq);
    const QList<MessageInfo> junk = reader->messages(u"Junk"_s);
    QCOMPARE(junk.size(), 1);
    QVERIFY(junk.first().flags == MessageFlags(MessageFlag::Seen));
    QCOMPARE(junk.first().virtualSize, qint64(300));
    QCOMPARE(m_store->usage(kDomain, kLocal), std::optional(Usage{4096 + 5000 + 300, 3}));
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, kLocal), QString());

    // The next delivery continues after the recovered UIDs.
    const DeliveryResult next =
        m_store->deliverAndWait(t::request({t::recipient(kDomain, kLocal)}, t::message(4))).first();
    QCOMPARE(next.uid, 3u);
}

void TestStoreRecovery::rowWithoutFileIsExpunged() {
    QList<DeliveryResult> results;
    for (int i = 1; i <= 3; ++i)
        results +=
            m_store->deliverAndWait(t::request({t::recipient(kDomain, kLocal)}, t::message(i)));
    const quint64 highest = results.last().modSeq;
    QVERIFY(QFile::remove(results.at(1).path));
    crashAndReopen();

    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    QCOMPARE(reader->messages(u"INBOX"_s).size(), 2);
    QVERIFY(!reader->message(u"INBOX"_s, 2));
    const QList<ExpungedInfo> vanished = reader->expungedSince(u"INBOX"_s, highest);
    QCOMPARE(vanished.size(), 1);
    QCOMPARE(vanished.first().uid, 2u);
    QVERIFY(vanished.first().modSeq > highest);
    QCOMPARE(m_store->usage(kDomain, kLocal), std::optional(Usage{8192, 2}));
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, kLocal), QString());
}

void TestStoreRecovery::expungedFileIsNotRevived() {
    const DeliveryResult result =
        m_store->deliverAndWait(t::request({t::recipient(kDomain, kLocal)}, t::message(1))).first();
    const QString keep = m_dir->path() + u"/keep"_s;
    QCOMPARE(PosixFile::link(result.path, keep), 0);
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [](MailboxIndex &index) {
        index.expunge(u"INBOX"_s, {1}, nullptr, nullptr);
        return QStringList{u"INBOX"_s};
    }));
    QVERIFY(!QFile::exists(result.path));
    // The commit was durable, the unlink was not.
    QCOMPARE(PosixFile::link(keep, result.path), 0);
    crashAndReopen();

    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    QVERIFY(reader->messages(u"INBOX"_s).isEmpty());
    QVERIFY(!QFile::exists(result.path));
    QCOMPARE(m_store->usage(kDomain, kLocal), std::optional(Usage{}));
}

void TestStoreRecovery::renamedFileIsFollowed() {
    const DeliveryResult result =
        m_store->deliverAndWait(t::request({t::recipient(kDomain, kLocal)}, t::message(1))).first();
    const QString base = QFileInfo(result.path).fileName();
    const QString renamed =
        mailboxDir() + u"/cur/"_s + MaildirName::withInfo(base, MessageFlag::Flagged);
    QVERIFY(PosixFile::rename(result.path, renamed, nullptr));
    crashAndReopen();

    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    const std::optional<MessageInfo> row = reader->message(u"INBOX"_s, 1);
    QVERIFY(row);
    QCOMPARE(row->fileName, u"cur/"_s + QFileInfo(renamed).fileName());
    QCOMPARE(reader->readMessage(*reader->folder(u"INBOX"_s), *row), std::optional(t::message(1)));
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, kLocal), QString());
}

void TestStoreRecovery::leftoversAreRemoved() {
    writeFile(mailboxDir() + u"/tmp/old"_s, "x", 1000);
    writeFile(mailboxDir() + u"/.Sent/tmp/young"_s, "y");
    const QString spool = m_store->newSpoolPath();
    writeFile(spool, "half a message");
    const QString removed = m_store->vmailDir() + u"/.removed/bob@example.test.1"_s;
    QVERIFY(QDir().mkpath(removed + u"/cur"_s));
    crashAndReopen();
    QVERIFY(m_store->openReader(kDomain, kLocal));
    QVERIFY(!QFile::exists(mailboxDir() + u"/tmp/old"_s));
    QVERIFY(!QFile::exists(mailboxDir() + u"/.Sent/tmp/young"_s));
    QVERIFY(!QFile::exists(spool));
    QVERIFY(!QFile::exists(removed));
    QVERIFY(m_store->openReader(kDomain, kLocal)->messages(u"INBOX"_s).isEmpty());
}

void TestStoreRecovery::wrongUsageIsRecounted() {
    QVERIFY(m_store->deliverAndWait(t::request({t::recipient(kDomain, kLocal)}, t::message(1)))
                .first()
                .ok());
    m_store->close();
    {
        SqliteDb db;
        QVERIFY(db.open(mailboxDir() + u"/index.db"_s, SqliteDb::Mode::Writer, nullptr));
        QVERIFY(db.exec("UPDATE usage SET bytes=1, messages=7; UPDATE meta SET value='open'"
                        " WHERE key='state'"));
    }
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    QCOMPARE(m_store->usage(kDomain, kLocal), std::optional(Usage{4096, 1}));
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, kLocal), QString());
}

void TestStoreRecovery::cleanCloseSkipsTheScan() {
    m_store->close();
    writeFile(mailboxDir() + u"/new/"_s + MaildirName::uniqueBaseName(300, 300),
              t::message(1, 300));
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    // A clean close means nothing was in flight: no directory scan on open...
    QVERIFY(m_store->openReader(kDomain, kLocal)->messages(u"INBOX"_s).isEmpty());
    // ...but a rescan can be asked for (e.g. after copying mail in by hand).
    MailboxIndex::RecoveryReport report;
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [&](MailboxIndex &index) {
        index.recover(&report, nullptr);
        return QStringList{u"INBOX"_s};
    }));
    QCOMPARE(report.indexedFiles, 1);
    QCOMPARE(m_store->usage(kDomain, kLocal), std::optional(Usage{300, 1}));
}

void TestStoreRecovery::existingMaildirIsImported() {
    const QString dir = m_store->vmailDir() + u"/example.test/carol"_s;
    for (const QString &sub : {u"/cur"_s, u"/new"_s, u"/tmp"_s})
        QVERIFY(QDir().mkpath(dir + sub));
    writeFile(dir + u"/cur/1000.abc.host:2,S"_s, "Subject: a\n\nbody\n");
    writeFile(dir + u"/new/1001.def.host"_s, "Subject: b\r\n\r\nbody\r\n");
    QVERIFY(m_store->ensureMailbox(kDomain, u"carol"_s));
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, u"carol"_s);
    const QList<MessageInfo> messages = reader->messages(u"INBOX"_s);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).fileName, u"cur/1000.abc.host:2,S"_s);
    QCOMPARE(messages.at(0).virtualSize, qint64(20)); // 17 bytes, three bare LFs
    QCOMPARE(messages.at(1).virtualSize, qint64(20));
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, u"carol"_s), QString());
}

QTEST_GUILESS_MAIN(TestStoreRecovery)
#include "tst_storerecovery.moc"
