// HttpRequestDispatcher.h - the QHttpServer of the HTTP endpoints: admits
// connections through HttpConnectionGate, answers each request with
// HttpEndpoints and closes the connection
//
// Lives in the HTTP thread with everything it owns (the hand-off server
// and through it every socket). One request per connection: the reply
// carries "Connection: close" and the socket is closed once it is written,
// so every request passes the gate's limits (HttpConnectionGate.h). HEAD
// gets GET's status and headers without the body.
//
// SECURITY: requests come from unauthenticated clients, already bounded by
// the gate; the endpoints only read public settings.
#pragma once

#include "HttpEndpoints.h"

#include <memory>
#include <QAbstractHttpServer>

namespace mailstead::net {
class AcceptedConnection;
}

namespace mailstead::http {

class HttpHandoffServer;
class HttpServerState;

class HttpRequestDispatcher : public QAbstractHttpServer {
    Q_OBJECT
public:
    explicit HttpRequestDispatcher(std::shared_ptr<HttpServerState> state,
                                   QObject *parent = nullptr);
    ~HttpRequestDispatcher() override;

    // In this object's thread: takes the connection (closed at once on
    // https while there is no certificate).
    void admit(net::AcceptedConnection &connection);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    // handleRequest() answers everything; kept for QAbstractHttpServer's
    // contract: a 404.
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void writeReply(const QHttpServerRequest &request, QTcpSocket *socket,
                    const EndpointReply &reply);

    std::shared_ptr<HttpServerState> m_state;
    HttpHandoffServer *m_handoff;
};

} // namespace mailstead::http
