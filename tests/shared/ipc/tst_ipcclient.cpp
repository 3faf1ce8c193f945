// tst_ipcclient.cpp - IpcClient against a scripted peer on a real local socket
//
// The peer is a bare QLocalServer in this test (not mailsteadd), so each case
// controls exactly what the "daemon" answers and when it hangs up.

#include "ipc/IpcClient.h"

#include <memory>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace mailstead::ipc;

namespace {

constexpr int waitMs = 5000;

// A scripted stand-in for mailsteadd: records each decoded message it
// receives and lets the test write raw lines or hang up.
class FakeDaemon {
public:
    explicit FakeDaemon(const QString &path)
        : m_path(path) {
        QObject::connect(&m_server, &QLocalServer::newConnection, &m_server, [this] {
            while (QLocalSocket *socket = m_server.nextPendingConnection()) {
                m_connections.append(socket);
                auto decoder = std::make_shared<LineDecoder>();
                QObject::connect(socket, &QLocalSocket::readyRead, socket, [this, socket, decoder] {
                    decoder->append(socket->readAll());
                    for (;;) {
                        const LineDecoder::Result result = decoder->next();
                        if (result.status != LineDecoder::Status::Line)
                            break;
                        m_received.append(decodeMessage(result.line));
                    }
                });
            }
        });
    }

    bool listen() {
        QLocalServer::removeServer(m_path);
        return m_server.listen(m_path);
    }
    void stop() {
        for (const QPointer<QLocalSocket> &socket : std::as_const(m_connections)) {
            if (socket)
                socket->abort();
        }
        m_connections.clear();
        m_server.close();
    }

    QLocalSocket *connection() const {
        return m_connections.isEmpty() ? nullptr : m_connections.constLast().data();
    }
    int connectionCount() const { return int(m_connections.size()); }
    QList<Message> &received() { return m_received; }

    void send(const QByteArray &line) {
        QLocalSocket *socket = connection();
        QVERIFY(socket);
        socket->write(line);
        socket->flush();
    }
    void hangUp() {
        if (QLocalSocket *socket = connection())
            socket->disconnectFromServer();
    }

private:
    QString m_path;
    QLocalServer m_server;
    QList<QPointer<QLocalSocket>> m_connections;
    QList<Message> m_received;
};

// Collects the replies a callback receives, to check "exactly once".
struct ReplyLog {
    QList<Reply> replies;
    IpcClient::Callback callback() {
        return [this](const Reply &reply) { replies.append(reply); };
    }
};

} // namespace

class TestIpcClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void callReturnsResult();
    void errorCarriesField();
    void nullIdErrorFailsOldestPending();
    void unauthorizedWithoutPendingIsReported();
    void disconnectFailsPending();
    void disconnectFromFailsPending();
    void callWhileConnecting();
    void callWhenNotConnected();
    void connectToMissingSocket();
    void notificationSignal();
    void garbageFromDaemonIsIgnored();
    void subscribeResentAfterReconnect();
    void callAndWaitResult();
    void callAndWaitTimeout();
    void destroyWithPendingCalls();

    void socketPathResolution();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeDaemon> m_daemon;
    QString m_path;

    // Connects a client to m_daemon and waits until the daemon sees it.
    bool connectClient(IpcClient &client);
};

void TestIpcClient::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"admin.sock"_s);
    m_daemon = std::make_unique<FakeDaemon>(m_path);
    QVERIFY(m_daemon->listen());
}

void TestIpcClient::cleanup() {
    m_daemon.reset();
    m_dir.reset();
}

bool TestIpcClient::connectClient(IpcClient &client) {
    client.connectTo(m_path);
    if (!client.waitForConnected(waitMs))
        return false;
    return QTest::qWaitFor([this] { return m_daemon->connectionCount() > 0; }, waitMs);
}

