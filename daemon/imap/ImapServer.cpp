// ImapServer.cpp - IMAP's words for the shared server scaffolding (the BYE
// refusal, the store writes a graceful stop waits for) and the change relay
//
// DESIGN.md "Threads" and "Signals"; see ImapServer.h and
// net/SessionServer.h.
//
// SECURITY: no peer input here; see ImapSession.h.
#include "ImapServer.h"

#include "ImapLog.h"
#include "ImapResponse.h"
#include "ImapSession.h"
#include "store/MessageStore.h"

namespace mailstead::imap {

ImapServer::ImapServer(const ImapServices &services, net::IoThreadPool *pool, QObject *parent)
    : SessionServerOf(std::make_shared<ImapServerState>(services), "IMAP", lcImap(), pool, parent) {
    if (services.messages)
        connect(services.messages, &store::MessageStore::mailboxChanged, this,
                &ImapServer::onMailboxChanged, Qt::QueuedConnection);
}

ImapServer::~ImapServer() = default;

QByteArray ImapServer::refusalLine(const QByteArray &text) const {
    return ImapStatusResponse::bye(text, responsecode::unavailable()).toWire();
}

bool ImapServer::hasPendingWork() const {
    return m_state->pendingWrites.load() != 0;
}

void ImapServer::onMailboxChanged(const QString &domain, const QString &localPart,
                                  const QString &folder) {
    forEachSession(
        [domain, localPart, folder](ImapSession *session) {
            session->mailboxChanged(domain, localPart, folder);
        },
        Qt::QueuedConnection);
}

} // namespace mailstead::imap
