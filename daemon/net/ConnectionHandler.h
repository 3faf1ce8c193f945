// ConnectionHandler.h - how a protocol takes over accepted connections
//
// ListenerSet accepts, applies the connection limits and hands each
// connection to the handler registered for its Service (SMTP, IMAP, POP3,
// HTTP plug in here) as an AcceptedConnection: a raw descriptor plus the
// ticket that holds its slot in the limits. The handler creates the socket
// object in the thread that will serve the connection. Without a handler
// the service answers with its standard refusal (ServiceRefusal.h).
//
// SECURITY: the connection comes straight from the network; nothing has
// been read from it and nothing about the peer is trusted yet.
#pragma once

#include "ConnectionTicket.h"

#include <memory>
#include <QByteArray>
#include <QString>

namespace mailstead::net {

class ConnectionHandler {
public:
    virtual ~ConnectionHandler() = default;

    // Called in the ListenerSet's thread. The connection counts against the
    // limits until its ticket is destroyed: keep the ticket for as long as
    // the connection is served. Dropping the AcceptedConnection without
    // taking the descriptor closes the connection.
    virtual void handle(std::unique_ptr<AcceptedConnection> connection) = 0;

    // What a connection over the limits is told before it is closed (an
    // SMTP "421"), sent without blocking in the ListenerSet's thread; empty:
    // close without a word. reason: "too many connections", "too many
    // connections from this address".
    virtual QByteArray refusal(const QString &reason) const {
        Q_UNUSED(reason)
        return {};
    }
};

} // namespace mailstead::net
