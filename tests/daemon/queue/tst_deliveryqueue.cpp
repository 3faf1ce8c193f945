// tst_deliveryqueue.cpp - the queue's scheduler, outcomes and bounces with
// a test clock
//
// Covers daemon/queue/DeliveryQueue: grouping by domain, delivery to a
// scripted SMTP peer on loopback, 4xx then success after the backoff
// (RFC 5321 section 4.5.4.1), 5xx and expiry giving an RFC 3464 bounce to
// the sender (delivered locally through a LocalDelivery test double), null
// MX (RFC 7505), no bounce for a null sender, state kept across a reopen,
// and the administrator's hold, release, retry, bounce and delete. Routes
// come from a test double of MxRouter that points every domain at the
// peer; time from a test QueueClock, so nothing waits for minutes.

#include "queue/DeliveryQueue.h"
#include "queue/LocalDelivery.h"
#include "queue/MxRouter.h"
#include "ScriptedSmtpPeer.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::queue;

namespace {

class TestClock final : public QueueClock {
public:
    qint64 now = 1'800'000'000'000;
    quint32 nextRandom = 0; // returned (bounded) by random()
    qint64 nowMs() const override { return now; }
    quint32 random(quint32 bound) override { return bound == 0 ? 0 : nextRandom % bound; }
};

// Every domain at 127.0.0.1 unless told otherwise.
class TestRouter final : public MxRouter {
public:
    QHash<QString, MxRoute::Status> statuses;
    QStringList asked;
    void route(const QString &domain, QObject *context, Callback callback) override {
        asked.append(domain);
        MxRoute route;
        route.status = statuses.value(domain, MxRoute::Status::Ok);
        if (route.status == MxRoute::Status::Ok)
            route.hosts = {{u"mx."_s + domain, 10, {QHostAddress::LocalHost}}};
        else
            route.error = u"test route"_s;
        QMetaObject::invokeMethod(
            context, [callback, route] { callback(route); }, Qt::QueuedConnection);
    }
};

// example.test is local; deliveries are recorded and answered with `reply`.
class TestLocalDelivery final : public LocalDelivery {
public:
    struct Delivered {
        QString sender;
        QString address;
        QByteArray message;
    };
    QList<Delivered> delivered;
    QByteArray reply = "250 2.0.0 ok";
    bool isLocalDomain(const QString &domain) const override { return domain == u"example.test"_s; }
    void deliver(const QString &sender, const QString &address, const QByteArray &message,
                 QObject *context, Callback done) override {
        delivered.append({sender, address, message});
        const smtp::SmtpReply answer =
            smtp::makeReply(reply.left(3).toInt(), reply.mid(4, 5), reply.mid(10));
        QMetaObject::invokeMethod(
            context, [done, answer] { done(answer); }, Qt::QueuedConnection);
    }
};

} // namespace

class TestDeliveryQueue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void deliversAndForgets();
    void groupsRecipientsByDomain();
    void temporaryFailureThenRetry();
    void permanentFailureBounces();
    void expiryBounces();
    void nullMxBouncesAtOnce();
    void nullSenderIsNeverBounced();
    void surviveReopen();
    void administration();
    void retrySchedule();
    void concurrencyPerDomain();

private:
    std::unique_ptr<DeliveryQueue> makeQueue();
    QString enqueue(DeliveryQueue &queue, const QString &sender, const QStringList &to,
                    const QByteArray &message = "From: a@example.test\r\nSubject: t\r\n\r\nhi\r\n");
    bool waitIdle(DeliveryQueue &queue);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ScriptedSmtpPeer> m_peer;
    TestClock m_clock;
    TestRouter m_router;
    TestLocalDelivery m_local;
    QueueSettings m_settings;
};

