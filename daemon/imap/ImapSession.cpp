// ImapSession.cpp - the I/O side of an IMAP session: reading and framing,
// the command table and state checks, writing, timers, TLS, closing
//
// RFC 9051 section 3 (states), section 5.4 (autologout), section 5.5 (one
// command at a time, in order), section 6.2.1 (STARTTLS: input pipelined
// behind it is discarded, the reader starts over), section 7.1.5 (BYE),
// RFC 8314 section 3.3 (implicit TLS: the handshake comes first, then the
// greeting).
//
// SECURITY: see ImapSession.h. While a command waits for the store or the
// authenticator, input stays in the kernel (the socket read buffer is
// bounded), so a pipelining peer cannot grow our memory.
#include "ImapSession.h"

#include "ImapCommandParser.h"
#include "ImapLog.h"
#include "net/ConnectionTicket.h"
#include "store/MailboxReader.h"
#include "store/MessageStore.h"
#include "tls/CertificateStore.h"
#include "tls/ServerTlsStart.h"

#include <QPointer>
#include <QSslCipher>
#include <QSslSocket>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

using Name = ImapCommandName;

enum StateMask : quint8 {
    NotAuthenticated = 0x1,
    Authenticated = 0x2,
    Selected = 0x4,
    LoggedIn = Authenticated | Selected,
    AnyState = NotAuthenticated | Authenticated | Selected,
};

struct CommandEntry {
    Name name;
    void (ImapSession::*handler)(const ImapCommand &);
    quint8 states;
};

QHostAddress normalizedPeer(const QHostAddress &address) {
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

// The command table (Dovecot's imap-commands.c in spirit): which handler,
// in which states (RFC 9051 section 6: 6.1 any state, 6.2 not
// authenticated, 6.3 authenticated, 6.4 selected).
struct ImapSessionCommands {
    static const CommandEntry *find(Name name) {
        static const CommandEntry table[] = {
            {Name::Capability, &ImapSession::onCapability, AnyState},
            {Name::Noop, &ImapSession::onNoop, AnyState},
            {Name::Logout, &ImapSession::onLogout, AnyState},
            {Name::Id, &ImapSession::onId, AnyState},
            {Name::StartTls, &ImapSession::onStartTls, NotAuthenticated},
            {Name::Authenticate, &ImapSession::onAuthenticate, NotAuthenticated},
            {Name::Login, &ImapSession::onLogin, NotAuthenticated},
            {Name::Enable, &ImapSession::onEnable, Authenticated},
            {Name::Namespace, &ImapSession::onNamespace, LoggedIn},
            {Name::Select, &ImapSession::onSelect, LoggedIn},
            {Name::Examine, &ImapSession::onSelect, LoggedIn},
            {Name::Create, &ImapSession::onCreate, LoggedIn},
            {Name::Delete, &ImapSession::onDelete, LoggedIn},
            {Name::Rename, &ImapSession::onRename, LoggedIn},
            {Name::Subscribe, &ImapSession::onSubscribe, LoggedIn},
            {Name::Unsubscribe, &ImapSession::onSubscribe, LoggedIn},
            {Name::List, &ImapSession::onList, LoggedIn},
            {Name::Lsub, &ImapSession::onList, LoggedIn},
            {Name::Status, &ImapSession::onStatus, LoggedIn},
            {Name::Append, &ImapSession::onAppend, LoggedIn},
            {Name::Idle, &ImapSession::onIdle, LoggedIn},
            {Name::GetQuota, &ImapSession::onGetQuota, LoggedIn},
            {Name::GetQuotaRoot, &ImapSession::onGetQuotaRoot, LoggedIn},
            {Name::Check, &ImapSession::onNoop, Selected},
            {Name::Close, &ImapSession::onClose, Selected},
            {Name::Unselect, &ImapSession::onUnselect, Selected},
            {Name::Expunge, &ImapSession::onExpunge, Selected},
            {Name::Search, &ImapSession::onSearch, Selected},
            {Name::Fetch, &ImapSession::onFetch, Selected},
            {Name::Store, &ImapSession::onStore, Selected},
            {Name::Copy, &ImapSession::onCopy, Selected},
            {Name::Move, &ImapSession::onCopy, Selected},
        };
        for (const CommandEntry &entry : table) {
            if (entry.name == name)
                return &entry;
        }
        return nullptr;
    }
};

void ImapSession::start(const std::shared_ptr<ImapServerState> &state,
                        net::AcceptedConnection &connection, QObject *anchor) {
    const qintptr descriptor = connection.takeDescriptor();
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qCDebug(lcImap) << "cannot take connection from" << connection.peer().toString() << ":"
                        << socket->errorString();
        ::close(int(descriptor));
        delete socket;
        return;
    }
    new ImapSession(state, socket, connection.takeTicket(),
                    connection.service() == core::Service::Imaps, anchor);
}

