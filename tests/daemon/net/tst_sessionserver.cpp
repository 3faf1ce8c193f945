// tst_sessionserver.cpp - the scaffolding shared by the protocol servers:
// hand-off to the I/O threads, refusal text, graceful stop, settings
// snapshots and sessions per user
//
// A protocol of its own (ProbeSession) stands in for SMTP, IMAP and POP3:
// its sessions take no socket, so connections carry no descriptor.
#include "net/ConnectionTicket.h"
#include "net/IoThreadPool.h"
#include "net/SessionServer.h"
#include "net/SessionServerState.h"
#include "net/SessionsPerUser.h"

#include <atomic>
#include <memory>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace mailstead;

namespace {

Q_LOGGING_CATEGORY(lcProbe, "mailstead.test.probe")

struct ProbeServices {
    int id = 0;
};

struct ProbeSettings {
    QByteArray greeting = "hello";
};

struct ProbeCounters {
    std::atomic<qint64> connectionsActive{0};
    QJsonObject toJson() const { return {{u"connections_active"_s, connectionsActive.load()}}; }
};

class ProbeState : public net::SessionServerState<ProbeServices, ProbeSettings> {
public:
    using SessionServerState::SessionServerState;

    ProbeCounters counters;
    std::atomic<int> pendingWork{0};
    // Set by the sessions, read by the test thread.
    std::atomic<bool> startedOffMainThread{false};
    std::atomic<int> shutdownsAsked{0};
    std::atomic<int> aborted{0};
    QByteArray lastGreeting; // written in an I/O thread before the count goes up
};

// Lives on an I/O thread like a real session; a "busy" one (its peer port
// is 1) ignores beginShutdown() and only ends through abort().
class ProbeSession : public QObject {
    Q_OBJECT
public:
    static void start(const std::shared_ptr<ProbeState> &state, net::AcceptedConnection &connection,
                      QObject *anchor) {
        state->startedOffMainThread = QThread::currentThread() != qApp->thread();
        state->lastGreeting = state->settings()->greeting;
        new ProbeSession(state, connection.peerPort() == 1, anchor);
    }
    ~ProbeSession() override { --m_state->counters.connectionsActive; }

    void beginShutdown() {
        ++m_state->shutdownsAsked;
        if (!m_busy)
            deleteLater();
    }
    void abort() {
        ++m_state->aborted;
        delete this;
    }

private:
    ProbeSession(const std::shared_ptr<ProbeState> &state, bool busy, QObject *anchor)
        : QObject(anchor)
        , m_state(state)
        , m_busy(busy) {
        ++m_state->counters.connectionsActive;
    }

    std::shared_ptr<ProbeState> m_state;
    bool m_busy;
};

class ProbeServer : public net::SessionServerOf<ProbeState, ProbeSession> {
public:
    ProbeServer(const std::shared_ptr<ProbeState> &state, net::IoThreadPool *pool)
        : SessionServerOf(state, "PROBE", lcProbe(), pool, nullptr) {}

private:
    QByteArray refusalLine(const QByteArray &text) const override { return "NO " + text; }
    bool hasPendingWork() const override { return m_state->pendingWork.load() != 0; }
};

std::unique_ptr<net::AcceptedConnection> connectionFrom(quint16 peerPort) {
    return std::make_unique<net::AcceptedConnection>(
        core::Service::Imap, -1, QHostAddress(QHostAddress::LocalHost), peerPort, nullptr);
}

} // namespace

