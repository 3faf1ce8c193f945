// ServerTlsStart.h - the server side of a TLS handshake with the
// certificate the client's server_name asks for
//
// Qt 6.4 has no server-side SNI callback, and a QSslSocket takes its
// certificate before the handshake starts. So every TLS listener (implicit
// TLS, and STARTTLS after its go-ahead reply) starts TLS through
// startServerTls(): while the socket is still in UnencryptedMode, its
// peek() shows the bytes the client sent without consuming them; once the
// whole ClientHello is there (ClientHelloParser.h), the certificate for its
// server_name (RFC 6066 section 3) is set and the handshake starts, and
// OpenSSL reads the same bytes again. A connection that sends no complete
// ClientHello within clientHelloTimeout, or more than maxClientHelloBytes
// without one, is closed. Bytes that are no ClientHello go to OpenSSL with
// the main certificate, which answers them with a TLS alert.
//
// The session must not read the socket meanwhile: each session is in its
// TLS handshake mode, in which readyRead leaves the bytes where they are.
// Before STARTTLS (and POP3's STLS) hands over to startServerTls(), the
// session drops whatever the client pipelined behind the command with
// discardPlaintextInput(): it came in the clear and is never executed
// (RFC 3207 section 4.2, RFC 2595 section 4, RFC 9051 section 6.2.1;
// CVE-2011-0411).
//
// SECURITY: the bytes come from an unauthenticated peer and are only
// peeked at and parsed by the bounds-checked parseClientHello().
#pragma once

#include <chrono>
#include <QByteArray>

class QSslSocket;

namespace mailstead::tls {

class CertificateStore;

// How long a client may take to send its ClientHello once TLS is due.
inline constexpr std::chrono::milliseconds clientHelloTimeout{10000};

// Starts the server side of TLS on socket with the certificate of
// certificates that matches the client's server name. The socket must be
// connected and in UnencryptedMode; certificates must outlive it.
void startServerTls(QSslSocket *socket, const CertificateStore *certificates);

// Empties the session's input buffer (what is left of *input from
// *consumed on) and the socket's unread bytes; returns how many octets that
// was, for the log.
qint64 discardPlaintextInput(QSslSocket *socket, QByteArray *input, qsizetype *consumed);

} // namespace mailstead::tls
