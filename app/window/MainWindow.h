// MainWindow.h - the Mailstead desktop app's main window (status page for now)
//
// Shows what system.status reports (version, host, mode, paths, uptime,
// health, listeners, object counts), refreshed every few seconds and on each
// event.config notification, plus the output of a daemon the app started
// and buttons to start or stop that daemon.
#pragma once

#include "supervision/DaemonConnection.h"

#include <QJsonObject>
#include <QMainWindow>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace mailstead::app {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(DaemonConnection *connection, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setRefreshInterval(int intervalMs);

private:
    QWidget *createStatusPanel();
    void requestStatus();
    void showStatus(const QJsonObject &status);
    void clearStatus();
    void updateConnectionState();
    void onNotification(const QString &method, const QJsonObject &params);
    void appendLog(const QString &line);

    DaemonConnection *m_connection = nullptr;
    QTimer *m_refreshTimer = nullptr;
    bool m_statusPending = false;
    bool m_refreshQueued = false;

    QLabel *m_connectionStatusLabel = nullptr;
    QPushButton *m_startDaemonButton = nullptr;
    QPushButton *m_stopDaemonButton = nullptr;
    QLabel *m_versionLabel = nullptr;
    QLabel *m_hostnameLabel = nullptr;
    QLabel *m_modeLabel = nullptr;
    QLabel *m_dataDirLabel = nullptr;
    QLabel *m_socketLabel = nullptr;
    QLabel *m_uptimeLabel = nullptr;
    QLabel *m_healthLabel = nullptr;
    QLabel *m_domainsLabel = nullptr;
    QLabel *m_aliasDomainsLabel = nullptr;
    QLabel *m_mailboxesLabel = nullptr;
    QLabel *m_aliasesLabel = nullptr;
    QTableWidget *m_listenersTable = nullptr;
    QPlainTextEdit *m_daemonLog = nullptr;
};

} // namespace mailstead::app
