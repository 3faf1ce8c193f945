// QueueStore.cpp - message files and queue.db
//
// DESIGN.md "Storage" (queue/: message files + queue.db) and "Durability";
// RFC 5321 section 6.1 (once accepted, a message is not lost).
//
// SECURITY: no peer input reaches a path: file names are queue ids made by
// newId(). See QueueStore.h.
#include "QueueStore.h"

#include "QueueLog.h"
#include "store/PosixFile.h"

#include <QDateTime>
#include <QSemaphore>
#include <QSet>
#include <QThreadPool>
#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

namespace PosixFile = store::PosixFile;

namespace {

constexpr const char *schemaSql = R"sql(
CREATE TABLE IF NOT EXISTS messages(
    id TEXT PRIMARY KEY,
    sender TEXT NOT NULL,
    origin TEXT NOT NULL,
    created INTEGER NOT NULL,
    size INTEGER NOT NULL,
    smtputf8 INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS recipients(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message TEXT NOT NULL,
    address TEXT NOT NULL,
    original TEXT NOT NULL,
    state TEXT NOT NULL,
    next_attempt INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    last_answer BLOB NOT NULL,
    last_status BLOB NOT NULL,
    last_host TEXT NOT NULL,
    last_attempt INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS recipients_message ON recipients(message);
CREATE TABLE IF NOT EXISTS attempts(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message TEXT NOT NULL,
    time INTEGER NOT NULL,
    recipient TEXT NOT NULL,
    host TEXT NOT NULL,
    answer BLOB NOT NULL,
    tls TEXT NOT NULL,
    outcome TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS attempts_message ON attempts(message);
CREATE TABLE IF NOT EXISTS delay_notices(
    message TEXT PRIMARY KEY);
)sql";

bool isQueueId(const QString &name) {
    if (name.isEmpty() || name.size() > 32)
        return false;
    for (const QChar c : name) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'F')))
            return false;
    }
    return true;
}

} // namespace

bool QueueStore::open(const QString &queueDir, QString *error) {
    m_dir = queueDir;
    bool created = false;
    if (!PosixFile::makeDir(m_dir, &created, error))
        return false;
    if (!PosixFile::makeDir(m_dir + u"/messages"_s, &created, error))
        return false;
    if (created && !PosixFile::syncDir(m_dir, error))
        return false;
    if (!m_db.open(m_dir + u"/queue.db"_s, store::SqliteDb::Mode::Writer, error) ||
        !createSchema(error)) {
        m_db.close();
        return false;
    }
    removeOrphans();
    return true;
}

void QueueStore::close() {
    m_db.close();
}

bool QueueStore::createSchema(QString *error) {
    return m_db.exec(schemaSql, error);
}

QString QueueStore::newId() {
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    const quint64 value = (ms << 12) | (m_counter++ & 0xfff);
    return u"%1"_s.arg(qulonglong(value), 16, 16, QChar(u'0')).toUpper();
}

// Files without rows were never acknowledged (or were being removed);
// rows without a file cannot be delivered and are dropped with a warning.
void QueueStore::removeOrphans() {
    QSet<QString> known;
    store::SqliteStatement ids(m_db, "SELECT id FROM messages");
    while (ids.next())
        known.insert(ids.text(0));
    QSet<QString> files;
    for (const QString &name : PosixFile::listFiles(m_dir + u"/messages"_s)) {
        if (!known.contains(name)) {
            qCInfo(lcQueue).noquote() << "removing unacknowledged queue file" << name;
            PosixFile::remove(messagePath(name));
        } else {
            files.insert(name);
        }
    }
    for (const QString &id : std::as_const(known)) {
        if (files.contains(id))
            continue;
        qCWarning(lcQueue).noquote() << id << "has no message file; dropped from the queue";
        QString ignored;
        store::SqliteTransaction transaction(m_db);
        if (removeRows(id, &ignored))
            transaction.commit(&ignored);
    }
}

QString QueueStore::messagePath(const QString &messageId) const {
    return m_dir + u"/messages/"_s + messageId;
}

