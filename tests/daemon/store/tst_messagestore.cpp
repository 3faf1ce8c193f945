// tst_messagestore.cpp - deliveries, folders, UIDs, MODSEQ, quotas, flags, removal
//
// Every test works in its own temporary data directory against the real
// file system and real index.db files.
#include "store/MailboxIndex.h"
#include "store/MailboxReader.h"
#include "store/PosixFile.h"
#include "store/VmailPath.h"
#include "StoreTestSupport.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace mailstead::store;
namespace t = mailstead::store::test;

namespace {

const QString kDomain = u"example.test"_s;

struct Inode {
    ino_t inode = 0;
    nlink_t links = 0;
};

Inode inodeOf(const QString &path) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return {};
    return {info.st_ino, info.st_nlink};
}

} // namespace

class TestMessageStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void ensureMailboxCreatesFolderSet();
    void deliverOne();
    void deliverToManyRecipientsLinksOneFile();
    void deliverFromSpoolFile();
    void uidsAndModSeqIncrease();
    void uidValidityStableAcrossReopen();
    void flagsAndFolders();
    void badRecipients();
    void mailboxQuota();
    void domainQuota();
    void usageExactAfterReopen();
    void storeFlagsAndExpunge();
    void createAndDeleteFolders();
    void copyAndMove();
    void asyncCallbackRunsInContextThread();
    void changeSignal();
    void removeMailbox();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    void reopen();
};

void TestMessageStore::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MessageStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir->path(), &error), qPrintable(error));
}

void TestMessageStore::cleanup() {
    m_store.reset();
    m_dir.reset();
}

void TestMessageStore::reopen() {
    m_store->close();
    QString error;
    QVERIFY2(m_store->open(m_dir->path(), &error), qPrintable(error));
}

void TestMessageStore::ensureMailboxCreatesFolderSet() {
    QString error;
    QVERIFY2(m_store->ensureMailbox(u"Example.TEST"_s, u"Alice"_s, &error), qPrintable(error));
    QVERIFY(m_store->mailboxExists(kDomain, u"alice"_s));
    const QString dir = m_store->vmailDir() + u"/example.test/alice"_s;
    for (const QString &sub :
         {u""_s, u"/.Sent"_s, u"/.Drafts"_s, u"/.Junk"_s, u"/.Trash"_s, u"/.Archive"_s})
        for (const QString &leaf : {u"/cur"_s, u"/new"_s, u"/tmp"_s})
            QVERIFY2(QFileInfo(dir + sub + leaf).isDir(), qPrintable(dir + sub + leaf));
    QVERIFY(QFile::exists(dir + u"/.Sent/maildirfolder"_s));
    QVERIFY(QFile::exists(dir + u"/index.db"_s));

    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, u"ALICE"_s, &error);
    QVERIFY2(reader, qPrintable(error));
    const QList<FolderInfo> folders = reader->folders();
    QStringList names;
    QStringList specialUse;
    for (const FolderInfo &folder : folders) {
        names << folder.name;
        specialUse << folder.specialUse;
        QVERIFY(folder.uidValidity > 0);
        QCOMPARE(folder.uidNext, 1u);
        QVERIFY(folder.subscribed);
    }
    QCOMPARE(names, (QStringList{u"INBOX"_s, u"Sent"_s, u"Drafts"_s, u"Junk"_s, u"Trash"_s,
                                 u"Archive"_s}));
    QCOMPARE(specialUse, (QStringList{QString(), u"\\Sent"_s, u"\\Drafts"_s, u"\\Junk"_s,
                                      u"\\Trash"_s, u"\\Archive"_s}));
    QCOMPARE(m_store->usage(kDomain, u"alice"_s), std::optional<Usage>(Usage{}));
    QVERIFY(!m_store->usage(kDomain, u"nobody"_s));
}

