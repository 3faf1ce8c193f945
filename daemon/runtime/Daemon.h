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
// (log level, admin group, listeners, hostname, [smtp] limits for new
// sessions, the certificate), keeping the running configuration when the
// file has issues. The recipient directory is rebuilt after every
// "event.config". Status for system.status is assembled here.
#pragma once

#include "CommandLine.h"
#include "core/DaemonConfig.h"
#include "core/DataDirLock.h"

#include <memory>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QString>

namespace mailstead::core {
class ConfigStore;
class EventBus;
class MailAuthenticator;
class RecipientDirectory;
} // namespace mailstead::core

namespace mailstead::net {
class IoThreadPool;
class ListenerSet;
} // namespace mailstead::net

namespace mailstead::smtp {
class SmtpServer;
struct SmtpSettings;
} // namespace mailstead::smtp

namespace mailstead::store {
class MessageStore;
}

namespace mailstead::tls {
class CertificateStore;
}

namespace mailstead::admin {
class AdminServer;
}

namespace mailstead::runtime {

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
    bool startServices(QString *error);
    bool startMail(QString *error);
    void loadCertificates();
    smtp::SmtpSettings smtpSettings() const;
    void applySmtpConfig();
    void onEvent(const QString &event);
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
    // Mailbox logins for IMAP, POP3 and submission; uses m_directory.
    std::unique_ptr<core::MailAuthenticator> m_authenticator;
    tls::CertificateStore *m_certificates = nullptr;
    bool m_tlsReady = false;
    std::unique_ptr<net::IoThreadPool> m_ioThreads;
    smtp::SmtpServer *m_smtp = nullptr;
    net::ListenerSet *m_listeners = nullptr;
    admin::AdminServer *m_admin = nullptr;
    SignalHandler *m_signals = nullptr;
    SystemdNotifier *m_notifier = nullptr;
    QDateTime m_started;
    QElapsedTimer m_uptime;
    QString m_health = QStringLiteral("ok");
    QString m_healthMessage;
    bool m_running = false;
    bool m_stopping = false;
};

} // namespace mailstead::runtime
