// DnsRecordData.cpp - RDATA of A, AAAA, MX, TXT, PTR, CNAME, NS, SRV, TLSA
//
// RFC 1035 sections 3.3 and 3.4, RFC 3596, RFC 2782, RFC 6698, RFC 3597.
//
// SECURITY: see DnsRecordData.h.
#include "DnsRecordData.h"

#include "DnsLimits.h"
#include "DnsName.h"

using namespace Qt::StringLiterals;

namespace mailstead::dns {

namespace {

quint16 readUint16(QByteArrayView data, qsizetype offset) {
    return quint16((quint8(data[offset]) << 8) | quint8(data[offset + 1]));
}

DnsRecordParse failure(DnsType type, const QString &error) {
    DnsRecordParse result;
    result.error = dnsTypeName(type) + u" record: "_s + error;
    return result;
}

// A name that must fill the rest of the RDATA, starting at offset.
bool readTrailingName(QByteArrayView rdata, qsizetype offset, QByteArrayView packet,
                      DnsRecordParse *result) {
    const WireName name = readWireName(rdata, offset, packet);
    if (!name.ok) {
        *result = failure(result->record.type, name.error);
        return false;
    }
    if (offset + name.consumed != rdata.size()) {
        *result = failure(result->record.type, u"octets after the name"_s);
        return false;
    }
    result->record.host = name.name;
    return true;
}

QString hostPresentation(const QString &host) {
    return host == u"."_s ? host : host + u'.';
}

} // namespace

QByteArray DnsRecord::joinedText() const {
    QByteArray text;
    for (const QByteArray &string : strings)
        text += string;
    return text;
}

QString DnsRecord::toPresentation() const {
    switch (type) {
    case DnsType::A:
    case DnsType::Aaaa:
        return address.toString();
    case DnsType::Mx:
        return QString::number(preference) + u' ' + hostPresentation(host);
    case DnsType::Srv:
        return u"%1 %2 %3 "_s.arg(priority).arg(weight).arg(port) + hostPresentation(host);
    case DnsType::Ptr:
    case DnsType::Cname:
    case DnsType::Ns:
        return hostPresentation(host);
    case DnsType::Txt: {
        QStringList parts;
        for (const QByteArray &string : strings)
            parts << quotedCharacterStrings(string);
        return parts.join(u' ');
    }
    case DnsType::Tlsa:
        return u"%1 %2 %3 "_s.arg(certificateUsage).arg(selector).arg(matchingType) +
               QString::fromLatin1(associationData.toHex());
    case DnsType::Soa:
        break;
    }
    // RFC 3597 section 5: the generic form.
    return u"\\# "_s + QString::number(rdata.size()) +
           (rdata.isEmpty() ? QString() : u' ' + QString::fromLatin1(rdata.toHex()));
}

DnsRecordParse parseRecordData(DnsType type, QByteArrayView rdata, QByteArrayView packet) {
    DnsRecordParse result;
    result.record.type = type;
    result.record.rdata = rdata.toByteArray();
    DnsRecord &record = result.record;

    switch (type) {
    case DnsType::A:
        if (rdata.size() != 4)
            return failure(type, u"expected 4 octets, got "_s + QString::number(rdata.size()));
        record.address = QHostAddress(quint32((quint8(rdata[0]) << 24) | (quint8(rdata[1]) << 16) |
                                              (quint8(rdata[2]) << 8) | quint8(rdata[3])));
        break;
    case DnsType::Aaaa:
        if (rdata.size() != 16)
            return failure(type, u"expected 16 octets, got "_s + QString::number(rdata.size()));
        record.address = QHostAddress(reinterpret_cast<const quint8 *>(rdata.data()));
        break;
    case DnsType::Mx:
        if (rdata.size() < 3)
            return failure(type, u"shorter than a preference and a name"_s);
        record.preference = readUint16(rdata, 0);
        if (!readTrailingName(rdata, 2, packet, &result))
            return result;
        break;
    case DnsType::Srv:
        if (rdata.size() < 7)
            return failure(type, u"shorter than priority, weight, port and a name"_s);
        record.priority = readUint16(rdata, 0);
        record.weight = readUint16(rdata, 2);
        record.port = readUint16(rdata, 4);
        if (!readTrailingName(rdata, 6, packet, &result))
            return result;
        break;
    case DnsType::Ptr:
    case DnsType::Cname:
    case DnsType::Ns:
        if (!readTrailingName(rdata, 0, packet, &result))
            return result;
        break;
    case DnsType::Txt: {
        // RFC 1035 section 3.3.14: one or more <character-string>s.
        if (rdata.isEmpty())
            return failure(type, u"no character-string"_s);
        qsizetype position = 0;
        while (position < rdata.size()) {
            const qsizetype length = quint8(rdata[position]);
            if (position + 1 + length > rdata.size())
                return failure(type, u"character-string runs past the end of the data"_s);
            record.strings << rdata.sliced(position + 1, length).toByteArray();
            position += 1 + length;
        }
        break;
    }
    case DnsType::Tlsa:
        if (rdata.size() < 3)
            return failure(type, u"shorter than usage, selector and matching type"_s);
        record.certificateUsage = quint8(rdata[0]);
        record.selector = quint8(rdata[1]);
        record.matchingType = quint8(rdata[2]);
        record.associationData = rdata.sliced(3).toByteArray();
        break;
    case DnsType::Soa:
        break;
    }
    result.ok = true;
    return result;
}

QString quotedCharacterStrings(QByteArrayView value) {
    QStringList parts;
    qsizetype position = 0;
    do {
        const QByteArrayView chunk =
            value.sliced(position, qMin(maxCharacterStringOctets, value.size() - position));
        position += chunk.size();
        QString quoted = u"\""_s;
        for (const char c : chunk) {
            const auto octet = quint8(c);
            if (c == '"' || c == '\\') {
                quoted += u'\\';
                quoted += QChar(char16_t(octet));
            } else if (octet >= 0x20 && octet < 0x7f) {
                quoted += QChar(char16_t(octet));
            } else {
                quoted += u'\\' + QString::number(octet).rightJustified(3, u'0');
            }
        }
        parts << quoted + u'"';
    } while (position < value.size());
    return parts.join(u' ');
}

} // namespace mailstead::dns
