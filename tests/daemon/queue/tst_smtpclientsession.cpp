// tst_smtpclientsession.cpp - the outbound SMTP client against a scripted
// server on loopback
//
// Covers daemon/queue/SmtpClientSession: PIPELINING (RFC 2920: MAIL, RCPT
// and DATA in one write), per-recipient outcomes, DATA with dot-stuffing
// (RFC 5321 section 4.5.2), HELO fallback (section 3.2), SIZE refusal
// before MAIL (RFC 1870), 8-bit conversion for peers without 8BITMIME
// (RFC 6152 section 3), SMTPUTF8 refusal (RFC 6531), a refusing greeting,
// a connection refused, a peer that never answers (timeouts) and one that
// hangs up after the data.

#include "queue/SmtpClientSession.h"
#include "ScriptedSmtpPeer.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::queue;

class TestSmtpClientSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pipelinedDelivery();
    void withoutPipelining();
    void mixedRecipientOutcomes();
    void heloFallback();
    void sizeRefusedBeforeMail();
    void eightBitConvertedForSevenBitPeer();
    void smtpUtf8Refused();
    void refusingGreeting();
    void connectionRefused();
    void silentPeerTimesOut();
    void hangUpAfterData();
};

static ClientSessionResult
runSession(quint16 port, const ClientEnvelope &envelope,
           std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    SmtpClientOptions options;
    options.heloName = u"mail.example.test"_s;
    options.timeouts.connect = timeout;
    options.timeouts.greeting = timeout;
    options.timeouts.command = timeout;
    options.timeouts.dataStart = timeout;
    options.timeouts.dataEnd = timeout;
    SmtpClientSession session(options);
    ClientSessionResult result;
    bool done = false;
    session.start(QHostAddress::LocalHost, port, u"peer.test"_s, envelope,
                  [&](const ClientSessionResult &r) {
                      result = r;
                      done = true;
                  });
    if (!QTest::qWaitFor([&] { return done; }, 30000))
        qWarning("session did not finish");
    return result;
}

static ClientEnvelope
envelopeFor(QStringList recipients,
            QByteArray message = "Subject: hi\r\n\r\n.leading dot\r\nend\r\n") {
    ClientEnvelope envelope;
    envelope.sender = u"alice@example.test"_s;
    envelope.recipients = std::move(recipients);
    envelope.message = std::move(message);
    return envelope;
}

void TestSmtpClientSession::pipelinedDelivery() {
    ScriptedSmtpPeer peer;
    const ClientSessionResult result =
        runSession(peer.port(), envelopeFor({u"bob@remote.test"_s, u"carol@remote.test"_s}));
    QCOMPARE(result.replies.size(), 2);
    QCOMPARE(result.replies.at(0).code, 250);
    QCOMPARE(result.replies.at(1).code, 250);
    QVERIFY(result.fromPeer.at(0));
    QVERIFY(!result.tryNextAddress);
    QCOMPARE(result.serverName, u"peer.test"_s);
    QCOMPARE(peer.messages.size(), 1);
    QCOMPARE(peer.messages.at(0).content, "Subject: hi\r\n\r\n.leading dot\r\nend\r\n"_ba);
    QCOMPARE(peer.messages.at(0).rcptTo, (QByteArrayList{"bob@remote.test", "carol@remote.test"}));
    QVERIFY(peer.messages.at(0).mailFrom.startsWith("MAIL FROM:<alice@example.test> SIZE="));
    QVERIFY(peer.commands.contains("EHLO mail.example.test"));
    // RFC 2920: MAIL, both RCPTs and DATA arrived in one read.
    QVERIFY(peer.commandsPerRead.contains(4));
}

