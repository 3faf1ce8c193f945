// QueueLimits.h - the named limits and settings of the outbound queue, in
// one place
//
// RFC 5321 section 4.5.3.2 (client timeouts: 5 minutes for the greeting,
// MAIL and RCPT, 2 for DATA, 3 per data block, 10 for the final dot) and
// section 4.5.4.1 (retry at least 30 minutes apart, give up after 4-5
// days). Retries back off exponentially from retryBase to retryMax with up
// to retryJitterPercent added at random, so messages deferred together do
// not all come back together. [queue] in mailsteadd.conf sets the
// settings; tests shorten the timeouts.
//
// SECURITY: these bound what a remote MX can make the daemon hold: time per
// reply, octets per reply, sessions at once.
#pragma once

#include <chrono>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace mailstead::queue {

// A reply line longer than this, or a reply with more lines, ends the
// session (RFC 5321 section 4.5.3.1.5 says 512 octets; EHLO lists run long).
inline constexpr qsizetype maxReplyLineOctets = 4096;
inline constexpr int maxReplyLines = 100;
// Messages are read into memory to be sent; bigger ones are refused at
// enqueue time (the SMTP server's own limit is 50 MiB by default).
inline constexpr qint64 maxQueuedMessageSize = qint64(200) * 1024 * 1024;
// Recipients of one message sent in one SMTP transaction (RFC 5321 section
// 4.5.3.1.8: a server must accept at least 100).
inline constexpr int maxRecipientsPerTransaction = 100;
// Threads that write and fsync message files of one group commit at once
// (their syncs overlap in the file system's journal; I/O bound, not CPU).
inline constexpr int maxParallelFileWrites = 16;
// Original headers quoted in a bounce (text/rfc822-headers).
inline constexpr qsizetype maxBounceHeaderOctets = 64 * 1024;

struct SmtpClientTimeouts {
    std::chrono::milliseconds connect{std::chrono::seconds(30)};
    std::chrono::milliseconds greeting{std::chrono::minutes(5)};
    std::chrono::milliseconds command{std::chrono::minutes(5)}; // EHLO, MAIL, RCPT, STARTTLS
    std::chrono::milliseconds dataStart{std::chrono::minutes(2)};
    std::chrono::milliseconds dataBlock{std::chrono::minutes(3)};
    std::chrono::milliseconds dataEnd{std::chrono::minutes(10)};
};

// [queue] smarthost*: every remote delivery (or those of some sender
// domains) goes to one relay instead of the recipients' MX hosts, over TLS
// with a verified certificate, authenticated when a user is set
// (SmtpClientSession.h).
struct SmarthostSettings {
    QString host; // empty: MX routing; a name or an IP address
    quint16 port = 587;
    bool implicitTls = false;  // smarthost_tls = implicit (RFC 8314) or starttls
    QString user;              // empty: no AUTH
    QString password;          // read from smarthost_password_file
    QString caFile;            // extra trusted CAs (PEM) besides the system's
    QStringList senderDomains; // lower-case; empty: every sender (bounces too)

    bool isSet() const { return !host.isEmpty(); }
    // Whether mail from this envelope sender goes through the smarthost.
    bool appliesTo(const QString &sender) const;
};

struct QueueSettings {
    QString hostname = QStringLiteral("localhost");          // EHLO name, Reporting-MTA
    quint16 remotePort = 25;                                 // [queue] remote_port
    std::chrono::seconds maxAge{std::chrono::hours(24 * 5)}; // max_age
    std::chrono::seconds retryBase{std::chrono::minutes(5)}; // retry_base
    std::chrono::seconds retryMax{std::chrono::hours(4)};    // retry_max
    int retryJitterPercent = 25;
    int maxConcurrency = 20;         // max_concurrency: SMTP sessions at once
    int maxConcurrencyPerDomain = 4; // max_domain_concurrency
    SmtpClientTimeouts timeouts;
    SmarthostSettings smarthost;
    // delay_warning: one RFC 3464 "delayed" notice to the sender once a
    // message has waited this long with recipients still deferred; 0: none.
    std::chrono::seconds delayWarning{0};
};

} // namespace mailstead::queue
