// store_bench.cpp - micro benchmark of durable deliveries into the message store
//
// K client threads (standing in for SMTP sessions) each deliver their share
// of N messages of S bytes with deliverAndWait, to M mailboxes round robin,
// into a fresh data directory. Prints messages per second, CPU seconds per
// 1,000 messages, and how many fsyncs each message cost (file syncs +
// directory syncs + index commits), which shows what group commit saves.
// Not a test: figures depend on the disk; compare runs on one machine.
//
//   store_bench [--messages N] [--threads K] [--size BYTES] [--mailboxes M]
//               [--writers W] [--sync-threads S] [--max-batch B] [--dir PARENT]
//
// --writers 1 --sync-threads 0 --max-batch 1 is the no-group-commit baseline.
#include "StoreTestSupport.h"

#include <atomic>
#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace mailstead::store;
namespace t = mailstead::store::test;

namespace {

double cpuSeconds() {
    struct rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption messagesOption(u"messages"_s, u"messages in total"_s, u"N"_s,
                                            u"5000"_s);
    const QCommandLineOption threadsOption(u"threads"_s, u"client threads"_s, u"K"_s, u"20"_s);
    const QCommandLineOption sizeOption(u"size"_s, u"message size in bytes"_s, u"BYTES"_s,
                                        u"4096"_s);
    const QCommandLineOption mailboxesOption(u"mailboxes"_s, u"mailboxes"_s, u"M"_s, u"10"_s);
    const QCommandLineOption writersOption(u"writers"_s, u"store writer threads"_s, u"W"_s, u"2"_s);
    const QCommandLineOption syncOption(u"sync-threads"_s, u"store fsync threads"_s, u"S"_s,
                                        u"16"_s);
    const QCommandLineOption batchOption(u"max-batch"_s, u"requests per group commit"_s, u"B"_s,
                                         u"256"_s);
    const QCommandLineOption dirOption(u"dir"_s, u"parent of the data directory"_s, u"PARENT"_s,
                                       QDir::tempPath());
    parser.addOptions({messagesOption, threadsOption, sizeOption, mailboxesOption, writersOption,
                       syncOption, batchOption, dirOption});
    parser.process(app);
    const int total = parser.value(messagesOption).toInt();
    const int clients = std::max(1, parser.value(threadsOption).toInt());
    const int size = parser.value(sizeOption).toInt();
    const int mailboxes = std::max(1, parser.value(mailboxesOption).toInt());

    QTemporaryDir dataDir(parser.value(dirOption) + u"/store-bench-XXXXXX"_s);
    MessageStore store;
    MessageStore::Options options;
    options.writerThreads = parser.value(writersOption).toInt();
    options.syncThreads = parser.value(syncOption).toInt();
    options.maxBatch = parser.value(batchOption).toInt();
    QString error;
    if (!dataDir.isValid() || !store.open(dataDir.path(), options, &error)) {
        std::fprintf(stderr, "cannot open store: %s\n", qPrintable(error));
        return 1;
    }
    // Mailboxes exist before the clock starts, as they would in production.
    for (int m = 0; m < mailboxes; ++m)
        store.ensureMailbox(u"bench.test"_s, u"user"_s + QString::number(m));

    // Messages are made before the clock starts: the figure is the store's.
    QList<QByteArray> messages;
    messages.reserve(total);
    for (int id = 0; id < total; ++id)
        messages.append(t::message(id, size));

    std::atomic<int> next{0};
    std::atomic<int> failed{0};
    QList<QThread *> threads;
    for (int c = 0; c < clients; ++c) {
        threads.append(QThread::create([&] {
            for (int id = next++; id < total; id = next++) {
                const Recipient rcpt =
                    t::recipient(u"bench.test"_s, u"user"_s + QString::number(id % mailboxes));
                if (!store.deliverAndWait(t::request({rcpt}, messages.at(id))).first().ok())
                    ++failed;
            }
        }));
    }
    const StoreStats before = store.stats();
    const double cpuBefore = cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    for (QThread *thread : std::as_const(threads))
        thread->start();
    for (QThread *thread : std::as_const(threads)) {
        thread->wait();
        delete thread;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    const StoreStats after = store.stats();
    const qint64 delivered = after.deliveries - before.deliveries;
    const qint64 syncs = (after.fileSyncs - before.fileSyncs) + (after.dirSyncs - before.dirSyncs) +
                         (after.commits - before.commits);
    const qint64 batches = after.batches - before.batches;

    std::printf("store_bench: %d messages of %d bytes, %d client threads, %d mailboxes, "
                "%d writers, %d sync threads, batches up to %d\n",
                total, size, clients, mailboxes, options.writerThreads, options.syncThreads,
                options.maxBatch);
    std::printf("  delivered        %lld (failed %d)\n", static_cast<long long>(delivered),
                failed.load());
    std::printf("  wall             %.3f s\n", seconds);
    std::printf("  messages/s       %.0f\n", double(delivered) / seconds);
    std::printf("  cpu s / 1000 msg %.3f\n", cpu * 1000.0 / double(std::max<qint64>(1, delivered)));
    std::printf("  fsyncs/message   %.3f (file %lld, dir %lld, commit %lld)\n",
                double(syncs) / double(std::max<qint64>(1, delivered)),
                static_cast<long long>(after.fileSyncs - before.fileSyncs),
                static_cast<long long>(after.dirSyncs - before.dirSyncs),
                static_cast<long long>(after.commits - before.commits));
    std::printf("  batches          %lld (%.1f messages each)\n", static_cast<long long>(batches),
                double(delivered) / double(std::max<qint64>(1, batches)));
    store.close();
    return failed.load() == 0 ? 0 : 1;
}