// Gives the message its name in messages/ with all its bytes, without any
// fsync: syncFile() and the directory sync make it durable.
bool QueueStore::placeFile(const QString &messageId, store::MessageData data,
                           QString *error) const {
    const QString path = messagePath(messageId);
    if (!data.spoolPath.isEmpty()) {
        // The spool file was written without fsync: take it over by a
        // rename (same file system), else copy it.
        if (PosixFile::rename(data.spoolPath, path, nullptr))
            return true;
        const int in = PosixFile::openRead(data.spoolPath, error);
        if (in < 0)
            return false;
        const bool copied = PosixFile::copyInto(in, path, error);
        PosixFile::closeFd(in);
        PosixFile::remove(data.spoolPath);
        return copied;
    }
    const int fd = PosixFile::createExclusive(path, error);
    if (fd < 0)
        return false;
    const bool ok = PosixFile::writeAll(fd, data.bytes.constData(), data.bytes.size(), error);
    PosixFile::closeFd(fd);
    if (!ok)
        PosixFile::remove(path);
    return ok;
}

bool QueueStore::syncFile(const QString &messageId, qint64 *size, QString *error) const {
    const int fd = PosixFile::openRead(messagePath(messageId), error);
    if (fd < 0)
        return false;
    PosixFile::FileStat stat;
    const bool ok = PosixFile::fstat(fd, &stat) && PosixFile::syncData(fd, error);
    PosixFile::closeFd(fd);
    *size = stat.size;
    return ok;
}

bool QueueStore::writeFile(const QString &messageId, store::MessageData data, qint64 *size,
                           QString *error) {
    if (!placeFile(messageId, std::move(data), error))
        return false;
    if (syncFile(messageId, size, error) && PosixFile::syncDir(m_dir + u"/messages"_s, error))
        return true;
    PosixFile::remove(messagePath(messageId));
    return false;
}

bool QueueStore::add(QueuedMessage *message, store::MessageData data, QString *error,
                     const QString &replacedId, const QString &delayNoticeFor) {
    if (!isQueueId(message->id)) {
        *error = u"invalid queue id"_s;
        return false;
    }
    if (!writeFile(message->id, std::move(data), &message->size, error))
        return false;

    store::SqliteTransaction transaction(m_db);
    bool ok = transaction.isActive() && insertRows(message);
    if (ok && !replacedId.isEmpty())
        ok = removeRows(replacedId, error);
    if (ok && !delayNoticeFor.isEmpty()) {
        store::SqliteStatement mark(m_db, "INSERT OR IGNORE INTO delay_notices(message) VALUES(?)");
        mark.bind(1, delayNoticeFor);
        ok = mark.run();
    }
    if (!ok || !transaction.commit(error)) {
        if (error->isEmpty())
            *error = m_db.lastError();
        PosixFile::remove(messagePath(message->id));
        return false;
    }
    if (!replacedId.isEmpty())
        PosixFile::remove(messagePath(replacedId));
    return true;
}

bool QueueStore::insertRows(QueuedMessage *message) {
    store::SqliteStatement insertMessage(
        m_db, "INSERT INTO messages(id, sender, origin, created, size, smtputf8) "
              "VALUES(?, ?, ?, ?, ?, ?)");
    insertMessage.bind(1, message->id);
    insertMessage.bind(2, message->sender);
    insertMessage.bind(3, message->origin);
    insertMessage.bind(4, message->createdMs);
    insertMessage.bind(5, message->size);
    insertMessage.bind(6, qint64(message->smtpUtf8));
    bool ok = insertMessage.run();
    store::SqliteStatement insertRecipient(
        m_db, "INSERT INTO recipients(message, address, original, state, next_attempt, attempts, "
              "last_answer, last_status, last_host, last_attempt) "
              "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (QueueRecipient &recipient : message->recipients) {
        if (!ok)
            break;
        insertRecipient.bind(1, message->id);
        insertRecipient.bind(2, recipient.address);
        insertRecipient.bind(3, recipient.originalAddress);
        insertRecipient.bind(4, recipientStateName(recipient.state));
        insertRecipient.bind(5, recipient.nextAttemptMs);
        insertRecipient.bind(6, qint64(recipient.attempts));
        insertRecipient.bindBlob(7, recipient.lastAnswer);
        insertRecipient.bindBlob(8, recipient.lastStatus);
        insertRecipient.bind(9, recipient.lastHost);
        insertRecipient.bind(10, recipient.lastAttemptMs);
        ok = insertRecipient.run();
        recipient.id = ok ? sqlite3_last_insert_rowid(m_db.handle()) : 0;
    }
    return ok;
}

