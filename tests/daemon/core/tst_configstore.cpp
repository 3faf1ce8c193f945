// tst_configstore.cpp - config.db: round trips, every refusal, alias loops
//
// Each test function gets a fresh database file. Error cases are tables of
// a setup (rows that must exist first) and one call that must be refused
// with a given code and field, after which nothing may have changed.
#include "core/ConfigStore.h"
#include "core/Migrations.h"
#include "core/PasswordHash.h"

#include <functional>
#include <memory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;
using mailstead::ipc::ErrorCode;

namespace {

// A real yescrypt hash (of "correct horse battery staple"), so that tests do
// not spend a key derivation on every mailbox.
const QString storedHash =
    u"$y$j9T$Hwn.TDkTf2syX4OJJOCE9/$0tB2IBUM3SZ.WbZ1Kc/1NCM1NyZp6SoISyxky3YbotA"_s;

template <typename T> QString describe(const StoreResult<T> &result) {
    if (result.ok())
        return u"ok"_s;
    return u"error %1 (%2): %3"_s.arg(static_cast<int>(result.error().code))
        .arg(result.error().field, result.error().message);
}

#define VERIFY_OK(expr)                                                                            \
    do {                                                                                           \
        const auto verifyResult_ = (expr);                                                         \
        QVERIFY2(verifyResult_.ok(), qPrintable(describe(verifyResult_)));                         \
    } while (false)

// Messages are sentences for a person; some open with a quoted input.
bool isSentence(const QString &message) {
    return !message.isEmpty() && (message.at(0).isUpper() || message.at(0) == u'"') &&
           message.endsWith(u'.');
}

template <typename T>
bool isError(const StoreResult<T> &result, ErrorCode code, const QString &field) {
    if (result.ok()) {
        qWarning("expected an error, got success");
        return false;
    }
    const StoreError &error = result.error();
    if (error.code != code || error.field != field) {
        qWarning("expected code %d field \"%s\", got %s", static_cast<int>(code), qPrintable(field),
                 qPrintable(describe(result)));
        return false;
    }
    if (!isSentence(error.message)) {
        qWarning("not a sentence: \"%s\"", qPrintable(error.message));
        return false;
    }
    return true;
}

DomainSpec domainSpec(const QString &name, qint64 quota = 0, int maxMailboxes = 0,
                      int maxAliases = 0) {
    DomainSpec spec;
    spec.name = name;
    spec.quotaBytes = quota;
    spec.maxMailboxes = maxMailboxes;
    spec.maxAliases = maxAliases;
    return spec;
}

MailboxSpec mailboxSpec(const QString &address, qint64 quota = 0) {
    MailboxSpec spec;
    spec.address = address;
    spec.passwordHash = storedHash;
    spec.quotaBytes = quota;
    return spec;
}

AliasSpec aliasSpec(const QString &source, const QStringList &targets) {
    AliasSpec spec;
    spec.source = source;
    spec.targets = targets;
    return spec;
}

// Setup steps for tables: "domain NAME", "domain NAME quota=N mailboxes=N
// aliases=N", "aliasdomain NAME TARGET", "mailbox ADDRESS [quota]",
// "alias SOURCE TARGET...".
bool applySetup(ConfigStore &store, const QStringList &steps) {
    for (const QString &step : steps) {
        const QStringList words = step.split(u' ', Qt::SkipEmptyParts);
        const QString &kind = words.at(0);
        QString failure;
        if (kind == u"domain") {
            DomainSpec spec = domainSpec(words.at(1));
            for (const QString &option : words.mid(2)) {
                const QString key = option.section(u'=', 0, 0);
                const qint64 value = option.section(u'=', 1).toLongLong();
                if (key == u"quota")
                    spec.quotaBytes = value;
                else if (key == u"mailboxes")
                    spec.maxMailboxes = int(value);
                else if (key == u"aliases")
                    spec.maxAliases = int(value);
            }
            const auto result = store.addDomain(spec);
            failure = result.ok() ? QString() : describe(result);
        } else if (kind == u"aliasdomain") {
            const auto result = store.addAliasDomain(words.at(1), words.at(2));
            failure = result.ok() ? QString() : describe(result);
        } else if (kind == u"mailbox") {
            const auto result = store.addMailbox(
                mailboxSpec(words.at(1), words.size() > 2 ? words.at(2).toLongLong() : 0));
            failure = result.ok() ? QString() : describe(result);
        } else if (kind == u"alias") {
            const auto result = store.addAlias(aliasSpec(words.at(1), words.mid(2)));
            failure = result.ok() ? QString() : describe(result);
        } else {
            failure = u"unknown setup step"_s;
        }
        if (!failure.isEmpty()) {
            qWarning("setup \"%s\" failed: %s", qPrintable(step), qPrintable(failure));
            return false;
        }
    }
    return true;
}

// Everything a store holds, flattened, to prove that a refused call changed
// nothing and that a reopened file holds the same.
QString snapshot(const ConfigStore &store) {
    QStringList lines;
    for (const Domain &domain : store.domains()) {
        lines << u"domain %1 %2 %3 %4 %5 %6 %7 %8 [%9] %10/%11"_s
                     .arg(domain.name, domain.nameUnicode, domain.description)
                     .arg(domain.quotaBytes)
                     .arg(domain.maxMailboxes)
                     .arg(domain.maxAliases)
                     .arg(domain.active)
                     .arg(domain.created.toString(Qt::ISODate), domain.aliasDomains.join(u','))
                     .arg(domain.mailboxCount)
                     .arg(domain.aliasCount);
    }
    for (const AliasDomain &aliasDomain : store.aliasDomains()) {
        lines << u"aliasdomain %1 %2 %3 %4"_s.arg(aliasDomain.name, aliasDomain.target)
                     .arg(aliasDomain.active)
                     .arg(aliasDomain.created.toString(Qt::ISODate));
    }
    const QList<Mailbox> mailboxes = store.mailboxes().value();
    for (const Mailbox &mailbox : mailboxes) {
        lines << u"mailbox %1 %2 %3 %4 %5 %6 %7"_s
                     .arg(mailbox.address(), mailbox.displayName, mailbox.passwordHash)
                     .arg(mailbox.quotaBytes)
                     .arg(mailbox.active)
                     .arg(mailbox.created.toString(Qt::ISODate))
                     .arg(mailbox.id);
    }
    const QList<Alias> aliases = store.aliases().value();
    for (const Alias &alias : aliases) {
        lines << u"alias %1 %2 %3 %4"_s.arg(alias.source, alias.targets.join(u','))
                     .arg(alias.active)
                     .arg(alias.created.toString(Qt::ISODate));
    }
    return lines.join(u'\n');
}

// A second connection to the same file, for what the store must not be able
// to prevent: a failing write.
class RawConnection {
public:
    explicit RawConnection(const QString &path)
        : m_name(u"tst_configstore_raw"_s) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection() { QSqlDatabase::removeDatabase(m_name); }
    bool exec(const QString &sql) {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (query.exec(sql))
            return true;
        qWarning("%s", qPrintable(query.lastError().text()));
        return false;
    }

private:
    QString m_name;
};

} // namespace

class TestConfigStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void opensAtLatestSchema();
    void domainRoundTrip_data();
    void domainRoundTrip();
    void updateDomain();
    void aliasDomains();
    void mailboxRoundTrip_data();
    void mailboxRoundTrip();
    void mailboxLookupIsCaseInsensitive();
    void updateMailbox();
    void removeMailbox();
    void aliasRoundTrip();
    void refusals_data();
    void refusals();
    void acceptedAliasGraphs_data();
    void acceptedAliasGraphs();
    void aliasLoops_data();
    void aliasLoops();
    void updateAliasLoopChangesNothing();
    void removalThatWouldLoop();
    void aliasDomainThatWouldLoop();
    void removeDomain();
    void removeDomainForce();
    void sortedReads();
    void persistence();
    void counts();
    void storageErrorChangesNothing();
    void tooNewDatabaseIsRefused();
    void unopenableFile();

private:
    ConfigStore &store() { return *m_store; }
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<ConfigStore> m_store;
    int m_files = 0;
};

void TestConfigStore::init() {
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"config-%1.db"_s.arg(++m_files));
    m_store = std::make_unique<ConfigStore>(m_path);
    QVERIFY2(m_store->isOpen(), qPrintable(m_store->error()));
}

void TestConfigStore::cleanup() {
    m_store.reset();
}

void TestConfigStore::opensAtLatestSchema() {
    QCOMPARE(store().schemaVersion(), latestSchemaVersion());
    QVERIFY(store().error().isEmpty());
    QVERIFY(store().domains().isEmpty());
    // Two stores at once need distinct connections.
    ConfigStore other(m_dir.filePath(u"other.db"_s));
    QVERIFY(other.isOpen());
    VERIFY_OK(other.addDomain(domainSpec(u"other.test"_s)));
    QVERIFY(store().domains().isEmpty());
}

void TestConfigStore::domainRoundTrip_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("ace");
    QTest::addColumn<QString>("unicode");

    QTest::addRow("plain") << u"example.test"_s << u"example.test"_s << u"example.test"_s;
    QTest::addRow("upper case") << u"Example.TEST"_s << u"example.test"_s << u"example.test"_s;
    QTest::addRow("IDN as U-label")
        << u"bücher.example"_s << u"xn--bcher-kva.example"_s << u"bücher.example"_s;
    QTest::addRow("IDN as A-label")
        << u"xn--bcher-kva.example"_s << u"xn--bcher-kva.example"_s << u"bücher.example"_s;
    QTest::addRow("IDN upper case")
        << u"BÜCHER.example"_s << u"xn--bcher-kva.example"_s << u"bücher.example"_s;
}

void TestConfigStore::domainRoundTrip() {
    QFETCH(QString, input);
    QFETCH(QString, ace);
    QFETCH(QString, unicode);

    DomainSpec spec = domainSpec(input, 10LL << 30, 50, 100);
    spec.description = u"Bücher & more"_s;
    spec.active = false;
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const auto added = store().addDomain(spec);
    QVERIFY2(added.ok(), qPrintable(describe(added)));

    for (const QString &lookup : {input, ace, unicode}) {
        const auto found = store().domain(lookup);
        QVERIFY2(found.ok(), qPrintable(describe(found)));
        const Domain &domain = found.value();
        QCOMPARE(domain.name, ace);
        QCOMPARE(domain.nameUnicode, unicode);
        QCOMPARE(domain.description, spec.description);
        QCOMPARE(domain.quotaBytes, 10LL << 30);
        QCOMPARE(domain.maxMailboxes, 50);
        QCOMPARE(domain.maxAliases, 100);
        QCOMPARE(domain.active, false);
        QCOMPARE(domain.created.timeSpec(), Qt::UTC);
        QVERIFY(domain.created.toSecsSinceEpoch() >= before);
        QVERIFY(domain.created.toSecsSinceEpoch() <= QDateTime::currentSecsSinceEpoch());
        QCOMPARE(domain.id, added.value().id);
    }
    QCOMPARE(added.value().name, ace);
    QCOMPARE(store().domains().size(), 1);
}

void TestConfigStore::updateDomain() {
    QVERIFY(applySetup(store(), {u"domain example.test"_s}));
    DomainChanges changes;
    changes.description = u"Main"_s;
    changes.quotaBytes = 1LL << 30;
    changes.active = false;
    const auto updated = store().updateDomain(u"EXAMPLE.test"_s, changes);
    QVERIFY2(updated.ok(), qPrintable(describe(updated)));
    QCOMPARE(updated.value().description, u"Main"_s);
    QCOMPARE(updated.value().quotaBytes, 1LL << 30);
    QCOMPARE(updated.value().maxMailboxes, 0);
    QCOMPARE(updated.value().active, false);

    const Domain stored = store().domain(u"example.test"_s).value();
    QCOMPARE(stored.description, u"Main"_s);
    QCOMPARE(stored.quotaBytes, 1LL << 30);
    QCOMPARE(stored.active, false);

    // Untouched fields stay.
    DomainChanges limits;
    limits.maxAliases = 7;
    VERIFY_OK(store().updateDomain(u"example.test"_s, limits));
    QCOMPARE(store().domain(u"example.test"_s).value().description, u"Main"_s);
    QCOMPARE(store().domain(u"example.test"_s).value().maxAliases, 7);
}

void TestConfigStore::aliasDomains() {
    QVERIFY(applySetup(store(), {u"domain example.test"_s, u"mailbox alice@example.test"_s}));
    const auto added = store().addAliasDomain(u"Bücher.example"_s, u"EXAMPLE.test"_s);
    QVERIFY2(added.ok(), qPrintable(describe(added)));
    QCOMPARE(added.value().name, u"xn--bcher-kva.example"_s);
    QCOMPARE(added.value().target, u"example.test"_s);
    QVERIFY(added.value().active);
    QCOMPARE(added.value().created.timeSpec(), Qt::UTC);
    VERIFY_OK(store().addAliasDomain(u"example.net"_s, u"example.test"_s));

    const QList<AliasDomain> all = store().aliasDomains();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).name, u"example.net"_s);
    QCOMPARE(all.at(1).name, u"xn--bcher-kva.example"_s);
    const Domain primary = store().domain(u"example.test"_s).value();
    QCOMPARE(primary.aliasDomains, (QStringList{u"example.net"_s, u"xn--bcher-kva.example"_s}));

    // An alias domain is not a domain of its own.
    QVERIFY(isError(store().domain(u"example.net"_s), ErrorCode::NotFound, u"name"_s));
    QVERIFY(store().domain(u"example.net"_s).error().message.contains(u"alias domain"_s));
    QVERIFY(isError(store().mailboxes(u"example.net"_s), ErrorCode::InvalidValue, u"domain"_s));
    QVERIFY(
        isError(store().mailbox(u"alice@example.net"_s), ErrorCode::InvalidValue, u"address"_s));

    // Removing an alias domain by name removes just that.
    VERIFY_OK(store().removeDomain(u"example.net"_s, false));
    QCOMPARE(store().aliasDomains().size(), 1);
    QCOMPARE(store().domains().size(), 1);
    QCOMPARE(store().mailboxes().value().size(), 1);
}

void TestConfigStore::mailboxRoundTrip_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("localPart");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("address");

    QTest::addRow("plain") << u"alice@example.test"_s << u"alice"_s << u"example.test"_s
                           << u"alice@example.test"_s;
    QTest::addRow("case kept, domain folded") << u"Alice.Smith@Example.TEST"_s << u"Alice.Smith"_s
                                              << u"example.test"_s << u"Alice.Smith@example.test"_s;
    QTest::addRow("quoted with space") << u"\"john doe\"@example.test"_s << u"john doe"_s
                                       << u"example.test"_s << u"\"john doe\"@example.test"_s;
    QTest::addRow("needless quotes dropped")
        << u"\"bob\"@example.test"_s << u"bob"_s << u"example.test"_s << u"bob@example.test"_s;
    QTest::addRow("UTF-8 local part")
        << u"jörg@example.test"_s << u"jörg"_s << u"example.test"_s << u"jörg@example.test"_s;
    QTest::addRow("IDN domain") << u"müller@bücher.example"_s << u"müller"_s
                                << u"xn--bcher-kva.example"_s << u"müller@xn--bcher-kva.example"_s;
}

