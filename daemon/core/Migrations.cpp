// Migrations.cpp - the config.db schema and the machinery that applies it
//
// Version 1 is the first released schema. Invariants that must hold whatever
// code writes the file (a future backend, a restore tool, a person with the
// sqlite3 shell) are enforced in the schema itself: lower-case names, sane
// ranges, one owner per address, one kind per domain name. ConfigStore checks
// the same rules first so that users get precise errors; the database is the
// last line of defence, not the first.
//
// Foreign keys are switched off while steps run (SQLite ignores the pragma
// inside a transaction) so that future steps can rebuild tables the way
// https://sqlite.org/lang_altertable.html#otheralter prescribes; each step
// runs PRAGMA foreign_key_check before it commits instead.
#include "core/Migrations.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

// Sizes and limits are byte counts or counts; 0 means unlimited. Booleans
// are 0/1. Timestamps are Unix seconds, UTC.
QList<Migration> buildMigrations() {
    QList<Migration> steps;

    steps.append(Migration{
        u"domains, alias domains, mailboxes, aliases and settings"_s,
        {
            uR"(CREATE TABLE domains (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE CHECK (name <> '' AND name = lower(name)),
                description TEXT NOT NULL DEFAULT '',
                quota_bytes INTEGER NOT NULL DEFAULT 0 CHECK (quota_bytes >= 0),
                max_mailboxes INTEGER NOT NULL DEFAULT 0 CHECK (max_mailboxes >= 0),
                max_aliases INTEGER NOT NULL DEFAULT 0 CHECK (max_aliases >= 0),
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                created INTEGER NOT NULL))"_s,

            // Chains of alias domains are impossible by construction: the
            // target is a row of domains, never of alias_domains.
            uR"(CREATE TABLE alias_domains (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE CHECK (name <> '' AND name = lower(name)),
                target_domain_id INTEGER NOT NULL
                    REFERENCES domains(id) ON DELETE CASCADE,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                created INTEGER NOT NULL))"_s,
            uR"(CREATE INDEX alias_domains_target ON alias_domains(target_domain_id))"_s,

            // RESTRICT, not CASCADE: deleting a domain must never silently
            // take mailboxes with it; a forced removal deletes them explicitly.
            uR"(CREATE TABLE mailboxes (
                id INTEGER PRIMARY KEY,
                domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE RESTRICT,
                local_part TEXT NOT NULL CHECK (local_part <> ''),
                local_part_key TEXT NOT NULL CHECK (local_part_key <> ''),
                display_name TEXT NOT NULL DEFAULT '',
                password_hash TEXT NOT NULL,
                quota_bytes INTEGER NOT NULL DEFAULT 0 CHECK (quota_bytes >= 0),
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                created INTEGER NOT NULL,
                UNIQUE (domain_id, local_part_key)))"_s,

            // local_part is the source as written ('' for a catch-all);
            // local_part_key is what lookups compare.
            uR"(CREATE TABLE aliases (
                id INTEGER PRIMARY KEY,
                domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
                local_part TEXT NOT NULL,
                local_part_key TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                created INTEGER NOT NULL,
                CHECK ((local_part = '') = (local_part_key = '')),
                UNIQUE (domain_id, local_part_key)))"_s,

            uR"(CREATE TABLE alias_targets (
                alias_id INTEGER NOT NULL REFERENCES aliases(id) ON DELETE CASCADE,
                position INTEGER NOT NULL CHECK (position >= 0),
                target TEXT NOT NULL CHECK (target <> ''),
                PRIMARY KEY (alias_id, position)) WITHOUT ROWID)"_s,

            uR"(CREATE TABLE settings (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL) WITHOUT ROWID)"_s,

            // A name is a domain or an alias domain, never both.
            uR"(CREATE TRIGGER domains_insert_not_alias_domain
                BEFORE INSERT ON domains
                WHEN EXISTS (SELECT 1 FROM alias_domains WHERE name = NEW.name)
                BEGIN SELECT RAISE(ABORT, 'the name is already an alias domain'); END)"_s,
            uR"(CREATE TRIGGER domains_update_not_alias_domain
                BEFORE UPDATE OF name ON domains
                WHEN EXISTS (SELECT 1 FROM alias_domains WHERE name = NEW.name)
                BEGIN SELECT RAISE(ABORT, 'the name is already an alias domain'); END)"_s,
            uR"(CREATE TRIGGER alias_domains_insert_not_domain
                BEFORE INSERT ON alias_domains
                WHEN EXISTS (SELECT 1 FROM domains WHERE name = NEW.name)
                BEGIN SELECT RAISE(ABORT, 'the name is already a domain'); END)"_s,
            uR"(CREATE TRIGGER alias_domains_update_not_domain
                BEFORE UPDATE OF name ON alias_domains
                WHEN EXISTS (SELECT 1 FROM domains WHERE name = NEW.name)
                BEGIN SELECT RAISE(ABORT, 'the name is already a domain'); END)"_s,

            // An address is a mailbox or an alias source, never both.
            uR"(CREATE TRIGGER mailboxes_insert_not_alias
                BEFORE INSERT ON mailboxes
                WHEN EXISTS (SELECT 1 FROM aliases WHERE domain_id = NEW.domain_id
                                                    AND local_part_key = NEW.local_part_key)
                BEGIN SELECT RAISE(ABORT, 'the address is already an alias'); END)"_s,
            uR"(CREATE TRIGGER mailboxes_update_not_alias
                BEFORE UPDATE OF domain_id, local_part_key ON mailboxes
                WHEN EXISTS (SELECT 1 FROM aliases WHERE domain_id = NEW.domain_id
                                                    AND local_part_key = NEW.local_part_key)
                BEGIN SELECT RAISE(ABORT, 'the address is already an alias'); END)"_s,
            uR"(CREATE TRIGGER aliases_insert_not_mailbox
                BEFORE INSERT ON aliases
                WHEN EXISTS (SELECT 1 FROM mailboxes WHERE domain_id = NEW.domain_id
                                                      AND local_part_key = NEW.local_part_key)
                BEGIN SELECT RAISE(ABORT, 'the address is already a mailbox'); END)"_s,
            uR"(CREATE TRIGGER aliases_update_not_mailbox
                BEFORE UPDATE OF domain_id, local_part_key ON aliases
                WHEN EXISTS (SELECT 1 FROM mailboxes WHERE domain_id = NEW.domain_id
                                                      AND local_part_key = NEW.local_part_key)
                BEGIN SELECT RAISE(ABORT, 'the address is already a mailbox'); END)"_s,
        },
        {},
    });

    // DKIM key metadata; the private keys are files under <data_dir>/dkim
    // (daemon/dkim/DkimKeyStore.h says why). Keys go with their domain.
    steps.append(Migration{
        u"DKIM keys"_s,
        {
            uR"(CREATE TABLE dkim_keys (
                id INTEGER PRIMARY KEY,
                domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
                selector TEXT NOT NULL CHECK (selector <> '' AND selector = lower(selector)),
                algorithm TEXT NOT NULL CHECK (algorithm IN ('rsa', 'ed25519')),
                bits INTEGER NOT NULL CHECK (bits > 0),
                created INTEGER NOT NULL,
                UNIQUE (domain_id, selector)))"_s,
        },
        {},
    });

    // Send-as grants for authenticated submission: the mailbox may use
    // `address` as envelope sender and header From. `address` is
    // "local@domain" (domain an A-label) or "@domain" for every address of
    // a domain; address_key is what lookups compare. Grants go with their
    // mailbox.
    steps.append(Migration{
        u"send-as grants"_s,
        {
            uR"(CREATE TABLE send_as (
                id INTEGER PRIMARY KEY,
                mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
                address TEXT NOT NULL CHECK (address <> '' AND instr(address, '@') > 0),
                address_key TEXT NOT NULL
                    CHECK (address_key <> '' AND address_key = lower(address_key)),
                created INTEGER NOT NULL,
                UNIQUE (mailbox_id, address_key)))"_s,
        },
        {},
    });

    return steps;
}

