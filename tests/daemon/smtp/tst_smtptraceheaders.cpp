// tst_smtptraceheaders.cpp - Return-Path, Delivered-To and Received as
// built for the stored message, and the reply after delivery
//
// RFC 5321 section 4.4, RFC 8314 section 7.4, RFC 3848 / RFC 6531 protocol
// names; peer-supplied names must not be able to add lines or clauses.
#include "smtp/SmtpTraceHeaders.h"
#include "smtp/SmtpTransaction.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::smtp;

namespace {

TraceInfo baseInfo() {
    TraceInfo info;
    info.returnPath = u"sender@remote.test"_s;
    info.heloName = u"client.remote.test"_s;
    info.peerAddress = QHostAddress(u"192.0.2.7"_s);
    info.hostname = u"mx.example.test"_s;
    info.protocol = u"ESMTP"_s;
    info.queueId = u"0123456789ABCDEF"_s;
    info.date = QDateTime(QDate(2026, 11, 28), QTime(12, 0, 5), QTimeZone(3600));
    return info;
}

store::DeliveryResult result(store::DeliveryStatus status) {
    store::DeliveryResult r;
    r.status = status;
    return r;
}

} // namespace

class TestSmtpTraceHeaders : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void minimal();
    void everyClause();
    void tls12CipherGoesIntoAComment();
    void ipv6Literal();
    void peerTextCannotAddLinesOrClauses();
    void protocolNames();
    void replyForDelivery_data();
    void replyForDelivery();
};

void TestSmtpTraceHeaders::minimal() {
    QCOMPARE(traceHeaders(baseInfo()),
             QByteArray("Return-Path: <sender@remote.test>\r\n"
                        "Received: from client.remote.test ([192.0.2.7] [192.0.2.7])\r\n"
                        "\tby mx.example.test (Mailstead) with ESMTP id 0123456789ABCDEF;\r\n"
                        "\tSat, 28 Nov 2026 12:00:05 +0100\r\n"));
    TraceInfo bounce = baseInfo();
    bounce.returnPath.clear();
    QVERIFY(traceHeaders(bounce).startsWith("Return-Path: <>\r\nReceived: "));
}

void TestSmtpTraceHeaders::everyClause() {
    TraceInfo info = baseInfo();
    info.deliveredTo = u"alice@example.test"_s;
    info.peerName = u"client.remote.test"_s;
    info.forRecipient = u"alice+tag@example.test"_s;
    info.protocol = u"ESMTPS"_s;
    info.tlsProtocol = u"TLSv1.3"_s;
    info.tlsCipher = u"TLS_AES_256_GCM_SHA384"_s;
    const QByteArray headers = traceHeaders(info);
    QCOMPARE(headers,
             QByteArray("Return-Path: <sender@remote.test>\r\n"
                        "Delivered-To: alice@example.test\r\n"
                        "Received: from client.remote.test (client.remote.test [192.0.2.7])\r\n"
                        "\tby mx.example.test (Mailstead) with ESMTPS id 0123456789ABCDEF\r\n"
                        "\tfor <alice+tag@example.test>\r\n"
                        "\ttls TLS_AES_256_GCM_SHA384 (TLSv1.3);\r\n"
                        "\tSat, 28 Nov 2026 12:00:05 +0100\r\n"));
    // Where a per-copy Delivered-To goes.
    QCOMPARE(returnPathLength(headers), qsizetype(strlen("Return-Path: <sender@remote.test>\r\n")));
    QCOMPARE(deliveredToHeader(u"bob@example.test"_s, false),
             QByteArray("Delivered-To: bob@example.test\r\n"));
}

void TestSmtpTraceHeaders::tls12CipherGoesIntoAComment() {
    TraceInfo info = baseInfo();
    info.tlsProtocol = u"TLSv1.2"_s;
    info.tlsCipher = u"ECDHE-RSA-AES256-GCM-SHA384"_s;
    QVERIFY(traceHeaders(info).contains(
        "\r\n\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384);\r\n"));
}