ImapSession::ImapSession(const std::shared_ptr<ImapServerState> &state, QSslSocket *socket,
                         std::unique_ptr<net::ConnectionTicket> ticket, bool implicitTls,
                         QObject *anchor)
    : QObject(anchor)
    , m_state(state)
    , m_settings(state->settings())
    , m_socket(socket)
    , m_ticket(std::move(ticket))
    , m_implicitTls(implicitTls)
    , m_reader(m_settings->limits, ImapCommandReader::LiteralMode::Plus) {
    m_reader.setMessageMode(ImapCommandReader::MessageMode::Stream);
    m_socket->setParent(this);
    m_socket->setReadBufferSize(sessionReadBufferBytes);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_peer = normalizedPeer(m_socket->peerAddress());
    ++m_state->counters.connectionsTotal;
    ++m_state->counters.connectionsActive;

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ImapSession::onTimeout);
    connect(m_socket, &QIODevice::readyRead, this, &ImapSession::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &ImapSession::onBytesWritten);
    connect(m_socket, &QSslSocket::encrypted, this, &ImapSession::onEncrypted);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &ImapSession::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
    qCDebug(lcImap).noquote() << "connection from" << m_peer.toString()
                              << (implicitTls ? "(imaps)" : "(imap)");

    if (!m_implicitTls) {
        greet();
        return;
    }
    tls::CertificateStore *certificates = m_state->services().certificates;
    if (!certificates) {
        // RFC 8314: nothing can be said without a certificate.
        abort();
        return;
    }
    m_mode = Mode::TlsHandshake;
    tls::startServerTls(m_socket, certificates);
    armTimer();
}

ImapSession::~ImapSession() {
    --m_state->counters.connectionsActive;
    if (m_mode == Mode::Idle)
        --m_state->counters.idleSessions;
    if (m_userCounted)
        m_state->releaseUser(userAddress());
    discardAppend();
    qCDebug(lcImap).noquote() << "connection from" << m_peer.toString() << "closed";
}

void ImapSession::greet() {
    if (m_state->draining.load()) {
        closeWith(ImapStatusResponse::bye("Server shutting down", responsecode::unavailable()));
        return;
    }
    write(ImapStatusResponse::ok(m_settings->hostname.toUtf8() + " Mailstead IMAP ready",
                                 responsecode::capability(capabilities()))
              .toWire());
    flushOutput();
    armTimer();
}

void ImapSession::beginShutdown() {
    m_shutdownRequested = true;
    switch (m_mode) {
    case Mode::Waiting:
        return; // resume() says BYE once the store has answered
    case Mode::TlsHandshake:
        abort();
        return;
    case Mode::Closing:
        return;
    case Mode::Command:
    case Mode::SaslResponse:
    case Mode::Idle:
    case Mode::Streaming:
        closeWith(ImapStatusResponse::bye("shutting down", responsecode::unavailable()));
        return;
    }
}

void ImapSession::abort() {
    m_mode = Mode::Closing;
    m_socket->abort();
    deleteLater();
}

QString ImapSession::userAddress() const {
    return m_user.address();
}

bool ImapSession::isLoopback() const {
    return m_peer.isLoopback() && normalizedPeer(m_socket->localAddress()).isLoopback();
}

ImapParserOptions ImapSession::parserOptions() const {
    ImapParserOptions options;
    options.limits = m_settings->limits;
    options.imap4rev2 = m_imap4rev2;
    options.utf8Accept = m_utf8Accept;
    options.qresync = m_qresync;
    return options;
}

void ImapSession::onReadyRead() {
    switch (m_mode) {
    case Mode::Closing:
        m_socket->skip(m_socket->bytesAvailable());
        return;
    case Mode::Waiting:
    case Mode::Streaming:
    case Mode::TlsHandshake:
        return; // left in the socket until the running command is done
    case Mode::Command:
    case Mode::SaslResponse:
    case Mode::Idle:
        break;
    }
    if (m_socket->bytesToWrite() > maxOutputBacklogBytes)
        return; // onBytesWritten() comes back
    readSocket();
    process();
}

