// DeliveryBatch.h - one group commit: many deliveries made durable together
//
// Internal to the store; runs on a writer thread. For every message in the
// batch, in this order:
//   1. the bytes are written once (or the caller's spool file is taken), the
//      mtime is set to the internal date, and the file is fdatasync'ed;
//      beside the sync its search text and cached IMAP structure are
//      extracted from one parse (IndexedMessage.h), so the index
//      transaction below only inserts them;
//   2. per recipient mailbox, under that mailbox's writer lock: quota check,
//      link(2) into <folder>/new/ (cur/ when flags are set) under a unique
//      Maildir name - one inode shared by all recipients, as Dovecot does -
//      then one fsync per touched directory, then one index transaction for
//      all of the batch's messages to that mailbox (message rows with their
//      cached ENVELOPE/BODYSTRUCTURE, full-text rows, synchronous=FULL);
//   3. the spool name is unlinked and each request's callback gets its
//      results. Ok is reported only after 1 and 2 completed for that
//      recipient: the DESIGN.md durability rule.
// The fsyncs of step 2 and the commits are shared by every message of the
// batch for that mailbox, which is what makes concurrent deliveries cheap;
// the file syncs of step 1, and step 2 for different mailboxes, run side by
// side on the SyncPool so the file system can fold them into few journal
// commits.
#pragma once

#include "MailboxRegistry.h"
#include "StoreTypes.h"
#include "SyncPool.h"

#include <atomic>
#include <functional>
#include <memory>
#include <QList>
#include <QPointer>

class QObject;

namespace mailstead::store {

struct StoreCounters {
    std::atomic<qint64> deliveries{0};
    std::atomic<qint64> batches{0};
    std::atomic<qint64> fileSyncs{0};
    std::atomic<qint64> dirSyncs{0};
    std::atomic<qint64> commits{0};
};

struct PendingDelivery {
    DeliveryRequest request;
    QPointer<QObject> context;
    bool hasContext = false;
    std::function<void(QList<DeliveryResult>)> done;
    QList<DeliveryResult> results;
};

struct BatchEnvironment {
    MailboxRegistry &registry;
    StoreCounters &counters;
    SyncPool &syncPool;
    QString spoolDir;
    // Called after a commit (writer lock released) for each changed folder.
    std::function<void(const MailboxKey &, const QString &folder)> changed;
};

// Fills every PendingDelivery::results; the caller completes the callbacks.
void runDeliveryBatch(const BatchEnvironment &environment, const QList<PendingDelivery *> &batch);

} // namespace mailstead::store
