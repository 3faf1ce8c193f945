// DaemonConnection.cpp - connect to or start mailsteadd; see DaemonConnection.h
#include "DaemonConnection.h"

#include "DaemonLocator.h"
#include "ipc/IpcClient.h"
#include "settings/AppSettings.h"

#include <QCoreApplication>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

constexpr int connectGraceMs = 2000; // wait this long for a running daemon
constexpr int reconnectIntervalMs = 1000;
constexpr int stopTimeoutMs = 10 * 1000; // then SIGKILL
constexpr qsizetype maxChildLineBytes = 64 * 1024;
const QString adminSocketPrefix = u"mailsteadd: admin socket "_s;
const QString readyLine = u"mailsteadd: ready"_s;

} // namespace

DaemonConnection::DaemonConnection(QObject *parent)
    : QObject(parent)
    , m_client(new ipc::IpcClient(this))
    , m_graceTimer(new QTimer(this))
    , m_killTimer(new QTimer(this)) {
    m_client->setReconnectInterval(reconnectIntervalMs);
    m_graceTimer->setSingleShot(true);
    m_graceTimer->setInterval(connectGraceMs);
    m_killTimer->setSingleShot(true);
    m_killTimer->setInterval(stopTimeoutMs);

    connect(m_graceTimer, &QTimer::timeout, this, &DaemonConnection::onGracePeriodOver);
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        if (m_child && m_child->state() != QProcess::NotRunning) {
            Q_EMIT logLine(tr("mailsteadd did not stop within %1 seconds; killing it.")
                               .arg(stopTimeoutMs / 1000));
            m_child->kill();
        }
    });
    connect(m_client, &ipc::IpcClient::connected, this, [this] {
        m_graceTimer->stop();
        setState(State::Connected);
    });
    connect(m_client, &ipc::IpcClient::disconnected, this,
            [this] { setState(State::Disconnected); });
}

DaemonConnection::~DaemonConnection() {
    stopDaemonAndWait();
}

void DaemonConnection::start() {
    QString path = ipc::resolveSocketPath();
    m_service = false;
    if (qEnvironmentVariableIsEmpty("MAILSTEAD_SOCKET")) {
        switch (AppSettings().daemonMode()) {
        case AppSettings::DaemonMode::Service:
            path = ipc::installedSocketPath();
            m_service = true;
            break;
        case AppSettings::DaemonMode::Local:
            path = ipc::localModeSocketPath();
            break;
        case AppSettings::DaemonMode::Automatic:
            break;
        }
    }
    setState(State::Connecting);
    m_client->connectTo(path);
    if (m_autoStart && !m_service && !m_client->isConnected())
        m_graceTimer->start();
}

void DaemonConnection::useInstalledService() {
    m_service = true;
    m_graceTimer->stop();
    stopDaemon();
    if (socketPath() == ipc::installedSocketPath() && m_client->isConnected())
        return;
    Q_EMIT logLine(
        tr("Connecting to the installed service at %1.").arg(ipc::installedSocketPath()));
    setState(State::Connecting);
    m_client->connectTo(ipc::installedSocketPath());
}

void DaemonConnection::useLocalMode() {
    m_service = false;
    const QString fromEnvironment = qEnvironmentVariable("MAILSTEAD_SOCKET");
    const QString path = !fromEnvironment.isEmpty()     ? fromEnvironment
                         : !m_childSocketPath.isEmpty() ? m_childSocketPath
                                                        : ipc::localModeSocketPath();
    if (socketPath() == path && m_client->isConnected())
        return;
    setState(State::Connecting);
    m_client->connectTo(path);
}

QString DaemonConnection::socketPath() const {
    return m_client->socketPath();
}

bool DaemonConnection::ownsDaemon() const {
    return m_child && m_child->state() != QProcess::NotRunning;
}

void DaemonConnection::onGracePeriodOver() {
    if (m_client->isConnected() || ownsDaemon() || m_service)
        return;
    Q_EMIT logLine(tr("No daemon answered at %1; starting a local one.").arg(socketPath()));
    startDaemon();
}

