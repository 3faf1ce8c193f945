// IpcClient.h - the one admin IPC client, used by mailsteadctl and the app
//
// Asynchronous over QLocalSocket; call() takes a callback that receives the
// result or the error. waitFor() lets a command-line client block on a
// reply. With reconnect enabled the client retries after the daemon
// restarts and re-sends system.subscribe for the events it had asked for.
#pragma once

#include "JsonRpc.h"

#include <functional>
#include <optional>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QStringList>

class QLocalSocket;
class QTimer;

namespace mailstead::ipc {

struct Reply {
    bool ok = false;
    QJsonValue result;
    RpcError error;
};

class IpcClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const Reply &)>;

    explicit IpcClient(QObject *parent = nullptr);
    ~IpcClient() override;

    void connectTo(const QString &socketPath);
    void disconnectFrom();
    bool isConnected() const;
    QString socketPath() const { return m_socketPath; }
    QString lastError() const { return m_lastError; }

    // Reconnect every intervalMs after a disconnect; 0 disables.
    void setReconnectInterval(int intervalMs);

    // Sends a request. The callback runs once, with an error reply of code
    // InternalError ("connection lost") if the connection drops first.
    void call(const QString &method, const QJsonObject &params, Callback callback);

    // Subscribes to events; remembered and renewed on reconnect.
    void subscribe(const QStringList &events);

    // Blocking helpers for command-line use (run a local event loop).
    bool waitForConnected(int timeoutMs);
    Reply callAndWait(const QString &method, const QJsonObject &params, int timeoutMs);

Q_SIGNALS:
    void connected();
    void disconnected();
    void notificationReceived(const QString &method, const QJsonObject &params);
    void connectionError(const QString &message);

private:
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onSocketError();
    void handleLine(const QByteArray &line);
    void complete(qint64 id, const Reply &reply);
    // Queues or writes one request; returns its id.
    qint64 send(const QString &method, const QJsonObject &params, Callback callback);
    void sendSubscribe();
    void scheduleReconnect();
    void failPending(const QString &message);
    void failPending(const RpcError &error);

    QLocalSocket *m_socket = nullptr;
    QTimer *m_reconnectTimer = nullptr;
    LineDecoder m_decoder;
    QHash<qint64, Callback> m_pending;
    qint64 m_nextId = 1;
    QString m_socketPath;
    QString m_lastError;
    QStringList m_subscriptions;
    bool m_subscribed = false;     // subscribe() was called (maybe with "all")
    bool m_wantConnection = false; // between connectTo() and disconnectFrom()
    bool m_wasConnected = false;   // the current socket reached ConnectedState
    QList<QByteArray> m_outbox;    // requests made while still connecting
    // An id-less error the daemon sent with nothing pending (Unauthorized
    // before closing): the answer to calls made until the next connection.
    std::optional<RpcError> m_refusal;
};

// Where mailsteadctl and the app look for the socket (DESIGN.md):
// explicit path, then $MAILSTEAD_SOCKET, then the installed path, then the
// local-mode path. resolveSocketPath() returns an explicit path or
// $MAILSTEAD_SOCKET as given (even when missing, so the error names it);
// otherwise the installed path when it exists, else the local-mode path.
QStringList socketCandidates(const QString &explicitPath = {});
QString resolveSocketPath(const QString &explicitPath = {});
QString installedSocketPath();
QString localModeSocketPath();

} // namespace mailstead::ipc
