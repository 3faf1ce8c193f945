// HttpConnectionGate.cpp - see HttpConnectionGate.h
//
// RFC 9110 sections 10.1.1, 15.5 and 15.5.9; RFC 9112 sections 9.6 and
// 9.6's advice on closing (half-close, then read what is still coming, so
// that a reset does not destroy the reply before the client reads it).
//
// SECURITY: unauthenticated input, bounded in size (read buffer) and time
// (one timer per phase); nothing read is echoed back.
#include "HttpConnectionGate.h"

#include "HttpHandoffServer.h"
#include "HttpRequestFramer.h"
#include "HttpServerState.h"
#include "net/ConnectionTicket.h"
#include "tls/ServerTlsStart.h"

#include <QSslSocket>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::http {

namespace {

// Room for the largest acceptable request; a client that sends more than
// that before its request is complete has already broken a limit.
constexpr qint64 readBufferBytes = maxRequestHeaderBytes + maxRequestBodyBytes + 1024;

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 431:
        return "Request Header Fields Too Large";
    case 505:
        return "HTTP Version Not Supported";
    }
    return "Error";
}

} // namespace

void HttpConnectionGate::open(net::AcceptedConnection &connection,
                              const tls::CertificateStore *certificates,
                              std::chrono::milliseconds requestTimeout,
                              HttpHandoffServer *handoff) {
    const qintptr descriptor = connection.takeDescriptor();
    auto *socket = new QSslSocket(handoff);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCDebug(lcHttp) << "cannot take connection from" << connection.peer().toString() << ":"
                        << socket->errorString();
        ::close(int(descriptor));
        delete socket;
        return;
    }
    socket->setReadBufferSize(readBufferBytes);
    auto *gate = new HttpConnectionGate(socket, connection.takeTicket(), handoff);
    gate->m_timer.start(requestTimeout);
    if (!certificates) {
        gate->beginReading();
        return;
    }
    gate->m_phase = Phase::Handshake;
    connect(socket, &QSslSocket::encrypted, gate, &HttpConnectionGate::beginReading);
    // Handshake failures arrive as errorOccurred (and sslErrors, which a
    // server that verifies no peer never sees): the socket then closes.
    tls::startServerTls(socket, certificates);
}

HttpConnectionGate::HttpConnectionGate(QSslSocket *socket,
                                       std::unique_ptr<net::ConnectionTicket> ticket,
                                       HttpHandoffServer *handoff)
    : QObject(socket)
    , m_socket(socket)
    , m_ticket(std::move(ticket))
    , m_handoff(handoff)
    , m_peer(socket->peerAddress()) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnectionGate::onTimeout);
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_phase != Phase::HandedOver)
            m_socket->abort();
    });
    connect(socket, &QIODevice::bytesWritten, this, &HttpConnectionGate::onBytesWritten);
    connect(socket, &QSslSocket::encryptedBytesWritten, this, &HttpConnectionGate::onBytesWritten);
}

HttpConnectionGate::~HttpConnectionGate() = default;

void HttpConnectionGate::beginReading() {
    m_phase = Phase::Reading;
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnectionGate::onReadyRead);
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
}

void HttpConnectionGate::onReadyRead() {
    if (m_phase == Phase::Refusing) {
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    if (m_phase != Phase::Reading)
        return;
    // peek: QHttpServer reads these very bytes after the hand-over.
    const QByteArray received = m_socket->peek(m_socket->bytesAvailable());
    const RequestFrame frame = frameRequest(received, m_limits);
    if (frame.isError()) {
        refuse(frame.errorStatus, frame.error);
        return;
    }
    if (frame.isComplete()) {
        handOver();
        return;
    }
    if (frame.expectContinue && !m_continueSent) {
        // The header passed; the client may send the body (RFC 9110
        // section 10.1.1). QHttpServer sends a second 100 later, which
        // clients must accept (section 15.2).
        m_continueSent = true;
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    if (m_socket->bytesAvailable() >= readBufferBytes)
        refuse(413, u"request larger than the read buffer"_s);
}

void HttpConnectionGate::handOver() {
    if (!m_handoff) {
        m_socket->abort();
        return;
    }
    m_phase = Phase::HandedOver;
    disconnect(m_socket, &QIODevice::readyRead, this, &HttpConnectionGate::onReadyRead);
    m_timer.start(replyDeliveryTimeout);
    m_handoff->handOver(m_socket);
    // QHttpServer has connected to readyRead by now; the request is
    // already buffered, so tell it once the current call has unwound.
    QMetaObject::invokeMethod(m_socket, &QIODevice::readyRead, Qt::QueuedConnection);
}

void HttpConnectionGate::refuse(int status, const QString &why) {
    qCDebug(lcHttp).noquote() << "refusing request from" << m_peer.toString() << "with" << status
                              << ":" << why;
    m_phase = Phase::Refusing;
    const QByteArray body = why.toUtf8() + '\n';
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                    "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    m_socket->skip(m_socket->bytesAvailable());
    m_timer.start(refusalLingerTimeout);
    onBytesWritten();
}

void HttpConnectionGate::onBytesWritten() {
    if (m_phase != Phase::Refusing || m_halfClosed)
        return;
    if (m_socket->bytesToWrite() > 0 || m_socket->encryptedBytesToWrite() > 0)
        return;
    // FIN after the refusal; what the client still sends is dropped
    // (onReadyRead) until it closes or the linger timer fires.
    m_halfClosed = true;
    if (::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) != 0)
        m_socket->abort();
}

void HttpConnectionGate::onTimeout() {
    switch (m_phase) {
    case Phase::Handshake:
        qCDebug(lcHttp).noquote() << "TLS handshake with" << m_peer.toString() << "timed out";
        m_socket->abort();
        return;
    case Phase::Reading:
        refuse(408, u"no complete request in time"_s);
        return;
    case Phase::Refusing:
    case Phase::HandedOver:
        // The client did not read the reply, or does not close.
        m_socket->abort();
        return;
    }
}

} // namespace mailstead::http