void TestConfigStore::mailboxRoundTrip() {
    QFETCH(QString, input);
    QFETCH(QString, localPart);
    QFETCH(QString, domain);
    QFETCH(QString, address);

    QVERIFY(applySetup(store(),
                       {u"domain example.test quota=1073741824"_s, u"domain bücher.example"_s}));
    MailboxSpec spec = mailboxSpec(input, 512LL << 20);
    spec.displayName = u"Jörg Müller"_s;
    spec.active = false;
    const auto added = store().addMailbox(spec);
    QVERIFY2(added.ok(), qPrintable(describe(added)));

    const auto found = store().mailbox(input);
    QVERIFY2(found.ok(), qPrintable(describe(found)));
    for (const Mailbox &mailbox : {added.value(), found.value()}) {
        QCOMPARE(mailbox.localPart, localPart);
        QCOMPARE(mailbox.domain, domain);
        QCOMPARE(mailbox.address(), address);
        QCOMPARE(mailbox.displayName, u"Jörg Müller"_s);
        QCOMPARE(mailbox.passwordHash, storedHash);
        QCOMPARE(mailbox.quotaBytes, 512LL << 20);
        QCOMPARE(mailbox.active, false);
        QCOMPARE(mailbox.created.timeSpec(), Qt::UTC);
    }
    QVERIFY(store().mailbox(address).ok());
    QVERIFY(PasswordHash::verify(u"correct horse battery staple"_s, found.value().passwordHash));
    QCOMPARE(store().domain(domain).value().mailboxCount, 1);
}

void TestConfigStore::mailboxLookupIsCaseInsensitive() {
    QVERIFY(applySetup(store(),
                       {u"domain example.test"_s, u"mailbox Alice@example.test"_s,
                        u"mailbox \"Jane..Doe\"@example.test"_s, u"mailbox Jörg@example.test"_s}));
    QCOMPARE(store().mailbox(u"ALICE@EXAMPLE.TEST"_s).value().localPart, u"Alice"_s);
    QCOMPARE(store().mailbox(u"\"jane..doe\"@example.test"_s).value().localPart, u"Jane..Doe"_s);
    QCOMPARE(store().mailbox(u"JÖRG@example.test"_s).value().localPart, u"Jörg"_s);
    QVERIFY(isError(store().addMailbox(mailboxSpec(u"alice@example.test"_s)),
                    ErrorCode::AlreadyExists, u"address"_s));
    QVERIFY(isError(store().addMailbox(mailboxSpec(u"\"ALICE\"@Example.Test"_s)),
                    ErrorCode::AlreadyExists, u"address"_s));
    QVERIFY(isError(store().addMailbox(mailboxSpec(u"jörg@example.test"_s)),
                    ErrorCode::AlreadyExists, u"address"_s));
    QCOMPARE(store().mailboxes().value().size(), 3);
}

void TestConfigStore::updateMailbox() {
    QVERIFY(applySetup(store(),
                       {u"domain example.test quota=1000"_s, u"mailbox alice@example.test 100"_s}));
    const QString newHash =
        u"$6$sECU3C7fJLRAz9Ij$6Eh1QyP9aDDEMiH2saBC8VBTJLIisSgMcZIK5gt6m1NLZZU5hXjLAE7fGi7dQTIDKOdf8xMzP8FMPJIsqGSQM1"_s;
    MailboxChanges changes;
    changes.displayName = u"Alice"_s;
    changes.passwordHash = newHash;
    changes.quotaBytes = 1000;
    changes.active = false;
    const auto updated = store().updateMailbox(u"ALICE@example.test"_s, changes);
    QVERIFY2(updated.ok(), qPrintable(describe(updated)));
    const Mailbox stored = store().mailbox(u"alice@example.test"_s).value();
    QCOMPARE(stored.displayName, u"Alice"_s);
    QCOMPARE(stored.passwordHash, newHash);
    QCOMPARE(stored.quotaBytes, qint64(1000));
    QCOMPARE(stored.active, false);
    QCOMPARE(stored.created, updated.value().created);

    MailboxChanges activeOnly;
    activeOnly.active = true;
    VERIFY_OK(store().updateMailbox(u"alice@example.test"_s, activeOnly));
    QCOMPARE(store().mailbox(u"alice@example.test"_s).value().displayName, u"Alice"_s);
    QCOMPARE(store().mailbox(u"alice@example.test"_s).value().active, true);
}

void TestConfigStore::removeMailbox() {
    QVERIFY(applySetup(store(), {u"domain example.test"_s, u"mailbox alice@example.test"_s}));
    VERIFY_OK(store().removeMailbox(u"Alice@Example.test"_s));
    QVERIFY(isError(store().mailbox(u"alice@example.test"_s), ErrorCode::NotFound, u"address"_s));
    QVERIFY(
        isError(store().removeMailbox(u"alice@example.test"_s), ErrorCode::NotFound, u"address"_s));
    // The address is free for an alias now.
    VERIFY_OK(store().addAlias(aliasSpec(u"alice@example.test"_s, {u"bob@elsewhere.test"_s})));
}

void TestConfigStore::aliasRoundTrip() {
    QVERIFY(applySetup(store(), {u"domain example.test"_s, u"domain bücher.example"_s,
                                 u"mailbox alice@example.test"_s}));
    AliasSpec spec =
        aliasSpec(u"Sales@Example.test"_s, {u"alice@example.test"_s, u"Bob@Bücher.example"_s,
                                            u"\"carol\"@remote.test"_s, u"\"x y\"@remote.test"_s});
    spec.active = false;
    const auto added = store().addAlias(spec);
    QVERIFY2(added.ok(), qPrintable(describe(added)));
    const QStringList normalized{u"alice@example.test"_s, u"Bob@xn--bcher-kva.example"_s,
                                 u"carol@remote.test"_s, u"\"x y\"@remote.test"_s};
    const auto found = store().alias(u"sales@EXAMPLE.TEST"_s);
    QVERIFY2(found.ok(), qPrintable(describe(found)));
    for (const Alias &alias : {added.value(), found.value()}) {
        QCOMPARE(alias.source, u"Sales@example.test"_s);
        QCOMPARE(alias.domain, u"example.test"_s);
        QCOMPARE(alias.targets, normalized);
        QVERIFY(!alias.isCatchAll());
        QCOMPARE(alias.active, false);
        QCOMPARE(alias.created.timeSpec(), Qt::UTC);
    }

    const auto catchAll =
        store().addAlias(aliasSpec(u"@Example.TEST"_s, {u"alice@example.test"_s}));
    QVERIFY2(catchAll.ok(), qPrintable(describe(catchAll)));
    QCOMPARE(catchAll.value().source, u"@example.test"_s);
    QVERIFY(catchAll.value().isCatchAll());
    QCOMPARE(store().alias(u"@example.test"_s).value().targets,
             QStringList{u"alice@example.test"_s});

    AliasChanges changes;
    changes.targets = QStringList{u"alice@example.test"_s};
    changes.active = true;
    const auto updated = store().updateAlias(u"sales@example.test"_s, changes);
    QVERIFY2(updated.ok(), qPrintable(describe(updated)));
    QCOMPARE(updated.value().targets, QStringList{u"alice@example.test"_s});
    QVERIFY(updated.value().active);
    QCOMPARE(store().alias(u"sales@example.test"_s).value().targets,
             QStringList{u"alice@example.test"_s});

    QCOMPARE(store().domain(u"example.test"_s).value().aliasCount, 2);
    VERIFY_OK(store().removeAlias(u"SALES@example.test"_s));
    QVERIFY(isError(store().alias(u"sales@example.test"_s), ErrorCode::NotFound, u"source"_s));
    QVERIFY(
        isError(store().removeAlias(u"sales@example.test"_s), ErrorCode::NotFound, u"source"_s));
    VERIFY_OK(store().removeAlias(u"@example.test"_s));
    QCOMPARE(store().aliases().value().size(), 0);
}

