// tst_smtpsession.cpp - the SMTP protocol as a client sees it, in process
//
// Against a real server (SmtpServerFixture): RFC 5321 sequencing and
// replies, RFC 2920 pipelining, RFC 3207 STARTTLS (with the CVE-2011-0411
// injection), RFC 3030 BDAT, SMTP smuggling, RFC 6531 SMTPUTF8, size and
// line limits, the error budget, timeouts.
#include "SmtpServerFixture.h"

#include <QSslCipher>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using smtp::test::message;
using smtp::test::replyCode;
using smtp::test::SmtpTestClient;

namespace {
const QString domain = smtp::test::fixtureDomain;
} // namespace

class TestSmtpSession : public QObject, public smtp::test::SmtpServerFixture {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void greetingAndEhlo();
    void pipelinedTransaction();
    void startTlsDiscardsInjectedCommands();
    void deliveryOverTls();
    void smugglingIsRefused_data();
    void smugglingIsRefused();
    void bdatChunks();
    void bdatRefusedChunkIsDiscarded();
    void dataAfterBdatIsRefused();
    void sequenceErrors();
    void utf8AddressNeedsSmtpUtf8();
    void sizeLimits();
    void tooManyRecipients();
    void commandLineTooLong();
    void errorBudgetCloses();
    void httpRequestCloses();
    void commandTimeout();
};

void TestSmtpSession::init() {
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
}

void TestSmtpSession::cleanup() {
    QVERIFY(stopServer());
}

void TestSmtpSession::greetingAndEhlo() {
    SmtpTestClient client(port());
    QVERIFY(client.isConnected());
    QCOMPARE(client.reply(), QByteArray("220 mx.example.test ESMTP Mailstead\r\n"));
    QCOMPARE(client.command("EHLO client.remote.test"), QByteArray("250-mx.example.test\r\n"
                                                                   "250-PIPELINING\r\n"
                                                                   "250-SIZE 52428800\r\n"
                                                                   "250-8BITMIME\r\n"
                                                                   "250-SMTPUTF8\r\n"
                                                                   "250-ENHANCEDSTATUSCODES\r\n"
                                                                   "250-CHUNKING\r\n"
                                                                   "250-DSN\r\n"
                                                                   "250 STARTTLS\r\n"));
    QCOMPARE(client.command("HELO client.remote.test"), QByteArray("250 mx.example.test\r\n"));
    QCOMPARE(client.command("NOOP"), QByteArray("250 2.0.0 Ok\r\n"));
    QCOMPARE(client.command("VRFY alice"),
             QByteArray("252 2.5.0 Cannot VRFY user, but will accept message and attempt "
                        "delivery\r\n"));
    QCOMPARE(replyCode(client.command("EXPN team")), 502);
    QCOMPARE(replyCode(client.command("HELP")), 214);
    QCOMPARE(client.command("RSET"), QByteArray("250 2.0.0 Ok\r\n"));
    QCOMPARE(client.command("QUIT"), QByteArray("221 2.0.0 Bye\r\n"));
    QVERIFY(client.waitForClose());
}

