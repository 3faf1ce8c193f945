// MessageStore.h - the message store: Maildir++ files plus a per-mailbox index
//
// Layout (DESIGN.md, Storage): <data_dir>/vmail/<domain>/<local>/ is a
// Maildir++ with the RFC 6154 special-use folders Sent, Drafts, Junk, Trash
// and Archive, plus index.db (SQLite WAL, IndexSchema.h). Names are encoded
// by VmailPath.h. vmail/.spool holds message files on their way in (same
// file system, so they can be hard-linked), vmail/.removed mailboxes being
// deleted; both are emptied by open().
//
// Threads: a small pool of writer threads owns all writes. deliver() and
// runWrite() only enqueue and return, so they are safe on an I/O thread;
// the callback runs in the thread of `context` (queued), or on the writer
// thread when context is null. Waiting requests to any mailbox are taken as
// one batch (group commit, DeliveryBatch.h); each mailbox's index has one
// writer at a time (its lock in MailboxRegistry). Readers (MailboxReader)
// have their own connections and never block writers.
//
// Durability: DeliveryStatus::Ok means the file and its directory are
// fsynced and the index row is committed (DESIGN.md, Durability). After a
// crash, open() of a mailbox indexes files that were linked but not
// committed (never acknowledged) and drops rows whose file is gone, so the
// index and the files agree and usage equals the sum of indexed sizes.
//
// SECURITY: domains and local parts come from SMTP envelopes and IMAP
// logins; they are validated and encoded (VmailPath) before any file access.
// Quota limits are supplied by the caller from config.db; the store does not
// read configuration.
#pragma once

#include "StoreTypes.h"

#include <functional>
#include <memory>
#include <optional>
#include <QObject>

namespace mailstead::store {

class MailboxIndex;
class MailboxReader;

class MessageStore : public QObject {
    Q_OBJECT

public:
    struct Options {
        int writerThreads = 2;    // batches processed in parallel
        int syncThreads = 16;     // fsyncs in flight per store (SyncPool.h)
        int maxBatch = 256;       // requests per group commit
        int maxOpenIndexes = 256; // writer connections kept open
    };

    using DeliveryCallback = std::function<void(QList<DeliveryResult>)>;
    // Runs on a writer thread with the mailbox's index open and locked;
    // returns the IMAP names of the folders it changed (for mailboxChanged).
    // It must not call back into the store (the writer would wait on itself).
    using WriteJob = std::function<QStringList(MailboxIndex &index)>;
    using WriteCallback = std::function<void(bool ok, QString error)>;

    explicit MessageStore(QObject *parent = nullptr);
    ~MessageStore() override;

    // Creates <dataDir>/vmail if needed, clears spool leftovers and finishes
    // interrupted removals, then starts the writer threads.
    bool open(const QString &dataDir, const Options &options, QString *error);
    bool open(const QString &dataDir, QString *error) { return open(dataDir, Options(), error); }
    // Completes every queued request, stops the writers and closes every
    // index cleanly. The destructor calls it.
    void close();
    bool isOpen() const;
    QString vmailDir() const;

    // Synchronous (file and database I/O on the calling thread): for the
    // admin thread and tests, not for I/O threads.
    bool ensureMailbox(const QString &domain, const QString &localPart, QString *error = nullptr);
    bool mailboxExists(const QString &domain, const QString &localPart) const;
    // Moves the mailbox to vmail/.removed, then deletes it. Pending
    // deliveries to it that have not started yet create it again.
    bool removeMailbox(const QString &domain, const QString &localPart, QString *error = nullptr);
    // Without blocking once the mailbox was opened in this process (an
    // RCPT-time quota check may call it on an I/O thread); the first call
    // opens the index. nullopt when there is no such mailbox.
    std::optional<Usage> usage(const QString &domain, const QString &localPart);
    // Sum over the domain's mailboxes; the first call opens all of them.
    Usage domainUsage(const QString &domain);

    // A fresh path in vmail/.spool for a caller that streams a message to
    // disk (MessageData::fromSpoolFile). Its contents need not be synced.
    QString newSpoolPath() const;

    void deliver(DeliveryRequest request, QObject *context, DeliveryCallback done);
    // Blocks until the results are durable; never call it on a writer thread.
    QList<DeliveryResult> deliverAndWait(DeliveryRequest request);

    // Generic write for IMAP (STORE, EXPUNGE, COPY/MOVE built on
    // MailboxIndex). The mailbox must exist.
    void runWrite(const QString &domain, const QString &localPart, WriteJob job, QObject *context,
                  WriteCallback done);
    bool runWriteAndWait(const QString &domain, const QString &localPart, WriteJob job,
                         QString *error = nullptr);

    // A reader for one session/thread; the index is recovered first if needed
    // (only the first open in this process touches the writer lock).
    std::unique_ptr<MailboxReader> openReader(const QString &domain, const QString &localPart,
                                              QString *error = nullptr);
    // The calling thread's reader of the mailbox, shared by every caller on
    // that thread (the IMAP and POP3 sessions of one I/O thread): they run
    // one at a time and none keeps a snapshot across a return to the event
    // loop. One SQLite connection (three descriptors and a page cache) per
    // mailbox per thread instead of per session: 10,000 IDLE sessions over
    // 100 mailboxes on two I/O threads hold 200.
    std::shared_ptr<MailboxReader> sharedReader(const QString &domain, const QString &localPart,
                                                QString *error = nullptr);

    StoreStats stats() const;

Q_SIGNALS:
    // Emitted on a writer thread after a commit changed a folder (new
    // messages, flags, expunges). Connect with a queued (or auto) connection;
    // IMAP IDLE and NOOP turn it into EXISTS/FETCH/EXPUNGE.
    void mailboxChanged(const QString &domain, const QString &localPart, const QString &folder);

private:
    struct Private;
    std::unique_ptr<Private> m_private;
};

} // namespace mailstead::store
