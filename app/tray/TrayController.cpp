// TrayController.cpp - tray icon, menu and notifications; see TrayController.h
#include "TrayController.h"

#include "supervision/DaemonConnection.h"

#include <QAction>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

constexpr int notificationMs = 8000;

QString healthText(TrayController::Health health) {
    switch (health) {
    case TrayController::Health::Ok:
        return TrayController::tr("OK");
    case TrayController::Health::Warning:
        return TrayController::tr("Warning");
    case TrayController::Health::Error:
        return TrayController::tr("Error");
    case TrayController::Health::Unknown:
        break;
    }
    return TrayController::tr("Not connected");
}

} // namespace

TrayController::TrayController(DaemonConnection *connection, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_window(window)
    , m_trayIcon(new QSystemTrayIcon(this))
    , m_menu(new QMenu) {
    m_trayIcon->setObjectName(u"trayIcon"_s);
    m_menu->setObjectName(u"trayMenu"_s);
    m_openAction = m_menu->addAction(tr("&Open Mailstead"), this, &TrayController::openWindow);
    m_openAction->setObjectName(u"openAction"_s);
    m_daemonAction = m_menu->addAction(tr("&Start daemon"));
    m_daemonAction->setObjectName(u"daemonAction"_s);
    m_menu->addSeparator();
    m_quitAction = m_menu->addAction(tr("&Quit"), this, &TrayController::quitRequested);
    m_quitAction->setObjectName(u"quitAction"_s);
    m_trayIcon->setContextMenu(m_menu);

    connect(m_daemonAction, &QAction::triggered, this, [this] {
        if (m_connection->ownsDaemon())
            m_connection->stopDaemon();
        else
            m_connection->startDaemon();
    });
    connect(m_trayIcon, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason != QSystemTrayIcon::Trigger)
                    return;
                if (m_window->isVisible() && !m_window->isMinimized())
                    m_window->hide();
                else
                    openWindow();
            });
    connect(m_connection, &DaemonConnection::stateChanged, this,
            &TrayController::onConnectionStateChanged);
    connect(m_connection, &DaemonConnection::childRunningChanged, this,
            &TrayController::updateDaemonAction);
    m_wasConnected = m_connection->state() == DaemonConnection::State::Connected;
    setHealth(Health::Unknown);
    updateDaemonAction();
}

TrayController::~TrayController() {
    delete m_menu;
}

TrayController::Health TrayController::healthFromString(const QString &health) {
    if (health == u"ok"_s)
        return Health::Ok;
    if (health == u"warning"_s)
        return Health::Warning;
    if (health == u"error"_s)
        return Health::Error;
    return Health::Unknown;
}

QString TrayController::iconPathFor(Health health) {
    switch (health) {
    case Health::Ok:
        return u":/icons/tray-ok.svg"_s;
    case Health::Warning:
        return u":/icons/tray-warning.svg"_s;
    case Health::Error:
        return u":/icons/tray-error.svg"_s;
    case Health::Unknown:
        break;
    }
    return u":/icons/tray-offline.svg"_s;
}

bool TrayController::isTrayAvailable() const {
    return QSystemTrayIcon::isSystemTrayAvailable();
}

bool TrayController::showIcon() {
    if (!isTrayAvailable())
        return false;
    m_trayIcon->show();
    return true;
}

void TrayController::showStatus(const QJsonObject &status) {
    m_status = status;
    setHealth(healthFromString(status.value(u"health"_s).toString()));
}

void TrayController::showHealthEvent(const QString &health, const QString &message) {
    const Health previous = m_health;
    const Health next = healthFromString(health);
    m_healthMessage = message;
    setHealth(next);
    if (next == Health::Warning || next == Health::Error) {
        notify(next == Health::Error ? tr("Mailstead: error") : tr("Mailstead: warning"), message,
               next);
    } else if (next == Health::Ok && (previous == Health::Warning || previous == Health::Error)) {
        notify(tr("Mailstead is healthy again"), message, next);
    }
}

QString TrayController::toolTip() const {
    QStringList lines{tr("Mailstead: %1").arg(healthText(m_health))};
    if (m_health == Health::Unknown)
        return lines.first();
    const QString hostname = m_status.value(u"hostname"_s).toString();
    if (!hostname.isEmpty())
        lines.append(hostname);
    if (!m_healthMessage.isEmpty() && m_health != Health::Ok)
        lines.append(m_healthMessage);
    const QJsonObject counts = m_status.value(u"counts"_s).toObject();
    if (!counts.isEmpty()) {
        lines.append(tr("Domains: %1, mailboxes: %2, aliases: %3")
                         .arg(counts.value(u"domains"_s).toInteger())
                         .arg(counts.value(u"mailboxes"_s).toInteger())
                         .arg(counts.value(u"aliases"_s).toInteger()));
    }
    return lines.join(u'\n');
}

void TrayController::setHealth(Health health) {
    m_health = health;
    if (health == Health::Ok)
        m_healthMessage.clear();
    m_trayIcon->setIcon(QIcon(iconPath()));
    m_trayIcon->setToolTip(toolTip());
}

void TrayController::notify(const QString &title, const QString &message, Health severity) {
    QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information;
    if (severity == Health::Warning)
        icon = QSystemTrayIcon::Warning;
    else if (severity == Health::Error || severity == Health::Unknown)
        icon = QSystemTrayIcon::Critical;
    if (m_trayIcon->isVisible())
        m_trayIcon->showMessage(title, message, icon, notificationMs);
    Q_EMIT notified(title, message);
}

void TrayController::onConnectionStateChanged() {
    const bool connected = m_connection->state() == DaemonConnection::State::Connected;
    if (!connected) {
        m_status = {};
        m_healthMessage.clear();
        setHealth(Health::Unknown);
        if (m_wasConnected)
            notify(tr("Mailstead daemon stopped"),
                   tr("The mail server is not running; no mail is received."), Health::Unknown);
    }
    m_wasConnected = connected;
    updateDaemonAction();
}

void TrayController::updateDaemonAction() {
    const bool owns = m_connection->ownsDaemon();
    const bool connected = m_connection->state() == DaemonConnection::State::Connected;
    m_daemonAction->setText(owns ? tr("S&top daemon") : tr("&Start daemon"));
    // A daemon someone else runs (a system service) is not ours to stop.
    m_daemonAction->setEnabled(owns || !connected);
}

void TrayController::openWindow() {
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace mailstead::app
