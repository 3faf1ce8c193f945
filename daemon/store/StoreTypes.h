// StoreTypes.h - value types shared by the message store's public API
//
// Recipients, delivery requests and results, folder and message records as
// the SMTP session (deliveries) and IMAP/POP3 (reads, flag changes, expunge)
// see them. System flags follow RFC 9051 section 2.3.2; \Recent does not
// exist here (IMAP4rev2 dropped it; a rev1 session derives it from new/).
// Quota numbers follow RFC 9208 (STORAGE in bytes, MESSAGE in messages);
// 0 means unlimited everywhere.
#pragma once

#include <QDateTime>
#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>

namespace mailstead::store {

enum class MessageFlag : quint32 {
    Seen = 0x01,
    Answered = 0x02,
    Flagged = 0x04,
    Deleted = 0x08,
    Draft = 0x10,
};
Q_DECLARE_FLAGS(MessageFlags, MessageFlag)

struct Usage {
    qint64 bytes = 0;
    qint64 messages = 0;
    bool operator==(const Usage &) const = default;
};

// One mailbox owner as the SMTP session resolved it (aliases, catch-all and
// plus-addressing are already expanded). Names are matched case-insensitively.
struct Recipient {
    QString domain;
    QString localPart;
    QString folder = QStringLiteral("INBOX"); // IMAP name of the target folder
    qint64 quotaBytes = 0;                    // mailbox STORAGE limit
    qint64 quotaMessages = 0;                 // mailbox MESSAGE limit
    qint64 domainQuotaBytes = 0;              // cap on the sum over the domain
};

// The message bytes, given either in memory or as a file the caller wrote
// into MessageStore::newSpoolPath() (same filesystem, so it can be linked).
// The store owns a spool file once it is handed over and removes it.
struct MessageData {
    static MessageData fromBytes(QByteArray bytes);
    static MessageData fromSpoolFile(QString path, qint64 virtualSize = -1);

    QByteArray bytes;
    QString spoolPath;
    qint64 virtualSize = -1; // size with CRLF line ends; -1 = compute
};

struct DeliveryRequest {
    QList<Recipient> recipients;
    MessageData message;
    QDateTime internalDate; // invalid = now
    MessageFlags flags;
    QStringList keywords;
};

enum class DeliveryStatus {
    Ok,
    OverQuota,    // quotaScope/quotaUsed/quotaLimit* say which limit
    NoSuchFolder, // Recipient::folder does not exist in the mailbox
    InvalidName,  // the domain or local part cannot be a mailbox
    IoError,      // disk, index or spool failure: a temporary error
};

enum class QuotaScope { Mailbox, Domain };

struct DeliveryResult {
    DeliveryStatus status = DeliveryStatus::IoError;
    QString folder;
    quint32 uid = 0;
    quint32 uidValidity = 0;
    quint64 modSeq = 0;
    QString path; // absolute path of the delivered file
    // Set with OverQuota: the usage before this message and the limits.
    QuotaScope quotaScope = QuotaScope::Mailbox;
    Usage quotaUsed;
    qint64 quotaLimitBytes = 0;
    qint64 quotaLimitMessages = 0;
    QString error;

    bool ok() const { return status == DeliveryStatus::Ok; }
};

struct FolderInfo {
    qint64 id = 0;
    QString name;       // IMAP name, "INBOX" for the Maildir++ root
    QString dirName;    // Maildir++ directory relative to the mailbox, "" for INBOX
    QString specialUse; // RFC 6154 attribute ("\\Sent") or empty
    bool subscribed = true;
    quint32 uidValidity = 0;
    quint32 uidNext = 1;
    quint64 highestModSeq = 1;
    qint64 messages = 0;
    qint64 bytes = 0;
};

struct MessageInfo {
    quint32 uid = 0;
    quint64 modSeq = 0;
    MessageFlags flags;
    QStringList keywords;
    qint64 size = 0;        // bytes on disk (what quota counts)
    qint64 virtualSize = 0; // with CRLF line ends: RFC822.SIZE
    QDateTime internalDate;
    QString fileName; // relative to the folder directory: "new/..." or "cur/..."
};

struct ExpungedInfo {
    quint32 uid = 0;
    quint64 modSeq = 0;
};

enum class FlagMode { Add, Remove, Replace };

struct FlagChange {
    quint32 uid = 0;
    quint64 modSeq = 0;
    MessageFlags flags;
    QStringList keywords;
    QString fileName;      // the row's file name after the change
    bool modified = false; // UNCHANGEDSINCE failed (RFC 7162 section 3.1.3)
};

// What one flag update did: each message, and the folder's HIGHESTMODSEQ
// before and after the write (equal when nothing changed). When `before`
// is what a session already knew, every mod-sequence up to `after` is this
// update's, so the session need not read its own changes back.
struct FlagUpdate {
    QList<FlagChange> changes;
    quint64 modSeqBefore = 0;
    quint64 modSeqAfter = 0;
};

// Counters for benchmarks and system.status.
struct StoreStats {
    qint64 deliveries = 0; // acknowledged message copies (one per recipient)
    qint64 batches = 0;
    qint64 fileSyncs = 0;
    qint64 dirSyncs = 0;
    qint64 commits = 0;
};

} // namespace mailstead::store

Q_DECLARE_OPERATORS_FOR_FLAGS(mailstead::store::MessageFlags)
