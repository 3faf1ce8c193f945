// DnsRecordType.h - the record types Mailstead asks for, by number and name
//
// Numbers from RFC 1035 section 3.2.2 (A, NS, CNAME, SOA, PTR, MX, TXT),
// RFC 3596 (AAAA), RFC 2782 (SRV) and RFC 6698 (TLSA).
#pragma once

#include <optional>
#include <QString>
#include <QStringView>

namespace mailstead::dns {

enum class DnsType : quint16 {
    A = 1,
    Ns = 2,
    Cname = 5,
    Soa = 6,
    Ptr = 12,
    Mx = 15,
    Txt = 16,
    Aaaa = 28,
    Srv = 33,
    Tlsa = 52,
};

// "A", "MX", ...; "TYPE<n>" (RFC 3597 section 5) for other numbers.
QString dnsTypeName(DnsType type);
// Case-insensitive; nullopt for names not in the enum.
std::optional<DnsType> dnsTypeFromName(QStringView name);

} // namespace mailstead::dns
