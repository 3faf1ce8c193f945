// IpcClient.cpp - the one admin IPC client, used by mailsteadctl and the app
//
// JSON-RPC 2.0 over QLocalSocket (framing and codes in JsonRpc.h and
// docs/ipc.md). Request ids are increasing integers; every callback runs
// exactly once, except that callbacks still pending when the client is
// destroyed are dropped (their captures may already be gone).
//
// SECURITY: talks only to the socket path it is given; replies are decoded
// with the same bounded decoder the daemon uses, and a malformed or
// oversized reply closes the connection instead of being trusted.

#include "IpcClient.h"

#include <algorithm>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocalSocket>
#include <QPointer>
#include <QStandardPaths>
#include <QTimer>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::ipc {

namespace {

const QString connectionLostMessage = u"connection to mailsteadd lost"_s;

Reply errorReply(const QString &message, ErrorCode code = ErrorCode::InternalError) {
    Reply reply;
    reply.error.code = code;
    reply.error.message = message;
    return reply;
}

QString secondsText(int timeoutMs) {
    if (timeoutMs % 1000 == 0)
        return QString::number(timeoutMs / 1000);
    return QString::number(timeoutMs / 1000.0, 'g', 3);
}

} // namespace

IpcClient::IpcClient(QObject *parent)
    : QObject(parent)
    , m_socket(new QLocalSocket(this))
    , m_reconnectTimer(new QTimer(this)) {
    m_reconnectTimer->setSingleShot(true);
    connect(m_socket, &QLocalSocket::connected, this, &IpcClient::onConnected);
    connect(m_socket, &QLocalSocket::readyRead, this, &IpcClient::onReadyRead);
    connect(m_socket, &QLocalSocket::disconnected, this, &IpcClient::onDisconnected);
    connect(m_socket, &QLocalSocket::errorOccurred, this, &IpcClient::onSocketError);
    connect(m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (!m_wantConnection || m_socket->state() != QLocalSocket::UnconnectedState)
            return;
        m_decoder = LineDecoder();
        m_wasConnected = false;
        m_socket->connectToServer(m_socketPath);
    });
}

IpcClient::~IpcClient() {
    // The socket is destroyed after us (it is a child) and emits
    // disconnected() while closing; that must not reach a half-destroyed
    // client.
    m_socket->disconnect(this);
    m_reconnectTimer->stop();
    m_pending.clear();
}

void IpcClient::connectTo(const QString &socketPath) {
    m_reconnectTimer->stop();
    if (m_socket->state() != QLocalSocket::UnconnectedState) {
        m_wantConnection = false; // no reconnect to the old path
        m_socket->abort();
    }
    m_outbox.clear();
    failPending(connectionLostMessage);

    m_socketPath = socketPath;
    m_refusal.reset();
    m_wantConnection = true;
    m_wasConnected = false;
    m_decoder = LineDecoder();
    m_socket->connectToServer(socketPath);
}

void IpcClient::disconnectFrom() {
    m_wantConnection = false;
    m_reconnectTimer->stop();
    m_socket->abort();
    // abort() only reports disconnected() for an established connection;
    // requests queued while connecting are failed here.
    m_outbox.clear();
    failPending(connectionLostMessage);
}

bool IpcClient::isConnected() const {
    return m_socket->state() == QLocalSocket::ConnectedState;
}

void IpcClient::setReconnectInterval(int intervalMs) {
    m_reconnectTimer->setInterval(std::max(0, intervalMs));
    if (intervalMs <= 0)
        m_reconnectTimer->stop();
    else if (m_wantConnection && m_socket->state() == QLocalSocket::UnconnectedState)
        m_reconnectTimer->start();
}

void IpcClient::call(const QString &method, const QJsonObject &params, Callback callback) {
    send(method, params, std::move(callback));
}

qint64 IpcClient::send(const QString &method, const QJsonObject &params, Callback callback) {
    const qint64 id = m_nextId++;
    m_pending.insert(id, std::move(callback));
    const QByteArray line = encodeRequest(QJsonValue(id), method, params);

    switch (m_socket->state()) {
    case QLocalSocket::ConnectedState:
        m_socket->write(line);
        break;
    case QLocalSocket::ConnectingState:
        m_outbox.append(line);
        break;
    default: {
        // Failing later rather than inside call() keeps callers from being
        // re-entered before call() returns.
        Reply reply = errorReply(u"not connected to mailsteadd"_s);
        if (m_refusal)
            reply.error = *m_refusal;
        QMetaObject::invokeMethod(
            this, [this, id, reply] { complete(id, reply); }, Qt::QueuedConnection);
        break;
    }
    }
    return id;
}

