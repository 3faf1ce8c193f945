// Migrations.h - versioned schema of config.db
//
// The schema version lives in SQLite's own header field (PRAGMA user_version),
// so it travels with backups and cannot disagree with a separate table.
// Migration i takes the schema from version i to i + 1; each runs in its own
// IMMEDIATE transaction together with the user_version bump, so a crash or a
// failing statement leaves the database at the previous version, untouched.
// A database newer than this build knows is refused, never "repaired".
#pragma once

#include <functional>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace mailstead::core {

struct Migration {
    QString description;
    // Executed in order; one statement each (the SQLite driver runs only the
    // first statement of a string).
    QStringList statements;
    // Optional, runs after the statements in the same transaction: for data
    // conversions SQL cannot express. Returns false with *error set to fail.
    std::function<bool(QSqlDatabase &db, QString *error)> apply;
};

// The product's migrations; entry i brings the schema from version i to i + 1.
const QList<Migration> &configMigrations();

int latestSchemaVersion();

// PRAGMA user_version, or -1 with *error set when it cannot be read.
int readSchemaVersion(QSqlDatabase &db, QString *error = nullptr);

// Brings db from its current version to targetVersion (latestSchemaVersion()
// in production; tests build databases at each earlier version). Refuses
// databases newer than known and downgrades. On failure *error says which
// step failed and why, and the database stays at the last completed version.
bool migrate(QSqlDatabase &db, int targetVersion, QString *error);

// The same mechanics with an explicit list of steps, so that tests can check
// transactions and rollback with steps designed to fail.
bool migrate(QSqlDatabase &db, const QList<Migration> &steps, int targetVersion, QString *error);

} // namespace mailstead::core
