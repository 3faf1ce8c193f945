// SmtpSession.cpp - the I/O side of an SMTP session: reading, the mode
// switch between command lines and content, writing, timers, STARTTLS
//
// RFC 5321 sections 3.8 and 4.5.3.2 (421 on timeouts and shutdown),
// RFC 2920 (replies to a pipelined group leave in one write), RFC 3207
// section 4.2 (STARTTLS: everything after the command is discarded, the
// session starts over; CVE-2011-0411).
//
// SECURITY: see SmtpSession.h. Bytes read while waiting for the store stay
// in the kernel (the socket stops reading at sessionReadBufferBytes), so a
// peer that pipelines during a delivery cannot grow our memory.
#include "SmtpSession.h"

#include "core/Log.h"
#include "net/ConnectionTicket.h"
#include "tls/CertificateStore.h"
#include "tls/ServerTlsStart.h"

#include <QHostInfo>
#include <QSslCipher>
#include <QSslSocket>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

QHostAddress normalizedPeer(const QHostAddress &address) {
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

void SmtpSession::start(const std::shared_ptr<SmtpServerState> &state,
                        net::AcceptedConnection &connection, QObject *anchor) {
    const core::Service service = connection.service();
    const bool implicitTls = service == core::Service::Submissions;
    const bool submission = implicitTls || service == core::Service::Submission;
    const qintptr descriptor = connection.takeDescriptor();
    if (implicitTls && !state->services().certificates) {
        // RFC 8314 section 3: nothing can be said before TLS, and there is
        // no certificate to start it with.
        ::close(int(descriptor));
        return;
    }
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qCDebug(core::lcSmtp) << "cannot take connection from" << connection.peer().toString()
                              << ":" << socket->errorString();
        ::close(int(descriptor));
        delete socket;
        return;
    }
    new SmtpSession(state, socket, connection.takeTicket(), submission, implicitTls, anchor);
}

SmtpSession::SmtpSession(const std::shared_ptr<SmtpServerState> &state, QSslSocket *socket,
                         std::unique_ptr<net::ConnectionTicket> ticket, bool submission,
                         bool implicitTls, QObject *anchor)
    : QObject(anchor)
    , m_state(state)
    , m_settings(state->settings())
    , m_socket(socket)
    , m_ticket(std::move(ticket))
    , m_lines(m_settings->limits.maxExtendedCommandLine)
    , m_data(m_settings->limits, [this](QByteArrayView content) { takeContent(content); })
    , m_bdat(m_settings->limits, [this](QByteArrayView content) { takeContent(content); })
    , m_submission(submission)
    , m_implicitTls(implicitTls) {
    m_socket->setParent(this);
    m_socket->setReadBufferSize(sessionReadBufferBytes);
    // Replies are written in whole groups; Nagle would only delay them.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_peer = normalizedPeer(m_socket->peerAddress());
    ++m_state->counters.connectionsTotal;
    ++m_state->counters.connectionsActive;
    if (m_submission)
        ++m_state->counters.submissionSessions;

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SmtpSession::onTimeout);
    connect(m_socket, &QIODevice::readyRead, this, &SmtpSession::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, [this] {
        if (m_mode == Mode::Closing) {
            if (m_socket->bytesToWrite() == 0)
                halfClose();
            return;
        }
        if (m_outputBlocked && m_socket->bytesToWrite() <= maxOutputBacklogBytes / 2) {
            m_outputBlocked = false;
            onReadyRead();
        }
    });
    connect(m_socket, &QSslSocket::encrypted, this, &SmtpSession::onEncrypted);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &SmtpSession::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &QObject::deleteLater);

    // RFC 5321 section 4.4 wants the peer's name in Received; resolved
    // asynchronously (DESIGN.md: no blocking call on an I/O thread) and used
    // if it is known by the time the message arrives.
    m_lookupId = QHostInfo::lookupHost(m_peer.toString(), this, &SmtpSession::onReverseLookup);

    qCDebug(core::lcSmtp).noquote() << "connection from" << m_peer.toString()
                                    << (m_implicitTls  ? "(submissions)"
                                        : m_submission ? "(submission)"
                                                       : "(smtp)");
    if (m_implicitTls) {
        // RFC 8314 section 3.3: the TLS handshake comes first; the greeting
        // is the first thing said inside it (onEncrypted).
        m_mode = Mode::TlsHandshake;
        tls::startServerTls(m_socket, m_state->services().certificates);
        armTimer();
        return;
    }
    greet();
}

void SmtpSession::takeContent(QByteArrayView content) {
    m_spool.append(content);
    if (!m_submission)
        return;
    m_contentBytes += content.size();
    const qsizetype room = maxSubmissionHeaderBytes - m_headerCapture.size();
    if (room > 0)
        m_headerCapture.append(content.first(qMin(room, content.size())));
}

SmtpSession::~SmtpSession() {
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    --m_state->counters.connectionsActive;
    qCDebug(core::lcSmtp).noquote() << "connection from" << m_peer.toString() << "closed";
}

