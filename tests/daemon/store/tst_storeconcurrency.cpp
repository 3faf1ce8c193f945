// tst_storeconcurrency.cpp - group commit under concurrency, and kill -9
//
// groupCommit: several threads deliver at once (as SMTP sessions on several
// I/O threads would); every acknowledged delivery must be indexed exactly
// once with its own UID, and the batches must actually share work.
// killDuringDelivery: a forked child delivers from four threads and writes
// every acknowledged (mailbox, id, uid) to a pipe; the parent SIGKILLs it
// mid-flood, reopens the store and checks that every acknowledged message is
// present exactly once, byte-identical, under its UID, and that the index
// agrees with the files. Two rounds, so recovery is followed by more
// deliveries and another crash.
// sharedReaderPerThread: MessageStore::sharedReader gives one reader per
// mailbox per thread (never shared across threads or stores), kept only
// while someone holds it.
#include "store/MailboxReader.h"
#include "StoreTestSupport.h"

#include <csignal>
#include <poll.h>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace mailstead::store;
namespace t = mailstead::store::test;

namespace {

const QString kDomain = u"example.test"_s;
const QStringList kMailboxes = {u"alice"_s, u"bob"_s, u"carol"_s};

struct Ack {
    QString localPart;
    int id = 0;
    quint32 uid = 0;
};

// Checks one mailbox against the acknowledgements: each acked id present
// once under its uid with the exact bytes; no id present twice.
QString verifyMailbox(MessageStore &store, const QString &localPart, const QList<Ack> &acks) {
    std::unique_ptr<MailboxReader> reader = store.openReader(kDomain, localPart);
    if (!reader)
        return u"no mailbox "_s + localPart;
    const FolderInfo inbox = *reader->folder(u"INBOX"_s);
    QHash<int, quint32> uidOfId;
    for (const MessageInfo &message : reader->messages(u"INBOX"_s)) {
        const std::optional<QByteArray> bytes = reader->readMessage(inbox, message);
        if (!bytes)
            return u"unreadable uid %1"_s.arg(message.uid);
        const int id = t::idOf(*bytes);
        if (uidOfId.contains(id))
            return u"id %1 delivered twice to %2"_s.arg(id).arg(localPart);
        if (*bytes != t::message(id))
            return u"bytes of id %1 differ"_s.arg(id);
        uidOfId.insert(id, message.uid);
    }
    for (const Ack &ack : acks) {
        if (ack.localPart != localPart)
            continue;
        if (!uidOfId.contains(ack.id))
            return u"acknowledged id %1 missing in %2"_s.arg(ack.id).arg(localPart);
        if (uidOfId.value(ack.id) != ack.uid)
            return u"id %1 has uid %2, acknowledged as %3"_s.arg(ack.id)
                .arg(uidOfId.value(ack.id))
                .arg(ack.uid);
    }
    return t::consistencyProblem(store, kDomain, localPart);
}

[[noreturn]] void runCrashChild(const QString &dataDir, int pipeFd, int round) {
    MessageStore store;
    if (!store.open(dataDir, nullptr))
        ::_exit(2);
    std::vector<std::thread> threads;
    for (int thread = 0; thread < 4; ++thread) {
        threads.emplace_back([&store, pipeFd, thread, round] {
            // Bounded, in case the parent never kills us.
            for (int i = 0; i < 20000; ++i) {
                const int id = round * 1000000 + thread * 100000 + i;
                QList<Recipient> recipients{t::recipient(kDomain, kMailboxes.at(i % 3))};
                if (i % 4 == 0)
                    recipients.append(t::recipient(kDomain, kMailboxes.at((i + 1) % 3)));
                const QList<DeliveryResult> results =
                    store.deliverAndWait(t::request(recipients, t::message(id)));
                for (qsizetype r = 0; r < results.size(); ++r) {
                    if (!results.at(r).ok())
                        continue;
                    // One write(2) below PIPE_BUF: lines never interleave.
                    const QByteArray line = recipients.at(r).localPart.toUtf8() + ' ' +
                                            QByteArray::number(id) + ' ' +
                                            QByteArray::number(results.at(r).uid) + '\n';
                    if (::write(pipeFd, line.constData(), size_t(line.size())) < 0)
                        ::_exit(3);
                }
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    ::_exit(0);
}

// Reads "local id uid" lines from `fd` into `acks`; returns false on EOF.
bool readAcks(int fd, QByteArray *buffer, QList<Ack> *acks, int timeoutMs) {
    struct pollfd poller {
        fd, POLLIN, 0
    };
    if (::poll(&poller, 1, timeoutMs) <= 0)
        return true;
    char chunk[4096];
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got <= 0)
        return false;
    buffer->append(chunk, got);
    qsizetype end = 0;
    while ((end = buffer->indexOf('\n')) >= 0) {
        const QList<QByteArray> fields = buffer->left(end).split(' ');
        buffer->remove(0, end + 1);
        if (fields.size() == 3)
            acks->append(
                {QString::fromUtf8(fields.at(0)), fields.at(1).toInt(), fields.at(2).toUInt()});
    }
    return true;
}

} // namespace

class TestStoreConcurrency : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void groupCommit();
    void killDuringDelivery();
    void sharedReaderPerThread();
};

void TestStoreConcurrency::groupCommit() {
    QTemporaryDir dir;
    MessageStore store;
    QVERIFY(store.open(dir.path(), nullptr));
    constexpr int kThreads = 8;
    constexpr int kPerThread = 40;
    QMutex mutex;
    QList<Ack> acks;
    int failures = 0;
    int copies = 0;
    QList<QThread *> threads;
    for (int thread = 0; thread < kThreads; ++thread) {
        threads.append(QThread::create([&, thread] {
            for (int i = 0; i < kPerThread; ++i) {
                const int id = thread * 1000 + i;
                QList<Recipient> recipients{t::recipient(kDomain, kMailboxes.at((thread + i) % 3))};
                if (i % 5 == 0)
                    recipients.append(t::recipient(kDomain, kMailboxes.at((thread + i + 1) % 3)));
                const QList<DeliveryResult> results =
                    store.deliverAndWait(t::request(recipients, t::message(id)));
                QMutexLocker locker(&mutex);
                copies += int(recipients.size());
                for (qsizetype r = 0; r < results.size(); ++r) {
                    if (results.at(r).ok())
                        acks.append({recipients.at(r).localPart, id, results.at(r).uid});
                    else
                        ++failures;
                }
            }
        }));
    }
    for (QThread *thread : std::as_const(threads))
        thread->start();
    for (QThread *thread : std::as_const(threads)) {
        QVERIFY(thread->wait(120000));
        delete thread;
    }
    QCOMPARE(failures, 0);
    QCOMPARE(acks.size(), copies);
    for (const QString &localPart : kMailboxes)
        QCOMPARE(verifyMailbox(store, localPart, acks), QString());

    const StoreStats stats = store.stats();
    QCOMPARE(stats.deliveries, qint64(copies));
    qInfo() << "requests" << kThreads * kPerThread << "batches" << stats.batches << "commits"
            << stats.commits << "file syncs" << stats.fileSyncs << "dir syncs" << stats.dirSyncs;
    // Eight callers against two writers: requests must have shared batches.
    QVERIFY(stats.batches < kThreads * kPerThread);
    QVERIFY(stats.commits < copies);
}

void TestStoreConcurrency::killDuringDelivery() {
    QTemporaryDir dir;
    QList<Ack> acks;
    for (int round = 1; round <= 2; ++round) {
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(fds[0]);
            runCrashChild(dir.path(), fds[1], round);
        }
        ::close(fds[1]);
        QByteArray buffer;
        const qsizetype before = acks.size();
        QElapsedTimer timer;
        timer.start();
        // Kill mid-flood: after a few hundred acknowledgements.
        while (acks.size() - before < 300 && timer.elapsed() < 60000)
            if (!readAcks(fds[0], &buffer, &acks, 100))
                break;
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(WIFSIGNALED(status));
        // Whatever the child wrote before it died is still in the pipe.
        while (readAcks(fds[0], &buffer, &acks, 1000)) {
        }
        ::close(fds[0]);
        qInfo() << "round" << round << "acknowledged" << acks.size() - before;
        QVERIFY(acks.size() - before >= 300);

        MessageStore store;
        QVERIFY(store.open(dir.path(), nullptr));
        for (const QString &localPart : kMailboxes)
            QCOMPARE(verifyMailbox(store, localPart, acks), QString());
    }
}

void TestStoreConcurrency::sharedReaderPerThread() {
    QTemporaryDir dir;
    QTemporaryDir otherDir;
    MessageStore store;
    MessageStore other;
    QVERIFY(store.open(dir.path(), nullptr) && other.open(otherDir.path(), nullptr));
    for (MessageStore *s : {&store, &other})
        QVERIFY(s->ensureMailbox(kDomain, u"alice"_s) && s->ensureMailbox(kDomain, u"bob"_s));

    std::shared_ptr<MailboxReader> first = store.sharedReader(kDomain, u"alice"_s);
    QVERIFY(first);
    // Same thread, same mailbox (any spelling of it): the same reader.
    QCOMPARE(store.sharedReader(u"EXAMPLE.test"_s, u"alice"_s).get(), first.get());
    QVERIFY(store.sharedReader(kDomain, u"bob"_s).get() != first.get());
    QVERIFY(other.sharedReader(kDomain, u"alice"_s).get() != first.get());
    // Another thread gets its own.
    MailboxReader *onThread = nullptr;
    std::thread([&] {
        std::shared_ptr<MailboxReader> reader = store.sharedReader(kDomain, u"alice"_s);
        onThread = reader.get();
        QVERIFY(reader && reader->folder(u"INBOX"_s));
    }).join();
    QVERIFY(onThread && onThread != first.get());
    // Nobody holds it: the next caller opens a new one, which works.
    first.reset();
    std::shared_ptr<MailboxReader> again = store.sharedReader(kDomain, u"alice"_s);
    QVERIFY(again && again->folder(u"INBOX"_s));
    QString error;
    QVERIFY(!store.sharedReader(kDomain, u"nobody@"_s, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestStoreConcurrency)
#include "tst_storeconcurrency.moc"
