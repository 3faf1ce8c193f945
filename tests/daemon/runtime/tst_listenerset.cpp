// tst_listenerset.cpp - listeners, limits, refusals and live reconfiguration
//
// Everything binds 127.0.0.1 port 0 and talks over real sockets.
#include "net/ConnectionHandler.h"
#include "net/IoThreadPool.h"
#include "net/ListenerSet.h"

#include <memory>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace mailstead;
using core::Service;

namespace {

// Keeps every connection it is given open: a socket made from the
// descriptor in this thread, and the ticket.
class HoldingHandler : public net::ConnectionHandler {
public:
    void handle(std::unique_ptr<net::AcceptedConnection> connection) override {
        peers.append(connection->peer());
        auto *socket = new QTcpSocket;
        if (!socket->setSocketDescriptor(connection->takeDescriptor())) {
            delete socket;
            return;
        }
        sockets.append(socket);
        tickets.push_back(connection->takeTicket());
    }
    // Ends connection i as a session would: socket and ticket go.
    void release(int i) {
        delete sockets.at(i).data();
        tickets.at(size_t(i)).reset();
    }
    ~HoldingHandler() override { qDeleteAll(sockets); }

    QList<QPointer<QTcpSocket>> sockets;
    QList<QHostAddress> peers;
    std::vector<std::unique_ptr<net::ConnectionTicket>> tickets;
};

// Drops every connection without taking it: it must be closed and counted
// out at once.
class DroppingHandler : public net::ConnectionHandler {
public:
    void handle(std::unique_ptr<net::AcceptedConnection>) override { ++dropped; }
    int dropped = 0;
};

core::DaemonConfig configWith(const QList<QPair<Service, quint16>> &listeners) {
    core::DaemonConfig config;
    config.hostname = u"mx.example.test"_s;
    for (const auto &[service, port] : listeners)
        config.listen[int(service)].append(core::ListenAddress{u"127.0.0.1"_s, port});
    return config;
}

quint16 portOf(const net::ListenerSet &set, Service service) {
    for (const net::ListenerInfo &info : set.listeners()) {
        if (info.service == service)
            return info.port;
    }
    return 0;
}

// Client and server share this thread: wait by running the event loop,
// never with the sockets' blocking waitFor*() (except for the kernel-level
// connect).
QByteArray readLine(QTcpSocket &socket, int timeoutMs = 5000) {
    QDeadlineTimer deadline(timeoutMs);
    while (!socket.canReadLine() && socket.state() == QAbstractSocket::ConnectedState &&
           !deadline.hasExpired())
        QTest::qWait(5);
    return socket.readLine();
}

bool waitForDisconnect(QTcpSocket &socket, int timeoutMs = 5000) {
    QDeadlineTimer deadline(timeoutMs);
    while (socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired())
        QTest::qWait(5);
    return socket.state() == QAbstractSocket::UnconnectedState;
}

} // namespace

class TestListenerSet : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void portZeroGivesRealPort();
    void statusJsonShape();
    void bindFailureNamesServiceAndAddress();
    void smtpRefusalWaitsForQuit();
    void submissionRefusalIsSmtp();
    void imapRefusal();
    void pop3Refusal();
    void httpClosesWithoutHandler();
    void implicitTlsClosesSilently();
    void handlerReceivesConnections();
    void perIpLimit();
    void totalLimit();
    void countDropsWhenConnectionEnds();
    void droppedConnectionIsClosedAndCountedOut();
    void ticketReleasedInAnotherThread();
    void serviceLimitsApplyToTheirServiceOnly();
    void applyKeepsOpenConnections();
    void applyKeepsUnchangedPortZeroListener();
    void failedApplyKeepsPreviousListeners();
    void samePortZeroAddressTwiceGetsTwoSockets();
};

