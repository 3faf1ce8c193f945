// tst_queueoutbound.cpp - what the queue adds to outgoing mail: DKIM
// signatures at enqueue, delay notices, the smarthost route
//
// Covers daemon/queue/OutboundSigning (which origin is signed under which
// domain, RFC 6376 section 5 and RFC 7489 section 3.1), DeliveryQueue's
// signing before the message is durable (a retry sends the same bytes),
// the RFC 3464 delay notice (Action: delayed, once per message, never to
// the null sender) with a test clock, and the smarthost setting (no MX
// lookup; no session without TLS, RFC 3207 section 4.1). The SMTP peer is
// ScriptedSmtpPeer on loopback; the router, local delivery and clock are
// test doubles, as in tst_deliveryqueue.cpp.

#include "dkim/DkimCanonicalization.h"
#include "dkim/DkimSignerTable.h"
#include "queue/DeliveryQueue.h"
#include "queue/LocalDelivery.h"
#include "queue/MxRouter.h"
#include "queue/OutboundSigning.h"
#include "ScriptedSmtpPeer.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::queue;

namespace {

class TestClock final : public QueueClock {
public:
    qint64 now = 1'800'000'000'000;
    qint64 nowMs() const override { return now; }
    quint32 random(quint32) override { return 0; }
};

class TestRouter final : public MxRouter {
public:
    QStringList asked;
    void route(const QString &domain, QObject *context, Callback callback) override {
        asked.append(domain);
        MxRoute route;
        route.status = MxRoute::Status::Ok;
        route.hosts = {{u"mx."_s + domain, 10, {QHostAddress::LocalHost}}};
        QMetaObject::invokeMethod(
            context, [callback, route] { callback(route); }, Qt::QueuedConnection);
    }
};

// example.test is local; what is delivered there is recorded.
class TestLocalDelivery final : public LocalDelivery {
public:
    QList<QPair<QString, QByteArray>> delivered; // address, message
    bool isLocalDomain(const QString &domain) const override { return domain == u"example.test"_s; }
    void deliver(const QString &, const QString &address, const QByteArray &message,
                 QObject *context, Callback done) override {
        delivered.append({address, message});
        QMetaObject::invokeMethod(
            context, [done] { done(smtp::makeReply(250, "2.0.0", "ok")); }, Qt::QueuedConnection);
    }
};

// The tags of a DKIM-Signature field ("d" -> "example.test").
QHash<QByteArray, QByteArray> signatureTags(const QByteArray &message) {
    QHash<QByteArray, QByteArray> tags;
    const dkim::DkimMessageParts parts = dkim::splitMessage(message);
    if (parts.headers.isEmpty() || parts.headers.first().name != "DKIM-Signature")
        return tags;
    QByteArray value = parts.headers.first().field.mid(15);
    value.replace("\r\n", "").replace('\t', "").replace(' ', "");
    for (const QByteArray &tag : value.split(';')) {
        const qsizetype eq = tag.indexOf('=');
        if (eq > 0)
            tags.insert(tag.left(eq), tag.mid(eq + 1));
    }
    return tags;
}

} // namespace

class TestQueueOutbound : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void fromDomain_data();
    void fromDomain();
    void signingDomainRules();
    void submissionSignedAtEnqueue();
    void forwardSignedByAliasDomain();
    void withoutKeySentUnsigned();
    void delayNoticeOnce();
    void noDelayNoticeForNullSender();
    void smarthostWithoutTlsDefers();

private:
    std::unique_ptr<DeliveryQueue> makeQueue();
    QString enqueue(DeliveryQueue &queue, const QString &origin, const QString &sender,
                    const QList<QueueRecipientInput> &to, const QByteArray &message);
    void addKey(const QString &domain);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ScriptedSmtpPeer> m_peer;
    TestClock m_clock;
    TestRouter m_router;
    TestLocalDelivery m_local;
    dkim::DkimSignerTable m_signers;
    dkim::DkimSigners m_keys;
    QueueSettings m_settings;
};

void TestQueueOutbound::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_peer = std::make_unique<ScriptedSmtpPeer>();
    m_clock = TestClock();
    m_router.asked.clear();
    m_local = TestLocalDelivery();
    m_keys.clear();
    m_signers.replace({});
    m_settings = QueueSettings();
    m_settings.hostname = u"mail.example.test"_s;
    m_settings.remotePort = m_peer->port();
    m_settings.retryBase = std::chrono::seconds(600);
    m_settings.retryMax = std::chrono::seconds(600);
    m_settings.maxAge = std::chrono::seconds(86400);
    m_settings.timeouts.connect = std::chrono::seconds(5);
}

void TestQueueOutbound::cleanup() {
    m_peer.reset();
    m_dir.reset();
}