void TestSmtpSession::pipelinedTransaction() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    // RFC 2920: one group up to DATA, then the content and the next
    // transaction behind the terminator, all in one write.
    client.send("MAIL FROM:<sender@remote.test>\r\n"
                "RCPT TO:<alice@example.test>\r\n"
                "RCPT TO:<nobody@example.test>\r\n"
                "RCPT TO:<bob@example.test>\r\n"
                "DATA\r\n");
    const QList<QByteArray> group = client.replies(5);
    QCOMPARE(group.at(0), QByteArray("250 2.1.0 Ok\r\n"));
    QCOMPARE(group.at(1), QByteArray("250 2.1.5 Ok\r\n"));
    QCOMPARE(replyCode(group.at(2)), 550);
    QVERIFY(group.at(2).startsWith("550 5.1.1 "));
    QCOMPARE(group.at(3), QByteArray("250 2.1.5 Ok\r\n"));
    QCOMPARE(group.at(4).left(4), QByteArray("354 "));
    client.send(message("pipelined") + ".\r\nMAIL FROM:<>\r\nRCPT TO:<bob@example.test>\r\n"
                                       "DATA\r\n");
    const QList<QByteArray> after = client.replies(4);
    QVERIFY2(after.at(0).startsWith("250 2.0.0 Ok: queued as "), after.at(0).constData());
    QCOMPARE(after.at(1), QByteArray("250 2.1.0 Ok\r\n"));
    QCOMPARE(after.at(2), QByteArray("250 2.1.5 Ok\r\n"));
    QCOMPARE(replyCode(after.at(3)), 354);
    client.send(message("bounce") + ".\r\nQUIT\r\n");
    QVERIFY(client.reply().startsWith("250 2.0.0 Ok: queued as "));
    QCOMPARE(client.reply(), QByteArray("221 2.0.0 Bye\r\n"));
    QCOMPARE(messagesOf(u"alice"_s).size(), 1);
    QCOMPARE(messagesOf(u"bob"_s).size(), 2);
    QVERIFY(messagesOf(u"bob"_s).at(1).startsWith("Return-Path: <>\r\n"));
}

void TestSmtpSession::startTlsDiscardsInjectedCommands() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    // CVE-2011-0411: commands pipelined in plaintext behind STARTTLS.
    client.send("STARTTLS\r\nMAIL FROM:<evil@remote.test>\r\nRCPT TO:<alice@example.test>\r\n");
    QCOMPARE(client.reply(), QByteArray("220 2.0.0 Ready to start TLS\r\n"));
    QVERIFY(client.startTls());
    // Nothing of the injection ran, and the EHLO was forgotten.
    QCOMPARE(client.pending(), QByteArray());
    QCOMPARE(client.command("MAIL FROM:<sender@remote.test>"),
             QByteArray("503 5.5.1 Send EHLO or HELO first\r\n"));
    const QByteArray ehlo = client.command("EHLO client.remote.test");
    QVERIFY(ehlo.startsWith("250-mx.example.test\r\n"));
    QVERIFY(!ehlo.contains("STARTTLS"));
    QCOMPARE(client.command("MAIL FROM:<sender@remote.test>"), QByteArray("250 2.1.0 Ok\r\n"));
    QCOMPARE(client.command("STARTTLS"), QByteArray("503 5.5.1 TLS is already active\r\n"));
    QCOMPARE(client.command("RSET"), QByteArray("250 2.0.0 Ok\r\n"));
    QCOMPARE(messagesOf(u"alice"_s).size(), 0);
}

void TestSmtpSession::deliveryOverTls() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    QCOMPARE(replyCode(client.command("STARTTLS")), 220);
    QVERIFY(client.startTls());
    const QByteArray reply = sendMessage(client, {"alice@example.test"}, message("tls"));
    QVERIFY2(reply.startsWith("250 2.0.0 "), reply.constData());
    const QByteArray file = messagesOf(u"alice"_s).value(0);
    QVERIFY2(file.contains(" with ESMTPS id "), file.constData());
    const QByteArray protocol = client.socket().sessionCipher().protocolString().toLatin1();
    const QByteArray cipher = client.socket().sessionCipher().name().toLatin1();
    const QByteArray clause = "\r\n\ttls " + cipher + " (" + protocol + ");";
    const QByteArray comment = "(using " + protocol + " with cipher " + cipher + ")";
    QVERIFY2(file.contains(clause) || file.contains(comment), file.constData());
    QCOMPARE(m_server->countersJson().value(u"tls_sessions"_s).toInteger(), 1);
}

void TestSmtpSession::smugglingIsRefused_data() {
    QTest::addColumn<QByteArray>("ending");
    QTest::newRow("LF.LF") << QByteArray("\n.\n");
    QTest::newRow("CR.CR") << QByteArray("\r.\r");
    QTest::newRow("CRLF.LF") << QByteArray("\r\n.\n");
    QTest::newRow("LF.CRLF") << QByteArray("\n.\r\n");
    QTest::newRow("bare LF in a line") << QByteArray("line\nmore\r\n");
    QTest::newRow("bare CR in a line") << QByteArray("line\rmore\r\n");
}