void TestListenerSet::portZeroGivesRealPort() {
    net::ListenerSet set;
    QString error;
    QVERIFY2(set.apply(configWith({{Service::Smtp, 0}, {Service::Imap, 0}}), &error),
             qPrintable(error));
    const QList<net::ListenerInfo> listeners = set.listeners();
    QCOMPARE(listeners.size(), 2);
    QCOMPARE(listeners.at(0).service, Service::Smtp);
    QCOMPARE(listeners.at(1).service, Service::Imap);
    QVERIFY(listeners.at(0).port != 0);
    QVERIFY(listeners.at(1).port != 0);
    QVERIFY(listeners.at(0).port != listeners.at(1).port);
    QCOMPARE(listeners.at(0).address, u"127.0.0.1"_s);
    QCOMPARE(listeners.at(0).toString(),
             u"smtp 127.0.0.1:"_s + QString::number(listeners.at(0).port));

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, listeners.at(0).port);
    QVERIFY(client.waitForConnected(5000));
}

void TestListenerSet::statusJsonShape() {
    net::ListenerSet set;
    QString error;
    QVERIFY(set.apply(configWith({{Service::Pop3, 0}}), &error));
    const QJsonArray status = set.statusJson();
    QCOMPARE(status.size(), 1);
    const QJsonObject listener = status.at(0).toObject();
    QCOMPARE(listener.value(u"service"_s).toString(), u"pop3"_s);
    QCOMPARE(listener.value(u"address"_s).toString(), u"127.0.0.1"_s);
    QCOMPARE(listener.value(u"port"_s).toInt(), int(portOf(set, Service::Pop3)));
    QCOMPARE(listener.value(u"state"_s).toString(), u"listening"_s);
    QCOMPARE(listener.keys().size(), 4);
}

void TestListenerSet::bindFailureNamesServiceAndAddress() {
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    net::ListenerSet set;
    QString error;
    QVERIFY(!set.apply(configWith({{Service::Smtp, occupier.serverPort()}}), &error));
    QCOMPARE(error, u"cannot listen for smtp on 127.0.0.1:"_s +
                        QString::number(occupier.serverPort()) + u": address in use"_s);
    QVERIFY(set.listeners().isEmpty());
}

void TestListenerSet::smtpRefusalWaitsForQuit() {
    // RFC 5321 section 3.1: 554 greeting, 503 to anything but QUIT, 221 on QUIT.
    net::ListenerSet set;
    QString error;
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}}), &error));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Smtp));
    QVERIFY(client.waitForConnected(5000));
    QCOMPARE(readLine(client), QByteArray("554 5.3.2 mx.example.test Service not available\r\n"));
    client.write("EHLO client.example.test\r\n");
    QCOMPARE(readLine(client), QByteArray("503 5.5.1 Bad sequence of commands\r\n"));
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    client.write("quit\r\n");
    QCOMPARE(readLine(client), QByteArray("221 2.0.0 Bye\r\n"));
    QVERIFY(waitForDisconnect(client));
}

void TestListenerSet::submissionRefusalIsSmtp() {
    net::ListenerSet set;
    QString error;
    QVERIFY(set.apply(configWith({{Service::Submission, 0}}), &error));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Submission));
    QVERIFY(client.waitForConnected(5000));
    QVERIFY(readLine(client).startsWith("554 5.3.2 "));
    client.write("QUIT\r\n");
    QCOMPARE(readLine(client), QByteArray("221 2.0.0 Bye\r\n"));
}

void TestListenerSet::imapRefusal() {
    net::ListenerSet set;
    QString error;
    QVERIFY(set.apply(configWith({{Service::Imap, 0}}), &error));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Imap));
    QVERIFY(client.waitForConnected(5000));
    // imap/ImapServer answers IMAP; without it set, the listener closes
    // without a word.
    QVERIFY(waitForDisconnect(client));
    QCOMPARE(client.readAll(), QByteArray());
}

void TestListenerSet::pop3Refusal() {
    net::ListenerSet set;
    QString error;
    QVERIFY(set.apply(configWith({{Service::Pop3, 0}}), &error));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Pop3));
    QVERIFY(client.waitForConnected(5000));
    // pop3/Pop3Server answers POP3; without it set, the listener closes
    // without a word.
    QVERIFY(waitForDisconnect(client));
    QCOMPARE(client.readAll(), QByteArray());
}

