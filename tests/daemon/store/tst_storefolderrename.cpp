// tst_storefolderrename.cpp - MailboxIndex::renameFolder through the store
//
// RFC 9051 section 6.3.6: RENAME keeps UIDVALIDITY, UIDs and flags, takes
// the folders below along ("Work/Reports" becomes "Done/Reports"), and
// refuses INBOX, a missing source and a target that exists. Checked on the
// real Maildir++ directories and index.db, also after the store reopens.
#include "store/MailboxIndex.h"
#include "store/MailboxReader.h"
#include "StoreTestSupport.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::store;
namespace t = mailstead::store::test;

namespace {

const QString kDomain = u"example.test"_s;
const QString kLocal = u"alice"_s;

} // namespace

class TestStoreFolderRename : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void renameKeepsMessagesAndChildren();
    void refusals();

private:
    bool rename(const QString &from, const QString &to, QString *error = nullptr);
    quint32 deliverTo(const QString &folder, int id);
    QString mailboxDir() const { return m_store->vmailDir() + u"/example.test/alice"_s; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
};

void TestStoreFolderRename::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MessageStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir->path(), &error), qPrintable(error));
    QVERIFY(m_store->ensureMailbox(kDomain, kLocal));
    bool created = false;
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [&](MailboxIndex &index) {
        created = index.createFolder(u"Work"_s, QString(), &error) &&
                  index.createFolder(u"Work/Reports"_s, QString(), &error) &&
                  index.createFolder(u"Workshop"_s, QString(), &error);
        return QStringList();
    }));
    QVERIFY2(created, qPrintable(error));
}

void TestStoreFolderRename::cleanup() {
    m_store.reset();
    m_dir.reset();
}

bool TestStoreFolderRename::rename(const QString &from, const QString &to, QString *error) {
    bool ok = false;
    if (!m_store->runWriteAndWait(kDomain, kLocal, [&](MailboxIndex &index) {
            ok = index.renameFolder(from, to, error);
            return QStringList();
        }))
        return false;
    return ok;
}

quint32 TestStoreFolderRename::deliverTo(const QString &folder, int id) {
    DeliveryRequest request = t::request({t::recipient(kDomain, kLocal)}, t::message(id));
    request.recipients[0].folder = folder;
    const DeliveryResult result = m_store->deliverAndWait(request).first();
    return result.ok() ? result.uid : 0;
}

void TestStoreFolderRename::renameKeepsMessagesAndChildren() {
    const quint32 first = deliverTo(u"Work"_s, 1);
    const quint32 second = deliverTo(u"Work"_s, 2);
    const quint32 report = deliverTo(u"Work/Reports"_s, 3);
    QVERIFY(first && second && report);
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [&](MailboxIndex &index) {
        index.storeFlags(u"Work"_s, {second}, FlagMode::Add, MessageFlag::Flagged, {u"project"_s},
                         0, nullptr, nullptr);
        return QStringList();
    }));
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    const FolderInfo work = *reader->folder(u"Work"_s);
    const FolderInfo reports = *reader->folder(u"Work/Reports"_s);
    const FolderInfo workshop = *reader->folder(u"Workshop"_s);

    QString error;
    QVERIFY2(rename(u"Work"_s, u"Done"_s, &error), qPrintable(error));

    // The names moved; "Workshop" only shares a prefix and stays.
    QVERIFY(!reader->folder(u"Work"_s));
    QVERIFY(!reader->folder(u"Work/Reports"_s));
    QCOMPARE(reader->folder(u"Workshop"_s)->uidValidity, workshop.uidValidity);
    QVERIFY(!QFileInfo::exists(mailboxDir() + u"/.Work"_s));
    QVERIFY(!QFileInfo::exists(mailboxDir() + u"/.Work.Reports"_s));
    QVERIFY(QFileInfo(mailboxDir() + u"/.Done/cur"_s).isDir());
    QVERIFY(QFileInfo(mailboxDir() + u"/.Done.Reports/new"_s).isDir());
    QVERIFY(QFileInfo(mailboxDir() + u"/.Workshop/new"_s).isDir());

    // UIDVALIDITY, UIDNEXT, UIDs, flags and contents stay.
    const FolderInfo done = *reader->folder(u"Done"_s);
    QCOMPARE(done.uidValidity, work.uidValidity);
    QCOMPARE(done.uidNext, work.uidNext);
    QCOMPARE(done.messages, qint64(2));
    const QList<MessageInfo> messages = reader->messages(u"Done"_s);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).uid, first);
    QCOMPARE(messages.at(1).uid, second);
    QVERIFY(messages.at(1).flags == MessageFlags(MessageFlag::Flagged));
    QCOMPARE(messages.at(1).keywords, QStringList{u"project"_s});
    QCOMPARE(reader->readMessage(done, messages.at(0)), std::optional(t::message(1)));
    QCOMPARE(reader->readMessage(done, messages.at(1)), std::optional(t::message(2)));
    const FolderInfo doneReports = *reader->folder(u"Done/Reports"_s);
    QCOMPARE(doneReports.uidValidity, reports.uidValidity);
    const QList<MessageInfo> reportMessages = reader->messages(u"Done/Reports"_s);
    QCOMPARE(reportMessages.size(), 1);
    QCOMPARE(reader->readMessage(doneReports, reportMessages.first()),
             std::optional(t::message(3)));

    // New mail goes to the new name with the next UID; the old name is free.
    const quint32 third = deliverTo(u"Done"_s, 4);
    QCOMPARE(third, work.uidNext);
    bool created = false;
    QVERIFY(m_store->runWriteAndWait(kDomain, kLocal, [&](MailboxIndex &index) {
        created = index.createFolder(u"Work"_s, QString(), nullptr);
        return QStringList();
    }));
    QVERIFY(created);
    QVERIFY(reader->folder(u"Work"_s)->uidValidity > work.uidValidity);
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, kLocal), QString());

    // Committed: the same after the store is opened again.
    reader.reset();
    m_store->close();
    QVERIFY(m_store->open(m_dir->path(), &error));
    reader = m_store->openReader(kDomain, kLocal);
    QCOMPARE(reader->folder(u"Done"_s)->uidValidity, work.uidValidity);
    QCOMPARE(reader->messages(u"Done"_s).size(), 3);
    QCOMPARE(reader->messages(u"Done/Reports"_s).size(), 1);
    QCOMPARE(reader->messages(u"Work"_s).size(), 0);
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, kLocal), QString());
}

void TestStoreFolderRename::refusals() {
    QVERIFY(deliverTo(u"Work"_s, 1));
    QString error;
    QVERIFY(!rename(u"INBOX"_s, u"Old mail"_s, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!rename(u"Missing"_s, u"Found"_s, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!rename(u"Work"_s, u"Workshop"_s, &error)); // the target exists
    QVERIFY(!error.isEmpty());
    QVERIFY(!rename(u"Workshop"_s, u"Work/Reports"_s)); // so does this one

    // Nothing changed.
    std::unique_ptr<MailboxReader> reader = m_store->openReader(kDomain, kLocal);
    QCOMPARE(reader->messages(u"Work"_s).size(), 1);
    QVERIFY(reader->folder(u"Work/Reports"_s));
    QVERIFY(reader->folder(u"Workshop"_s));
    QVERIFY(QFileInfo(mailboxDir() + u"/.Work/new"_s).isDir());
    QCOMPARE(t::consistencyProblem(*m_store, kDomain, kLocal), QString());
}

QTEST_GUILESS_MAIN(TestStoreFolderRename)
#include "tst_storefolderrename.moc"
