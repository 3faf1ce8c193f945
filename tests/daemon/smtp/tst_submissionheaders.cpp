// tst_submissionheaders.cpp - what submission reads from a header (From
// addresses, Date, Message-ID) and the lines it adds (RFC 6409 sections
// 8.2 and 8.3), and the "with" names of authenticated sessions (RFC 3848).
#include "smtp/SmtpTraceHeaders.h"
#include "smtp/SubmissionHeaders.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace mailstead::smtp;

class TestSubmissionHeaders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void inspect_data();
    void inspect();
    void incompleteHeader();
    void additions();
    void authenticatedProtocolNames();
};

void TestSubmissionHeaders::inspect_data() {
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QStringList>("from");
    QTest::addColumn<bool>("malformed");
    QTest::addColumn<bool>("date");
    QTest::addColumn<bool>("messageId");

    QTest::newRow("plain") << "From: alice@example.test\r\nTo: b@x.test\r\n\r\nbody\r\n"_ba
                           << QStringList{u"alice@example.test"_s} << false << false << false;
    QTest::newRow("display name, folded, date and id")
        << "from: \"Alice A.\"\r\n <Alice@Example.test>\r\nDate: Sat, 28 Nov 2026 10:00:00 "
           "+0000\r\nMESSAGE-ID: <a@b>\r\n\r\n"_ba
        << QStringList{u"Alice@Example.test"_s} << false << true << true;
    QTest::newRow("several addresses and fields")
        << "From: a@example.test, B <b@example.test>\r\nFrom: c@example.test\r\n\r\n"_ba
        << QStringList{u"a@example.test"_s, u"b@example.test"_s, u"c@example.test"_s} << false
        << false << false;
    QTest::newRow("quoted local part")
        << "From: \"john smith\"@example.test\r\n\r\n"_ba
        << QStringList{u"\"john smith\"@example.test"_s} << false << false << false;
    QTest::newRow("no From") << "To: b@x.test\r\nSubject: hi\r\n\r\n"_ba << QStringList{} << false
                             << false << false;
    QTest::newRow("From without address")
        << "From: Alice\r\n\r\n"_ba << QStringList{} << true << false << false;
    QTest::newRow("From group only")
        << "From: undisclosed:;\r\n\r\n"_ba << QStringList{} << true << false << false;
    QTest::newRow("From in the body does not count")
        << "Subject: x\r\n\r\nFrom: alice@example.test\r\n"_ba << QStringList{} << false << false
        << false;
    QTest::newRow("LF line ends") << "From: alice@example.test\nDate: x\n\nbody\n"_ba
                                  << QStringList{u"alice@example.test"_s} << false << true << false;
}

void TestSubmissionHeaders::inspect() {
    QFETCH(QByteArray, head);
    QFETCH(QStringList, from);
    QFETCH(bool, malformed);
    QFETCH(bool, date);
    QFETCH(bool, messageId);
    const SubmissionHeaderFacts facts = inspectSubmissionHeader(head, true);
    QVERIFY(facts.complete);
    QCOMPARE(facts.fromAddresses, from);
    QCOMPARE(facts.fromMalformed, malformed);
    QCOMPARE(facts.hasDate, date);
    QCOMPARE(facts.hasMessageId, messageId);
}

void TestSubmissionHeaders::incompleteHeader() {
    // The capture stopped before the blank line: the From check and the
    // additions cannot be trusted.
    const QByteArray head = "From: alice@example.test\r\nX-Long: aaaa"_ba;
    QVERIFY(!inspectSubmissionHeader(head, false).complete);
    // The same bytes as a whole message (all header, no body) are complete.
    QVERIFY(inspectSubmissionHeader(head, true).complete);
}

void TestSubmissionHeaders::additions() {
    const QDateTime now(QDate(2026, 11, 28), QTime(12, 30, 5), QTimeZone(3600));
    SubmissionHeaderFacts facts;
    QCOMPARE(submissionHeaderAdditions(facts, u"mail.example.test"_s, u"ABC.123"_s, now),
             "Date: Sat, 28 Nov 2026 12:30:05 +0100\r\n"
             "Message-ID: <ABC.123@mail.example.test>\r\n"_ba);
    facts.hasDate = true;
    QCOMPARE(submissionHeaderAdditions(facts, u"mail.example.test"_s, u"X"_s, now),
             "Message-ID: <X@mail.example.test>\r\n"_ba);
    facts.hasMessageId = true;
    QCOMPARE(submissionHeaderAdditions(facts, u"mail.example.test"_s, u"X"_s, now), QByteArray());
    facts.hasDate = false;
    QCOMPARE(submissionHeaderAdditions(
                 facts, u"h"_s, u"X"_s,
                 QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), QTimeZone(-5 * 3600 - 1800))),
             "Date: Fri, 2 Jan 2026 03:04:05 -0530\r\n"_ba);
}

void TestSubmissionHeaders::authenticatedProtocolNames() {
    QCOMPARE(protocolName(true, true, false, true), u"ESMTPSA"_s);
    QCOMPARE(protocolName(true, false, false, true), u"ESMTPA"_s);
    QCOMPARE(protocolName(true, true, true, true), u"UTF8SMTPSA"_s);
    QCOMPARE(protocolName(true, true, false, false), u"ESMTPS"_s);
    QCOMPARE(protocolName(false, true, false, true), u"SMTP"_s);
}

QTEST_GUILESS_MAIN(TestSubmissionHeaders)
#include "tst_submissionheaders.moc"
