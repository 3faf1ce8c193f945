// AdminSession.h - one authorized admin IPC connection
//
// Owns the socket, the line decoder and the connection's event
// subscriptions. Decodes one JSON-RPC request per line, runs it through the
// MethodTable and writes the replies in request order: a deferred reply
// (HandlerResult::deferred()) holds back the replies of later requests
// until it is sent.
//
// SECURITY: created only after the peer passed the credential check
// (AdminServer). Input is bounded by maxIpcLineBytes per line (a longer line
// gets RequestTooLarge and the connection is closed) and output by
// maxAdminOutputBacklogBytes (a client that stops reading is disconnected).
#pragma once

#include "ipc/JsonRpc.h"
#include "MethodTable.h"
#include "PeerCredentials.h"

#include <deque>
#include <QObject>
#include <QSet>
#include <QString>

class QLocalSocket;

namespace mailstead::admin {

class AdminSession : public QObject {
    Q_OBJECT
public:
    // Takes ownership of socket. context.subscriptions is ignored: the
    // session passes its own set to the handlers.
    AdminSession(QLocalSocket *socket, const PeerCredentials &peer, const MethodTable &methods,
                 const MethodContext &context, QObject *parent = nullptr);
    ~AdminSession() override;

    // Starts reading (also any bytes that arrived before).
    void start();
    bool isSubscribed(const QString &event) const { return m_subscriptions.contains(event); }
    // Writes one encoded line; disconnects a client whose unread output
    // exceeds maxAdminOutputBacklogBytes.
    void send(const QByteArray &line);
    void abort();
    QString peerDescription() const { return m_peerDescription; }

Q_SIGNALS:
    void finished(); // the connection is gone; the session may be deleted

private:
    void readAvailable();
    void handleLine(const QByteArray &line);
    // Replies in request order: each request takes a slot; a slot's line
    // is written once it and every slot before it are filled.
    quint64 reserveReply();
    void fillReply(quint64 serial, const QByteArray &line);
    ReplyFunction deferredReply(quint64 serial, const QJsonValue &id, const QString &method);

    struct PendingReply {
        quint64 serial = 0;
        bool ready = false;
        QByteArray line;
    };

    QLocalSocket *m_socket;
    const MethodTable &m_methods;
    MethodContext m_context;
    ipc::LineDecoder m_decoder;
    QSet<QString> m_subscriptions;
    std::deque<PendingReply> m_replies;
    quint64 m_nextSerial = 1;
    QString m_peerDescription; // "alice (uid 1000, pid 4242)" for logs
    bool m_closing = false;
};

// Sends a last error line and ends the connection cleanly: once the line is
// written the sending side is shut down (the peer reads the line, then end of
// stream), anything the peer still sends is discarded unread, and the socket
// is closed when the peer closes or after closeLingerMs. Closing with unread
// input instead would make the peer's kernel report a reset, which can hide
// the error line from it.
void closeWithError(QLocalSocket *socket, const QByteArray &errorLine);
inline constexpr int closeLingerMs = 5000;

} // namespace mailstead::admin
