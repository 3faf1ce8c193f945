// ConnectionTicket.cpp - see ConnectionTicket.h
//
// SECURITY: closes descriptors nobody took, so a lost hand-off cannot keep
// a peer's connection (and its slot) open.
#include "ConnectionTicket.h"

#include <unistd.h>

namespace mailstead::net {

ConnectionTicket::ConnectionTicket(std::function<void()> release)
    : m_release(std::move(release)) {}

ConnectionTicket::~ConnectionTicket() {
    if (m_release)
        m_release();
}

AcceptedConnection::AcceptedConnection(core::Service service, qintptr descriptor,
                                       const QHostAddress &peer, quint16 peerPort,
                                       std::unique_ptr<ConnectionTicket> ticket)
    : m_service(service)
    , m_descriptor(descriptor)
    , m_peer(peer)
    , m_peerPort(peerPort)
    , m_ticket(std::move(ticket)) {}

AcceptedConnection::~AcceptedConnection() {
    if (m_descriptor >= 0)
        ::close(int(m_descriptor));
}

qintptr AcceptedConnection::takeDescriptor() {
    return std::exchange(m_descriptor, -1);
}

std::unique_ptr<ConnectionTicket> AcceptedConnection::takeTicket() {
    return std::move(m_ticket);
}

} // namespace mailstead::net
