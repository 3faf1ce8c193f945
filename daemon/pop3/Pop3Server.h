// Pop3Server.h - the POP3 service (pop3 with STLS, pop3s with implicit
// TLS): takes connections from ListenerSet, hands each to an I/O thread
// where its Pop3Session lives, holds the settings and counters all sessions
// share, and stops them gracefully
//
// RFC 1939 (the sessions), RFC 8314 section 3.3 (implicit TLS on 995),
// DESIGN.md "Threads" and "Signals". The hand-off is the one of SmtpServer:
// a raw descriptor and its limits ticket are posted to the next I/O
// thread's anchor, where Pop3Session::start() makes the QSslSocket, so the
// socket is created, used and destroyed in one thread.
//
// SECURITY: the sessions talk to unauthenticated peers (see Pop3Session.h);
// this class reads nothing from the network itself.
#pragma once

#include "net/ConnectionHandler.h"
#include "Pop3ServerState.h"

#include <chrono>
#include <functional>
#include <memory>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace mailstead::net {
class IoThreadPool;
}

namespace mailstead::pop3 {

class Pop3Session;

// How long SIGTERM waits for sessions in their UPDATE state (the expunge
// at QUIT) before cutting them. Idle sessions are closed at once.
inline constexpr std::chrono::seconds defaultShutdownGrace{10};

class Pop3Server : public QObject, public net::ConnectionHandler {
    Q_OBJECT

public:
    // pool: not owned; sessions live in its threads and are deleted with
    // them. Serves both core::Service::Pop3 and Pop3s (implicit TLS).
    Pop3Server(const Pop3Services &services, net::IoThreadPool *pool, QObject *parent = nullptr);
    ~Pop3Server() override;

    // For sessions that start from now on.
    void setSettings(const Pop3Settings &settings);
    Pop3Settings settings() const;

    void handle(std::unique_ptr<net::AcceptedConnection> connection) override;
    // "-ERR [SYS/TEMP] ..." (RFC 2449 section 8.1.2 response code).
    QByteArray refusal(const QString &reason) const override;

    // system.status "counters.pop3".
    QJsonObject countersJson() const;
    qint64 activeSessions() const;

    // Graceful stop: new connections are refused; sessions waiting for a
    // command are closed with "-ERR" now, a session in its UPDATE state
    // once the store has answered. After `grace` the rest are cut. `done`
    // runs in this object's thread once nothing is left, or at the deadline.
    void shutdown(std::chrono::milliseconds grace, std::function<void()> done);

private:
    void broadcast(void (Pop3Session::*action)(), Qt::ConnectionType type);
    void checkDrained();

    std::shared_ptr<Pop3ServerState> m_state;
    net::IoThreadPool *m_pool;
    QTimer m_drainTimer;
    QElapsedTimer m_drainClock;
    std::chrono::milliseconds m_grace{0};
    std::function<void()> m_drained;
};

} // namespace mailstead::pop3
