// Pop3Session.cpp - the I/O side of a POP3 session: reading, writing,
// the idle timer, STLS and implicit TLS, closing
//
// RFC 1939 section 3 (autologout after at least 10 minutes without a
// command, without entering the UPDATE state), RFC 2449 section 6.6
// (pipelined commands are answered in order), RFC 2595 section 4 (after
// STLS everything the client sent before the handshake is discarded),
// RFC 8314 section 3.3 (pop3s: TLS from the first byte).
//
// SECURITY: see Pop3Session.h. Bytes read while waiting for the
// authenticator or the store stay in the kernel (the socket's read buffer
// is bounded), so pipelining cannot grow our memory.
#include "Pop3Session.h"

#include "net/ConnectionTicket.h"
#include "store/MailboxReader.h"
#include "store/PosixFile.h"
#include "tls/CertificateStore.h"
#include "tls/ServerTlsStart.h"

#include <QSslCipher>
#include <QSslSocket>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::pop3 {

namespace {

QHostAddress normalizedPeer(const QHostAddress &address) {
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

// Response text is ours, but may quote a name; nothing may break the line.
QByteArray printable(const QByteArray &text) {
    QByteArray out = text;
    for (char &c : out) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f)
            c = '?';
    }
    return out;
}

} // namespace

void Pop3Session::start(const std::shared_ptr<Pop3ServerState> &state,
                        net::AcceptedConnection &connection, QObject *anchor) {
    const bool implicitTls = connection.service() == core::Service::Pop3s;
    const qintptr descriptor = connection.takeDescriptor();
    if (implicitTls && !state->services().certificates) {
        // No certificate: nothing can be said on an implicit-TLS port.
        ::close(int(descriptor));
        return;
    }
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qCDebug(lcPop3) << "cannot take connection from" << connection.peer().toString() << ":"
                        << socket->errorString();
        ::close(int(descriptor));
        delete socket;
        return;
    }
    new Pop3Session(state, socket, connection.takeTicket(), implicitTls, anchor);
}

Pop3Session::Pop3Session(const std::shared_ptr<Pop3ServerState> &state, QSslSocket *socket,
                         std::unique_ptr<net::ConnectionTicket> ticket, bool implicitTls,
                         QObject *anchor)
    : QObject(anchor)
    , m_state(state)
    , m_settings(state->settings())
    , m_socket(socket)
    , m_ticket(std::move(ticket))
    , m_parser(m_settings->limits)
    , m_implicitTls(implicitTls) {
    m_socket->setParent(this);
    m_socket->setReadBufferSize(sessionReadBufferBytes);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_peer = normalizedPeer(m_socket->peerAddress());
    ++m_state->counters.connectionsTotal;
    ++m_state->counters.connectionsActive;

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Pop3Session::onTimeout);
    connect(m_socket, &QIODevice::readyRead, this, &Pop3Session::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &Pop3Session::onBytesWritten);
    connect(m_socket, &QSslSocket::encrypted, this, &Pop3Session::onEncrypted);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &Pop3Session::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &QObject::deleteLater);

    qCDebug(lcPop3).noquote() << "connection from" << m_peer.toString()
                              << (m_implicitTls ? "(pop3s)" : "(pop3)");
    if (m_implicitTls) {
        m_mode = Mode::TlsHandshake;
        tls::startServerTls(m_socket, m_state->services().certificates);
        armTimer();
        return;
    }
    greet();
}

Pop3Session::~Pop3Session() {
    if (m_transferFd >= 0)
        store::PosixFile::closeFd(m_transferFd);
    if (m_holdsUserSlot)
        m_state->releaseUser(m_mailbox);
    --m_state->counters.connectionsActive;
    qCDebug(lcPop3).noquote() << "connection from" << m_peer.toString() << "closed";
}

void Pop3Session::greet() {
    if (m_state->draining.load()) {
        closeWith("-ERR [SYS/TEMP] " + m_settings->hostname.toUtf8() +
                  " Server shutting down, try again later");
        return;
    }
    ok(m_settings->hostname.toUtf8() + " POP3 Mailstead ready");
    flushOutput();
    armTimer();
}