using Call = std::function<StoreError(ConfigStore &)>;

template <typename T> StoreError errorOf(const StoreResult<T> &result) {
    if (result.ok())
        return StoreError{ErrorCode::InternalError, u"unexpected success"_s, u"-"_s};
    return result.error();
}

void TestConfigStore::refusals_data() {
    QTest::addColumn<QStringList>("setup");
    QTest::addColumn<Call>("call");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("field");

    const QStringList base{u"domain example.test"_s};
    const auto row = [](const char *name, const QStringList &setup, Call call, ErrorCode code,
                        const QString &field) {
        QTest::addRow("%s", name) << setup << call << int(code) << field;
    };
    const auto addDomain = [](const QString &name) {
        return [=](ConfigStore &s) { return errorOf(s.addDomain(domainSpec(name))); };
    };
    const auto addMailbox = [](const QString &address, qint64 quota = 0) {
        return [=](ConfigStore &s) { return errorOf(s.addMailbox(mailboxSpec(address, quota))); };
    };
    const auto addAlias = [](const QString &source, const QStringList &targets) {
        return [=](ConfigStore &s) { return errorOf(s.addAlias(aliasSpec(source, targets))); };
    };

    // Domains.
    row("domain: empty name", {}, addDomain(QString()), ErrorCode::InvalidValue, u"name"_s);
    row("domain: bad label", {}, addDomain(u"-bad-.test"_s), ErrorCode::InvalidValue, u"name"_s);
    row("domain: empty label", {}, addDomain(u"a..test"_s), ErrorCode::InvalidValue, u"name"_s);
    row("domain: address literal", {}, addDomain(u"[192.0.2.1]"_s), ErrorCode::InvalidValue,
        u"name"_s);
    row("domain: duplicate", base, addDomain(u"example.test"_s), ErrorCode::AlreadyExists,
        u"name"_s);
    row("domain: duplicate other case", base, addDomain(u"EXAMPLE.Test"_s),
        ErrorCode::AlreadyExists, u"name"_s);
    row("domain: IDN duplicate", {u"domain bücher.example"_s},
        addDomain(u"xn--bcher-kva.example"_s), ErrorCode::AlreadyExists, u"name"_s);
    row("domain: is an alias domain",
        {u"domain example.test"_s, u"aliasdomain example.net example.test"_s},
        addDomain(u"example.net"_s), ErrorCode::Conflict, u"name"_s);
    row(
        "domain: negative quota", {},
        [](ConfigStore &s) { return errorOf(s.addDomain(domainSpec(u"a.test"_s, -1))); },
        ErrorCode::InvalidValue, u"quota"_s);
    row(
        "domain: negative max mailboxes", {},
        [](ConfigStore &s) { return errorOf(s.addDomain(domainSpec(u"a.test"_s, 0, -1))); },
        ErrorCode::InvalidValue, u"max_mailboxes"_s);
    row(
        "domain: negative max aliases", {},
        [](ConfigStore &s) { return errorOf(s.addDomain(domainSpec(u"a.test"_s, 0, 0, -1))); },
        ErrorCode::InvalidValue, u"max_aliases"_s);
    row(
        "domain: control character in description", {},
        [](ConfigStore &s) {
            DomainSpec spec = domainSpec(u"a.test"_s);
            spec.description = u"one\ntwo"_s;
            return errorOf(s.addDomain(spec));
        },
        ErrorCode::InvalidValue, u"description"_s);
    row(
        "update domain: unknown", base,
        [](ConfigStore &s) { return errorOf(s.updateDomain(u"nowhere.test"_s, {})); },
        ErrorCode::NotFound, u"name"_s);
    row(
        "update domain: alias domain",
        {u"domain example.test"_s, u"aliasdomain example.net example.test"_s},
        [](ConfigStore &s) { return errorOf(s.updateDomain(u"example.net"_s, {})); },
        ErrorCode::InvalidValue, u"name"_s);
    row(
        "update domain: max mailboxes below count",
        {u"domain example.test"_s, u"mailbox a@example.test"_s, u"mailbox b@example.test"_s},
        [](ConfigStore &s) {
            DomainChanges changes;
            changes.maxMailboxes = 1;
            return errorOf(s.updateDomain(u"example.test"_s, changes));
        },
        ErrorCode::LimitReached, u"max_mailboxes"_s);
    row(
        "update domain: max aliases below count",
        {u"domain example.test"_s, u"alias a@example.test x@remote.test"_s,
         u"alias b@example.test x@remote.test"_s},
        [](ConfigStore &s) {
            DomainChanges changes;
            changes.maxAliases = 1;
            return errorOf(s.updateDomain(u"example.test"_s, changes));
        },
        ErrorCode::LimitReached, u"max_aliases"_s);
    row(
        "update domain: quota below a mailbox's",
        {u"domain example.test"_s, u"mailbox a@example.test 2000"_s},
        [](ConfigStore &s) {
            DomainChanges changes;
            changes.quotaBytes = 1000;
            return errorOf(s.updateDomain(u"example.test"_s, changes));
        },
        ErrorCode::LimitReached, u"quota"_s);
    row(
        "update domain: negative quota", base,
        [](ConfigStore &s) {
            DomainChanges changes;
            changes.quotaBytes = -5;
            return errorOf(s.updateDomain(u"example.test"_s, changes));
        },
        ErrorCode::InvalidValue, u"quota"_s);
    row(
        "remove domain: unknown", base,
        [](ConfigStore &s) { return errorOf(s.removeDomain(u"nowhere.test"_s, true)); },
        ErrorCode::NotFound, u"name"_s);
    row(
        "remove domain: has mailboxes", {u"domain example.test"_s, u"mailbox a@example.test"_s},
        [](ConfigStore &s) { return errorOf(s.removeDomain(u"example.test"_s, false)); },
        ErrorCode::NotEmpty, u"name"_s);
    row(
        "get domain: unknown", base,
        [](ConfigStore &s) { return errorOf(s.domain(u"nowhere.test"_s)); }, ErrorCode::NotFound,
        u"name"_s);

    // Alias domains.
    row(
        "alias domain: target unknown", base,
        [](ConfigStore &s) {
            return errorOf(s.addAliasDomain(u"example.net"_s, u"nowhere.test"_s));
        },
        ErrorCode::NotFound, u"alias_for"_s);
    row(
        "alias domain: target is an alias domain",
        {u"domain example.test"_s, u"aliasdomain example.net example.test"_s},
        [](ConfigStore &s) {
            return errorOf(s.addAliasDomain(u"example.org"_s, u"example.net"_s));
        },
        ErrorCode::InvalidValue, u"alias_for"_s);
    row(
        "alias domain: invalid target", base,
        [](ConfigStore &s) { return errorOf(s.addAliasDomain(u"example.net"_s, u"a..b"_s)); },
        ErrorCode::InvalidValue, u"alias_for"_s);
    row(
        "alias domain: invalid name", base,
        [](ConfigStore &s) { return errorOf(s.addAliasDomain(u"a b.test"_s, u"example.test"_s)); },
        ErrorCode::InvalidValue, u"name"_s);
    row(
        "alias domain: is a domain", {u"domain example.test"_s, u"domain example.net"_s},
        [](ConfigStore &s) {
            return errorOf(s.addAliasDomain(u"example.net"_s, u"example.test"_s));
        },
        ErrorCode::Conflict, u"name"_s);
    row(
        "alias domain: to itself", base,
        [](ConfigStore &s) {
            return errorOf(s.addAliasDomain(u"example.test"_s, u"example.test"_s));
        },
        ErrorCode::Conflict, u"name"_s);
    row(
        "alias domain: duplicate",
        {u"domain example.test"_s, u"aliasdomain example.net example.test"_s},
        [](ConfigStore &s) {
            return errorOf(s.addAliasDomain(u"EXAMPLE.net"_s, u"example.test"_s));
        },
        ErrorCode::AlreadyExists, u"name"_s);

    // Mailboxes.
    row("mailbox: invalid address", base, addMailbox(u"not an address"_s), ErrorCode::InvalidValue,
        u"address"_s);
    row("mailbox: no local part", base, addMailbox(u"@example.test"_s), ErrorCode::InvalidValue,
        u"address"_s);
    row("mailbox: unknown domain", base, addMailbox(u"a@nowhere.test"_s), ErrorCode::NotFound,
        u"address"_s);
    row("mailbox: in an alias domain",
        {u"domain example.test"_s, u"aliasdomain example.net example.test"_s},
        addMailbox(u"a@example.net"_s), ErrorCode::InvalidValue, u"address"_s);
    row("mailbox: duplicate", {u"domain example.test"_s, u"mailbox alice@example.test"_s},
        addMailbox(u"Alice@example.test"_s), ErrorCode::AlreadyExists, u"address"_s);
    row("mailbox: is an alias source",
        {u"domain example.test"_s, u"alias sales@example.test x@remote.test"_s},
        addMailbox(u"SALES@example.test"_s), ErrorCode::Conflict, u"address"_s);
    row("mailbox: quota above the domain's", {u"domain example.test quota=1000"_s},
        addMailbox(u"a@example.test"_s, 1001), ErrorCode::LimitReached, u"quota"_s);
    row("mailbox: negative quota", base, addMailbox(u"a@example.test"_s, -1),
        ErrorCode::InvalidValue, u"quota"_s);
    row("mailbox: domain full",
        {u"domain example.test mailboxes=2"_s, u"mailbox a@example.test"_s,
         u"mailbox b@example.test"_s},
        addMailbox(u"c@example.test"_s), ErrorCode::LimitReached, u"address"_s);
    row(
        "mailbox: no password", base,
        [](ConfigStore &s) {
            MailboxSpec spec = mailboxSpec(u"a@example.test"_s);
            spec.passwordHash.clear();
            return errorOf(s.addMailbox(spec));
        },
        ErrorCode::InvalidValue, u"password"_s);
    row(
        "mailbox: unusable hash", base,
        [](ConfigStore &s) {
            MailboxSpec spec = mailboxSpec(u"a@example.test"_s);
            spec.passwordHash = u"{PLAIN}secret"_s;
            return errorOf(s.addMailbox(spec));
        },
        ErrorCode::InvalidValue, u"password"_s);
    row(
        "mailbox: header injection in name", base,
        [](ConfigStore &s) {
            MailboxSpec spec = mailboxSpec(u"a@example.test"_s);
            spec.displayName = u"Alice\r\nBcc: x@remote.test"_s;
            return errorOf(s.addMailbox(spec));
        },
        ErrorCode::InvalidValue, u"name"_s);
    row(
        "update mailbox: unknown", base,
        [](ConfigStore &s) { return errorOf(s.updateMailbox(u"a@example.test"_s, {})); },
        ErrorCode::NotFound, u"address"_s);
    row(
        "update mailbox: quota above the domain's",
        {u"domain example.test quota=1000"_s, u"mailbox a@example.test"_s},
        [](ConfigStore &s) {
            MailboxChanges changes;
            changes.quotaBytes = 5000;
            return errorOf(s.updateMailbox(u"a@example.test"_s, changes));
        },
        ErrorCode::LimitReached, u"quota"_s);
    row(
        "update mailbox: empty hash", {u"domain example.test"_s, u"mailbox a@example.test"_s},
        [](ConfigStore &s) {
            MailboxChanges changes;
            changes.passwordHash = QString();
            return errorOf(s.updateMailbox(u"a@example.test"_s, changes));
        },
        ErrorCode::InvalidValue, u"password"_s);
    row(
        "get mailbox: unknown domain", base,
        [](ConfigStore &s) { return errorOf(s.mailbox(u"a@nowhere.test"_s)); }, ErrorCode::NotFound,
        u"address"_s);
    row(
        "list mailboxes: unknown domain", base,
        [](ConfigStore &s) { return errorOf(s.mailboxes(u"nowhere.test"_s)); }, ErrorCode::NotFound,
        u"domain"_s);
    row(
        "list aliases: unknown domain", base,
        [](ConfigStore &s) { return errorOf(s.aliases(u"nowhere.test"_s)); }, ErrorCode::NotFound,
        u"domain"_s);

    // Aliases.
    row("alias: invalid source", base, addAlias(u"a b@example.test"_s, {u"x@remote.test"_s}),
        ErrorCode::InvalidValue, u"source"_s);
    row("alias: unknown domain", base, addAlias(u"a@nowhere.test"_s, {u"x@remote.test"_s}),
        ErrorCode::NotFound, u"source"_s);
    row("alias: in an alias domain",
        {u"domain example.test"_s, u"aliasdomain example.net example.test"_s},
        addAlias(u"a@example.net"_s, {u"x@remote.test"_s}), ErrorCode::InvalidValue, u"source"_s);
    row("alias: catch-all in an alias domain",
        {u"domain example.test"_s, u"aliasdomain example.net example.test"_s},
        addAlias(u"@example.net"_s, {u"x@remote.test"_s}), ErrorCode::InvalidValue, u"source"_s);
    row("alias: no targets", base, addAlias(u"a@example.test"_s, {}), ErrorCode::InvalidValue,
        u"targets"_s);
    row("alias: invalid target", base,
        addAlias(u"a@example.test"_s, {u"x@remote.test"_s, u"not an address"_s}),
        ErrorCode::InvalidValue, u"targets"_s);
    row("alias: catch-all as target", base, addAlias(u"a@example.test"_s, {u"@remote.test"_s}),
        ErrorCode::InvalidValue, u"targets"_s);
    row("alias: duplicate target", base,
        addAlias(u"a@example.test"_s, {u"x@remote.test"_s, u"y@remote.test"_s, u"X@Remote.Test"_s}),
        ErrorCode::AliasLoop, u"targets"_s);
    row("alias: duplicate target, quoted", base,
        addAlias(u"a@example.test"_s, {u"x@remote.test"_s, u"\"x\"@remote.test"_s}),
        ErrorCode::AliasLoop, u"targets"_s);
    row("alias: duplicate target, IDN", base,
        addAlias(u"a@example.test"_s, {u"x@bücher.example"_s, u"x@xn--bcher-kva.example"_s}),
        ErrorCode::AliasLoop, u"targets"_s);
    row("alias: is a mailbox", {u"domain example.test"_s, u"mailbox alice@example.test"_s},
        addAlias(u"ALICE@example.test"_s, {u"x@remote.test"_s}), ErrorCode::Conflict, u"source"_s);
    row("alias: duplicate", {u"domain example.test"_s, u"alias sales@example.test x@remote.test"_s},
        addAlias(u"Sales@example.test"_s, {u"y@remote.test"_s}), ErrorCode::AlreadyExists,
        u"source"_s);
    row("alias: duplicate catch-all",
        {u"domain example.test"_s, u"alias @example.test x@remote.test"_s},
        addAlias(u"@EXAMPLE.test"_s, {u"y@remote.test"_s}), ErrorCode::AlreadyExists, u"source"_s);
    row("alias: domain full",
        {u"domain example.test aliases=1"_s, u"alias a@example.test x@remote.test"_s},
        addAlias(u"b@example.test"_s, {u"x@remote.test"_s}), ErrorCode::LimitReached, u"source"_s);
    row(
        "update alias: unknown", base,
        [](ConfigStore &s) { return errorOf(s.updateAlias(u"a@example.test"_s, {})); },
        ErrorCode::NotFound, u"source"_s);
    row(
        "update alias: empty targets",
        {u"domain example.test"_s, u"alias a@example.test x@remote.test"_s},
        [](ConfigStore &s) {
            AliasChanges changes;
            changes.targets = QStringList();
            return errorOf(s.updateAlias(u"a@example.test"_s, changes));
        },
        ErrorCode::InvalidValue, u"targets"_s);
    row(
        "update alias: duplicate targets",
        {u"domain example.test"_s, u"alias a@example.test x@remote.test"_s},
        [](ConfigStore &s) {
            AliasChanges changes;
            changes.targets = QStringList{u"y@remote.test"_s, u"Y@remote.test"_s};
            return errorOf(s.updateAlias(u"a@example.test"_s, changes));
        },
        ErrorCode::AliasLoop, u"targets"_s);
    row(
        "remove alias: unknown", base,
        [](ConfigStore &s) { return errorOf(s.removeAlias(u"@example.test"_s)); },
        ErrorCode::NotFound, u"source"_s);
}