void TestSmtpSession::smugglingIsRefused() {
    QFETCH(QByteArray, ending);
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<alice@example.test>")), 250);
    QCOMPARE(replyCode(client.command("DATA")), 354);
    // A smuggled second message behind the fake terminator.
    client.send(message("first") + ending +
                "MAIL FROM:<spoof@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n" +
                message("smuggled") + "\r\n.\r\n");
    const QByteArray reply = client.reply();
    QVERIFY2(reply.startsWith("554 5.6.0 "), reply.constData());
    // Still in step: the next command is answered as a command.
    QCOMPARE(client.command("NOOP"), QByteArray("250 2.0.0 Ok\r\n"));
    QCOMPARE(client.pending(), QByteArray());
    QCOMPARE(messagesOf(u"alice"_s).size(), 0);
    QCOMPARE(messagesOf(u"bob"_s).size(), 0);
}

void TestSmtpSession::bdatChunks() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    const QByteArray content = message("chunked", "line one\r\n.line with a dot\r\n");
    const QByteArray first = content.left(20);
    const QByteArray second = content.mid(20);
    // Pipelined: commands and chunks in one write (RFC 3030 section 4.2).
    client.send("MAIL FROM:<sender@remote.test>\r\nRCPT TO:<alice@example.test>\r\n"
                "BDAT " +
                QByteArray::number(first.size()) + "\r\n" + first + "BDAT " +
                QByteArray::number(second.size()) + " LAST\r\n" + second);
    const QList<QByteArray> replies = client.replies(4);
    QCOMPARE(replies.at(0), QByteArray("250 2.1.0 Ok\r\n"));
    QCOMPARE(replies.at(1), QByteArray("250 2.1.5 Ok\r\n"));
    QCOMPARE(replies.at(2), QByteArray("250 2.0.0 20 octets received\r\n"));
    QVERIFY2(replies.at(3).startsWith("250 2.0.0 Ok: queued as "), replies.at(3).constData());
    const QList<QByteArray> stored = messagesOf(u"alice"_s);
    QCOMPARE(stored.size(), 1);
    // No dot-unstuffing in BDAT.
    QVERIFY(stored.constFirst().endsWith(content));

    // BDAT 0 LAST ends a message of the chunks before it.
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<alice@example.test>")), 250);
    client.send("BDAT " + QByteArray::number(content.size()) + "\r\n" + content);
    QCOMPARE(replyCode(client.reply()), 250);
    QVERIFY(client.command("BDAT 0 LAST").startsWith("250 2.0.0 Ok: queued as "));
    QCOMPARE(messagesOf(u"alice"_s).size(), 2);
}

void TestSmtpSession::bdatRefusedChunkIsDiscarded() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    // No transaction: the chunk is read and thrown away, its content never
    // executed as commands.
    const QByteArray payload = "RSET\r\nMAIL FROM:<evil@remote.test>\r\n";
    client.send("BDAT " + QByteArray::number(payload.size()) + " LAST\r\n" + payload + "NOOP\r\n");
    QCOMPARE(client.reply(), QByteArray("503 5.5.1 Need MAIL command\r\n"));
    QCOMPARE(client.reply(), QByteArray("250 2.0.0 Ok\r\n"));
    // A transaction with no valid recipient.
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<nobody@example.test>")), 550);
    client.send("BDAT " + QByteArray::number(payload.size()) + " LAST\r\n" + payload + "NOOP\r\n");
    QCOMPARE(client.reply(), QByteArray("554 5.5.1 No valid recipients\r\n"));
    QCOMPARE(client.reply(), QByteArray("250 2.0.0 Ok\r\n"));
    // A chunk with a bare LF fails the transaction; later chunks get 503.
    QCOMPARE(client.command("RSET"), QByteArray("250 2.0.0 Ok\r\n"));
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<alice@example.test>")), 250);
    const QByteArray bad = "Subject: x\r\n\r\nbare\nLF\r\n";
    client.send("BDAT " + QByteArray::number(bad.size()) + "\r\n" + bad + "BDAT 4 LAST\r\nabcd");
    QVERIFY(client.reply().startsWith("554 5.6.0 "));
    QCOMPARE(client.reply(), QByteArray("503 5.5.1 Need MAIL command\r\n"));
    QCOMPARE(client.command("NOOP"), QByteArray("250 2.0.0 Ok\r\n"));
    QCOMPARE(messagesOf(u"alice"_s).size(), 0);
}