QString databaseLabel(const QSqlDatabase &db) {
    const QString name = QFileInfo(db.databaseName()).fileName();
    return name.isEmpty() ? u"the database"_s : name;
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error) {
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    *error = query.lastError().text();
    return false;
}

// Reads a one-row, one-column pragma.
bool pragmaValue(QSqlDatabase &db, const QString &pragma, int *value, QString *error) {
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA "_s + pragma) || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    *value = query.value(0).toInt();
    return true;
}

// True when every foreign key is satisfied; otherwise *error names the table
// that breaks one.
bool foreignKeysIntact(QSqlDatabase &db, QString *error) {
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA foreign_key_check"_s)) {
        *error = query.lastError().text();
        return false;
    }
    if (query.next()) {
        *error = u"rows of table "_s + query.value(0).toString() +
                 u" refer to missing rows of table "_s + query.value(2).toString();
        return false;
    }
    return true;
}

// Runs one step inside an IMMEDIATE transaction. *reached is the version the
// database is at afterwards.
bool runStep(QSqlDatabase &db, const QList<Migration> &steps, int targetVersion, int *reached,
             QString *error) {
    QString why;
    if (!exec(db, u"BEGIN IMMEDIATE"_s, &why)) {
        *error = u"Could not start a transaction on "_s + databaseLabel(db) + u": "_s + why;
        return false;
    }
    // Read again under the write lock: another process may have migrated
    // between our first look and now.
    int version = 0;
    bool ok = pragmaValue(db, u"user_version"_s, &version, &why);
    if (ok && version >= targetVersion) {
        *reached = version;
        return exec(db, u"COMMIT"_s, error);
    }
    if (ok && version < 0) {
        why = u"the schema version is negative"_s;
        ok = false;
    }
    const Migration *step = ok ? &steps.at(version) : nullptr;
    if (ok) {
        for (const QString &statement : step->statements) {
            if (!exec(db, statement, &why)) {
                ok = false;
                break;
            }
        }
    }
    if (ok && step->apply)
        ok = step->apply(db, &why);
    if (ok)
        ok = foreignKeysIntact(db, &why);
    if (ok)
        ok = exec(db, u"PRAGMA user_version = "_s + QString::number(version + 1), &why);
    if (ok)
        ok = exec(db, u"COMMIT"_s, &why);
    if (!ok) {
        QString ignored;
        exec(db, u"ROLLBACK"_s, &ignored);
        *error = u"Migrating "_s + databaseLabel(db) + u" to schema version "_s +
                 QString::number(version + 1) +
                 (step ? u" ("_s + step->description + u')' : QString()) + u" failed: "_s + why;
        return false;
    }
    *reached = version + 1;
    return true;
}

} // namespace

