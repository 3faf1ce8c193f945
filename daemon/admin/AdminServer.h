// AdminServer.h - the admin IPC server (JSON-RPC 2.0 over a local socket)
//
// Listens on [admin] socket (mode 0660), authorizes each peer by
// SO_PEERCRED/SO_PEERGROUPS (root, the daemon's own uid, members of the admin
// group), decodes one request per line (shared/ipc/JsonRpc.h), dispatches
// through MethodTable and answers in order. Subscribed connections receive
// EventBus events as notifications.
//
// SECURITY: bytes from any local process that can open the socket reach the
// line decoder before authorization; unauthorized peers get one error reply
// and are disconnected without reading their input. Lines over 16 MiB close
// the connection after a RequestTooLarge error.
#pragma once

#include "MethodTable.h"

#include <QObject>
#include <QString>

class QLocalServer;

namespace mailstead::admin {

// Limits of the admin server (the line limit is ipc::maxIpcLineBytes).
// Idle connections are fine: the desktop app keeps one open.
inline constexpr int maxAdminConnections = 64;
// A client that leaves this much output unread (typically a subscriber that
// stopped reading) is disconnected.
inline constexpr qint64 maxAdminOutputBacklogBytes = 64 * 1024 * 1024;

// Services for the method handlers (MethodTable.h); the status function is
// built by the Daemon (it knows listeners and uptime). Members may be null in
// tests that do not need them.
using AdminContext = AdminServices;

class AdminServer : public QObject {
    Q_OBJECT
public:
    AdminServer(const AdminContext &context, QObject *parent = nullptr);
    ~AdminServer() override;

    // Creates the parent directory if missing (0750; 0700 under
    // $XDG_RUNTIME_DIR; group set to the admin group), refuses when another
    // process answers on the socket, replaces a stale socket file, chmods
    // 0660 and chgrps to the admin group when it exists.
    bool listen(const QString &socketPath, QString *error);
    void close();
    QString socketPath() const;

    // Applied to new connections, and to the socket file when listening.
    void setAdminGroup(const QString &group);
    int connectionCount() const;

private:
    void acceptConnections();
    void forwardEvent(const QString &event, const QJsonObject &params);

    struct Private;
    Private *d;
};

} // namespace mailstead::admin