void TestListenerSet::httpClosesWithoutHandler() {
    net::ListenerSet set;
    QString error;
    QVERIFY(set.apply(configWith({{Service::Http, 0}}), &error));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Http));
    QVERIFY(client.waitForConnected(5000));
    client.write("GET /.well-known/acme-challenge/x HTTP/1.1\r\nHost: mx.example.test\r\n\r\n");
    // http/HttpServer answers HTTP; without it set, the listener closes
    // without a word.
    QVERIFY(waitForDisconnect(client));
    QCOMPARE(client.readAll(), QByteArray());
}

void TestListenerSet::implicitTlsClosesSilently() {
    net::ListenerSet set;
    QString error;
    QVERIFY(set.apply(configWith({{Service::Submissions, 0},
                                  {Service::Imaps, 0},
                                  {Service::Pop3s, 0},
                                  {Service::Https, 0}}),
                      &error));
    for (Service service : {Service::Submissions, Service::Imaps, Service::Pop3s, Service::Https}) {
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, portOf(set, service));
        QVERIFY(client.waitForConnected(5000));
        QVERIFY2(waitForDisconnect(client), qPrintable(core::serviceName(service)));
        QCOMPARE(client.readAll(), QByteArray());
    }
}

void TestListenerSet::handlerReceivesConnections() {
    net::ListenerSet set;
    HoldingHandler handler;
    set.setHandler(Service::Smtp, &handler);
    QString error;
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}}), &error));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Smtp));
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(handler.sockets.size(), 1);
    QCOMPARE(handler.peers.constFirst(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(handler.sockets.constFirst()->peerPort(), client.localPort());
    // No refusal greeting: the handler owns the conversation.
    QTest::qWait(200);
    QCOMPARE(client.bytesAvailable(), 0);

    set.setHandler(Service::Smtp, nullptr);
    QTcpSocket second;
    second.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Smtp));
    QVERIFY(second.waitForConnected(5000));
    QVERIFY(readLine(second).startsWith("554 "));
}

void TestListenerSet::perIpLimit() {
    net::ListenerSet set;
    HoldingHandler handler;
    set.setHandler(Service::Imap, &handler);
    QSignalSpy rejected(&set, &net::ListenerSet::connectionRejected);
    QString error;
    QVERIFY(set.apply(configWith({{Service::Imap, 0}}), &error));
    const quint16 port = portOf(set, Service::Imap);

    QList<QTcpSocket *> clients;
    auto cleanup = qScopeGuard([&clients] { qDeleteAll(clients); });
    for (int i = 0; i < net::maxConnectionsPerIp; ++i) {
        auto *client = new QTcpSocket;
        clients.append(client);
        client->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(client->waitForConnected(5000));
        // Let the listener accept as we go: the kernel's backlog is shorter
        // than the limit.
        QTRY_COMPARE(handler.sockets.size(), i + 1);
    }
    QTRY_COMPARE(handler.sockets.size(), net::maxConnectionsPerIp);
    QCOMPARE(set.connectionCount(QHostAddress::LocalHost), net::maxConnectionsPerIp);

    QTcpSocket over;
    over.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(over.waitForConnected(5000)); // the kernel accepts; we close at once
    QVERIFY(waitForDisconnect(over));
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.at(0).at(1).toString(), u"too many connections from this address"_s);
    QCOMPARE(handler.sockets.size(), net::maxConnectionsPerIp);
    QCOMPARE(set.connectionCount(), net::maxConnectionsPerIp);
}

