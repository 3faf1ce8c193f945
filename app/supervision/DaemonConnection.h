// DaemonConnection.h - the desktop app's link to mailsteadd
//
// Connects the shared IpcClient to the admin socket (resolveSocketPath) with
// reconnect enabled. When nothing answers within a grace period and
// auto-start is on, it starts a local-mode mailsteadd as a child process,
// forwards the child's output line by line and connects to the socket the
// child announces once it prints "mailsteadd: ready". Only a daemon it started itself can be
// stopped or restarted from here; a system service is left alone. The
// setup wizard's choice (AppSettings::daemonMode) picks the socket when
// $MAILSTEAD_SOCKET does not.
#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

class QTimer;

namespace mailstead::ipc {
class IpcClient;
}

namespace mailstead::app {

class DaemonConnection : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Connected, Disconnected };
    Q_ENUM(State)

    explicit DaemonConnection(QObject *parent = nullptr);
    ~DaemonConnection() override;

    // Start a child daemon when nothing answers within the grace period of start().
    void setAutoStart(bool autoStart) { m_autoStart = autoStart; }
    bool autoStart() const { return m_autoStart; }
    // Program to run as the child daemon; default: findDaemonExecutable().
    void setDaemonProgram(const QString &program) { m_daemonProgram = program; }
    // Its arguments; default: "--local" (the per-user daemon).
    void setDaemonArguments(const QStringList &arguments) { m_daemonArguments = arguments; }

    // Resolves the socket and connects; may start a child daemon afterwards.
    void start();
    // Starts a local-mode mailsteadd as a child; false (and a log line) on failure.
    bool startDaemon();
    // Asks the child daemon to stop (SIGTERM), killing it if it does not
    // exit within the stop timeout. Does nothing for a daemon we did not start.
    void stopDaemon();
    // Same, blocking; for application shutdown.
    void stopDaemonAndWait();
    // Stops the child daemon and starts a new one once it has exited; starts
    // one when none is running. False when the daemon is not ours to restart.
    bool restartDaemon();

    // Talks to the installed service (ipc::installedSocketPath()) from now
    // on: a child daemon this app started is stopped and none is started.
    void useInstalledService();
    // Talks to a local-mode daemon: $MAILSTEAD_SOCKET when set, else the
    // per-user socket; reconnects only when talking to another one now.
    void useLocalMode();
    bool usesInstalledService() const { return m_service; }

    bool ownsDaemon() const;
    State state() const { return m_state; }
    QString socketPath() const;
    ipc::IpcClient *client() const { return m_client; }

Q_SIGNALS:
    void stateChanged(mailstead::app::DaemonConnection::State state);
    void childRunningChanged(bool running);
    // Output of the child daemon and supervision messages, one line each.
    void logLine(const QString &line);

private:
    void setState(State state);
    void onGracePeriodOver();
    void onChildOutput();
    void onChildFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onChildError(QProcess::ProcessError error);
    void onChildLine(const QString &line);

    ipc::IpcClient *m_client = nullptr;
    QProcess *m_child = nullptr;
    QTimer *m_graceTimer = nullptr;
    QTimer *m_killTimer = nullptr;
    QByteArray m_childOutput;  // partial line
    QString m_childSocketPath; // as the child announced it
    QString m_daemonProgram;
    QStringList m_daemonArguments;
    State m_state = State::Idle;
    bool m_autoStart = true;
    bool m_service = false; // the installed service was chosen: never start a child
    bool m_stopping = false;
    bool m_restartPending = false; // start again when the child has exited
};

} // namespace mailstead::app
