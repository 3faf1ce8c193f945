// ServiceController.cpp - systemctl for the installed service; see ServiceController.h
#include "ServiceController.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

constexpr int defaultPollIntervalMs = 5000;
constexpr int pkexecDismissed = 126;
constexpr int pkexecNotAuthorized = 127;

QString verb(ServiceAction action) {
    switch (action) {
    case ServiceAction::Show:
        return u"show"_s;
    case ServiceAction::Start:
        return u"start"_s;
    case ServiceAction::Stop:
        return u"stop"_s;
    case ServiceAction::Restart:
        return u"restart"_s;
    }
    return {};
}

QString shellQuoted(const QString &word) {
    static const QString plain = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 u"0123456789-_./=,:@%+"_s;
    bool needsQuotes = word.isEmpty();
    for (const QChar c : word)
        needsQuotes = needsQuotes || !plain.contains(c);
    if (!needsQuotes)
        return word;
    QString quoted = word;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QString systemctlPath() {
    const QString found = QStandardPaths::findExecutable(u"systemctl"_s);
    return found.isEmpty() ? u"systemctl"_s : found;
}

} // namespace

QString ServiceCommand::commandLine() const {
    QStringList words{shellQuoted(program)};
    for (const QString &argument : arguments)
        words.append(shellQuoted(argument));
    return words.join(u' ');
}

bool ServiceStatus::isLoaded() const {
    return loadState == u"loaded"_s;
}

bool ServiceStatus::isRunning() const {
    return activeState == u"active"_s || activeState == u"reloading"_s ||
           activeState == u"activating"_s;
}

QStringList serviceShowProperties() {
    return {u"Id"_s,      u"LoadState"_s,     u"ActiveState"_s, u"SubState"_s,
            u"MainPID"_s, u"UnitFileState"_s, u"Result"_s,      u"ExecMainStatus"_s};
}

ServiceCommand serviceCommand(ServiceAction action, const QString &unit, bool asRoot,
                              const QString &systemctlPath) {
    if (action == ServiceAction::Show) {
        return {systemctlPath,
                {u"show"_s, unit, u"--property="_s + serviceShowProperties().join(u','),
                 u"--no-pager"_s},
                false};
    }
    if (asRoot)
        return {systemctlPath, {verb(action), unit}, false};
    return {u"pkexec"_s, {systemctlPath, verb(action), unit}, true};
}

ServiceStatus parseServiceShow(const QString &output) {
    ServiceStatus status;
    const QStringList lines = output.split(u'\n');
    for (QString line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        const qsizetype equals = line.indexOf(u'=');
        if (equals <= 0)
            continue;
        const QString key = line.left(equals);
        const QString value = line.mid(equals + 1);
        if (key == u"Id"_s)
            status.id = value;
        else if (key == u"LoadState"_s)
            status.loadState = value;
        else if (key == u"ActiveState"_s)
            status.activeState = value;
        else if (key == u"SubState"_s)
            status.subState = value;
        else if (key == u"UnitFileState"_s)
            status.unitFileState = value;
        else if (key == u"Result"_s)
            status.result = value;
        else if (key == u"MainPID"_s)
            status.mainPid = value.toLongLong();
        else if (key == u"ExecMainStatus"_s)
            status.execMainStatus = value.toInt();
    }
    return status;
}

QString serviceFailureMessage(const ServiceCommand &command, int exitCode,
                              const QString &standardError) {
    QString message;
    if (command.viaPkexec && exitCode == pkexecDismissed)
        message =
            ServiceController::tr("The authentication dialog was dismissed (pkexec exit code %1).")
                .arg(exitCode);
    else if (command.viaPkexec && exitCode == pkexecNotAuthorized)
        message = ServiceController::tr(
                      "Not authorized, or the authentication failed (pkexec exit code %1).")
                      .arg(exitCode);
    else
        message = ServiceController::tr("%1 exited with code %2.")
                      .arg(command.commandLine())
                      .arg(exitCode);
    const QString details = standardError.trimmed();
    if (!details.isEmpty())
        message += u'\n' + details;
    return message;
}

QString serviceStateText(const ServiceStatus &status) {
    if (!status.isKnown())
        return ServiceController::tr("unknown");
    if (status.loadState == u"not-found"_s)
        return ServiceController::tr("not installed");
    if (status.loadState == u"masked"_s)
        return ServiceController::tr("masked");
    QString active = status.activeState;
    if (status.activeState == u"active"_s)
        active = ServiceController::tr("active");
    else if (status.activeState == u"inactive"_s)
        active = ServiceController::tr("inactive");
    else if (status.activeState == u"failed"_s)
        active = ServiceController::tr("failed");
    else if (status.activeState == u"activating"_s)
        active = ServiceController::tr("starting");
    else if (status.activeState == u"deactivating"_s)
        active = ServiceController::tr("stopping");
    else if (status.activeState == u"reloading"_s)
        active = ServiceController::tr("reloading");
    // The sub-state and result are systemd's own words: kept as printed.
    QString detail = status.subState;
    if (status.activeState == u"failed"_s && !status.result.isEmpty())
        detail = status.result;
    QString text = detail.isEmpty() ? active : u"%1 (%2)"_s.arg(active, detail);
    if (status.mainPid > 0)
        text = ServiceController::tr("%1, process %2").arg(text).arg(status.mainPid);
    return text;
}

