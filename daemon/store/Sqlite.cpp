// Sqlite.cpp - connections, statements and transactions for index.db
#include "Sqlite.h"

#include "core/Log.h"

#include <QFile>
#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace mailstead::store {

namespace {

// Long enough to ride out a checkpoint or another process (a backup) holding
// the write lock; short enough that a stuck lock becomes an error, not a hang.
constexpr int kBusyTimeoutMs = 10000;

// Per connection. Many mailboxes are open at once, so keep caches small.
constexpr const char *kWriterPragmas = "PRAGMA synchronous=FULL;"
                                       "PRAGMA cache_size=-1024;"
                                       "PRAGMA temp_store=MEMORY;";
constexpr const char *kReaderPragmas = "PRAGMA cache_size=-2048;"
                                       "PRAGMA query_only=1;";

} // namespace

SqliteDb::~SqliteDb() {
    close();
}

bool SqliteDb::open(const QString &path, Mode mode, QString *error) {
    close();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                      (mode == Mode::Writer ? SQLITE_OPEN_CREATE : 0);
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        if (error)
            *error = u"cannot open "_s + path + u": "_s +
                     (m_db ? lastError() : QString::fromUtf8(sqlite3_errstr(rc)));
        close();
        return false;
    }
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    sqlite3_extended_result_codes(m_db, 1);
    if (mode == Mode::Writer) {
        // journal_mode answers with the mode in effect; anything but "wal"
        // means readers would block the writer, which the design rules out.
        SqliteStatement journal(*this, "PRAGMA journal_mode=WAL");
        if (!journal.next() || journal.text(0) != u"wal"_s) {
            if (error)
                *error = u"cannot switch "_s + path + u" to WAL: "_s + lastError();
            journal = SqliteStatement();
            close();
            return false;
        }
    }
    if (!exec(mode == Mode::Writer ? kWriterPragmas : kReaderPragmas, error)) {
        close();
        return false;
    }
    return true;
}

void SqliteDb::close() {
    if (m_db) {
        // v2 defers the close if a statement is still alive rather than failing.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool SqliteDb::exec(const char *sql, QString *error) {
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = message ? QString::fromUtf8(message) : lastError();
        sqlite3_free(message);
        if (error)
            *error = text;
        qCWarning(core::lcStore) << "sqlite:" << text;
        return false;
    }
    return true;
}

QString SqliteDb::lastError() const {
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : u"database not open"_s;
}

qint64 SqliteDb::changes() const {
    return sqlite3_changes(m_db);
}

SqliteStatement::SqliteStatement(SqliteDb &db, const char *sql) {
    prepare(db, sql);
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_stmt);
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_ok(other.m_ok) {}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_ok = other.m_ok;
    }
    return *this;
}

bool SqliteStatement::prepare(SqliteDb &db, const char *sql) {
    sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    m_ok = sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) ==
           SQLITE_OK;
    if (!m_ok)
        qCWarning(core::lcStore) << "sqlite prepare:" << db.lastError() << sql;
    return m_ok;
}

void SqliteStatement::bind(int index, qint64 value) {
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bind(int index, const QString &value) {
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindBlob(int index, const QByteArray &value) {
    sqlite3_bind_blob(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
}

bool SqliteStatement::next() {
    if (!m_stmt) {
        m_ok = false;
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    m_ok = rc == SQLITE_DONE;
    if (!m_ok)
        qCWarning(core::lcStore) << "sqlite step:" << sqlite3_errmsg(sqlite3_db_handle(m_stmt));
    return false;
}

bool SqliteStatement::run() {
    while (next()) {
    }
    const bool ok = m_ok;
    reset();
    return ok;
}

void SqliteStatement::reset() {
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    m_ok = true;
}

qint64 SqliteStatement::int64(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

QString SqliteStatement::text(int column) const {
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::blob(int column) const {
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

bool SqliteStatement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

SqliteTransaction::SqliteTransaction(SqliteDb &db)
    : m_db(db) {
    // IMMEDIATE takes the write lock now, so a busy database fails here and
    // not half-way through the batch.
    m_active = m_db.exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
    if (m_active)
        m_db.exec("ROLLBACK");
}

bool SqliteTransaction::commit(QString *error) {
    if (!m_active) {
        if (error)
            *error = u"no transaction: "_s + m_db.lastError();
        return false;
    }
    if (!m_db.exec("COMMIT", error))
        return false; // the destructor rolls back
    m_active = false;
    return true;
}

} // namespace mailstead::store