void Pop3Session::beginShutdown() {
    m_shutdownRequested = true;
    closeIfStopping();
}

void Pop3Session::closeIfStopping() {
    if (!m_shutdownRequested)
        return;
    switch (m_mode) {
    case Mode::Command:
    case Mode::SaslResponse:
    case Mode::AwaitingAuth:
        closeWith("-ERR [SYS/TEMP] " + m_settings->hostname.toUtf8() +
                  " Server shutting down, try again later");
        return;
    case Mode::TlsHandshake:
        abort();
        return;
    case Mode::Transfer:
    case Mode::AwaitingUpdate:
    case Mode::Closing:
        return; // closed when the transfer or the write ends
    }
}

void Pop3Session::abort() {
    m_mode = Mode::Closing;
    m_socket->abort();
    deleteLater();
}

void Pop3Session::onReadyRead() {
    switch (m_mode) {
    case Mode::Closing:
        m_socket->skip(m_socket->bytesAvailable());
        return;
    case Mode::AwaitingAuth:
    case Mode::AwaitingUpdate:
    case Mode::TlsHandshake:
    case Mode::Transfer:
        return; // left in the socket until the answer is out
    case Mode::Command:
    case Mode::SaslResponse:
        break;
    }
    if (m_outputBlocked)
        return;
    if (m_socket->bytesAvailable() > 0) {
        if (m_consumed > 0) {
            m_input.remove(0, m_consumed);
            m_consumed = 0;
        }
        m_input += m_socket->readAll();
    }
    process();
}

void Pop3Session::onBytesWritten() {
    if (m_mode == Mode::Closing) {
        if (m_socket->bytesToWrite() == 0)
            halfClose();
        return;
    }
    if (m_mode == Mode::Transfer) {
        continueTransfer();
        return;
    }
    if (m_outputBlocked && m_socket->bytesToWrite() <= maxOutputBacklogBytes / 2) {
        m_outputBlocked = false;
        onReadyRead();
    }
}

void Pop3Session::process() {
    while (m_consumed < m_input.size() &&
           (m_mode == Mode::Command || m_mode == Mode::SaslResponse)) {
        if (m_output.size() + m_socket->bytesToWrite() > maxOutputBacklogBytes) {
            m_outputBlocked = true;
            break;
        }
        const QByteArrayView rest = QByteArrayView(m_input).sliced(m_consumed);
        const Pop3CommandParser::Expect expect = m_mode == Mode::SaslResponse
                                                     ? Pop3CommandParser::Expect::SaslResponse
                                                     : Pop3CommandParser::Expect::Command;
        const Pop3ParseResult result = m_parser.next(rest, expect);
        m_consumed += result.consumed;
        switch (result.status) {
        case Pop3ParseResult::Status::NeedMore:
            break;
        case Pop3ParseResult::Status::Command:
            execute(result.command);
            break;
        case Pop3ParseResult::Status::SaslResponse:
            onSaslResponse(result);
            break;
        case Pop3ParseResult::Status::Error:
            if (m_mode == Mode::SaslResponse) {
                // RFC 5034 section 4: a malformed response fails the exchange.
                m_mode = Mode::Command;
                loginFailed("[AUTH] " + result.error);
            } else {
                refuse(result.error);
            }
            break;
        }
    }
    if (m_consumed >= m_input.size()) {
        m_input.clear();
        m_consumed = 0;
    }
    closeIfStopping();
    flushOutput();
    armTimer();
}

void Pop3Session::flushOutput() {
    if (m_output.isEmpty() || m_socket->state() != QAbstractSocket::ConnectedState) {
        m_output.clear();
        return;
    }
    m_socket->write(m_output);
    m_output.resize(0);
    m_socket->flush();
}

