// MailboxIndex.h - the single writer of one mailbox owner's Maildir++ and index.db
//
// Owns the write connection to <mailbox>/index.db and the in-memory copy of
// its folder rows (UIDNEXT, HIGHESTMODSEQ, counters) and usage. Not thread
// safe: MessageStore hands it to one writer thread at a time under the
// mailbox's lock, which is what makes it "one writer per database"
// (DESIGN.md, Threads). Readers use their own connections (MailboxReader).
//
// RFCs: UIDs and UIDVALIDITY per RFC 9051 section 2.3.1.1 (UIDs strictly
// ascending in commit order; a new UIDVALIDITY whenever a folder is created,
// strictly greater than any issued before by this process); MODSEQ per
// RFC 7162 (every change of a message's metadata, and every expunge, gets a
// new mod-sequence, strictly increasing per folder).
//
// Durability: a method returns true only after its transaction committed
// with synchronous=FULL (the WAL is fsynced). Files are the caller's job
// before appendMessages (link + directory fsync); expunge unlinks after the
// commit, and recovery deletes any file whose base name is in the expunge
// log, so a crash can never bring an expunged message back.
#pragma once

#include "FullTextIndex.h"
#include "Sqlite.h"
#include "StoreTypes.h"

#include <memory>
#include <QHash>
#include <QList>
#include <QString>

namespace mailstead::store {

class MailboxIndex {
public:
    struct NewMessage {
        QString folder;
        QString fileName; // relative to the folder dir ("new/..." or "cur/...")
        MessageFlags flags;
        QStringList keywords;
        qint64 size = 0;
        qint64 virtualSize = 0;
        qint64 internalDate = 0; // unix seconds
        // The full-text row (FullTextIndex.h), extracted before the writer
        // lock was taken. Without it a copy takes the source row's text
        // (textFromFolder/textFromUid), anything else is read from the file.
        std::shared_ptr<const IndexedText> text;
        qint64 textFromFolder = 0;
        quint32 textFromUid = 0;
        // The cached IMAP ENVELOPE and BODYSTRUCTURE columns
        // (IndexedMessage.h), from the same parse as `text`, or the source
        // row's for a copy; null leaves the column NULL. A message with
        // neither text nor a source row gets both from its file.
        QByteArray envelope;
        QByteArray bodyStructure;
    };

    struct Assigned {
        quint32 uid = 0;
        quint32 uidValidity = 0;
        quint64 modSeq = 0;
    };

    struct RecoveryReport {
        int indexedFiles = 0;    // files without a row: indexed
        int droppedRows = 0;     // rows without a file: expunged (logged)
        int removedExpunged = 0; // files already expunged: deleted
        int renamedRows = 0;     // rows whose file changed name (flags)
        bool usageCorrected = false;
    };

    explicit MailboxIndex(QString mailboxDir);
    ~MailboxIndex();
    MailboxIndex(const MailboxIndex &) = delete;
    MailboxIndex &operator=(const MailboxIndex &) = delete;

    // create: make the Maildir++ folder set (INBOX, Sent, Drafts, Junk,
    // Trash, Archive) and index.db if missing. Without it a missing index is
    // an error. Runs recover() when the last writer did not close cleanly
    // (or the index is new and the directories already hold mail: an import).
    // Always empties tmp/: no writer of this mailbox can be running yet.
    bool open(bool create, QString *error);
    // Marks the index cleanly closed, so the next open skips the scan.
    void close();
    bool isOpen() const { return m_db.isOpen(); }

    QString mailboxDir() const { return m_dir; }
    Usage usage() const { return m_usage; }
    QList<FolderInfo> folders() const { return m_folders; }
    const FolderInfo *folder(const QString &name) const;
    QString folderPath(const FolderInfo &folder) const;
    const RecoveryReport &lastRecovery() const { return m_lastRecovery; }

    // One transaction for the whole list; folders must exist. On failure
    // nothing changed (in memory or on disk).
    bool appendMessages(const QList<NewMessage> &messages, QList<Assigned> *assigned,
                        QString *error);

    // STORE (RFC 9051 section 6.4.6) with optional UNCHANGEDSINCE (0 = none).
    // Changed messages get a new modseq and are renamed into cur/ with the
    // new Maildir flags after the commit (without fsync: the index is the
    // authority and recovery follows renames by base name).
    bool storeFlags(const QString &folder, const QList<quint32> &uids, FlagMode mode,
                    MessageFlags flags, const QStringList &keywords, quint64 unchangedSince,
                    FlagUpdate *update, QString *error);
    // Removes the rows, logs them for QRESYNC, then unlinks the files.
    bool expunge(const QString &folder, const QList<quint32> &uids, QList<ExpungedInfo> *expunged,
                 QString *error);