void SmtpSession::greet() {
    if (m_state->draining.load()) {
        closeWith(makeReply(421, "4.3.2",
                            m_settings->hostname.toUtf8() + " Service shutting down, try later"));
        return;
    }
    // RFC 5321 section 4.2: the greeting carries no enhanced status code.
    m_output +=
        makeReply(220, {}, m_settings->hostname.toUtf8() + " ESMTP Mailstead").toWire(false);
    flushOutput();
    armTimer();
}

void SmtpSession::beginShutdown() {
    m_shutdownRequested = true;
    if (m_mode == Mode::Command && !m_transaction.active)
        closeWith(makeReply(421, "4.3.2",
                            m_settings->hostname.toUtf8() + " Service shutting down, try later"));
}

void SmtpSession::abort() {
    m_mode = Mode::Closing;
    m_socket->abort();
    deleteLater();
}

void SmtpSession::onReverseLookup(const QHostInfo &info) {
    m_lookupId = -1;
    const QString name = info.hostName();
    if (info.error() != QHostInfo::NoError || name.isEmpty() || name == m_peer.toString())
        return;
    // Forward-confirmed only (as Postfix): a PTR record alone is the
    // peer's own claim.
    m_reverseName = name;
    m_lookupId = QHostInfo::lookupHost(name, this, &SmtpSession::onForwardLookup);
}

void SmtpSession::onForwardLookup(const QHostInfo &info) {
    m_lookupId = -1;
    const QList<QHostAddress> addresses = info.addresses();
    for (const QHostAddress &address : addresses) {
        if (normalizedPeer(address).isEqual(m_peer)) {
            m_peerName = m_reverseName;
            return;
        }
    }
}

void SmtpSession::onReadyRead() {
    switch (m_mode) {
    case Mode::Closing:
        m_socket->skip(m_socket->bytesAvailable());
        return;
    case Mode::AwaitingDelivery:
    case Mode::AwaitingAuth:
    case Mode::TlsHandshake:
        return; // left in the socket until the reply is out
    case Mode::AuthResponse:
    case Mode::Command:
    case Mode::Data:
    case Mode::Bdat:
    case Mode::BdatDiscard:
        break;
    }
    if (m_outputBlocked)
        return;
    readSocket();
    process();
}

void SmtpSession::readSocket() {
    if (m_socket->bytesAvailable() <= 0)
        return;
    if (m_consumed >= m_input.size()) {
        // The usual case: everything before was used, take the new bytes
        // as they are.
        m_input = m_socket->readAll();
        m_consumed = 0;
        return;
    }
    if (m_consumed > 0) {
        m_input.remove(0, m_consumed);
        m_consumed = 0;
    }
    m_input += m_socket->readAll();
}

void SmtpSession::process() {
    while (m_consumed < m_input.size()) {
        const QByteArrayView rest = QByteArrayView(m_input).sliced(m_consumed);
        switch (m_mode) {
        case Mode::Command:
            processCommandInput(rest);
            break;
        case Mode::AuthResponse:
            processAuthInput(rest);
            break;
        case Mode::Data: {
            const SmtpDataDecoder::FeedResult result = m_data.feed(rest);
            m_consumed += result.consumed;
            if (result.finished)
                endOfData();
            break;
        }
        case Mode::Bdat: {
            const SmtpBdatDecoder::FeedResult result = m_bdat.feed(rest);
            m_consumed += result.consumed;
            if (result.chunkFinished)
                endOfChunk();
            break;
        }
        case Mode::BdatDiscard: {
            const qint64 take = qMin<qint64>(m_discardRemaining, rest.size());
            m_consumed += qsizetype(take);
            m_discardRemaining -= take;
            if (m_discardRemaining == 0)
                m_mode = Mode::Command;
            break;
        }
        case Mode::AwaitingDelivery:
        case Mode::AwaitingAuth:
        case Mode::TlsHandshake:
        case Mode::Closing:
            break;
        }
        if (m_mode == Mode::AwaitingDelivery || m_mode == Mode::AwaitingAuth ||
            m_mode == Mode::TlsHandshake || m_mode == Mode::Closing)
            break;
        if (m_output.size() + m_socket->bytesToWrite() > maxOutputBacklogBytes) {
            m_outputBlocked = true;
            break;
        }
    }
    if (m_consumed >= m_input.size()) {
        m_input.clear();
        m_consumed = 0;
    }
    if (m_shutdownRequested && m_mode == Mode::Command && !m_transaction.active)
        closeWith(makeReply(421, "4.3.2",
                            m_settings->hostname.toUtf8() + " Service shutting down, try later"));
    flushOutput();
    armTimer();
}

