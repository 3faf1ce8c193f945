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

#include "dns/DnsServerAddresses.h"

#include <functional>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;

namespace mailstead::core {
class ConfigStore;
class EventBus;
} // namespace mailstead::core

namespace mailstead::store {
class MessageStore;
} // namespace mailstead::store

namespace mailstead::dkim {
class DkimKeyStore;
} // namespace mailstead::dkim

namespace mailstead::queue {
class DeliveryQueue;
} // namespace mailstead::queue

namespace mailstead::tls {
class CertificateIssuer;
class CertificateStore;
} // namespace mailstead::tls

namespace mailstead::dns {
class DnsResolver;
} // namespace mailstead::dns

namespace mailstead::admin {

// Limits of the admin server (the line limit is ipc::maxIpcLineBytes).
// Idle connections are fine: the desktop app keeps one open.
inline constexpr int maxAdminConnections = 64;
// A client that leaves this much output unread (typically a subscriber that
// stopped reading) is disconnected.
inline constexpr qint64 maxAdminOutputBacklogBytes = 64 * 1024 * 1024;

struct AdminContext {
    core::ConfigStore *store = nullptr;
    core::EventBus *events = nullptr;
    // Mail storage: mailbox folders are created with the mailbox and removed
    // with it; usage and message counts come from here. May be null in
    // tests that only exercise configuration.
    store::MessageStore *messages = nullptr;
    // DKIM keys (dkim.*); their files go with a removed domain. May be null
    // in tests that do not need them.
    dkim::DkimKeyStore *dkimKeys = nullptr;
    // cert.*: see MethodContext.
    tls::CertificateStore *certificates = nullptr;
    std::function<QStringList()> certificateNames;
    tls::CertificateIssuer *issuer = nullptr;
    queue::DeliveryQueue *queue = nullptr; // queue.*
    // dns.*: see MethodContext.
    dns::DnsResolver *resolver = nullptr;
    std::function<dns::DnsServerFacts()> dnsFacts;
    // Builds the system.status result (the Daemon knows listeners, uptime).
    std::function<QJsonObject()> status;
};

class MethodTable;

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