void Pop3Session::armTimer() {
    switch (m_mode) {
    case Mode::AwaitingUpdate:
    case Mode::AwaitingAuth:
        m_timer.stop();
        return;
    case Mode::Closing:
        return; // closeGraceMs or shutdownCloseGraceMs, set by closeWith()
    case Mode::TlsHandshake:
        m_timer.start(std::chrono::milliseconds(m_settings->limits.tlsHandshakeTimeout));
        return;
    case Mode::Command:
    case Mode::SaslResponse:
    case Mode::Transfer:
        m_timer.start(std::chrono::milliseconds(m_settings->limits.idleTimeout));
        return;
    }
}

void Pop3Session::onTimeout() {
    if (m_mode == Mode::Closing || m_mode == Mode::TlsHandshake || m_mode == Mode::Transfer) {
        // Mid-handshake or mid-response no reply can be sent.
        abort();
        return;
    }
    qCInfo(lcPop3).noquote() << "autologout of" << m_peer.toString()
                             << (m_mailbox.isEmpty() ? QString() : m_mailbox);
    // RFC 1939 section 3: no UPDATE state, nothing is deleted.
    closeWith("-ERR [SYS/TEMP] Autologout; idle for too long");
}

void Pop3Session::onSocketError() {
    if (m_mode == Mode::TlsHandshake) {
        qCInfo(lcPop3).noquote() << "TLS handshake with" << m_peer.toString()
                                 << "failed:" << m_socket->errorString();
        abort();
        return;
    }
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        deleteLater();
}

void Pop3Session::ok(const QByteArray &text) {
    m_output += text.isEmpty() ? QByteArray("+OK\r\n") : "+OK " + printable(text) + "\r\n";
}

void Pop3Session::err(const QByteArray &text) {
    m_output += "-ERR " + printable(text) + "\r\n";
}

void Pop3Session::refuse(const QByteArray &text) {
    err(text);
    const int budget = m_settings->limits.errorBudget;
    if (budget > 0 && ++m_errors >= budget) {
        qCInfo(lcPop3).noquote() << "too many errors from" << m_peer.toString()
                                 << "- closing the connection";
        closeWith("-ERR Too many errors, closing the connection");
    }
}

void Pop3Session::closeWith(const QByteArray &line) {
    if (m_mode == Mode::Closing)
        return;
    m_output += printable(line) + "\r\n";
    flushOutput();
    m_mode = Mode::Closing;
    m_input.clear();
    m_consumed = 0;
    m_timer.start(m_shutdownRequested ? shutdownCloseGraceMs : closeGraceMs);
    if (m_tls) {
        // close_notify, then the socket closes once it is written.
        m_socket->disconnectFromHost();
        return;
    }
    if (m_socket->bytesToWrite() == 0)
        halfClose();
}

void Pop3Session::halfClose() {
    if (m_halfClosed || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_halfClosed = true;
    if (::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) != 0)
        m_socket->abort();
}

void Pop3Session::startTls() {
    // The +OK leaves in plaintext, before the handshake.
    flushOutput();
    // RFC 2595 section 4 (as RFC 3207 section 4.2 for SMTP): whatever was
    // pipelined behind STLS came in the clear and is never executed.
    const qint64 discarded = tls::discardPlaintextInput(m_socket, &m_input, &m_consumed);
    m_parser.reset();
    if (discarded > 0)
        qCInfo(lcPop3).noquote() << "discarded" << discarded << "octets" << m_peer.toString()
                                 << "sent after STLS before the handshake";
    m_mode = Mode::TlsHandshake;
    tls::startServerTls(m_socket, m_state->services().certificates);
    armTimer();
}

void Pop3Session::onEncrypted() {
    const QSslCipher cipher = m_socket->sessionCipher();
    m_tls = true;
    ++m_state->counters.tlsSessions;
    // RFC 2595 section 4: the client must discard what it knew; so do we.
    m_user.clear();
    m_mode = Mode::Command;
    qCDebug(lcPop3).noquote() << "TLS with" << m_peer.toString() << cipher.protocolString()
                              << cipher.name();
    if (m_implicitTls) {
        // pop3s: the greeting is the first thing sent inside TLS.
        m_implicitTls = false;
        greet();
        return;
    }
    armTimer();
    onReadyRead();
}

} // namespace mailstead::pop3
