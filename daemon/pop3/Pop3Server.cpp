// Pop3Server.cpp - connection hand-off, settings, counters, graceful stop
//
// DESIGN.md "Threads" and "Signals"; see Pop3Server.h.
//
// SECURITY: no peer input here; see Pop3Session.h.
#include "Pop3Server.h"

#include "net/IoThreadPool.h"
#include "Pop3Session.h"

#include <cctype>

using namespace Qt::StringLiterals;

namespace mailstead::pop3 {

namespace {

// How often a graceful stop looks whether the sessions are gone.
constexpr std::chrono::milliseconds drainPollInterval{20};

} // namespace

Pop3Server::Pop3Server(const Pop3Services &services, net::IoThreadPool *pool, QObject *parent)
    : QObject(parent)
    , m_state(std::make_shared<Pop3ServerState>(services))
    , m_pool(pool) {
    m_drainTimer.setInterval(drainPollInterval);
    connect(&m_drainTimer, &QTimer::timeout, this, &Pop3Server::checkDrained);
}

Pop3Server::~Pop3Server() = default;

void Pop3Server::setSettings(const Pop3Settings &settings) {
    m_state->setSettings(settings);
}

Pop3Settings Pop3Server::settings() const {
    return *m_state->settings();
}

void Pop3Server::handle(std::unique_ptr<net::AcceptedConnection> connection) {
    QObject *anchor = m_pool ? m_pool->nextAnchor() : nullptr;
    if (!anchor)
        return; // stopping: the connection closes with its AcceptedConnection
    std::shared_ptr<net::AcceptedConnection> shared(std::move(connection));
    QMetaObject::invokeMethod(
        anchor, [state = m_state, shared, anchor] { Pop3Session::start(state, *shared, anchor); },
        Qt::QueuedConnection);
}

QByteArray Pop3Server::refusal(const QString &reason) const {
    QByteArray text = reason.toUtf8();
    if (!text.isEmpty())
        text[0] = char(std::toupper(static_cast<unsigned char>(text.at(0))));
    return "-ERR [SYS/TEMP] " + text + ", try again later\r\n";
}

QJsonObject Pop3Server::countersJson() const {
    return m_state->counters.toJson();
}

qint64 Pop3Server::activeSessions() const {
    return m_state->counters.connectionsActive.load();
}

void Pop3Server::broadcast(void (Pop3Session::*action)(), Qt::ConnectionType type) {
    if (!m_pool)
        return;
    for (QObject *anchor : m_pool->anchors()) {
        QMetaObject::invokeMethod(
            anchor,
            [anchor, action] {
                const QList<Pop3Session *> sessions =
                    anchor->findChildren<Pop3Session *>(Qt::FindDirectChildrenOnly);
                for (Pop3Session *session : sessions)
                    (session->*action)();
            },
            type);
    }
}

void Pop3Server::shutdown(std::chrono::milliseconds grace, std::function<void()> done) {
    m_state->draining.store(true);
    m_grace = grace;
    m_drained = std::move(done);
    m_drainClock.start();
    broadcast(&Pop3Session::beginShutdown, Qt::QueuedConnection);
    const qint64 active = activeSessions();
    if (active > 0)
        qCInfo(lcPop3) << "waiting for" << active << "POP3 sessions to finish";
    m_drainTimer.start();
    checkDrained();
}

void Pop3Server::checkDrained() {
    if (!m_drained)
        return;
    const bool idle = activeSessions() == 0 && m_state->pendingUpdates.load() == 0;
    if (!idle && m_drainClock.elapsed() < m_grace.count())
        return;
    if (!idle) {
        qCWarning(lcPop3) << activeSessions()
                          << "POP3 sessions still open after the grace period; closing them";
        broadcast(&Pop3Session::abort, Qt::BlockingQueuedConnection);
    }
    m_drainTimer.stop();
    std::exchange(m_drained, {})();
}

} // namespace mailstead::pop3
