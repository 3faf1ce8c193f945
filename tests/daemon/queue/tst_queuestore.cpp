// tst_queuestore.cpp - the queue on disk: message files and queue.db
//
// Covers daemon/queue/QueueStore: a message added is there after closing
// and reopening (what a restart after kill -9 sees, since nothing is held
// in memory between the calls), spool files are taken over, recipient
// states and attempts are committed together, removal, and the recovery
// of files without rows and rows without files.

#include "queue/QueueStore.h"
#include "store/PosixFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::queue;

class TestQueueStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void addAndReopen();
    void spoolFileIsTakenOver();
    void updateIsAtomicAndDurable();
    void removeAndReplace();
    void groupCommitAndRemoval();
    void recovery();
    void idsAreUniqueAndSafe();
};

static QueuedMessage sampleMessage(QueueStore &store) {
    QueuedMessage message;
    message.id = store.newId();
    message.sender = u"alice@example.test"_s;
    message.origin = u"forward"_s;
    message.createdMs = 1000;
    QueueRecipient a;
    a.address = u"bob@remote.test"_s;
    a.originalAddress = u"team@example.test"_s;
    a.nextAttemptMs = 1000;
    QueueRecipient b = a;
    b.address = u"carol@other.test"_s;
    message.recipients = {a, b};
    return message;
}

void TestQueueStore::addAndReopen() {
    QTemporaryDir dir;
    QueuedMessage message;
    {
        QueueStore store;
        QString error;
        QVERIFY2(store.open(dir.path() + u"/queue"_s, &error), qPrintable(error));
        message = sampleMessage(store);
        QVERIFY2(store.add(&message, store::MessageData::fromBytes("Subject: x\r\n\r\nbody\r\n"),
                           &error),
                 qPrintable(error));
        QVERIFY(message.recipients.at(0).id > 0);
        QVERIFY(message.recipients.at(1).id > message.recipients.at(0).id);
        QCOMPARE(message.size, qint64(20));
    }
    QueueStore store;
    QString error;
    QVERIFY(store.open(dir.path() + u"/queue"_s, &error));
    const QList<QueuedMessage> loaded = store.loadMessages(&error);
    QVERIFY(error.isEmpty());
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.at(0).id, message.id);
    QCOMPARE(loaded.at(0).sender, message.sender);
    QCOMPARE(loaded.at(0).origin, u"forward"_s);
    QCOMPARE(loaded.at(0).createdMs, qint64(1000));
    QCOMPARE(loaded.at(0).recipients.size(), 2);
    QCOMPARE(loaded.at(0).recipients.at(1).address, u"carol@other.test"_s);
    QCOMPARE(loaded.at(0).recipients.at(0).originalAddress, u"team@example.test"_s);
    QCOMPARE(loaded.at(0).recipients.at(0).state, RecipientState::Pending);
    QCOMPARE(store.readMessage(message.id, &error), "Subject: x\r\n\r\nbody\r\n"_ba);
    QFile file(store.messagePath(message.id));
    QCOMPARE(file.permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
}

void TestQueueStore::spoolFileIsTakenOver() {
    QTemporaryDir dir;
    QueueStore store;
    QString error;
    QVERIFY(store.open(dir.path() + u"/queue"_s, &error));
    const QString spool = dir.path() + u"/spool-file"_s;
    QFile out(spool);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("From: a\r\n\r\nbig\r\n");
    out.close();
    QueuedMessage message = sampleMessage(store);
    QVERIFY2(store.add(&message, store::MessageData::fromSpoolFile(spool), &error),
             qPrintable(error));
    QVERIFY(!QFile::exists(spool));
    QCOMPARE(message.size, qint64(16));
    QCOMPARE(store.readMessage(message.id, &error), "From: a\r\n\r\nbig\r\n"_ba);
}

