// QueueStore.h - the queue on disk: <data_dir>/queue/messages/<id> (the
// message as received) plus queue.db (SQLite, WAL, synchronous=FULL) with
// one row per message, per recipient and per delivery attempt
//
// DESIGN.md "Durability": add() returns true only once the message file
// and its directory are fsynced and the rows are committed, so whoever
// acknowledges the message to a peer may do so from then on. A recipient's
// new state and the attempt that produced it are written in one commit
// (update()): a 250 is recorded as "delivered" before anything else
// happens, which is how the queue approaches "never twice"; a crash between
// the remote 250 and that commit sends the message again (at least once,
// as RFC 5321 section 6.1 prefers to losing it).
// remove() commits the removal of the rows first, then unlinks the file;
// removeMany() (delivered messages) commits without the WAL fsync: power
// loss may bring them back, to be sent again (at least once), never lose
// one;
// open() deletes files without rows (never acknowledged, or removed just
// before a crash) and forgets rows without a file.
//
// Synchronous and not thread-safe: one owner (DeliveryQueue's thread);
// only writeMany() may run on another thread (see there).
//
// SECURITY: ids are made here (hex digits only); addresses and answers are
// stored as bound parameters, never spliced into SQL.
#pragma once

#include "QueueTypes.h"
#include "store/Sqlite.h"

#include <QList>
#include <QString>

class QThreadPool;

namespace mailstead::queue {

class QueueStore {
public:
    QueueStore() = default;
    QueueStore(const QueueStore &) = delete;
    QueueStore &operator=(const QueueStore &) = delete;

    // queueDir: <data_dir>/queue (created 0700 with messages/ inside).
    bool open(const QString &queueDir, QString *error);
    void close();
    bool isOpen() const { return m_db.isOpen(); }

    // A new id: 16 upper-case hex digits from the time in ms and a counter.
    QString newId();

    QList<QueuedMessage> loadMessages(QString *error);
    // Writes data (taking over a spool file) as the message's file, then
    // commits its rows; recipients get their row ids. With replacedId, that
    // message's rows go in the same commit and its file after it (a bounce
    // takes the place of the message it reports on).
    // With delayNoticeFor, that message is marked as having had its delay
    // notice (QueuedMessage::delayNoticeSent) in the same commit.
    bool add(QueuedMessage *message, store::MessageData data, QString *error,
             const QString &replacedId = {}, const QString &delayNoticeFor = {});
    // Group commit in two steps. writeMany() writes the files in parallel
    // on pool, then syncs them in parallel with one sync of the directory;
    // it touches no database and may run on another thread (the owner's
    // thread goes on meanwhile but calls no writeMany of its own). Then
    // commitMany(), on the owner's thread, commits the rows of every file
    // written in one transaction. Each entry says whether it was stored
    // (ok) or why not.
    struct NewMessage {
        QueuedMessage *message = nullptr;
        store::MessageData data;
        bool ok = false;
        QString error;
    };
    void writeMany(QList<NewMessage> &batch, QThreadPool *pool) const;
    void commitMany(QList<NewMessage> &batch);
    // New recipient states and the attempts behind them, in one commit.
    bool update(const QString &messageId, const QList<QueueRecipient> &recipients,
                const QList<QueueAttempt> &attempts, QString *error);
    bool remove(const QString &messageId, QString *error);
    // Several messages' rows in one commit without the WAL fsync (they
    // were delivered: losing the removal to a power cut sends them again),
    // then their files.
    bool removeMany(const QStringList &messageIds, QString *error);

    QByteArray readMessage(const QString &messageId, QString *error) const;
    QList<QueueAttempt> attempts(const QString &messageId);
    QString messagePath(const QString &messageId) const;

private:
    bool createSchema(QString *error);
    bool placeFile(const QString &messageId, store::MessageData data, QString *error) const;
    bool syncFile(const QString &messageId, qint64 *size, QString *error) const;
    // placeFile, syncFile and the directory's sync, one after the other.
    bool writeFile(const QString &messageId, store::MessageData data, qint64 *size, QString *error);
    bool removeRowsRelaxed(const QStringList &messageIds, QString *error);
    bool insertRows(QueuedMessage *message);
    bool removeRows(const QString &messageId, QString *error);
    void removeOrphans();

    QString m_dir;
    store::SqliteDb m_db;
    quint32 m_counter = 0;
};

} // namespace mailstead::queue
