// TrayController.h - the tray icon: health at a glance, a menu, notifications
//
// The icon shows the daemon's health (ok, warning, error; grey while the
// app is not connected) from each system.status and event.health; the
// tooltip sums up host, health and counts. The menu opens the window,
// starts or stops the daemon (the app's child in local mode, the system
// service in installed mode: DaemonControls decides), and quits.
// Desktop notifications (QSystemTrayIcon::showMessage, and the notified()
// signal, which tests observe) come once per change of the health level:
// into warning or error, and back to ok; not again while the level stays.
// The daemon going away unasked, and a failed start or stop while the
// window is hidden, are notified too. Without a system tray the icon stays
// hidden and the window behaves like any other.
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
class DaemonControls;

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
    // Notifies when `next` is a change of level worth telling.
    void notifyTransition(Health previous, Health next, const QString &message);
    void notify(const QString &title, const QString &message, Health severity);
    void onConnectionStateChanged();
    void updateDaemonAction();
    void openWindow();

    DaemonConnection *m_connection = nullptr;
    DaemonControls *m_controls = nullptr;
    QWidget *m_window = nullptr;
    QSystemTrayIcon *m_trayIcon = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_daemonAction = nullptr;
    QAction *m_quitAction = nullptr;
    Health m_health = Health::Unknown;
    QString m_healthMessage;
    QJsonObject m_status;
};

} // namespace mailstead::app
