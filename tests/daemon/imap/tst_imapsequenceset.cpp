// tst_imapsequenceset.cpp - sequence sets: parse, resolve, format
//
// Covers daemon/imap/ImapSequenceSet: the RFC 9051 section 9 grammar
// (numbers, ranges, "*", lists), "$" (RFC 5182), invalid sets (0, leading
// zeros, overflow, empty elements, too many ranges), resolving for message
// sequence numbers (out of range is an error) and UIDs ("559:*" includes
// the largest UID, RFC 9051 section 6.4.9), normalization and formatting
// (ranges compressed, COPYUID order kept).

#include "imap/ImapSequenceSet.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::imap;

class TestImapSequenceSet : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void resolve_data();
    void resolve();
    void normalize();
    void formatValues();
    void membership();
};

void TestImapSequenceSet::parse_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected"); // formatted set and consumed, or "ERR"

    const QByteArray many = QByteArray("1,").repeated(9) + "1";
    QTest::newRow("number") << "1"_ba << u"1 1"_s;
    QTest::newRow("star") << "*"_ba << u"* 1"_s;
    QTest::newRow("range") << "2:4"_ba << u"2:4 3"_s;
    QTest::newRow("reversed range") << "4:2"_ba << u"4:2 3"_s;
    QTest::newRow("open range") << "1:*"_ba << u"1:* 3"_s;
    QTest::newRow("star range") << "*:5"_ba << u"*:5 3"_s;
    QTest::newRow("list") << "2,4:7,9,12:*"_ba << u"2,4:7,9,12:* 12"_s;
    QTest::newRow("largest") << "4294967295"_ba << u"4294967295 10"_s;
    QTest::newRow("stops at space") << "1:3 FLAGS"_ba << u"1:3 3"_s;
    QTest::newRow("saved") << "$"_ba << u"$ 1"_s;
    QTest::newRow("saved in a list") << "1,$,3"_ba << u"1,3,$ 5"_s;
    QTest::newRow("ten ranges") << many << u"1,1,1,1,1,1,1,1,1,1 19"_s;
    QTest::newRow("eleven ranges") << many + ",1" << u"ERR"_s;
    QTest::newRow("zero") << "0"_ba << u"ERR"_s;
    QTest::newRow("zero in range") << "0:5"_ba << u"ERR"_s;
    QTest::newRow("leading zero") << "01"_ba << u"ERR"_s;
    QTest::newRow("overflow") << "4294967296"_ba << u"ERR"_s;
    QTest::newRow("empty") << ""_ba << u"ERR"_s;
    QTest::newRow("trailing comma") << "1,"_ba << u"ERR"_s;
    QTest::newRow("leading comma") << ",1"_ba << u"ERR"_s;
    QTest::newRow("double comma") << "1,,2"_ba << u"ERR"_s;
    QTest::newRow("open colon") << "1:"_ba << u"ERR"_s;
    QTest::newRow("negative") << "-1"_ba << u"ERR"_s;
    QTest::newRow("saved range") << "$:4"_ba << u"$ 1"_s; // the caller sees ":" next
}

void TestImapSequenceSet::parse() {
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const ImapSequenceSetParse parsed = parseSequenceSet(text, 10);
    if (expected == u"ERR"_s) {
        QVERIFY(!parsed.error.isEmpty());
        return;
    }
    QVERIFY2(parsed.error.isEmpty(), parsed.error.constData());
    QCOMPARE(QString::fromLatin1(formatSequenceSet(parsed.set)) + u' ' +
                 QString::number(parsed.consumed),
             expected);
}

