// tst_configstore.cpp - config.db round trips, removals, reads, persistence
// and storage failures. Refusals and alias loops have their own files.
#include "ConfigStoreTestSupport.h"
#include "core/Migrations.h"
#include "core/PasswordHash.h"

#include <QSqlDatabase>

using namespace Qt::StringLiterals;
using namespace configstoretest;

class TestConfigStore : public StoreTestCase {
    Q_OBJECT
private Q_SLOTS:
    void init() { openFresh(); }
    void cleanup() { closeStore(); }

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
    void removeDomain();
    void removeDomainForce();
    void sortedReads();
    void persistence();
    void settingsRoundTrip();
    void counts();
    void storageErrorChangesNothing();
    void tooNewDatabaseIsRefused();
    void unopenableFile();
};

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

void TestConfigStore::settingsRoundTrip() {
    QVERIFY(!store().setting(u"acme.email"_s).has_value());
    VERIFY_OK(store().setSettings(
        {{u"acme.email"_s, u"a@x.test"_s}, {u"acme.directory"_s, u"https://ca.test/dir"_s}}));
    VERIFY_OK(store().setSettings({{u"acme.email"_s, QString()}}));
    m_store.reset();
    ConfigStore reopened(m_path);
    QVERIFY2(reopened.isOpen(), qPrintable(reopened.error()));
    // Overwritten, and an empty value is kept as such (not as "unset").
    QCOMPARE(reopened.setting(u"acme.email"_s).value_or(u"unset"_s), u""_s);
    QCOMPARE(reopened.setting(u"acme.directory"_s).value_or(u"unset"_s), u"https://ca.test/dir"_s);
    QVERIFY(!reopened.setting(u"acme.other"_s).has_value());
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
