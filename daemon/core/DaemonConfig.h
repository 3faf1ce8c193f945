// DaemonConfig.h - the bootstrap INI file (mailsteadd.conf) and local mode
//
// Keys and defaults are those of DESIGN.md "Configuration". Values are read
// with QSettings; a line scan adds what QSettings silently skips (lines that
// are not "key = value", unknown sections and keys), so --check-config can
// name every bad key. Local mode (no --config, not root) uses
// $XDG_DATA_HOME/mailstead, $XDG_RUNTIME_DIR/mailstead/admin.sock and every
// port + 10000 on 127.0.0.1.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace mailstead::core {

// Services with a [listen] key, in the order status reports them.
enum class Service { Smtp, Submission, Submissions, Imap, Imaps, Pop3, Pop3s, Http, Https };
inline constexpr int serviceCount = 9;
QString serviceName(Service service);        // "smtp", "submission", ...
quint16 serviceDefaultPort(Service service); // 25, 587, ...
// submissions, imaps, pop3s, https: TLS from the first byte (RFC 8314).
bool isImplicitTls(Service service);
QList<Service> allServices();

struct ListenAddress {
    QString host;             // "0.0.0.0", "::", "127.0.0.1", "localhost"
    quint16 port = 0;         // 0 = pick a free port
    QString toString() const; // "host:port", IPv6 in brackets
};

struct ConfigIssue {
    QString key; // "listen/smtp", "general/hostname", or "line 12"
    QString message;
    QString toString() const; // "[listen] smtp: ..." or "line 12: ..."
};

// [smtp]: limits of the SMTP server; smtp/SmtpLimits.h explains each. Read
// by new sessions, so a SIGHUP changes them without dropping connections.
struct SmtpConfig {
    qint64 maxMessageSize = qint64(50) * 1024 * 1024; // max_message_size, octets
    int maxRecipients = 100;                          // max_recipients
    int maxLineLength = 998;                          // max_line_length, without CRLF
    QString recipientDelimiter = QStringLiteral("+"); // recipient_delimiter; empty: off
    int commandTimeoutSeconds = 300;                  // command_timeout
    int dataTimeoutSeconds = 600;                     // data_timeout
    int maxErrors = 10;                               // max_errors
    int maxConnections = 1000;                        // max_connections
    int maxConnectionsPerIp = 50;                     // max_connections_per_ip
};

// [submission]: authenticated submission on the submission and
// submissions listeners (smtp/SubmissionLimits.h explains each). The
// [smtp] limits apply there too. Read by new sessions, so a SIGHUP changes
// them without dropping connections. Rate limits: 0 means unlimited.
struct SubmissionConfig {
    int maxAuthFailures = 3;            // max_auth_failures: per session, then 421
    int mailboxMessagesPerHour = 200;   // mailbox_messages_per_hour
    int mailboxRecipientsPerDay = 2000; // mailbox_recipients_per_day
    int domainMessagesPerHour = 2000;   // domain_messages_per_hour
    int domainRecipientsPerDay = 20000; // domain_recipients_per_day
};

// RFC 8461 section 5: how sending MTAs treat a failed MTA-STS validation.
enum class MtaStsMode { None, Testing, Enforce };
QString mtaStsModeName(MtaStsMode mode); // "none", "testing", "enforce"

// [http]: the HTTP endpoints (http/HttpLimits.h has the fixed limits).
// Read for every request and connection, so a SIGHUP changes them at once.
struct HttpConfig {
    MtaStsMode mtaStsMode = MtaStsMode::Testing; // mta_sts_mode
    qint64 mtaStsMaxAgeSeconds = 604800;         // mta_sts_max_age: one week
    int requestTimeoutSeconds = 10;              // request_timeout: whole request, TLS included
    int maxConnections = 200;                    // max_connections
    int maxConnectionsPerIp = 20;                // max_connections_per_ip
};

// [pop3]: limits of the POP3 server; pop3/Pop3Limits.h explains each. Read
// by new sessions, so a SIGHUP changes them without dropping connections.
struct Pop3Config {
    int maxConnections = 1000;      // max_connections
    int maxConnectionsPerIp = 20;   // max_connections_per_ip
    int maxConnectionsPerUser = 10; // max_connections_per_user
    int idleTimeoutSeconds = 600;   // idle_timeout: RFC 1939 section 3 asks for 10 minutes
    // allow_plaintext_loopback: USER/PASS and AUTH without TLS from
    // 127.0.0.0/8 and ::1 (local testing only).
    bool allowPlaintextLoopback = false;
};