void TestSmtpSession::dataAfterBdatIsRefused() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<alice@example.test>")), 250);
    client.send("BDAT 4\r\nabcd");
    QCOMPARE(replyCode(client.reply()), 250);
    QCOMPARE(client.command("DATA"),
             QByteArray("503 5.5.1 DATA cannot follow BDAT in one transaction (RFC 3030)\r\n"));
    QCOMPARE(client.command("RSET"), QByteArray("250 2.0.0 Ok\r\n"));
    QCOMPARE(messagesOf(u"alice"_s).size(), 0);
}

void TestSmtpSession::sequenceErrors() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(client.command("MAIL FROM:<sender@remote.test>"),
             QByteArray("503 5.5.1 Send EHLO or HELO first\r\n"));
    QCOMPARE(replyCode(client.command("HELO client.remote.test")), 250);
    QCOMPARE(client.command("RCPT TO:<alice@example.test>"),
             QByteArray("503 5.5.1 Need MAIL before RCPT\r\n"));
    QCOMPARE(client.command("DATA"), QByteArray("503 5.5.1 Need MAIL command\r\n"));
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(client.command("MAIL FROM:<sender@remote.test>"),
             QByteArray("503 5.5.1 Nested MAIL command\r\n"));
    QCOMPARE(client.command("DATA"), QByteArray("554 5.5.1 No valid recipients\r\n"));
    QCOMPARE(client.command("STARTTLS"), QByteArray("503 5.5.1 MAIL transaction in progress\r\n"));
    QCOMPARE(client.command("AUTH PLAIN"),
             QByteArray("503 5.5.1 Authentication is not available on this port\r\n"));
    QCOMPARE(client.command("FOO"), QByteArray("500 5.5.1 Command not recognized\r\n"));
    // HELO resets the transaction (RFC 5321 section 4.1.4).
    QCOMPARE(replyCode(client.command("HELO client.remote.test")), 250);
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    // A bare LF does not end a command.
    client.send("NOOP\nNOOP\r\n");
    QCOMPARE(client.reply(),
             QByteArray("500 5.5.2 Bare LF received; commands must end with CRLF\r\n"));
}

void TestSmtpSession::utf8AddressNeedsSmtpUtf8() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    QVERIFY(client.command("MAIL FROM:<jörg@remote.test>").startsWith("553 5.6.7 "));
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    QVERIFY(client.command("RCPT TO:<jörg@example.test>").startsWith("553 5.6.7 "));
    QCOMPARE(client.command("RSET"), QByteArray("250 2.0.0 Ok\r\n"));
    QCOMPARE(client.command("MAIL FROM:<jörg@remote.test> SMTPUTF8"),
             QByteArray("250 2.1.0 Ok\r\n"));
    QCOMPARE(replyCode(client.command("RCPT TO:<alice@example.test>")), 250);
    QCOMPARE(replyCode(client.command("DATA")), 354);
    client.send(message("utf8") + ".\r\n");
    QVERIFY(client.reply().startsWith("250 "));
    const QByteArray file = messagesOf(u"alice"_s).value(0);
    QVERIFY2(file.startsWith("Return-Path: <jörg@remote.test>\r\n"), file.constData());
    QVERIFY(file.contains(" with UTF8SMTP id "));
}

