// TrayController.cpp - tray icon, menu and notifications; see TrayController.h
#include "TrayController.h"

#include "supervision/DaemonConnection.h"
#include "supervision/DaemonControls.h"

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
    , m_controls(DaemonControls::of(connection))
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
        if (m_controls->canStop())
            m_controls->stop();
        else if (m_controls->canStart())
            m_controls->start();
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
    connect(m_controls, &DaemonControls::changed, this, &TrayController::updateDaemonAction);
    connect(m_controls, &DaemonControls::daemonStoppedUnexpectedly, this, [this] {
        notify(tr("Mailstead daemon stopped"),
               tr("The mail server is not running; no mail is received."), Health::Unknown);
    });
    connect(m_controls, &DaemonControls::actionFailed, this,
            [this](const QString &title, const QString &message) {
                // The window shows the error itself while it is open.
                if (!m_window->isVisible())
                    notify(title, message, Health::Error);
            });
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
    const Health previous = m_health;
    const Health next = healthFromString(status.value(u"health"_s).toString());
    setHealth(next);
    // system.status has no message: the event that set the level had it.
    notifyTransition(previous, next,
                     next == Health::Ok ? QString()
                                        : tr("The mail server reports a problem; the Status "
                                             "page and the Log page have the details."));
}

void TrayController::showHealthEvent(const QString &health, const QString &message) {
    const Health previous = m_health;
    const Health next = healthFromString(health);
    m_healthMessage = message;
    setHealth(next);
    notifyTransition(previous, next, message);
}

void TrayController::notifyTransition(Health previous, Health next, const QString &message) {
    if (next == previous)
        return;
    if (next == Health::Warning || next == Health::Error) {
        notify(next == Health::Error ? tr("Mailstead: error") : tr("Mailstead: warning"), message,
               next);
    } else if (next == Health::Ok && (previous == Health::Warning || previous == Health::Error)) {
        notify(tr("Mailstead is healthy again"),
               message.isEmpty() ? tr("The mail server reports no problems.") : message, next);
    }
}

QString TrayController::toolTip() const {
    QStringList lines{tr("Mailstead: %1").arg(healthText(m_health))};
    const QString service = m_controls->serviceSummary(); // empty in local mode
    if (m_health == Health::Unknown)
        return service.isEmpty() ? lines.first() : lines.first() + u'\n' + service;
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
    if (!service.isEmpty())
        lines.append(service);
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
    if (m_connection->state() != DaemonConnection::State::Connected) {
        m_status = {};
        m_healthMessage.clear();
        setHealth(Health::Unknown);
    }
    updateDaemonAction();
}

void TrayController::updateDaemonAction() {
    const bool installed = m_controls->mode() == DaemonControls::Mode::Installed;
    // Stop while it runs (or a stop is possible), start otherwise.
    const bool stops = m_controls->canStop() || m_controls->isRunning();
    if (installed)
        m_daemonAction->setText(stops ? tr("S&top service") : tr("&Start service"));
    else
        m_daemonAction->setText(stops ? tr("S&top daemon") : tr("&Start daemon"));
    // In local mode a daemon someone else runs is not ours to stop.
    m_daemonAction->setEnabled(stops ? m_controls->canStop() : m_controls->canStart());
    m_trayIcon->setToolTip(toolTip());
}

void TrayController::openWindow() {
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace mailstead::app
