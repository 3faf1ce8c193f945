// tst_smtpdelivery.cpp - what the SMTP server stores, and when it says so
//
// Against a real server and store (SmtpServerFixture): trace headers
// (Return-Path, Delivered-To per copy, Received), the durability rule (250
// only once the index row exists), one copy per mailbox, big messages
// through the spool file, recipient policy (relaying, aliases, catch-all,
// plus-addressing, <Postmaster>), quota at RCPT and at delivery (and no
// copy left behind a 4xx), counters and event.delivery, graceful shutdown.
#include "SmtpServerFixture.h"
#include "store/MailboxReader.h"

#include <QDir>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using smtp::test::message;
using smtp::test::replyCode;
using smtp::test::SmtpTestClient;

namespace {
const QString domain = smtp::test::fixtureDomain;
} // namespace

class TestSmtpDelivery : public QObject, public smtp::test::SmtpServerFixture {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void deliversWithTraceHeaders();
    void replyComesOnlyAfterTheIndexRow();
    void severalRecipientsGetACopyEach();
    void dotStuffingAndBigMessageViaSpool();
    void recipientPolicy_data();
    void recipientPolicy();
    void plusAddressAndAliasDelivery();
    void postmasterWithoutDomain();
    void quotaAtRcptAndAtDelivery();
    void countersAndDeliveryEvents();
    void shutdownLetsTheTransactionFinish();
};

void TestSmtpDelivery::init() {
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
}

void TestSmtpDelivery::cleanup() {
    QVERIFY(stopServer());
}

void TestSmtpDelivery::deliversWithTraceHeaders() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    const QByteArray content = message("trace");
    const QByteArray reply = sendMessage(client, {"alice@example.test"}, content);
    static const QRegularExpression queued(u"^250 2\\.0\\.0 Ok: queued as ([0-9A-F]{16})\r\n$"_s);
    const QRegularExpressionMatch match = queued.match(QString::fromLatin1(reply));
    QVERIFY2(match.hasMatch(), reply.constData());
    const QByteArray queueId = match.captured(1).toLatin1();

    const QList<QByteArray> stored = messagesOf(u"alice"_s);
    QCOMPARE(stored.size(), 1);
    const QByteArray &file = stored.constFirst();
    QVERIFY2(file.endsWith(content), file.constData());
    const QByteArray head = file.left(file.size() - content.size());
    QVERIFY2(head.startsWith("Return-Path: <sender@remote.test>\r\n"
                             "Delivered-To: alice@example.test\r\n"
                             "Received: from client.remote.test ("),
             head.constData());
    const QByteArray received = "[127.0.0.1])\r\n\tby mx.example.test (Mailstead) with ESMTP id " +
                                queueId + "\r\n\tfor <alice@example.test>;\r\n\t";
    QVERIFY2(head.contains(received), head.constData());
    // RFC 5322 date, then the end of the header block we add.
    static const QRegularExpression date(
        u";\r\n\t[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\r\n$"_s);
    QVERIFY2(date.match(QString::fromLatin1(head)).hasMatch(), head.constData());
}

void TestSmtpDelivery::replyComesOnlyAfterTheIndexRow() {
    // DESIGN.md "Durability": when the 250 is read, the row must already be
    // committed. Read the index the moment the reply is complete, many times.
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    std::unique_ptr<store::MailboxReader> reader = m_messages->openReader(domain, u"bob"_s);
    QVERIFY(reader);
    for (int i = 1; i <= 20; ++i) {
        QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
        QCOMPARE(replyCode(client.command("RCPT TO:<bob@example.test>")), 250);
        QCOMPARE(replyCode(client.command("DATA")), 354);
        client.send(message("durable " + QByteArray::number(i)) + ".\r\n");
        const QByteArray reply = client.reply();
        QVERIFY2(reply.startsWith("250 2.0.0 Ok: queued as "), reply.constData());
        QCOMPARE(reader->messages(u"INBOX"_s).size(), i);
    }
}

