// tst_smtpreply.cpp - SMTP reply formatting and the fixed end-of-data replies
//
// Covers daemon/smtp/SmtpReply (RFC 5321 section 4.2 multi-line replies,
// section 4.5.3.1.5 line length, RFC 2034 enhanced status on every line),
// the EHLO keyword list (RFC 5321 section 4.1.1.1) and replyForDataOutcome.

#include "smtp/SmtpDataOutcome.h"
#include "smtp/SmtpReply.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::smtp;

class TestSmtpReply : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wire_data();
    void wire();
    void longLinesAreCut();
    void ehloKeywords();
    void dataOutcomes();
};

void TestSmtpReply::wire_data() {
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QByteArrayList>("lines");
    QTest::addColumn<bool>("withStatus");
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("one line") << 250 << "2.0.0"_ba << QByteArrayList{"OK"_ba} << true
                              << "250 2.0.0 OK\r\n"_ba;
    QTest::newRow("status not announced")
        << 250 << "2.0.0"_ba << QByteArrayList{"OK"_ba} << false << "250 OK\r\n"_ba;
    QTest::newRow("no status") << 220 << QByteArray() << QByteArrayList{"mx.example ESMTP"_ba}
                               << true << "220 mx.example ESMTP\r\n"_ba;
    QTest::newRow("multi-line, status on every line")
        << 550 << "5.7.1"_ba << QByteArrayList{"first"_ba, "second"_ba, "third"_ba} << true
        << "550-5.7.1 first\r\n550-5.7.1 second\r\n550 5.7.1 third\r\n"_ba;
    QTest::newRow("no text") << 354 << QByteArray() << QByteArrayList{} << true << "354\r\n"_ba;
    QTest::newRow("status without text")
        << 250 << "2.0.0"_ba << QByteArrayList{""_ba} << true << "250 2.0.0\r\n"_ba;
    QTest::newRow("CR LF in text cannot split the reply")
        << 501 << "5.1.7"_ba << QByteArrayList{"bad <a\r\n250 OK>"_ba} << true
        << "501 5.1.7 bad <a??250 OK>\r\n"_ba;
    QTest::newRow("controls and 8-bit replaced, tab kept")
        << 500 << "5.5.2"_ba << QByteArrayList{"a\tb\x01\xc3\xa9\x7f"_ba} << true
        << "500 5.5.2 a\tb????\r\n"_ba;
}

void TestSmtpReply::wire() {
    QFETCH(int, code);
    QFETCH(QByteArray, status);
    QFETCH(QByteArrayList, lines);
    QFETCH(bool, withStatus);
    QFETCH(QByteArray, wire);

    SmtpReply reply;
    reply.code = code;
    reply.enhancedStatus = status;
    reply.lines = lines;
    QCOMPARE(reply.toWire(withStatus), wire);
}

void TestSmtpReply::longLinesAreCut() {
    const SmtpReply reply = makeReply(550, "5.1.1", QByteArray(2000, 'x'));
    const QByteArray wire = reply.toWire();
    QCOMPARE(wire.size(), maxReplyLineOctets);
    QVERIFY(wire.startsWith("550 5.1.1 xxx"));
    QVERIFY(wire.endsWith("x\r\n"));
    QVERIFY(reply.isPermanentFailure());
    QVERIFY(!reply.isNull());
    QVERIFY(SmtpReply().isNull());
    QVERIFY(makeReply(451, "4.3.0", "later").isTransientFailure());
    QVERIFY(makeReply(250, "2.1.0", "ok").isPositive());
}

void TestSmtpReply::ehloKeywords() {
    SmtpEhloReplyBuilder builder("mx.example.test Hello [192.0.2.1]");
    builder.addKeyword("PIPELINING")
        .addKeyword("SIZE", "52428800")
        .addKeyword("8BITMIME")
        .addKeyword("ENHANCEDSTATUSCODES")
        .addKeyword("SMTPUTF8");
    // RFC 2034 section 3: no enhanced status in EHLO replies.
    QCOMPARE(builder.toWire(), "250-mx.example.test Hello [192.0.2.1]\r\n"
                               "250-PIPELINING\r\n"
                               "250-SIZE 52428800\r\n"
                               "250-8BITMIME\r\n"
                               "250-ENHANCEDSTATUSCODES\r\n"
                               "250 SMTPUTF8\r\n"_ba);
    QCOMPARE(SmtpEhloReplyBuilder("mx.example.test").toWire(), "250 mx.example.test\r\n");
    QCOMPARE(builder.reply().lines.size(), 6);
}

void TestSmtpReply::dataOutcomes() {
    const SmtpLimits limits;
    QVERIFY(replyForDataOutcome(SmtpDataOutcome::Ok, limits).isNull());
    const SmtpReply bare = replyForDataOutcome(SmtpDataOutcome::BareLineEnding, limits);
    QCOMPARE(bare.code, 554);
    QCOMPARE(bare.enhancedStatus, "5.6.0");
    const SmtpReply longLine = replyForDataOutcome(SmtpDataOutcome::LineTooLong, limits);
    QCOMPARE(longLine.code, 554);
    QCOMPARE(longLine.enhancedStatus, "5.6.0");
    QVERIFY(longLine.lines.first().contains("998"));
    const SmtpReply big = replyForDataOutcome(SmtpDataOutcome::TooBig, limits);
    QCOMPARE(big.code, 552);
    QCOMPARE(big.enhancedStatus, "5.3.4");
    QVERIFY(big.lines.first().contains("52428800"));
}

QTEST_GUILESS_MAIN(TestSmtpReply)
#include "tst_smtpreply.moc"