void TestMessageStore::deliverOne() {
    const QByteArray bytes = t::message(1);
    const QList<DeliveryResult> results =
        m_store->deliverAndWait(t::request({t::recipient(kDomain, u"alice"_s)}, bytes));
    QCOMPARE(results.size(), 1);
    const DeliveryResult &result = results.first();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.folder, u"INBOX"_s);
    QCOMPARE(result.uid, 1u);
    QVERIFY(result.uidValidity > 0);
    QCOMPARE(t::readFile(result.path), bytes);
    static const QRegularExpression name(
        u"/example\\.test/alice/new/\\d+\\.M\\d+P\\d+Q\\d+\\.[^/]+,S=4096,W=4096$"_s);
    QVERIFY2(name.match(result.path).hasMatch(), qPrintable(result.path));
    QCOMPARE(QFileInfo(result.path).lastModified().toSecsSinceEpoch(), 1700000000);
    QVERIFY(PosixFile::listFiles(m_store->vmailDir() + u"/.spool"_s).isEmpty());

    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, u"alice"_s);
    const std::optional<MessageInfo> row = reader->message(u"INBOX"_s, 1);
    QVERIFY(row);
    QCOMPARE(row->size, qint64(4096));
    QCOMPARE(row->virtualSize, qint64(4096));
    QCOMPARE(row->internalDate.toSecsSinceEpoch(), 1700000000);
    QVERIFY(row->flags == MessageFlags());
    QCOMPARE(reader->readMessage(*reader->folder(u"inbox"_s), *row), std::optional(bytes));
    QCOMPARE(reader->folder(u"INBOX"_s)->uidNext, 2u);
    QCOMPARE(reader->unseenCount(u"INBOX"_s), qint64(1));
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, u"alice"_s), QString());
}

void TestMessageStore::deliverToManyRecipientsLinksOneFile() {
    const QByteArray bytes = t::message(2, 10000);
    const QList<DeliveryResult> results = m_store->deliverAndWait(
        t::request({t::recipient(kDomain, u"alice"_s), t::recipient(kDomain, u"bob"_s),
                    t::recipient(u"other.test"_s, u"carol"_s)},
                   bytes));
    QCOMPARE(results.size(), 3);
    const Inode first = inodeOf(results.first().path);
    for (const DeliveryResult &result : results) {
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.uid, 1u);
        QCOMPARE(t::readFile(result.path), bytes);
        const Inode inode = inodeOf(result.path);
        QCOMPARE(inode.inode, first.inode);
        QCOMPARE(inode.links, nlink_t(3)); // the spool name is gone
    }
    QVERIFY(results.at(0).path != results.at(1).path);
}

void TestMessageStore::deliverFromSpoolFile() {
    const QString spool = m_store->newSpoolPath();
    QVERIFY(spool.startsWith(m_store->vmailDir() + u"/.spool/"_s));
    const QByteArray bytes = "Subject: lf only\n\nbody\n";
    QFile file(spool);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();

    DeliveryRequest request = t::request({t::recipient(kDomain, u"alice"_s)}, {});
    request.message = MessageData::fromSpoolFile(spool);
    const QList<DeliveryResult> results = m_store->deliverAndWait(request);
    QVERIFY2(results.first().ok(), qPrintable(results.first().error));
    QVERIFY(!QFile::exists(spool));
    QCOMPARE(t::readFile(results.first().path), bytes);
    QVERIFY(results.first().path.endsWith(u",S=23,W=26"_s));
}

void TestMessageStore::uidsAndModSeqIncrease() {
    quint64 lastModSeq = 0;
    for (int i = 1; i <= 5; ++i) {
        const DeliveryResult result =
            m_store->deliverAndWait(t::request({t::recipient(kDomain, u"alice"_s)}, t::message(i)))
                .first();
        QVERIFY(result.ok());
        QCOMPARE(result.uid, quint32(i));
        QVERIFY(result.modSeq > lastModSeq);
        lastModSeq = result.modSeq;
    }
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, u"alice"_s);
    QCOMPARE(reader->folder(u"INBOX"_s)->highestModSeq, lastModSeq);
    QCOMPARE(reader->changedSince(u"INBOX"_s, lastModSeq - 2).size(), 2);
    QCOMPARE(reader->messages(u"INBOX"_s, 4).size(), 2);
}

