// SmtpServer.cpp - SMTP's words for the shared server scaffolding: the 421
// refusal, and the deliveries a graceful stop waits for
//
// DESIGN.md "Threads" and "Signals"; see SmtpServer.h and
// net/SessionServer.h.
//
// SECURITY: no peer input here; see SmtpSession.h.
#include "SmtpServer.h"

#include "core/Log.h"
#include "SmtpReply.h"
#include "SmtpSession.h"

namespace mailstead::smtp {

SmtpServer::SmtpServer(const SmtpServices &services, net::IoThreadPool *pool, QObject *parent)
    : SessionServerOf(std::make_shared<SmtpServerState>(services), "SMTP", core::lcSmtp(), pool,
                      parent) {}

SmtpServer::~SmtpServer() = default;

QByteArray SmtpServer::refusalLine(const QByteArray &text) const {
    return makeReply(421, "4.7.0", m_state->settings()->hostname.toUtf8() + ' ' + text)
        .toWire(true);
}

bool SmtpServer::hasPendingWork() const {
    return m_state->pendingDeliveries.load() != 0;
}

} // namespace mailstead::smtp
