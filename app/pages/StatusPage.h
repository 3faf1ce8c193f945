// StatusPage.h - the daemon's status: version, host, mode, paths, uptime,
// health, listeners and object counts
//
// Shows what system.status reports, refreshed every few seconds and on each
// event.config and event.health notification. statusReceived() hands every
// status to whoever summarizes it elsewhere (the tray).
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTableWidget;
class QTimer;

namespace mailstead::app {

class DaemonConnection;

class StatusPage : public QWidget {
    Q_OBJECT
public:
    explicit StatusPage(DaemonConnection *connection, QWidget *parent = nullptr);
    ~StatusPage() override;

    void setRefreshInterval(int intervalMs);
    void requestStatus();

Q_SIGNALS:
    void statusReceived(const QJsonObject &status);
    void healthEventReceived(const QString &health, const QString &message);

private:
    void showStatus(const QJsonObject &status);
    void clearStatus();
    void onNotification(const QString &method, const QJsonObject &params);

    DaemonConnection *m_connection = nullptr;
    QTimer *m_refreshTimer = nullptr;
    bool m_statusPending = false;
    bool m_refreshQueued = false;

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
    QLabel *m_statusMessageLabel = nullptr;
    QTableWidget *m_listenersTable = nullptr;
};

} // namespace mailstead::app
