// ConnectionHandler.h - how a protocol takes over accepted connections
//
// ListenerSet accepts, applies the connection limits and hands each socket
// to the handler registered for its Service (SMTP, IMAP, POP3, HTTP plug in
// here). Without a handler the service answers with its standard refusal
// (ServiceRefusal.h).
//
// SECURITY: the socket comes straight from the network; nothing has been
// read from it and nothing about the peer is trusted yet.
#pragma once

class QTcpSocket;

namespace mailstead::net {

class ConnectionHandler {
public:
    virtual ~ConnectionHandler() = default;

    // Called in the ListenerSet's thread with a connected socket that is a
    // child of the ListenerSet. The handler may reparent it or move it to an
    // I/O thread (setParent(nullptr) first). The connection counts against
    // the limits until the socket is destroyed, so the handler must delete
    // the socket (deleteLater) when the session ends.
    virtual void handle(QTcpSocket *socket) = 0;
};

} // namespace mailstead::net