void TestDeliveryQueue::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_peer = std::make_unique<ScriptedSmtpPeer>();
    m_clock = TestClock();
    m_router.statuses.clear();
    m_router.asked.clear();
    m_local = TestLocalDelivery();
    m_settings = QueueSettings();
    m_settings.hostname = u"mail.example.test"_s;
    m_settings.remotePort = m_peer->port();
    m_settings.retryBase = std::chrono::seconds(60);
    m_settings.retryMax = std::chrono::seconds(600);
    m_settings.maxAge = std::chrono::seconds(3600);
    m_settings.timeouts.connect = std::chrono::seconds(5);
}

void TestDeliveryQueue::cleanup() {
    m_peer.reset();
    m_dir.reset();
}

std::unique_ptr<DeliveryQueue> TestDeliveryQueue::makeQueue() {
    QueueServices services;
    services.router = &m_router;
    services.local = &m_local;
    services.clock = &m_clock;
    auto queue = std::make_unique<DeliveryQueue>(services, m_settings);
    QString error;
    if (!queue->open(m_dir->path(), &error))
        qFatal("cannot open the queue: %s", qPrintable(error));
    return queue;
}

QString TestDeliveryQueue::enqueue(DeliveryQueue &queue, const QString &sender,
                                   const QStringList &to, const QByteArray &message) {
    QueueSubmission submission;
    submission.sender = sender;
    for (const QString &address : to)
        submission.recipients.append({address, address});
    submission.origin = u"forward"_s;
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

// Until no attempt runs and nothing is due.
bool TestDeliveryQueue::waitIdle(DeliveryQueue &queue) {
    return QTest::qWaitFor(
        [&] {
            if (queue.activeAttempts() > 0)
                return false;
            for (const QueuedMessage &message : queue.messages()) {
                for (const QueueRecipient &r : message.recipients) {
                    if ((r.state == RecipientState::Pending ||
                         r.state == RecipientState::Deferred) &&
                        r.nextAttemptMs <= m_clock.now)
                        return false;
                }
            }
            QCoreApplication::processEvents();
            return queue.activeAttempts() == 0;
        },
        20000);
}

void TestDeliveryQueue::deliversAndForgets() {
    auto queue = makeQueue();
    const QString id = enqueue(*queue, u"alice@example.test"_s, {u"bob@remote.test"_s});
    QVERIFY(!id.isEmpty());
    QVERIFY(QTest::qWaitFor([&] { return queue->messages().isEmpty(); }, 20000));
    QCOMPARE(m_peer->messages.size(), 1);
    QCOMPARE(m_peer->messages.at(0).mailFrom.left(30), "MAIL FROM:<alice@example.test>"_ba);
    QCOMPARE(m_peer->messages.at(0).content, "From: a@example.test\r\nSubject: t\r\n\r\nhi\r\n"_ba);
    const QJsonObject counters = queue->countersJson();
    QCOMPARE(counters.value(u"delivered_total"_s).toInteger(), 1);
    QCOMPARE(counters.value(u"messages"_s).toInteger(), 0);
    QVERIFY(m_local.delivered.isEmpty());
}

void TestDeliveryQueue::groupsRecipientsByDomain() {
    auto queue = makeQueue();
    enqueue(*queue, u"alice@example.test"_s,
            {u"a@one.test"_s, u"b@two.test"_s, u"c@one.test"_s, u"d@example.test"_s});
    QVERIFY(QTest::qWaitFor([&] { return queue->messages().isEmpty(); }, 20000));
    // one.test in one transaction, two.test in another, example.test locally.
    QCOMPARE(m_peer->messages.size(), 2);
    QList<QByteArrayList> recipients;
    for (const ReceivedMessage &m : std::as_const(m_peer->messages))
        recipients.append(m.rcptTo);
    QVERIFY(recipients.contains(QByteArrayList({"a@one.test", "c@one.test"})));
    QVERIFY(recipients.contains(QByteArrayList{"b@two.test"}));
    QCOMPARE(m_local.delivered.size(), 1);
    QCOMPARE(m_local.delivered.at(0).address, u"d@example.test"_s);
    QCOMPARE(m_router.asked.count(u"one.test"_s), 1);
}

void TestDeliveryQueue::temporaryFailureThenRetry() {
    m_peer->rcptReplies.insert("bob@remote.test", "451 4.2.0 greylisted");
    m_clock.nextRandom = 7000;
    auto queue = makeQueue();
    const QString id =
        enqueue(*queue, u"alice@example.test"_s, {u"bob@remote.test"_s, u"carol@remote.test"_s});
    QVERIFY(waitIdle(*queue));
    std::optional<QueuedMessage> message = queue->message(id);
    QVERIFY(message);
    const QueueRecipient bob = message->recipients.at(0);
    QCOMPARE(bob.state, RecipientState::Deferred);
    QCOMPARE(bob.lastAnswer, "451 4.2.0 greylisted"_ba);
    QCOMPARE(bob.lastHost, u"mx.remote.test"_s);
    // base 60 s + jitter (7000 ms of at most 25 %).
    QCOMPARE(bob.nextAttemptMs, m_clock.now + 60000 + 7000);
    QCOMPARE(message->recipients.at(1).state, RecipientState::Delivered);
    QCOMPARE(m_peer->messages.size(), 1);

    // Not due yet: nothing happens.
    m_clock.now += 60000;
    queue->wake();
    QVERIFY(waitIdle(*queue));
    QCOMPARE(queue->attempts(id).size(), 2);

    m_peer->rcptReplies.clear();
    m_clock.now += 7000;
    queue->wake();
    QVERIFY(QTest::qWaitFor([&] { return queue->messages().isEmpty(); }, 20000));
    QCOMPARE(m_peer->messages.size(), 2);
    QCOMPARE(m_peer->messages.at(1).rcptTo, QByteArrayList{"bob@remote.test"});
    QVERIFY(m_local.delivered.isEmpty()); // no bounce
}

void TestDeliveryQueue::permanentFailureBounces() {
    m_peer->rcptReplies.insert("gone@remote.test", "550 5.1.1 no such user");
    auto queue = makeQueue();
    enqueue(*queue, u"alice@example.test"_s, {u"gone@remote.test"_s, u"ok@remote.test"_s},
            "Return-Path: <alice@example.test>\r\nFrom: alice@example.test\r\n"
            "Subject: report\r\n\r\nbody\r\n");
    QVERIFY(QTest::qWaitFor([&] { return !m_local.delivered.isEmpty(); }, 20000));
    QVERIFY(QTest::qWaitFor([&] { return queue->messages().isEmpty(); }, 20000));
    QCOMPARE(m_local.delivered.size(), 1);
    const auto &bounce = m_local.delivered.at(0);
    QVERIFY(bounce.sender.isEmpty()); // the null reverse-path
    QCOMPARE(bounce.address, u"alice@example.test"_s);
    QVERIFY(bounce.message.contains("report-type=delivery-status"));
    QVERIFY(bounce.message.contains("Final-Recipient: rfc822;gone@remote.test\r\n"));
    QVERIFY(bounce.message.contains("Action: failed\r\nStatus: 5.1.1\r\n"));
    QVERIFY(bounce.message.contains("Remote-MTA: dns;mx.remote.test\r\n"));
    QVERIFY(bounce.message.contains("Diagnostic-Code: smtp;550 5.1.1 no such user\r\n"));
    QVERIFY(!bounce.message.contains("ok@remote.test"));
    // The original headers, without our Return-Path.
    QVERIFY(bounce.message.contains("Content-Type: text/rfc822-headers\r\n\r\n"
                                    "From: alice@example.test\r\nSubject: report\r\n"));
    // The sent copy has no Return-Path either (RFC 5321 section 4.4).
    QVERIFY(m_peer->messages.at(0).content.startsWith("From: alice@example.test"));
    QCOMPARE(queue->countersJson().value(u"bounces_total"_s).toInteger(), 1);
}

void TestDeliveryQueue::expiryBounces() {
    m_peer->rcptReplies.insert("slow@remote.test", "452 4.2.2 mailbox full");
    auto queue = makeQueue();
    const QString id = enqueue(*queue, u"alice@example.test"_s, {u"slow@remote.test"_s});
    for (int i = 0; i < 20 && queue->message(id); ++i) {
        QVERIFY(waitIdle(*queue));
        m_clock.now += 600 * 1000 + 150 * 1000; // past any retry_max + jitter
        queue->wake();
    }
    QVERIFY(QTest::qWaitFor([&] { return !m_local.delivered.isEmpty(); }, 20000));
    const QByteArray dsn = m_local.delivered.at(0).message;
    QVERIFY(dsn.contains("Action: failed\r\nStatus: 4.4.7\r\n"));
    QVERIFY(dsn.contains("Diagnostic-Code: smtp;452 4.2.2 mailbox full\r\n"));
    // Attempts stopped at max_age: one hour at 12.5 minutes a step.
    QVERIFY(m_peer->connections >= 5 && m_peer->connections <= 7);
}

void TestDeliveryQueue::nullMxBouncesAtOnce() {
    m_router.statuses.insert(u"nomail.test"_s, MxRoute::Status::NullMx);
    m_router.statuses.insert(u"nowhere.test"_s, MxRoute::Status::NoHost);
    m_router.statuses.insert(u"dnsdown.test"_s, MxRoute::Status::TempFail);
    auto queue = makeQueue();
    const QString id = enqueue(*queue, u"alice@example.test"_s,
                               {u"x@nomail.test"_s, u"y@nowhere.test"_s, u"z@dnsdown.test"_s});
    QVERIFY(waitIdle(*queue));
    const QueuedMessage message = *queue->message(id);
    QCOMPARE(message.recipients.at(0).state, RecipientState::Failed);
    QCOMPARE(message.recipients.at(0).lastStatus, "5.1.10"_ba);
    QCOMPARE(message.recipients.at(1).state, RecipientState::Failed);
    QCOMPARE(message.recipients.at(1).lastStatus, "5.1.2"_ba);
    QCOMPARE(message.recipients.at(2).state, RecipientState::Deferred);
    QCOMPARE(message.recipients.at(2).lastStatus, "4.4.3"_ba);
    QCOMPARE(m_peer->connections, 0);
    // The bounce waits until every recipient is final.
    QVERIFY(m_local.delivered.isEmpty());
    queue->bounce(id);
    QVERIFY(QTest::qWaitFor([&] { return !m_local.delivered.isEmpty(); }, 20000));
    const QByteArray dsn = m_local.delivered.at(0).message;
    QVERIFY(dsn.contains("Status: 5.1.10\r\n"));
    QVERIFY(dsn.contains("Status: 5.1.2\r\n"));
    QVERIFY(dsn.contains("Final-Recipient: rfc822;z@dnsdown.test\r\nAction: failed\r\n"
                         "Status: 5.0.0\r\n"));
}

void TestDeliveryQueue::nullSenderIsNeverBounced() {
    m_peer->rcptReplies.insert("gone@remote.test", "550 5.1.1 no such user");
    auto queue = makeQueue();
    enqueue(*queue, QString(), {u"gone@remote.test"_s});
    QVERIFY(QTest::qWaitFor([&] { return queue->messages().isEmpty(); }, 20000));
    QVERIFY(m_peer->messages.isEmpty());
    QVERIFY(m_local.delivered.isEmpty());
    QVERIFY(m_peer->commands.contains("MAIL FROM:<> SIZE=40"));
}

void TestDeliveryQueue::surviveReopen() {
    const quint16 livePort = m_peer->port();
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_settings.remotePort = probe.serverPort(); // closed again below: the peer is down
    }
    QString id;
    {
        auto queue = makeQueue();
        id = enqueue(*queue, u"alice@example.test"_s, {u"bob@remote.test"_s});
        QVERIFY(waitIdle(*queue));
        const QueueRecipient bob = queue->message(id)->recipients.at(0);
        QCOMPARE(bob.state, RecipientState::Deferred);
        QVERIFY(bob.lastAnswer.startsWith("451 4.4.1 cannot connect"));
        queue->close();
    }
    m_settings.remotePort = livePort;
    auto queue = makeQueue();
    QVERIFY(queue->message(id));
    QCOMPARE(queue->message(id)->recipients.at(0).state, RecipientState::Deferred);
    QCOMPARE(queue->attempts(id).size(), 1);
    m_clock.now += 10 * 60 * 1000;
    queue->wake();
    QVERIFY(QTest::qWaitFor([&] { return queue->messages().isEmpty(); }, 20000));
    QCOMPARE(m_peer->messages.size(), 1);
}

