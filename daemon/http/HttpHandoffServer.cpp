// HttpHandoffServer.cpp - see HttpHandoffServer.h
//
// QTcpServer::addPendingConnection() would keep the socket in QTcpServer's
// private list as well, and nextPendingConnection() warns on every call
// while not listening; the queue here avoids both. The signal is the one
// QAbstractHttpServer::bind() connects to.
//
// SECURITY: no input.
#include "HttpHandoffServer.h"

#include <QMetaMethod>
#include <QTcpSocket>

namespace mailstead::http {

HttpHandoffServer::HttpHandoffServer(QObject *parent)
    : QTcpServer(parent) {}

void HttpHandoffServer::handOver(QTcpSocket *socket) {
    socket->setParent(this);
    m_pending.append(socket);
    // A private signal: emitted through its meta-method.
    static const QMetaMethod pendingSignal =
        QMetaMethod::fromSignal(&QTcpServer::pendingConnectionAvailable);
    pendingSignal.invoke(this, Qt::DirectConnection);
}

bool HttpHandoffServer::hasPendingConnections() const {
    for (const QPointer<QTcpSocket> &socket : m_pending) {
        if (socket)
            return true;
    }
    return false;
}

QTcpSocket *HttpHandoffServer::nextPendingConnection() {
    while (!m_pending.isEmpty()) {
        QPointer<QTcpSocket> socket = m_pending.takeFirst();
        if (socket)
            return socket;
    }
    return nullptr;
}

} // namespace mailstead::http