void TestMessageStore::uidValidityStableAcrossReopen() {
    const DeliveryResult first =
        m_store->deliverAndWait(t::request({t::recipient(kDomain, u"alice"_s)}, t::message(1)))
            .first();
    QList<FolderInfo> before = m_store->openReader(kDomain, u"alice"_s)->folders();
    reopen();
    QList<FolderInfo> after = m_store->openReader(kDomain, u"alice"_s)->folders();
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        QCOMPARE(after.at(i).uidValidity, before.at(i).uidValidity);
    // Six folders created at once still get six distinct values.
    QSet<quint32> distinct;
    for (const FolderInfo &folder : after)
        distinct.insert(folder.uidValidity);
    QCOMPARE(distinct.size(), after.size());

    const DeliveryResult second =
        m_store->deliverAndWait(t::request({t::recipient(kDomain, u"alice"_s)}, t::message(2)))
            .first();
    QCOMPARE(second.uid, first.uid + 1);
    QCOMPARE(second.uidValidity, first.uidValidity);
    QVERIFY(second.modSeq > first.modSeq);
}

void TestMessageStore::flagsAndFolders() {
    DeliveryRequest request = t::request({t::recipient(kDomain, u"alice"_s)}, t::message(1));
    request.recipients[0].folder = u"Sent"_s;
    request.flags = MessageFlag::Seen | MessageFlag::Answered;
    request.keywords = {u"$Forwarded"_s, u"work"_s};
    const DeliveryResult result = m_store->deliverAndWait(request).first();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.folder, u"Sent"_s);
    QVERIFY2(result.path.contains(u"/alice/.Sent/cur/"_s), qPrintable(result.path));
    QVERIFY(result.path.endsWith(u":2,RS"_s));

    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, u"alice"_s);
    const std::optional<MessageInfo> row = reader->message(u"Sent"_s, result.uid);
    QVERIFY(row);
    QVERIFY(row->flags == (MessageFlag::Seen | MessageFlag::Answered));
    QCOMPARE(row->keywords, (QStringList{u"$Forwarded"_s, u"work"_s}));
    QCOMPARE(reader->keywords(u"Sent"_s), (QStringList{u"$Forwarded"_s, u"work"_s}));
    QCOMPARE(reader->unseenCount(u"Sent"_s), qint64(0));
    QCOMPARE(reader->folder(u"INBOX"_s)->messages, qint64(0));
    QCOMPARE(reader->folder(u"Sent"_s)->messages, qint64(1));
}

void TestMessageStore::badRecipients() {
    DeliveryRequest request =
        t::request({t::recipient(kDomain, u"alice"_s), t::recipient(u"../etc"_s, u"x"_s),
                    t::recipient(kDomain, QString()), t::recipient(kDomain, u"bob"_s)},
                   t::message(1));
    request.recipients[3].folder = u"NoSuchFolder"_s;
    const QList<DeliveryResult> results = m_store->deliverAndWait(request);
    QCOMPARE(results.size(), 4);
    QVERIFY(results.at(0).ok());
    QCOMPARE(results.at(1).status, DeliveryStatus::InvalidName);
    QCOMPARE(results.at(2).status, DeliveryStatus::InvalidName);
    QCOMPARE(results.at(3).status, DeliveryStatus::NoSuchFolder);
    QCOMPARE(inodeOf(results.at(0).path).links, nlink_t(1));
}

