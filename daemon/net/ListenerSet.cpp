// ListenerSet.cpp - the TCP listeners of every [listen] address
//
// SECURITY: see ListenerSet.h. Limits are checked before a socket reaches
// any protocol code; a peer over its limit is reset without a byte read.
#include "ListenerSet.h"

#include "ConnectionHandler.h"
#include "core/Log.h"
#include "ServiceRefusal.h"

#include <QHostInfo>
#include <QJsonObject>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::net {

// Shared with the sockets' destroyed() connections, which may outlive the
// ListenerSet or fire from an I/O thread.
struct ListenerSet::Counter {
    mutable QMutex mutex;
    int total = 0;
    QHash<QHostAddress, int> perIp;

    void release(const QHostAddress &peer) {
        QMutexLocker locker(&mutex);
        --total;
        auto it = perIp.find(peer);
        if (it != perIp.end() && --it.value() <= 0)
            perIp.erase(it);
    }
};

namespace {

// A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; count them as
// the IPv4 address they are.
QHostAddress normalizedPeer(const QHostAddress &address) {
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

QString bindErrorText(const QTcpServer &server, quint16 port) {
    switch (server.serverError()) {
    case QAbstractSocket::AddressInUseError:
        return u"address in use"_s;
    case QAbstractSocket::SocketAccessError:
        if (port < 1024 && ::geteuid() != 0)
            return u"permission denied; ports below 1024 need root or CAP_NET_BIND_SERVICE "
                   "(as a normal user, start without --config for local mode, which adds 10000 "
                   "to every port)"_s;
        return u"permission denied"_s;
    case QAbstractSocket::SocketAddressNotAvailableError:
        return u"address not available on this machine"_s;
    default:
        return server.errorString();
    }
}

bool sameAddress(const core::ListenAddress &a, const core::ListenAddress &b) {
    return a.host == b.host && a.port == b.port;
}

} // namespace

QString ListenerInfo::toString() const {
    return core::serviceName(service) + u' ' + core::ListenAddress{address, port}.toString();
}

ListenerSet::ListenerSet(QObject *parent)
    : QObject(parent)
    , m_counter(std::make_shared<Counter>()) {}

ListenerSet::~ListenerSet() = default;

void ListenerSet::setHandler(core::Service service, ConnectionHandler *handler) {
    if (handler)
        m_handlers.insert(int(service), handler);
    else
        m_handlers.remove(int(service));
}

void ListenerSet::setLimits(const ConnectionLimits &limits) {
    m_limits = limits;
}

QTcpServer *ListenerSet::bind(core::Service service, const core::ListenAddress &address,
                              QString *error) {
    const QString what = u"cannot listen for "_s + core::serviceName(service) + u" on "_s +
                         address.toString() + u": "_s;
    QHostAddress host;
    if (address.host == u"localhost"_s) {
        host = QHostAddress(QHostAddress::LocalHost);
    } else if (!host.setAddress(address.host)) {
        const QHostInfo info = QHostInfo::fromName(address.host);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            *error = what + u"cannot resolve "_s + address.host + u": "_s + info.errorString();
            return nullptr;
        }
        host = info.addresses().constFirst();
    }

    auto *server = new QTcpServer(this);
    if (!server->listen(host, address.port)) {
        *error = what + bindErrorText(*server, address.port);
        delete server;
        return nullptr;
    }
    connect(server, &QTcpServer::newConnection, this,
            [this, service, server] { onNewConnection(service, server); });
    qCInfo(core::lcNet).noquote()
        << "listening for" << core::serviceName(service) << "on"
        << core::ListenAddress{server->serverAddress().toString(), server->serverPort()}.toString();
    return server;
}