class TestSessionServer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_pool = std::make_unique<net::IoThreadPool>(2, u"probe"_s);
        m_state = std::make_shared<ProbeState>(ProbeServices{7});
        m_server = std::make_unique<ProbeServer>(m_state, m_pool.get());
    }
    void cleanup() {
        m_server.reset();
        m_pool.reset();
        m_state.reset();
    }

    void refusalIsCapitalizedInTheProtocolsWords() {
        QCOMPARE(m_server->refusal(u"too many connections"_s),
                 QByteArray("NO Too many connections, try again later"));
        QCOMPARE(m_server->refusal(QString()), QByteArray("NO , try again later"));
    }

    void sessionsStartOnIoThreadsWithCurrentSettings() {
        QCOMPARE(m_state->services().id, 7);
        m_server->setSettings(ProbeSettings{"changed"});
        QCOMPARE(m_server->settings().greeting, QByteArray("changed"));
        m_server->handle(connectionFrom(2000));
        m_server->handle(connectionFrom(2001));
        QTRY_COMPARE(m_server->activeSessions(), 2);
        QVERIFY(m_state->startedOffMainThread.load());
        QCOMPARE(m_state->lastGreeting, QByteArray("changed"));
        QCOMPARE(m_server->countersJson().value(u"connections_active"_s).toInteger(), 2);
    }

    void connectionAfterPoolStopIsDropped() {
        m_pool->stop();
        m_server->handle(connectionFrom(2000));
        QTest::qWait(50);
        QCOMPARE(m_server->activeSessions(), 0);
    }

    void shutdownWaitsForSessionsAndPendingWork() {
        m_server->handle(connectionFrom(2000));
        QTRY_COMPARE(m_server->activeSessions(), 1);
        ++m_state->pendingWork;
        bool drained = false;
        m_server->shutdown(std::chrono::seconds(20), [&drained] { drained = true; });
        QVERIFY(m_state->draining.load());
        QTRY_COMPARE(m_server->activeSessions(), 0);
        QCOMPARE(m_state->shutdownsAsked.load(), 1);
        QTest::qWait(100);
        QVERIFY(!drained); // the store has not answered yet
        --m_state->pendingWork;
        QTRY_VERIFY(drained);
        QCOMPARE(m_state->aborted.load(), 0);
    }

    void shutdownCutsWhatIsLeftAfterTheGrace() {
        m_server->handle(connectionFrom(1)); // busy: stays after beginShutdown()
        QTRY_COMPARE(m_server->activeSessions(), 1);
        bool drained = false;
        m_server->shutdown(std::chrono::milliseconds(100), [&drained] { drained = true; });
        QTRY_VERIFY(drained);
        // abortSessions() blocks until every I/O thread has run it.
        QCOMPARE(m_state->aborted.load(), 1);
        QCOMPARE(m_server->activeSessions(), 0);
    }

    void shutdownWithoutSessionsIsDoneAtOnce() {
        bool drained = false;
        m_server->shutdown(std::chrono::seconds(20), [&drained] { drained = true; });
        QVERIFY(drained);
    }

    void sessionsPerUserKeepTheirLimit() {
        net::SessionsPerUser users;
        QVERIFY(users.acquire(u"a@example.test"_s, 2));
        QVERIFY(users.acquire(u"a@example.test"_s, 2));
        QVERIFY(!users.acquire(u"a@example.test"_s, 2));
        QVERIFY(users.acquire(u"b@example.test"_s, 2));
        QCOMPARE(users.count(u"a@example.test"_s), 2);
        users.release(u"a@example.test"_s);
        QCOMPARE(users.count(u"a@example.test"_s), 1);
        QVERIFY(users.acquire(u"a@example.test"_s, 2));
        users.release(u"nobody@example.test"_s);
        QCOMPARE(users.count(u"nobody@example.test"_s), 0);
        // limit 0: no limit.
        for (int i = 0; i < 50; ++i)
            QVERIFY(users.acquire(u"c@example.test"_s, 0));
        QCOMPARE(users.count(u"c@example.test"_s), 50);
    }

private:
    std::unique_ptr<net::IoThreadPool> m_pool;
    std::shared_ptr<ProbeState> m_state;
    std::unique_ptr<ProbeServer> m_server;
};

QTEST_GUILESS_MAIN(TestSessionServer)
#include "tst_sessionserver.moc"