void TestQueueOutbound::addKey(const QString &domain) {
    QString error;
    dkim::DkimPrivateKey key =
        dkim::DkimPrivateKey::generate(dkim::DkimAlgorithm::Ed25519, 0, &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    m_keys.insert(domain,
                  std::make_shared<const dkim::DkimSigner>(std::move(key), domain, u"sel"_s));
    m_signers.replace(m_keys);
}

std::unique_ptr<DeliveryQueue> TestQueueOutbound::makeQueue() {
    QueueServices services;
    services.router = &m_router;
    services.local = &m_local;
    services.clock = &m_clock;
    services.signers = &m_signers;
    auto queue = std::make_unique<DeliveryQueue>(services, m_settings);
    QString error;
    if (!queue->open(m_dir->path(), &error))
        qFatal("cannot open the queue: %s", qPrintable(error));
    return queue;
}

QString TestQueueOutbound::enqueue(DeliveryQueue &queue, const QString &origin,
                                   const QString &sender, const QList<QueueRecipientInput> &to,
                                   const QByteArray &message) {
    QueueSubmission submission;
    submission.sender = sender;
    submission.recipients = to;
    submission.origin = origin;
    submission.message = store::MessageData::fromBytes(message);
    QString id;
    bool done = false;
    queue.enqueue(std::move(submission), this, [&](bool ok, const QString &text) {
        if (ok)
            id = text;
        done = true;
    });
    QTest::qWaitFor([&] { return done; }, 10000);
    return id;
}

void TestQueueOutbound::fromDomain_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("domain");
    QTest::newRow("bare") << "From: alice@Example.TEST\r\n\r\nx"_ba << u"example.test"_s;
    QTest::newRow("angle") << "From: Alice <alice@a.test>\r\n\r\n"_ba << u"a.test"_s;
    QTest::newRow("folded") << "Subject: s\r\nFrom: \"Alice\"\r\n <alice@b.test>\r\n\r\n"_ba
                            << u"b.test"_s;
    QTest::newRow("quoted at") << "From: \"x@evil.test\" <alice@c.test>\r\n\r\n"_ba << u"c.test"_s;
    QTest::newRow("comment") << "From: alice@d.test (x@evil.test)\r\n\r\n"_ba << u"d.test"_s;
    QTest::newRow("list: first") << "From: a@e.test, b@f.test\r\n\r\n"_ba << u"e.test"_s;
    QTest::newRow("idn") << "From: a@bücher.test\r\n\r\n"_ba << u"xn--bcher-kva.test"_s;
    QTest::newRow("two From") << "From: a@g.test\r\nFrom: b@h.test\r\n\r\n"_ba << QString();
    QTest::newRow("none") << "Subject: no from\r\n\r\nFrom: a@i.test\r\n"_ba << QString();
    QTest::newRow("literal") << "From: a@[192.0.2.1]\r\n\r\n"_ba << QString();
    QTest::newRow("no domain") << "From: undisclosed\r\n\r\n"_ba << QString();
}

void TestQueueOutbound::fromDomain() {
    QFETCH(QByteArray, message);
    QFETCH(QString, domain);
    QCOMPARE(headerFromDomain(message), domain);
}

void TestQueueOutbound::signingDomainRules() {
    const QList<QueueRecipientInput> viaAlias = {{u"x@remote.test"_s, u"alias@example.test"_s}};
    QCOMPARE(signingDomainFor(u"submission"_s, u"example.test"_s, viaAlias), u"example.test"_s);
    // Forwarded: never under the foreign From; under the alias's domain.
    QCOMPARE(signingDomainFor(u"forward"_s, u"bank.test"_s, viaAlias), u"example.test"_s);
    // An outsider writing as our own domain is not vouched for.
    QCOMPARE(signingDomainFor(u"forward"_s, u"example.test"_s, viaAlias), QString());
    QCOMPARE(signingDomainFor(u"bounce"_s, u"mail.example.test"_s, {}), u"mail.example.test"_s);
    QCOMPARE(signingDomainFor(u"delay"_s, u"mail.example.test"_s, {}), u"mail.example.test"_s);
    QCOMPARE(signingDomainFor(u"other"_s, u"example.test"_s, viaAlias), QString());
}