bool DaemonConnection::startDaemon() {
    if (ownsDaemon())
        return true;
    m_service = false;
    const QString program = m_daemonProgram.isEmpty()
                                ? findDaemonExecutable(QCoreApplication::applicationDirPath())
                                : m_daemonProgram;
    if (program.isEmpty()) {
        Q_EMIT logLine(tr("mailsteadd was not found (looked in: %1).")
                           .arg(daemonExecutableCandidates(QCoreApplication::applicationDirPath())
                                    .join(u", "_s)));
        return false;
    }

    delete m_child;
    m_child = new QProcess(this);
    m_child->setProgram(program);
    // Local mode whoever runs the app (root included): this is the per-user daemon.
    m_child->setArguments(m_daemonArguments.isEmpty() ? QStringList{u"--local"_s}
                                                      : m_daemonArguments);
    m_child->setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
    // A child daemon must not outlive a crashed app; a clean quit stops it first.
    m_child->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(m_child, &QProcess::readyReadStandardOutput, this, &DaemonConnection::onChildOutput);
    connect(m_child, &QProcess::finished, this, &DaemonConnection::onChildFinished);
    connect(m_child, &QProcess::errorOccurred, this, &DaemonConnection::onChildError);
    connect(m_child, &QProcess::started, this, [this] {
        Q_EMIT logLine(
            tr("Started %1 (process %2).").arg(m_child->program()).arg(m_child->processId()));
        Q_EMIT childRunningChanged(true);
        setState(State::Connecting);
    });

    m_stopping = false;
    m_childOutput.clear();
    m_childSocketPath.clear();
    if (m_daemonArguments.isEmpty())
        Q_EMIT logLine(tr("Starting %1 in local mode…").arg(program));
    else
        Q_EMIT logLine(tr("Starting %1 %2…").arg(program, m_daemonArguments.join(u' ')));
    m_child->start();
    return true;
}

void DaemonConnection::onChildLine(const QString &line) {
    Q_EMIT logLine(line);
    // mailsteadd prints "mailsteadd: admin socket PATH" and then
    // "mailsteadd: ready" on stdout once it accepts connections.
    if (line.startsWith(adminSocketPrefix)) {
        m_childSocketPath = line.mid(adminSocketPrefix.size()).trimmed();
    } else if (line == readyLine) {
        // Without the socket line, a local-mode daemon uses the per-user socket.
        m_client->connectTo(m_childSocketPath.isEmpty() ? ipc::localModeSocketPath()
                                                        : m_childSocketPath);
    }
}

void DaemonConnection::onChildOutput() {
    m_childOutput += m_child->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_childOutput.indexOf('\n')) >= 0) {
        QByteArray line = m_childOutput.left(newline);
        m_childOutput.remove(0, newline + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        onChildLine(QString::fromUtf8(line));
    }
    if (m_childOutput.size() > maxChildLineBytes) {
        onChildLine(QString::fromUtf8(m_childOutput));
        m_childOutput.clear();
    }
}

void DaemonConnection::onChildFinished(int exitCode, QProcess::ExitStatus exitStatus) {
    m_killTimer->stop();
    if (!m_childOutput.isEmpty()) {
        Q_EMIT logLine(QString::fromUtf8(m_childOutput));
        m_childOutput.clear();
    }
    if (exitStatus == QProcess::CrashExit && !m_stopping)
        Q_EMIT logLine(tr("mailsteadd crashed."));
    else if (exitStatus == QProcess::CrashExit)
        Q_EMIT logLine(tr("mailsteadd was killed."));
    else
        Q_EMIT logLine(tr("mailsteadd exited with status %1.").arg(exitCode));
    m_stopping = false;
    if (m_restartPending) {
        m_restartPending = false;
        Q_EMIT childRunningChanged(false);
        // Not from inside the finished child's own signal: startDaemon() deletes it.
        QMetaObject::invokeMethod(this, &DaemonConnection::startDaemon, Qt::QueuedConnection);
        return;
    }
    // The client keeps retrying the socket; until something answers there
    // we are disconnected, not "connecting".
    if (m_state == State::Connecting)
        setState(State::Disconnected);
    Q_EMIT childRunningChanged(false);
}

void DaemonConnection::onChildError(QProcess::ProcessError error) {
    if (error == QProcess::FailedToStart) {
        Q_EMIT logLine(tr("Could not start mailsteadd: %1").arg(m_child->errorString()));
        if (m_state == State::Connecting)
            setState(State::Disconnected);
        Q_EMIT childRunningChanged(false);
    }
}

void DaemonConnection::stopDaemon() {
    if (!ownsDaemon())
        return;
    m_stopping = true;
    Q_EMIT logLine(tr("Stopping mailsteadd…"));
    m_child->terminate();
    m_killTimer->start();
}

bool DaemonConnection::restartDaemon() {
    if (!ownsDaemon()) {
        // Restarting a daemon someone else runs would start a second one.
        if (m_state == State::Connected)
            return false;
        return startDaemon();
    }
    m_restartPending = true;
    Q_EMIT logLine(tr("Restarting mailsteadd…"));
    stopDaemon();
    return true;
}

void DaemonConnection::stopDaemonAndWait() {
    m_restartPending = false;
    if (!ownsDaemon())
        return;
    stopDaemon();
    if (!m_child->waitForFinished(stopTimeoutMs)) {
        m_child->kill();
        m_child->waitForFinished(stopTimeoutMs);
    }
}

void DaemonConnection::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace mailstead::app