void TestIpcClient::callReturnsResult() {
    IpcClient client;
    QVERIFY(connectClient(client));
    QVERIFY(client.isConnected());
    QCOMPARE(client.socketPath(), m_path);

    ReplyLog log;
    client.call(u"domain.get"_s, {{"name"_L1, u"x.test"_s}}, log.callback());
    QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 1, waitMs);

    const Message request = m_daemon->received().constFirst();
    QCOMPARE(int(request.kind), int(Message::Kind::Request));
    QCOMPARE(request.method, u"domain.get"_s);
    QCOMPARE(request.params.value("name"_L1).toString(), u"x.test"_s);
    QVERIFY(request.id.isDouble()); // ids are integers

    m_daemon->send(encodeResult(request.id, QJsonObject{{"name"_L1, u"x.test"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(log.replies.size(), 1, waitMs);
    QVERIFY(log.replies.constFirst().ok);
    QCOMPARE(log.replies.constFirst().result.toObject().value("name"_L1).toString(), u"x.test"_s);

    // A duplicate answer finds no pending call and is ignored.
    m_daemon->send(encodeResult(request.id, 1));
    QTest::qWait(50);
    QCOMPARE(log.replies.size(), 1);
}

void TestIpcClient::errorCarriesField() {
    IpcClient client;
    QVERIFY(connectClient(client));

    ReplyLog log;
    client.call(u"domain.add"_s, {{"name"_L1, u"bad..name"_s}}, log.callback());
    QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 1, waitMs);
    m_daemon->send(
        encodeError(m_daemon->received().constFirst().id,
                    {ErrorCode::InvalidValue, u"the domain has an empty label"_s, u"name"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(log.replies.size(), 1, waitMs);
    const Reply reply = log.replies.constFirst();
    QVERIFY(!reply.ok);
    QCOMPARE(reply.error.code, ErrorCode::InvalidValue);
    QCOMPARE(reply.error.message, u"the domain has an empty label"_s);
    QCOMPARE(reply.error.field, u"name"_s);
}

void TestIpcClient::nullIdErrorFailsOldestPending() {
    IpcClient client;
    QVERIFY(connectClient(client));

    ReplyLog first;
    ReplyLog second;
    client.call(u"system.status"_s, {}, first.callback());
    client.call(u"domain.list"_s, {}, second.callback());
    QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 2, waitMs);

    // What mailsteadd does for a peer it does not authorize.
    m_daemon->send(
        encodeError(QJsonValue::Null, {ErrorCode::Unauthorized, u"not authorized"_s, {}}));
    m_daemon->hangUp();

    QTRY_COMPARE_WITH_TIMEOUT(second.replies.size(), 1, waitMs);
    QCOMPARE(first.replies.size(), 1);
    QCOMPARE(first.replies.constFirst().error.code, ErrorCode::Unauthorized);
    QCOMPARE(first.replies.constFirst().error.message, u"not authorized"_s);
    QCOMPARE(second.replies.constFirst().error.code, ErrorCode::InternalError);
    QCOMPARE(second.replies.constFirst().error.message, u"connection to mailsteadd lost"_s);
}

void TestIpcClient::unauthorizedWithoutPendingIsReported() {
    IpcClient client;
    QSignalSpy errors(&client, &IpcClient::connectionError);
    QVERIFY(connectClient(client));
    m_daemon->send(
        encodeError(QJsonValue::Null, {ErrorCode::Unauthorized, u"not authorized"_s, {}}));
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), waitMs);
    QCOMPARE(errors.constFirst().constFirst().toString(), u"not authorized"_s);
    QCOMPARE(client.lastError(), u"not authorized"_s);

    // A call made before or after the daemon hangs up is answered with
    // the refusal, so the CLI can say "not authorized".
    ReplyLog before;
    client.call(u"system.status"_s, {}, before.callback());
    m_daemon->hangUp();
    QTRY_COMPARE_WITH_TIMEOUT(before.replies.size(), 1, waitMs);
    QCOMPARE(before.replies.constFirst().error.code, ErrorCode::Unauthorized);
    QTRY_VERIFY_WITH_TIMEOUT(!client.isConnected(), waitMs);
    const Reply after = client.callAndWait(u"system.status"_s, {}, waitMs);
    QCOMPARE(after.error.code, ErrorCode::Unauthorized);
    QCOMPARE(after.error.message, u"not authorized"_s);

    // A new connection starts afresh.
    client.connectTo(m_path);
    QVERIFY(client.waitForConnected(waitMs));
    QTRY_COMPARE_WITH_TIMEOUT(m_daemon->connectionCount(), 2, waitMs);
    m_daemon->received().clear(); // the first call may or may not have arrived
    ReplyLog fresh;
    client.call(u"system.status"_s, {}, fresh.callback());
    QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 1, waitMs);
    m_daemon->hangUp();
    QTRY_COMPARE_WITH_TIMEOUT(fresh.replies.size(), 1, waitMs);
    QCOMPARE(fresh.replies.constFirst().error.message, u"connection to mailsteadd lost"_s);
}

void TestIpcClient::disconnectFailsPending() {
    IpcClient client;
    QVERIFY(connectClient(client));
    QSignalSpy disconnected(&client, &IpcClient::disconnected);

    ReplyLog log;
    client.call(u"system.status"_s, {}, log.callback());
    client.call(u"system.hello"_s, {}, log.callback());
    QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 2, waitMs);
    m_daemon->hangUp();

    QTRY_COMPARE_WITH_TIMEOUT(log.replies.size(), 2, waitMs);
    for (const Reply &reply : std::as_const(log.replies)) {
        QVERIFY(!reply.ok);
        QCOMPARE(reply.error.code, ErrorCode::InternalError);
        QCOMPARE(reply.error.message, u"connection to mailsteadd lost"_s);
    }
    QCOMPARE(disconnected.size(), 1);
    QVERIFY(!client.isConnected());

    // Nothing is called twice later on.
    QTest::qWait(50);
    QCOMPARE(log.replies.size(), 2);
}

