// MailboxRegistry.cpp - mailbox entries, lazy opening, eviction, domain sums
#include "MailboxRegistry.h"

#include "core/Log.h"
#include "PosixFile.h"

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace mailstead::store {

MailboxRegistry::MailboxRegistry(QString vmailDir, int maxOpenIndexes)
    : m_vmailDir(std::move(vmailDir))
    , m_maxOpen(std::max(1, maxOpenIndexes)) {}

MailboxRegistry::~MailboxRegistry() {
    closeAll();
}

std::shared_ptr<MailboxEntry> MailboxRegistry::entry(const MailboxKey &key) {
    std::lock_guard guard(m_mutex);
    std::shared_ptr<MailboxEntry> &slot = m_entries[key];
    if (!slot) {
        slot = std::make_shared<MailboxEntry>();
        slot->key = key;
        slot->dir = VmailPath::mailboxDir(m_vmailDir, key);
    }
    return slot;
}

std::shared_ptr<MailboxEntry> MailboxRegistry::lockEntry(const MailboxKey &key,
                                                         std::unique_lock<std::mutex> *lock) {
    for (;;) {
        std::shared_ptr<MailboxEntry> candidate = entry(key);
        std::unique_lock<std::mutex> held(candidate->mutex);
        if (!candidate->removed) {
            *lock = std::move(held);
            return candidate;
        }
    }
}

std::shared_ptr<DomainUsage> MailboxRegistry::existingDomain(const QString &domain) {
    std::lock_guard guard(m_mutex);
    return m_domains.value(domain);
}

bool MailboxRegistry::openLocked(MailboxEntry &entry, bool create, QString *error) {
    entry.lastUse.store(++m_useClock);
    if (!entry.index) {
        auto index = std::make_unique<MailboxIndex>(entry.dir);
        if (!index->open(create, error))
            return false;
        const MailboxIndex::RecoveryReport &report = index->lastRecovery();
        if (report.indexedFiles || report.droppedRows || report.removedExpunged ||
            report.usageCorrected)
            qCWarning(core::lcStore).nospace()
                << "recovered " << entry.key.localPart << "@" << entry.key.domain << ": "
                << report.indexedFiles << " files indexed, " << report.droppedRows
                << " rows without file expunged, " << report.removedExpunged
                << " expunged files removed";
        entry.index = std::move(index);
        ++m_openCount;
    }
    if (!entry.countedIn) {
        if (std::shared_ptr<DomainUsage> domain = existingDomain(entry.key.domain)) {
            entry.countedIn = domain;
            entry.countedUsage = {};
        }
    }
    syncUsage(entry);
    return true;
}

void MailboxRegistry::syncUsage(MailboxEntry &entry) {
    if (!entry.index)
        return;
    const Usage now = entry.index->usage();
    entry.usedBytes.store(now.bytes);
    entry.usedMessages.store(now.messages);
    entry.usageKnown.store(true);
    if (entry.countedIn && !(now == entry.countedUsage)) {
        std::lock_guard guard(entry.countedIn->mutex);
        entry.countedIn->used.bytes += now.bytes - entry.countedUsage.bytes;
        entry.countedIn->used.messages += now.messages - entry.countedUsage.messages;
    }
    entry.countedUsage = now;
}

void MailboxRegistry::detachLocked(MailboxEntry &entry) {
    if (entry.index) {
        entry.index->close();
        entry.index.reset();
        --m_openCount;
    }
    if (entry.countedIn) {
        std::lock_guard guard(entry.countedIn->mutex);
        entry.countedIn->used.bytes -= entry.countedUsage.bytes;
        entry.countedIn->used.messages -= entry.countedUsage.messages;
    }
    entry.countedIn.reset();
    entry.countedUsage = {};
    entry.usageKnown.store(false);
    entry.removed = true;
    std::lock_guard guard(m_mutex);
    const auto it = m_entries.constFind(entry.key);
    if (it != m_entries.constEnd() && it->get() == &entry)
        m_entries.erase(it);
}

std::shared_ptr<DomainUsage> MailboxRegistry::domainUsage(const QString &domain) {
    std::shared_ptr<DomainUsage> usage;
    {
        std::lock_guard guard(m_mutex);
        std::shared_ptr<DomainUsage> &slot = m_domains[domain];
        if (!slot)
            slot = std::make_shared<DomainUsage>();
        usage = slot;
    }
    std::lock_guard init(usage->initMutex);
    if (usage->initialized)
        return usage;
    // From here on every mailbox of the domain that opens counts itself
    // (openLocked); the ones opened before are counted by opening them here.
    const QStringList dirs = PosixFile::listDirs(VmailPath::domainDir(m_vmailDir, domain));
    for (const QString &dir : dirs) {
        const QString localPart = VmailPath::decodeLocalPart(dir);
        if (localPart.isEmpty())
            continue;
        std::unique_lock<std::mutex> lock;
        std::shared_ptr<MailboxEntry> mailbox = lockEntry({domain, localPart}, &lock);
        QString error;
        if (!openLocked(*mailbox, false, &error))
            qCWarning(core::lcStore) << "domain usage of" << domain << "skips" << dir << error;
        lock.unlock();
        trim();
    }
    usage->initialized = true;
    return usage;
}

void MailboxRegistry::trim() {
    if (m_openCount.load() <= m_maxOpen)
        return;
    std::vector<std::shared_ptr<MailboxEntry>> candidates;
    {
        std::lock_guard guard(m_mutex);
        candidates.reserve(size_t(m_entries.size()));
        for (const std::shared_ptr<MailboxEntry> &candidate : std::as_const(m_entries))
            candidates.push_back(candidate);
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const auto &a, const auto &b) { return a->lastUse.load() < b->lastUse.load(); });
    for (const std::shared_ptr<MailboxEntry> &candidate : candidates) {
        if (m_openCount.load() <= m_maxOpen)
            break;
        std::unique_lock<std::mutex> lock(candidate->mutex, std::try_to_lock);
        if (!lock.owns_lock() || !candidate->index)
            continue; // busy: someone is writing, it is not idle
        candidate->index->close();
        candidate->index.reset();
        --m_openCount;
    }
}

void MailboxRegistry::closeAll() {
    std::vector<std::shared_ptr<MailboxEntry>> all;
    {
        std::lock_guard guard(m_mutex);
        for (const std::shared_ptr<MailboxEntry> &candidate : std::as_const(m_entries))
            all.push_back(candidate);
    }
    for (const std::shared_ptr<MailboxEntry> &candidate : all) {
        std::lock_guard lock(candidate->mutex);
        if (candidate->index) {
            candidate->index->close();
            candidate->index.reset();
            --m_openCount;
        }
    }
}

} // namespace mailstead::store