void SmtpSession::processCommandInput(QByteArrayView input) {
    const SmtpLineSplitter::Result result = m_lines.next(input);
    m_consumed += result.consumed;
    switch (result.status) {
    case SmtpLineSplitter::Status::NeedMore:
        return;
    case SmtpLineSplitter::Status::Line:
        executeLine(result.line);
        return;
    case SmtpLineSplitter::Status::LineTooLong:
        refuse(makeReply(500, "5.5.2", "Line too long"));
        return;
    case SmtpLineSplitter::Status::BareLineFeed:
        // RFC 5321 section 2.3.8: not a line ending, so not a command.
        refuse(makeReply(500, "5.5.2", "Bare LF received; commands must end with CRLF"));
        return;
    }
}

void SmtpSession::flushOutput() {
    if (m_output.isEmpty() || m_socket->state() != QAbstractSocket::ConnectedState) {
        m_output.clear();
        return;
    }
    m_socket->write(m_output);
    m_output.resize(0);
    // Now rather than on the next turn of the event loop.
    m_socket->flush();
}

void SmtpSession::armTimer() {
    using std::chrono::milliseconds;
    switch (m_mode) {
    case Mode::AwaitingDelivery:
    case Mode::AwaitingAuth:
        m_timer.stop();
        return;
    case Mode::Closing:
        return; // closeGraceMs or shutdownCloseGraceMs, set by closeWith()
    case Mode::Data:
    case Mode::Bdat:
    case Mode::BdatDiscard:
        m_timer.start(milliseconds(m_settings->limits.dataTimeout));
        return;
    case Mode::Command:
    case Mode::AuthResponse:
    case Mode::TlsHandshake:
        m_timer.start(milliseconds(m_settings->limits.commandTimeout));
        return;
    }
}

void SmtpSession::onTimeout() {
    if (m_mode == Mode::Closing || m_mode == Mode::TlsHandshake) {
        // No plaintext reply can be sent in the middle of a handshake.
        abort();
        return;
    }
    qCInfo(core::lcSmtp).noquote() << "timeout, closing connection from" << m_peer.toString();
    closeWith(makeReply(421, "4.4.2", m_settings->hostname.toUtf8() + " Error: timeout exceeded"));
}

void SmtpSession::onSocketError() {
    if (m_mode == Mode::TlsHandshake) {
        qCInfo(core::lcSmtp).noquote()
            << "TLS handshake with" << m_peer.toString() << "failed:" << m_socket->errorString();
        abort();
        return;
    }
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        deleteLater();
}

void SmtpSession::reply(const SmtpReply &reply) {
    m_output += reply.toWire(true);
}

void SmtpSession::refuse(const SmtpReply &reply) {
    m_output += reply.toWire(true);
    const int budget = m_settings->limits.errorBudget;
    if (budget > 0 && ++m_errors >= budget) {
        qCInfo(core::lcSmtp).noquote()
            << "too many errors from" << m_peer.toString() << "- closing the connection";
        closeWith(makeReply(
            421, "4.7.0", m_settings->hostname.toUtf8() + " Too many errors, closing connection"));
    }
}

void SmtpSession::closeWith(const SmtpReply &reply) {
    if (m_mode == Mode::Closing)
        return;
    m_output += reply.toWire(true);
    flushOutput();
    m_mode = Mode::Closing;
    m_spool.discard();
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

void SmtpSession::halfClose() {
    if (m_halfClosed || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_halfClosed = true;
    // FIN after the last reply; input is read and dropped (onReadyRead)
    // until the peer closes, or closeGraceMs.
    if (::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) != 0)
        m_socket->abort();
}

void SmtpSession::startTls() {
    // The 220 leaves in plaintext, before the handshake.
    flushOutput();
    // RFC 3207 section 4.2 / CVE-2011-0411: whatever the client pipelined
    // behind STARTTLS was sent in the clear and must never be executed.
    const qint64 discarded = tls::discardPlaintextInput(m_socket, &m_input, &m_consumed);
    m_lines.reset();
    if (discarded > 0)
        qCInfo(core::lcSmtp).noquote()
            << "discarded" << discarded << "octets" << m_peer.toString()
            << "sent after STARTTLS before the handshake (RFC 3207 section 4.2)";
    m_mode = Mode::TlsHandshake;
    tls::startServerTls(m_socket, m_state->services().certificates);
    armTimer();
}

void SmtpSession::onEncrypted() {
    const QSslCipher cipher = m_socket->sessionCipher();
    m_tls = true;
    m_tlsCipher = cipher.name();
    m_tlsProtocol = cipher.protocolString();
    ++m_state->counters.tlsSessions;
    // RFC 3207 section 4.2: discard all knowledge obtained from the client;
    // it greets again with EHLO.
    m_greeted = false;
    m_esmtp = false;
    m_heloName.clear();
    resetTransaction();
    m_auth.reset();
    m_authenticated = false;
    m_mode = Mode::Command;
    qCDebug(core::lcSmtp).noquote()
        << "TLS with" << m_peer.toString() << m_tlsProtocol << m_tlsCipher;
    if (m_implicitTls) {
        m_implicitTls = false;
        greet();
        return;
    }
    armTimer();
    onReadyRead();
}

} // namespace mailstead::smtp
