// Pop3Server.h - the POP3 service (pop3 with STLS, pop3s with implicit
// TLS): takes connections from ListenerSet, hands each to an I/O thread
// where its Pop3Session lives, holds the settings and counters all sessions
// share, and stops them gracefully
//
// RFC 1939 (the sessions), RFC 8314 section 3.3 (implicit TLS on 995),
// DESIGN.md "Threads" and "Signals". Hand-off, refusal of connections over
// the limits and the graceful stop are net/SessionServer.h's: a raw
// descriptor and its limits ticket are posted to the next I/O thread's
// anchor, where Pop3Session::start() makes the QSslSocket, so the socket is
// created, used and destroyed in one thread.
//
// SECURITY: the sessions talk to unauthenticated peers (see Pop3Session.h);
// this class reads nothing from the network itself.
#pragma once

#include "net/SessionServer.h"
#include "Pop3ServerState.h"

#include <chrono>

namespace mailstead::pop3 {

class Pop3Session;

// How long SIGTERM waits for sessions in their UPDATE state (the expunge
// at QUIT) before cutting them. Idle sessions are closed at once.
inline constexpr std::chrono::seconds defaultShutdownGrace{10};

// Graceful stop (shutdown()): new connections are refused; sessions waiting
// for a command are closed with "-ERR" now, a session in its UPDATE state
// once the store has answered.
class Pop3Server : public net::SessionServerOf<Pop3ServerState, Pop3Session> {
    Q_OBJECT

public:
    // pool: not owned; sessions live in its threads and are deleted with
    // them. Serves both core::Service::Pop3 and Pop3s (implicit TLS).
    Pop3Server(const Pop3Services &services, net::IoThreadPool *pool, QObject *parent = nullptr);
    ~Pop3Server() override;

private:
    // "-ERR [SYS/TEMP] ..." (RFC 2449 section 8.1.2 response code).
    QByteArray refusalLine(const QByteArray &text) const override;
    bool hasPendingWork() const override;
};

} // namespace mailstead::pop3