    // Folders (MailboxFolders.cpp). IMAP names use '/' as the hierarchy
    // delimiter; on disk that becomes Maildir++'s '.' (folderDirName).
    // CREATE (RFC 9051 section 6.3.4) with an optional RFC 6154 special-use
    // attribute; a new folder gets a fresh UIDVALIDITY.
    bool createFolder(const QString &name, const QString &specialUse, QString *error);
    // DELETE (section 6.3.5); INBOX cannot be deleted. Its messages leave
    // the usage in the same transaction; the directory is moved to
    // vmail/.removed first and deleted after the commit.
    bool deleteFolder(const QString &name, QString *error);
    bool setSubscribed(const QString &name, bool subscribed, QString *error);
    // RENAME (section 6.3.6) of a folder other than INBOX, together with
    // every folder below it ("from/x" becomes "to/x"). UIDVALIDITY, UIDs and
    // flags stay. The directories are renamed (and the mailbox directory
    // synced) before the rows are committed; a failure renames them back.
    // The target names must be free and valid; INBOX's own RENAME (moving
    // its messages) is the IMAP layer's, built on copyMessages and expunge.
    bool renameFolder(const QString &from, const QString &to, QString *error);
    // COPY (RFC 9051 section 6.4.7) within this mailbox: each file is
    // hard-linked under a new name into `to` (directory synced before the
    // commit), keeping flags, keywords and internal date. `copied` gets the
    // source UIDs that still existed and `assigned` their new UIDs, in the
    // same order (UIDPLUS COPYUID, RFC 4315). Quota is the caller's check
    // (usage() and the sizes from MailboxReader). MOVE is copy + expunge.
    bool copyMessages(const QString &from, const QList<quint32> &uids, const QString &to,
                      QList<quint32> *copied, QList<Assigned> *assigned, QString *error);
    // ".Lists.foo" for "Lists/foo": '/' becomes '.', and every byte outside
    // [A-Za-z0-9_+=-] (including '.' and '%') becomes %XX. Empty for INBOX
    // or an invalid name.
    static QString folderDirName(const QString &name);

    // Makes index and files agree (MailboxRecovery.cpp): index files without
    // rows, drop rows without files, delete expunged files, recount usage.
    bool recover(RecoveryReport *report, QString *error);
    // Indexes the text of messages that have no full-text row yet (an index
    // upgraded from schema version 1), at most maxMigrationMessages per
    // call; once none is left the index is marked complete and searches use
    // it (MailboxRecovery.cpp).
    bool fillTextIndex(QString *error);

    // A UIDVALIDITY for a folder created now: unix time, but strictly above
    // any value this process issued before (two folders in one second).
    static quint32 nextUidValidity();

private:
    // Closes without marking the index clean (after a failed open).
    void discard();
    bool createLayout(QString *error);
    bool ensureFolderDirs(const QString &folderDir, bool isSubfolder, QString *error);
    bool loadState(QString *error);
    bool createStandardFolders(QString *error);
    bool setState(const char *state, QString *error);
    void cleanTmp();
    bool writeFolder(const FolderInfo &folder);
    bool writeUsage(const Usage &usage);
    bool sumOfRows(Usage *usage);
    bool addKeywords(qint64 folderId, const QStringList &keywords);
    // Keywords as the index keeps them: sorted, unique, space separated.
    static QString joinKeywords(QStringList keywords);
    static QStringList splitKeywords(const QString &text);
    bool insertText(const FolderInfo &folder, quint32 uid, const NewMessage &message);
    // `message` with text and cached structure read from its file when it
    // carries no text and copies none (MailboxText.cpp).
    NewMessage withFileContent(const FolderInfo &folder, const NewMessage &message) const;
    // Binds the envelope and bodystructure parameters of m_insertMessage.
    void bindStructure(const NewMessage &message);
    FolderInfo *mutableFolder(const QString &name);

    QString m_dir;
    SqliteDb m_db;
    QList<FolderInfo> m_folders;
    Usage m_usage;
    RecoveryReport m_lastRecovery;
    SqliteStatement m_insertMessage;
    SqliteStatement m_updateFolder;
    SqliteStatement m_updateUsage;
    SqliteStatement m_insertKeyword;
    SqliteStatement m_insertText; // FullTextIndex::insertSql, kept across deliveries
};

} // namespace mailstead::store