void TestListenerSet::totalLimit() {
    net::ListenerSet set;
    HoldingHandler handler;
    set.setHandler(Service::Pop3, &handler);
    set.setLimits({100, 2});
    QSignalSpy rejected(&set, &net::ListenerSet::connectionRejected);
    QString error;
    QVERIFY(set.apply(configWith({{Service::Pop3, 0}}), &error));
    const quint16 port = portOf(set, Service::Pop3);

    QTcpSocket first;
    QTcpSocket second;
    QTcpSocket third;
    for (QTcpSocket *client : {&first, &second}) {
        client->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(client->waitForConnected(5000));
    }
    QTRY_COMPARE(handler.sockets.size(), 2);
    third.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(third.waitForConnected(5000));
    QVERIFY(waitForDisconnect(third));
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.at(0).at(1).toString(), u"too many connections"_s);
}

void TestListenerSet::countDropsWhenConnectionEnds() {
    net::ListenerSet set;
    HoldingHandler handler;
    set.setHandler(Service::Smtp, &handler);
    QString error;
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}}), &error));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Smtp));
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(set.connectionCount(), 1);
    QCOMPARE(set.connectionCount(Service::Smtp), 1);
    handler.release(0);
    QCOMPARE(set.connectionCount(), 0);
    QCOMPARE(set.connectionCount(QHostAddress::LocalHost), 0);
    QCOMPARE(set.connectionCount(Service::Smtp), 0);
    QVERIFY(waitForDisconnect(client));
}

void TestListenerSet::droppedConnectionIsClosedAndCountedOut() {
    net::ListenerSet set;
    DroppingHandler handler;
    set.setHandler(Service::Smtp, &handler);
    QString error;
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}}), &error));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Smtp));
    QVERIFY(client.waitForConnected(5000));
    QVERIFY(waitForDisconnect(client));
    QCOMPARE(handler.dropped, 1);
    QCOMPARE(set.connectionCount(), 0);
}

void TestListenerSet::ticketReleasedInAnotherThread() {
    // Sessions live on I/O threads and end there: the count must follow.
    net::ListenerSet set;
    HoldingHandler handler;
    set.setHandler(Service::Smtp, &handler);
    QString error;
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}}), &error));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Smtp));
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(set.connectionCount(), 1);

    net::IoThreadPool pool(1, u"test-io"_s);
    QObject *anchor = pool.nextAnchor();
    QVERIFY(anchor);
    QVERIFY(anchor->thread() != QThread::currentThread());
    auto ticket = std::shared_ptr<net::ConnectionTicket>(std::move(handler.tickets.front()));
    QThread *releasedIn = nullptr;
    QMetaObject::invokeMethod(
        anchor,
        [ticket = std::move(ticket), &releasedIn]() mutable {
            ticket.reset();
            releasedIn = QThread::currentThread();
        },
        Qt::BlockingQueuedConnection);
    QCOMPARE(releasedIn, anchor->thread());
    QCOMPARE(set.connectionCount(), 0);
    pool.stop();
    QVERIFY(pool.nextAnchor() == nullptr);
}

void TestListenerSet::serviceLimitsApplyToTheirServiceOnly() {
    net::ListenerSet set;
    HoldingHandler handler;
    set.setHandler(Service::Smtp, &handler);
    set.setHandler(Service::Imap, &handler);
    set.setServiceLimits(Service::Smtp, {1, 10});
    QSignalSpy rejected(&set, &net::ListenerSet::connectionRejected);
    QString error;
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}, {Service::Imap, 0}}), &error));

    QTcpSocket first;
    first.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Smtp));
    QVERIFY(first.waitForConnected(5000));
    QTRY_COMPARE(handler.sockets.size(), 1);
    QTcpSocket second;
    second.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Smtp));
    QVERIFY(second.waitForConnected(5000));
    QVERIFY(waitForDisconnect(second));
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.at(0).at(1).toString(), u"too many connections from this address"_s);

    // IMAP has no limit of its own: the same peer still gets in.
    QTcpSocket imap;
    imap.connectToHost(QHostAddress::LocalHost, portOf(set, Service::Imap));
    QVERIFY(imap.waitForConnected(5000));
    QTRY_COMPARE(handler.sockets.size(), 2);
    QCOMPARE(set.connectionCount(Service::Smtp), 1);
    QCOMPARE(set.connectionCount(Service::Imap), 1);
}

