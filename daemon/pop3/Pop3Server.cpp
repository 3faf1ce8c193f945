// Pop3Server.cpp - POP3's words for the shared server scaffolding: the
// -ERR refusal, and the UPDATE-state writes a graceful stop waits for
//
// DESIGN.md "Threads" and "Signals"; see Pop3Server.h and
// net/SessionServer.h.
//
// SECURITY: no peer input here; see Pop3Session.h.
#include "Pop3Server.h"

#include "Pop3Session.h"

namespace mailstead::pop3 {

Pop3Server::Pop3Server(const Pop3Services &services, net::IoThreadPool *pool, QObject *parent)
    : SessionServerOf(std::make_shared<Pop3ServerState>(services), "POP3", lcPop3(), pool, parent) {
}

Pop3Server::~Pop3Server() = default;

QByteArray Pop3Server::refusalLine(const QByteArray &text) const {
    return "-ERR [SYS/TEMP] " + text + "\r\n";
}

bool Pop3Server::hasPendingWork() const {
    return m_state->pendingUpdates.load() != 0;
}

} // namespace mailstead::pop3