void TestConfigStore::refusals() {
    QFETCH(QStringList, setup);
    QFETCH(Call, call);
    QFETCH(int, code);
    QFETCH(QString, field);

    QVERIFY(applySetup(store(), setup));
    const QString before = snapshot(store());
    const StoreError error = call(store());
    QVERIFY2(int(error.code) == code && error.field == field,
             qPrintable(u"got %1 (%2): %3"_s.arg(int(error.code)).arg(error.field, error.message)));
    QVERIFY2(isSentence(error.message), qPrintable(error.message));
    QCOMPARE(snapshot(store()), before);
}

void TestConfigStore::acceptedAliasGraphs_data() {
    QTest::addColumn<QStringList>("setup");

    QTest::addRow("chain to a mailbox")
        << QStringList{u"domain x.test"_s, u"mailbox m@x.test"_s, u"alias c@x.test m@x.test"_s,
                       u"alias b@x.test c@x.test"_s, u"alias a@x.test b@x.test"_s};
    QTest::addRow("diamond") << QStringList{
        u"domain x.test"_s, u"alias d@x.test out@remote.test"_s, u"alias b@x.test d@x.test"_s,
        u"alias c@x.test d@x.test"_s, u"alias a@x.test b@x.test c@x.test"_s};
    QTest::addRow("catch-all to an existing mailbox") << QStringList{
        u"domain x.test"_s, u"mailbox admin@x.test"_s, u"alias @x.test admin@x.test"_s};
    QTest::addRow("catch-all to an existing alias")
        << QStringList{u"domain x.test"_s, u"alias admin@x.test out@remote.test"_s,
                       u"alias @x.test admin@x.test"_s};
    QTest::addRow("alias to its own name in another domain")
        << QStringList{u"domain x.test"_s, u"domain y.test"_s, u"alias a@x.test a@y.test"_s,
                       u"alias a@y.test a@remote.test"_s};
    QTest::addRow("+extension of a mailbox before the catch-all")
        << QStringList{u"domain x.test"_s, u"mailbox m@x.test"_s, u"alias @x.test m+all@x.test"_s};
    QTest::addRow("alias domain to a mailbox")
        << QStringList{u"domain x.test"_s, u"aliasdomain y.test x.test"_s, u"mailbox m@x.test"_s,
                       u"alias a@x.test m@y.test"_s};
    QStringList twenty{u"domain x.test"_s, u"alias a20@x.test out@remote.test"_s};
    for (int i = 19; i >= 1; --i)
        twenty << u"alias a%1@x.test a%2@x.test"_s.arg(i).arg(i + 1);
    QTest::addRow("chain of 20 aliases") << twenty;
}

