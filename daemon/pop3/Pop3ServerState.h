// Pop3ServerState.h - what every POP3 session shares, across I/O threads:
// the services it uses, the current settings, the counters, the sessions
// per mailbox
//
// Services, settings snapshots and the draining flag are
// net/SessionServerState.h's. Counters are atomics bumped by the sessions
// and read by system.status; the sessions per mailbox
// (net/SessionsPerUser.h) enforce Pop3Limits::maxConnectionsPerUser.
//
// SECURITY: no peer input. The services are what a POP3 peer can reach
// through a session: before authentication only the authenticator (through
// its growing failure delay); after it, the INBOX of its own mailbox.
#pragma once

#include "net/SessionServerState.h"
#include "net/SessionsPerUser.h"
#include "Pop3Limits.h"

#include <atomic>
#include <QJsonObject>
#include <QLoggingCategory>
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

namespace mailstead::pop3 {

Q_DECLARE_LOGGING_CATEGORY(lcPop3) // "mailstead.pop3"

struct Pop3Services {
    store::MessageStore *messages = nullptr;
    core::MailAuthenticator *authenticator = nullptr;
    tls::CertificateStore *certificates = nullptr; // null: no STLS, no pop3s
};

struct Pop3Settings {
    QString hostname = QStringLiteral("localhost"); // greeting
    Pop3Limits limits;
    // USER/PASS and AUTH without TLS from loopback peers (local testing
    // only); everyone else must use STLS or pop3s first (RFC 2595 section 2.2).
    bool allowPlaintextLoopback = false;
};

struct Pop3Counters {
    std::atomic<qint64> connectionsTotal{0};
    std::atomic<qint64> connectionsActive{0};
    std::atomic<qint64> tlsSessions{0}; // STLS and pop3s handshakes completed
    std::atomic<qint64> logins{0};      // successful USER/PASS or AUTH
    std::atomic<qint64> loginFailures{0};
    std::atomic<qint64> messagesRetrieved{0}; // RETR answered +OK
    std::atomic<qint64> bytesRetrieved{0};    // octets sent for RETR and TOP
    std::atomic<qint64> messagesDeleted{0};   // expunged at QUIT

    // The system.status "counters.pop3" object (docs/ipc.md).
    QJsonObject toJson() const;
};

class Pop3ServerState : public net::SessionServerState<Pop3Services, Pop3Settings> {
public:
    using SessionServerState::SessionServerState;

    // Counts a session of `mailbox` (an address) unless it already has
    // `limit` of them; pair each true with releaseUser().
    bool acquireUser(const QString &mailbox, int limit);
    void releaseUser(const QString &mailbox);
    int userSessions(const QString &mailbox) const;

    Pop3Counters counters;
    // UPDATE-state writes handed to the store and not yet answered: a
    // graceful stop waits for them.
    std::atomic<int> pendingUpdates{0};

private:
    net::SessionsPerUser m_userSessions;
};

} // namespace mailstead::pop3
