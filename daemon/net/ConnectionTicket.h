// ConnectionTicket.h - one slot of the connection limits, and an accepted
// connection on its way to the thread that will serve it
//
// ListenerSet counts a connection from accept() until its ticket is
// destroyed, in whatever thread that happens (a session on an I/O thread
// destroys it when it ends). AcceptedConnection carries the raw descriptor
// so the serving thread can create its own socket object
// (QAbstractSocket::setSocketDescriptor): Qt sockets cannot move between
// threads once they are in use, and STARTTLS needs a QSslSocket from the
// start. Whoever drops an AcceptedConnection without taking the descriptor
// closes the connection; nothing leaks when a hand-off is lost (an I/O
// thread that already stopped discards the posted call).
//
// SECURITY: the descriptor is a connection from the network; nothing has
// been read from it. Only the peer address was looked at (for the limits).
#pragma once

#include "core/DaemonConfig.h"

#include <functional>
#include <memory>
#include <QHostAddress>

namespace mailstead::net {

class ConnectionTicket {
public:
    explicit ConnectionTicket(std::function<void()> release);
    ~ConnectionTicket();
    ConnectionTicket(const ConnectionTicket &) = delete;
    ConnectionTicket &operator=(const ConnectionTicket &) = delete;

private:
    std::function<void()> m_release;
};

class AcceptedConnection {
public:
    AcceptedConnection(core::Service service, qintptr descriptor, const QHostAddress &peer,
                       quint16 peerPort, std::unique_ptr<ConnectionTicket> ticket);
    // Closes the descriptor unless it was taken, then releases the ticket
    // unless it was taken.
    ~AcceptedConnection();
    AcceptedConnection(const AcceptedConnection &) = delete;
    AcceptedConnection &operator=(const AcceptedConnection &) = delete;

    core::Service service() const { return m_service; }
    QHostAddress peer() const { return m_peer; }
    quint16 peerPort() const { return m_peerPort; }

    // For setSocketDescriptor(); -1 once taken. The caller now owns it.
    qintptr takeDescriptor();
    // Keep it as long as the connection lives.
    std::unique_ptr<ConnectionTicket> takeTicket();

private:
    core::Service m_service;
    qintptr m_descriptor;
    QHostAddress m_peer;
    quint16 m_peerPort;
    std::unique_ptr<ConnectionTicket> m_ticket;
};

} // namespace mailstead::net
