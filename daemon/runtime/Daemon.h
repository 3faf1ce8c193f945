// Daemon.h - mailsteadd's lifecycle: start, reload, stop
//
// start(): data directory (0750) -> lock -> config.db -> logging to the
// event bus -> listeners -> admin socket -> "ready" on stdout and to systemd.
// SIGTERM/SIGINT stop gracefully (exit code 0); SIGHUP re-reads the config
// file and applies what can change at runtime (log level, admin group,
// listeners, hostname), keeping the running configuration when the file has
// issues. Status for system.status is assembled here.
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
} // namespace mailstead::core

namespace mailstead::net {
class ListenerSet;
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
    void shutDown();
    void setHealth(const QString &health, const QString &message);
    void announceReady();

    ConfigChoice m_choice;
    core::DaemonConfig m_config;
    core::DataDirLock m_lock;
    std::unique_ptr<core::ConfigStore> m_store;
    core::EventBus *m_events = nullptr;
    net::ListenerSet *m_listeners = nullptr;
    admin::AdminServer *m_admin = nullptr;
    SignalHandler *m_signals = nullptr;
    SystemdNotifier *m_notifier = nullptr;
    QDateTime m_started;
    QElapsedTimer m_uptime;
    QString m_health = QStringLiteral("ok");
    QString m_healthMessage;
    bool m_running = false;
};

} // namespace mailstead::runtime
