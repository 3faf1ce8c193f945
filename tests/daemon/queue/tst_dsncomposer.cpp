// tst_dsncomposer.cpp - RFC 3464 bounce messages
//
// Covers daemon/queue/DsnComposer: the multipart/report structure (RFC
// 6522: text, message/delivery-status, text/rfc822-headers), the
// per-message and per-recipient fields (RFC 3464 sections 2.2 and 2.3),
// statuses derived from replies (RFC 3463), and that peer text cannot add
// header fields. The structure is checked with daemon/mime's parser.

#include "mime/MimeParameters.h"
#include "mime/MimeParser.h"
#include "queue/DsnComposer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::queue;

class TestDsnComposer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void structure();
    void delayed();
    void hostileDiagnostic();
    void statuses();
};

static DsnInput sampleInput() {
    DsnInput input;
    input.reportingMta = u"mail.example.test"_s;
    input.sender = u"alice@example.test"_s;
    input.arrival = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
    input.now = QDateTime(QDate(2026, 11, 28), QTime(10, 5), Qt::UTC);
    input.boundaryToken = u"0123456789ABCDEF"_s;
    DsnRecipient r;
    r.address = u"bob@remote.test"_s;
    r.originalAddress = u"team@example.test"_s;
    r.status = "5.1.1";
    r.remoteMta = u"mx.remote.test"_s;
    r.diagnostic = "550 5.1.1 no such user";
    r.lastAttempt = input.now;
    input.recipients.append(r);
    input.originalHeaders = "From: alice@example.test\r\nSubject: hello\r\n\r\n";
    return input;
}

static QByteArray sectionOf(const QByteArray &message, const QByteArray &contentType) {
    const qsizetype type = message.indexOf(QByteArray("Content-Type: " + contentType));
    const qsizetype start = message.indexOf("\r\n\r\n", type) + 4;
    const qsizetype end = message.indexOf("\r\n--=_mailstead_dsn_", start);
    return message.mid(start, end - start);
}

void TestDsnComposer::structure() {
    const QByteArray dsn = composeDsn(sampleInput());
    QVERIFY(dsn.startsWith("From: Mail Delivery System <MAILER-DAEMON@mail.example.test>\r\n"));
    QVERIFY(dsn.contains("\r\nTo: <alice@example.test>\r\n"));
    QVERIFY(dsn.contains("\r\nAuto-Submitted: auto-replied\r\n"));
    QVERIFY(dsn.contains("\r\nDate: Sat, 28 Nov 2026 10:05:00 +0000\r\n"));

    const mime::MimeMessage parsed = mime::parseMessage(dsn);
    const mime::ContentType &root = parsed.root().contentType;
    QVERIFY(root.is("multipart", "report"));
    const mime::MimeParameter *reportType = mime::findParameter(root.parameters, "report-type");
    QVERIFY(reportType);
    QCOMPARE(reportType->value, "delivery-status"_ba);
    QCOMPARE(parsed.root().children.size(), 3);
    const auto child = [&](int i) {
        return parsed.parts.at(parsed.root().children.at(i)).contentType;
    };
    QVERIFY(child(0).is("text", "plain"));
    QVERIFY(child(1).is("message", "delivery-status"));
    QVERIFY(child(2).is("text", "rfc822-headers"));
    QCOMPARE(parsed.issues.toInt(), 0);

    const QByteArray status = sectionOf(dsn, "message/delivery-status");
    QCOMPARE(status, "Reporting-MTA: dns;mail.example.test\r\n"
                     "Arrival-Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                     "\r\n"
                     "Original-Recipient: rfc822;team@example.test\r\n"
                     "Final-Recipient: rfc822;bob@remote.test\r\n"
                     "Action: failed\r\n"
                     "Status: 5.1.1\r\n"
                     "Remote-MTA: dns;mx.remote.test\r\n"
                     "Diagnostic-Code: smtp;550 5.1.1 no such user\r\n"
                     "Last-Attempt-Date: Sat, 28 Nov 2026 10:05:00 +0000\r\n"_ba);
    QCOMPARE(sectionOf(dsn, "text/rfc822-headers"),
             "From: alice@example.test\r\nSubject: hello\r\n"_ba);
    QVERIFY(sectionOf(dsn, "text/plain").contains("<bob@remote.test>: mx.remote.test said: 550"));
    QVERIFY(dsn.endsWith("--=_mailstead_dsn_0123456789ABCDEF--\r\n"));
}

void TestDsnComposer::delayed() {
    DsnInput input = sampleInput();
    input.recipients[0].delayed = true;
    input.recipients[0].status = "4.4.1";
    input.recipients[0].remoteMta.clear();
    input.recipients[0].diagnostic.clear();
    input.recipients[0].originalAddress.clear();
    const QByteArray dsn = composeDsn(input);
    QVERIFY(dsn.contains("Subject: Delayed Mail"));
    const QByteArray status = sectionOf(dsn, "message/delivery-status");
    QVERIFY(status.contains("Action: delayed\r\n"));
    QVERIFY(!status.contains("Remote-MTA"));
    QVERIFY(!status.contains("Diagnostic-Code"));
    QVERIFY(!status.contains("Original-Recipient"));
}

void TestDsnComposer::hostileDiagnostic() {
    DsnInput input = sampleInput();
    input.recipients[0].diagnostic = "550 no\r\nBcc: victim@example.test\r\n\r\n--x";
    input.recipients[0].remoteMta = u"mx\r\nX-Evil: 1"_s;
    const QByteArray dsn = composeDsn(input);
    QVERIFY(!dsn.contains("\r\nBcc:"));
    QVERIFY(!dsn.contains("\r\nX-Evil:"));
    QVERIFY(dsn.contains("Diagnostic-Code: smtp;550 no Bcc: victim@example.test --x\r\n"));
    QCOMPARE(mime::parseMessage(dsn).root().children.size(), 3);
}

void TestDsnComposer::statuses() {
    QCOMPARE(statusForReply(550, "5.1.1"), "5.1.1"_ba);
    QCOMPARE(statusForReply(550, ""), "5.0.0"_ba);
    QCOMPARE(statusForReply(550, "4.1.1"), "5.0.0"_ba); // wrong class: derived from the code
    QCOMPARE(statusForReply(451, "4.3.0"), "4.3.0"_ba);
    QCOMPARE(statusForReply(421, ""), "4.0.0"_ba);
}

QTEST_APPLESS_MAIN(TestDsnComposer)
#include "tst_dsncomposer.moc"
