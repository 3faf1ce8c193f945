// ListenerSet.cpp - the TCP listeners of every [listen] address
//
// SECURITY: see ListenerSet.h. Limits are checked before a socket reaches
// any protocol code; a peer over its limit is reset without a byte read.
#include "ListenerSet.h"

#include "ConnectionHandler.h"
#include "core/Log.h"
#include "ServiceRefusal.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <optional>
#include <QHostInfo>
#include <QJsonObject>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::net {

// Shared with the tickets, which may outlive the ListenerSet and are
// destroyed in I/O threads.
struct ListenerSet::Counter {
    mutable QMutex mutex;
    int total = 0;
    QHash<QHostAddress, int> perIp;
    QHash<int, int> perService; // key: int(Service)
    QHash<QPair<int, QHostAddress>, int> perServiceIp;

    void release(int service, const QHostAddress &peer) {
        QMutexLocker locker(&mutex);
        --total;
        --perService[service];
        decrement(perIp, peer);
        decrement(perServiceIp, qMakePair(service, peer));
    }

    template <typename Key> static void decrement(QHash<Key, int> &counts, const Key &key) {
        auto it = counts.find(key);
        if (it != counts.end() && --it.value() <= 0)
            counts.erase(it);
    }
};
namespace {

// Hands accepted descriptors over without making QTcpSocket objects in the
// listener's thread (ConnectionTicket.h).
class DescriptorServer : public QTcpServer {
public:
    DescriptorServer(std::function<void(qintptr)> accept, QObject *parent)
        : QTcpServer(parent)
        , m_accept(std::move(accept)) {}

protected:
    void incomingConnection(qintptr descriptor) override { m_accept(descriptor); }

private:
    std::function<void(qintptr)> m_accept;
};

// Owns a ticket for as long as its parent (a refusing socket) lives.
class TicketHolder : public QObject {
public:
    TicketHolder(std::unique_ptr<ConnectionTicket> ticket, QObject *parent)
        : QObject(parent)
        , m_ticket(std::move(ticket)) {}

private:
    std::unique_ptr<ConnectionTicket> m_ticket;
};

bool peerOf(qintptr descriptor, QHostAddress *address, quint16 *port) {
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return false;
    const auto *generic = reinterpret_cast<const sockaddr *>(&storage);
    address->setAddress(generic);
    if (generic->sa_family == AF_INET)
        *port = ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
    else if (generic->sa_family == AF_INET6)
        *port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port);
    return !address->isNull();
}

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

void ListenerSet::setServiceLimits(core::Service service, const ConnectionLimits &limits) {
    m_serviceLimits.insert(int(service), limits);
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

    auto *server = new DescriptorServer(
        [this, service](qintptr descriptor) { accept(service, descriptor); }, this);
    if (!server->listen(host, address.port)) {
        *error = what + bindErrorText(*server, address.port);
        delete server;
        return nullptr;
    }
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
    // Pair each wanted address with at most one running listener: the
    // same "host:0" may be listed twice and then needs two sockets.
    QList<Listener> available = m_listeners;
    QList<std::optional<Listener>> reuse;
    for (const Wanted &w : std::as_const(wanted)) {
        const auto match =
            std::find_if(available.begin(), available.end(), [&w](const Listener &l) {
                return l.service == w.service && sameAddress(l.configured, w.address);
            });
        if (match == available.end()) {
            reuse.append(std::nullopt);
            continue;
        }
        reuse.append(*match);
        available.erase(match);
    }

    // Close removed listeners first, so an address can move to another
    // service; remember where they were in case we have to roll back.
    struct Closed {
        Listener listener;
        QHostAddress address;
        quint16 port;
    };
    QList<Closed> closed;
    for (const Listener &listener : std::as_const(available)) {
        closed.append({listener, listener.server->serverAddress(), listener.server->serverPort()});
        listener.server->close();
    }

    QList<Listener> result;
    QList<QTcpServer *> opened;
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        const Wanted &w = wanted.at(i);
        if (reuse.at(i)) {
            result.append(*reuse.at(i));
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

int ListenerSet::connectionCount(core::Service service) const {
    QMutexLocker locker(&m_counter->mutex);
    return m_counter->perService.value(int(service));
}

void ListenerSet::accept(core::Service service, qintptr descriptor) {
    QHostAddress address;
    quint16 port = 0;
    if (!peerOf(descriptor, &address, &port)) {
        // Reset by the peer between accept() and now.
        ::close(int(descriptor));
        return;
    }
    const QHostAddress peer = normalizedPeer(address);
    const int key = int(service);
    const auto serviceLimits = m_serviceLimits.constFind(key);
    QString refused;
    {
        QMutexLocker locker(&m_counter->mutex);
        Counter &c = *m_counter;
        const bool limited = serviceLimits != m_serviceLimits.constEnd();
        if (c.total >= m_limits.total ||
            (limited && c.perService.value(key) >= serviceLimits->total)) {
            refused = u"too many connections"_s;
        } else if (c.perIp.value(peer) >= m_limits.perIp ||
                   (limited &&
                    c.perServiceIp.value(qMakePair(key, peer)) >= serviceLimits->perIp)) {
            refused = u"too many connections from this address"_s;
        } else {
            ++c.total;
            ++c.perIp[peer];
            ++c.perService[key];
            ++c.perServiceIp[qMakePair(key, peer)];
        }
    }
    if (!refused.isEmpty()) {
        // Debug only: a flood must not flood the log too.
        qCDebug(core::lcNet).noquote() << "closing" << core::serviceName(service)
                                       << "connection from" << peer.toString() << ":" << refused;
        const ConnectionHandler *handler = m_handlers.value(key);
        // Implicit-TLS ports expect a ClientHello answer, not protocol text:
        // they close without a byte, as Dovecot and Postfix do (a TLS
        // handshake only to say "busy" would cost what the limit saves).
        if (handler && !core::isImplicitTls(service)) {
            // A fresh socket's send buffer is empty: a short line fits
            // without blocking; if it does not, the peer gets nothing.
            const QByteArray text = handler->refusal(refused);
            if (!text.isEmpty())
                ::send(int(descriptor), text.constData(), size_t(text.size()),
                       MSG_DONTWAIT | MSG_NOSIGNAL);
        }
        ::close(int(descriptor));
        Q_EMIT connectionRejected(peer, refused);
        return;
    }

    auto ticket = std::make_unique<ConnectionTicket>(
        [counter = m_counter, key, peer] { counter->release(key, peer); });
    ConnectionHandler *handler = m_handlers.value(key);
    if (handler) {
        handler->handle(std::make_unique<AcceptedConnection>(service, descriptor, address, port,
                                                             std::move(ticket)));
        return;
    }
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        delete socket;
        return;
    }
    new TicketHolder(std::move(ticket), socket);
    refuseConnection(service, socket, m_hostname);
}

} // namespace mailstead::net