void TestQueueStore::updateIsAtomicAndDurable() {
    QTemporaryDir dir;
    QueuedMessage message;
    {
        QueueStore store;
        QString error;
        QVERIFY(store.open(dir.path() + u"/queue"_s, &error));
        message = sampleMessage(store);
        QVERIFY(store.add(&message, store::MessageData::fromBytes("x\r\n"), &error));
        QueueRecipient delivered = message.recipients.at(0);
        delivered.state = RecipientState::Delivered;
        delivered.attempts = 1;
        delivered.lastAnswer = "250 2.0.0 queued";
        delivered.lastStatus = "2.0.0";
        delivered.lastHost = u"mx.remote.test"_s;
        delivered.lastAttemptMs = 2000;
        QueueRecipient deferred = message.recipients.at(1);
        deferred.state = RecipientState::Deferred;
        deferred.nextAttemptMs = 5000;
        deferred.attempts = 1;
        QueueAttempt attempt;
        attempt.timeMs = 2000;
        attempt.recipient = delivered.address;
        attempt.host = u"mx.remote.test [127.0.0.1]:25"_s;
        attempt.answer = delivered.lastAnswer;
        attempt.tls = u"TLSv1.3 X"_s;
        attempt.outcome = RecipientState::Delivered;
        QVERIFY(store.update(message.id, {delivered, deferred}, {attempt}, &error));

        // An update naming a recipient of another message changes nothing.
        QueueRecipient foreign = delivered;
        foreign.state = RecipientState::Failed;
        QVERIFY(store.update(u"0000000000000000"_s, {foreign}, {}, &error));
    }
    QueueStore store;
    QString error;
    QVERIFY(store.open(dir.path() + u"/queue"_s, &error));
    const QueuedMessage loaded = store.loadMessages(&error).value(0);
    QCOMPARE(loaded.recipients.at(0).state, RecipientState::Delivered);
    QCOMPARE(loaded.recipients.at(0).lastAnswer, "250 2.0.0 queued"_ba);
    QCOMPARE(loaded.recipients.at(0).lastHost, u"mx.remote.test"_s);
    QCOMPARE(loaded.recipients.at(1).state, RecipientState::Deferred);
    QCOMPARE(loaded.recipients.at(1).nextAttemptMs, qint64(5000));
    const QList<QueueAttempt> attempts = store.attempts(message.id);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.at(0).tls, u"TLSv1.3 X"_s);
    QCOMPARE(attempts.at(0).outcome, RecipientState::Delivered);
    QVERIFY(!loaded.isDone());
}

void TestQueueStore::removeAndReplace() {
    QTemporaryDir dir;
    QueueStore store;
    QString error;
    QVERIFY(store.open(dir.path() + u"/queue"_s, &error));
    QueuedMessage first = sampleMessage(store);
    QVERIFY(store.add(&first, store::MessageData::fromBytes("1\r\n"), &error));
    QueuedMessage bounce = sampleMessage(store);
    bounce.sender.clear();
    QVERIFY(store.add(&bounce, store::MessageData::fromBytes("2\r\n"), &error, first.id));
    QVERIFY(!QFile::exists(store.messagePath(first.id)));
    QList<QueuedMessage> loaded = store.loadMessages(&error);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.at(0).id, bounce.id);
    QVERIFY(loaded.at(0).sender.isEmpty());
    QVERIFY(store.remove(bounce.id, &error));
    QVERIFY(store.loadMessages(&error).isEmpty());
    QVERIFY(!QFile::exists(store.messagePath(bounce.id)));
    QVERIFY(store.attempts(bounce.id).isEmpty());
}