void TestMessageStore::mailboxQuota() {
    const Recipient alice = t::recipient(kDomain, u"alice"_s, 10000);
    QVERIFY(m_store->deliverAndWait(t::request({alice}, t::message(1))).first().ok());
    QVERIFY(m_store->deliverAndWait(t::request({alice}, t::message(2))).first().ok());
    const DeliveryResult refused =
        m_store->deliverAndWait(t::request({alice}, t::message(3))).first();
    QCOMPARE(refused.status, DeliveryStatus::OverQuota);
    QCOMPARE(refused.quotaScope, QuotaScope::Mailbox);
    QCOMPARE(refused.quotaUsed, (Usage{8192, 2}));
    QCOMPARE(refused.quotaLimitBytes, qint64(10000));
    QVERIFY(refused.path.isEmpty());
    QCOMPARE(m_store->usage(kDomain, u"alice"_s), std::optional(Usage{8192, 2}));

    // A small message still fits; the message-count limit is separate.
    QVERIFY(m_store->deliverAndWait(t::request({alice}, t::message(4, 500))).first().ok());
    Recipient counted = t::recipient(kDomain, u"bob"_s);
    counted.quotaMessages = 1;
    QVERIFY(m_store->deliverAndWait(t::request({counted}, t::message(5, 100))).first().ok());
    const DeliveryResult second =
        m_store->deliverAndWait(t::request({counted}, t::message(6, 100))).first();
    QCOMPARE(second.status, DeliveryStatus::OverQuota);
    QCOMPARE(second.quotaLimitMessages, qint64(1));
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, u"alice"_s), QString());
    QVERIFY(PosixFile::listFiles(m_store->vmailDir() + u"/.spool"_s).isEmpty());
}

void TestMessageStore::domainQuota() {
    // Mail that exists before the first domain-quota check counts too.
    QVERIFY(
        m_store->deliverAndWait(t::request({t::recipient(kDomain, u"old"_s)}, t::message(1, 3000)))
            .first()
            .ok());
    reopen();
    Recipient alice = t::recipient(kDomain, u"alice"_s);
    Recipient bob = t::recipient(kDomain, u"bob"_s);
    alice.domainQuotaBytes = bob.domainQuotaBytes = 10000;
    QVERIFY(m_store->deliverAndWait(t::request({alice}, t::message(2, 4000))).first().ok());
    QCOMPARE(m_store->domainUsage(kDomain), (Usage{7000, 2}));
    const QList<DeliveryResult> results =
        m_store->deliverAndWait(t::request({alice, bob}, t::message(3, 2000)));
    QVERIFY(results.at(0).ok());
    QCOMPARE(results.at(1).status, DeliveryStatus::OverQuota);
    QCOMPARE(results.at(1).quotaScope, QuotaScope::Domain);
    QCOMPARE(results.at(1).quotaUsed.bytes, qint64(9000));
    QCOMPARE(results.at(1).quotaLimitBytes, qint64(10000));
    QCOMPARE(m_store->domainUsage(u"EXAMPLE.test"_s), (Usage{9000, 3}));
    QCOMPARE(m_store->domainUsage(u"other.test"_s), Usage{});
}

void TestMessageStore::usageExactAfterReopen() {
    qint64 expected = 0;
    for (int i = 0; i < 10; ++i) {
        const int size = 1000 + 137 * i;
        QVERIFY(m_store
                    ->deliverAndWait(
                        t::request({t::recipient(kDomain, u"alice"_s)}, t::message(i, size)))
                    .first()
                    .ok());
        expected += size;
    }
    QString error;
    QVERIFY2(m_store->runWriteAndWait(
                 kDomain, u"alice"_s,
                 [](MailboxIndex &index) {
                     index.expunge(u"INBOX"_s, {2, 5}, nullptr, nullptr);
                     return QStringList{u"INBOX"_s};
                 },
                 &error),
             qPrintable(error));
    expected -= (1000 + 137) + (1000 + 137 * 4);
    QCOMPARE(m_store->usage(kDomain, u"alice"_s), std::optional(Usage{expected, 8}));
    reopen();
    QCOMPARE(m_store->usage(kDomain, u"alice"_s), std::optional(Usage{expected, 8}));
    QCOMPARE(m_store->domainUsage(kDomain), (Usage{expected, 8}));
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, u"alice"_s), QString());
}