void TestIpcClient::disconnectFromFailsPending() {
    IpcClient client;
    QVERIFY(connectClient(client));
    ReplyLog log;
    client.call(u"system.status"_s, {}, log.callback());
    client.disconnectFrom();
    QTRY_COMPARE_WITH_TIMEOUT(log.replies.size(), 1, waitMs);
    QCOMPARE(log.replies.constFirst().error.code, ErrorCode::InternalError);
    QVERIFY(!client.isConnected());
    QTest::qWait(50);
    QCOMPARE(log.replies.size(), 1);
}

void TestIpcClient::callWhileConnecting() {
    // call() right after connectTo(), before the connection is known to be
    // up, must still reach the daemon.
    IpcClient client;
    client.connectTo(m_path);
    ReplyLog log;
    client.call(u"system.hello"_s, {}, log.callback());
    QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 1, waitMs);
    QCOMPARE(m_daemon->received().constFirst().method, u"system.hello"_s);
    m_daemon->send(encodeResult(m_daemon->received().constFirst().id, u"hi"_s));
    QTRY_COMPARE_WITH_TIMEOUT(log.replies.size(), 1, waitMs);
    QCOMPARE(log.replies.constFirst().result.toString(), u"hi"_s);
}

void TestIpcClient::callWhenNotConnected() {
    IpcClient client;
    ReplyLog log;
    client.call(u"system.hello"_s, {}, log.callback());
    // Failed from the event loop, not from inside call().
    QCOMPARE(log.replies.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(log.replies.size(), 1, waitMs);
    QCOMPARE(log.replies.constFirst().error.code, ErrorCode::InternalError);
    QVERIFY(log.replies.constFirst().error.message.contains("not connected"_L1));
}

void TestIpcClient::connectToMissingSocket() {
    IpcClient client;
    QSignalSpy errors(&client, &IpcClient::connectionError);
    const QString missing = m_dir->filePath(u"missing.sock"_s);
    client.connectTo(missing);
    QVERIFY(!client.waitForConnected(waitMs));
    QVERIFY(!client.isConnected());
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), waitMs);
    QVERIFY2(client.lastError().contains(missing), qPrintable(client.lastError()));

    const Reply reply = client.callAndWait(u"system.hello"_s, {}, waitMs);
    QVERIFY(!reply.ok);
    QCOMPARE(reply.error.code, ErrorCode::InternalError);
}

