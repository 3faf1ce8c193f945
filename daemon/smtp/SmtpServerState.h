// SmtpServerState.h - what every SMTP session shares, across I/O threads:
// the services it uses, the current settings, the counters, the
// submission rate limiter
//
// Services, settings snapshots and the draining flag are
// net/SessionServerState.h's. Counters are atomics bumped by the sessions
// and read by system.status.
//
// SECURITY: no peer input. The services (message store, recipient
// directory, certificates, outbound queue) are what an unauthenticated SMTP
// peer can reach through a session: delivery to local mailboxes, and to the
// external targets of our own aliases through the queue; never relaying to
// an address the peer chose. On the submission listeners, a peer that
// logged in through the authenticator may relay anywhere, within the
// rate limits and as addresses it owns.
#pragma once

#include "net/SessionServerState.h"
#include "SmtpLimits.h"
#include "SubmissionLimits.h"
#include "SubmissionRateLimiter.h"

#include <atomic>
#include <QJsonObject>
#include <QString>

namespace mailstead::core {
class EventBus;
class MailAuthenticator;
class RecipientDirectory;
} // namespace mailstead::core

namespace mailstead::queue {
class DeliveryQueue;
}

namespace mailstead::store {
class MessageStore;
}

namespace mailstead::tls {
class CertificateStore;
}

namespace mailstead::smtp {

// Published once per delivered copy: {mailbox, folder, uid, size}.
inline constexpr char16_t deliveryEventName[] = u"event.delivery";

struct SmtpServices {
    store::MessageStore *messages = nullptr;
    core::RecipientDirectory *directory = nullptr;
    tls::CertificateStore *certificates = nullptr; // null: no STARTTLS
    core::EventBus *events = nullptr;              // null: no event.delivery
    queue::DeliveryQueue *queue = nullptr;         // null: aliases to outside addresses get 451
    // Logins on the submission listeners; null: AUTH answers 454.
    core::MailAuthenticator *authenticator = nullptr;
};

struct SmtpSettings {
    QString hostname = QStringLiteral("localhost"); // greeting, EHLO, Received "by"
    SmtpLimits limits;
    QString recipientDelimiter = QStringLiteral("+"); // empty: no plus-addressing
    // Where "<Postmaster>" without a domain goes (RFC 5321 section
    // 4.1.1.3): postmaster@ this domain. Empty: nowhere (550).
    QString postmasterDomain;
    // The submission and submissions listeners ([submission]).
    SubmissionLimits submission;
};

struct SmtpCounters {
    std::atomic<qint64> connectionsTotal{0};
    std::atomic<qint64> connectionsActive{0};
    std::atomic<qint64> messagesAccepted{0};   // 250 after DATA / BDAT LAST
    std::atomic<qint64> recipientsAccepted{0}; // RCPT answered 250
    std::atomic<qint64> recipientsRejected{0}; // RCPT answered 4xx/5xx
    std::atomic<qint64> bytesAccepted{0};      // size of accepted messages as stored
    std::atomic<qint64> tlsSessions{0};        // completed STARTTLS handshakes
    // Submission (ports 587 and 465): sessions, AUTH outcomes, messages
    // queued (also counted in messagesAccepted), rate-limit refusals.
    std::atomic<qint64> submissionSessions{0};
    std::atomic<qint64> authSuccesses{0};
    std::atomic<qint64> authFailures{0};
    std::atomic<qint64> messagesSubmitted{0};
    std::atomic<qint64> rateLimited{0};

    // The system.status "counters.smtp" object (docs/ipc.md).
    QJsonObject toJson() const;
};

class SmtpServerState : public net::SessionServerState<SmtpServices, SmtpSettings> {
public:
    using SessionServerState::SessionServerState;

    SmtpCounters counters;
    // Handed to the store and not yet answered (also for sessions whose
    // client has gone): a graceful stop waits for them.
    std::atomic<int> pendingDeliveries{0};
    // Per mailbox and domain, over every submission session.
    SubmissionRateLimiter rateLimiter;
};

} // namespace mailstead::smtp
