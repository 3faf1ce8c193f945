// TrayController.h - the tray icon: health at a glance, a menu, notifications
//
// The icon shows the daemon's health (ok, warning, error; grey while the
// app is not connected) from each system.status and event.health; the
// tooltip sums up host, health and counts. The menu opens the window,
// starts or stops the daemon the app supervises, and quits. A health event
// worse than ok, a recovery, and the daemon going away raise a desktop
// notification (QSystemTrayIcon::showMessage). Without a system tray the
// icon stays hidden and the window behaves like any other.
#pragma once

#include <QIcon>
#include <QJsonObject>
#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace mailstead::app {

class DaemonConnection;

class TrayController : public QObject {
    Q_OBJECT
public:
    enum class Health { Unknown, Ok, Warning, Error };
    Q_ENUM(Health)

    TrayController(DaemonConnection *connection, QWidget *window, QObject *parent = nullptr);
    ~TrayController() override; // deletes the menu, which has no parent widget

    static Health healthFromString(const QString &health);
    static QString iconPathFor(Health health);

    // Shows the icon when the desktop has a tray; false when it has none.
    bool showIcon();
    bool isTrayAvailable() const;

    void showStatus(const QJsonObject &status);
    void showHealthEvent(const QString &health, const QString &message);

    Health health() const { return m_health; }
    QString iconPath() const { return iconPathFor(m_health); }
    QString toolTip() const;
    QMenu *menu() const { return m_menu; }
    QSystemTrayIcon *trayIcon() const { return m_trayIcon; }

Q_SIGNALS:
    // A desktop notification was raised (also when no tray can show it).
    void notified(const QString &title, const QString &message);
    // The user chose Quit.
    void quitRequested();

private:
    void setHealth(Health health);
    void notify(const QString &title, const QString &message, Health severity);
    void onConnectionStateChanged();
    void updateDaemonAction();
    void openWindow();

    DaemonConnection *m_connection = nullptr;
    QWidget *m_window = nullptr;
    QSystemTrayIcon *m_trayIcon = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_daemonAction = nullptr;
    QAction *m_quitAction = nullptr;
    Health m_health = Health::Unknown;
    QString m_healthMessage;
    QJsonObject m_status;
    bool m_wasConnected = false;
};

} // namespace mailstead::app
