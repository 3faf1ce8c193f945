// MethodTable.h - admin IPC method dispatch: name -> handler
//
// One table built at start-up; each *Methods.cpp registers one noun
// (system, domain, mailbox, alias). Handlers take the request's params and
// a MethodContext and return a result or an RpcError; one that must wait
// (for DNS answers) takes context.deferReply() and returns
// HandlerResult::deferred(), and the session keeps later replies behind
// it so that replies stay in request order.
// docs/ipc.md documents every method registered here.
//
// SECURITY: handlers run only for connections that passed the peer
// credential check (AdminServer); params are untrusted and read through
// Params, which refuses unknown keys and wrong types.
#pragma once

#include "dns/DnsServerAddresses.h"
#include "ipc/JsonRpc.h"

#include <functional>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QStringList>
#include <variant>

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

// Event names a connection may subscribe to (system.subscribe).
inline constexpr char16_t eventConfig[] = u"event.config";
inline constexpr char16_t eventHealth[] = u"event.health";
inline constexpr char16_t eventLog[] = u"event.log";
// ACME progress: {state: "running", step} ... {state: "issued"|"failed", error?}
inline constexpr char16_t eventCert[] = u"event.cert";

class HandlerResult {
public:
    HandlerResult(const QJsonValue &result);
    HandlerResult(const QJsonObject &result);
    HandlerResult(const ipc::RpcError &error);
    // The reply follows later, through the function from deferReply().
    static HandlerResult deferred();

    bool ok() const { return std::holds_alternative<QJsonValue>(m_value); }
    bool isDeferred() const { return std::holds_alternative<Deferred>(m_value); }
    const QJsonValue &result() const { return std::get<QJsonValue>(m_value); }
    const ipc::RpcError &error() const { return std::get<ipc::RpcError>(m_value); }

private:
    struct Deferred {};
    HandlerResult() = default;

    std::variant<QJsonValue, ipc::RpcError, Deferred> m_value;
};

// Sends the reply of a deferred request; call it once, in the admin
// server's thread. Does nothing when the connection is gone.
using ReplyFunction = std::function<void(const HandlerResult &result)>;

// What the handlers reach: the daemon's services, one set for every
// connection (AdminServer's AdminContext is the same struct).
struct AdminServices {
    core::ConfigStore *store = nullptr;
    core::EventBus *events = nullptr;        // may be null: nothing is published
    std::function<QJsonObject()> status;     // builds the system.status result
    store::MessageStore *messages = nullptr; // may be null: no mail storage (unit tests)
    // cert.*: the store every TLS listener reads, and the names a self-signed
    // certificate gets (the hostname first). Null: cert.* answer InternalError.
    tls::CertificateStore *certificates = nullptr;
    std::function<QStringList()> certificateNames;
    tls::CertificateIssuer *issuer = nullptr; // cert.request, cert.renew of ACME certificates
    queue::DeliveryQueue *queue = nullptr;    // queue.*; null: they answer InternalError
    dkim::DkimKeyStore *dkimKeys = nullptr;   // may be null: dkim.* answer InternalError
    // dns.*: the daemon's resolver and what the config says about the
    // server. Null: dns.* answer InternalError.
    dns::DnsResolver *resolver = nullptr;
    std::function<dns::DnsServerFacts()> dnsFacts;
};

// The services plus what belongs to the calling connection and request.
struct MethodContext : AdminServices {
    QSet<QString> *subscriptions = nullptr; // the calling connection's events
    // Set by the session for each request: the reply function of this
    // request, for handlers that return HandlerResult::deferred().
    std::function<ReplyFunction()> deferReply;
};

class MethodTable {
public:
    using Handler = std::function<HandlerResult(const QJsonObject &params, const MethodContext &)>;

    // Registers every method of docs/ipc.md.
    MethodTable();
    MethodTable(const MethodTable &) = delete;
    MethodTable &operator=(const MethodTable &) = delete;

    void add(const QString &method, Handler handler);
    bool contains(const QString &method) const { return m_handlers.contains(method); }

    // Runs the handler; MethodNotFound for an unknown method.
    HandlerResult call(const QString &method, const QJsonObject &params,
                       const MethodContext &context) const;

    QStringList methodNames() const; // sorted
    static QStringList eventNames();

private:
    QHash<QString, Handler> m_handlers;
};

// One per noun, defined in SystemMethods.cpp, DomainMethods.cpp, ...
void addSystemMethods(MethodTable &table);
void addDomainMethods(MethodTable &table);
void addMailboxMethods(MethodTable &table);
void addAliasMethods(MethodTable &table);
void addCertMethods(MethodTable &table);
void addQueueMethods(MethodTable &table);
void addDkimMethods(MethodTable &table);
void addDnsMethods(MethodTable &table);
void addSendAsMethods(MethodTable &table); // mailbox.send_as_*

} // namespace mailstead::admin
