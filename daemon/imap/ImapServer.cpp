// ImapServer.cpp - connection hand-off, change relay, settings, counters,
// graceful stop
//
// DESIGN.md "Threads" and "Signals"; see ImapServer.h.
//
// SECURITY: no peer input here; see ImapSession.h.
#include "ImapServer.h"

#include "ImapLog.h"
#include "ImapResponse.h"
#include "ImapSession.h"
#include "net/IoThreadPool.h"
#include "store/MessageStore.h"

#include <cctype>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

// How often a graceful stop looks whether the sessions are gone.
constexpr std::chrono::milliseconds drainPollInterval{20};

} // namespace

ImapServer::ImapServer(const ImapServices &services, net::IoThreadPool *pool, QObject *parent)
    : QObject(parent)
    , m_state(std::make_shared<ImapServerState>(services))
    , m_pool(pool) {
    m_drainTimer.setInterval(drainPollInterval);
    connect(&m_drainTimer, &QTimer::timeout, this, &ImapServer::checkDrained);
    if (services.messages)
        connect(services.messages, &store::MessageStore::mailboxChanged, this,
                &ImapServer::onMailboxChanged, Qt::QueuedConnection);
}

ImapServer::~ImapServer() = default;

void ImapServer::setSettings(const ImapSettings &settings) {
    m_state->setSettings(settings);
}

ImapSettings ImapServer::settings() const {
    return *m_state->settings();
}

void ImapServer::handle(std::unique_ptr<net::AcceptedConnection> connection) {
    QObject *anchor = m_pool ? m_pool->nextAnchor() : nullptr;
    if (!anchor)
        return; // stopping: the connection closes with its AcceptedConnection
    std::shared_ptr<net::AcceptedConnection> shared(std::move(connection));
    QMetaObject::invokeMethod(
        anchor, [state = m_state, shared, anchor] { ImapSession::start(state, *shared, anchor); },
        Qt::QueuedConnection);
}

QByteArray ImapServer::refusal(const QString &reason) const {
    QByteArray text = reason.toUtf8();
    if (!text.isEmpty())
        text[0] = char(std::toupper(static_cast<unsigned char>(text.at(0))));
    return ImapStatusResponse::bye(text + ", try again later", responsecode::unavailable())
        .toWire();
}

QJsonObject ImapServer::countersJson() const {
    return m_state->counters.toJson();
}

qint64 ImapServer::activeSessions() const {
    return m_state->counters.connectionsActive.load();
}

void ImapServer::onMailboxChanged(const QString &domain, const QString &localPart,
                                  const QString &folder) {
    if (!m_pool)
        return;
    for (QObject *anchor : m_pool->anchors()) {
        QMetaObject::invokeMethod(
            anchor,
            [anchor, domain, localPart, folder] {
                const QList<ImapSession *> sessions =
                    anchor->findChildren<ImapSession *>(Qt::FindDirectChildrenOnly);
                for (ImapSession *session : sessions)
                    session->mailboxChanged(domain, localPart, folder);
            },
            Qt::QueuedConnection);
    }
}

void ImapServer::broadcast(void (ImapSession::*action)(), Qt::ConnectionType type) {
    if (!m_pool)
        return;
    for (QObject *anchor : m_pool->anchors()) {
        QMetaObject::invokeMethod(
            anchor,
            [anchor, action] {
                const QList<ImapSession *> sessions =
                    anchor->findChildren<ImapSession *>(Qt::FindDirectChildrenOnly);
                for (ImapSession *session : sessions)
                    (session->*action)();
            },
            type);
    }
}

void ImapServer::shutdown(std::chrono::milliseconds grace, std::function<void()> done) {
    m_state->draining.store(true);
    m_grace = grace;
    m_drained = std::move(done);
    m_drainClock.start();
    broadcast(&ImapSession::beginShutdown, Qt::QueuedConnection);
    const qint64 active = activeSessions();
    if (active > 0)
        qCInfo(lcImap) << "closing" << active << "IMAP sessions";
    m_drainTimer.start();
    checkDrained();
}

void ImapServer::checkDrained() {
    if (!m_drained)
        return;
    const bool idle = activeSessions() == 0 && m_state->pendingWrites.load() == 0;
    if (!idle && m_drainClock.elapsed() < m_grace.count())
        return;
    if (!idle) {
        qCWarning(lcImap) << activeSessions()
                          << "IMAP sessions still open after the grace period; closing them";
        // Blocking: once this returns no session touches the store again.
        broadcast(&ImapSession::abort, Qt::BlockingQueuedConnection);
    }
    m_drainTimer.stop();
    std::exchange(m_drained, {})();
}

} // namespace mailstead::imap
