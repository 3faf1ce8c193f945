// ClientHelloParser.cpp - see ClientHelloParser.h
//
// SECURITY: see ClientHelloParser.h. Every read goes through Reader, which
// refuses to step past the end of the view it was given.
#include "ClientHelloParser.h"

#include <QByteArray>

using namespace Qt::StringLiterals;

namespace mailstead::tls {
namespace {

constexpr quint8 contentTypeHandshake = 22; // RFC 8446 section 5.1
constexpr quint8 handshakeClientHello = 1;  // RFC 8446 section 4
constexpr quint16 extensionServerName = 0;  // RFC 6066 section 3
constexpr quint8 nameTypeHostName = 0;      // RFC 6066 section 3
constexpr int recordHeaderBytes = 5;        // type, legacy_record_version, length
constexpr int handshakeHeaderBytes = 4;     // msg_type, uint24 length
constexpr int randomBytes = 32;             // RFC 8446 section 4.1.2
constexpr int maxLegacySessionIdBytes = 32; // legacy_session_id<0..32>
constexpr int maxDnsLabelBytes = 63;        // RFC 1035 section 2.3.4

// A cursor over bytes that cannot be read past their end.
class Reader {
public:
    explicit Reader(QByteArrayView bytes)
        : m_bytes(bytes) {}

    qsizetype remaining() const { return m_bytes.size() - m_position; }
    bool atEnd() const { return remaining() == 0; }

    bool u8(quint32 *value) { return integer(1, value); }
    bool u16(quint32 *value) { return integer(2, value); }
    bool u24(quint32 *value) { return integer(3, value); }

    bool take(qsizetype length, QByteArrayView *out) {
        if (length < 0 || length > remaining())
            return false;
        *out = m_bytes.sliced(m_position, length);
        m_position += length;
        return true;
    }

private:
    bool integer(int width, quint32 *value) {
        if (remaining() < width)
            return false;
        quint32 result = 0;
        for (int i = 0; i < width; ++i)
            result = (result << 8) | quint8(m_bytes.at(m_position + i));
        m_position += width;
        *value = result;
        return true;
    }