void TestMessageStore::storeFlagsAndExpunge() {
    for (int i = 1; i <= 3; ++i)
        QVERIFY(
            m_store->deliverAndWait(t::request({t::recipient(kDomain, u"alice"_s)}, t::message(i)))
                .first()
                .ok());
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, u"alice"_s);
    const quint64 before = reader->folder(u"INBOX"_s)->highestModSeq;

    FlagUpdate update;
    const QList<FlagChange> &changes = update.changes;
    QVERIFY(m_store->runWriteAndWait(kDomain, u"alice"_s, [&](MailboxIndex &index) {
        index.storeFlags(u"INBOX"_s, {1, 2}, FlagMode::Add, MessageFlag::Seen, {u"urgent"_s}, 0,
                         &update, nullptr);
        return QStringList{u"INBOX"_s};
    }));
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(0).modSeq, before + 1);
    QCOMPARE(changes.at(1).modSeq, before + 2);
    QCOMPARE(update.modSeqBefore, before);
    QCOMPARE(update.modSeqAfter, before + 2);
    const std::optional<MessageInfo> first = reader->message(u"INBOX"_s, 1);
    QVERIFY(first->flags == MessageFlags(MessageFlag::Seen));
    QCOMPARE(first->keywords, QStringList{u"urgent"_s});
    QCOMPARE(reader->keywords(u"INBOX"_s), QStringList{u"urgent"_s});
    QVERIFY(first->fileName.startsWith(u"cur/"_s) && first->fileName.endsWith(u":2,S"_s));
    // The change carries the renamed file, so a session need not re-read it.
    QCOMPARE(changes.at(0).fileName, first->fileName);
    QVERIFY(reader->readMessage(*reader->folder(u"INBOX"_s), *first));

    // UNCHANGEDSINCE below the current modseq fails (RFC 7162 3.1.3);
    // setting flags that are already set changes nothing.
    QVERIFY(m_store->runWriteAndWait(kDomain, u"alice"_s, [&](MailboxIndex &index) {
        index.storeFlags(u"INBOX"_s, {1, 3}, FlagMode::Add, MessageFlag::Seen, {}, before + 1,
                         &update, nullptr);
        return QStringList{};
    }));
    QCOMPARE(changes.size(), 2);
    QVERIFY(!changes.at(0).modified);
    QCOMPARE(changes.at(0).modSeq, before + 1);
    QVERIFY(changes.at(1).modified == false);
    QCOMPARE(changes.at(1).modSeq, before + 3);
    QCOMPARE(update.modSeqBefore, before + 2);
    QCOMPARE(update.modSeqAfter, before + 3);
    QVERIFY(m_store->runWriteAndWait(kDomain, u"alice"_s, [&](MailboxIndex &index) {
        index.storeFlags(u"INBOX"_s, {2}, FlagMode::Remove, MessageFlag::Seen, {}, before, &update,
                         nullptr);
        return QStringList{};
    }));
    QVERIFY(changes.first().modified);
    // Nothing changed: the folder's mod-sequence stays.
    QCOMPARE(update.modSeqBefore, before + 3);
    QCOMPARE(update.modSeqAfter, before + 3);

    QList<ExpungedInfo> expunged;
    QVERIFY(m_store->runWriteAndWait(kDomain, u"alice"_s, [&](MailboxIndex &index) {
        index.expunge(u"INBOX"_s, {2, 99}, &expunged, nullptr);
        return QStringList{u"INBOX"_s};
    }));
    QCOMPARE(expunged.size(), 1);
    QCOMPARE(expunged.first().uid, 2u);
    QCOMPARE(expunged.first().modSeq, before + 4);
    QCOMPARE(reader->expungedSince(u"INBOX"_s, before).size(), 1);
    QVERIFY(!reader->message(u"INBOX"_s, 2));
    const FolderInfo inbox = *reader->folder(u"INBOX"_s);
    QCOMPARE(inbox.messages, qint64(2));
    QCOMPARE(inbox.highestModSeq, before + 4);
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, u"alice"_s), QString());
}