void TestDeliveryQueue::administration() {
    m_peer->rcptReplies.insert("bob@remote.test", "451 4.3.0 later");
    auto queue = makeQueue();
    const QString id = enqueue(*queue, u"alice@example.test"_s, {u"bob@remote.test"_s});
    QVERIFY(waitIdle(*queue));
    QCOMPARE(queue->hold(id), QStringList{id});
    QCOMPARE(queue->message(id)->recipients.at(0).state, RecipientState::Held);
    QCOMPARE(queue->hold(id), QStringList()); // already held
    m_clock.now += 1200 * 1000;               // past the retry, within max_age
    queue->wake();
    QVERIFY(waitIdle(*queue));
    QCOMPARE(m_peer->connections, 1); // held: not tried

    QCOMPARE(queue->release(id), QStringList{id});
    QVERIFY(waitIdle(*queue));
    QCOMPARE(m_peer->connections, 2);
    QCOMPARE(queue->retry(QString()), QStringList{id});
    QVERIFY(waitIdle(*queue));
    QCOMPARE(m_peer->connections, 3);
    QCOMPARE(queue->attempts(id).size(), 3);
    QCOMPARE(queue->retry(u"FFFFFFFFFFFFFFFF"_s), QStringList());

    QCOMPARE(queue->remove(id), QStringList{id});
    QVERIFY(!queue->message(id));
    QVERIFY(queue->attempts(id).isEmpty());
    QVERIFY(m_local.delivered.isEmpty()); // deleting does not bounce
}

