// tst_migrations.cpp - config.db schema versions and the migration machinery
//
// Every earlier schema version gets a fixture: rows that were valid at that
// version, which must survive the migration to the latest one. Adding a
// migration without a fixture for the version it starts from fails
// everyVersionHasAFixture(), so upgrades are always exercised with data.
#include "core/Migrations.h"

#include <functional>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;

namespace {

// One SQLite connection to a file in a temporary directory, removed again
// when the test function ends.
class TestDatabase {
public:
    explicit TestDatabase(const QString &path)
        : m_connection(u"tst_migrations_"_s + QString::number(++s_counter)) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(path);
        db.open();
    }
    ~TestDatabase() { QSqlDatabase::removeDatabase(m_connection); }
    QSqlDatabase db() const { return QSqlDatabase::database(m_connection); }

private:
    static inline int s_counter = 0;
    QString m_connection;
};

bool exec(QSqlDatabase db, const QString &sql) {
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

QVariant scalar(QSqlDatabase db, const QString &sql) {
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

bool tableExists(QSqlDatabase db, const QString &table) {
    return scalar(db, u"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '"_s +
                          table + u'\'')
               .toInt() == 1;
}

struct Fixture {
    // Inserts rows valid at the fixture's version.
    std::function<bool(QSqlDatabase)> insert;
    // Checks them after the migration to the latest version.
    std::function<void(QSqlDatabase)> check;
};

// Keyed by the version the rows are inserted at.
QMap<int, Fixture> fixtures() {
    QMap<int, Fixture> result;
    // Version 0 is a new, empty file: nothing to keep, everything to create.
    result.insert(
        0, Fixture{
               [](QSqlDatabase db) {
                   return scalar(db, u"SELECT count(*) FROM sqlite_schema"_s).toInt() == 0;
               },
               [](QSqlDatabase db) {
                   for (const QString &table : {u"domains"_s, u"alias_domains"_s, u"mailboxes"_s,
                                                u"aliases"_s, u"alias_targets"_s, u"settings"_s}) {
                       QVERIFY2(tableExists(db, table), qPrintable(table));
                       QCOMPARE(scalar(db, u"SELECT count(*) FROM "_s + table).toInt(), 0);
                   }
               },
           });
    // Version 1 holds domains, mailboxes and aliases; version 2 adds DKIM
    // key metadata, which must go with its domain.
    result.insert(
        1,
        Fixture{
            [](QSqlDatabase db) {
                return exec(db,
                            u"INSERT INTO domains (id, name, created) VALUES "
                            "(1, 'example.test', 1795000000), (2, 'other.test', 1795000000)"_s) &&
                       exec(db, u"INSERT INTO mailboxes (domain_id, local_part, local_part_key, "
                                "password_hash, created) VALUES (1, 'alice', 'alice', "
                                "'$y$j9T$salt$hash', 1795000000)"_s);
            },
            [](QSqlDatabase db) {
                QCOMPARE(scalar(db, u"SELECT count(*) FROM domains"_s).toInt(), 2);
                QCOMPARE(scalar(db, u"SELECT local_part FROM mailboxes"_s).toString(), u"alice"_s);
                QVERIFY(tableExists(db, u"dkim_keys"_s));
                QCOMPARE(scalar(db, u"SELECT count(*) FROM dkim_keys"_s).toInt(), 0);
                QVERIFY(exec(db, u"PRAGMA foreign_keys = ON"_s));
                QVERIFY(exec(db, u"INSERT INTO dkim_keys (domain_id, selector, algorithm, bits, "
                                 "created) VALUES (2, 'ms202611', 'ed25519', 256, 1795000000)"_s));
                QVERIFY(!exec(db, u"INSERT INTO dkim_keys (domain_id, selector, algorithm, bits, "
                                  "created) VALUES (2, 'ms202611', 'rsa', 2048, 1795000000)"_s));
                QVERIFY(!exec(db, u"INSERT INTO dkim_keys (domain_id, selector, algorithm, bits, "
                                  "created) VALUES (2, 'Upper', 'rsa', 2048, 1795000000)"_s));
                QVERIFY(exec(db, u"DELETE FROM domains WHERE id = 2"_s));
                QCOMPARE(scalar(db, u"SELECT count(*) FROM dkim_keys"_s).toInt(), 0);
            },
        });
    // Version 2 has DKIM keys; version 3 adds send-as grants, which go with
    // their mailbox and are unique per mailbox and address key.
    result.insert(
        2,
        Fixture{
            [](QSqlDatabase db) {
                return exec(db, u"INSERT INTO domains (id, name, created) VALUES "
                                "(1, 'example.test', 1795000000)"_s) &&
                       exec(db, u"INSERT INTO mailboxes (id, domain_id, local_part, "
                                "local_part_key, password_hash, created) VALUES (7, 1, 'Bob', "
                                "'bob', '$y$j9T$salt$hash', 1795000000)"_s) &&
                       exec(db, u"INSERT INTO dkim_keys (domain_id, selector, algorithm, bits, "
                                "created) VALUES (1, 'ms202611', 'rsa', 2048, 1795000000)"_s);
            },
            [](QSqlDatabase db) {
                QCOMPARE(scalar(db, u"SELECT count(*) FROM dkim_keys"_s).toInt(), 1);
                QVERIFY(tableExists(db, u"send_as"_s));
                QCOMPARE(scalar(db, u"SELECT count(*) FROM send_as"_s).toInt(), 0);
                QVERIFY(exec(db, u"PRAGMA foreign_keys = ON"_s));
                QVERIFY(exec(db, u"INSERT INTO send_as (mailbox_id, address, address_key, "
                                 "created) VALUES (7, 'Sales@example.test', 'sales@example.test', "
                                 "1795000000)"_s));
                QVERIFY(exec(db, u"INSERT INTO send_as (mailbox_id, address, address_key, "
                                 "created) VALUES (7, '@example.org', '@example.org', 1)"_s));
                // Same key twice, an upper-case key, no "@", an unknown mailbox.
                QVERIFY(!exec(db, u"INSERT INTO send_as (mailbox_id, address, address_key, "
                                  "created) VALUES (7, 'sales@example.test', "
                                  "'sales@example.test', 1)"_s));
                QVERIFY(!exec(db, u"INSERT INTO send_as (mailbox_id, address, address_key, "
                                  "created) VALUES (7, 'X@example.test', 'X@example.test', 1)"_s));
                QVERIFY(!exec(db, u"INSERT INTO send_as (mailbox_id, address, address_key, "
                                  "created) VALUES (7, 'nobody', 'nobody', 1)"_s));
                QVERIFY(!exec(db, u"INSERT INTO send_as (mailbox_id, address, address_key, "
                                  "created) VALUES (99, 'a@b.test', 'a@b.test', 1)"_s));
                QVERIFY(exec(db, u"DELETE FROM mailboxes WHERE id = 7"_s));
                QCOMPARE(scalar(db, u"SELECT count(*) FROM send_as"_s).toInt(), 0);
            },
        });
    return result;
}

// Steps for checking the machinery itself, independent of the real schema.
QList<Migration> mechanicsSteps() {
    return {
        Migration{
            u"create t"_s, {u"CREATE TABLE t (a INTEGER)"_s, u"INSERT INTO t VALUES (21)"_s}, {}},
        Migration{u"add t.b"_s,
                  {u"ALTER TABLE t ADD COLUMN b INTEGER"_s},
                  [](QSqlDatabase &db, QString *error) {
                      QSqlQuery query(db);
                      if (!query.exec(u"UPDATE t SET b = a * 2"_s)) {
                          *error = query.lastError().text();
                          return false;
                      }
                      return true;
                  }},
        Migration{u"create u"_s, {u"CREATE TABLE u (x INTEGER)"_s}, {}},
    };
}

} // namespace

class TestMigrations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyVersionHasAFixture();
    void upgradeFromEveryVersion_data();
    void upgradeFromEveryVersion();
    void migrateIsIdempotent();
    void tooNewIsRefused();
    void downgradeIsRefused();
    void unknownTargetIsRefused();
    void stepsRunInOrderUpToTarget();
    void failingStatementRollsBack();
    void failingFunctionRollsBack();
    void brokenForeignKeyRollsBack();
    void schemaEnforcesInvariants();

private:
    QString freshPath();
    QTemporaryDir m_dir;
    int m_files = 0;
};

