// ListenerSet.h - the TCP listeners of every [listen] address
//
// Binds each configured ListenAddress of each Service with a QTcpServer
// (port 0 picks a free port; the real one is reported), enforces the
// connection limits and passes accepted connections (descriptors, see
// ConnectionTicket.h) to the ConnectionHandler of their service, or to the
// service's standard refusal while none is registered. Limits apply to all
// services together and, where set, to one service (SMTP's own
// max_connections); a connection counts until its ticket is destroyed, in
// any thread. apply() reconfigures in place: added addresses are opened,
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

namespace mailstead::net {

class ConnectionHandler;

// Connections one peer address may hold at once, and in total, over all
// services; more are closed right after accept(). The per-IP figure is a
// backstop above each service's own limit (SMTP: 50, like Postfix's
// smtpd_client_connection_count_limit), so that one NAT'ed household or a
// sending MTA's 20 parallel deliveries never hit it.
inline constexpr int maxConnectionsPerIp = 100;
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
    // All services together.
    void setLimits(const ConnectionLimits &limits);
    // One service on its own, in addition to the overall limits.
    void setServiceLimits(core::Service service, const ConnectionLimits &limits);

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
    int connectionCount(core::Service service) const;

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
    void accept(core::Service service, qintptr descriptor);

    QList<Listener> m_listeners;
    QHash<int, ConnectionHandler *> m_handlers; // key: int(Service)
    ConnectionLimits m_limits;
    QHash<int, ConnectionLimits> m_serviceLimits; // key: int(Service)
    QString m_hostname;
    std::shared_ptr<Counter> m_counter;
};

} // namespace mailstead::net
