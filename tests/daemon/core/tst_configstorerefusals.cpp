// tst_configstorerefusals.cpp - every refusal of config.db's writes
//
// A table of a setup (rows that must exist first) and one call that must be
// refused with a given code and field, after which nothing may have changed.
#include "ConfigStoreTestSupport.h"

#include <functional>

using namespace Qt::StringLiterals;
using namespace configstoretest;

class TestConfigStoreRefusals : public StoreTestCase {
    Q_OBJECT
private Q_SLOTS:
    void init() { openFresh(); }
    void cleanup() { closeStore(); }

    void refusals_data();
    void refusals();
};

void TestConfigStoreRefusals::refusals_data() {
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

void TestConfigStoreRefusals::refusals() {
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

QTEST_GUILESS_MAIN(TestConfigStoreRefusals)
#include "tst_configstorerefusals.moc"
