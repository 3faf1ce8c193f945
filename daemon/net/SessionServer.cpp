// SessionServer.cpp - connection hand-off, refusal text, graceful stop
//
// DESIGN.md "Threads" and "Signals"; see SessionServer.h.
//
// SECURITY: no peer input here; see each protocol's Session.h.
#include "SessionServer.h"

#include "ConnectionTicket.h"
#include "IoThreadPool.h"

#include <cctype>

namespace mailstead::net {

namespace {

// How often a graceful stop looks whether the sessions are gone.
constexpr std::chrono::milliseconds drainPollInterval{20};

} // namespace

SessionServer::SessionServer(const char *protocol, const QLoggingCategory &log, SessionStart start,
                             IoThreadPool *pool, QObject *parent)
    : QObject(parent)
    , m_protocol(protocol)
    , m_log(log)
    , m_start(std::move(start))
    , m_pool(pool) {
    m_drainTimer.setInterval(drainPollInterval);
    connect(&m_drainTimer, &QTimer::timeout, this, &SessionServer::checkDrained);
}

SessionServer::~SessionServer() = default;

void SessionServer::handle(std::unique_ptr<AcceptedConnection> connection) {
    QObject *anchor = m_pool ? m_pool->nextAnchor() : nullptr;
    if (!anchor)
        return; // stopping: the connection closes with its AcceptedConnection
    // Shared so the posted call stays copyable; whoever drops the last
    // reference without starting a session closes the descriptor.
    std::shared_ptr<AcceptedConnection> shared(std::move(connection));
    QMetaObject::invokeMethod(
        anchor, [start = m_start, shared, anchor] { start(*shared, anchor); },
        Qt::QueuedConnection);
}

QByteArray SessionServer::refusal(const QString &reason) const {
    QByteArray text = reason.toUtf8();
    if (!text.isEmpty())
        text[0] = char(std::toupper(static_cast<unsigned char>(text.at(0))));
    return refusalLine(text + ", try again later");
}

void SessionServer::forEachAnchor(const std::function<void(QObject *anchor)> &action,
                                  Qt::ConnectionType type) {
    if (!m_pool)
        return;
    for (QObject *anchor : m_pool->anchors())
        QMetaObject::invokeMethod(
            anchor, [anchor, action] { action(anchor); }, type);
}

void SessionServer::shutdown(std::chrono::milliseconds grace, std::function<void()> done) {
    setDraining();
    m_grace = grace;
    m_drained = std::move(done);
    m_drainClock.start();
    beginShutdownSessions();
    const qint64 active = activeSessions();
    if (active > 0)
        qCInfo(m_log) << "waiting for" << active << m_protocol << "sessions to finish";
    m_drainTimer.start();
    checkDrained();
}

void SessionServer::checkDrained() {
    if (!m_drained)
        return;
    const bool idle = activeSessions() == 0 && !hasPendingWork();
    if (!idle && m_drainClock.elapsed() < m_grace.count())
        return;
    if (!idle) {
        qCWarning(m_log) << activeSessions() << m_protocol
                         << "sessions still open after the grace period; closing them";
        abortSessions();
    }
    m_drainTimer.stop();
    std::exchange(m_drained, {})();
}

} // namespace mailstead::net