ServiceController::ServiceController(QObject *parent)
    : QObject(parent)
    , m_unit(defaultUnit())
    , m_asRoot(::geteuid() == 0)
    , m_pollTimer(new QTimer(this)) {
    m_pollTimer->setInterval(defaultPollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, &ServiceController::refresh);
}

ServiceController::~ServiceController() {
    // Neither a show nor an action outlives the app's interest in it; an
    // action already authorized finishes in systemd all the same.
    for (QProcess *process : {m_showProcess, m_actionProcess}) {
        if (!process)
            continue;
        process->disconnect(this);
        process->kill();
        process->waitForFinished(1000);
    }
}

QString ServiceController::defaultUnit() {
    return u"mailsteadd.service"_s;
}

void ServiceController::setPollInterval(int intervalMs) {
    m_pollTimer->setInterval(intervalMs);
}

void ServiceController::setMonitoring(bool monitoring) {
    if (monitoring == m_pollTimer->isActive())
        return;
    if (!monitoring) {
        m_pollTimer->stop();
        return;
    }
    m_pollTimer->start();
    refresh();
}

bool ServiceController::isMonitoring() const {
    return m_pollTimer->isActive();
}

ServiceCommand ServiceController::commandFor(ServiceAction action) const {
    return serviceCommand(action, m_unit, m_asRoot, systemctlPath());
}

void ServiceController::refresh() {
    if (m_showProcess)
        return; // the answer on its way is as fresh
    const ServiceCommand command = commandFor(ServiceAction::Show);
    m_showProcess = new QProcess(this);
    connect(m_showProcess, &QProcess::finished, this, &ServiceController::onShowFinished);
    connect(m_showProcess, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            onShowFinished();
    });
    m_showProcess->start(command.program, command.arguments);
}

void ServiceController::onShowFinished() {
    QProcess *process = m_showProcess;
    m_showProcess = nullptr;
    process->deleteLater();
    const ServiceCommand command = commandFor(ServiceAction::Show);
    if (process->error() == QProcess::FailedToStart) {
        setStatus({}, tr("Could not run %1: %2").arg(command.program, process->errorString()));
        return;
    }
    const QString output = QString::fromUtf8(process->readAllStandardOutput());
    const QString standardError = QString::fromUtf8(process->readAllStandardError());
    if (process->exitStatus() != QProcess::NormalExit || process->exitCode() != 0) {
        setStatus({}, serviceFailureMessage(command, process->exitCode(), standardError));
        return;
    }
    setStatus(parseServiceShow(output), {});
}

void ServiceController::setStatus(const ServiceStatus &status, const QString &error) {
    if (status == m_status && error == m_statusError)
        return;
    m_status = status;
    m_statusError = error;
    Q_EMIT statusChanged();
}

void ServiceController::run(ServiceAction action) {
    if (action == ServiceAction::Show) {
        refresh();
        return;
    }
    if (isBusy())
        return;
    const ServiceCommand command = commandFor(action);
    m_actionProcess = new QProcess(this);
    connect(m_actionProcess, &QProcess::finished, this,
            [this, action, command] { onActionFinished(action, command); });
    connect(m_actionProcess, &QProcess::errorOccurred, this,
            [this, action, command](QProcess::ProcessError error) {
                if (error == QProcess::FailedToStart)
                    onActionFinished(action, command);
            });
    Q_EMIT busyChanged(true);
    m_actionProcess->start(command.program, command.arguments);
}

void ServiceController::onActionFinished(ServiceAction action, const ServiceCommand &command) {
    QProcess *process = m_actionProcess;
    m_actionProcess = nullptr;
    process->deleteLater();
    QString error;
    if (process->error() == QProcess::FailedToStart) {
        error = tr("Could not run %1: %2").arg(command.program, process->errorString());
        if (command.viaPkexec)
            error +=
                u'\n' + tr("Install pkexec (package pkexec) or run \"%1\" as root.")
                            .arg(serviceCommand(action, m_unit, true, command.arguments.first())
                                     .commandLine());
    } else if (process->exitStatus() != QProcess::NormalExit) {
        error = tr("%1 crashed.").arg(command.commandLine());
    } else if (process->exitCode() != 0) {
        error = serviceFailureMessage(command, process->exitCode(),
                                      QString::fromUtf8(process->readAllStandardError()));
    }
    Q_EMIT busyChanged(false);
    Q_EMIT actionFinished(action, error);
    refresh();
}

} // namespace mailstead::app
