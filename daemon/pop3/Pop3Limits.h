// Pop3Limits.h - the named limits of the POP3 server, in one place
//
// RFC 2449 section 4 (a command line is at most 255 octets including the
// CRLF), RFC 5034 section 4 (SASL responses are exempt from that limit:
// servers must take what their mechanisms produce), RFC 1939 section 3 (the
// inactivity autologout timer: at least 10 minutes). Sessions read them; the
// pure parser takes the ones it enforces as an argument.
//
// SECURITY: these numbers bound the memory and time an unauthenticated peer
// can make the server spend on one connection; lowering them is always safe,
// raising them trades that bound for interoperability.
#pragma once

#include <chrono>
#include <QtGlobal>

namespace mailstead::pop3 {

// RFC 2449 section 4: 255 octets including the CRLF.
inline constexpr qsizetype rfcCommandLineOctets = 255;
// An AUTH PLAIN message is at most 3 * 255 + 2 octets (RFC 4616 section 2),
// 1024 in base64; twice that leaves room for mechanisms added later.
inline constexpr qsizetype saslLineOctets = 2048;

struct Pop3Limits {
    // Every command line but AUTH, including CRLF; longer gets "-ERR".
    qsizetype maxCommandLine = rfcCommandLineOctets;
    // AUTH with an initial response and SASL response lines, including
    // CRLF; also what the framing holds at most before discarding to the
    // next line end. Tolerant of clients that send AUTH PLAIN with an
    // initial response past 255 octets although RFC 5034 section 4 tells
    // them not to.
    qsizetype maxSaslLine = saslLineOctets;

    // Session limits (read by Pop3Session, not by the pure layer).
    // RFC 1939 section 3: at least 10 minutes of inactivity before autologout.
    std::chrono::seconds idleTimeout{10 * 60};
    // A TLS handshake (STLS, pop3s) must complete within this; a peer that
    // opens pop3s and stays silent does not hold a slot for 10 minutes.
    std::chrono::seconds tlsHandshakeTimeout{60};
    // Failed commands a session may send before it is closed.
    int errorBudget = 20;
    // Failed logins in one session before it is closed (each one is also
    // slowed down by core::MailAuthenticator's growing delay).
    int maxAuthFailures = 3;
    // Concurrent sessions on each listener (pop3, pop3s; enforced by
    // ListenerSet) and per peer address, and per mailbox over both
    // (enforced at login). A phone, a desktop and a webmail poller fit.
    int maxConnections = 1000;
    int maxConnectionsPerIp = 20;
    int maxConnectionsPerUser = 10;
};

} // namespace mailstead::pop3