void TestListenerSet::applyKeepsOpenConnections() {
    net::ListenerSet set;
    HoldingHandler handler;
    set.setHandler(Service::Smtp, &handler);
    QString error;
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}}), &error));
    const quint16 smtpPort = portOf(set, Service::Smtp);

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, smtpPort);
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(handler.sockets.size(), 1);

    // smtp goes away, imap comes in.
    QVERIFY2(set.apply(configWith({{Service::Imap, 0}}), &error), qPrintable(error));
    QCOMPARE(set.listeners().size(), 1);
    QCOMPARE(set.listeners().constFirst().service, Service::Imap);

    // The accepted connection survives, both ways.
    QVERIFY(!handler.sockets.constFirst().isNull());
    handler.sockets.constFirst()->write("still here\r\n");
    QCOMPARE(readLine(client), QByteArray("still here\r\n"));
    client.write("me too\r\n");
    QTRY_VERIFY(handler.sockets.constFirst()->canReadLine());
    QCOMPARE(handler.sockets.constFirst()->readLine(), QByteArray("me too\r\n"));
    QCOMPARE(set.connectionCount(), 1);

    // The removed port no longer accepts.
    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, smtpPort);
    QVERIFY(!refused.waitForConnected(2000));
}

void TestListenerSet::applyKeepsUnchangedPortZeroListener() {
    net::ListenerSet set;
    QString error;
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}}), &error));
    const quint16 before = portOf(set, Service::Smtp);
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}, {Service::Http, 0}}), &error));
    QCOMPARE(portOf(set, Service::Smtp), before);
    QVERIFY(portOf(set, Service::Http) != 0);
    QCOMPARE(set.listeners().size(), 2);
}

void TestListenerSet::failedApplyKeepsPreviousListeners() {
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));

    net::ListenerSet set;
    QString error;
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}, {Service::Imap, 0}}), &error));
    const quint16 smtpPort = portOf(set, Service::Smtp);
    const quint16 imapPort = portOf(set, Service::Imap);

    // imap is dropped, pop3 is added, http cannot bind: nothing may change.
    QVERIFY(!set.apply(
        configWith(
            {{Service::Smtp, 0}, {Service::Pop3, 0}, {Service::Http, occupier.serverPort()}}),
        &error));
    QVERIFY(error.startsWith(u"cannot listen for http on 127.0.0.1:"_s));
    QCOMPARE(set.listeners().size(), 2);
    QCOMPARE(portOf(set, Service::Smtp), smtpPort);
    QCOMPARE(portOf(set, Service::Imap), imapPort);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, imapPort);
    QVERIFY(client.waitForConnected(5000));
    // Still accepting: without a handler the connection is closed at once.
    QVERIFY(waitForDisconnect(client));
}

void TestListenerSet::samePortZeroAddressTwiceGetsTwoSockets() {
    // "smtp = 127.0.0.1:0 127.0.0.1:0": two listeners, each its own socket,
    // also when one of them was already running.
    net::ListenerSet set;
    QString error;
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}}), &error));
    const quint16 first = portOf(set, Service::Smtp);
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}, {Service::Smtp, 0}}), &error));
    QCOMPARE(set.listeners().size(), 2);
    QCOMPARE(set.listeners().at(0).port, first);
    const quint16 second = set.listeners().at(1).port;
    QVERIFY(second != first && second != 0);
    // Back to one: one socket is closed, the other kept.
    QVERIFY(set.apply(configWith({{Service::Smtp, 0}}), &error));
    QCOMPARE(set.listeners().size(), 1);
    QCOMPARE(set.listeners().at(0).port, first);
    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, second);
    QVERIFY(!refused.waitForConnected(2000));
    set.close();
    QVERIFY(set.listeners().isEmpty());
}

QTEST_GUILESS_MAIN(TestListenerSet)
#include "tst_listenerset.moc"
