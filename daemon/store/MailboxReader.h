// MailboxReader.h - read access to one mailbox for IMAP and POP3 sessions
//
// Each reader has its own SQLite connection to index.db (WAL: readers never
// block the writer and see only committed rows). Use one reader per session
// or per thread; it is not thread safe. Get one from MessageStore::openReader,
// which makes sure the index was recovered before anyone reads it.
//
// Every call is its own read transaction unless wrapped in beginSnapshot() /
// endSnapshot(), which give a consistent view across several calls (e.g. a
// SELECT that reads the folder row and then its messages). Keep snapshots
// short: an open one keeps the WAL from being checkpointed.
//
// Files: a message can be renamed (flag change) or unlinked (expunge) by the
// writer at any time; openMessage() follows a rename and returns an invalid
// descriptor for an expunged message (RFC 9051 section 7.5.2 allows a NO or
// an empty answer for such FETCHes).
#pragma once

#include "FullTextIndex.h"
#include "Sqlite.h"
#include "StoreTypes.h"

#include <optional>
#include <QList>
#include <QSet>
#include <QString>

class QFile;

namespace mailstead::store {

class MailboxReader {
public:
    explicit MailboxReader(QString mailboxDir);
    ~MailboxReader();
    MailboxReader(const MailboxReader &) = delete;
    MailboxReader &operator=(const MailboxReader &) = delete;

    bool open(QString *error);
    QString mailboxDir() const { return m_dir; }

    bool beginSnapshot();
    void endSnapshot();

    QList<FolderInfo> folders();
    std::optional<FolderInfo> folder(const QString &name);
    // Messages with uid >= fromUid, ascending by uid.
    QList<MessageInfo> messages(const QString &folder, quint32 fromUid = 1);
    std::optional<MessageInfo> message(const QString &folder, quint32 uid);
    // Messages whose modseq is above `modSeq` (CONDSTORE FETCH CHANGEDSINCE).
    QList<MessageInfo> changedSince(const QString &folder, quint64 modSeq);
    // QRESYNC VANISHED (RFC 7162 section 3.2.10).
    QList<ExpungedInfo> expungedSince(const QString &folder, quint64 modSeq);
    QStringList keywords(const QString &folder);
    qint64 unseenCount(const QString &folder);
    Usage usage();
    // SEARCH through the full-text index (FullTextIndex.h): UIDs of the
    // folder's messages whose field contains `text`, case-insensitively.
    // nullopt when the index cannot answer; the caller then reads files.
    std::optional<QSet<quint32>> searchText(const QString &folder, TextField field,
                                            const QString &text);

    // The cached IMAP ENVELOPE and BODYSTRUCTURE columns of one message
    // (IndexedMessage.h; format in mime/ImapStructureCache.h). A value is
    // null when its column is NULL (a message indexed before the columns
    // were filled) or the message is gone. Only FETCH of those items asks,
    // one message at a time: message lists never load the blobs.
    struct CachedStructure {
        QByteArray envelope;
        QByteArray bodyStructure;
    };
    CachedStructure cachedStructure(const FolderInfo &folder, quint32 uid);

    // Absolute path of the message file as last indexed.
    QString messagePath(const FolderInfo &folder, const MessageInfo &message) const;
    // Opens the message read-only; -1 when it is gone. The caller closes it.
    int openMessage(const FolderInfo &folder, const MessageInfo &message);
    // The whole message in memory (small messages, tests).
    std::optional<QByteArray> readMessage(const FolderInfo &folder, const MessageInfo &message);

private:
    QList<MessageInfo> queryMessages(SqliteStatement &statement);
    std::optional<qint64> folderId(const QString &name);

    QString m_dir;
    SqliteDb m_db;
    SqliteStatement m_selectStructure; // prepared on the first cachedStructure()
};

} // namespace mailstead::store
