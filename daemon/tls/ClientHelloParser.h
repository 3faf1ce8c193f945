// ClientHelloParser.h - the server name a TLS client asks for, read from
// its first flight before the handshake starts
//
// Qt 6.4 offers no server-side SNI callback, so the listeners peek at the
// ClientHello (ServerTlsStart.h) and pick the certificate before OpenSSL
// sees it. This parser reassembles the handshake message from TLS records
// (RFC 8446 section 5.1: a message may span records of type handshake, no
// other type may come between) and walks the ClientHello (RFC 8446 section
// 4.1.2, RFC 5246 section 7.4.1.2) to the server_name extension (RFC 6066
// section 3). A pure function of bytes: Incomplete asks for more, Error
// says why the bytes are no ClientHello (the handshake then fails in
// OpenSSL with a proper alert).
//
// SECURITY: the input is the first bytes of an unauthenticated peer. Every
// length is checked against what is there and against the named limits
// below; nothing is allocated beyond the returned name.
#pragma once

#include <QByteArrayView>
#include <QString>

namespace mailstead::tls {

// RFC 8446 section 5.1: a record's fragment is at most 2^14 octets.
inline constexpr int maxTlsRecordPayload = 16 * 1024;
// A ClientHello larger than this is refused. Real ones are under 2 KiB
// (a post-quantum key share included); two full records leave room.
inline constexpr int maxClientHelloBytes = 2 * maxTlsRecordPayload;
// RFC 6066 section 3 / RFC 1035 section 2.3.4: a host name's length.
inline constexpr int maxServerNameBytes = 253;

struct ClientHelloParse {
    enum class Status { Ok, Incomplete, Error };
    Status status = Status::Incomplete;
    // The host_name of the server_name extension, lower case, without a
    // trailing dot; empty when the client sent none.
    QString serverName;
    QString error; // for the log: why these bytes are no ClientHello
};

// bytes: what the peer sent so far, from its first byte on.
ClientHelloParse parseClientHello(QByteArrayView bytes);

} // namespace mailstead::tls