const QList<Migration> &configMigrations() {
    static const QList<Migration> steps = buildMigrations();
    return steps;
}

int latestSchemaVersion() {
    return static_cast<int>(configMigrations().size());
}

int readSchemaVersion(QSqlDatabase &db, QString *error) {
    int version = -1;
    QString why;
    if (!pragmaValue(db, u"user_version"_s, &version, &why)) {
        if (error)
            *error = why;
        return -1;
    }
    return version;
}

bool migrate(QSqlDatabase &db, int targetVersion, QString *error) {
    return migrate(db, configMigrations(), targetVersion, error);
}

bool migrate(QSqlDatabase &db, const QList<Migration> &steps, int targetVersion, QString *error) {
    QString dummy;
    QString &err = error ? *error : dummy;
    const int known = static_cast<int>(steps.size());
    const QString label = databaseLabel(db);

    QString why;
    const int current = readSchemaVersion(db, &why);
    if (current < 0) {
        if (why.isEmpty())
            err = label + u" has a negative schema version; it is not a Mailstead database."_s;
        else
            err = u"Cannot read the schema version of "_s + label + u": "_s + why;
        return false;
    }
    if (current > known) {
        err = label + u" has schema version "_s + QString::number(current) +
              u", this mailsteadd knows up to "_s + QString::number(known) +
              u". It was written by a newer Mailstead: upgrade Mailstead, or restore a backup "
              "made with this version."_s;
        return false;
    }
    if (targetVersion < 0 || targetVersion > known) {
        err = u"Schema version "_s + QString::number(targetVersion) +
              u" is unknown; this mailsteadd knows versions 0 to "_s + QString::number(known) +
              u'.';
        return false;
    }
    if (targetVersion < current) {
        err = label + u" has schema version "_s + QString::number(current) +
              u"; going back to version "_s + QString::number(targetVersion) +
              u" is not supported."_s;
        return false;
    }
    if (current == targetVersion)
        return true;

    int foreignKeys = 0;
    if (!pragmaValue(db, u"foreign_keys"_s, &foreignKeys, &why) ||
        !exec(db, u"PRAGMA foreign_keys = OFF"_s, &why)) {
        err = u"Cannot prepare "_s + label + u" for migration: "_s + why;
        return false;
    }
    bool ok = true;
    int reached = current;
    while (ok && reached < targetVersion) {
        ok = runStep(db, steps, targetVersion, &reached, &err);
        // Another process may have gone past what this build knows.
        if (ok && reached > known) {
            err = label + u" has schema version "_s + QString::number(reached) +
                  u", this mailsteadd knows up to "_s + QString::number(known) + u'.';
            ok = false;
        }
    }
    if (foreignKeys != 0 && !exec(db, u"PRAGMA foreign_keys = ON"_s, &why) && ok) {
        err = u"Cannot re-enable foreign keys on "_s + label + u": "_s + why;
        ok = false;
    }
    return ok;
}

} // namespace mailstead::core
