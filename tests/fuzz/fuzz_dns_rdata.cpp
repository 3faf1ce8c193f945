// fuzz_dns_rdata.cpp - libFuzzer target for DNS RDATA and wire names
//
// The first input octet picks the record type, the second how many of the
// remaining octets are the RDATA; the rest is the answer packet that
// compression pointers refer to. Checks: parsing never reads outside its
// buffers (the sanitizers), a parsed record prints, names stay within
// RFC 1035's 255 octets, and TXT strings re-quote and split into pieces of
// at most 255 octets.
//
// SECURITY: this is the code that sees record data from any name server
// (daemon/dns/DnsRecordData.cpp, DnsName.cpp).

#include "dns/DnsLimits.h"
#include "dns/DnsName.h"
#include "dns/DnsRecordData.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mailstead::dns;

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

constexpr std::array<DnsType, 10> types = {
    DnsType::A,  DnsType::Ns,  DnsType::Cname, DnsType::Soa, DnsType::Ptr,
    DnsType::Mx, DnsType::Txt, DnsType::Aaaa,  DnsType::Srv, DnsType::Tlsa};

// Presentation names escape every special octet as at most 4 characters.
void checkName(const QString &name) {
    require(!name.isEmpty());
    require(name.size() <= maxNameOctets * 4);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    if (size < 2)
        return 0;
    const DnsType type = types[data[0] % types.size()];
    const QByteArrayView rest(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    const qsizetype rdataLength = qMin(qsizetype(data[1]), rest.size());
    const QByteArrayView rdata = rest.first(rdataLength);
    const QByteArrayView packet = rest.sliced(rdataLength);

    const DnsRecordParse parsed = parseRecordData(type, rdata, packet);
    if (parsed.ok) {
        require(parsed.record.rdata == rdata);
        require(!parsed.record.toPresentation().isEmpty() || type == DnsType::Txt);
        if (!parsed.record.host.isEmpty())
            checkName(parsed.record.host);
        if (type == DnsType::Txt) {
            require(!parsed.record.strings.isEmpty());
            for (const QByteArray &string : parsed.record.strings)
                require(string.size() <= maxCharacterStringOctets);
        }
    } else {
        require(!parsed.error.isEmpty());
    }

    // Names at every offset of the packet, as a pointer would reach them.
    for (qsizetype offset = 0; offset < packet.size() && offset < 64; ++offset) {
        const WireName name = readWireName(packet, offset, packet);
        if (name.ok) {
            checkName(name.name);
            require(name.consumed >= 1 && offset + name.consumed <= packet.size());
        }
    }

    // TXT quoting: one quoted string per started 255 octets, so twice as
    // many unescaped quotes; only printable ASCII comes out.
    const QString quoted = quotedCharacterStrings(rdata);
    const qsizetype pieces = rdata.isEmpty() ? 1 : (rdata.size() + 254) / 255;
    qsizetype quotes = 0;
    for (qsizetype i = 0; i < quoted.size(); ++i) {
        const char16_t c = quoted.at(i).unicode();
        require(c >= 0x20 && c < 0x7f);
        if (c == u'\\')
            ++i;
        else if (c == u'"')
            ++quotes;
    }
    require(quotes == 2 * pieces);
    return 0;
}
