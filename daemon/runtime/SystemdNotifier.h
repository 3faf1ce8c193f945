// SystemdNotifier.h - readiness, reload and watchdog for systemd Type=notify
//
// Thin wrapper over sd_notify(3). Without $NOTIFY_SOCKET (not started by
// systemd) every call is a no-op. The watchdog pings at half the interval
// systemd asked for (WatchdogSec=, see sd_watchdog_enabled(3)) from the main
// event loop, so a blocked main thread gets the daemon restarted.
#pragma once

#include <QObject>
#include <QString>

class QTimer;

namespace mailstead::runtime {

class SystemdNotifier : public QObject {
    Q_OBJECT
public:
    explicit SystemdNotifier(QObject *parent = nullptr);

    void ready(const QString &status); // READY=1 (also ends a reload); starts the watchdog
    void reloading();                  // RELOADING=1
    void stopping();                   // STOPPING=1
    void setStatus(const QString &status);

private:
    void notify(const QByteArray &state);

    QTimer *m_watchdog = nullptr;
};

} // namespace mailstead::runtime