void TestConfigStore::acceptedAliasGraphs() {
    QFETCH(QStringList, setup);
    QVERIFY(applySetup(store(), setup));
}

void TestConfigStore::aliasLoops_data() {
    QTest::addColumn<QStringList>("setup");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("targets");
    QTest::addColumn<QString>("mentions");

    const QStringList x{u"domain x.test"_s};
    QTest::addRow("to itself") << x << u"a@x.test"_s << QStringList{u"a@x.test"_s}
                               << u"a@x.test → a@x.test"_s;
    QTest::addRow("to itself, other case")
        << x << u"a@x.test"_s << QStringList{u"A@X.test"_s} << u"a@x.test"_s;
    QTest::addRow("a → b → a") << (x + QStringList{u"alias b@x.test a@x.test"_s}) << u"a@x.test"_s
                               << QStringList{u"out@remote.test"_s, u"b@x.test"_s}
                               << u"a@x.test → b@x.test → a@x.test"_s;
    QTest::addRow("a → b → c → a")
        << (x + QStringList{u"alias c@x.test a@x.test"_s, u"alias b@x.test c@x.test"_s})
        << u"a@x.test"_s << QStringList{u"b@x.test"_s}
        << u"a@x.test → b@x.test → c@x.test → a@x.test"_s;
    QTest::addRow("across domains")
        << QStringList{u"domain x.test"_s, u"domain y.test"_s, u"alias b@y.test a@x.test"_s}
        << u"a@x.test"_s << QStringList{u"b@y.test"_s} << u"b@y.test"_s;
    QTest::addRow("via alias domain")
        << QStringList{u"domain x.test"_s, u"aliasdomain y.test x.test"_s,
                       u"alias b@x.test a@y.test"_s}
        << u"a@x.test"_s << QStringList{u"b@x.test"_s} << u"a@y.test (handled by a@x.test)"_s;
    QTest::addRow("to itself via alias domain")
        << QStringList{u"domain x.test"_s, u"aliasdomain y.test x.test"_s} << u"a@x.test"_s
        << QStringList{u"a@y.test"_s} << u"a@y.test"_s;
    QTest::addRow("catch-all to its own domain")
        << x << u"@x.test"_s << QStringList{u"nobody@x.test"_s}
        << u"@x.test → nobody@x.test (handled by @x.test)"_s;
    QTest::addRow("via catch-all")
        << QStringList{u"domain x.test"_s, u"domain y.test"_s, u"alias @y.test a@x.test"_s}
        << u"a@x.test"_s << QStringList{u"whoever@y.test"_s} << u"@y.test"_s;
    QTest::addRow("via +extension")
        << (x + QStringList{u"alias b@x.test a+from-b@x.test"_s}) << u"a@x.test"_s
        << QStringList{u"b@x.test"_s} << u"a+from-b@x.test (handled by a@x.test)"_s;
    QTest::addRow("catch-all via alias domain")
        << QStringList{u"domain x.test"_s, u"aliasdomain y.test x.test"_s} << u"@x.test"_s
        << QStringList{u"admin@y.test"_s} << u"admin@y.test (handled by @x.test)"_s;
    QStringList chain{u"domain x.test"_s, u"alias a21@x.test out@remote.test"_s};
    for (int i = 20; i >= 2; --i)
        chain << u"alias a%1@x.test a%2@x.test"_s.arg(i).arg(i + 1);
    QTest::addRow("chain of 21 aliases")
        << chain << u"a1@x.test"_s << QStringList{u"a2@x.test"_s} << u"more than 20"_s;
    // Twenty aliases a1 → ... → a20 → a21, where a21 does not exist yet:
    // creating it makes the existing chain one too long.
    QStringList waiting{u"domain x.test"_s};
    for (int i = 20; i >= 1; --i)
        waiting << u"alias a%1@x.test a%2@x.test"_s.arg(i).arg(i + 1);
    QTest::addRow("chain grows at its end")
        << waiting << u"a21@x.test"_s << QStringList{u"out@remote.test"_s} << u"more than 20"_s;
}

