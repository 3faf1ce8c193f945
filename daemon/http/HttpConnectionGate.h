// HttpConnectionGate.h - the socket layer in front of QHttpServer: TLS,
// limits and the slow-client timeout for one connection
//
// For every connection: make the socket from the descriptor ListenerSet
// accepted (in the HTTP thread), run the TLS handshake on https, then watch
// the first request arrive without consuming it (QIODevice::peek) and
// check it with frameRequest(). Once it is complete and within the limits
// (HttpLimits.h) the socket goes to QHttpServer (HttpHandoffServer), which
// parses the same bytes. A request over a limit gets its status (400, 411,
// 413, 414, 431, 505) here, a client that has not sent a whole request
// within request_timeout (TLS handshake included) gets 408, and either way
// the connection is closed without QHttpServer seeing it. Every
// connection serves exactly one request: the reply says
// "Connection: close" (RFC 9112 section 9.6), so a second request never
// bypasses these checks. After the hand-over the client has
// replyDeliveryTimeout to read the reply. The gate is a child of the
// socket and holds the connection's ticket, so the connection counts
// against the [http] limits until the socket is destroyed.
//
// RFC 9110 sections 10.1.1 (100-continue) and 15.5.9 (408); RFC 9112
// section 9.6 (close); RFC 8446 via QSslSocket.
//
// SECURITY: talks to unauthenticated clients. Buffers at most the header
// and body limits (the socket's read buffer is capped), answers refusals
// with fixed text, and after a refusal reads and drops input for at most
// refusalLingerTimeout so that the status reaches the client.
#pragma once

#include "HttpLimits.h"

#include <chrono>
#include <memory>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>

class QSslSocket;

namespace mailstead::net {
class AcceptedConnection;
class ConnectionTicket;
} // namespace mailstead::net

namespace mailstead::tls {
class CertificateStore;
}

namespace mailstead::http {

class HttpHandoffServer;

class HttpConnectionGate : public QObject {
    Q_OBJECT
public:
    // Called in handoff's thread. Takes the descriptor and the ticket of
    // connection; with certificates, TLS starts first, with the certificate
    // the client's server name asks for (tls/ServerTlsStart.h).
    static void open(net::AcceptedConnection &connection, const tls::CertificateStore *certificates,
                     std::chrono::milliseconds requestTimeout, HttpHandoffServer *handoff);

    ~HttpConnectionGate() override;

private:
    enum class Phase { Handshake, Reading, Refusing, HandedOver };

    HttpConnectionGate(QSslSocket *socket, std::unique_ptr<net::ConnectionTicket> ticket,
                       HttpHandoffServer *handoff);
    void beginReading();
    void onReadyRead();
    void onBytesWritten();
    void onTimeout();
    void handOver();
    void refuse(int status, const QString &why);

    QSslSocket *m_socket;
    std::unique_ptr<net::ConnectionTicket> m_ticket;
    QPointer<HttpHandoffServer> m_handoff;
    QHostAddress m_peer;
    QTimer m_timer;
    Phase m_phase = Phase::Reading;
    bool m_continueSent = false;
    bool m_halfClosed = false;
    RequestLimits m_limits;
};

} // namespace mailstead::http
