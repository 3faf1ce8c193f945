// DaemonControls.cpp - the daemon's actions in local and installed mode; see DaemonControls.h
#include "DaemonControls.h"

#include "DaemonConnection.h"
#include "ipc/IpcClient.h"
#include "ServiceController.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

QString failureTitle(ServiceAction action, const QString &unit) {
    switch (action) {
    case ServiceAction::Start:
        return DaemonControls::tr("Could not start %1").arg(unit);
    case ServiceAction::Stop:
        return DaemonControls::tr("Could not stop %1").arg(unit);
    case ServiceAction::Restart:
        return DaemonControls::tr("Could not restart %1").arg(unit);
    case ServiceAction::Show:
        break;
    }
    return DaemonControls::tr("Could not read the state of %1").arg(unit);
}

} // namespace

DaemonControls *DaemonControls::of(DaemonConnection *connection) {
    if (auto *existing =
            connection->findChild<DaemonControls *>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    return new DaemonControls(connection);
}

DaemonControls::DaemonControls(DaemonConnection *connection)
    : QObject(connection)
    , m_connection(connection)
    , m_service(new ServiceController(this))
    , m_serviceSocketPath(ipc::installedSocketPath()) {
    setObjectName(u"daemonControls"_s);
    connect(m_connection, &DaemonConnection::stateChanged, this,
            &DaemonControls::onConnectionStateChanged);
    connect(m_connection, &DaemonConnection::childRunningChanged, this,
            &DaemonControls::updateMode);
    connect(m_connection, &DaemonConnection::logLine, this,
            [this](const QString &line) { m_lastLogLine = line; });
    connect(m_service, &ServiceController::statusChanged, this, &DaemonControls::changed);
    connect(m_service, &ServiceController::busyChanged, this, &DaemonControls::changed);
    connect(m_service, &ServiceController::actionFinished, this,
            [this](ServiceAction action, const QString &error) {
                if (error.isEmpty())
                    return;
                m_stopExpected = false;
                Q_EMIT actionFailed(failureTitle(action, m_service->unit()), error);
            });
    // Quitting stops a child daemon on purpose.
    if (QCoreApplication::instance())
        connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this,
                [this] { m_stopExpected = true; });
    m_wasConnected = m_connection->state() == DaemonConnection::State::Connected;
    updateMode();
}

void DaemonControls::setServiceSocketPath(const QString &path) {
    m_serviceSocketPath = path;
    updateMode();
}

void DaemonControls::updateMode() {
    const Mode mode = !m_connection->ownsDaemon() && !m_connection->socketPath().isEmpty() &&
                              m_connection->socketPath() == m_serviceSocketPath
                          ? Mode::Installed
                          : Mode::Local;
    const bool modeChanged = mode != m_mode;
    m_mode = mode;
    m_service->setMonitoring(mode == Mode::Installed);
    if (mode == Mode::Installed)
        m_service->refresh(); // the connection changed: so may have the service
    if (modeChanged || mode == Mode::Local)
        Q_EMIT changed();
}

void DaemonControls::onConnectionStateChanged() {
    const bool connected = m_connection->state() == DaemonConnection::State::Connected;
    if (connected) {
        m_stopExpected = false;
    } else if (m_wasConnected && !m_stopExpected) {
        Q_EMIT daemonStoppedUnexpectedly();
    }
    m_wasConnected = connected;
    updateMode();
    // DaemonConnection::start() announces "connecting" before it names the
    // socket: look again once it has.
    QMetaObject::invokeMethod(this, &DaemonControls::updateMode, Qt::QueuedConnection);
}

bool DaemonControls::isRunning() const {
    if (m_mode == Mode::Local)
        return m_connection->ownsDaemon();
    const ServiceStatus &status = m_service->status();
    if (status.isKnown())
        return status.isRunning();
    return m_connection->state() == DaemonConnection::State::Connected;
}

bool DaemonControls::canStart() const {
    if (m_mode == Mode::Local)
        return !m_connection->ownsDaemon() &&
               m_connection->state() != DaemonConnection::State::Connected;
    const ServiceStatus &status = m_service->status();
    return !m_service->isBusy() && !isRunning() && (!status.isKnown() || status.isLoaded());
}

bool DaemonControls::canStop() const {
    if (m_mode == Mode::Local)
        return m_connection->ownsDaemon();
    return !m_service->isBusy() && isRunning();
}

bool DaemonControls::canRestart() const {
    if (m_mode == Mode::Local)
        return m_connection->ownsDaemon();
    const ServiceStatus &status = m_service->status();
    return !m_service->isBusy() && (!status.isKnown() || status.isLoaded());
}

void DaemonControls::start() {
    if (m_mode == Mode::Installed) {
        m_service->startService();
        return;
    }
    m_lastLogLine.clear();
    if (!m_connection->startDaemon())
        Q_EMIT actionFailed(tr("Could not start the daemon"), m_lastLogLine);
    Q_EMIT changed();
}

void DaemonControls::stop() {
    m_stopExpected = true;
    if (m_mode == Mode::Installed) {
        m_service->stopService();
        return;
    }
    m_connection->stopDaemon();
    Q_EMIT changed();
}

void DaemonControls::restart() {
    m_stopExpected = true;
    if (m_mode == Mode::Installed) {
        m_service->restartService();
        return;
    }
    m_lastLogLine.clear();
    if (!m_connection->restartDaemon()) {
        m_stopExpected = false;
        Q_EMIT actionFailed(tr("Could not restart the daemon"),
                            m_lastLogLine.isEmpty()
                                ? tr("The daemon that answers was not started by Mailstead.")
                                : m_lastLogLine);
    }
    Q_EMIT changed();
}

QString DaemonControls::serviceSummary() const {
    if (m_mode != Mode::Installed)
        return {};
    if (!m_service->statusError().isEmpty())
        return tr("Service %1: state unknown (%2)")
            .arg(m_service->unit(), m_service->statusError());
    if (!m_service->status().isKnown())
        return tr("Service %1: reading its state…").arg(m_service->unit());
    return tr("Service %1: %2").arg(m_service->unit(), serviceStateText(m_service->status()));
}

} // namespace mailstead::app