void ImapSession::readSocket() {
    if (m_socket->bytesAvailable() <= 0)
        return;
    if (m_consumed >= m_input.size()) {
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

void ImapSession::process() {
    while (m_consumed < m_input.size()) {
        if (m_mode != Mode::Command && m_mode != Mode::SaslResponse && m_mode != Mode::Idle)
            break;
        if (m_output.size() + m_socket->bytesToWrite() > maxOutputBacklogBytes)
            break;
        const ImapCommandReader::Result result =
            m_reader.next(QByteArrayView(m_input).sliced(m_consumed));
        m_consumed += result.consumed;
        handleReaderResult(result);
        if (result.status == ImapCommandReader::Status::NeedMore || m_mode == Mode::Closing)
            break;
    }
    if (m_consumed >= m_input.size()) {
        m_input.clear();
        m_consumed = 0;
    }
    flushOutput();
    armTimer();
}

void ImapSession::handleReaderResult(const ImapCommandReader::Result &result) {
    using Status = ImapCommandReader::Status;
    switch (result.status) {
    case Status::NeedMore:
        return;
    case Status::Command: {
        const ImapRawCommand raw = m_reader.takeCommand();
        if (m_mode == Mode::Idle)
            endIdle(raw);
        else if (m_mode == Mode::SaslResponse)
            onSaslResponse(raw);
        else
            execute(raw);
        return;
    }
    case Status::Continue:
        write(imapContinuation("Ready for literal data"));
        return;
    case Status::AppendLiteral:
        onAppendLiteral();
        return;
    case Status::MessageData:
        onAppendData(result.data);
        return;
    case Status::LiteralRefused: {
        discardAppend();
        const QByteArray tag = m_reader.tag();
        if (result.response.kind == ImapStatusResponse::Kind::Bad)
            refuse(tag, result.response);
        else if (!result.response.isNull())
            respond(tag, result.response);
        if (result.closeConnection)
            closeWith(ImapStatusResponse::bye("Literal too large to read and discard",
                                              responsecode::tooBig()));
        return;
    }
    case Status::LineTooLong:
        ++m_state->counters.badCommands;
        closeWith(result.response);
        return;
    }
}

void ImapSession::execute(const ImapRawCommand &raw) {
    if (m_mode == Mode::Closing)
        return;
    ++m_state->counters.commands;
    const ImapParseResult parsed = parseCommand(raw, parserOptions());
    const QByteArray &tag = parsed.command.tag;
    if (!parsed.ok()) {
        if (parsed.error.kind == ImapStatusResponse::Kind::Bad)
            refuse(tag, parsed.error);
        else
            respond(tag, parsed.error);
        return;
    }
    const CommandEntry *entry = ImapSessionCommands::find(parsed.command.name);
    if (!entry) {
        refuse(tag, ImapStatusResponse::bad("Unknown command"));
        return;
    }
    quint8 state = 0;
    switch (m_sessionState) {
    case State::NotAuthenticated:
        state = NotAuthenticated;
        break;
    case State::Authenticated:
        state = Authenticated;
        break;
    case State::Selected:
        state = Selected;
        break;
    case State::Logout:
        return;
    }
    if (!(entry->states & state)) {
        QByteArray reason;
        if (state == NotAuthenticated)
            reason = "Log in first";
        else if (entry->states == NotAuthenticated)
            reason = "Already logged in";
        else if (entry->states == Selected)
            reason = "No mailbox selected";
        else
            reason = "Not allowed while a mailbox is selected";
        refuse(tag, ImapStatusResponse::bad(commandName(parsed.command.name).toByteArray() + ": " +
                                            reason));
        return;
    }
    (this->*entry->handler)(parsed.command);
}

void ImapSession::respond(const QByteArray &tag, const ImapStatusResponse &response) {
    write(response.toWire(tag));
}

void ImapSession::refuse(const QByteArray &tag, const ImapStatusResponse &response) {
    write(response.toWire(tag));
    ++m_state->counters.badCommands;
    const int budget = m_settings->limits.maxBadCommands;
    if (budget > 0 && ++m_badCommands >= budget) {
        qCInfo(lcImap).noquote() << "too many invalid commands from" << m_peer.toString();
        closeWith(ImapStatusResponse::bye("Too many invalid commands"));
    }
}

void ImapSession::flushOutput() {
    if (m_output.isEmpty() || m_socket->state() != QAbstractSocket::ConnectedState) {
        m_output.clear();
        return;
    }
    m_socket->write(m_output);
    m_output.resize(0);
    m_socket->flush();
}

void ImapSession::onBytesWritten() {
    if (m_mode == Mode::Closing) {
        if (m_socket->bytesToWrite() == 0 && !m_tls)
            halfClose();
        return;
    }
    if (m_drainQueued || m_socket->bytesToWrite() > maxOutputBacklogBytes / 2)
        return;
    // bytesWritten can come synchronously from inside flush(), in the middle
    // of a command: go on from the event loop, never re-entrantly.
    m_drainQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_drainQueued = false;
            if (m_mode == Mode::Streaming) {
                continueFetch(true);
                return;
            }
            if (m_mode == Mode::Command || m_mode == Mode::Idle || m_mode == Mode::SaslResponse) {
                if (m_consumed < m_input.size() || m_socket->bytesAvailable() > 0)
                    onReadyRead();
            }
        },
        Qt::QueuedConnection);
}