void TestMessageStore::createAndDeleteFolders() {
    QVERIFY(m_store->ensureMailbox(kDomain, u"alice"_s));
    QString error;
    QList<bool> outcomes;
    QVERIFY2(m_store->runWriteAndWait(
                 kDomain, u"alice"_s,
                 [&](MailboxIndex &index) {
                     outcomes << index.createFolder(u"Lists/Qt dev"_s, QString(), &error)
                              << index.createFolder(u"Lists/Qt dev"_s, QString(), nullptr)
                              << index.createFolder(u"inbox"_s, QString(), nullptr)
                              << index.setSubscribed(u"Lists/Qt dev"_s, false, nullptr);
                     return QStringList();
                 }),
             qPrintable(error));
    QCOMPARE(outcomes, (QList<bool>{true, false, false, true}));
    const QString dir = m_store->vmailDir() + u"/example.test/alice/.Lists.Qt%20dev"_s;
    QVERIFY(QFileInfo(dir + u"/new"_s).isDir());

    DeliveryRequest request = t::request({t::recipient(kDomain, u"alice"_s)}, t::message(1));
    request.recipients[0].folder = u"Lists/Qt dev"_s;
    const DeliveryResult delivered = m_store->deliverAndWait(request).first();
    QVERIFY2(delivered.ok(), qPrintable(delivered.error));
    QVERIFY(delivered.path.startsWith(dir + u"/new/"_s));
    QVERIFY(m_store->deliverAndWait(t::request({t::recipient(kDomain, u"alice"_s)}, t::message(2)))
                .first()
                .ok());
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, u"alice"_s);
    const std::optional<FolderInfo> created = reader->folder(u"Lists/Qt dev"_s);
    QVERIFY(created);
    QVERIFY(!created->subscribed);
    QCOMPARE(created->messages, qint64(1));

    outcomes.clear();
    QVERIFY(m_store->runWriteAndWait(kDomain, u"alice"_s, [&](MailboxIndex &index) {
        outcomes << index.deleteFolder(u"INBOX"_s, nullptr)
                 << index.deleteFolder(u"Lists/Qt dev"_s, &error);
        return QStringList();
    }));
    QCOMPARE(outcomes, (QList<bool>{false, true}));
    QVERIFY(!QFile::exists(dir));
    QVERIFY(!reader->folder(u"Lists/Qt dev"_s));
    QCOMPARE(m_store->usage(kDomain, u"alice"_s), std::optional(Usage{4096, 1}));
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, u"alice"_s), QString());

    // Created again: a new UIDVALIDITY, and nothing of the old folder.
    outcomes.clear();
    QVERIFY(m_store->runWriteAndWait(kDomain, u"alice"_s, [&](MailboxIndex &index) {
        outcomes << index.createFolder(u"Lists/Qt dev"_s, QString(), &error);
        return QStringList();
    }));
    QCOMPARE(outcomes, QList<bool>{true});
    const std::optional<FolderInfo> again = reader->folder(u"Lists/Qt dev"_s);
    QVERIFY(again->uidValidity > created->uidValidity);
    QCOMPARE(again->uidNext, 1u);
}

void TestMessageStore::copyAndMove() {
    for (int i = 1; i <= 3; ++i)
        QVERIFY(
            m_store->deliverAndWait(t::request({t::recipient(kDomain, u"alice"_s)}, t::message(i)))
                .first()
                .ok());
    QList<quint32> copied;
    QList<MailboxIndex::Assigned> assigned;
    bool ok = false;
    // MOVE = COPY + EXPUNGE in one writer turn, so no one sees it half done.
    QVERIFY(m_store->runWriteAndWait(kDomain, u"alice"_s, [&](MailboxIndex &index) {
        index.storeFlags(u"INBOX"_s, {3}, FlagMode::Add, MessageFlag::Flagged, {}, 0, nullptr,
                         nullptr);
        ok = index.copyMessages(u"INBOX"_s, {3, 7, 1}, u"Archive"_s, &copied, &assigned, nullptr) &&
             index.expunge(u"INBOX"_s, copied, nullptr, nullptr);
        return QStringList{u"INBOX"_s, u"Archive"_s};
    }));
    QVERIFY(ok);
    QCOMPARE(copied, (QList<quint32>{3, 1}));
    QCOMPARE(assigned.size(), 2);
    QCOMPARE(assigned.at(0).uid, 1u);
    QCOMPARE(assigned.at(1).uid, 2u);

    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, u"alice"_s);
    const FolderInfo archive = *reader->folder(u"Archive"_s);
    QCOMPARE(assigned.at(0).uidValidity, archive.uidValidity);
    const QList<MessageInfo> moved = reader->messages(u"Archive"_s);
    QCOMPARE(moved.size(), 2);
    QVERIFY(moved.at(0).flags == MessageFlags(MessageFlag::Flagged));
    QVERIFY(moved.at(0).fileName.startsWith(u"cur/"_s));
    QVERIFY(moved.at(1).fileName.startsWith(u"new/"_s));
    QCOMPARE(reader->readMessage(archive, moved.at(0)), std::optional(t::message(3)));
    QCOMPARE(reader->readMessage(archive, moved.at(1)), std::optional(t::message(1)));
    QCOMPARE(reader->messages(u"INBOX"_s).size(), 1);
    QCOMPARE(m_store->usage(kDomain, u"alice"_s), std::optional(Usage{3 * 4096, 3}));
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, u"alice"_s), QString());
}

