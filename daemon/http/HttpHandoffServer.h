// HttpHandoffServer.h - the QTcpServer through which QHttpServer receives
// connections that ListenerSet accepted
//
// QAbstractHttpServer (Qt 6.4) takes connections only from a bound
// QTcpServer's pendingConnectionAvailable signal. This one never listens:
// HttpConnectionGate hands it a socket whose first request has arrived and
// passed the limits, and it offers that socket as its next pending
// connection. The sockets are its children, so they (and the connection
// tickets they carry) go when the HTTP server is deleted.
//
// SECURITY: reads nothing; the sockets it passes on have been checked by
// HttpConnectionGate.
#pragma once

#include <QList>
#include <QPointer>
#include <QTcpServer>

class QTcpSocket;

namespace mailstead::http {

class HttpHandoffServer : public QTcpServer {
    Q_OBJECT
public:
    explicit HttpHandoffServer(QObject *parent = nullptr);

    // Queues socket (made a child of this server) and tells QHttpServer.
    void handOver(QTcpSocket *socket);

    bool hasPendingConnections() const override;
    QTcpSocket *nextPendingConnection() override;

private:
    QList<QPointer<QTcpSocket>> m_pending;
};

} // namespace mailstead::http