void TestSmtpDelivery::severalRecipientsGetACopyEach() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    // alice twice (directly and through the alias), bob through the alias.
    const QByteArray reply =
        sendMessage(client, {"alice@example.test", "team@example.test", "Alice@Example.TEST"},
                    message("shared"));
    QVERIFY2(reply.startsWith("250 2.0.0 "), reply.constData());
    const QList<QByteArray> alice = messagesOf(u"alice"_s);
    const QList<QByteArray> bob = messagesOf(u"bob"_s);
    QCOMPARE(alice.size(), 1);
    QCOMPARE(bob.size(), 1);
    // A copy each, with its own Delivered-To right after Return-Path; no
    // "for" with several recipients.
    QByteArray fromAlice = alice.constFirst();
    QByteArray fromBob = bob.constFirst();
    QVERIFY(fromAlice.startsWith("Return-Path: <sender@remote.test>\r\n"
                                 "Delivered-To: alice@example.test\r\nReceived: "));
    QVERIFY(fromBob.startsWith("Return-Path: <sender@remote.test>\r\n"
                               "Delivered-To: bob@example.test\r\nReceived: "));
    QVERIFY(!fromAlice.contains("\tfor <"));
    fromAlice.replace("Delivered-To: alice@example.test\r\n", "");
    fromBob.replace("Delivered-To: bob@example.test\r\n", "");
    QCOMPARE(fromAlice, fromBob);
}

void TestSmtpDelivery::dotStuffingAndBigMessageViaSpool() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    // Over spoolMemoryLimit, with lines that start with dots.
    QByteArray body;
    QByteArray expected;
    for (int i = 0; body.size() < 3 * 1024 * 1024; ++i) {
        const QByteArray line = QByteArray::number(i) + ' ' + QByteArray(70, 'x') + "\r\n";
        body += (i % 7 == 0) ? ".." + line : line;
        expected += (i % 7 == 0) ? "." + line : line;
    }
    const QByteArray reply = sendMessage(client, {"alice@example.test"}, message("big", body));
    QVERIFY2(reply.startsWith("250 2.0.0 "), reply.constData());
    const QList<QByteArray> stored = messagesOf(u"alice"_s);
    QCOMPARE(stored.size(), 1);
    QVERIFY(stored.constFirst().endsWith(message("big", expected)));
    // The same through the spool file, copied for two mailboxes.
    const QByteArray twice = sendMessage(client, {"team@example.test"}, message("big2", body));
    QVERIFY2(twice.startsWith("250 2.0.0 "), twice.constData());
    QVERIFY(messagesOf(u"alice"_s).value(1).endsWith(message("big2", expected)));
    QVERIFY(messagesOf(u"bob"_s).value(0).endsWith(message("big2", expected)));
    QVERIFY(messagesOf(u"bob"_s).value(0).contains("\r\nDelivered-To: bob@example.test\r\n"));
    // The spool file went to the store, which removed its name.
    QTRY_COMPARE(QDir(m_messages->vmailDir() + u"/.spool"_s)
                     .entryList(QDir::Files | QDir::NoDotAndDotDot)
                     .size(),
                 0);
}

void TestSmtpDelivery::recipientPolicy_data() {
    QTest::addColumn<QByteArray>("rcpt");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("mailbox") << QByteArray("<alice@example.test>") << QByteArray("250 2.1.5");
    QTest::newRow("case") << QByteArray("<ALICE@EXAMPLE.test>") << QByteArray("250 2.1.5");
    QTest::newRow("catch-all") << QByteArray("<any@other.example>") << QByteArray("250 2.1.5");
    QTest::newRow("source route ignored")
        << QByteArray("<@relay.test:alice@example.test>") << QByteArray("250 2.1.5");
    QTest::newRow("unknown") << QByteArray("<nobody@example.test>") << QByteArray("550 5.1.1");
    QTest::newRow("disabled") << QByteArray("<dave@example.test>") << QByteArray("550 5.2.1");
    QTest::newRow("relay") << QByteArray("<victim@remote.test>") << QByteArray("554 5.7.1");
    QTest::newRow("source route to a relay")
        << QByteArray("<@example.test:victim@remote.test>") << QByteArray("554 5.7.1");
    QTest::newRow("percent hack") << QByteArray("<victim%remote.test@example.test>")
                                  << QByteArray("554 5.7.1");
    QTest::newRow("percent hack catch-all")
        << QByteArray("<victim%remote.test@other.example>") << QByteArray("554 5.7.1");
    QTest::newRow("bang path") << QByteArray("<remote.test!victim@example.test>")
                               << QByteArray("554 5.7.1");
    QTest::newRow("quoted at") << QByteArray("<\"victim@remote.test\"@example.test>")
                               << QByteArray("554 5.7.1");
    QTest::newRow("address literal")
        << QByteArray("<alice@[127.0.0.1]>") << QByteArray("554 5.7.1");
    QTest::newRow("external alias")
        << QByteArray("<forward@example.test>") << QByteArray("451 4.3.0");
    QTest::newRow("syntax") << QByteArray("<alice@>") << QByteArray("501 5.1.3");
    QTest::newRow("no brackets") << QByteArray("alice@example.test") << QByteArray("501 5.1.3");
}

