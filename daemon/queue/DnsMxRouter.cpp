// DnsMxRouter.cpp - MX, then A/AAAA per exchange, through DnsResolver
//
// RFC 5321 section 5.1, RFC 7505 section 3; see DnsMxRouter.h.
//
// SECURITY: DNS answers only choose where to connect; see DnsMxRouter.h.
#include "DnsMxRouter.h"

#include "dns/DnsResolver.h"

#include <algorithm>
#include <memory>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

namespace {

// One route in the making: waits for A and AAAA of every host.
struct PendingRoute {
    MxRoute route;
    int waiting = 0;
    bool implicitMx = false;
    MxRouter::Callback callback;
    bool tempFailure = false;
    QString lastError;

    void finish() {
        QList<MxHost> usable;
        for (const MxHost &host : std::as_const(route.hosts)) {
            if (!host.addresses.isEmpty())
                usable.append(host);
        }
        route.hosts = usable;
        if (!usable.isEmpty()) {
            route.status = MxRoute::Status::Ok;
        } else if (tempFailure) {
            route.status = MxRoute::Status::TempFail;
            route.error = lastError;
        } else {
            route.status = MxRoute::Status::NoHost;
            route.error = implicitMx ? u"the domain has no MX and no address record"_s
                                     : u"no MX host of the domain has an address"_s;
        }
        callback(route);
    }
};

QString describe(const dns::DnsAnswer &answer) {
    return answer.name + u' ' + dns::dnsTypeName(answer.type) + u": "_s +
           dns::dnsStatusName(answer.status) +
           (answer.error.isEmpty() ? QString() : u" ("_s + answer.error + u')');
}

void resolveAddresses(dns::DnsResolver *resolver, const std::shared_ptr<PendingRoute> &pending,
                      QObject *context) {
    pending->waiting = int(pending->route.hosts.size()) * 2;
    for (qsizetype i = 0; i < pending->route.hosts.size(); ++i) {
        const QString name = pending->route.hosts.at(i).name;
        for (const dns::DnsType type : {dns::DnsType::A, dns::DnsType::Aaaa}) {
            resolver->resolve(
                name, type, context, [pending, i, type](const dns::DnsAnswer &answer) {
                    if (answer.ok()) {
                        QList<QHostAddress> found;
                        for (const dns::DnsRecord &record : answer.records)
                            found.append(record.address);
                        QList<QHostAddress> &addresses = pending->route.hosts[i].addresses;
                        // IPv4 first, whichever answer came first.
                        if (type == dns::DnsType::A)
                            addresses = found + addresses;
                        else
                            addresses += found;
                    } else if (!answer.isNegative()) {
                        pending->tempFailure = true;
                        pending->lastError = describe(answer);
                    }
                    if (--pending->waiting == 0)
                        pending->finish();
                });
        }
    }
}

} // namespace

DnsMxRouter::DnsMxRouter(dns::DnsResolver *resolver)
    : m_resolver(resolver) {}

void DnsMxRouter::route(const QString &domain, QObject *context, Callback callback) {
    auto pending = std::make_shared<PendingRoute>();
    pending->callback = std::move(callback);
    dns::DnsResolver *resolver = m_resolver;
    QPointer<QObject> guard(context);
    resolver->resolve(domain, dns::DnsType::Mx, context, [=](const dns::DnsAnswer &answer) {
        if (!guard)
            return;
        if (answer.ok()) {
            QList<dns::DnsRecord> records = answer.records;
            // RFC 7505 section 3: one MX, preference 0, exchange ".".
            if (records.size() == 1 &&
                (records.first().host.isEmpty() || records.first().host == u"."_s)) {
                pending->route.status = MxRoute::Status::NullMx;
                pending->route.error = u"the domain publishes a null MX (RFC 7505)"_s;
                pending->callback(pending->route);
                return;
            }
            std::stable_sort(records.begin(), records.end(),
                             [](const dns::DnsRecord &a, const dns::DnsRecord &b) {
                                 return a.preference < b.preference;
                             });
            for (const dns::DnsRecord &record : std::as_const(records)) {
                if (record.host.isEmpty() || record.host == u"."_s)
                    continue;
                if (pending->route.hosts.size() >= maxMxHosts)
                    break;
                QString host = record.host;
                if (host.endsWith(u'.'))
                    host.chop(1);
                pending->route.hosts.append({host, record.preference, {}});
            }
        } else if (answer.isNegative()) {
            if (answer.status == dns::DnsStatus::NxDomain) {
                pending->route.status = MxRoute::Status::NoHost;
                pending->route.error = u"the domain does not exist ("_s + describe(answer) + u')';
                pending->callback(pending->route);
                return;
            }
            // RFC 5321 section 5.1: no MX, the domain itself is the host.
            pending->implicitMx = true;
            pending->route.hosts.append({domain, 0, {}});
        } else {
            pending->route.status = MxRoute::Status::TempFail;
            pending->route.error = describe(answer);
            pending->callback(pending->route);
            return;
        }
        if (pending->route.hosts.isEmpty()) {
            pending->route.status = MxRoute::Status::NoHost;
            pending->route.error = u"no usable MX host"_s;
            pending->callback(pending->route);
            return;
        }
        resolveAddresses(resolver, pending, guard.data());
    });
}

} // namespace mailstead::queue
