// ImapServer.h - the IMAP service (listeners imap with STARTTLS and imaps
// with implicit TLS, RFC 8314): takes connections from ListenerSet, hands
// each to an I/O thread where its ImapSession lives, relays the store's
// change notices to the sessions, holds the shared settings and counters
// and stops the sessions gracefully
//
// RFC 9051 (the sessions), RFC 8314 section 3.3 (implicit TLS on 993),
// DESIGN.md "Threads" and "Signals". Hand-off, refusal of connections over
// the limits and the graceful stop are net/SessionServer.h's: the raw
// descriptor is posted to the next I/O thread's anchor, where the
// QSslSocket is created. MessageStore::mailboxChanged (emitted on a writer
// thread) arrives here queued and is posted to every I/O thread, where the
// sessions that have that folder selected refresh: an IDLE session writes
// EXISTS/EXPUNGE/FETCH at once, the others at their next command.
//
// SECURITY: the sessions talk to unauthenticated peers (see ImapSession.h);
// this class reads nothing from the network itself.
#pragma once

#include "ImapServerState.h"
#include "net/SessionServer.h"

#include <chrono>

namespace mailstead::imap {

class ImapSession;

// How long SIGTERM waits for store writes in flight (an APPEND waiting for
// its fsync) before the sessions are cut.
inline constexpr std::chrono::seconds defaultShutdownGrace{10};

// Graceful stop (shutdown()): new connections get BYE; every session says
// "* BYE [UNAVAILABLE] shutting down" as soon as the command it is running
// (a store write) has been answered.
class ImapServer : public net::SessionServerOf<ImapServerState, ImapSession> {
    Q_OBJECT

public:
    // pool: not owned; sessions live in its threads and are deleted with them.
    ImapServer(const ImapServices &services, net::IoThreadPool *pool, QObject *parent = nullptr);
    ~ImapServer() override;

private:
    // "* BYE [UNAVAILABLE] Too many connections" (RFC 9051 section 7.1.5).
    QByteArray refusalLine(const QByteArray &text) const override;
    bool hasPendingWork() const override;
    void onMailboxChanged(const QString &domain, const QString &localPart, const QString &folder);
};

} // namespace mailstead::imap
