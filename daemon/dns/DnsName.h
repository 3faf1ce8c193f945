// DnsName.h - domain names on the wire and in presentation form
//
// readWireName() decodes a name in RFC 1035 section 3.1 wire form from a
// record's data, following section 4.1.4 compression pointers into the
// whole answer packet when one is given. Names come back in presentation
// form (RFC 1035 section 5.1): labels joined by dots, no trailing dot, "."
// for the root, and '.', '\\' and octets outside printable ASCII escaped
// as "\\." and "\\DDD". reverseLookupName() builds the in-addr.arpa /
// ip6.arpa name of an address (RFC 1035 section 3.5, RFC 3596 section 2.5).
//
// SECURITY: the bytes come from any name server; every offset is checked,
// names are bounded by maxNameOctets and pointer chains by
// maxCompressionPointers, so a loop or a truncated packet is an error.
#pragma once

#include <QByteArrayView>
#include <QHostAddress>
#include <QString>

namespace mailstead::dns {

struct WireName {
    bool ok = false;
    QString name;           // presentation form; "." for the root
    qsizetype consumed = 0; // octets of the starting buffer the name took
    QString error;
};

// Reads the name at data[offset]. A compression pointer is an offset into
// packet; without a packet, a pointer is an error.
WireName readWireName(QByteArrayView data, qsizetype offset, QByteArrayView packet = {});

// "25.0.18.198.in-addr.arpa", "5.2.0.0...2.0.0.1.0.0.2.ip6.arpa"; empty for
// an address that is neither IPv4 nor IPv6.
QString reverseLookupName(const QHostAddress &address);

// Host names compare case-insensitively (RFC 4343) and without a trailing
// dot: "Mail.Example.TEST." equals "mail.example.test".
QString canonicalHostName(const QString &name);
bool sameHostName(const QString &a, const QString &b);

} // namespace mailstead::dns
