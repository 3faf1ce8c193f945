// ServiceController.h - the installed mailsteadd.service, through systemctl
//
// When the app talks to the system service, the service's state comes from
// `systemctl show mailsteadd.service --property=...` and start, stop and
// restart go through `systemctl`, prefixed with `pkexec` when the app does
// not run as root, so that polkit asks for an administrator's password.
// systemctl (not systemd's D-Bus API) because the actions need it anyway
// behind pkexec, so one tool, one error path and one fake in the tests
// cover everything; a `show` every few seconds while the app watches the
// service costs a few milliseconds.
//
// The command lines (serviceCommand) and the parsing of `show`
// (parseServiceShow) are pure functions. Errors reach the user verbatim:
// systemctl's or pkexec's standard error, with pkexec's exit codes 126
// (dialog dismissed) and 127 (not authorized) said in words.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QProcess;
class QTimer;

namespace mailstead::app {

enum class ServiceAction { Show, Start, Stop, Restart };

struct ServiceCommand {
    QString program;
    QStringList arguments;
    bool viaPkexec = false;

    // As a shell would show it, for messages.
    QString commandLine() const;
};

// What `systemctl show` reports; empty strings for what it did not.
struct ServiceStatus {
    QString id;            // the unit's name
    QString loadState;     // loaded, not-found, masked, ...
    QString activeState;   // active, reloading, inactive, failed, activating, deactivating
    QString subState;      // running, dead, start, ... (unit type specific)
    QString unitFileState; // enabled, disabled, ...
    QString result;        // success, exit-code, signal, timeout, ...
    qint64 mainPid = 0;
    int execMainStatus = 0;

    bool isKnown() const { return !activeState.isEmpty(); }
    bool isLoaded() const;  // installed and readable by systemd
    bool isRunning() const; // active, reloading or activating
    bool operator==(const ServiceStatus &other) const = default;
};

// The command line for an action on `unit`. Show never needs privileges;
// the others run through pkexec unless asRoot. pkexec gets systemctl's
// absolute path (`systemctlPath`): it runs the program with a reset
// environment, and polkit's prompt then names the real program.
ServiceCommand serviceCommand(ServiceAction action, const QString &unit, bool asRoot,
                              const QString &systemctlPath);
// The properties that serviceCommand(Show) asks for.
QStringList serviceShowProperties();
// Parses `systemctl show` output: KEY=VALUE lines; unknown keys are ignored.
ServiceStatus parseServiceShow(const QString &output);
// What went wrong, for a command that exited with `exitCode`: pkexec's
// 126 and 127 in words, then standard error as it was printed.
QString serviceFailureMessage(const ServiceCommand &command, int exitCode,
                              const QString &standardError);
// "active (running), process 1234", "failed (exit-code)", "not installed".
QString serviceStateText(const ServiceStatus &status);

class ServiceController : public QObject {
    Q_OBJECT
public:
    explicit ServiceController(QObject *parent = nullptr);
    ~ServiceController() override;

    static QString defaultUnit(); // mailsteadd.service

    QString unit() const { return m_unit; }
    void setUnit(const QString &unit) { m_unit = unit; }
    // Default: whether the app's effective user is root.
    bool runningAsRoot() const { return m_asRoot; }
    void setRunningAsRoot(bool asRoot) { m_asRoot = asRoot; }
    void setPollInterval(int intervalMs);
    // Refreshes now and then every poll interval while on.
    void setMonitoring(bool monitoring);
    bool isMonitoring() const;

    void refresh();
    void startService() { run(ServiceAction::Start); }
    void stopService() { run(ServiceAction::Stop); }
    void restartService() { run(ServiceAction::Restart); }

    // An action (start, stop, restart) is running; a new one is refused.
    bool isBusy() const { return m_actionProcess != nullptr; }
    const ServiceStatus &status() const { return m_status; }
    // Why the last `show` failed, verbatim; empty when it worked.
    QString statusError() const { return m_statusError; }
    // The command for an action, as this controller would run it.
    ServiceCommand commandFor(ServiceAction action) const;

Q_SIGNALS:
    void statusChanged();
    void busyChanged(bool busy);
    // After start, stop or restart; `error` is empty on success.
    void actionFinished(mailstead::app::ServiceAction action, const QString &error);

private:
    void run(ServiceAction action);
    void onShowFinished();
    void onActionFinished(ServiceAction action, const ServiceCommand &command);
    void setStatus(const ServiceStatus &status, const QString &error);

    QString m_unit;
    bool m_asRoot = false;
    QTimer *m_pollTimer = nullptr;
    QProcess *m_showProcess = nullptr;
    QProcess *m_actionProcess = nullptr;
    ServiceStatus m_status;
    QString m_statusError;
};

} // namespace mailstead::app
