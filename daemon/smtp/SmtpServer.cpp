// SmtpServer.cpp - connection hand-off, settings, counters, graceful stop
//
// DESIGN.md "Threads" and "Signals"; see SmtpServer.h.
//
// SECURITY: no peer input here; see SmtpSession.h.
#include "SmtpServer.h"

#include "core/Log.h"
#include "net/IoThreadPool.h"
#include "SmtpReply.h"
#include "SmtpSession.h"

#include <cctype>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

// How often a graceful stop looks whether the sessions are gone.
constexpr std::chrono::milliseconds drainPollInterval{20};

} // namespace

SmtpServer::SmtpServer(const SmtpServices &services, net::IoThreadPool *pool, QObject *parent)
    : QObject(parent)
    , m_state(std::make_shared<SmtpServerState>(services))
    , m_pool(pool) {
    m_drainTimer.setInterval(drainPollInterval);
    connect(&m_drainTimer, &QTimer::timeout, this, &SmtpServer::checkDrained);
}

SmtpServer::~SmtpServer() = default;

void SmtpServer::setSettings(const SmtpSettings &settings) {
    m_state->setSettings(settings);
}

SmtpSettings SmtpServer::settings() const {
    return *m_state->settings();
}

void SmtpServer::handle(std::unique_ptr<net::AcceptedConnection> connection) {
    QObject *anchor = m_pool ? m_pool->nextAnchor() : nullptr;
    if (!anchor)
        return; // stopping: the connection closes with its AcceptedConnection
    // Shared so the posted call stays copyable; whoever drops the last
    // reference without starting a session closes the descriptor.
    std::shared_ptr<net::AcceptedConnection> shared(std::move(connection));
    QMetaObject::invokeMethod(
        anchor, [state = m_state, shared, anchor] { SmtpSession::start(state, *shared, anchor); },
        Qt::QueuedConnection);
}

QByteArray SmtpServer::refusal(const QString &reason) const {
    QByteArray text = reason.toUtf8();
    if (!text.isEmpty())
        text[0] = char(std::toupper(static_cast<unsigned char>(text.at(0))));
    return makeReply(421, "4.7.0",
                     m_state->settings()->hostname.toUtf8() + ' ' + text + ", try again later")
        .toWire(true);
}

QJsonObject SmtpServer::countersJson() const {
    return m_state->counters.toJson();
}

qint64 SmtpServer::activeSessions() const {
    return m_state->counters.connectionsActive.load();
}

void SmtpServer::broadcast(void (SmtpSession::*action)(), Qt::ConnectionType type) {
    if (!m_pool)
        return;
    for (QObject *anchor : m_pool->anchors()) {
        QMetaObject::invokeMethod(
            anchor,
            [anchor, action] {
                const QList<SmtpSession *> sessions =
                    anchor->findChildren<SmtpSession *>(Qt::FindDirectChildrenOnly);
                for (SmtpSession *session : sessions)
                    (session->*action)();
            },
            type);
    }
}

void SmtpServer::shutdown(std::chrono::milliseconds grace, std::function<void()> done) {
    m_state->draining.store(true);
    m_grace = grace;
    m_drained = std::move(done);
    m_drainClock.start();
    broadcast(&SmtpSession::beginShutdown, Qt::QueuedConnection);
    const qint64 active = activeSessions();
    if (active > 0)
        qCInfo(core::lcSmtp) << "waiting for" << active << "SMTP sessions to finish";
    m_drainTimer.start();
    checkDrained();
}

void SmtpServer::checkDrained() {
    if (!m_drained)
        return;
    const bool idle = activeSessions() == 0 && m_state->pendingDeliveries.load() == 0;
    if (!idle && m_drainClock.elapsed() < m_grace.count())
        return;
    if (!idle) {
        qCWarning(core::lcSmtp) << activeSessions()
                                << "SMTP sessions still open after the grace period; closing them";
        // Blocking: once this returns no session touches the store again,
        // so the caller may close it.
        broadcast(&SmtpSession::abort, Qt::BlockingQueuedConnection);
    }
    m_drainTimer.stop();
    std::exchange(m_drained, {})();
}

} // namespace mailstead::smtp
