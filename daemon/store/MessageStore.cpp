// MessageStore.cpp - writer threads, the request queue and the public API
#include "MessageStore.h"

#include "core/Log.h"
#include "DeliveryBatch.h"
#include "MailboxIndex.h"
#include "MailboxReader.h"
#include "MailboxRegistry.h"
#include "MaildirName.h"
#include "PosixFile.h"
#include "VmailPath.h"

#include <condition_variable>
#include <deque>
#include <future>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QMetaObject>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;

namespace mailstead::store {

MessageData MessageData::fromBytes(QByteArray bytes) {
    MessageData data;
    data.bytes = std::move(bytes);
    return data;
}

MessageData MessageData::fromSpoolFile(QString path, qint64 virtualSize) {
    MessageData data;
    data.spoolPath = std::move(path);
    data.virtualSize = virtualSize;
    return data;
}

namespace {

// Shared readers a thread keeps before the expired ones are swept out.
constexpr qsizetype readerSweepThreshold = 64;

struct QueuedWrite {
    MailboxKey key;
    MessageStore::WriteJob job;
    QPointer<QObject> context;
    bool hasContext = false;
    MessageStore::WriteCallback done;
};

struct QueuedJob {
    std::unique_ptr<PendingDelivery> delivery;
    std::unique_ptr<QueuedWrite> write;
};

// Runs `call` in the context's thread, or right here without a context. A
// context deleted before the completion is posted simply gets nothing.
template <typename Call>
void complete(const QPointer<QObject> &context, bool hasContext, Call call) {
    if (!hasContext) {
        call();
        return;
    }
    if (QObject *target = context.data())
        QMetaObject::invokeMethod(target, std::move(call), Qt::QueuedConnection);
}

QList<DeliveryResult> failedResults(const DeliveryRequest &request, const QString &error) {
    QList<DeliveryResult> results(request.recipients.size());
    for (qsizetype i = 0; i < results.size(); ++i) {
        results[i].folder = request.recipients.at(i).folder;
        results[i].error = error;
    }
    return results;
}

bool makeStoreDir(const QString &path, QString *error) {
    bool created = false;
    if (!PosixFile::makeDir(path, &created, error))
        return false;
    return !created || PosixFile::syncDir(path.section(u'/', 0, -2), error);
}

} // namespace

struct MessageStore::Private {
    MessageStore *owner = nullptr;
    QString vmailDir;
    QString spoolDir;
    QString removedDir;
    Options options;
    std::unique_ptr<MailboxRegistry> registry;
    std::unique_ptr<SyncPool> syncPool;
    StoreCounters counters;

    std::mutex queueMutex;
    std::condition_variable queueReady;
    std::deque<QueuedJob> queue; // guarded by queueMutex
    bool stopping = true;        // guarded by queueMutex; false while writers run
    std::vector<std::thread> writers;
    std::atomic<bool> open{false};

