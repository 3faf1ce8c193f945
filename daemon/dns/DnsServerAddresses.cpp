// DnsServerAddresses.cpp - public addresses from config, listeners or DNS
#include "DnsServerAddresses.h"

#include "DnsResolver.h"

#include <memory>

using namespace Qt::StringLiterals;

namespace mailstead::dns {

namespace {

// Addresses other hosts on the Internet can reach the server at: global
// (not loopback, link-local, unique-local, multicast) and not in the
// RFC 1918 / RFC 6598 ranges behind NAT.
bool isPublic(const QHostAddress &address) {
    if (address.isNull() || !address.isGlobal() || address == QHostAddress::AnyIPv4 ||
        address == QHostAddress::AnyIPv6)
        return false;
    static const QList<QPair<QHostAddress, int>> privateRanges = {
        QHostAddress::parseSubnet(u"10.0.0.0/8"_s),
        QHostAddress::parseSubnet(u"172.16.0.0/12"_s),
        QHostAddress::parseSubnet(u"192.168.0.0/16"_s),
        QHostAddress::parseSubnet(u"100.64.0.0/10"_s),
    };
    for (const auto &range : privateRanges) {
        if (address.isInSubnet(range))
            return false;
    }
    return true;
}

} // namespace

QString addressSourceName(AddressSource source) {
    switch (source) {
    case AddressSource::Config:
        return u"config"_s;
    case AddressSource::Listen:
        return u"listen"_s;
    case AddressSource::Dns:
        return u"dns"_s;
    case AddressSource::None:
        return u"none"_s;
    }
    return {};
}

QList<QHostAddress> knownServerAddresses(const DnsServerFacts &facts, AddressSource *source) {
    if (!facts.publicAddresses.isEmpty()) {
        *source = AddressSource::Config;
        return facts.publicAddresses;
    }
    QList<QHostAddress> addresses;
    for (const QString &host : facts.smtpListenHosts) {
        const QHostAddress address(host);
        if (isPublic(address) && !addresses.contains(address))
            addresses << address;
    }
    *source = addresses.isEmpty() ? AddressSource::None : AddressSource::Listen;
    return addresses;
}

void lookupHostAddresses(DnsResolver *resolver, const QString &hostname, QObject *context,
                         std::function<void(const QList<QHostAddress> &addresses)> done) {
    struct Pending {
        QList<QHostAddress> v4;
        QList<QHostAddress> v6;
        int outstanding = 2;
        std::function<void(const QList<QHostAddress> &)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    const auto collect = [pending](const DnsAnswer &answer) {
        for (const DnsRecord &record : answer.records)
            (answer.type == DnsType::A ? pending->v4 : pending->v6) << record.address;
        if (--pending->outstanding == 0)
            pending->done(pending->v4 + pending->v6);
    };
    resolver->resolve(hostname, DnsType::A, context, collect);
    resolver->resolve(hostname, DnsType::Aaaa, context, collect);
}

} // namespace mailstead::dns