void TestMessageStore::asyncCallbackRunsInContextThread() {
    QObject context;
    QThread *callbackThread = nullptr;
    QList<DeliveryResult> received;
    m_store->deliver(t::request({t::recipient(kDomain, u"alice"_s)}, t::message(1)), &context,
                     [&](QList<DeliveryResult> results) {
                         callbackThread = QThread::currentThread();
                         received = results;
                     });
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(callbackThread, QThread::currentThread());
    QVERIFY(received.first().ok());

    // A context that is gone by completion time gets no call at all.
    bool called = false;
    {
        QObject shortLived;
        m_store->deliver(t::request({t::recipient(kDomain, u"alice"_s)}, t::message(2)),
                         &shortLived, [&](QList<DeliveryResult>) { called = true; });
    }
    m_store->deliverAndWait(t::request({t::recipient(kDomain, u"alice"_s)}, t::message(3)));
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

void TestMessageStore::changeSignal() {
    QSignalSpy spy(m_store.get(), &MessageStore::mailboxChanged);
    QVERIFY(m_store->deliverAndWait(t::request({t::recipient(kDomain, u"Alice"_s)}, t::message(1)))
                .first()
                .ok());
    QTRY_COMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(0).toString(), kDomain);
    QCOMPARE(spy.first().at(1).toString(), u"alice"_s);
    QCOMPARE(spy.first().at(2).toString(), u"INBOX"_s);
}

void TestMessageStore::removeMailbox() {
    Recipient alice = t::recipient(kDomain, u"alice"_s);
    alice.domainQuotaBytes = 1 << 30;
    QVERIFY(
        m_store->deliverAndWait(t::request({alice, t::recipient(kDomain, u"bob"_s)}, t::message(1)))
            .first()
            .ok());
    QCOMPARE(m_store->domainUsage(kDomain), (Usage{8192, 2}));
    QString error;
    QVERIFY2(m_store->removeMailbox(kDomain, u"ALICE"_s, &error), qPrintable(error));
    QVERIFY(!QFile::exists(m_store->vmailDir() + u"/example.test/alice"_s));
    QVERIFY(!m_store->mailboxExists(kDomain, u"alice"_s));
    QVERIFY(!m_store->usage(kDomain, u"alice"_s));
    QCOMPARE(m_store->domainUsage(kDomain), (Usage{4096, 1}));
    QVERIFY(PosixFile::listDirs(m_store->vmailDir() + u"/.removed"_s).isEmpty());
    QVERIFY(!m_store->removeMailbox(kDomain, u"alice"_s, &error));

    // Delivering again makes a fresh mailbox with a new UIDVALIDITY.
    const DeliveryResult again =
        m_store->deliverAndWait(t::request({alice}, t::message(2))).first();
    QVERIFY(again.ok());
    QCOMPARE(again.uid, 1u);
    QCOMPARE(m_store->domainUsage(kDomain), (Usage{8192, 2}));
}

QTEST_GUILESS_MAIN(TestMessageStore)
#include "tst_messagestore.moc"