void TestQueueOutbound::submissionSignedAtEnqueue() {
    addKey(u"example.test"_s);
    m_peer->rcptReplies.insert("bob@remote.test", "451 4.2.0 greylisted");
    auto queue = makeQueue();
    const QByteArray message = "Return-Path: <alice@example.test>\r\n"
                               "From: Alice <alice@example.test>\r\nTo: bob@remote.test\r\n"
                               "Subject: signed\r\n\r\nhello\r\n";
    const QString id = enqueue(*queue, u"submission"_s, u"alice@example.test"_s,
                               {{u"bob@remote.test"_s, u"bob@remote.test"_s}}, message);
    QVERIFY(!id.isEmpty());
    QVERIFY(QTest::qWaitFor([&] { return queue->attempts(id).size() == 1; }, 20000));
    // Retried after the greylisting: the same signed bytes go out again.
    m_peer->rcptReplies.clear();
    m_clock.now += 600 * 1000;
    queue->wake();
    QVERIFY(QTest::qWaitFor([&] { return queue->messages().isEmpty(); }, 20000));
    QCOMPARE(m_peer->messages.size(), 1);
    const QByteArray sent = m_peer->messages.at(0).content;
    QVERIFY(sent.startsWith("DKIM-Signature: "));
    QCOMPARE(sent.count("DKIM-Signature:"), 1);
    QVERIFY(!sent.contains("Return-Path"));
    const auto tags = signatureTags(sent);
    QCOMPARE(tags.value("d"), "example.test"_ba);
    QCOMPARE(tags.value("s"), "sel"_ba);
    QCOMPARE(tags.value("a"), "ed25519-sha256"_ba);
    QCOMPARE(tags.value("c"), "relaxed/relaxed"_ba);
    QCOMPARE(tags.value("t"), QByteArray::number(1'800'000'000)); // the queue's clock
    // h= lists From once more than it occurs (oversigning).
    QCOMPARE(tags.value("h").toLower().split(':').count("from"), 2);
    const QByteArray bodyHash =
        QCryptographicHash::hash(dkim::relaxedBody(dkim::splitMessage(sent).body),
                                 QCryptographicHash::Sha256)
            .toBase64();
    QCOMPARE(tags.value("bh"), bodyHash);
    QCOMPARE(queue->countersJson().value(u"signed_total"_s).toInteger(), 1);
}

void TestQueueOutbound::forwardSignedByAliasDomain() {
    addKey(u"example.test"_s);
    addKey(u"bank.test"_s); // even with a key for it, a foreign From is not signed
    auto queue = makeQueue();
    enqueue(*queue, u"forward"_s, u"ceo@bank.test"_s,
            {{u"bob@remote.test"_s, u"alias@example.test"_s}},
            "From: ceo@bank.test\r\nSubject: fwd\r\n\r\nbody\r\n");
    enqueue(*queue, u"forward"_s, u"spoof@elsewhere.test"_s,
            {{u"carol@remote.test"_s, u"alias2@example.test"_s}},
            "From: boss@example.test\r\nSubject: spoof\r\n\r\nbody\r\n");
    QVERIFY(QTest::qWaitFor([&] { return queue->messages().isEmpty(); }, 20000));
    QCOMPARE(m_peer->messages.size(), 2);
    for (const ReceivedMessage &received : std::as_const(m_peer->messages)) {
        if (received.rcptTo == QByteArrayList{"bob@remote.test"})
            QCOMPARE(signatureTags(received.content).value("d"), "example.test"_ba);
        else
            QVERIFY(received.content.startsWith("From: boss@example.test"));
    }
}

void TestQueueOutbound::withoutKeySentUnsigned() {
    addKey(u"other.test"_s);
    auto queue = makeQueue();
    enqueue(*queue, u"submission"_s, u"alice@example.test"_s,
            {{u"bob@remote.test"_s, u"bob@remote.test"_s}},
            "From: alice@example.test\r\nSubject: plain\r\n\r\nbody\r\n");
    QVERIFY(QTest::qWaitFor([&] { return queue->messages().isEmpty(); }, 20000));
    QCOMPARE(m_peer->messages.size(), 1);
    QCOMPARE(m_peer->messages.at(0).content,
             "From: alice@example.test\r\nSubject: plain\r\n\r\nbody\r\n"_ba);
    QCOMPARE(queue->countersJson().value(u"signed_total"_s).toInteger(), 0);
}

void TestQueueOutbound::delayNoticeOnce() {
    addKey(u"mail.example.test"_s); // notices are signed with the host name's key
    m_settings.delayWarning = std::chrono::hours(1);
    m_peer->rcptReplies.insert("slow@remote.test", "452 4.2.2 mailbox full");
    auto queue = makeQueue();
    const QString id = enqueue(*queue, u"forward"_s, u"alice@example.test"_s,
                               {{u"slow@remote.test"_s, u"slow@remote.test"_s}},
                               "From: alice@example.test\r\nSubject: waits\r\n\r\nbody\r\n");
    // Deferred for 50 minutes: no notice yet.
    for (int i = 0; i < 5; ++i) {
        QVERIFY(QTest::qWaitFor([&] { return queue->attempts(id).size() == i + 1; }, 20000));
        m_clock.now += 600 * 1000;
        queue->wake();
    }
    QVERIFY(QTest::qWaitFor([&] { return queue->attempts(id).size() == 6; }, 20000));
    QVERIFY(m_local.delivered.isEmpty());
    // The attempt at 60 minutes and the ones after: one notice only.
    for (int i = 6; i < 9; ++i) {
        m_clock.now += 600 * 1000;
        queue->wake();
        QVERIFY(QTest::qWaitFor([&] { return queue->attempts(id).size() == i + 1; }, 20000));
    }
    QVERIFY(QTest::qWaitFor([&] { return !m_local.delivered.isEmpty(); }, 20000));
    QTest::qWait(50);
    QCOMPARE(m_local.delivered.size(), 1);
    const QByteArray notice = m_local.delivered.at(0).second;
    QCOMPARE(m_local.delivered.at(0).first, u"alice@example.test"_s);
    QVERIFY(notice.startsWith("DKIM-Signature: "));
    QCOMPARE(signatureTags(notice).value("d"), "mail.example.test"_ba);
    QVERIFY(notice.contains("Subject: Delayed Mail (still being retried)\r\n"));
    QVERIFY(notice.contains("Action: delayed\r\nStatus: 4.2.2\r\n"));
    QVERIFY(notice.contains("Diagnostic-Code: smtp;452 4.2.2 mailbox full\r\n"));
    QVERIFY(notice.contains("Will-Retry-Until: "));
    QVERIFY(queue->message(id).has_value()); // still queued, still retried
    QVERIFY(queue->message(id)->delayNoticeSent);
    QCOMPARE(queue->countersJson().value(u"delay_notices_total"_s).toInteger(), 1);

    // Remembered across a restart.
    queue.reset();
    queue = makeQueue();
    QVERIFY(queue->message(id)->delayNoticeSent);
    m_clock.now += 600 * 1000;
    queue->wake();
    QVERIFY(QTest::qWaitFor([&] { return queue->attempts(id).size() == 10; }, 20000));
    QTest::qWait(50);
    QCOMPARE(m_local.delivered.size(), 1);
}

void TestQueueOutbound::noDelayNoticeForNullSender() {
    m_settings.delayWarning = std::chrono::minutes(1);
    m_peer->rcptReplies.insert("slow@remote.test", "452 4.2.2 mailbox full");
    auto queue = makeQueue();
    const QString id =
        enqueue(*queue, u"forward"_s, QString(), {{u"slow@remote.test"_s, u"slow@remote.test"_s}},
                "From: x@remote.test\r\n\r\nbody\r\n");
    for (int i = 0; i < 3; ++i) {
        QVERIFY(QTest::qWaitFor([&] { return queue->attempts(id).size() == i + 1; }, 20000));
        m_clock.now += 600 * 1000;
        queue->wake();
    }
    QTest::qWait(50);
    QVERIFY(m_local.delivered.isEmpty());
    QCOMPARE(queue->countersJson().value(u"delay_notices_total"_s).toInteger(), 0);
}

void TestQueueOutbound::smarthostWithoutTlsDefers() {
    // The peer offers no STARTTLS: nothing is sent, credentials least of all.
    m_settings.smarthost.host = u"127.0.0.1"_s;
    m_settings.smarthost.port = m_peer->port();
    m_settings.smarthost.user = u"relayuser"_s;
    m_settings.smarthost.password = u"secret"_s;
    m_settings.remotePort = 1; // MX routing would fail: the smarthost must be used
    auto queue = makeQueue();
    const QString id = enqueue(*queue, u"forward"_s, u"alice@example.test"_s,
                               {{u"bob@remote.test"_s, u"bob@remote.test"_s}},
                               "From: alice@example.test\r\n\r\nbody\r\n");
    QVERIFY(QTest::qWaitFor([&] { return queue->attempts(id).size() == 1; }, 20000));
    const QueueAttempt attempt = queue->attempts(id).at(0);
    QCOMPARE(attempt.outcome, RecipientState::Deferred);
    QVERIFY2(attempt.answer.startsWith("451 4.7.10 TLS is required"), attempt.answer.constData());
    QVERIFY(m_router.asked.isEmpty());
    QCOMPARE(m_peer->connections, 1);
    QVERIFY(m_peer->messages.isEmpty());
    for (const QByteArray &command : std::as_const(m_peer->commands))
        QVERIFY2(!command.startsWith("AUTH") && !command.startsWith("MAIL"), command.constData());
}

QTEST_GUILESS_MAIN(TestQueueOutbound)
#include "tst_queueoutbound.moc"
