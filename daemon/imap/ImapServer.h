// ImapServer.h - the IMAP service (listeners imap with STARTTLS and imaps
// with implicit TLS, RFC 8314): takes connections from ListenerSet, hands
// each to an I/O thread where its ImapSession lives, relays the store's
// change notices to the sessions, holds the shared settings and counters
// and stops the sessions gracefully
//
// RFC 9051 (the sessions), RFC 8314 section 3.3 (implicit TLS on 993),
// DESIGN.md "Threads" and "Signals". Hand-off as in smtp/SmtpServer.h: the
// raw descriptor is posted to the next I/O thread's anchor, where the
// QSslSocket is created. MessageStore::mailboxChanged (emitted on a writer
// thread) arrives here queued and is posted to every I/O thread, where the
// sessions that have that folder selected refresh: an IDLE session writes
// EXISTS/EXPUNGE/FETCH at once, the others at their next command.
//
// SECURITY: the sessions talk to unauthenticated peers (see ImapSession.h);
// this class reads nothing from the network itself.
#pragma once

#include "ImapServerState.h"
#include "net/ConnectionHandler.h"

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

namespace mailstead::imap {

class ImapSession;

// How long SIGTERM waits for store writes in flight (an APPEND waiting for
// its fsync) before the sessions are cut.
inline constexpr std::chrono::seconds defaultShutdownGrace{10};

class ImapServer : public QObject, public net::ConnectionHandler {
    Q_OBJECT

public:
    // pool: not owned; sessions live in its threads and are deleted with them.
    ImapServer(const ImapServices &services, net::IoThreadPool *pool, QObject *parent = nullptr);
    ~ImapServer() override;

    // For sessions that start from now on (SIGHUP keeps running ones as
    // they are).
    void setSettings(const ImapSettings &settings);
    ImapSettings settings() const;

    void handle(std::unique_ptr<net::AcceptedConnection> connection) override;
    // "* BYE [UNAVAILABLE] Too many connections" (RFC 9051 section 7.1.5).
    QByteArray refusal(const QString &reason) const override;

    // system.status "counters.imap".
    QJsonObject countersJson() const;
    qint64 activeSessions() const;

    // Graceful stop: new connections get BYE; every session says
    // "* BYE [UNAVAILABLE] shutting down" as soon as the command it is
    // running (a store write) has been answered. After `grace` the rest
    // are cut. `done` runs in this object's thread once no session and no
    // write is left, or at the deadline.
    void shutdown(std::chrono::milliseconds grace, std::function<void()> done);

private:
    void onMailboxChanged(const QString &domain, const QString &localPart, const QString &folder);
    void broadcast(void (ImapSession::*action)(), Qt::ConnectionType type);
    void checkDrained();

    std::shared_ptr<ImapServerState> m_state;
    net::IoThreadPool *m_pool;
    QTimer m_drainTimer;
    QElapsedTimer m_drainClock;
    std::chrono::milliseconds m_grace{0};
    std::function<void()> m_drained;
};

} // namespace mailstead::imap