// [dns] besides servers: the resolver's limits (dns/DnsLimits.h explains
// each) and the addresses the DNS records name. Read at start-up.
// [queue] beyond remote_port: queue/QueueLimits.h explains each. Read by
// the queue at start-up.
struct QueueConfig {
    qint64 maxAgeSeconds = 5 * 86400;  // max_age: then the message bounces
    qint64 retryBaseSeconds = 5 * 60;  // retry_base: the first retry's delay
    qint64 retryMaxSeconds = 4 * 3600; // retry_max: the longest delay between tries
    int maxConcurrency = 20;           // max_concurrency: SMTP sessions at once
    int maxDomainConcurrency = 4;      // max_domain_concurrency: per destination domain
    qint64 delayWarningSeconds = 0;    // delay_warning: 0 sends no delay notice
    int warnMessages = 1000;           // warn_messages: health warning above; 0: never
    // smarthost* (DaemonConfigQueue.h): a relay for remote deliveries.
    QString smarthostHost;             // smarthost = host[:port]; empty: MX routing
    int smarthostPort = 0;             // 0: 587 (starttls) or 465 (implicit)
    bool smarthostImplicitTls = false; // smarthost_tls = starttls | implicit
    QString smarthostUser;             // smarthost_user
    QString smarthostPassword;         // read from smarthost_password_file
    QString smarthostCaFile;           // smarthost_ca_file
    QStringList smarthostDomains;      // smarthost_domains; empty: every sender
};

struct DnsConfig {
    QStringList publicAddresses;    // public_addresses; empty: listeners, else DNS
    int queryTimeoutSeconds = 8;    // timeout
    int maxAnswers = 64;            // max_answers: records parsed per answer
    int maxConcurrentQueries = 256; // max_concurrent_queries
    // trust_anchor: DS/DNSKEY records in zone-file format that DNSSEC
    // validation starts from (Debian's dns-root-data file; used only when it
    // exists); empty: no validation.
    QString trustAnchor = QStringLiteral("/usr/share/dns/root.key");
};

// [imap]: limits of the IMAP server; imap/ImapLimits.h explains each. Read
// by new sessions, so a SIGHUP changes them without dropping connections.
struct ImapConfig {
    int maxConnections = 1000;                     // max_connections
    int maxConnectionsPerIp = 20;                  // max_connections_per_ip
    int maxConnectionsPerUser = 20;                // max_connections_per_user
    int idleTimeoutSeconds = 30 * 60;              // idle_timeout: RFC 9051 section 5.4
    qint64 appendLimit = qint64(50) * 1024 * 1024; // append_limit: APPENDLIMIT, octets
    // allow_plaintext_loopback: LOGIN and AUTHENTICATE without TLS from
    // 127.0.0.0/8 and ::1 (local testing only).
    bool allowPlaintextLoopback = false;
};

struct DaemonConfig {
    QString configFile; // empty in local mode and for built-in defaults
    bool localMode = false;

    QString hostname;
    QString dataDir;
    // [general] max_connections, max_connections_per_ip: connections over
    // all services at once (net/ListenerSet.h), a backstop above each
    // service's own limits; more are closed right after accept().
    int maxConnections = 2000;
    int maxConnectionsPerIp = 100;
    QList<ListenAddress> listen[serviceCount];
    QString adminSocket;
    QString adminGroup = QStringLiteral("mailstead-admin");
    QStringList dnsServers; // "ip" or "ip@port"
    DnsConfig dns;
    quint16 queueRemotePort = 25;
    QueueConfig queue;
    QString acmeDirectory;
    QString acmeEmail;
    QString acmeCaFile;
    // How often certificates are checked for renewal (at two thirds of
    // their lifetime) and for expiry warnings.
    int acmeRenewalCheckSeconds = 3600;
    QString logLevel = QStringLiteral("info"); // debug, info, warning, error
    SmtpConfig smtp;
    SubmissionConfig submission;
    ImapConfig imap;
    Pop3Config pop3;
    HttpConfig http;

    const QList<ListenAddress> &listenFor(Service s) const { return listen[int(s)]; }
};

struct LoadedConfig {
    DaemonConfig config;
    QList<ConfigIssue> issues; // empty = valid
    bool ok() const { return issues.isEmpty(); }
};

// The defaults of an installed daemon (ports 25, 587, ..., /var/lib/mailstead).
DaemonConfig installedDefaults();
// The local-mode defaults for the current user (environment read here).
DaemonConfig localModeDefaults();

// Reads and validates a config file over installedDefaults().
LoadedConfig loadConfigFile(const QString &path);

// "300", "300s", "5m", "1h", "5d" in seconds; -1 when the text is not a duration.
qint64 parseDurationSeconds(const QString &text);

// Parses one "host:port host:port" value; issues go to *issues under key.
QList<ListenAddress> parseListenValue(const QString &value, const QString &key,
                                      QList<ConfigIssue> *issues);

} // namespace mailstead::core
