// DeliveryBatch.cpp - write, fsync, link, fsync directories, commit, report
#include "DeliveryBatch.h"

#include "core/Log.h"
#include "IndexedMessage.h"
#include "MaildirName.h"
#include "PosixFile.h"

#include <algorithm>
#include <cerrno>
#include <QDateTime>
#include <QSet>
#include <vector>

using namespace Qt::StringLiterals;

namespace mailstead::store {

namespace {

// A link(2) into a directory can only collide with a name from another
// process or a clock step; a few fresh names settle it.
constexpr int kLinkAttempts = 4;

struct Source {
    int fd = -1;
    QString path;
    qint64 size = 0;
    qint64 virtualSize = 0;
    qint64 internalDate = 0;
    bool prepared = false;
    // Search text for the full-text index and the cached IMAP structure,
    // from one parse while the file syncs, before any mailbox lock is taken.
    std::shared_ptr<const IndexedText> text;
    QByteArray envelope;
    QByteArray bodyStructure;
};

struct Item {
    PendingDelivery *delivery = nullptr;
    int recipient = 0;
    Source *source = nullptr;
    bool live = true;
    // Domain quota held for this copy from the check until its commit.
    std::shared_ptr<DomainUsage> reservedIn;
    qint64 reservedBytes = 0;
};

struct Group {
    MailboxKey key;
    QList<Item> items;
};

DeliveryResult &resultOf(Item &item) {
    return item.delivery->results[item.recipient];
}

const Recipient &recipientOf(const Item &item) {
    return item.delivery->request.recipients.at(item.recipient);
}

void fail(Item &item, DeliveryStatus status, const QString &error) {
    DeliveryResult &result = resultOf(item);
    result.status = status;
    result.error = error;
    item.live = false;
}

void refuseOverQuota(Item &item, QuotaScope scope, Usage used, qint64 limitBytes,
                     qint64 limitMessages) {
    DeliveryResult &result = resultOf(item);
    result.quotaScope = scope;
    result.quotaUsed = used;
    result.quotaLimitBytes = limitBytes;
    result.quotaLimitMessages = limitMessages;
    fail(item, DeliveryStatus::OverQuota,
         scope == QuotaScope::Mailbox ? u"mailbox is over quota"_s : u"domain is over quota"_s);
}

// The mailbox limits; `used` already includes what this batch added.
bool fitsMailboxQuota(Item &item, const Usage &used) {
    const Recipient &recipient = recipientOf(item);
    const qint64 size = item.source->size > 0 ? item.source->size : 0;
    const bool bytesOk = recipient.quotaBytes <= 0 || used.bytes + size <= recipient.quotaBytes;
    const bool countOk =
        recipient.quotaMessages <= 0 || used.messages + 1 <= recipient.quotaMessages;
    if (bytesOk && countOk)
        return true;
    refuseOverQuota(item, QuotaScope::Mailbox, used, recipient.quotaBytes, recipient.quotaMessages);
    return false;
}

qint64 requestSize(const PendingDelivery &delivery) {
    const MessageData &data = delivery.request.message;
    if (data.spoolPath.isEmpty())
        return data.bytes.size();
    PosixFile::FileStat info;
    return PosixFile::stat(data.spoolPath, &info) ? info.size : 0;
}

bool prepareSource(PendingDelivery &delivery, Source &source, const QString &spoolDir,
                   QString *error) {
    const DeliveryRequest &request = delivery.request;
    source.internalDate = request.internalDate.isValid() ? request.internalDate.toSecsSinceEpoch()
                                                         : QDateTime::currentSecsSinceEpoch();
    if (request.message.spoolPath.isEmpty()) {
        source.path = spoolDir + u'/' + MaildirName::uniqueBaseName(-1, -1);
        source.fd = PosixFile::createExclusive(source.path, error);
        if (source.fd < 0) {
            source.path.clear();
            return false;
        }
        const QByteArray &bytes = request.message.bytes;
        source.size = bytes.size();
        source.virtualSize = request.message.virtualSize >= 0 ? request.message.virtualSize
                                                              : MaildirName::virtualSizeOf(bytes);
        if (!PosixFile::writeAll(source.fd, bytes.constData(), bytes.size(), error))
            return false;
    } else {
        source.path = request.message.spoolPath;
        source.fd = PosixFile::openRead(source.path, error);
        PosixFile::FileStat info;
        if (source.fd < 0 || !PosixFile::fstat(source.fd, &info))
            return false;
        source.size = info.size;
        source.virtualSize = request.message.virtualSize;
        if (source.virtualSize < 0) {
            bool ok = false;
            const QByteArray bytes = PosixFile::readAll(source.fd, source.size, &ok);
            if (!ok) {
                *error = u"cannot read spool file "_s + source.path;
                return false;
            }
            source.virtualSize = MaildirName::virtualSizeOf(bytes);
        }
    }
    // Readers of plain Maildir take the mtime as the arrival date.
    return PosixFile::setModificationTime(source.fd, source.internalDate, error);
}

void takeIndexed(Source &source, IndexedMessage indexed) {
    source.text = std::make_shared<const IndexedText>(std::move(indexed.text));
    source.envelope = std::move(indexed.envelope);
    source.bodyStructure = std::move(indexed.bodyStructure);
}

// The full-text row and the cached IMAP structure of a message
// (IndexedMessage.h), from the request's bytes or the spool file it wrote.
// Runs beside the file's fsync.
void extractText(const PendingDelivery &delivery, Source &source) {
    const QByteArray &bytes = delivery.request.message.bytes;
    if (delivery.request.message.spoolPath.isEmpty()) {
        takeIndexed(source, indexMessage(bytes));
        return;
    }
    bool ok = false;
    const QByteArray spooled = PosixFile::readAll(source.fd, source.size, &ok);
    // Unreadable now: the writer reads the linked file instead.
    if (ok)
        takeIndexed(source, indexMessage(spooled));
}

// Links the source into <folderDir>/new (or cur) under a fresh unique name.
bool linkMessage(const Source &source, const QString &folderDir, MessageFlags flags,
                 bool hasKeywords, QString *fileName, QString *error, StoreCounters &counters) {
    const QString sub = (flags || hasKeywords) ? u"cur"_s : u"new"_s;
    for (int attempt = 0; attempt < kLinkAttempts; ++attempt) {
        const QString base = MaildirName::uniqueBaseName(source.size, source.virtualSize);
        const QString name =
            sub + u'/' + (sub == u"cur"_s ? MaildirName::withInfo(base, flags) : base);
        const QString target = folderDir + u'/' + name;
        const int rc = PosixFile::link(source.path, target);
        if (rc == EEXIST)
            continue;
        if (rc == EXDEV || rc == EMLINK || rc == EPERM) {
            // Another file system (a domain moved to its own disk), too many
            // links, or no hard links at all: a synced copy is as durable.
            if (!PosixFile::copyInto(source.fd, target, error))
                return false;
            ++counters.fileSyncs;
        } else if (rc != 0) {
            *error =
                u"cannot link message into "_s + folderDir + u": "_s + PosixFile::errorString(rc);
            return false;
        }
        *fileName = name;
        return true;
    }
    *error = u"no unique file name in "_s + folderDir;
    return false;
}

// Domain quota is checked and reserved in request order before anything is
// written, so which recipient of a multi-recipient message is refused does
// not depend on thread timing. RFC 9208 section 5: refuse before storing.
bool reserveDomainQuota(Item &item, const QHash<QString, std::shared_ptr<DomainUsage>> &domains,
                        const QString &domain) {
    const qint64 limit = recipientOf(item).domainQuotaBytes;
    if (limit <= 0)
        return true;
    std::shared_ptr<DomainUsage> usage = domains.value(domain);
    std::lock_guard guard(usage->mutex);
    const Usage counted{usage->used.bytes + usage->reservedBytes, usage->used.messages};
    if (counted.bytes + item.source->size > limit) {
        refuseOverQuota(item, QuotaScope::Domain, counted, limit, 0);
        return false;
    }
    usage->reservedBytes += item.source->size;
    item.reservedIn = std::move(usage);
    item.reservedBytes = item.source->size;
    return true;
}

void releaseDomainQuota(Item &item) {
    if (!item.reservedIn)
        return;
    std::lock_guard guard(item.reservedIn->mutex);
    item.reservedIn->reservedBytes -= item.reservedBytes;
    item.reservedIn.reset();
    item.reservedBytes = 0;
}

void deliverToMailbox(const BatchEnvironment &env, Group &group) {
    std::unique_lock<std::mutex> lock;
    std::shared_ptr<MailboxEntry> entry = env.registry.lockEntry(group.key, &lock);
    QString error;
    if (!env.registry.openLocked(*entry, true, &error)) {
        for (Item &item : group.items)
            if (item.live)
                fail(item, DeliveryStatus::IoError, error);
        return;
    }
    MailboxIndex &index = *entry->index;
    Usage pending;
    QList<Item *> linked;
    QStringList linkedPaths;
    QList<MailboxIndex::NewMessage> rows;
    QSet<QString> dirs;
    QSet<QString> folders;

    for (Item &item : group.items) {
        if (!item.live)
            continue;
        const Recipient &recipient = recipientOf(item);
        const FolderInfo *folder = index.folder(recipient.folder);
        if (!folder) {
            fail(item, DeliveryStatus::NoSuchFolder, u"no folder "_s + recipient.folder);
            continue;
        }
        const Usage used{index.usage().bytes + pending.bytes,
                         index.usage().messages + pending.messages};
        if (!fitsMailboxQuota(item, used)) {
            releaseDomainQuota(item);
            continue;
        }
        const DeliveryRequest &request = item.delivery->request;
        const QString folderDir = index.folderPath(*folder);
        QString fileName;
        if (!linkMessage(*item.source, folderDir, request.flags, !request.keywords.isEmpty(),
                         &fileName, &error, env.counters)) {
            releaseDomainQuota(item);
            fail(item, DeliveryStatus::IoError, error);
            continue;
        }
        dirs.insert(folderDir + u'/' + fileName.left(3));
        folders.insert(folder->name);
        MailboxIndex::NewMessage row;
        row.folder = folder->name;
        row.fileName = fileName;
        row.flags = request.flags;
        row.keywords = request.keywords;
        row.size = item.source->size;
        row.virtualSize = item.source->virtualSize;
        row.internalDate = item.source->internalDate;
        row.text = item.source->text;
        row.envelope = item.source->envelope;
        row.bodyStructure = item.source->bodyStructure;
        rows.append(row);
        linked.append(&item);
        linkedPaths.append(folderDir + u'/' + fileName);
        pending.bytes += item.source->size;
        pending.messages += 1;
    }

    bool ok = true;
    for (const QString &dir : std::as_const(dirs)) {
        ++env.counters.dirSyncs;
        ok = ok && PosixFile::syncDir(dir, &error);
    }
    QList<MailboxIndex::Assigned> assigned;
    if (ok && !rows.isEmpty()) {
        ++env.counters.commits;
        ok = index.appendMessages(rows, &assigned, &error);
    }
    if (ok)
        env.registry.syncUsage(*entry);
    // After syncUsage: the committed bytes are in `used` before they leave
    // `reserved`, so a concurrent check never sees too little.
    for (Item *item : std::as_const(linked))
        releaseDomainQuota(*item);
    for (qsizetype i = 0; i < linked.size(); ++i) {
        Item &item = *linked.at(i);
        if (!ok) {
            // Never acknowledged: take the link back so a retry is no duplicate.
            PosixFile::remove(linkedPaths.at(i));
            fail(item, DeliveryStatus::IoError, error);
            continue;
        }
        DeliveryResult &result = resultOf(item);
        result.status = DeliveryStatus::Ok;
        result.folder = rows.at(i).folder;
        result.uid = assigned.at(i).uid;
        result.uidValidity = assigned.at(i).uidValidity;
        result.modSeq = assigned.at(i).modSeq;
        result.path = linkedPaths.at(i);
        ++env.counters.deliveries;
    }
    if (!ok)
        qCWarning(core::lcStore).nospace() << "delivery to " << group.key.localPart << "@"
                                           << group.key.domain << " failed: " << error;
    lock.unlock();
    if (ok && env.changed) {
        for (const QString &folder : std::as_const(folders))
            env.changed(group.key, folder);
    }
}

} // namespace

void runDeliveryBatch(const BatchEnvironment &env, const QList<PendingDelivery *> &batch) {
    ++env.counters.batches;
    std::vector<Source> sources(size_t(batch.size()));
    QList<Group> groups;
    QHash<MailboxKey, qsizetype> groupOf;
    QHash<QString, std::shared_ptr<DomainUsage>> domains;

    for (qsizetype i = 0; i < batch.size(); ++i) {
        PendingDelivery &delivery = *batch.at(i);
        const QList<Recipient> &recipients = delivery.request.recipients;
        delivery.results = QList<DeliveryResult>(recipients.size());
        sources[size_t(i)].size = requestSize(delivery);
        for (qsizetype r = 0; r < recipients.size(); ++r) {
            delivery.results[r].folder = recipients.at(r).folder;
            Item item;
            item.delivery = &delivery;
            item.recipient = int(r);
            item.source = &sources[size_t(i)];
            const MailboxKey key =
                VmailPath::key(recipients.at(r).domain, recipients.at(r).localPart);
            if (!key.isValid()) {
                fail(item, DeliveryStatus::InvalidName, u"not a mailbox name"_s);
                continue;
            }
            if (recipients.at(r).domainQuotaBytes > 0 && !domains.contains(key.domain))
                domains.insert(key.domain, env.registry.domainUsage(key.domain));
            if (!groupOf.contains(key)) {
                groupOf.insert(key, groups.size());
                groups.append({key, {}});
            }
            groups[groupOf.value(key)].items.append(item);
        }
    }

    // Refuse what cannot fit before writing anything (RFC 9208 section 5:
    // over quota is decided before the data is stored).
    for (Group &group : groups) {
        std::unique_lock<std::mutex> lock;
        std::shared_ptr<MailboxEntry> entry = env.registry.lockEntry(group.key, &lock);
        QString error;
        const bool opened = env.registry.openLocked(*entry, true, &error);
        Usage used = opened ? entry->index->usage() : Usage{};
        for (Item &item : group.items) {
            if (!opened) {
                fail(item, DeliveryStatus::IoError, error);
            } else if (!entry->index->folder(recipientOf(item).folder)) {
                fail(item, DeliveryStatus::NoSuchFolder,
                     u"no folder "_s + recipientOf(item).folder);
            } else if (fitsMailboxQuota(item, used) &&
                       reserveDomainQuota(item, domains, group.key.domain)) {
                used.bytes += item.source->size;
                used.messages += 1;
            }
        }
    }

    QSet<const PendingDelivery *> needed;
    for (const Group &group : std::as_const(groups))
        for (const Item &item : group.items)
            if (item.live)
                needed.insert(item.delivery);
    // Write every message (page cache only), then sync them side by side.
    QList<QString> sourceErrors(batch.size());
    std::vector<std::function<void()>> tasks;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        if (!needed.contains(batch.at(i)))
            continue;
        Source &source = sources[size_t(i)];
        source.prepared = prepareSource(*batch.at(i), source, env.spoolDir, &sourceErrors[i]);
        if (source.prepared) {
            tasks.push_back([&env, &source, error = &sourceErrors[i]] {
                ++env.counters.fileSyncs;
                source.prepared = PosixFile::syncData(source.fd, error);
            });
            tasks.push_back([&source, delivery = batch.at(i)] { extractText(*delivery, source); });
        }
    }
    env.syncPool.runAll(tasks);
    for (qsizetype i = 0; i < batch.size(); ++i) {
        if (!needed.contains(batch.at(i)) || sources.at(size_t(i)).prepared)
            continue;
        qCWarning(core::lcStore) << "cannot store message:" << sourceErrors.at(i);
        for (Group &group : groups)
            for (Item &item : group.items)
                if (item.live && item.source == &sources[size_t(i)])
                    fail(item, DeliveryStatus::IoError, sourceErrors.at(i));
    }

    // Mailboxes are independent: link, sync and commit them side by side.
    tasks.clear();
    for (Group &group : groups) {
        const bool anyLive = std::any_of(group.items.cbegin(), group.items.cend(),
                                         [](const Item &item) { return item.live; });
        if (anyLive)
            tasks.push_back([&env, &group] { deliverToMailbox(env, group); });
    }
    env.syncPool.runAll(tasks);

    for (Group &group : groups)
        for (Item &item : group.items)
            releaseDomainQuota(item); // those that never reached a commit

    // The spool name goes last: every recipient's link now holds the inode.
    for (qsizetype i = 0; i < batch.size(); ++i) {
        PosixFile::closeFd(sources.at(size_t(i)).fd);
        if (!sources.at(size_t(i)).path.isEmpty())
            PosixFile::remove(sources.at(size_t(i)).path);
        else if (!batch.at(i)->request.message.spoolPath.isEmpty())
            PosixFile::remove(batch.at(i)->request.message.spoolPath);
    }
}

} // namespace mailstead::store