void TestIpcClient::notificationSignal() {
    IpcClient client;
    QVERIFY(connectClient(client));
    QSignalSpy notifications(&client, &IpcClient::notificationReceived);

    const QJsonObject params{
        {"object"_L1, u"domain"_s}, {"action"_L1, u"added"_s}, {"name"_L1, u"x.test"_s}};
    // Two notifications in one write, the second split across writes.
    const QByteArray second = encodeNotification(u"event.health"_s, {{"health"_L1, u"ok"_s}});
    m_daemon->send(encodeNotification(u"event.config"_s, params) + second.left(10));
    m_daemon->send(second.mid(10));

    QTRY_COMPARE_WITH_TIMEOUT(notifications.size(), 2, waitMs);
    QCOMPARE(notifications.at(0).at(0).toString(), u"event.config"_s);
    QCOMPARE(notifications.at(0).at(1).toJsonObject(), params);
    QCOMPARE(notifications.at(1).at(0).toString(), u"event.health"_s);
}

void TestIpcClient::garbageFromDaemonIsIgnored() {
    IpcClient client;
    QVERIFY(connectClient(client));
    ReplyLog log;
    client.call(u"system.hello"_s, {}, log.callback());
    QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 1, waitMs);

    m_daemon->send("not json\r\n\n[1,2]\n{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":1}\n"_ba);
    m_daemon->send(encodeResult(m_daemon->received().constFirst().id, true));
    QTRY_COMPARE_WITH_TIMEOUT(log.replies.size(), 1, waitMs);
    QVERIFY(log.replies.constFirst().ok);
    QCOMPARE(log.replies.constFirst().result, QJsonValue(true));
    QVERIFY(client.isConnected());
}

void TestIpcClient::subscribeResentAfterReconnect() {
    IpcClient client;
    client.setReconnectInterval(50);
    QSignalSpy connected(&client, &IpcClient::connected);
    QSignalSpy disconnected(&client, &IpcClient::disconnected);
    QVERIFY(connectClient(client));

    client.subscribe({u"event.config"_s, u"event.log"_s});
    QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 1, waitMs);
    const Message subscribe = m_daemon->received().constFirst();
    QCOMPARE(subscribe.method, u"system.subscribe"_s);
    const QJsonArray events{u"event.config"_s, u"event.log"_s};
    QCOMPARE(subscribe.params.value("events"_L1).toArray(), events);
    m_daemon->send(encodeResult(subscribe.id, QJsonObject{{"events"_L1, events}}));

    // The daemon restarts: connections drop, the socket is gone for a while.
    m_daemon->stop();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QTest::qWait(150); // a few refused reconnect attempts
    m_daemon = std::make_unique<FakeDaemon>(m_path);
    QVERIFY(m_daemon->listen());

    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 1, waitMs);
    const Message again = m_daemon->received().constFirst();
    QCOMPARE(again.method, u"system.subscribe"_s);
    QCOMPARE(again.params.value("events"_L1).toArray(), events);
    QVERIFY(client.isConnected());

    // Events arrive on the new connection.
    QSignalSpy notifications(&client, &IpcClient::notificationReceived);
    m_daemon->send(encodeNotification(u"event.log"_s, {{"message"_L1, u"hello"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(notifications.size(), 1, waitMs);

    // After disconnectFrom() the client stays away.
    client.disconnectFrom();
    QTest::qWait(200);
    QCOMPARE(connected.size(), 2);
    QVERIFY(!client.isConnected());
}

void TestIpcClient::callAndWaitResult() {
    IpcClient client;
    QVERIFY(connectClient(client));

    // The daemon answers from the event loop that callAndWait runs.
    QObject responder;
    QTimer::singleShot(20, &responder, [this] {
        QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 1, waitMs);
        m_daemon->send(encodeResult(m_daemon->received().constFirst().id,
                                    QJsonObject{{"server"_L1, u"mailsteadd"_s}}));
    });
    const Reply reply = client.callAndWait(u"system.hello"_s, {}, waitMs);
    QVERIFY(reply.ok);
    QCOMPARE(reply.result.toObject().value("server"_L1).toString(), u"mailsteadd"_s);
}

void TestIpcClient::callAndWaitTimeout() {
    IpcClient client;
    QVERIFY(connectClient(client));

    const Reply reply = client.callAndWait(u"system.hello"_s, {}, 200);
    QVERIFY(!reply.ok);
    QCOMPARE(reply.error.code, ErrorCode::InternalError);
    QCOMPARE(reply.error.message, u"no answer from mailsteadd within 0.2 s"_s);

    // A late answer must not reach the finished call's stack frame.
    QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 1, waitMs);
    m_daemon->send(encodeResult(m_daemon->received().constFirst().id, 1));
    QTest::qWait(50);

    // The connection is still usable.
    QTimer::singleShot(20, this, [this] {
        QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 2, waitMs);
        m_daemon->send(encodeResult(m_daemon->received().constLast().id, 2));
    });
    const Reply next = client.callAndWait(u"system.hello"_s, {}, waitMs);
    QVERIFY(next.ok);
    QCOMPARE(next.result, QJsonValue(2));
}