void TestImapSequenceSet::resolve_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("uid");
    QTest::addColumn<int>("largest");
    QTest::addColumn<QString>("expected"); // formatted normalized set, or "ERR"

    QTest::newRow("seq all") << "1:*"_ba << false << 10 << u"1:10"_s;
    QTest::newRow("seq star") << "*"_ba << false << 10 << u"10"_s;
    QTest::newRow("seq reversed") << "*:3"_ba << false << 10 << u"3:10"_s;
    QTest::newRow("seq merge") << "5,1:3,4,9:7,8"_ba << false << 10 << u"1:5,7:9"_s;
    QTest::newRow("seq merge adjacent") << "5,1:3,4,9:7,8,6"_ba << false << 10 << u"1:9"_s;
    QTest::newRow("seq duplicates") << "2,2,2:2"_ba << false << 10 << u"2"_s;
    QTest::newRow("seq out of range") << "11"_ba << false << 10 << u"ERR"_s;
    QTest::newRow("seq range out of range") << "5:11"_ba << false << 10 << u"ERR"_s;
    QTest::newRow("seq star in empty mailbox") << "*"_ba << false << 0 << u""_s;
    QTest::newRow("seq 1:* in empty mailbox") << "1:*"_ba << false << 0 << u"ERR"_s;
    QTest::newRow("uid beyond") << "20:30"_ba << true << 10 << u""_s;
    QTest::newRow("uid 559:* (RFC 9051 6.4.9)") << "559:*"_ba << true << 500 << u"500"_s;
    QTest::newRow("uid clipped") << "5:600"_ba << true << 500 << u"5:500"_s;
    QTest::newRow("uid star in empty mailbox") << "1:*"_ba << true << 0 << u""_s;
    QTest::newRow("uid adjacent merge") << "1:3,4:6"_ba << true << 10 << u"1:6"_s;
    QTest::newRow("uid max value") << "4294967295"_ba << true << -1 << u"4294967295"_s;
    QTest::newRow("uid max range") << "1:*"_ba << true << -1 << u"1:4294967295"_s;
    QTest::newRow("saved") << "$"_ba << true << 10 << u"2,4:5"_s;
    QTest::newRow("saved clipped") << "$"_ba << true << 4 << u"2,4"_s;
    QTest::newRow("saved and more") << "3,$"_ba << false << 10 << u"2:5"_s;
}

void TestImapSequenceSet::resolve() {
    QFETCH(QByteArray, text);
    QFETCH(bool, uid);
    QFETCH(int, largest);
    QFETCH(QString, expected);
    const ImapSequenceSetParse parsed = parseSequenceSet(text, 100);
    QVERIFY(parsed.error.isEmpty());
    const ImapSequenceSet saved = sequenceSetFromValues({2, 4, 5});
    const ImapSequenceResolution resolved =
        resolveSequenceSet(parsed.set, quint32(largest),
                           uid ? ImapNumberKind::Uid : ImapNumberKind::SequenceNumber, saved);
    if (expected == u"ERR"_s) {
        QVERIFY(!resolved.ok());
        return;
    }
    QVERIFY2(resolved.ok(), resolved.error.constData());
    QCOMPARE(QString::fromLatin1(formatSequenceSet(resolved.set)), expected);
    // Normalized: ascending, disjoint, not adjacent.
    for (qsizetype i = 0; i < resolved.set.ranges.size(); ++i) {
        QVERIFY(resolved.set.ranges[i].first <= resolved.set.ranges[i].last);
        if (i > 0)
            QVERIFY(quint64(resolved.set.ranges[i - 1].last) + 1 < resolved.set.ranges[i].first);
    }
}

void TestImapSequenceSet::normalize() {
    const ImapSequenceSet set = sequenceSetFromValues({9, 1, 2, 3, 7, 3, 8, 4294967295u});
    QCOMPARE(formatSequenceSet(set), "1:3,7:9,4294967295"_ba);
    QCOMPARE(set.count(), 7);
    QCOMPARE(set.values(), (QList<quint32>{1, 2, 3, 7, 8, 9, 4294967295u}));
    QCOMPARE(formatSequenceSet(sequenceSetFromValues({})), QByteArray());
}

void TestImapSequenceSet::formatValues() {
    // COPYUID keeps the order of the copy (RFC 4315 section 3).
    QCOMPARE(formatSequenceValues({1, 2, 3, 5, 9, 8}), "1:3,5,9,8"_ba);
    QCOMPARE(formatSequenceValues({304, 319, 320, 321}), "304,319:321"_ba);
    QCOMPARE(formatSequenceValues({4294967294u, 4294967295u}), "4294967294:4294967295"_ba);
    QCOMPARE(formatSequenceValues({}), QByteArray());
}

void TestImapSequenceSet::membership() {
    const ImapSequenceSet set = sequenceSetFromValues({1, 2, 3, 10, 20, 21});
    QVERIFY(set.contains(1));
    QVERIFY(set.contains(3));
    QVERIFY(!set.contains(4));
    QVERIFY(set.contains(10));
    QVERIFY(set.contains(21));
    QVERIFY(!set.contains(22));
    QVERIFY(!set.contains(0));
}

QTEST_APPLESS_MAIN(TestImapSequenceSet)
#include "tst_imapsequenceset.moc"
