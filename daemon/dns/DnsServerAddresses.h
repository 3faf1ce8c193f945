// DnsServerAddresses.h - which public addresses the server's records name
//
// The addresses that A/AAAA, SPF and PTR rows are about, in this order:
// [dns] public_addresses when set (the only reliable source behind NAT);
// else the specific addresses the SMTP listener binds (not 0.0.0.0, ::,
// loopback, link-local or private ranges); else what the host name
// resolves to now, through the daemon's resolver.
#pragma once

#include <functional>
#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

class QObject;

namespace mailstead::dns {

class DnsResolver;

// What the daemon's configuration says about the server.
struct DnsServerFacts {
    QString hostname;                    // [general] hostname, A-label form
    QList<QHostAddress> publicAddresses; // [dns] public_addresses
    QStringList smtpListenHosts;         // [listen] smtp hosts
    bool submission = true;              // [listen] submission is not empty
    bool submissions = true;
    bool imaps = true;
    bool pop3s = true;
    // The MTA-STS policy text the https listener serves for the domains
    // (RFC 8461 section 3.2); the _mta-sts TXT id is derived from it.
    QByteArray mtaStsPolicy;
};

enum class AddressSource { Config, Listen, Dns, None };
// "config", "listen", "dns", "none".
QString addressSourceName(AddressSource source);

// Config or listen addresses; AddressSource::None when neither gives any.
QList<QHostAddress> knownServerAddresses(const DnsServerFacts &facts, AddressSource *source);

// A and AAAA of hostname, IPv4 first; empty when it has none or the
// lookups fail. done runs in context's thread.
void lookupHostAddresses(DnsResolver *resolver, const QString &hostname, QObject *context,
                         std::function<void(const QList<QHostAddress> &addresses)> done);

} // namespace mailstead::dns
