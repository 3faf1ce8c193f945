// tst_aliasgraph.cpp - alias graphs config.db accepts, and the loops it refuses
// (also through alias domains, catch-alls and +extensions), leaving nothing
// changed.
#include "ConfigStoreTestSupport.h"

using namespace Qt::StringLiterals;
using namespace configstoretest;

class TestAliasGraph : public StoreTestCase {
    Q_OBJECT
private Q_SLOTS:
    void init() { openFresh(); }
    void cleanup() { closeStore(); }

    void acceptedAliasGraphs_data();
    void acceptedAliasGraphs();
    void aliasLoops_data();
    void aliasLoops();
    void updateAliasLoopChangesNothing();
    void removalThatWouldLoop();
    void aliasDomainThatWouldLoop();
};

void TestAliasGraph::acceptedAliasGraphs_data() {
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

void TestAliasGraph::acceptedAliasGraphs() {
    QFETCH(QStringList, setup);
    QVERIFY(applySetup(store(), setup));
}

void TestAliasGraph::aliasLoops_data() {
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

void TestAliasGraph::aliasLoops() {
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

void TestAliasGraph::updateAliasLoopChangesNothing() {
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

void TestAliasGraph::removalThatWouldLoop() {
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

void TestAliasGraph::aliasDomainThatWouldLoop() {
    // y.test is external until it becomes an alias domain of x.test.
    QVERIFY(applySetup(store(), {u"domain x.test"_s, u"alias a@x.test a@y.test"_s}));
    const QString before = snapshot(store());
    QVERIFY(
        isError(store().addAliasDomain(u"y.test"_s, u"x.test"_s), ErrorCode::AliasLoop, u"name"_s));
    QCOMPARE(snapshot(store()), before);
    QVERIFY(store().aliasDomains().isEmpty());
}

QTEST_GUILESS_MAIN(TestAliasGraph)
#include "tst_aliasgraph.moc"