void TestSmtpTraceHeaders::ipv6Literal() {
    TraceInfo info = baseInfo();
    info.peerAddress = QHostAddress(u"2001:db8::7"_s);
    QVERIFY(traceHeaders(info).contains("([IPv6:2001:db8::7] [IPv6:2001:db8::7])"));
    info.peerAddress = QHostAddress(u"::ffff:192.0.2.8"_s);
    QVERIFY(traceHeaders(info).contains("([192.0.2.8] [192.0.2.8])"));
}

void TestSmtpTraceHeaders::peerTextCannotAddLinesOrClauses() {
    TraceInfo info = baseInfo();
    info.heloName = u"evil (by forged.test); x\r\nX-Injected: yes"_s;
    info.returnPath = u"a>\r\nX-Injected: yes@remote.test"_s;
    info.forRecipient = u"b>\r\nX-Injected: yes@example.test"_s;
    const QByteArray headers = traceHeaders(info);
    QVERIFY2(!headers.contains("\r\nX-Injected"), headers.constData());
    QVERIFY2(headers.contains("from evil??by?forged.test???x??X-Injected:?yes ("),
             headers.constData());
    // Only our own folding: every line but the first two starts with a tab.
    const QList<QByteArray> lines = headers.split('\n');
    for (qsizetype i = 2; i + 1 < lines.size(); ++i)
        QVERIFY2(lines.at(i).startsWith('\t'), lines.at(i).constData());
    // UTF-8 addresses pass only in an SMTPUTF8 transaction.
    info = baseInfo();
    info.returnPath = u"jörg@remote.test"_s;
    QVERIFY(traceHeaders(info).startsWith("Return-Path: <j??rg@remote.test>"));
    info.utf8 = true;
    QVERIFY(traceHeaders(info).startsWith("Return-Path: <jörg@remote.test>"_ba));
}

void TestSmtpTraceHeaders::protocolNames() {
    QCOMPARE(protocolName(false, false, false), u"SMTP"_s);
    QCOMPARE(protocolName(false, true, false), u"SMTP"_s);
    QCOMPARE(protocolName(true, false, false), u"ESMTP"_s);
    QCOMPARE(protocolName(true, true, false), u"ESMTPS"_s);
    QCOMPARE(protocolName(true, false, true), u"UTF8SMTP"_s);
    QCOMPARE(protocolName(true, true, true), u"UTF8SMTPS"_s);
}

void TestSmtpTraceHeaders::replyForDelivery_data() {
    using S = store::DeliveryStatus;
    QTest::addColumn<QList<store::DeliveryResult>>("results");
    QTest::addColumn<QByteArray>("reply");
    QTest::newRow("all ok") << QList{result(S::Ok), result(S::Ok)}
                            << QByteArray("250 2.0.0 Ok: queued as ID\r\n");
    QTest::newRow("all over quota")
        << QList{result(S::OverQuota)} << QByteArray("452 4.2.2 Mailbox full, try again later\r\n");
    QTest::newRow("io error") << QList{result(S::IoError)}
                              << QByteArray("451 4.3.0 Temporary failure: the message could not "
                                            "be stored\r\n");
    QTest::newRow("quota and io") << QList{result(S::OverQuota), result(S::IoError)}
                                  << QByteArray("451 4.3.0 Temporary failure: the message could "
                                                "not be stored\r\n");
    QTest::newRow("partial") << QList{result(S::Ok), result(S::OverQuota)}
                             << QByteArray("451 4.3.0 Temporary failure: the message was stored "
                                           "for some recipients only; please send it again\r\n");
    QTest::newRow("nothing") << QList<store::DeliveryResult>()
                             << QByteArray("451 4.3.0 Temporary failure: the message could not "
                                           "be stored\r\n");
}

void TestSmtpTraceHeaders::replyForDelivery() {
    QFETCH(QList<store::DeliveryResult>, results);
    QFETCH(QByteArray, reply);
    QCOMPARE(smtp::replyForDelivery(results, u"ID"_s).toWire(), reply);
}

QTEST_GUILESS_MAIN(TestSmtpTraceHeaders)
#include "tst_smtptraceheaders.moc"
