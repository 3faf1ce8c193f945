// DaemonControls.h - start, stop and restart the daemon in either mode
//
// The window's buttons and the tray's menu offer the same actions; this
// class decides what they do. In local mode they drive the child daemon of
// DaemonConnection; in installed mode (the connection's socket is the
// system service's and no child of ours runs) they go to ServiceController,
// which watches mailsteadd.service meanwhile. There is one instance per
// connection (of()), so that every control sees the same state, and it
// tells a stop the user asked for from the daemon going away by itself.
#pragma once

#include <QObject>
#include <QString>

namespace mailstead::app {

class DaemonConnection;
class ServiceController;

class DaemonControls : public QObject {
    Q_OBJECT
public:
    enum class Mode { Local, Installed };
    Q_ENUM(Mode)

    // The controls of `connection`, made on first use as its child.
    static DaemonControls *of(DaemonConnection *connection);

    DaemonConnection *connection() const { return m_connection; }
    ServiceController *service() const { return m_service; }

    // The system service's admin socket; default ipc::installedSocketPath().
    void setServiceSocketPath(const QString &path);
    QString serviceSocketPath() const { return m_serviceSocketPath; }
    Mode mode() const { return m_mode; }

    bool canStart() const;
    bool canStop() const;
    bool canRestart() const;
    // Whether the daemon runs as far as the app knows: a child of ours, or
    // an active service (the connection when systemd could not say).
    bool isRunning() const;
    void start();
    void stop();
    void restart();

    // The service's state in words, for installed mode; empty in local mode.
    QString serviceSummary() const;

Q_SIGNALS:
    // The mode, the service's state or whether an action runs changed.
    void changed();
    // An action failed; `message` is the tool's own error text.
    void actionFailed(const QString &title, const QString &message);
    // The connection to a running daemon dropped without anyone here asking.
    void daemonStoppedUnexpectedly();

private:
    explicit DaemonControls(DaemonConnection *connection);
    void updateMode();
    void onConnectionStateChanged();

    DaemonConnection *m_connection = nullptr;
    ServiceController *m_service = nullptr;
    QString m_serviceSocketPath;
    QString m_lastLogLine;
    Mode m_mode = Mode::Local;
    bool m_wasConnected = false;
    bool m_stopExpected = false;
};

} // namespace mailstead::app
