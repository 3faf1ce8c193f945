// tst_smtptestclient.cpp - the wizard's SMTP client against a real mailsteadd
//
// Delivers a message to a mailbox through the daemon's smtp listener and
// finds it counted by mailbox.get; an unknown recipient gives the daemon's
// refusal as it was sent; a closed port gives the socket's error.
#include "TestDaemon.h"
#include "wizard/SmtpTestClient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using app::SmtpTestClient;

class TestSmtpTestClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void deliversToMailbox();
    void unknownRecipientGivesServerReply();
    void closedPortGivesError();
    void messageHasHeadersAndEncodedSubject();

private:
    qint64 messagesOf(const QString &address);

    test::TestDaemon *m_daemon = nullptr;
};

void TestSmtpTestClient::initTestCase() {
    m_daemon = new test::TestDaemon;
    QVERIFY2(m_daemon->start(), qPrintable(m_daemon->output()));
    QCOMPARE(m_daemon->ctl({u"domain"_s, u"add"_s, u"example.test"_s}), 0);
    QCOMPARE(m_daemon->ctl({u"mailbox"_s, u"add"_s, u"alice@example.test"_s, u"--password-stdin"_s},
                           nullptr, "a long password\n"),
             0);
}

void TestSmtpTestClient::cleanupTestCase() {
    delete m_daemon;
}

qint64 TestSmtpTestClient::messagesOf(const QString &address) {
    const ipc::Reply reply = m_daemon->call(u"mailbox.get"_s, {{u"address"_s, address}});
    return reply.result.toObject().value(u"usage"_s).toObject().value(u"messages"_s).toInteger();
}

void TestSmtpTestClient::deliversToMailbox() {
    const qint64 before = messagesOf(u"alice@example.test"_s);
    SmtpTestClient client;
    QSignalSpy finished(&client, &SmtpTestClient::finished);
    client.send(u"127.0.0.1"_s, m_daemon->port(u"smtp"_s),
                {u"alice@example.test"_s, u"alice@example.test"_s, u"Prüfung"_s,
                 u"Hello.\n.a line starting with a dot\n"_s});
    QVERIFY(client.isRunning());
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(client.transcript().join(u'\n')));
    QVERIFY(finished.at(0).at(1).toString().startsWith(u"250"_s));
    QVERIFY(!client.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(messagesOf(u"alice@example.test"_s), before + 1, 20000);
    QVERIFY(client.transcript().contains(u"C: DATA"_s));
}

void TestSmtpTestClient::unknownRecipientGivesServerReply() {
    SmtpTestClient client;
    QSignalSpy finished(&client, &SmtpTestClient::finished);
    client.send(u"127.0.0.1"_s, m_daemon->port(u"smtp"_s),
                {u"alice@example.test"_s, u"nobody@example.test"_s, u"x"_s, u"x\n"_s});
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    const QString reply = finished.at(0).at(1).toString();
    QVERIFY2(reply.startsWith(u"5"_s), qPrintable(reply));
    QCOMPARE(client.transcript().filter(u"RCPT TO:<nobody@example.test>"_s).size(), 1);
}

void TestSmtpTestClient::closedPortGivesError() {
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    SmtpTestClient client;
    QSignalSpy finished(&client, &SmtpTestClient::finished);
    client.send(u"127.0.0.1"_s, port, {u"a@example.test"_s, u"b@example.test"_s, u"x"_s, u"x"_s});
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(!finished.at(0).at(1).toString().isEmpty());
}

void TestSmtpTestClient::messageHasHeadersAndEncodedSubject() {
    const QByteArray message = SmtpTestClient::formatMessage(
        {u"a@example.test"_s, u"b@example.test"_s, u"Prüfung"_s, u"Body"_s}, u"example.test"_s);
    QVERIFY(message.contains("From: a@example.test\r\n"));
    QVERIFY(message.contains("To: b@example.test\r\n"));
    const QByteArray subject = "Subject: =?UTF-8?B?" + QByteArray("Prüfung").toBase64() + "?=\r\n";
    QVERIFY(message.contains(subject));
    QVERIFY(message.contains("@example.test>\r\n"));
    QVERIFY(message.endsWith("\r\n\r\nBody\r\n"));
}

QTEST_MAIN(TestSmtpTestClient)
#include "tst_smtptestclient.moc"
