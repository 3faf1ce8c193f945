// SubmissionRateLimiter.h - send rate limits of authenticated submission:
// messages per hour and recipients per day, per mailbox and per domain
//
// Counts are kept in memory in time buckets: the hour window is 60 buckets
// of one minute, the day window 96 buckets of 15 minutes, so a window
// slides in steps of its bucket and each key costs a fixed 156 counters.
// Keys (a mailbox address, "@domain") are dropped once both windows are
// empty, swept at most once per sweepIntervalMs.
//
// A restart forgets every count: after it, each mailbox and domain has its
// whole budget again. That is deliberate (no disk writes per message) and
// bounded: an attacker with a stolen password cannot restart the daemon.
//
// Thread-safe (one mutex; sessions on every I/O thread share one limiter).
// Time comes in as an argument (milliseconds since the epoch), so tests
// are exact.
//
// SECURITY: keys are mailboxes that logged in, never peer-chosen strings,
// so the map is bounded by the number of mailboxes and domains.
#pragma once

#include "SubmissionLimits.h"

#include <array>
#include <QHash>
#include <QMutex>
#include <QString>

namespace mailstead::smtp {

class SubmissionRateLimiter {
public:
    enum class Verdict {
        Allowed,
        MailboxMessages,   // the mailbox's messages per hour are used up
        MailboxRecipients, // the mailbox's recipients per day
        DomainMessages,    // the domain's messages per hour
        DomainRecipients,  // the domain's recipients per day
    };

    static constexpr qint64 hourBucketMs = 60'000;
    static constexpr int hourBuckets = 60;
    static constexpr qint64 dayBucketMs = 15 * 60'000;
    static constexpr int dayBuckets = 96;
    static constexpr qint64 sweepIntervalMs = 10 * 60'000;

    // Would a message with `recipients` recipients still fit? Counts
    // nothing (MAIL: recipients 0; RCPT: the recipients so far plus one).
    Verdict check(const QString &mailbox, const QString &domain, int recipients,
                  const SubmissionRateLimits &limits, qint64 nowMs) const;
    // Checks and, when it fits, counts the message and its recipients in
    // one step, so that concurrent sessions cannot both take the last slot.
    Verdict admit(const QString &mailbox, const QString &domain, int recipients,
                  const SubmissionRateLimits &limits, qint64 nowMs);

    // Keys currently held (tests: sweeping).
    int trackedKeys() const;

    // "mailbox messages per hour (200)": for replies and logs.
    static QByteArray describe(Verdict verdict, const SubmissionRateLimits &limits);

private:
    template <int N, qint64 Width> struct Window {
        std::array<qint64, N> slot{}; // which bucket number each entry holds
        std::array<qint64, N> count{};
        qint64 sum(qint64 nowMs) const;
        void add(qint64 nowMs, qint64 amount);
    };
    struct Usage {
        Window<hourBuckets, hourBucketMs> messages;
        Window<dayBuckets, dayBucketMs> recipients;
        bool empty(qint64 nowMs) const;
    };

    Verdict checkLocked(const QString &mailbox, const QString &domain, int recipients,
                        const SubmissionRateLimits &limits, qint64 nowMs) const;
    void sweepLocked(qint64 nowMs);

    mutable QMutex m_mutex;
    QHash<QString, Usage> m_usage; // "alice@example.test", "@example.test"
    qint64 m_lastSweepMs = 0;
};

} // namespace mailstead::smtp