void IpcClient::subscribe(const QStringList &events) {
    // An empty list means every event; once subscribed to everything, a
    // later list cannot narrow it.
    if (events.isEmpty()) {
        m_subscriptions.clear();
    } else if (!m_subscribed || !m_subscriptions.isEmpty()) {
        for (const QString &event : events) {
            if (!m_subscriptions.contains(event))
                m_subscriptions.append(event);
        }
    }
    m_subscribed = true;
    if (isConnected())
        sendSubscribe();
    // Otherwise onConnected() sends it.
}

void IpcClient::sendSubscribe() {
    QJsonObject params;
    if (!m_subscriptions.isEmpty())
        params.insert("events"_L1, QJsonArray::fromStringList(m_subscriptions));
    send(u"system.subscribe"_s, params, [this](const Reply &reply) {
        if (reply.ok)
            return;
        m_lastError = u"subscribing to events failed: "_s + reply.error.message;
        Q_EMIT connectionError(m_lastError);
    });
}

bool IpcClient::waitForConnected(int timeoutMs) {
    if (isConnected())
        return true;
    const auto connecting = [this] {
        return m_socket->state() == QLocalSocket::ConnectingState || m_reconnectTimer->isActive();
    };
    if (!connecting())
        return false;

    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &IpcClient::connected, &loop, &QEventLoop::quit);
    connect(this, &IpcClient::connectionError, &loop, [&loop, connecting] {
        // With reconnect on, a refused attempt is followed by another one.
        if (!connecting())
            loop.quit();
    });
    timer.start(std::max(0, timeoutMs));
    loop.exec();

    if (isConnected())
        return true;
    if (!timer.isActive()) {
        m_lastError =
            u"could not connect to mailsteadd within "_s + secondsText(timeoutMs) + u" s"_s;
    }
    return false;
}

Reply IpcClient::callAndWait(const QString &method, const QJsonObject &params, int timeoutMs) {
    Reply reply;
    bool done = false;
    QEventLoop loop;
    const qint64 id = send(method, params, [&reply, &done, &loop](const Reply &answer) {
        reply = answer;
        done = true;
        loop.quit();
    });
    if (done)
        return reply;

    QPointer<IpcClient> self(this);
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(std::max(0, timeoutMs));
    loop.exec();

    if (!done) {
        // The callback refers to this stack frame: it must never run now.
        if (self)
            m_pending.remove(id);
        reply =
            errorReply(u"no answer from mailsteadd within "_s + secondsText(timeoutMs) + u" s"_s);
    }
    return reply;
}

void IpcClient::onConnected() {
    m_wasConnected = true;
    m_lastError.clear();
    m_refusal.reset();
    for (const QByteArray &line : std::as_const(m_outbox))
        m_socket->write(line);
    m_outbox.clear();
    // After a daemon restart the new process knows nothing of us.
    if (m_subscribed)
        sendSubscribe();
    Q_EMIT connected();
}

void IpcClient::onReadyRead() {
    m_decoder.append(m_socket->readAll());
    const QPointer<IpcClient> self(this);
    while (self) {
        const LineDecoder::Result next = m_decoder.next();
        if (next.status == LineDecoder::Status::Incomplete)
            return;
        if (next.status == LineDecoder::Status::TooLong) {
            m_lastError = u"mailsteadd sent a reply longer than "_s +
                          QString::number(maxIpcLineBytes) + u" bytes"_s;
            Q_EMIT connectionError(m_lastError);
            if (self)
                m_socket->abort();
            return;
        }
        handleLine(next.line);
    }
}

void IpcClient::handleLine(const QByteArray &line) {
    if (line.isEmpty())
        return;
    const Message message = decodeMessage(line);
    switch (message.kind) {
    case Message::Kind::Notification:
        Q_EMIT notificationReceived(message.method, message.params);
        return;
    case Message::Kind::Response: {
        Reply reply;
        reply.ok = true;
        reply.result = message.result;
        complete(message.id.toInteger(-1), reply);
        return;
    }
    case Message::Kind::ErrorResponse: {
        Reply reply;
        reply.error = message.error;
        if (!message.id.isNull()) {
            complete(message.id.toInteger(-1), reply);
            return;
        }
        // The daemon answers with id null when it could not read the
        // request (oversize line) or refuses the peer before reading it
        // (Unauthorized). Requests are answered in order, so the error
        // belongs to the oldest request still waiting.
        if (!m_pending.isEmpty()) {
            const auto keys = m_pending.keys();
            complete(*std::min_element(keys.begin(), keys.end()), reply);
        } else {
            // Calls made before the daemon hangs up get this answer, not
            // a bare "connection lost".
            m_refusal = message.error;
            m_lastError = message.error.message;
            Q_EMIT connectionError(m_lastError);
        }
        return;
    }
    case Message::Kind::Request:
    case Message::Kind::Invalid:
        // The daemon sends no requests; anything else is a daemon bug that
        // must not take the client down with it.
        m_lastError =
            u"ignored an unexpected message from mailsteadd: "_s +
            (message.kind == Message::Kind::Invalid ? message.error.message : message.method);
        return;
    }
}

