// tst_acmechallengetable.cpp - the pending ACME HTTP-01 challenges
//
// Covers daemon/tls/AcmeChallengeTable: put, replace, lookup and remove;
// which tokens are valid (RFC 8555 section 8.1 base64url); the size
// bound; and concurrent writers and readers (the ACME client's thread and
// the HTTP thread) seeing consistent entries.

#include "tls/AcmeChallengeTable.h"

#include <atomic>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using mailstead::tls::AcmeChallengeTable;

class TestAcmeChallengeTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void putLookupRemove();
    void tokens_data();
    void tokens();
    void isBounded();
    void concurrentUse();
};

void TestAcmeChallengeTable::putLookupRemove() {
    AcmeChallengeTable table;
    QVERIFY(!table.lookup(u"abc"_s));
    QVERIFY(table.put(u"abc"_s, "abc.key1"));
    QCOMPARE(table.lookup(u"abc"_s).value_or(QByteArray()), QByteArray("abc.key1"));
    QVERIFY(table.put(u"abc"_s, "abc.key2"));
    QCOMPARE(table.lookup(u"abc"_s).value_or(QByteArray()), QByteArray("abc.key2"));
    QCOMPARE(table.size(), 1);
    QVERIFY(!table.lookup(u"ABC"_s)); // tokens are case-sensitive
    table.remove(u"abc"_s);
    QVERIFY(!table.lookup(u"abc"_s));
    QCOMPARE(table.size(), 0);
    table.remove(u"never-there"_s);
}

void TestAcmeChallengeTable::tokens_data() {
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("valid");
    QTest::newRow("lets encrypt") << u"LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0"_s << true;
    QTest::newRow("dash underscore") << u"a-b_c"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("padding") << u"abc="_s << false;
    QTest::newRow("plus slash") << u"a+b/c"_s << false;
    QTest::newRow("dot") << u"a.b"_s << false;
    QTest::newRow("traversal") << u"../etc/passwd"_s << false;
    QTest::newRow("non-ascii") << u"abcä"_s << false;
    QTest::newRow("longest") << QString(AcmeChallengeTable::maxTokenLength, u'a') << true;
    QTest::newRow("too long") << QString(AcmeChallengeTable::maxTokenLength + 1, u'a') << false;
}

void TestAcmeChallengeTable::tokens() {
    QFETCH(QString, token);
    QFETCH(bool, valid);
    QCOMPARE(AcmeChallengeTable::isValidToken(token), valid);
    AcmeChallengeTable table;
    QCOMPARE(table.put(token, "key"), valid);
    QCOMPARE(table.lookup(token).has_value(), valid);
}

void TestAcmeChallengeTable::isBounded() {
    AcmeChallengeTable table;
    for (qsizetype i = 0; i < AcmeChallengeTable::maxEntries; ++i)
        QVERIFY(table.put(u"t"_s + QString::number(i), "k"));
    QVERIFY(!table.put(u"one-more"_s, "k"));
    QVERIFY(table.put(u"t0"_s, "replaced")); // replacing is always allowed
    QCOMPARE(table.lookup(u"t0"_s).value_or(QByteArray()), QByteArray("replaced"));
    table.remove(u"t1"_s);
    QVERIFY(table.put(u"one-more"_s, "k"));
}

void TestAcmeChallengeTable::concurrentUse() {
    AcmeChallengeTable table;
    constexpr int rounds = 2000;
    std::atomic<bool> inconsistent{false};
    QThread *writer = QThread::create([&] {
        for (int i = 0; i < rounds; ++i) {
            const QString token = u"tok"_s + QString::number(i % 50);
            table.put(token, token.toLatin1() + ".key");
            if (i % 3 == 0)
                table.remove(token);
        }
    });
    QThread *reader = QThread::create([&] {
        for (int i = 0; i < rounds; ++i) {
            const QString token = u"tok"_s + QString::number(i % 50);
            const std::optional<QByteArray> found = table.lookup(token);
            if (found && *found != token.toLatin1() + ".key")
                inconsistent = true;
        }
    });
    writer->start();
    reader->start();
    QVERIFY(writer->wait(30000));
    QVERIFY(reader->wait(30000));
    delete writer;
    delete reader;
    QVERIFY(!inconsistent);
    QVERIFY(table.size() <= 50);
}

QTEST_APPLESS_MAIN(TestAcmeChallengeTable)
#include "tst_acmechallengetable.moc"
