// Daemon.h - mailsteadd's lifecycle: start, reload, stop
//
// start(): data directory (0750) -> lock -> config.db -> logging to the
// event bus -> message store -> certificates (self-signed on first start)
// -> recipient directory -> I/O threads and the SMTP server -> listeners ->
// admin socket -> "ready" on stdout and to systemd.
// SIGTERM/SIGINT stop gracefully (exit code 0): stop accepting, let SMTP
// transactions in flight finish (bounded by smtp::defaultShutdownGrace),
// close the store (every queued delivery completes), stop the I/O threads.
// SIGHUP re-reads the config file and applies what can change at runtime
// (log level, admin group, listeners, hostname, [smtp], [submission], [pop3] and [imap] limits
// for new sessions, the certificate), keeping the running configuration when the
// file has issues. The recipient directory is rebuilt after every
// "event.config". Status for system.status is assembled here.
// HTTP (http/HttpServer.h) runs in its own thread: started with the mail
// services, told the real listener ports after the listeners opened,
// updated on SIGHUP and "event.config", and stopped (requests in flight
// cut) right after the listeners close.
#pragma once

#include "CommandLine.h"
#include "core/DaemonConfig.h"
#include "core/DataDirLock.h"

#include <chrono>
#include <memory>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QString>

class QTimer;

namespace mailstead::core {
class ConfigStore;
class EventBus;
class MailAuthenticator;
class RecipientDirectory;
} // namespace mailstead::core

namespace mailstead::http {
class HttpServer;
struct HttpSettings;
} // namespace mailstead::http

namespace mailstead::net {
class IoThreadPool;
class ListenerSet;
} // namespace mailstead::net

namespace mailstead::queue {
class QueueThread;
struct QueueSettings;
} // namespace mailstead::queue

namespace mailstead::smtp {
class SmtpServer;
struct SmtpSettings;
} // namespace mailstead::smtp

namespace mailstead::imap {
class ImapServer;
struct ImapSettings;
} // namespace mailstead::imap

namespace mailstead::pop3 {
class Pop3Server;
struct Pop3Settings;
} // namespace mailstead::pop3

namespace mailstead::store {
class MessageStore;
}

namespace mailstead::tls {
class AcmeChallengeTable;
class CertificateIssuer;
class CertificateStore;
struct AcmeSettings;
} // namespace mailstead::tls

namespace mailstead::dns {
class DnsResolver;
struct DnsServerFacts;
} // namespace mailstead::dns

namespace mailstead::admin {
class AdminServer;
}

namespace mailstead::dkim {
class DkimKeyStore;
}

namespace mailstead::runtime {

// A certificate that is not renewed here (imported) raises a health warning
// this many days before it expires.
inline constexpr qint64 certificateWarningDays = 14;
// Queue changes are counted for the health warning at most this often.
inline constexpr std::chrono::milliseconds queueHealthDelay{1000};

class SignalHandler;
class SystemdNotifier;

class Daemon : public QObject {
    Q_OBJECT
public:
    explicit Daemon(const ConfigChoice &choice, QObject *parent = nullptr);
    ~Daemon() override;

    // On failure *error holds one reason per line (printed as
    // "mailsteadd: <reason>") and everything started so far is undone.
    bool start(QString *error);
    // Graceful stop, then QCoreApplication::exit(0).
    void stop();
    void reload();

    QJsonObject status() const;

private:
    // [general] max_connections(_per_ip) for the listeners, and the
    // open-file limit raised to fit them (or a warning).
    void applyConnectionLimits();
    bool startServices(QString *error);
    bool startMail(QString *error);
    void loadCertificates();
    // The hostname, then autoconfig./autodiscover./mta-sts.<domain> for
    // every domain: what a self-signed certificate covers.
    QStringList certificateNames() const;
    // What dns.records and dns.check need to know about the server.
    dns::DnsServerFacts dnsFacts() const;
    // Hourly: renews a self-signed or ACME certificate that is due, and
    // warns (health) when another expires within certificateWarningDays.
    void checkCertificates();
    // After queue changes (at most once per queueHealthDelay): a health
    // warning while more than [queue] warn_messages wait, ok again below.
    void scheduleQueueHealthCheck();
    void checkQueueHealth();
    tls::AcmeSettings acmeSettings() const;
    queue::QueueSettings queueSettings() const;
    smtp::SmtpSettings smtpSettings() const;
    void applySmtpConfig();
    http::HttpSettings httpSettings() const;
    void applyHttpConfig();
    pop3::Pop3Settings pop3Settings() const;
    void applyPop3Config();
    imap::ImapSettings imapSettings() const;
    void applyImapConfig();
    void onEvent(const QString &event, const QJsonObject &payload);
    void finishStop();
    void shutDown();
    void setHealth(const QString &health, const QString &message);
    void announceReady();

    ConfigChoice m_choice;
    core::DaemonConfig m_config;
    core::DataDirLock m_lock;
    std::unique_ptr<core::ConfigStore> m_store;
    core::EventBus *m_events = nullptr;
    std::unique_ptr<store::MessageStore> m_messages;
    std::unique_ptr<core::RecipientDirectory> m_directory;
    // DKIM keys under <data_dir>/dkim; the outbound queue signs with them.
    std::unique_ptr<dkim::DkimKeyStore> m_dkimKeys;
    // Mailbox logins for IMAP, POP3 and submission; uses m_directory.
    std::unique_ptr<core::MailAuthenticator> m_authenticator;
    tls::CertificateStore *m_certificates = nullptr;
    bool m_tlsReady = false;
    QTimer *m_certificateTimer = nullptr;
    tls::CertificateIssuer *m_issuer = nullptr; // ACME issuance and renewal
    std::unique_ptr<net::IoThreadPool> m_ioThreads;
    // The outbound queue in its own thread; started before SMTP, which
    // hands it the outside targets of aliases.
    std::unique_ptr<queue::QueueThread> m_queue;
    smtp::SmtpServer *m_smtp = nullptr;
    // http and https; its thread is stopped in shutDown().
    http::HttpServer *m_http = nullptr;
    // Pending ACME HTTP-01 challenges, served by m_http.
    std::shared_ptr<tls::AcmeChallengeTable> m_acmeChallenges;
    pop3::Pop3Server *m_pop3 = nullptr;
    imap::ImapServer *m_imap = nullptr;
    net::ListenerSet *m_listeners = nullptr;
    admin::AdminServer *m_admin = nullptr;
    // Asynchronous DNS ([dns]); its settings apply at start-up.
    dns::DnsResolver *m_resolver = nullptr;
    SignalHandler *m_signals = nullptr;
    SystemdNotifier *m_notifier = nullptr;
    QDateTime m_started;
    QElapsedTimer m_uptime;
    QString m_health = QStringLiteral("ok");
    QString m_healthMessage;
    bool m_queueWarning = false; // the health warning is the queue's
    bool m_queueCheckScheduled = false;
    bool m_running = false;
    bool m_stopping = false;
};

} // namespace mailstead::runtime