bool ListenerSet::apply(const core::DaemonConfig &config, QString *error) {
    struct Wanted {
        core::Service service;
        core::ListenAddress address;
    };
    QList<Wanted> wanted;
    for (core::Service service : core::allServices()) {
        for (const core::ListenAddress &address : config.listenFor(service))
            wanted.append({service, address});
    }
    auto isWanted = [&wanted](const Listener &listener) {
        return std::any_of(wanted.cbegin(), wanted.cend(), [&listener](const Wanted &w) {
            return w.service == listener.service && sameAddress(w.address, listener.configured);
        });
    };

    // Close removed listeners first, so an address can move to another
    // service; remember where they were in case we have to roll back.
    struct Closed {
        Listener listener;
        QHostAddress address;
        quint16 port;
    };
    QList<Closed> closed;
    QList<Listener> kept;
    for (const Listener &listener : std::as_const(m_listeners)) {
        if (isWanted(listener)) {
            kept.append(listener);
            continue;
        }
        closed.append({listener, listener.server->serverAddress(), listener.server->serverPort()});
        listener.server->close();
    }

    QList<Listener> result;
    QList<QTcpServer *> opened;
    for (const Wanted &w : std::as_const(wanted)) {
        const auto existing = std::find_if(kept.cbegin(), kept.cend(), [&w](const Listener &l) {
            return l.service == w.service && sameAddress(l.configured, w.address);
        });
        if (existing != kept.cend()) {
            result.append(*existing);
            continue;
        }
        QString bindError;
        QTcpServer *server = bind(w.service, w.address, &bindError);
        if (!server) {
            qDeleteAll(opened);
            for (const Closed &c : std::as_const(closed)) {
                if (!c.listener.server->listen(c.address, c.port))
                    qCWarning(core::lcNet).noquote()
                        << "could not reopen" << core::serviceName(c.listener.service)
                        << c.listener.configured.toString()
                        << "after a failed change:" << c.listener.server->errorString();
            }
            if (error)
                *error = bindError;
            return false;
        }
        opened.append(server);
        result.append({w.service, w.address, server});
    }

    for (const Closed &c : std::as_const(closed)) {
        qCInfo(core::lcNet).noquote()
            << "stopped listening for" << core::serviceName(c.listener.service) << "on"
            << core::ListenAddress{c.address.toString(), c.port}.toString();
        delete c.listener.server;
    }
    m_listeners = result;
    m_hostname = config.hostname;
    return true;
}

void ListenerSet::close() {
    for (const Listener &listener : std::as_const(m_listeners))
        delete listener.server;
    m_listeners.clear();
}

QList<ListenerInfo> ListenerSet::listeners() const {
    QList<ListenerInfo> result;
    for (const Listener &listener : m_listeners) {
        result.append({listener.service, listener.server->serverAddress().toString(),
                       listener.server->serverPort()});
    }
    return result;
}

QJsonArray ListenerSet::statusJson() const {
    QJsonArray result;
    for (const ListenerInfo &info : listeners()) {
        result.append(QJsonObject{
            {u"service"_s, core::serviceName(info.service)},
            {u"address"_s, info.address},
            {u"port"_s, int(info.port)},
            {u"state"_s, u"listening"_s},
        });
    }
    return result;
}

int ListenerSet::connectionCount() const {
    QMutexLocker locker(&m_counter->mutex);
    return m_counter->total;
}

int ListenerSet::connectionCount(const QHostAddress &peer) const {
    QMutexLocker locker(&m_counter->mutex);
    return m_counter->perIp.value(normalizedPeer(peer));
}

void ListenerSet::onNewConnection(core::Service service, QTcpServer *server) {
    while (QTcpSocket *socket = server->nextPendingConnection())
        accept(service, socket);
}

void ListenerSet::accept(core::Service service, QTcpSocket *socket) {
    const QHostAddress peer = normalizedPeer(socket->peerAddress());
    QString refused;
    {
        QMutexLocker locker(&m_counter->mutex);
        if (m_counter->total >= m_limits.total) {
            refused = u"too many connections"_s;
        } else if (m_counter->perIp.value(peer) >= m_limits.perIp) {
            refused = u"too many connections from this address"_s;
        } else {
            ++m_counter->total;
            ++m_counter->perIp[peer];
        }
    }
    if (!refused.isEmpty()) {
        // Debug only: a flood must not flood the log too.
        qCDebug(core::lcNet).noquote() << "closing" << core::serviceName(service)
                                       << "connection from" << peer.toString() << ":" << refused;
        socket->abort();
        socket->deleteLater();
        Q_EMIT connectionRejected(peer, refused);
        return;
    }

    // Off the QTcpServer: removing a listener must not close its connections.
    socket->setParent(this);
    connect(socket, &QObject::destroyed, this,
            [counter = m_counter, peer] { counter->release(peer); });

    ConnectionHandler *handler = m_handlers.value(int(service));
    if (handler)
        handler->handle(socket);
    else
        refuseConnection(service, socket, m_hostname);
}

} // namespace mailstead::net
