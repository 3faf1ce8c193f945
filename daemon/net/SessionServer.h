// SessionServer.h - what every protocol server whose sessions live on the
// I/O threads does the same way: take connections from ListenerSet, hand
// each to an I/O thread where its session starts, word the refusal of a
// connection over the limits, and stop the sessions gracefully
//
// DESIGN.md "Threads" (I/O threads, a connection stays in one) and
// "Signals" (SIGTERM: stop accepting, finish what is in flight). Hand-off:
// ListenerSet gives us a raw descriptor and its limits ticket in the main
// thread; we post both to the next I/O thread's anchor, where the
// protocol's Session::start() makes the QSslSocket (plain until STARTTLS),
// so the socket is created, used and destroyed in one thread. A post to a
// thread that has stopped is dropped and the descriptor closed
// (ConnectionTicket.h). ListenerSet sends refusal() to a connection over
// the limits, except on implicit-TLS ports, which it closes without a byte.
//
// SessionServer holds everything that needs no protocol type (hand-off,
// refusal text, the graceful stop's clock and log); SessionServerOf<State,
// Session> fills in the hooks that only name the protocol's types. Each
// protocol's server (smtp/SmtpServer.h, imap/ImapServer.h,
// pop3/Pop3Server.h) derives from SessionServerOf and keeps its own words.
//
// SECURITY: reads nothing from the network; the sessions talk to
// unauthenticated peers (see each protocol's Session.h).
#pragma once

#include "ConnectionHandler.h"

#include <chrono>
#include <functional>
#include <memory>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QTimer>

namespace mailstead::net {

class IoThreadPool;

class SessionServer : public QObject, public ConnectionHandler {
    Q_OBJECT

public:
    ~SessionServer() override;

    void handle(std::unique_ptr<AcceptedConnection> connection) final;
    // "<Reason>, try again later" in the protocol's words (refusalLine()).
    QByteArray refusal(const QString &reason) const final;

    // Sessions open now, in every I/O thread.
    virtual qint64 activeSessions() const = 0;

    // Graceful stop: new connections are turned away and every session is
    // asked to close (its beginShutdown() says how soon). After `grace` the
    // rest are cut. `done` runs in this object's thread once no session and
    // no pending work is left, or at the deadline.
    void shutdown(std::chrono::milliseconds grace, std::function<void()> done);

protected:
    // Runs in the thread of `anchor`: makes the socket from the connection's
    // descriptor and the session, parented to `anchor`. It carries what it
    // needs (the shared state): the server may be gone by the time it runs.
    using SessionStart = std::function<void(AcceptedConnection &connection, QObject *anchor)>;

    // protocol: "SMTP", for the log, with log its category. pool: not
    // owned; sessions live in its threads and are deleted with them.
    SessionServer(const char *protocol, const QLoggingCategory &log, SessionStart start,
                  IoThreadPool *pool, QObject *parent);

    // Runs action(anchor) in the thread of each I/O thread's anchor.
    void forEachAnchor(const std::function<void(QObject *anchor)> &action, Qt::ConnectionType type);

    // The line a refused connection is told before it is closed; text:
    // "Too many connections, try again later".
    virtual QByteArray refusalLine(const QByteArray &text) const = 0;
    // New sessions are turned away from now on.
    virtual void setDraining() = 0;
    // Work handed on by the sessions (store writes) and not answered yet,
    // also for sessions whose client has gone: a graceful stop waits for it.
    virtual bool hasPendingWork() const = 0;
    // Every session: beginShutdown(), queued.
    virtual void beginShutdownSessions() = 0;
    // Every session: abort(), blocking, so that once it returns no session
    // touches the store again and the caller may close it.
    virtual void abortSessions() = 0;

private:
    void checkDrained();

    const char *m_protocol;
    const QLoggingCategory &m_log;
    const SessionStart m_start;
    IoThreadPool *m_pool;
    QTimer m_drainTimer;
    QElapsedTimer m_drainClock;
    std::chrono::milliseconds m_grace{0};
    std::function<void()> m_drained;
};

// The hooks that only name types. State derives from SessionServerState and
// has counters (connectionsActive, toJson()); Session has
// static start(const std::shared_ptr<State> &, AcceptedConnection &,
// QObject *anchor), beginShutdown() and abort().
template <typename State, typename Session> class SessionServerOf : public SessionServer {
public:
    using Settings = typename State::Settings;

    // For sessions that start from now on (SIGHUP keeps running ones as
    // they are).
    void setSettings(const Settings &settings) { m_state->setSettings(settings); }
    Settings settings() const { return *m_state->settings(); }

    // system.status "counters.<protocol>".
    QJsonObject countersJson() const { return m_state->counters.toJson(); }
    qint64 activeSessions() const override { return m_state->counters.connectionsActive.load(); }

protected:
    SessionServerOf(const std::shared_ptr<State> &state, const char *protocol,
                    const QLoggingCategory &log, IoThreadPool *pool, QObject *parent)
        : SessionServer(
              protocol, log,
              [state](AcceptedConnection &connection, QObject *anchor) {
                  Session::start(state, connection, anchor);
              },
              pool, parent)
        , m_state(state) {}

    // Runs action(session) for every session, in the session's thread.
    template <typename Action> void forEachSession(Action action, Qt::ConnectionType type) {
        forEachAnchor(
            [action](QObject *anchor) {
                const QList<Session *> sessions =
                    anchor->findChildren<Session *>(Qt::FindDirectChildrenOnly);
                for (Session *session : sessions)
                    action(session);
            },
            type);
    }

    void setDraining() override { m_state->draining.store(true); }
    void beginShutdownSessions() override {
        forEachSession([](Session *session) { session->beginShutdown(); }, Qt::QueuedConnection);
    }
    void abortSessions() override {
        forEachSession([](Session *session) { session->abort(); }, Qt::BlockingQueuedConnection);
    }

    const std::shared_ptr<State> m_state;
};

} // namespace mailstead::net
