// MxRouter.h - where mail for a domain goes: the interface the queue asks,
// and its value types
//
// RFC 5321 section 5.1: the MX records in preference order (lowest first,
// equal preferences in random order), each host's addresses; without MX
// records the domain's own A/AAAA records as an implicit MX of preference
// 0; RFC 7505: a single MX of preference 0 with the root "." as host is a
// null MX, "this domain accepts no mail", and the message bounces at once.
// DnsMxRouter implements it on daemon/dns's resolver; unit tests of the
// queue use a test double of this interface.
//
// SECURITY: answers come from DNS; a route only names hosts and addresses,
// the SMTP client decides what to do with them.
#pragma once

#include <functional>
#include <QHostAddress>
#include <QList>
#include <QString>

class QObject;

namespace mailstead::queue {

struct MxHost {
    QString name; // the exchange as published ("mx1.example.test")
    int preference = 0;
    QList<QHostAddress> addresses;
};

struct MxRoute {
    enum class Status {
        Ok,       // hosts in the order to try them
        NullMx,   // RFC 7505: the domain accepts no mail (5.1.10)
        NoHost,   // no MX and no address: permanent (5.1.2)
        TempFail, // DNS failed: try again later (4.4.3)
    };
    Status status = Status::TempFail;
    QList<MxHost> hosts;
    QString error; // for the attempt log when not Ok
};

class MxRouter {
public:
    using Callback = std::function<void(const MxRoute &route)>;
    virtual ~MxRouter() = default;
    // Asynchronous: the callback runs later in context's thread, and not at
    // all when context is gone.
    virtual void route(const QString &domain, QObject *context, Callback callback) = 0;
};

} // namespace mailstead::queue