void TestSmtpDelivery::recipientPolicy() {
    QFETCH(QByteArray, rcpt);
    QFETCH(QByteArray, expected);
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    const QByteArray reply = client.command("RCPT TO:" + rcpt);
    QVERIFY2(reply.startsWith(QByteArray(expected + ' ')), reply.constData());
}

void TestSmtpDelivery::plusAddressAndAliasDelivery() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QVERIFY(sendMessage(client, {"alice+news@example.test"}, message("plus")).startsWith("250 "));
    QCOMPARE(messagesOf(u"alice"_s).size(), 1);
    QVERIFY(messagesOf(u"alice"_s).constFirst().contains("\tfor <alice+news@example.test>;"));
    QVERIFY(messagesOf(u"alice"_s).constFirst().contains("Delivered-To: alice@example.test\r\n"));

    // With plus-addressing off, "+" is part of the name.
    smtp::SmtpSettings off = settings();
    off.recipientDelimiter.clear();
    m_server->setSettings(off);
    SmtpTestClient second(port());
    QCOMPARE(replyCode(second.reply()), 220);
    QCOMPARE(replyCode(second.command("EHLO client.remote.test")), 250);
    QCOMPARE(replyCode(second.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(second.command("RCPT TO:<alice+news@example.test>")), 550);
}

void TestSmtpDelivery::postmasterWithoutDomain() {
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QVERIFY(sendMessage(client, {"Postmaster"}, message("pm")).startsWith("250 "));
    QCOMPARE(messagesOf(u"postmaster"_s).size(), 1);
    QVERIFY(messagesOf(u"postmaster"_s).constFirst().contains("\tfor <Postmaster>;"));

    smtp::SmtpSettings nowhere = settings();
    nowhere.postmasterDomain.clear();
    m_server->setSettings(nowhere);
    SmtpTestClient second(port());
    QCOMPARE(replyCode(second.reply()), 220);
    QCOMPARE(replyCode(second.command("EHLO client.remote.test")), 250);
    QCOMPARE(replyCode(second.command("MAIL FROM:<sender@remote.test>")), 250);
    QVERIFY(second.command("RCPT TO:<postmaster>").startsWith("550 5.1.1 "));
}

void TestSmtpDelivery::quotaAtRcptAndAtDelivery() {
    // carol has 4000 bytes; fill 3000 of them.
    store::DeliveryRequest request;
    store::Recipient carol;
    carol.domain = domain;
    carol.localPart = u"carol"_s;
    carol.quotaBytes = 4000;
    request.recipients = {carol};
    request.message =
        store::MessageData::fromBytes(message("fill", QByteArray(2900, 'f') + "\r\n"));
    QVERIFY(m_messages->deliverAndWait(request).constFirst().ok());

    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test> SIZE=2000")), 250);
    QVERIFY(client.command("RCPT TO:<carol@example.test>").startsWith("452 4.2.2 "));
    QCOMPARE(client.command("RSET"), QByteArray("250 2.0.0 Ok\r\n"));
    // Without SIZE the RCPT passes; the store refuses at delivery.
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<carol@example.test>")), 250);
    QCOMPARE(replyCode(client.command("DATA")), 354);
    QByteArray lines;
    for (int i = 0; i < 20; ++i)
        lines += QByteArray(98, 'x') + "\r\n";
    client.send(message("too much", lines) + ".\r\n");
    QCOMPARE(client.reply(), QByteArray("452 4.2.2 Mailbox full, try again later\r\n"));
    QCOMPARE(messagesOf(u"carol"_s).size(), 1);

    // With another recipient: its copy was durable, but the reply is 4xx,
    // so the client will send again to both; the copy is taken back.
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<bob@example.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<carol@example.test>")), 250);
    QCOMPARE(replyCode(client.command("DATA")), 354);
    client.send(message("partial", lines) + ".\r\n");
    QCOMPARE(client.reply(), QByteArray("452 4.2.2 Mailbox full, try again later\r\n"));
    QCOMPARE(messagesOf(u"bob"_s).size(), 0);
    QCOMPARE(messagesOf(u"carol"_s).size(), 1);
    QCOMPARE(m_messages->usage(domain, u"bob"_s).value_or(store::Usage{}), store::Usage{});
}