void TestConfigStore::aliasLoops() {
    QFETCH(QStringList, setup);
    QFETCH(QString, source);
    QFETCH(QStringList, targets);
    QFETCH(QString, mentions);

    if (!setup.contains(u"domain x.test"_s))
        setup.prepend(u"domain x.test"_s);
    QVERIFY(applySetup(store(), setup));
    const QString before = snapshot(store());
    const auto result = store().addAlias(aliasSpec(source, targets));
    QVERIFY(isError(result, ErrorCode::AliasLoop, u"targets"_s));
    QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
    QCOMPARE(snapshot(store()), before);
}

void TestConfigStore::updateAliasLoopChangesNothing() {
    QVERIFY(applySetup(store(), {u"domain x.test"_s, u"alias a@x.test out@remote.test"_s,
                                 u"alias b@x.test a@x.test"_s}));
    const QString before = snapshot(store());
    AliasChanges changes;
    changes.targets = QStringList{u"b@x.test"_s};
    changes.active = false;
    QVERIFY(
        isError(store().updateAlias(u"a@x.test"_s, changes), ErrorCode::AliasLoop, u"targets"_s));
    QCOMPARE(snapshot(store()), before);
    QCOMPARE(store().alias(u"a@x.test"_s).value().targets, QStringList{u"out@remote.test"_s});
    QVERIFY(store().alias(u"a@x.test"_s).value().active);
}

void TestConfigStore::removalThatWouldLoop() {
    // The catch-all is fine while admin@ exists; without it, admin@ would be
    // caught by the catch-all itself.
    QVERIFY(applySetup(store(),
                       {u"domain x.test"_s, u"mailbox admin@x.test"_s,
                        u"alias @x.test admin@x.test"_s, u"alias info@x.test out@remote.test"_s}));
    const QString before = snapshot(store());
    QVERIFY(isError(store().removeMailbox(u"admin@x.test"_s), ErrorCode::AliasLoop, u"address"_s));
    QCOMPARE(snapshot(store()), before);

    // The same when the address is an alias and the catch-all points at it.
    AliasChanges changes;
    changes.targets = QStringList{u"info@x.test"_s};
    VERIFY_OK(store().updateAlias(u"@x.test"_s, changes));
    const QString second = snapshot(store());
    QVERIFY(isError(store().removeAlias(u"info@x.test"_s), ErrorCode::AliasLoop, u"source"_s));
    QCOMPARE(snapshot(store()), second);

    // Once the catch-all points elsewhere both can go.
    changes.targets = QStringList{u"postmaster@remote.test"_s};
    VERIFY_OK(store().updateAlias(u"@x.test"_s, changes));
    VERIFY_OK(store().removeMailbox(u"admin@x.test"_s));
    VERIFY_OK(store().removeAlias(u"info@x.test"_s));
}

void TestConfigStore::aliasDomainThatWouldLoop() {
    // y.test is external until it becomes an alias domain of x.test.
    QVERIFY(applySetup(store(), {u"domain x.test"_s, u"alias a@x.test a@y.test"_s}));
    const QString before = snapshot(store());
    QVERIFY(
        isError(store().addAliasDomain(u"y.test"_s, u"x.test"_s), ErrorCode::AliasLoop, u"name"_s));
    QCOMPARE(snapshot(store()), before);
    QVERIFY(store().aliasDomains().isEmpty());
}

void TestConfigStore::removeDomain() {
    // Without mailboxes a domain goes with its aliases and alias domains.
    QVERIFY(
        applySetup(store(), {u"domain x.test"_s, u"domain keep.test"_s,
                             u"aliasdomain y.test x.test"_s, u"alias a@x.test out@remote.test"_s,
                             u"alias @x.test out@remote.test"_s, u"alias k@keep.test a@x.test"_s}));
    VERIFY_OK(store().removeDomain(u"X.test"_s, false));
    QCOMPARE(store().domains().size(), 1);
    QVERIFY(store().aliasDomains().isEmpty());
    QCOMPARE(store().aliases().value().size(), 1);
    QCOMPARE(store().alias(u"k@keep.test"_s).value().targets, QStringList{u"a@x.test"_s});
    QVERIFY(isError(store().domain(u"x.test"_s), ErrorCode::NotFound, u"name"_s));
}

void TestConfigStore::removeDomainForce() {
    QVERIFY(
        applySetup(store(), {u"domain x.test"_s, u"domain keep.test"_s,
                             u"aliasdomain y.test x.test"_s, u"aliasdomain z.test x.test"_s,
                             u"mailbox a@x.test"_s, u"mailbox b@x.test"_s, u"mailbox k@keep.test"_s,
                             u"alias s@x.test a@x.test"_s, u"alias @x.test b@x.test"_s}));
    QVERIFY(isError(store().removeDomain(u"x.test"_s, false), ErrorCode::NotEmpty, u"name"_s));
    QVERIFY(store().removeDomain(u"x.test"_s, false).error().message.contains(u"2 mailboxes"_s));
    VERIFY_OK(store().removeDomain(u"x.test"_s, true));

    const StoreCounts counts = store().counts();
    QCOMPARE(counts.domains, 1);
    QCOMPARE(counts.aliasDomains, 0);
    QCOMPARE(counts.mailboxes, 1);
    QCOMPARE(counts.aliases, 0);
    QVERIFY(store().mailbox(u"k@keep.test"_s).ok());
    // The names are free again, for any kind of object.
    VERIFY_OK(store().addDomain(domainSpec(u"y.test"_s)));
    VERIFY_OK(store().addAliasDomain(u"x.test"_s, u"keep.test"_s));
}