// writeMany() makes the files durable without rows; commitMany() adds the
// rows of the files written; removeMany() takes rows and files away again.
void TestQueueStore::groupCommitAndRemoval() {
    QTemporaryDir dir;
    const QString queueDir = dir.path() + u"/queue"_s;
    const QString spool = dir.path() + u"/spool-file"_s;
    QFile out(spool);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("From: a\r\n\r\nspooled\r\n");
    out.close();
    QStringList ids;
    {
        QueueStore store;
        QString error;
        QVERIFY2(store.open(queueDir, &error), qPrintable(error));
        QueuedMessage spooled = sampleMessage(store);
        QueuedMessage inMemory = sampleMessage(store);
        QueuedMessage invalid = sampleMessage(store);
        invalid.id = u"../escape"_s;
        QList<QueueStore::NewMessage> batch;
        batch.append({&spooled, store::MessageData::fromSpoolFile(spool), false, QString()});
        batch.append({&inMemory, store::MessageData::fromBytes("x\r\n"), false, QString()});
        batch.append({&invalid, store::MessageData::fromBytes("y\r\n"), false, QString()});
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        store.writeMany(batch, &pool);
        QVERIFY(batch.at(0).ok);
        QVERIFY(batch.at(1).ok);
        QVERIFY(!batch.at(2).ok);
        QVERIFY(!batch.at(2).error.isEmpty());
        QVERIFY(!QFile::exists(spool));
        QCOMPARE(spooled.size, qint64(20));
        QCOMPARE(inMemory.size, qint64(3));
        QVERIFY(store.loadMessages(&error).isEmpty());
        store.commitMany(batch);
        QVERIFY(batch.at(0).ok);
        QVERIFY(batch.at(1).ok);
        ids = {spooled.id, inMemory.id};
    }
    {
        QueueStore store;
        QString error;
        QVERIFY(store.open(queueDir, &error));
        const QList<QueuedMessage> loaded = store.loadMessages(&error);
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(store.readMessage(ids.at(0), &error), "From: a\r\n\r\nspooled\r\n"_ba);
        QCOMPARE(store.readMessage(ids.at(1), &error), "x\r\n"_ba);
        QVERIFY2(store.removeMany(ids, &error), qPrintable(error));
        for (const QString &id : std::as_const(ids))
            QVERIFY(!QFile::exists(store.messagePath(id)));
        // The connection still commits after the relaxed removal.
        QueuedMessage next = sampleMessage(store);
        QVERIFY2(store.add(&next, store::MessageData::fromBytes("z\r\n"), &error),
                 qPrintable(error));
        ids = {next.id};
    }
    QueueStore store;
    QString error;
    QVERIFY(store.open(queueDir, &error));
    const QList<QueuedMessage> loaded = store.loadMessages(&error);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.at(0).id, ids.at(0));
}

void TestQueueStore::recovery() {
    QTemporaryDir dir;
    QString kept;
    QString lost;
    {
        QueueStore store;
        QString error;
        QVERIFY(store.open(dir.path() + u"/queue"_s, &error));
        QueuedMessage a = sampleMessage(store);
        QVERIFY(store.add(&a, store::MessageData::fromBytes("a\r\n"), &error));
        QueuedMessage b = sampleMessage(store);
        QVERIFY(store.add(&b, store::MessageData::fromBytes("b\r\n"), &error));
        kept = a.id;
        lost = b.id;
        // A file whose rows were never committed (a crash during enqueue),
        // and a row whose file vanished.
        QFile orphan(dir.path() + u"/queue/messages/00000000000ABCDE"_s);
        QVERIFY(orphan.open(QIODevice::WriteOnly));
        orphan.close();
        QVERIFY(QFile::remove(store.messagePath(b.id)));
    }
    QueueStore store;
    QString error;
    QVERIFY(store.open(dir.path() + u"/queue"_s, &error));
    QVERIFY(!QFile::exists(dir.path() + u"/queue/messages/00000000000ABCDE"_s));
    const QList<QueuedMessage> loaded = store.loadMessages(&error);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.at(0).id, kept);
}

void TestQueueStore::idsAreUniqueAndSafe() {
    QTemporaryDir dir;
    QueueStore store;
    QString error;
    QVERIFY(store.open(dir.path() + u"/queue"_s, &error));
    QSet<QString> ids;
    for (int i = 0; i < 2000; ++i) {
        const QString id = store.newId();
        QCOMPARE(id.size(), 16);
        for (const QChar c : id)
            QVERIFY(c.isDigit() || (c >= u'A' && c <= u'F'));
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 2000);
    QueuedMessage bad = sampleMessage(store);
    bad.id = u"../escape"_s;
    QVERIFY(!store.add(&bad, store::MessageData::fromBytes("x"), &error));
}

QTEST_GUILESS_MAIN(TestQueueStore)
#include "tst_queuestore.moc"