void QueueStore::writeMany(QList<NewMessage> &batch, QThreadPool *pool) const {
    // Two phases on pool. First every file gets its name and bytes; then
    // the files' fsyncs and the one of messages/ run at once (the file
    // system commits them together) instead of queueing one after the
    // other.
    QSemaphore placed;
    for (NewMessage &entry : batch) {
        if (!isQueueId(entry.message->id)) {
            entry.error = u"invalid queue id"_s;
            placed.release();
            continue;
        }
        pool->start([this, &entry, &placed] {
            entry.ok = placeFile(entry.message->id, std::move(entry.data), &entry.error);
            placed.release();
        });
    }
    placed.acquire(int(batch.size()));
    bool any = false;
    for (const NewMessage &entry : std::as_const(batch))
        any = any || entry.ok;
    if (!any)
        return;
    QSemaphore synced;
    int started = 0;
    for (NewMessage &entry : batch) {
        if (!entry.ok)
            continue;
        ++started;
        pool->start([this, &entry, &synced] {
            entry.ok = syncFile(entry.message->id, &entry.message->size, &entry.error);
            if (!entry.ok)
                PosixFile::remove(messagePath(entry.message->id));
            synced.release();
        });
    }
    QString error;
    const bool ok = PosixFile::syncDir(m_dir + u"/messages"_s, &error);
    synced.acquire(started);
    if (ok)
        return;
    for (NewMessage &entry : batch) {
        if (!entry.ok)
            continue;
        entry.ok = false;
        entry.error = error;
        PosixFile::remove(messagePath(entry.message->id));
    }
}

void QueueStore::commitMany(QList<NewMessage> &batch) {
    bool any = false;
    for (const NewMessage &entry : std::as_const(batch))
        any = any || entry.ok;
    if (!any)
        return;
    QString error;
    store::SqliteTransaction transaction(m_db);
    bool ok = transaction.isActive();
    for (NewMessage &entry : batch) {
        if (ok && entry.ok)
            ok = insertRows(entry.message);
    }
    if (ok && !transaction.commit(&error))
        ok = false;
    if (ok)
        return;
    if (error.isEmpty())
        error = m_db.lastError();
    for (NewMessage &entry : batch) {
        if (!entry.ok)
            continue;
        entry.ok = false;
        entry.error = error;
        PosixFile::remove(messagePath(entry.message->id));
    }
}

bool QueueStore::removeRows(const QString &messageId, QString *error) {
    for (const char *sql :
         {"DELETE FROM recipients WHERE message = ?", "DELETE FROM attempts WHERE message = ?",
          "DELETE FROM delay_notices WHERE message = ?", "DELETE FROM messages WHERE id = ?"}) {
        store::SqliteStatement statement(m_db, sql);
        statement.bind(1, messageId);
        if (!statement.run()) {
            *error = m_db.lastError();
            return false;
        }
    }
    return true;
}

bool QueueStore::remove(const QString &messageId, QString *error) {
    store::SqliteTransaction transaction(m_db);
    if (!transaction.isActive() || !removeRows(messageId, error) || !transaction.commit(error))
        return false;
    PosixFile::remove(messagePath(messageId));
    return true;
}

bool QueueStore::removeMany(const QStringList &messageIds, QString *error) {
    // Without the WAL fsync (synchronous=NORMAL for this commit only): a
    // kill -9 loses nothing (the frames are in the kernel); power loss may
    // undo the removal, and the messages are sent again (at least once, as
    // after a crash before this commit). The next FULL commit of queue.db
    // syncs these frames too.
    m_db.exec("PRAGMA synchronous=NORMAL");
    const bool removed = removeRowsRelaxed(messageIds, error);
    m_db.exec("PRAGMA synchronous=FULL");
    if (!removed)
        return false;
    for (const QString &id : messageIds)
        PosixFile::remove(messagePath(id));
    return true;
}

bool QueueStore::removeRowsRelaxed(const QStringList &messageIds, QString *error) {
    store::SqliteTransaction transaction(m_db);
    bool ok = transaction.isActive();
    for (const QString &id : messageIds) {
        if (ok)
            ok = removeRows(id, error);
    }
    return ok && transaction.commit(error);
}