void TestSmtpClientSession::withoutPipelining() {
    ScriptedSmtpPeer peer;
    peer.ehloKeywords = {"8BITMIME"};
    const ClientSessionResult result =
        runSession(peer.port(), envelopeFor({u"bob@remote.test"_s, u"carol@remote.test"_s}));
    QCOMPARE(result.replies.at(0).code, 250);
    QCOMPARE(peer.messages.size(), 1);
    QVERIFY(!peer.commandsPerRead.contains(4));
    QVERIFY(!peer.messages.at(0).mailFrom.contains("SIZE="));
}

void TestSmtpClientSession::mixedRecipientOutcomes() {
    for (const bool pipelining : {true, false}) {
        ScriptedSmtpPeer peer;
        if (!pipelining)
            peer.ehloKeywords = {"ENHANCEDSTATUSCODES"};
        peer.rcptReplies.insert("later@remote.test", "451 4.2.0 try later");
        peer.rcptReplies.insert("gone@remote.test", "550 5.1.1 no such user");
        const ClientSessionResult result = runSession(
            peer.port(),
            envelopeFor({u"later@remote.test"_s, u"ok@remote.test"_s, u"gone@remote.test"_s}));
        QCOMPARE(result.replies.at(0).code, 451);
        QCOMPARE(result.replies.at(0).enhancedStatus, "4.2.0"_ba);
        QCOMPARE(result.replies.at(1).code, 250);
        QCOMPARE(result.replies.at(2).code, 550);
        QCOMPARE(result.replies.at(2).enhancedStatus, "5.1.1"_ba);
        QCOMPARE(peer.messages.size(), 1);
        QCOMPARE(peer.messages.at(0).rcptTo, QByteArrayList{"ok@remote.test"});

        // Nobody accepted: no message is sent.
        ScriptedSmtpPeer refusing;
        if (!pipelining)
            refusing.ehloKeywords = {};
        refusing.rcptReplies.insert("gone@remote.test", "550 5.1.1 no such user");
        const ClientSessionResult none =
            runSession(refusing.port(), envelopeFor({u"gone@remote.test"_s}));
        QCOMPARE(none.replies.at(0).code, 550);
        QVERIFY(refusing.messages.isEmpty());
    }
}

void TestSmtpClientSession::heloFallback() {
    ScriptedSmtpPeer peer;
    peer.ehloRefused = true;
    const ClientSessionResult result = runSession(peer.port(), envelopeFor({u"bob@remote.test"_s}));
    QCOMPARE(result.replies.at(0).code, 250);
    QVERIFY(peer.commands.contains("HELO mail.example.test"));
    QCOMPARE(peer.messages.size(), 1);
}

void TestSmtpClientSession::sizeRefusedBeforeMail() {
    ScriptedSmtpPeer peer;
    peer.ehloKeywords = {"PIPELINING", "SIZE 10"};
    const ClientSessionResult result = runSession(peer.port(), envelopeFor({u"bob@remote.test"_s}));
    QCOMPARE(result.replies.at(0).code, 552);
    QCOMPARE(result.replies.at(0).enhancedStatus, "5.3.4"_ba);
    QVERIFY(!result.fromPeer.at(0));
    QVERIFY(peer.messages.isEmpty());
    for (const QByteArray &command : std::as_const(peer.commands))
        QVERIFY(!command.startsWith("MAIL"));
}