void ImapSession::armTimer() {
    using std::chrono::milliseconds;
    switch (m_mode) {
    case Mode::Waiting:
        m_timer.stop();
        return;
    case Mode::Closing:
        return;
    case Mode::TlsHandshake:
        m_timer.start(tlsHandshakeTimeoutMs);
        return;
    case Mode::Command:
    case Mode::SaslResponse:
    case Mode::Idle:
    case Mode::Streaming:
        m_timer.start(m_sessionState == State::NotAuthenticated
                          ? milliseconds(m_settings->limits.preAuthTimeout)
                          : milliseconds(m_settings->limits.idleTimeout));
        return;
    }
}

void ImapSession::onTimeout() {
    if (m_mode == Mode::Closing || m_mode == Mode::TlsHandshake) {
        abort();
        return;
    }
    qCInfo(lcImap).noquote() << "autologout of" << m_peer.toString();
    closeWith(ImapStatusResponse::bye(m_sessionState == State::NotAuthenticated
                                          ? "Autologout; no login in time"
                                          : "Autologout; idle for too long"));
}

void ImapSession::onSocketError() {
    if (m_mode == Mode::TlsHandshake) {
        qCInfo(lcImap).noquote() << "TLS handshake with" << m_peer.toString()
                                 << "failed:" << m_socket->errorString();
        abort();
        return;
    }
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        deleteLater();
}

void ImapSession::closeWith(const ImapStatusResponse &bye, const QByteArray &trailer) {
    if (m_mode == Mode::Closing)
        return;
    if (m_mode == Mode::Idle)
        --m_state->counters.idleSessions;
    // Closing first: nothing read after this point is executed.
    m_mode = Mode::Closing;
    m_sessionState = State::Logout;
    write(bye.toWire());
    write(trailer);
    flushOutput();
    m_fetch.reset();
    discardAppend();
    m_input.clear();
    m_consumed = 0;
    m_timer.start(m_shutdownRequested ? shutdownCloseGraceMs : closeGraceMs);
    if (m_tls) {
        m_socket->disconnectFromHost();
        return;
    }
    if (m_socket->bytesToWrite() == 0)
        halfClose();
}

void ImapSession::halfClose() {
    if (m_halfClosed || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_halfClosed = true;
    if (::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) != 0)
        m_socket->abort();
}

void ImapSession::wait() {
    m_mode = Mode::Waiting;
    flushOutput();
    m_timer.stop();
}

void ImapSession::resume() {
    if (m_mode == Mode::Closing)
        return;
    m_mode = Mode::Command;
    if (m_shutdownRequested) {
        closeWith(ImapStatusResponse::bye("shutting down", responsecode::unavailable()));
        return;
    }
    process();
    if (m_mode == Mode::Command && m_socket->bytesAvailable() > 0)
        onReadyRead();
}

void ImapSession::runWrite(std::function<QStringList(store::MailboxIndex &)> job,
                           std::function<void(bool ok)> done) {
    ++m_state->pendingWrites;
    wait();
    QPointer<ImapSession> self(this);
    std::shared_ptr<ImapServerState> state = m_state;
    // The anchor outlives the session: the count is dropped even when the
    // client has gone meanwhile.
    m_state->services().messages->runWrite(
        m_storeDomain, m_storeLocalPart, std::move(job), parent(),
        [self, state, done = std::move(done)](bool ok, const QString &error) {
            --state->pendingWrites;
            if (!ok)
                qCWarning(lcImap).noquote() << "store write failed:" << error;
            if (self)
                done(ok);
        });
}

void ImapSession::startTls() {
    flushOutput();
    // RFC 9051 section 6.2.1: what the client pipelined behind STARTTLS
    // came in the clear and must never be executed.
    const qint64 discarded = tls::discardPlaintextInput(m_socket, &m_input, &m_consumed);
    m_reader.reset();
    if (discarded > 0)
        qCInfo(lcImap).noquote() << "discarded" << discarded << "octets" << m_peer.toString()
                                 << "sent after STARTTLS before the handshake";
    m_mode = Mode::TlsHandshake;
    tls::startServerTls(m_socket, m_state->services().certificates);
    armTimer();
}

void ImapSession::onEncrypted() {
    m_tls = true;
    ++m_state->counters.tlsSessions;
    m_mode = Mode::Command;
    qCDebug(lcImap).noquote() << "TLS with" << m_peer.toString()
                              << m_socket->sessionCipher().protocolString()
                              << m_socket->sessionCipher().name();
    if (m_implicitTls) {
        // RFC 8314 section 3.3: the greeting follows the handshake.
        m_implicitTls = false;
        greet();
        return;
    }
    armTimer();
    onReadyRead();
}

} // namespace mailstead::imap