void TestMigrations::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(latestSchemaVersion() >= 1);
    QCOMPARE(latestSchemaVersion(), configMigrations().size());
}

QString TestMigrations::freshPath() {
    return m_dir.filePath(u"config-%1.db"_s.arg(++m_files));
}

void TestMigrations::everyVersionHasAFixture() {
    const QMap<int, Fixture> all = fixtures();
    for (int version = 0; version < latestSchemaVersion(); ++version)
        QVERIFY2(all.contains(version),
                 qPrintable(u"no fixture for version "_s + QString::number(version)));
}

void TestMigrations::upgradeFromEveryVersion_data() {
    QTest::addColumn<int>("version");
    for (int version = 0; version < latestSchemaVersion(); ++version)
        QTest::addRow("from %d", version) << version;
}

void TestMigrations::upgradeFromEveryVersion() {
    QFETCH(int, version);
    const Fixture fixture = fixtures().value(version);
    QVERIFY(fixture.insert);

    TestDatabase test(freshPath());
    QSqlDatabase db = test.db();
    QString error;
    QVERIFY2(migrate(db, version, &error), qPrintable(error));
    QCOMPARE(readSchemaVersion(db), version);
    QVERIFY(fixture.insert(db));

    QVERIFY2(migrate(db, latestSchemaVersion(), &error), qPrintable(error));
    QCOMPARE(readSchemaVersion(db), latestSchemaVersion());
    fixture.check(db);
    QVERIFY(exec(db, u"PRAGMA foreign_key_check"_s));
    QCOMPARE(scalar(db, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
}

void TestMigrations::migrateIsIdempotent() {
    TestDatabase test(freshPath());
    QSqlDatabase db = test.db();
    QString error;
    QVERIFY2(migrate(db, latestSchemaVersion(), &error), qPrintable(error));
    QVERIFY(exec(db, u"INSERT INTO settings (key, value) VALUES ('k', 'v')"_s));
    QVERIFY2(migrate(db, latestSchemaVersion(), &error), qPrintable(error));
    QCOMPARE(scalar(db, u"SELECT value FROM settings WHERE key = 'k'"_s).toString(), u"v"_s);
}

void TestMigrations::tooNewIsRefused() {
    const QString path = freshPath();
    TestDatabase test(path);
    QSqlDatabase db = test.db();
    const int future = latestSchemaVersion() + 5;
    QVERIFY(exec(db, u"PRAGMA user_version = "_s + QString::number(future)));

    QString error;
    QVERIFY(!migrate(db, latestSchemaVersion(), &error));
    QVERIFY2(error.contains(u"config-"_s), qPrintable(error));
    QVERIFY2(error.contains(u"schema version "_s + QString::number(future)), qPrintable(error));
    QVERIFY2(error.contains(u"knows up to "_s + QString::number(latestSchemaVersion())),
             qPrintable(error));
    QVERIFY2(error.contains(u"newer Mailstead"_s), qPrintable(error));
    // Nothing was touched.
    QCOMPARE(readSchemaVersion(db), future);
    QVERIFY(!tableExists(db, u"domains"_s));
}

void TestMigrations::downgradeIsRefused() {
    TestDatabase test(freshPath());
    QSqlDatabase db = test.db();
    const QList<Migration> steps = mechanicsSteps();
    QString error;
    QVERIFY2(migrate(db, steps, 2, &error), qPrintable(error));
    QVERIFY(!migrate(db, steps, 1, &error));
    QVERIFY2(error.contains(u"not supported"_s), qPrintable(error));
    QCOMPARE(readSchemaVersion(db), 2);
}

void TestMigrations::unknownTargetIsRefused() {
    TestDatabase test(freshPath());
    QSqlDatabase db = test.db();
    QString error;
    QVERIFY(!migrate(db, latestSchemaVersion() + 1, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!migrate(db, -1, &error));
    QCOMPARE(readSchemaVersion(db), 0);

    QVERIFY(exec(db, u"PRAGMA user_version = -3"_s));
    QVERIFY(!migrate(db, latestSchemaVersion(), &error));
    QVERIFY2(error.contains(u"negative"_s), qPrintable(error));
}

void TestMigrations::stepsRunInOrderUpToTarget() {
    TestDatabase test(freshPath());
    QSqlDatabase db = test.db();
    const QList<Migration> steps = mechanicsSteps();
    QString error;
    QVERIFY2(migrate(db, steps, 1, &error), qPrintable(error));
    QCOMPARE(readSchemaVersion(db), 1);
    QVERIFY(tableExists(db, u"t"_s));
    QVERIFY(!tableExists(db, u"u"_s));
    // A row written at version 1 is converted by step 2's function.
    QVERIFY(exec(db, u"INSERT INTO t VALUES (5)"_s));

    QVERIFY2(migrate(db, steps, 3, &error), qPrintable(error));
    QCOMPARE(readSchemaVersion(db), 3);
    QVERIFY(tableExists(db, u"u"_s));
    QCOMPARE(scalar(db, u"SELECT group_concat(b) FROM (SELECT b FROM t ORDER BY a)"_s).toString(),
             u"10,42"_s);
}

void TestMigrations::failingStatementRollsBack() {
    TestDatabase test(freshPath());
    QSqlDatabase db = test.db();
    QVERIFY(exec(db, u"PRAGMA foreign_keys = ON"_s));
    QList<Migration> steps = mechanicsSteps();
    steps.append(Migration{u"broken step"_s,
                           {u"CREATE TABLE v (y INTEGER)"_s, u"INSERT INTO v VALUES (1)"_s,
                            u"INSERT INTO no_such_table VALUES (1)"_s},
                           {}});
    QString error;
    QVERIFY(!migrate(db, steps, 4, &error));
    QVERIFY2(error.contains(u"schema version 4"_s), qPrintable(error));
    QVERIFY2(error.contains(u"broken step"_s), qPrintable(error));
    QVERIFY2(error.contains(u"no_such_table"_s), qPrintable(error));
    // Earlier steps stay committed, the failing one left no trace.
    QCOMPARE(readSchemaVersion(db), 3);
    QVERIFY(tableExists(db, u"u"_s));
    QVERIFY(!tableExists(db, u"v"_s));
    // The connection is usable and foreign keys are back on.
    QCOMPARE(scalar(db, u"PRAGMA foreign_keys"_s).toInt(), 1);
    QVERIFY(exec(db, u"INSERT INTO t (a) VALUES (1)"_s));
}

void TestMigrations::failingFunctionRollsBack() {
    TestDatabase test(freshPath());
    QSqlDatabase db = test.db();
    QList<Migration> steps = mechanicsSteps();
    steps.append(
        Migration{u"conversion"_s, {u"UPDATE t SET a = 0"_s}, [](QSqlDatabase &, QString *why) {
                      *why = u"cannot convert row 1"_s;
                      return false;
                  }});
    QString error;
    QVERIFY(!migrate(db, steps, 4, &error));
    QVERIFY2(error.contains(u"cannot convert row 1"_s), qPrintable(error));
    QCOMPARE(readSchemaVersion(db), 3);
    QCOMPARE(scalar(db, u"SELECT a FROM t"_s).toInt(), 21);
}

void TestMigrations::brokenForeignKeyRollsBack() {
    TestDatabase test(freshPath());
    QSqlDatabase db = test.db();
    QString error;
    QVERIFY2(migrate(db, latestSchemaVersion(), &error), qPrintable(error));

    // A later step that leaves an orphan must not commit, even though foreign
    // keys are off while steps run.
    QList<Migration> steps = configMigrations();
    steps.append(Migration{u"orphan"_s,
                           {u"INSERT INTO mailboxes (domain_id, local_part, local_part_key, "
                            "password_hash, created) VALUES (999, 'a', 'a', 'x', 0)"_s},
                           {}});
    QVERIFY(!migrate(db, steps, latestSchemaVersion() + 1, &error));
    QVERIFY2(error.contains(u"mailboxes"_s), qPrintable(error));
    QCOMPARE(readSchemaVersion(db), latestSchemaVersion());
    QCOMPARE(scalar(db, u"SELECT count(*) FROM mailboxes"_s).toInt(), 0);
}

void TestMigrations::schemaEnforcesInvariants() {
    TestDatabase test(freshPath());
    QSqlDatabase db = test.db();
    QString error;
    QVERIFY2(migrate(db, latestSchemaVersion(), &error), qPrintable(error));
    QVERIFY(exec(db, u"PRAGMA foreign_keys = ON"_s));

    QVERIFY(exec(db, u"INSERT INTO domains (id, name, created) VALUES (1, 'example.test', 0)"_s));
    QVERIFY(exec(db, u"INSERT INTO alias_domains (name, target_domain_id, created) "
                     "VALUES ('example.net', 1, 0)"_s));
    QVERIFY(exec(db, u"INSERT INTO mailboxes (domain_id, local_part, local_part_key, "
                     "password_hash, created) VALUES (1, 'Alice', 'alice', 'x', 0)"_s));
    QVERIFY(exec(db, u"INSERT INTO aliases (id, domain_id, local_part, local_part_key, created) "
                     "VALUES (1, 1, '', '', 0)"_s));
    QVERIFY(exec(db, u"INSERT INTO alias_targets (alias_id, position, target) "
                     "VALUES (1, 0, 'alice@example.test')"_s));

    // Each of these breaks a rule the schema itself enforces.
    const QStringList refused = {
        u"INSERT INTO domains (name, created) VALUES ('Upper.test', 0)"_s,
        u"INSERT INTO domains (name, created) VALUES ('example.test', 0)"_s,
        u"INSERT INTO domains (name, created) VALUES ('example.net', 0)"_s,
        u"INSERT INTO alias_domains (name, target_domain_id, created) VALUES ('example.test', 1, 0)"_s,
        u"INSERT INTO alias_domains (name, target_domain_id, created) VALUES ('x.test', 42, 0)"_s,
        u"INSERT INTO domains (name, quota_bytes, created) VALUES ('neg.test', -1, 0)"_s,
        u"INSERT INTO mailboxes (domain_id, local_part, local_part_key, password_hash, created) "
        "VALUES (1, 'ALICE', 'alice', 'x', 0)"_s,
        u"INSERT INTO aliases (domain_id, local_part, local_part_key, created) "
        "VALUES (1, 'Alice', 'alice', 0)"_s,
        u"INSERT INTO aliases (domain_id, local_part, local_part_key, created) "
        "VALUES (1, 'x', '', 0)"_s,
        u"INSERT INTO alias_targets (alias_id, position, target) VALUES (1, 0, 'b@example.test')"_s,
        u"DELETE FROM domains WHERE id = 1"_s, // still has a mailbox
    };
    for (const QString &sql : refused) {
        QSqlQuery query(db);
        QVERIFY2(!query.exec(sql), qPrintable(sql));
    }

    // Without mailboxes the domain goes, and its aliases, targets and alias
    // domains with it.
    QVERIFY(exec(db, u"DELETE FROM mailboxes"_s));
    QVERIFY(exec(db, u"DELETE FROM domains WHERE id = 1"_s));
    for (const QString &table : {u"alias_domains"_s, u"aliases"_s, u"alias_targets"_s})
        QCOMPARE(scalar(db, u"SELECT count(*) FROM "_s + table).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
