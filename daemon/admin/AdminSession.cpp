// AdminSession.cpp - one authorized admin IPC connection
//
// SECURITY: see AdminSession.h. Decoding errors are answered and the
// connection goes on (the framing is intact); only an oversize line, whose
// end we never see, closes it.
#include "AdminSession.h"

#include "AdminServer.h"
#include "core/Log.h"

#include <memory>
#include <QLocalSocket>
#include <QPointer>
#include <QTimer>
#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

void closeWithError(QLocalSocket *socket, const QByteArray &errorLine) {
    const auto shutdownWhenWritten = [socket] {
        if (socket->bytesToWrite() == 0 && socket->state() == QLocalSocket::ConnectedState)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    QObject::connect(socket, &QLocalSocket::readyRead, socket,
                     [socket] { socket->skip(socket->bytesAvailable()); });
    QObject::connect(socket, &QLocalSocket::bytesWritten, socket, shutdownWhenWritten);
    QTimer::singleShot(closeLingerMs, socket, &QLocalSocket::abort);
    socket->skip(socket->bytesAvailable());
    socket->write(errorLine);
    socket->flush();
    shutdownWhenWritten();
}

AdminSession::AdminSession(QLocalSocket *socket, const PeerCredentials &peer,
                           const MethodTable &methods, const MethodContext &context,
                           QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_methods(methods)
    , m_context(context) {
    m_socket->setParent(this);
    m_context.subscriptions = &m_subscriptions;
    const QString ids =
        u"uid "_s + QString::number(peer.uid) + u", pid "_s + QString::number(peer.pid);
    m_peerDescription =
        (peer.userName.isEmpty() ? QString() : peer.userName + u' ') + u'(' + ids + u')';
}

AdminSession::~AdminSession() = default;

void AdminSession::start() {
    connect(m_socket, &QLocalSocket::readyRead, this, &AdminSession::readAvailable);
    connect(m_socket, &QLocalSocket::disconnected, this, &AdminSession::finished);
    if (m_socket->bytesAvailable() > 0)
        readAvailable();
}

void AdminSession::send(const QByteArray &line) {
    if (m_closing || m_socket->state() != QLocalSocket::ConnectedState)
        return;
    m_socket->write(line);
    if (m_socket->bytesToWrite() > maxAdminOutputBacklogBytes) {
        qCWarning(core::lcAdmin).noquote()
            << QString(u"disconnecting admin client "_s + m_peerDescription + u": more than "_s +
                       QString::number(maxAdminOutputBacklogBytes / (1024 * 1024)) +
                       u" MiB of output unread"_s);
        abort();
    }
}

void AdminSession::abort() {
    m_closing = true;
    m_socket->abort();
}

void AdminSession::readAvailable() {
    if (m_closing)
        return;
    m_decoder.append(m_socket->readAll());
    while (!m_closing) {
        const ipc::LineDecoder::Result next = m_decoder.next();
        if (next.status == ipc::LineDecoder::Status::Incomplete)
            return;
        if (next.status == ipc::LineDecoder::Status::TooLong) {
            qCWarning(core::lcAdmin).noquote()
                << QString(u"admin client "_s + m_peerDescription + u" sent a line over "_s +
                           QString::number(ipc::maxIpcLineBytes / (1024 * 1024)) +
                           u" MiB; closing the connection"_s);
            m_closing = true;
            disconnect(m_socket, &QLocalSocket::readyRead, this, &AdminSession::readAvailable);
            closeWithError(m_socket,
                           ipc::encodeError(QJsonValue::Null,
                                            ipc::RpcError{ipc::ErrorCode::RequestTooLarge,
                                                          u"request line longer than 16 MiB; "
                                                          u"closing the connection"_s,
                                                          {}}));
            return;
        }
        handleLine(next.line);
    }
}

quint64 AdminSession::reserveReply() {
    const quint64 serial = m_nextSerial++;
    m_replies.push_back({serial, false, {}});
    return serial;
}

void AdminSession::fillReply(quint64 serial, const QByteArray &line) {
    for (PendingReply &reply : m_replies) {
        if (reply.serial == serial) {
            reply.ready = true;
            reply.line = line;
            break;
        }
    }
    while (!m_replies.empty() && m_replies.front().ready) {
        const QByteArray next = std::move(m_replies.front().line);
        m_replies.pop_front();
        send(next);
    }
}

ReplyFunction AdminSession::deferredReply(quint64 serial, const QJsonValue &id,
                                          const QString &method) {
    QPointer<AdminSession> session(this);
    auto used = std::make_shared<bool>(false);
    return [session, serial, id, method, used](const HandlerResult &result) {
        if (!session || *used || result.isDeferred())
            return;
        *used = true;
        if (!result.ok() && result.error().code == ipc::ErrorCode::InternalError)
            qCCritical(core::lcAdmin).noquote()
                << QString(method + u" failed: "_s + result.error().message);
        session->fillReply(serial, result.ok() ? ipc::encodeResult(id, result.result())
                                               : ipc::encodeError(id, result.error()));
    };
}

void AdminSession::handleLine(const QByteArray &line) {
    const ipc::Message message = ipc::decodeMessage(line);
    switch (message.kind) {
    case ipc::Message::Kind::Request: {
        qCDebug(core::lcAdmin).noquote() << QString(m_peerDescription + u": "_s + message.method);
        const quint64 serial = reserveReply();
        m_context.deferReply = [this, serial, &message] {
            return deferredReply(serial, message.id, message.method);
        };
        const HandlerResult result = m_methods.call(message.method, message.params, m_context);
        m_context.deferReply = nullptr;
        if (result.isDeferred())
            return;
        fillReply(serial, result.ok() ? ipc::encodeResult(message.id, result.result())
                                      : ipc::encodeError(message.id, result.error()));
        return;
    }
    case ipc::Message::Kind::Invalid:
        qCDebug(core::lcAdmin).noquote() << QString(u"invalid request from "_s + m_peerDescription +
                                                    u": "_s + message.error.message);
        fillReply(reserveReply(), ipc::encodeError(message.id, message.error));
        return;
    case ipc::Message::Kind::Notification:
        // JSON-RPC 2.0 section 4.1: a notification is never answered. No
        // method has an effect worth running without a reply.
        qCDebug(core::lcAdmin).noquote() << QString(u"ignoring notification "_s + message.method +
                                                    u" from "_s + m_peerDescription);
        return;
    case ipc::Message::Kind::Response:
    case ipc::Message::Kind::ErrorResponse:
        // The daemon sends no requests, so there is nothing to match.
        qCDebug(core::lcAdmin).noquote()
            << QString(u"ignoring a response from "_s + m_peerDescription);
        return;
    }
}

} // namespace mailstead::admin
