// Sqlite.h - a minimal RAII layer over the SQLite C API for index.db
//
// The store talks to SQLite directly rather than through QSqlDatabase:
// - connections are plain objects owned by whoever uses them (the writer of
//   one mailbox, an IMAP session's reader), not named globals bound to the
//   thread that created them, so a writer can move between pool threads;
// - transactions are exactly what we write (BEGIN IMMEDIATE ... COMMIT), and
//   prepared statements are kept across a batch;
// - pragmas that durability depends on (journal_mode=WAL, synchronous=FULL:
//   in WAL mode NORMAL would lose the last commits on power loss) and busy
//   handling are set explicitly and checked.
// Connections are opened SQLITE_OPEN_NOMUTEX: each one is used by one thread
// at a time (the writer under its mailbox lock, a reader by its session).
#pragma once

#include <QByteArray>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace mailstead::store {

class SqliteDb {
public:
    enum class Mode { Writer, Reader };

    SqliteDb() = default;
    ~SqliteDb();
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;

    bool open(const QString &path, Mode mode, QString *error);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    sqlite3 *handle() const { return m_db; }

    // Runs one or more statements without results.
    bool exec(const char *sql, QString *error = nullptr);
    QString lastError() const;
    qint64 changes() const;

private:
    sqlite3 *m_db = nullptr;
};

class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(SqliteDb &db, const char *sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;

    bool prepare(SqliteDb &db, const char *sql);
    bool isValid() const { return m_stmt != nullptr; }

    // Parameters are 1-based, as in SQLite.
    void bind(int index, qint64 value);
    void bind(int index, const QString &value);
    void bindBlob(int index, const QByteArray &value);
    void bindNull(int index);

    // True while a row is available; check ok() after the loop.
    bool next();
    // Runs a statement that returns no rows; resets it afterwards.
    bool run();
    bool ok() const { return m_ok; }
    void reset();

    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

private:
    sqlite3_stmt *m_stmt = nullptr;
    bool m_ok = true;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless committed.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteDb &db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction &) = delete;
    SqliteTransaction &operator=(const SqliteTransaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit(QString *error);

private:
    SqliteDb &m_db;
    bool m_active = false;
};

} // namespace mailstead::store