void TestSmtpDelivery::countersAndDeliveryEvents() {
    QSignalSpy events(m_events.get(), &core::EventBus::published);
    SmtpTestClient client(port());
    QCOMPARE(replyCode(client.reply()), 220);
    QCOMPARE(replyCode(client.command("EHLO client.remote.test")), 250);
    QCOMPARE(replyCode(client.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<team@example.test>")), 250);
    QCOMPARE(replyCode(client.command("RCPT TO:<nobody@example.test>")), 550);
    QCOMPARE(replyCode(client.command("DATA")), 354);
    const QByteArray content = message("counted");
    client.send(content + ".\r\n");
    QVERIFY(client.reply().startsWith("250 "));
    QTRY_COMPARE(events.size(), 2);
    QList<QJsonObject> delivered;
    for (const QList<QVariant> &event : std::as_const(events)) {
        QCOMPARE(event.at(0).toString(), u"event.delivery"_s);
        delivered.append(event.at(1).toJsonObject());
    }
    std::sort(delivered.begin(), delivered.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"mailbox"_s).toString() < b.value(u"mailbox"_s).toString();
    });
    QCOMPARE(delivered.at(0).value(u"mailbox"_s).toString(), u"alice@example.test"_s);
    QCOMPARE(delivered.at(1).value(u"mailbox"_s).toString(), u"bob@example.test"_s);
    const qint64 size = messagesOf(u"alice"_s).constFirst().size();
    QCOMPARE(delivered.at(0).value(u"size"_s).toInteger(), size);
    QCOMPARE(delivered.at(1).value(u"size"_s).toInteger(),
             messagesOf(u"bob"_s).constFirst().size());
    for (const QJsonObject &event : std::as_const(delivered)) {
        QCOMPARE(event.value(u"folder"_s).toString(), u"INBOX"_s);
        QCOMPARE(event.value(u"uid"_s).toInteger(), 1);
        QCOMPARE(event.keys().size(), 4);
    }
    const QJsonObject counters = m_server->countersJson();
    QCOMPARE(counters.value(u"connections_total"_s).toInteger(), 1);
    QCOMPARE(counters.value(u"connections_active"_s).toInteger(), 1);
    QCOMPARE(counters.value(u"messages_accepted"_s).toInteger(), 1);
    QCOMPARE(counters.value(u"recipients_accepted"_s).toInteger(), 1);
    QCOMPARE(counters.value(u"recipients_rejected"_s).toInteger(), 1);
    QCOMPARE(counters.value(u"bytes_accepted"_s).toInteger(), size);
    QCOMPARE(counters.value(u"tls_sessions"_s).toInteger(), 0);
    // An MX session counts nothing of submission.
    for (const QString &key : {u"submission_sessions"_s, u"auth_successes"_s, u"auth_failures"_s,
                               u"messages_submitted"_s, u"rate_limited"_s})
        QCOMPARE(counters.value(key).toInteger(-1), 0);
    QCOMPARE(counters.keys().size(), 12);
    QCOMPARE(client.command("QUIT"), QByteArray("221 2.0.0 Bye\r\n"));
    QTRY_COMPARE(m_server->activeSessions(), 0);
}

void TestSmtpDelivery::shutdownLetsTheTransactionFinish() {
    SmtpTestClient idle(port());
    QCOMPARE(replyCode(idle.reply()), 220);
    SmtpTestClient busy(port());
    QCOMPARE(replyCode(busy.reply()), 220);
    QCOMPARE(replyCode(busy.command("EHLO client.remote.test")), 250);
    QCOMPARE(replyCode(busy.command("MAIL FROM:<sender@remote.test>")), 250);
    QCOMPARE(replyCode(busy.command("RCPT TO:<alice@example.test>")), 250);
    QCOMPARE(replyCode(busy.command("DATA")), 354);
    busy.send("Subject: in flight\r\n\r\n");

    bool drained = false;
    m_server->shutdown(std::chrono::seconds(20), [&drained] { drained = true; });
    QCOMPARE(idle.reply(),
             QByteArray("421 4.3.2 mx.example.test Service shutting down, try later\r\n"));
    QVERIFY(idle.waitForClose());
    QTest::qWait(100);
    QVERIFY(!drained);
    busy.send("still arriving\r\n.\r\n");
    QVERIFY(busy.reply().startsWith("250 2.0.0 Ok: queued as "));
    QCOMPARE(busy.reply(),
             QByteArray("421 4.3.2 mx.example.test Service shutting down, try later\r\n"));
    QVERIFY(busy.waitForClose());
    QTRY_VERIFY(drained);
    QCOMPARE(messagesOf(u"alice"_s).size(), 1);

    // New connections are turned away.
    SmtpTestClient late(port());
    QCOMPARE(late.reply(),
             QByteArray("421 4.3.2 mx.example.test Service shutting down, try later\r\n"));
}

QTEST_GUILESS_MAIN(TestSmtpDelivery)
#include "tst_smtpdelivery.moc"