void TestSmtpClientSession::eightBitConvertedForSevenBitPeer() {
    const QByteArray message = "Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                               "caf\xc3\xa9\r\n"_ba;
    ScriptedSmtpPeer eightBit;
    runSession(eightBit.port(), envelopeFor({u"bob@remote.test"_s}, message));
    QCOMPARE(eightBit.messages.size(), 1);
    QVERIFY(eightBit.messages.at(0).mailFrom.contains(" BODY=8BITMIME"));
    QCOMPARE(eightBit.messages.at(0).content, message);

    ScriptedSmtpPeer sevenBit;
    sevenBit.ehloKeywords = {"PIPELINING"};
    const ClientSessionResult result =
        runSession(sevenBit.port(), envelopeFor({u"bob@remote.test"_s}, message));
    QCOMPARE(result.replies.at(0).code, 250);
    QCOMPARE(sevenBit.messages.size(), 1);
    QVERIFY(!sevenBit.messages.at(0).mailFrom.contains("BODY="));
    const QByteArray sent = sevenBit.messages.at(0).content;
    QVERIFY(sent.contains("Content-Transfer-Encoding: quoted-printable\r\n"));
    QVERIFY(sent.endsWith("caf=C3=A9\r\n"));

    // A multipart body cannot be converted here: refused, nothing sent.
    ScriptedSmtpPeer refusing;
    refusing.ehloKeywords = {"PIPELINING"};
    const ClientSessionResult refused =
        runSession(refusing.port(), envelopeFor({u"bob@remote.test"_s},
                                                "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                                                "--b\r\n\r\n\xe9\r\n--b--\r\n"_ba));
    QCOMPARE(refused.replies.at(0).code, 554);
    QCOMPARE(refused.replies.at(0).enhancedStatus, "5.6.3"_ba);
    QVERIFY(refusing.messages.isEmpty());
}

void TestSmtpClientSession::smtpUtf8Refused() {
    ScriptedSmtpPeer peer;
    peer.ehloKeywords = {"PIPELINING", "8BITMIME"};
    ClientEnvelope envelope = envelopeFor({u"bob@remote.test"_s});
    envelope.smtpUtf8 = true;
    const ClientSessionResult result = runSession(peer.port(), envelope);
    QCOMPARE(result.replies.at(0).code, 550);
    QCOMPARE(result.replies.at(0).enhancedStatus, "5.6.7"_ba);
    QVERIFY(peer.messages.isEmpty());

    ScriptedSmtpPeer capable;
    const ClientSessionResult sent = runSession(capable.port(), envelope);
    QCOMPARE(sent.replies.at(0).code, 250);
    QVERIFY(capable.messages.at(0).mailFrom.endsWith(" SMTPUTF8"));
}

void TestSmtpClientSession::refusingGreeting() {
    ScriptedSmtpPeer peer;
    peer.greeting = "554 5.7.1 go away";
    const ClientSessionResult result = runSession(peer.port(), envelopeFor({u"bob@remote.test"_s}));
    QVERIFY(result.tryNextAddress);
    QCOMPARE(result.replies.at(0).code, 554);
    QVERIFY(peer.messages.isEmpty());
}

void TestSmtpClientSession::connectionRefused() {
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const ClientSessionResult result = runSession(port, envelopeFor({u"bob@remote.test"_s}));
    QVERIFY(result.tryNextAddress);
    QCOMPARE(result.replies.at(0).code, 451);
    QCOMPARE(result.replies.at(0).enhancedStatus, "4.4.1"_ba);
    QVERIFY(!result.fromPeer.at(0));
}

void TestSmtpClientSession::silentPeerTimesOut() {
    ScriptedSmtpPeer peer;
    peer.silent = true;
    const ClientSessionResult result = runSession(peer.port(), envelopeFor({u"bob@remote.test"_s}),
                                                  std::chrono::milliseconds(300));
    QVERIFY(result.tryNextAddress);
    QCOMPARE(result.replies.at(0).code, 451);
    QCOMPARE(result.replies.at(0).enhancedStatus, "4.4.2"_ba);
}

void TestSmtpClientSession::hangUpAfterData() {
    ScriptedSmtpPeer peer;
    peer.hangUpAfterData = true;
    const ClientSessionResult result = runSession(peer.port(), envelopeFor({u"bob@remote.test"_s}));
    // Accepted at RCPT, but the data was never acknowledged: temporary.
    QCOMPARE(result.replies.at(0).code, 451);
    QVERIFY(!result.tryNextAddress);
}

QTEST_GUILESS_MAIN(TestSmtpClientSession)
#include "tst_smtpclientsession.moc"
