// SmtpServer.h - the SMTP services, MX (smtp) and submission (submission,
// submissions): takes connections from ListenerSet,
// hands each to an I/O thread where its SmtpSession lives, holds the
// settings and counters all sessions share, and stops them gracefully
//
// RFC 5321 (the sessions), DESIGN.md "Threads" (I/O threads, a connection
// stays in one) and "Signals" (SIGTERM: stop accepting, finish in-flight
// transactions, flush). Hand-off: ListenerSet gives us a raw descriptor and
// its limits ticket in the main thread; we post both to the next I/O
// thread's anchor, where SmtpSession::start() makes the QSslSocket (plain
// until STARTTLS) so the socket is created, used and destroyed in one
// thread. A post to a thread that has stopped is dropped and the descriptor
// closed (ConnectionTicket.h).
//
// Each session takes its mode from its listener (SmtpSession.h): MX on
// smtp, submission with AUTH on submission (STARTTLS) and submissions
// (implicit TLS, RFC 8314).
//
// SECURITY: the sessions talk to unauthenticated peers (see SmtpSession.h);
// this class reads nothing from the network itself.
#pragma once

#include "net/ConnectionHandler.h"
#include "SmtpServerState.h"

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

namespace mailstead::smtp {

class SmtpSession;

// How long SIGTERM waits for transactions in flight before cutting them.
inline constexpr std::chrono::seconds defaultShutdownGrace{30};

class SmtpServer : public QObject, public net::ConnectionHandler {
    Q_OBJECT

public:
    // pool: not owned; sessions live in its threads and are deleted with
    // them.
    SmtpServer(const SmtpServices &services, net::IoThreadPool *pool, QObject *parent = nullptr);
    ~SmtpServer() override;

    // For sessions that start from now on (SIGHUP keeps running ones as
    // they are).
    void setSettings(const SmtpSettings &settings);
    SmtpSettings settings() const;

    void handle(std::unique_ptr<net::AcceptedConnection> connection) override;
    // "421 4.7.0 <host> Too many connections..." (RFC 5321 section 3.8, as
    // Postfix's anvil limits answer).
    QByteArray refusal(const QString &reason) const override;

    // system.status "counters.smtp".
    QJsonObject countersJson() const;
    qint64 activeSessions() const;

    // Graceful stop: new connections get 421; idle sessions are closed with
    // 421 now, the others after their transaction (a message being read or
    // waiting for the store completes). After `grace` the rest are cut.
    // `done` runs in this object's thread once no session and no delivery
    // is left, or at the deadline. Then close the store, then stop the pool.
    void shutdown(std::chrono::milliseconds grace, std::function<void()> done);

private:
    void broadcast(void (SmtpSession::*action)(), Qt::ConnectionType type);
    void checkDrained();

    std::shared_ptr<SmtpServerState> m_state;
    net::IoThreadPool *m_pool;
    QTimer m_drainTimer;
    QElapsedTimer m_drainClock;
    std::chrono::milliseconds m_grace{0};
    std::function<void()> m_drained;
};

} // namespace mailstead::smtp