void TestConfigStore::sortedReads() {
    QVERIFY(applySetup(
        store(),
        {u"domain zulu.test"_s, u"domain alpha.test"_s, u"domain bücher.example"_s,
         u"aliasdomain yankee.test zulu.test"_s, u"aliasdomain bravo.test zulu.test"_s,
         u"mailbox Mike@zulu.test"_s, u"mailbox alice@zulu.test"_s, u"mailbox zed@alpha.test"_s,
         u"mailbox Bob@alpha.test"_s, u"alias x@zulu.test out@remote.test"_s,
         u"alias @zulu.test out@remote.test"_s, u"alias b@alpha.test out@remote.test"_s}));
    QStringList names;
    for (const Domain &domain : store().domains())
        names << domain.name;
    QCOMPARE(names, (QStringList{u"alpha.test"_s, u"xn--bcher-kva.example"_s, u"zulu.test"_s}));
    const Domain zulu = store().domain(u"zulu.test"_s).value();
    QCOMPARE(zulu.aliasDomains, (QStringList{u"bravo.test"_s, u"yankee.test"_s}));
    QCOMPARE(zulu.mailboxCount, 2);
    QCOMPARE(zulu.aliasCount, 2);
    QCOMPARE(store().domains().at(0).mailboxCount, 2);
    QCOMPARE(store().domains().at(0).aliasCount, 1);
    QCOMPARE(store().domains().at(1).mailboxCount, 0);

    // Copies: a range-for over value() of a temporary result would dangle.
    QStringList addresses;
    const QList<Mailbox> all = store().mailboxes().value();
    for (const Mailbox &mailbox : all)
        addresses << mailbox.address();
    QCOMPARE(addresses, (QStringList{u"Bob@alpha.test"_s, u"zed@alpha.test"_s, u"alice@zulu.test"_s,
                                     u"Mike@zulu.test"_s}));
    addresses.clear();
    const QList<Mailbox> zuluMailboxes = store().mailboxes(u"ZULU.test"_s).value();
    for (const Mailbox &mailbox : zuluMailboxes)
        addresses << mailbox.address();
    QCOMPARE(addresses, (QStringList{u"alice@zulu.test"_s, u"Mike@zulu.test"_s}));

    QStringList sources;
    const QList<Alias> aliases = store().aliases().value();
    for (const Alias &alias : aliases)
        sources << alias.source;
    QCOMPARE(sources, (QStringList{u"b@alpha.test"_s, u"@zulu.test"_s, u"x@zulu.test"_s}));
    QCOMPARE(store().aliases(u"alpha.test"_s).value().size(), 1);
    QVERIFY(store().aliases(u"bücher.example"_s).value().isEmpty());
}

void TestConfigStore::persistence() {
    QVERIFY(applySetup(store(), {u"domain x.test quota=5000 mailboxes=10 aliases=10"_s,
                                 u"domain bücher.example"_s, u"aliasdomain y.test x.test"_s,
                                 u"mailbox \"john..doe\"@x.test 100"_s, u"mailbox jörg@x.test"_s,
                                 u"alias sales@x.test jörg@x.test out@remote.test"_s,
                                 u"alias @bücher.example jörg@x.test"_s}));
    DomainChanges changes;
    changes.description = u"Persisted"_s;
    changes.active = false;
    VERIFY_OK(store().updateDomain(u"bücher.example"_s, changes));
    const QString before = snapshot(store());
    QVERIFY(before.contains(u"Persisted"_s));

    m_store.reset();
    ConfigStore reopened(m_path);
    QVERIFY2(reopened.isOpen(), qPrintable(reopened.error()));
    QCOMPARE(reopened.schemaVersion(), latestSchemaVersion());
    QCOMPARE(snapshot(reopened), before);
    QCOMPARE(reopened.mailbox(u"\"John..Doe\"@x.test"_s).value().quotaBytes, qint64(100));
}

void TestConfigStore::counts() {
    StoreCounts empty = store().counts();
    QCOMPARE(empty.domains + empty.aliasDomains + empty.mailboxes + empty.aliases, 0);
    QVERIFY(
        applySetup(store(), {u"domain x.test"_s, u"domain z.test"_s, u"aliasdomain y.test x.test"_s,
                             u"mailbox a@x.test"_s, u"mailbox b@x.test"_s, u"mailbox c@z.test"_s,
                             u"alias s@x.test a@x.test"_s}));
    const StoreCounts counts = store().counts();
    QCOMPARE(counts.domains, 2);
    QCOMPARE(counts.aliasDomains, 1);
    QCOMPARE(counts.mailboxes, 3);
    QCOMPARE(counts.aliases, 1);
}

void TestConfigStore::storageErrorChangesNothing() {
    QVERIFY(applySetup(store(), {u"domain x.test"_s, u"mailbox a@x.test"_s}));
    const QString before = snapshot(store());
    {
        RawConnection raw(m_path);
        QVERIFY(raw.exec(u"CREATE TRIGGER fail_targets BEFORE INSERT ON alias_targets "
                         "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s));
        QVERIFY(raw.exec(u"CREATE TRIGGER fail_update BEFORE UPDATE ON mailboxes "
                         "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s));
    }
    // The alias row is written before its targets: both must be gone.
    const auto alias = store().addAlias(aliasSpec(u"s@x.test"_s, {u"a@x.test"_s}));
    QVERIFY(isError(alias, ErrorCode::StorageError, QString()));
    QVERIFY2(alias.error().message.contains(u"injected failure"_s),
             qPrintable(alias.error().message));
    MailboxChanges changes;
    changes.quotaBytes = 5;
    QVERIFY(
        isError(store().updateMailbox(u"a@x.test"_s, changes), ErrorCode::StorageError, QString()));
    QCOMPARE(snapshot(store()), before);
    QCOMPARE(store().counts().aliases, 0);

    // The store keeps working once the cause is gone.
    {
        RawConnection raw(m_path);
        QVERIFY(raw.exec(u"DROP TRIGGER fail_targets"_s));
        QVERIFY(raw.exec(u"DROP TRIGGER fail_update"_s));
    }
    VERIFY_OK(store().addAlias(aliasSpec(u"s@x.test"_s, {u"a@x.test"_s})));
    VERIFY_OK(store().updateMailbox(u"a@x.test"_s, changes));
}

void TestConfigStore::tooNewDatabaseIsRefused() {
    m_store.reset();
    {
        RawConnection raw(m_path);
        QVERIFY(raw.exec(u"PRAGMA user_version = 99"_s));
    }
    ConfigStore store(m_path);
    QVERIFY(!store.isOpen());
    QVERIFY2(store.error().contains(u"schema version 99"_s), qPrintable(store.error()));
    QVERIFY2(store.error().contains(u"knows up to "_s + QString::number(latestSchemaVersion())),
             qPrintable(store.error()));
    QCOMPARE(store.schemaVersion(), 99);
    QVERIFY(isError(store.addDomain(domainSpec(u"x.test"_s)), ErrorCode::StorageError, QString()));
    QVERIFY(isError(store.mailboxes(), ErrorCode::StorageError, QString()));
    QVERIFY(store.domains().isEmpty());
    QCOMPARE(store.counts().domains, 0);
}

void TestConfigStore::unopenableFile() {
    ConfigStore store(m_dir.filePath(u"no/such/dir/config.db"_s));
    QVERIFY(!store.isOpen());
    QVERIFY(!store.error().isEmpty());
    QVERIFY(isError(store.addDomain(domainSpec(u"x.test"_s)), ErrorCode::StorageError, QString()));
}

QTEST_GUILESS_MAIN(TestConfigStore)
#include "tst_configstore.moc"