    // False when the writers are stopping or stopped: the job was not taken.
    bool enqueue(QueuedJob &job);
    void writerLoop();
    void runWrite(QueuedWrite &write);
    void notifyChanged(const MailboxKey &key, const QString &folder);
};

bool MessageStore::Private::enqueue(QueuedJob &job) {
    {
        std::lock_guard guard(queueMutex);
        if (stopping)
            return false;
        queue.push_back(std::move(job));
    }
    queueReady.notify_one();
    return true;
}

void MessageStore::Private::notifyChanged(const MailboxKey &key, const QString &folder) {
    Q_EMIT owner->mailboxChanged(key.domain, key.localPart, folder);
}

void MessageStore::Private::writerLoop() {
    const BatchEnvironment environment{
        *registry, counters, *syncPool, spoolDir,
        [this](const MailboxKey &key, const QString &folder) { notifyChanged(key, folder); }};
    for (;;) {
        std::vector<QueuedJob> taken;
        {
            std::unique_lock lock(queueMutex);
            queueReady.wait(lock, [this] { return stopping || !queue.empty(); });
            if (queue.empty())
                return; // stopping, and everything queued is done
            // Everything waiting goes into one batch: the longer the last
            // fsync took, the more requests share the next one.
            if (queue.front().write) {
                taken.push_back(std::move(queue.front()));
                queue.pop_front();
            } else {
                while (!queue.empty() && queue.front().delivery &&
                       int(taken.size()) < options.maxBatch) {
                    taken.push_back(std::move(queue.front()));
                    queue.pop_front();
                }
            }
        }
        if (taken.front().write) {
            runWrite(*taken.front().write);
        } else {
            QList<PendingDelivery *> batch;
            for (QueuedJob &job : taken)
                batch.append(job.delivery.get());
            runDeliveryBatch(environment, batch);
            for (PendingDelivery *delivery : std::as_const(batch)) {
                complete(delivery->context, delivery->hasContext,
                         [done = std::move(delivery->done), results = delivery->results] {
                             done(results);
                         });
            }
        }
        registry->trim();
    }
}

void MessageStore::Private::runWrite(QueuedWrite &write) {
    std::unique_lock<std::mutex> lock;
    std::shared_ptr<MailboxEntry> entry = registry->lockEntry(write.key, &lock);
    QString error;
    const bool ok = registry->openLocked(*entry, false, &error);
    QStringList changed;
    if (ok) {
        changed = write.job(*entry->index);
        registry->syncUsage(*entry);
    }
    lock.unlock();
    for (const QString &folder : std::as_const(changed))
        notifyChanged(write.key, folder);
    complete(write.context, write.hasContext,
             [done = std::move(write.done), ok, error] { done(ok, error); });
}

MessageStore::MessageStore(QObject *parent)
    : QObject(parent)
    , m_private(std::make_unique<Private>()) {
    m_private->owner = this;
}

MessageStore::~MessageStore() {
    close();
}

bool MessageStore::open(const QString &dataDir, const Options &options, QString *error) {
    Private &p = *m_private;
    if (p.open.load()) {
        if (error)
            *error = u"message store is already open"_s;
        return false;
    }
    p.vmailDir = QDir::cleanPath(QDir(dataDir).absolutePath()) + u"/vmail"_s;
    p.spoolDir = p.vmailDir + u"/.spool"_s;
    p.removedDir = p.vmailDir + u"/.removed"_s;
    p.options = options;
    p.options.writerThreads = std::max(1, options.writerThreads);
    p.options.maxBatch = std::max(1, options.maxBatch);
    if (!makeStoreDir(p.vmailDir, error) || !makeStoreDir(p.spoolDir, error) ||
        !makeStoreDir(p.removedDir, error))
        return false;
    // Nothing writes yet: spool files are deliveries that were never
    // acknowledged, .removed entries are deletions a crash interrupted.
    const QStringList spooled = PosixFile::listFiles(p.spoolDir);
    for (const QString &name : spooled)
        PosixFile::remove(p.spoolDir + u'/' + name);
    if (!spooled.isEmpty())
        qCInfo(core::lcStore) << "removed" << spooled.size() << "unacknowledged spool files";
    for (const QString &name : PosixFile::listDirs(p.removedDir))
        QDir(p.removedDir + u'/' + name).removeRecursively();

    p.registry = std::make_unique<MailboxRegistry>(p.vmailDir, options.maxOpenIndexes);
    p.syncPool = std::make_unique<SyncPool>(std::max(0, options.syncThreads));
    {
        std::lock_guard guard(p.queueMutex);
        p.stopping = false;
    }
    for (int i = 0; i < p.options.writerThreads; ++i)
        p.writers.emplace_back([&p] { p.writerLoop(); });
    p.open.store(true);
    qCInfo(core::lcStore) << "message store at" << p.vmailDir << "with" << p.options.writerThreads
                          << "writer threads";
    return true;
}

void MessageStore::close() {
    Private &p = *m_private;
    if (!p.open.exchange(false))
        return;
    {
        std::lock_guard guard(p.queueMutex);
        p.stopping = true;
    }
    p.queueReady.notify_all();
    for (std::thread &writer : p.writers)
        writer.join();
    p.writers.clear();
    p.syncPool.reset();
    p.registry->closeAll();
    p.registry.reset();
}

bool MessageStore::isOpen() const {
    return m_private->open.load();
}

QString MessageStore::vmailDir() const {
    return m_private->vmailDir;
}

bool MessageStore::ensureMailbox(const QString &domain, const QString &localPart, QString *error) {
    const MailboxKey key = VmailPath::key(domain, localPart);
    if (!key.isValid() || !isOpen()) {
        if (error)
            *error = isOpen() ? u"not a mailbox name: "_s + localPart + u'@' + domain
                              : u"message store is not open"_s;
        return false;
    }
    std::unique_lock<std::mutex> lock;
    std::shared_ptr<MailboxEntry> entry = m_private->registry->lockEntry(key, &lock);
    return m_private->registry->openLocked(*entry, true, error);
}

bool MessageStore::mailboxExists(const QString &domain, const QString &localPart) const {
    const MailboxKey key = VmailPath::key(domain, localPart);
    return key.isValid() && isOpen() &&
           QFile::exists(VmailPath::mailboxDir(m_private->vmailDir, key) + u"/index.db"_s);
}

bool MessageStore::removeMailbox(const QString &domain, const QString &localPart, QString *error) {
    const MailboxKey key = VmailPath::key(domain, localPart);
    if (!key.isValid() || !isOpen()) {
        if (error)
            *error = u"no such mailbox"_s;
        return false;
    }
    Private &p = *m_private;
    std::unique_lock<std::mutex> lock;
    std::shared_ptr<MailboxEntry> entry = p.registry->lockEntry(key, &lock);
    if (!QFile::exists(entry->dir)) {
        if (error)
            *error = u"no such mailbox: "_s + localPart + u'@' + domain;
        return false;
    }
    // Rename first, while the entry is still registered and locked: nobody
    // can open this directory again, and the name vanishes atomically.
    const QString graveyard = p.removedDir + u'/' + VmailPath::encodeLocalPart(key.localPart) +
                              u'@' + key.domain + u'.' +
                              QString::number(QDateTime::currentMSecsSinceEpoch());
    if (!PosixFile::rename(entry->dir, graveyard, error) ||
        !PosixFile::syncDir(VmailPath::domainDir(p.vmailDir, key.domain), error))
        return false;
    p.registry->detachLocked(*entry);
    lock.unlock();
    qCInfo(core::lcStore).nospace() << "removed mailbox " << key.localPart << "@" << key.domain;
    QDir(graveyard).removeRecursively();
    return true;
}

std::optional<Usage> MessageStore::usage(const QString &domain, const QString &localPart) {
    const MailboxKey key = VmailPath::key(domain, localPart);
    if (!key.isValid() || !isOpen())
        return std::nullopt;
    std::shared_ptr<MailboxEntry> entry = m_private->registry->entry(key);
    if (entry->usageKnown.load())
        return Usage{entry->usedBytes.load(), entry->usedMessages.load()};
    std::unique_lock<std::mutex> lock;
    entry = m_private->registry->lockEntry(key, &lock);
    if (!m_private->registry->openLocked(*entry, false, nullptr))
        return std::nullopt;
    return Usage{entry->usedBytes.load(), entry->usedMessages.load()};
}

Usage MessageStore::domainUsage(const QString &domain) {
    const QString name = VmailPath::normalizeDomain(domain);
    if (name.isEmpty() || !isOpen())
        return {};
    std::shared_ptr<DomainUsage> usage = m_private->registry->domainUsage(name);
    std::lock_guard guard(usage->mutex);
    return usage->used;
}

QString MessageStore::newSpoolPath() const {
    return m_private->spoolDir + u'/' + MaildirName::uniqueBaseName(-1, -1);
}

void MessageStore::deliver(DeliveryRequest request, QObject *context, DeliveryCallback done) {
    QueuedJob job;
    job.delivery = std::make_unique<PendingDelivery>();
    PendingDelivery &pending = *job.delivery;
    pending.context = context;
    pending.hasContext = context != nullptr;
    pending.done = std::move(done);
    pending.request = std::move(request);
    if (m_private->enqueue(job))
        return;
    // Not open, or closing: answer at once rather than never.
    const QList<DeliveryResult> results =
        failedResults(pending.request, u"message store is not open"_s);
    complete(pending.context, pending.hasContext,
             [callback = std::move(pending.done), results] { callback(results); });
}

QList<DeliveryResult> MessageStore::deliverAndWait(DeliveryRequest request) {
    auto promise = std::make_shared<std::promise<QList<DeliveryResult>>>();
    std::future<QList<DeliveryResult>> future = promise->get_future();
    deliver(std::move(request), nullptr,
            [promise](QList<DeliveryResult> results) { promise->set_value(std::move(results)); });
    return future.get();
}

void MessageStore::runWrite(const QString &domain, const QString &localPart, WriteJob job,
                            QObject *context, WriteCallback done) {
    auto write = std::make_unique<QueuedWrite>();
    write->key = VmailPath::key(domain, localPart);
    write->job = std::move(job);
    write->context = context;
    write->hasContext = context != nullptr;
    write->done = std::move(done);
    QueuedJob queued;
    queued.write = std::move(write);
    if (queued.write->key.isValid() && m_private->enqueue(queued))
        return;
    const QString error =
        queued.write->key.isValid() ? u"message store is not open"_s : u"not a mailbox name"_s;
    complete(queued.write->context, queued.write->hasContext,
             [callback = std::move(queued.write->done), error] { callback(false, error); });
}

bool MessageStore::runWriteAndWait(const QString &domain, const QString &localPart, WriteJob job,
                                   QString *error) {
    auto promise = std::make_shared<std::promise<std::pair<bool, QString>>>();
    std::future<std::pair<bool, QString>> future = promise->get_future();
    runWrite(domain, localPart, std::move(job), nullptr, [promise](bool ok, QString message) {
        promise->set_value({ok, std::move(message)});
    });
    const auto [ok, message] = future.get();
    if (!ok && error)
        *error = message;
    return ok;
}

std::unique_ptr<MailboxReader> MessageStore::openReader(const QString &domain,
                                                        const QString &localPart, QString *error) {
    const MailboxKey key = VmailPath::key(domain, localPart);
    if (!key.isValid() || !isOpen()) {
        if (error)
            *error = u"no such mailbox"_s;
        return nullptr;
    }
    std::shared_ptr<MailboxEntry> entry = m_private->registry->entry(key);
    // Once opened (and so recovered) in this process, a reader needs no lock:
    // SELECT on an I/O thread does not wait for a commit in progress.
    if (!entry->usageKnown.load()) {
        std::unique_lock<std::mutex> lock;
        entry = m_private->registry->lockEntry(key, &lock);
        if (!m_private->registry->openLocked(*entry, false, error))
            return nullptr;
    }
    const QString dir = entry->dir;
    auto reader = std::make_unique<MailboxReader>(dir);
    if (!reader->open(error))
        return nullptr;
    return reader;
}

std::shared_ptr<MailboxReader>
MessageStore::sharedReader(const QString &domain, const QString &localPart, QString *error) {
    const MailboxKey key = VmailPath::key(domain, localPart);
    if (!key.isValid() || !isOpen())
        return openReader(domain, localPart, error); // says why
    // Keyed by directory, so two stores in one process never share.
    thread_local QHash<QString, std::weak_ptr<MailboxReader>> readers;
    const QString dir = VmailPath::mailboxDir(vmailDir(), key);
    if (std::shared_ptr<MailboxReader> existing = readers.value(dir).lock())
        return existing;
    std::shared_ptr<MailboxReader> reader = openReader(domain, localPart, error);
    if (!reader)
        return nullptr;
    if (readers.size() >= readerSweepThreshold)
        readers.removeIf([](const auto &entry) { return entry.value().expired(); });
    readers.insert(dir, reader);
    return reader;
}

StoreStats MessageStore::stats() const {
    const StoreCounters &c = m_private->counters;
    return {c.deliveries.load(), c.batches.load(), c.fileSyncs.load(), c.dirSyncs.load(),
            c.commits.load()};
}

} // namespace mailstead::store
