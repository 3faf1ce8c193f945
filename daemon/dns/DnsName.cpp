// DnsName.cpp - wire-form names, reverse names, name comparison
//
// RFC 1035 sections 3.1, 4.1.4 and 5.1; RFC 3596 section 2.5; RFC 4343.
//
// SECURITY: see DnsName.h; no read leaves the buffers it was given.
#include "DnsName.h"

#include "DnsLimits.h"

using namespace Qt::StringLiterals;

namespace mailstead::dns {

namespace {

void appendLabel(QString *name, QByteArrayView label) {
    if (!name->isEmpty())
        name->append(u'.');
    for (const char c : label) {
        const auto octet = quint8(c);
        if (c == '.' || c == '\\') {
            name->append(u'\\');
            name->append(QChar(char16_t(octet)));
        } else if (octet > 0x20 && octet < 0x7f) {
            name->append(QChar(char16_t(octet)));
        } else {
            name->append(u'\\' + QString::number(octet).rightJustified(3, u'0'));
        }
    }
}

WireName failure(const QString &error) {
    WireName result;
    result.error = error;
    return result;
}

} // namespace

WireName readWireName(QByteArrayView data, qsizetype offset, QByteArrayView packet) {
    QByteArrayView buffer = data;
    qsizetype position = offset;
    qsizetype consumed = -1;  // set when the first pointer is followed
    qsizetype wireOctets = 1; // the root label's length octet
    int jumps = 0;
    QString name;

    while (true) {
        if (position < 0 || position >= buffer.size())
            return failure(u"name runs past the end of the data"_s);
        const auto length = quint8(buffer[position]);
        if (length == 0) {
            ++position;
            break;
        }
        const quint8 kind = length & 0xc0;
        if (kind == 0xc0) {
            if (position + 1 >= buffer.size())
                return failure(u"compression pointer cut short"_s);
            if (packet.isEmpty())
                return failure(u"compression pointer without the answer packet"_s);
            if (++jumps > maxCompressionPointers)
                return failure(u"compression pointer loop"_s);
            const qsizetype target = ((length & 0x3f) << 8) | quint8(buffer[position + 1]);
            if (consumed < 0) // the first pointer is still in data
                consumed = position + 2 - offset;
            buffer = packet;
            position = target;
            continue;
        }
        if (kind != 0)
            return failure(u"unsupported label type (RFC 6891 section 5)"_s);
        wireOctets += 1 + length;
        if (wireOctets > maxNameOctets)
            return failure(u"name longer than 255 octets"_s);
        if (position + 1 + length > buffer.size())
            return failure(u"label runs past the end of the data"_s);
        appendLabel(&name, buffer.sliced(position + 1, length));
        position += 1 + length;
    }

    WireName result;
    result.ok = true;
    result.name = name.isEmpty() ? u"."_s : name;
    result.consumed = consumed >= 0 ? consumed : position - offset;
    return result;
}

QString reverseLookupName(const QHostAddress &address) {
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    if (isIpv4) {
        return u"%1.%2.%3.%4.in-addr.arpa"_s.arg(ipv4 & 0xff)
            .arg((ipv4 >> 8) & 0xff)
            .arg((ipv4 >> 16) & 0xff)
            .arg(ipv4 >> 24);
    }
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return {};
    const Q_IPV6ADDR ipv6 = address.toIPv6Address();
    QString name;
    static const char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; --i) {
        name.append(QChar::fromLatin1(digits[ipv6[i] & 0x0f]));
        name.append(u'.');
        name.append(QChar::fromLatin1(digits[ipv6[i] >> 4]));
        name.append(u'.');
    }
    return name + u"ip6.arpa"_s;
}

QString canonicalHostName(const QString &name) {
    QString result = name.trimmed();
    if (result.size() > 1 && result.endsWith(u'.'))
        result.chop(1);
    // RFC 4343: only ASCII letters fold; A-labels are ASCII anyway.
    for (QChar &c : result) {
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + 32);
    }
    return result;
}

bool sameHostName(const QString &a, const QString &b) {
    return canonicalHostName(a) == canonicalHostName(b);
}

} // namespace mailstead::dns