void TestSmtpSession::sizeLimits() {
    smtp::SmtpSettings small = settings();
    small.limits.maxMessageSize = 2000;
    m_server->setSettings(small);
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QVERIFY(client.command("EHLO client.remote.test").contains("250-SIZE 2000\r\n"));
    QCOMPARE(client.command("MAIL FROM:<sender@remote.test> SIZE=2001"),
             QByteArray("552 5.3.4 Message size exceeds the fixed limit of 2000 octets\r\n"));
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test> SIZE=100")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<alice@example.test>")), 250);
    QCOMPARE(replyCode(client.command("DATA")), 354);
    QByteArray lines;
    for (int i = 0; i < 30; ++i)
        lines += QByteArray(98, 'a') + "\r\n";
    client.send(message("big", lines) + ".\r\n");
    const QByteArray reply = client.reply();
    QVERIFY2(reply.startsWith("552 5.3.4 "), reply.constData());
    // A line longer than 998 octets, under the size limit.
    small.limits.maxMessageSize = 10000;
    m_server->setSettings(small);
    SmtpTestClient second(port());
    QCOMPARE(replyCode(second.reply()), 220);
    const QByteArray lineReply =
        sendMessage(second, {"alice@example.test"}, message("long", QByteArray(999, 'x') + "\r\n"));
    QVERIFY2(lineReply.startsWith("554 5.6.0 "), lineReply.constData());
    QCOMPARE(messagesOf(u"alice"_s).size(), 0);
}

void TestSmtpSession::tooManyRecipients() {
    smtp::SmtpSettings two = settings();
    two.limits.maxRecipients = 2;
    m_server->setSettings(two);
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<alice@example.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<bob@example.test>")), 250);
    QCOMPARE(client.command("RCPT TO:<carol@example.test>"),
             QByteArray("452 4.5.3 Too many recipients\r\n"));
}

void TestSmtpSession::commandLineTooLong() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(client.command("NOOP " + QByteArray(600, 'x')),
             QByteArray("500 5.5.2 Line too long\r\n"));
    QCOMPARE(client.command("NOOP " + QByteArray(5000, 'x')),
             QByteArray("500 5.5.2 Line too long\r\n"));
    QCOMPARE(client.command("NOOP"), QByteArray("250 2.0.0 Ok\r\n"));
}

void TestSmtpSession::errorBudgetCloses() {
    smtp::SmtpSettings strict = settings();
    strict.limits.errorBudget = 3;
    m_server->setSettings(strict);
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    client.send("FOO\r\nBAR\r\nBAZ\r\nNOOP\r\n");
    QCOMPARE(replyCode(client.reply()), 500);
    QCOMPARE(replyCode(client.reply()), 500);
    QCOMPARE(replyCode(client.reply()), 500);
    QCOMPARE(client.reply(),
             QByteArray("421 4.7.0 mx.example.test Too many errors, closing connection\r\n"));
    QVERIFY(client.waitForClose());
    QCOMPARE(client.pending(), QByteArray());
}

void TestSmtpSession::httpRequestCloses() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    client.send("GET / HTTP/1.1\r\nHost: mx.example.test\r\n\r\n");
    QCOMPARE(client.reply(), QByteArray("500 5.5.1 Command not recognized\r\n"));
    QVERIFY(client.waitForClose());
}

void TestSmtpSession::commandTimeout() {
    smtp::SmtpSettings quick = settings();
    quick.limits.commandTimeout = std::chrono::seconds(1);
    quick.limits.dataTimeout = std::chrono::seconds(1);
    m_server->setSettings(quick);
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(client.reply(5000),
             QByteArray("421 4.4.2 mx.example.test Error: timeout exceeded\r\n"));
    QVERIFY(client.waitForClose());

    // Silence in the middle of DATA: the same, and nothing is stored.
    SmtpTestClient second(port());
    QCOMPARE(replyCode(second.reply()), 220);
    QCOMPARE(replyCode(second.command("EHLO client.remote.test")), 250);
    QCOMPARE(replyCode(second.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(second.command("RCPT TO:<alice@example.test>")), 250);
    QCOMPARE(replyCode(second.command("DATA")), 354);
    second.send("Subject: slow\r\n\r\npart");
    QCOMPARE(replyCode(second.reply(5000)), 421);
    QVERIFY(second.waitForClose());
    QCOMPARE(messagesOf(u"alice"_s).size(), 0);
}

QTEST_GUILESS_MAIN(TestSmtpSession)
#include "tst_smtpsession.moc"
