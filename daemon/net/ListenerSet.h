// ListenerSet.h - the TCP listeners of every [listen] address
//
// Binds each configured ListenAddress of each Service with a QTcpServer
// (port 0 picks a free port; the real one is reported), enforces the
// connection limits and passes accepted sockets to the ConnectionHandler of
// their service, or to the service's standard refusal while none is
// registered. apply() reconfigures in place: added addresses are opened,
// removed ones closed, unchanged ones (including port 0) keep their socket,
// and accepted connections are never touched.
//
// SECURITY: accepts connections from anyone who can reach the addresses;
// reads nothing itself. The only peer data used is the address, for the
// per-IP limit. Host names in the config are resolved once, blocking, when
// apply() runs (startup and SIGHUP).
#pragma once

#include "core/DaemonConfig.h"

#include <memory>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QString>

class QTcpServer;
class QTcpSocket;

namespace mailstead::net {

class ConnectionHandler;

// Connections one peer address may hold at once, and in total; more are
// closed right after accept().
inline constexpr int maxConnectionsPerIp = 20;
inline constexpr int maxConnections = 2000;

struct ConnectionLimits {
    int perIp = maxConnectionsPerIp;
    int total = maxConnections;
};

struct ListenerInfo {
    core::Service service = core::Service::Smtp;
    QString address;          // the bound address: "127.0.0.1", "0.0.0.0", "::"
    quint16 port = 0;         // the real port, also when the config said 0
    QString toString() const; // "smtp 127.0.0.1:10025"
};

class ListenerSet : public QObject {
    Q_OBJECT
public:
    explicit ListenerSet(QObject *parent = nullptr);
    ~ListenerSet() override;

    // Not owned; nullptr goes back to the standard refusal.
    void setHandler(core::Service service, ConnectionHandler *handler);
    void setLimits(const ConnectionLimits &limits);

    // Opens what the config lists and is not open yet, closes what it no
    // longer lists. On failure (e.g. "cannot listen for smtp on 0.0.0.0:25:
    // address in use") the previous listeners are restored as far as
    // possible and false is returned.
    bool apply(const core::DaemonConfig &config, QString *error);
    // Stops listening; accepted connections stay until they end.
    void close();

    QList<ListenerInfo> listeners() const;
    // For system.status: [{service, address, port, state: "listening"}].
    QJsonArray statusJson() const;

    int connectionCount() const;
    int connectionCount(const QHostAddress &peer) const;

Q_SIGNALS:
    // A connection closed at once because a limit was reached.
    void connectionRejected(const QHostAddress &peer, const QString &reason);

private:
    struct Listener {
        core::Service service = core::Service::Smtp;
        core::ListenAddress configured;
        QTcpServer *server = nullptr;
    };
    struct Counter;

    QTcpServer *bind(core::Service service, const core::ListenAddress &address, QString *error);
    void onNewConnection(core::Service service, QTcpServer *server);
    void accept(core::Service service, QTcpSocket *socket);

    QList<Listener> m_listeners;
    QHash<int, ConnectionHandler *> m_handlers; // key: int(Service)
    ConnectionLimits m_limits;
    QString m_hostname;
    std::shared_ptr<Counter> m_counter;
};

} // namespace mailstead::net