void IpcClient::complete(qint64 id, const Reply &reply) {
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const Callback callback = std::move(it.value());
    m_pending.erase(it);
    if (callback)
        callback(reply);
}

void IpcClient::onDisconnected() {
    // An error reply written just before the daemon closed the socket
    // (Unauthorized, RequestTooLarge) must still reach its caller.
    const QPointer<IpcClient> self(this);
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (!self)
        return;

    const bool wasConnected = m_wasConnected;
    m_wasConnected = false;
    m_outbox.clear();
    m_decoder = LineDecoder();
    if (m_refusal)
        failPending(*m_refusal);
    else
        failPending(connectionLostMessage);
    if (!self)
        return;
    if (wasConnected)
        Q_EMIT disconnected();
    if (self)
        scheduleReconnect();
}

void IpcClient::onSocketError() {
    const QString reason = m_socket->errorString();
    if (m_wasConnected) {
        // disconnected() follows and fails what is pending; a peer that
        // closes is the normal end of a connection, not worth a message.
        if (m_socket->error() != QLocalSocket::PeerClosedError) {
            m_lastError = reason;
            Q_EMIT connectionError(m_lastError);
        }
        return;
    }
    m_lastError = u"cannot connect to "_s + m_socketPath + u": "_s + reason;
    m_outbox.clear();
    const QPointer<IpcClient> self(this);
    failPending(m_lastError);
    if (!self)
        return;
    scheduleReconnect();
    Q_EMIT connectionError(m_lastError);
}

void IpcClient::scheduleReconnect() {
    if (m_wantConnection && m_reconnectTimer->interval() > 0 && !m_socketPath.isEmpty())
        m_reconnectTimer->start();
}

void IpcClient::failPending(const QString &message) {
    failPending(errorReply(message).error);
}

void IpcClient::failPending(const RpcError &error) {
    if (m_pending.isEmpty())
        return;
    // Callbacks may start new calls (or destroy us); work on a copy, oldest
    // request first.
    QHash<qint64, Callback> pending;
    pending.swap(m_pending);
    QList<qint64> ids = pending.keys();
    std::sort(ids.begin(), ids.end());
    Reply reply;
    reply.error = error;
    for (const qint64 id : std::as_const(ids)) {
        const Callback callback = pending.value(id);
        if (callback)
            callback(reply);
    }
}

QString installedSocketPath() {
    return u"/run/mailstead/admin.sock"_s;
}

// Local mode (DESIGN.md): $XDG_RUNTIME_DIR/mailstead/admin.sock. Without
// XDG_RUNTIME_DIR (cron jobs, su sessions) we use QStandardPaths'
// RuntimeLocation, which on Linux is /run/user/<uid> when that exists and
// otherwise a private /tmp/runtime-<user> that Qt creates; only when even
// that fails, /tmp/mailstead-<uid>. Daemon and clients call this same
// function, so they always agree.
QString localModeSocketPath() {
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtimeDir.isEmpty())
        return runtimeDir + u"/mailstead/admin.sock"_s;
    const QString fallback = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (!fallback.isEmpty())
        return fallback + u"/mailstead/admin.sock"_s;
    return u"/tmp/mailstead-"_s + QString::number(::getuid()) + u"/admin.sock"_s;
}

QStringList socketCandidates(const QString &explicitPath) {
    QStringList candidates;
    if (!explicitPath.isEmpty())
        candidates.append(explicitPath);
    const QString fromEnvironment = qEnvironmentVariable("MAILSTEAD_SOCKET");
    if (!fromEnvironment.isEmpty())
        candidates.append(fromEnvironment);
    candidates.append(installedSocketPath());
    candidates.append(localModeSocketPath());
    return candidates;
}

QString resolveSocketPath(const QString &explicitPath) {
    // A path the user named is used as given, so that the error message
    // names it instead of silently talking to another daemon.
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QString fromEnvironment = qEnvironmentVariable("MAILSTEAD_SOCKET");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    if (QFileInfo::exists(installedSocketPath()))
        return installedSocketPath();
    return localModeSocketPath();
}

} // namespace mailstead::ipc