bool QueueStore::update(const QString &messageId, const QList<QueueRecipient> &recipients,
                        const QList<QueueAttempt> &attempts, QString *error) {
    store::SqliteTransaction transaction(m_db);
    bool ok = transaction.isActive();
    store::SqliteStatement updateRecipient(
        m_db, "UPDATE recipients SET state = ?, next_attempt = ?, attempts = ?, last_answer = ?, "
              "last_status = ?, last_host = ?, last_attempt = ? WHERE id = ? AND message = ?");
    for (const QueueRecipient &recipient : recipients) {
        if (!ok)
            break;
        updateRecipient.bind(1, recipientStateName(recipient.state));
        updateRecipient.bind(2, recipient.nextAttemptMs);
        updateRecipient.bind(3, qint64(recipient.attempts));
        updateRecipient.bindBlob(4, recipient.lastAnswer);
        updateRecipient.bindBlob(5, recipient.lastStatus);
        updateRecipient.bind(6, recipient.lastHost);
        updateRecipient.bind(7, recipient.lastAttemptMs);
        updateRecipient.bind(8, recipient.id);
        updateRecipient.bind(9, messageId);
        ok = updateRecipient.run();
    }
    store::SqliteStatement insertAttempt(
        m_db, "INSERT INTO attempts(message, time, recipient, host, answer, tls, outcome) "
              "VALUES(?, ?, ?, ?, ?, ?, ?)");
    for (const QueueAttempt &attempt : attempts) {
        if (!ok)
            break;
        insertAttempt.bind(1, messageId);
        insertAttempt.bind(2, attempt.timeMs);
        insertAttempt.bind(3, attempt.recipient);
        insertAttempt.bind(4, attempt.host);
        insertAttempt.bindBlob(5, attempt.answer);
        insertAttempt.bind(6, attempt.tls);
        insertAttempt.bind(7, recipientStateName(attempt.outcome));
        ok = insertAttempt.run();
    }
    if (!ok) {
        *error = m_db.lastError();
        return false;
    }
    return transaction.commit(error);
}

QList<QueuedMessage> QueueStore::loadMessages(QString *error) {
    QList<QueuedMessage> messages;
    QHash<QString, qsizetype> index;
    store::SqliteStatement select(
        m_db, "SELECT id, sender, origin, created, size, smtputf8 FROM messages ORDER BY created");
    while (select.next()) {
        QueuedMessage message;
        message.id = select.text(0);
        message.sender = select.text(1);
        message.origin = select.text(2);
        message.createdMs = select.int64(3);
        message.size = select.int64(4);
        message.smtpUtf8 = select.int64(5) != 0;
        index.insert(message.id, messages.size());
        messages.append(message);
    }
    store::SqliteStatement recipients(
        m_db, "SELECT id, message, address, original, state, next_attempt, attempts, last_answer, "
              "last_status, last_host, last_attempt FROM recipients ORDER BY id");
    while (recipients.next()) {
        const auto found = index.constFind(recipients.text(1));
        if (found == index.cend())
            continue;
        QueueRecipient recipient;
        recipient.id = recipients.int64(0);
        recipient.address = recipients.text(2);
        recipient.originalAddress = recipients.text(3);
        if (!parseRecipientState(recipients.text(4), &recipient.state))
            recipient.state = RecipientState::Pending;
        recipient.nextAttemptMs = recipients.int64(5);
        recipient.attempts = int(recipients.int64(6));
        recipient.lastAnswer = recipients.blob(7);
        recipient.lastStatus = recipients.blob(8);
        recipient.lastHost = recipients.text(9);
        recipient.lastAttemptMs = recipients.int64(10);
        messages[*found].recipients.append(recipient);
    }
    store::SqliteStatement notices(m_db, "SELECT message FROM delay_notices");
    while (notices.next()) {
        const auto found = index.constFind(notices.text(0));
        if (found != index.cend())
            messages[*found].delayNoticeSent = true;
    }
    if (!select.ok() || !recipients.ok() || !notices.ok())
        *error = m_db.lastError();
    return messages;
}

QList<QueueAttempt> QueueStore::attempts(const QString &messageId) {
    QList<QueueAttempt> result;
    store::SqliteStatement select(m_db, "SELECT time, recipient, host, answer, tls, outcome "
                                        "FROM attempts WHERE message = ? ORDER BY id");
    select.bind(1, messageId);
    while (select.next()) {
        QueueAttempt attempt;
        attempt.timeMs = select.int64(0);
        attempt.recipient = select.text(1);
        attempt.host = select.text(2);
        attempt.answer = select.blob(3);
        attempt.tls = select.text(4);
        parseRecipientState(select.text(5), &attempt.outcome);
        result.append(attempt);
    }
    return result;
}

QByteArray QueueStore::readMessage(const QString &messageId, QString *error) const {
    const int fd = PosixFile::openRead(messagePath(messageId), error);
    if (fd < 0)
        return {};
    PosixFile::FileStat stat;
    bool ok = PosixFile::fstat(fd, &stat);
    QByteArray bytes = ok ? PosixFile::readAll(fd, stat.size, &ok) : QByteArray();
    PosixFile::closeFd(fd);
    if (!ok) {
        *error = u"cannot read the queue file of "_s + messageId;
        return {};
    }
    return bytes;
}

} // namespace mailstead::queue