void TestIpcClient::destroyWithPendingCalls() {
    auto client = std::make_unique<IpcClient>();
    QVERIFY(connectClient(*client));
    ReplyLog log;
    client->call(u"system.status"_s, {}, log.callback());
    client.reset();
    QTest::qWait(50);
    // Callbacks are dropped, never run against a destroyed client.
    QCOMPARE(log.replies.size(), 0);
}

void TestIpcClient::socketPathResolution() {
    const QByteArray savedSocket = qgetenv("MAILSTEAD_SOCKET");
    const QByteArray savedRuntime = qgetenv("XDG_RUNTIME_DIR");
    const auto restore = qScopeGuard([&] {
        if (savedSocket.isNull())
            qunsetenv("MAILSTEAD_SOCKET");
        else
            qputenv("MAILSTEAD_SOCKET", savedSocket);
        if (savedRuntime.isNull())
            qunsetenv("XDG_RUNTIME_DIR");
        else
            qputenv("XDG_RUNTIME_DIR", savedRuntime);
    });

    QCOMPARE(installedSocketPath(), u"/run/mailstead/admin.sock"_s);
    qputenv("XDG_RUNTIME_DIR", "/tmp/xdg-test-runtime");
    QCOMPARE(localModeSocketPath(), u"/tmp/xdg-test-runtime/mailstead/admin.sock"_s);
    const QString local = localModeSocketPath();

    // $MAILSTEAD_SOCKET is used as given, even when nothing listens there.
    qputenv("MAILSTEAD_SOCKET", "/nonexistent/env.sock");
    QCOMPARE(resolveSocketPath(), u"/nonexistent/env.sock"_s);
    QCOMPARE(resolveSocketPath(u"/nonexistent/explicit.sock"_s), u"/nonexistent/explicit.sock"_s);
    QCOMPARE(socketCandidates(u"/e.sock"_s),
             QStringList({u"/e.sock"_s, u"/nonexistent/env.sock"_s, installedSocketPath(), local}));

    qunsetenv("MAILSTEAD_SOCKET");
    QCOMPARE(socketCandidates(), QStringList({installedSocketPath(), local}));
    QCOMPARE(resolveSocketPath(u"/x.sock"_s), u"/x.sock"_s);
    const QString expected =
        QFileInfo::exists(installedSocketPath()) ? installedSocketPath() : local;
    QCOMPARE(resolveSocketPath(), expected);

    // An empty variable counts as unset.
    qputenv("MAILSTEAD_SOCKET", "");
    QCOMPARE(resolveSocketPath(), expected);

    // Without XDG_RUNTIME_DIR the path still ends in mailstead/admin.sock.
    qunsetenv("XDG_RUNTIME_DIR");
    QVERIFY2(localModeSocketPath().endsWith(u"/admin.sock"_s), qPrintable(localModeSocketPath()));
}

QTEST_GUILESS_MAIN(TestIpcClient)
#include "tst_ipcclient.moc"
