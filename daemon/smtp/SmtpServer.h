// SmtpServer.h - the SMTP services, MX (smtp) and submission (submission,
// submissions): takes connections from ListenerSet,
// hands each to an I/O thread where its SmtpSession lives, holds the
// settings and counters all sessions share, and stops them gracefully
//
// RFC 5321 (the sessions), DESIGN.md "Threads" and "Signals". Hand-off,
// refusal of connections over the limits and the graceful stop are
// net/SessionServer.h's; this class says them in SMTP and waits for the
// deliveries in flight.
//
// Each session takes its mode from its listener (SmtpSession.h): MX on
// smtp, submission with AUTH on submission (STARTTLS) and submissions
// (implicit TLS, RFC 8314).
//
// SECURITY: the sessions talk to unauthenticated peers (see SmtpSession.h);
// this class reads nothing from the network itself.
#pragma once

#include "net/SessionServer.h"
#include "SmtpServerState.h"

#include <chrono>

namespace mailstead::smtp {

class SmtpSession;

// How long SIGTERM waits for transactions in flight before cutting them.
inline constexpr std::chrono::seconds defaultShutdownGrace{30};

// Graceful stop (shutdown()): new connections get 421; idle sessions are
// closed with 421 now, the others after their transaction (a message being
// read or waiting for the store completes). When its `done` runs, close the
// store, then stop the pool.
class SmtpServer : public net::SessionServerOf<SmtpServerState, SmtpSession> {
    Q_OBJECT

public:
    // pool: not owned; sessions live in its threads and are deleted with
    // them.
    SmtpServer(const SmtpServices &services, net::IoThreadPool *pool, QObject *parent = nullptr);
    ~SmtpServer() override;

private:
    // "421 4.7.0 <host> Too many connections..." (RFC 5321 section 3.8, as
    // Postfix's anvil limits answer).
    QByteArray refusalLine(const QByteArray &text) const override;
    bool hasPendingWork() const override;
};

} // namespace mailstead::smtp