    QByteArrayView m_bytes;
    qsizetype m_position = 0;
};

ClientHelloParse failure(const QString &error) {
    ClientHelloParse result;
    result.status = ClientHelloParse::Status::Error;
    result.error = error;
    return result;
}

ClientHelloParse incomplete() {
    return {};
}

// The ClientHello body, gathered from as many handshake records as it
// spans (RFC 8446 section 5.1). Status Ok leaves the body in *body.
ClientHelloParse reassemble(QByteArrayView bytes, QByteArray *body) {
    Reader records(bytes);
    QByteArray message;
    while (true) {
        if (records.remaining() < recordHeaderBytes)
            return incomplete();
        quint32 type = 0, version = 0, length = 0;
        records.u8(&type);
        records.u16(&version);
        records.u16(&length);
        if (type != contentTypeHandshake) {
            if (message.isEmpty() && (type & 0x80))
                return failure(u"an SSL 2.0 ClientHello, which no supported TLS version uses"_s);
            return failure(
                u"a TLS record of type %1 where the ClientHello was expected"_s.arg(type));
        }
        if ((version >> 8) != 3)
            return failure(
                u"a TLS record with version %1.%2"_s.arg(version >> 8).arg(version & 0xff));
        if (length == 0 || length > quint32(maxTlsRecordPayload))
            return failure(u"a handshake record of %1 octets (RFC 8446 section 5.1)"_s.arg(length));
        QByteArrayView fragment;
        if (!records.take(length, &fragment))
            return incomplete();
        message.append(fragment);

        Reader header(message);
        quint32 messageType = 0, messageLength = 0;
        if (!header.u8(&messageType) || !header.u24(&messageLength))
            continue;
        if (messageType != handshakeClientHello)
            return failure(
                u"handshake message %1 where the ClientHello was expected"_s.arg(messageType));
        if (messageLength > quint32(maxClientHelloBytes))
            return failure(
                u"a ClientHello of %1 octets (at most %2 are accepted)"_s.arg(messageLength)
                    .arg(maxClientHelloBytes));
        if (header.remaining() >= qsizetype(messageLength)) {
            *body = message.sliced(handshakeHeaderBytes, messageLength);
            ClientHelloParse done;
            done.status = ClientHelloParse::Status::Ok;
            return done;
        }
    }
}

// RFC 6066 section 3: the fully qualified DNS host name, ASCII, without a
// trailing dot: letters, digits and hyphens in labels of 1..63 octets
// (and underscores, which internal names sometimes carry).
bool validHostName(QByteArrayView name) {
    if (name.isEmpty() || name.size() > maxServerNameBytes)
        return false;
    qsizetype label = 0;
    for (const char c : name) {
        if (c == '.') {
            if (label == 0)
                return false;
            label = 0;
            continue;
        }
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                             (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!allowed || ++label > maxDnsLabelBytes)
            return false;
    }
    return label > 0; // "mail.a.test.." has an empty last label
}

// The server_name extension's body: a ServerNameList (RFC 6066 section 3).
ClientHelloParse parseServerName(QByteArrayView data) {
    Reader reader(data);
    quint32 listLength = 0;
    QByteArrayView list;
    if (!reader.u16(&listLength) || !reader.take(listLength, &list) || !reader.atEnd() ||
        listLength == 0)
        return failure(u"a malformed server_name extension"_s);
    Reader names(list);
    QByteArrayView hostName;
    bool found = false;
    while (!names.atEnd()) {
        quint32 nameType = 0, nameLength = 0;
        QByteArrayView name;
        if (!names.u8(&nameType))
            return failure(u"a malformed server_name extension"_s);
        // Other name types have no known layout: nothing after one can be
        // read (RFC 6066 section 3), so the list ends there.
        if (nameType != nameTypeHostName)
            break;
        if (!names.u16(&nameLength) || !names.take(nameLength, &name))
            return failure(u"a malformed server_name extension"_s);
        if (found)
            return failure(u"a server_name extension with two host names (RFC 6066 section 3)"_s);
        hostName = name;
        found = true;
    }
    ClientHelloParse result;
    result.status = ClientHelloParse::Status::Ok;
    if (!found)
        return result;
    if (hostName.endsWith('.'))
        hostName.chop(1);
    if (!validHostName(hostName))
        return failure(u"a server_name that is no host name"_s);
    result.serverName = QString::fromLatin1(hostName).toLower();
    return result;
}

} // namespace

ClientHelloParse parseClientHello(QByteArrayView bytes) {
    QByteArray body;
    ClientHelloParse framed = reassemble(bytes, &body);
    if (framed.status != ClientHelloParse::Status::Ok)
        return framed;

    // RFC 8446 section 4.1.2 (and RFC 5246 section 7.4.1.2, whose
    // extensions are optional).
    Reader hello(body);
    quint32 version = 0, sessionIdLength = 0, suitesLength = 0, compressionLength = 0;
    QByteArrayView skipped;
    if (!hello.u16(&version) || !hello.take(randomBytes, &skipped) || !hello.u8(&sessionIdLength) ||
        sessionIdLength > maxLegacySessionIdBytes || !hello.take(sessionIdLength, &skipped) ||
        !hello.u16(&suitesLength) || suitesLength < 2 || suitesLength % 2 != 0 ||
        !hello.take(suitesLength, &skipped) || !hello.u8(&compressionLength) ||
        compressionLength < 1 || !hello.take(compressionLength, &skipped))
        return failure(u"a malformed ClientHello"_s);

    ClientHelloParse result;
    result.status = ClientHelloParse::Status::Ok;
    if (hello.atEnd())
        return result; // no extensions, so no server name

    quint32 extensionsLength = 0;
    QByteArrayView extensionBlock;
    if (!hello.u16(&extensionsLength) || !hello.take(extensionsLength, &extensionBlock) ||
        !hello.atEnd())
        return failure(u"a malformed ClientHello extension list"_s);
    Reader extensions(extensionBlock);
    bool seenServerName = false;
    while (!extensions.atEnd()) {
        quint32 type = 0, length = 0;
        QByteArrayView data;
        if (!extensions.u16(&type) || !extensions.u16(&length) || !extensions.take(length, &data))
            return failure(u"a malformed ClientHello extension list"_s);
        if (type != extensionServerName)
            continue;
        // RFC 8446 section 4.2: one extension of a type at most.
        if (seenServerName)
            return failure(u"two server_name extensions (RFC 8446 section 4.2)"_s);
        seenServerName = true;
        result = parseServerName(data);
        if (result.status != ClientHelloParse::Status::Ok)
            return result;
    }
    return result;
}

} // namespace mailstead::tls