void TestDeliveryQueue::retrySchedule() {
    QueueSettings settings;
    settings.retryBase = std::chrono::seconds(300);
    settings.retryMax = std::chrono::seconds(3600);
    settings.retryJitterPercent = 25;
    TestClock clock;
    clock.nextRandom = 0;
    QCOMPARE(retryDelayMs(settings, 1, clock), 300000);
    QCOMPARE(retryDelayMs(settings, 2, clock), 600000);
    QCOMPARE(retryDelayMs(settings, 3, clock), 1200000);
    QCOMPARE(retryDelayMs(settings, 4, clock), 2400000);
    QCOMPARE(retryDelayMs(settings, 5, clock), 3600000);
    QCOMPARE(retryDelayMs(settings, 50, clock), 3600000);
    clock.nextRandom = 0xffffffff;
    // The jitter adds at most 25 %.
    const qint64 jittered = retryDelayMs(settings, 1, clock);
    QVERIFY(jittered >= 300000 && jittered <= 375000);
}

void TestDeliveryQueue::concurrencyPerDomain() {
    m_peer->silent = true; // every session hangs until its timeout
    m_settings.maxConcurrencyPerDomain = 2;
    m_settings.timeouts.greeting = std::chrono::seconds(2);
    auto queue = makeQueue();
    for (int i = 0; i < 5; ++i)
        enqueue(*queue, u"alice@example.test"_s, {u"bob@remote.test"_s});
    enqueue(*queue, u"alice@example.test"_s, {u"x@other.test"_s});
    QTest::qWait(300);
    QCOMPARE(queue->activeAttempts(), 3); // 2 for remote.test, 1 for other.test
    QVERIFY(m_peer->connections <= 3);
}

QTEST_GUILESS_MAIN(TestDeliveryQueue)
#include "tst_deliveryqueue.moc"
