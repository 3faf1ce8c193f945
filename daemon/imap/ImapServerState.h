// ImapServerState.h - what every IMAP session shares, across I/O threads:
// the services it uses, the current settings, the counters, the logins
// per user
//
// Services, settings snapshots and the draining flag are
// net/SessionServerState.h's. Counters are atomics bumped by the sessions
// and read by system.status. The per-user count (net/SessionsPerUser.h)
// enforces ImapLimits::maxConnectionsPerUser across both listeners (imap
// and imaps) and every I/O thread.
//
// SECURITY: no peer input. The services are what a session can reach:
// the authenticator before login, the logged-in user's own mailbox after.
#pragma once

#include "ImapHeaderCache.h"
#include "ImapLimits.h"
#include "net/SessionServerState.h"
#include "net/SessionsPerUser.h"

#include <atomic>
#include <QJsonObject>
#include <QString>

namespace mailstead::core {
class MailAuthenticator;
}

namespace mailstead::store {
class MessageStore;
}

namespace mailstead::tls {
class CertificateStore;
}

namespace mailstead::imap {

struct ImapServices {
    store::MessageStore *messages = nullptr;
    core::MailAuthenticator *authenticator = nullptr;
    tls::CertificateStore *certificates = nullptr; // null: no STARTTLS, imaps closes at once
};

struct ImapSettings {
    QString hostname = QStringLiteral("localhost");
    ImapLimits limits;
    // LOGIN and AUTHENTICATE PLAIN without TLS, but only on a connection
    // whose both ends are loopback addresses (local testing; [imap]
    // allow_plaintext_loopback).
    bool allowPlaintextLoopback = false;
};

struct ImapCounters {
    std::atomic<qint64> connectionsTotal{0};
    std::atomic<qint64> connectionsActive{0};
    std::atomic<qint64> tlsSessions{0}; // STARTTLS and implicit TLS handshakes completed
    std::atomic<qint64> logins{0};
    std::atomic<qint64> loginFailures{0};
    std::atomic<qint64> commands{0};
    std::atomic<qint64> badCommands{0}; // answered BAD
    std::atomic<qint64> messagesAppended{0};
    std::atomic<qint64> bytesAppended{0};
    std::atomic<qint64> idleSessions{0}; // in IDLE right now

    // The system.status "counters.imap" object (docs/ipc.md).
    QJsonObject toJson() const;
};

class ImapServerState : public net::SessionServerState<ImapServices, ImapSettings> {
public:
    using SessionServerState::SessionServerState;

    // A session of `user` (the mailbox address, any case) may log in while
    // fewer than `limit` are; releaseUser() when it ends.
    bool acquireUser(const QString &user, int limit);
    void releaseUser(const QString &user);

    ImapCounters counters;
    // Header blocks of fetched messages, for every session (ImapHeaderCache.h).
    ImapHeaderCache headerCache;
    // Store writes (APPEND, STORE, EXPUNGE, COPY, ...) not answered yet: a
    // graceful stop waits for them.
    std::atomic<int> pendingWrites{0};

private:
    net::SessionsPerUser m_users; // keyed by the case-folded address
};

} // namespace mailstead::imap
