// MailboxRegistry.h - open mailbox writers, their locks, and per-domain usage
//
// Internal to the store. One MailboxEntry per mailbox owner seen since start:
// its mutex is the mailbox's writer lock (whoever holds it may use `index`),
// so every index.db has exactly one writer at a time. Indexes are opened
// lazily (with recovery) and the least recently used idle ones are closed
// beyond a cap, so thousands of mailboxes do not mean thousands of open
// databases.
//
// Domain usage (the sum over a domain's mailboxes, for domain quotas) is
// counted on first need by opening every mailbox of the domain, then kept
// exact in memory: every committed change of a mailbox's usage is applied
// under its writer lock (syncUsage), and a mailbox opened after the domain
// was counted adds itself. Nothing is cached on disk, so the figure is exact
// after any restart by construction. Lock order: registry -> entry -> domain;
// domainUsage() must be called with no entry lock held.
#pragma once

#include "MailboxIndex.h"
#include "StoreTypes.h"
#include "VmailPath.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <QHash>
#include <QString>

namespace mailstead::store {

struct DomainUsage {
    std::mutex mutex; // guards used and reservedBytes
    Usage used;
    qint64 reservedBytes = 0; // linked but not yet committed (quota checks count it)
    std::mutex initMutex;     // serialises the first count
    bool initialized = false; // guarded by initMutex
};

struct MailboxEntry {
    MailboxKey key;
    QString dir;
    std::mutex mutex; // the writer lock; guards everything below
    std::unique_ptr<MailboxIndex> index;
    std::shared_ptr<DomainUsage> countedIn; // aggregate that includes countedUsage
    Usage countedUsage;
    bool removed = false; // removeMailbox ran: fetch a fresh entry
    // Readable without the lock (quota checks from I/O threads).
    std::atomic<bool> usageKnown{false};
    std::atomic<qint64> usedBytes{0};
    std::atomic<qint64> usedMessages{0};
    std::atomic<quint64> lastUse{0};
};

class MailboxRegistry {
public:
    MailboxRegistry(QString vmailDir, int maxOpenIndexes);
    ~MailboxRegistry();

    QString vmailDir() const { return m_vmailDir; }

    std::shared_ptr<MailboxEntry> entry(const MailboxKey &key);
    // Locks the entry of `key`, replacing it if it was removed meanwhile.
    std::shared_ptr<MailboxEntry> lockEntry(const MailboxKey &key,
                                            std::unique_lock<std::mutex> *lock);
    // entry.mutex held. Opens the index if closed; create makes the mailbox.
    bool openLocked(MailboxEntry &entry, bool create, QString *error);
    // entry.mutex held. Publishes the index's usage and moves the difference
    // into the domain aggregate.
    void syncUsage(MailboxEntry &entry);
    // entry.mutex held. Closes the index, leaves the domain's sum and marks
    // the entry removed; the registry forgets it.
    void detachLocked(MailboxEntry &entry);

    // The domain's aggregate, counted on first use. No entry lock held.
    std::shared_ptr<DomainUsage> domainUsage(const QString &domain);

    // Closes least recently used idle indexes above the cap.
    void trim();
    void closeAll();
    int openCount() const { return m_openCount.load(); }

private:
    std::shared_ptr<DomainUsage> existingDomain(const QString &domain);

    const QString m_vmailDir;
    const int m_maxOpen;
    std::mutex m_mutex;
    QHash<MailboxKey, std::shared_ptr<MailboxEntry>> m_entries;
    QHash<QString, std::shared_ptr<DomainUsage>> m_domains;
    std::atomic<quint64> m_useClock{0};
    std::atomic<int> m_openCount{0};
};

} // namespace mailstead::store
