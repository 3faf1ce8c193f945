// DnsRecordType.cpp - record type names (RFC 1035 section 3.2.2, RFC 3597)
#include "DnsRecordType.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace mailstead::dns {

namespace {

constexpr std::array<std::pair<DnsType, const char16_t *>, 10> typeNames = {{
    {DnsType::A, u"A"},
    {DnsType::Ns, u"NS"},
    {DnsType::Cname, u"CNAME"},
    {DnsType::Soa, u"SOA"},
    {DnsType::Ptr, u"PTR"},
    {DnsType::Mx, u"MX"},
    {DnsType::Txt, u"TXT"},
    {DnsType::Aaaa, u"AAAA"},
    {DnsType::Srv, u"SRV"},
    {DnsType::Tlsa, u"TLSA"},
}};

} // namespace

QString dnsTypeName(DnsType type) {
    for (const auto &[known, name] : typeNames) {
        if (known == type)
            return QString::fromUtf16(name);
    }
    return u"TYPE"_s + QString::number(quint16(type));
}

std::optional<DnsType> dnsTypeFromName(QStringView name) {
    for (const auto &[known, text] : typeNames) {
        if (name.compare(QStringView(text), Qt::CaseInsensitive) == 0)
            return known;
    }
    return std::nullopt;
}

} // namespace mailstead::dns
