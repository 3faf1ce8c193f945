// HttpServer.h - the http and https services: takes connections from
// ListenerSet and serves them in the HTTP thread
//
// QHttpServer serves all its connections in the thread it lives in. That
// is a dedicated thread ("http"), not the main thread and not an I/O
// thread: these endpoints are small and rare, but they face anyone on
// ports 80 and 443, and a burst of TLS handshakes or slow clients there
// must not delay the admin IPC and signal handling of the main thread, nor
// the SMTP sessions of the I/O threads. One thread is plenty for the load
// (an ACME validation, a client setting itself up). Hand-off as in
// SmtpServer: the descriptor and its ticket are posted to the thread,
// where HttpRequestDispatcher::admit() makes the socket. setSettings() is
// safe from the main thread at any time (start, SIGHUP, domain changes);
// certificates are taken from the store for each new https connection, so
// a reload reaches the next connection without dropping any.
//
// SECURITY: the connections come from unauthenticated clients; see
// HttpConnectionGate.h and HttpEndpoints.h. This class reads nothing.
#pragma once

#include "HttpServerState.h"
#include "net/ConnectionHandler.h"

#include <memory>
#include <QObject>

class QThread;

namespace mailstead::http {

class HttpRequestDispatcher;

class HttpServer : public QObject, public net::ConnectionHandler {
    Q_OBJECT
public:
    explicit HttpServer(const HttpServices &services, QObject *parent = nullptr);
    ~HttpServer() override;

    void setSettings(const HttpSettings &settings);
    std::shared_ptr<const HttpSettings> settings() const;

    // For both services; AcceptedConnection::service() tells https apart.
    void handle(std::unique_ptr<net::AcceptedConnection> connection) override;
    // Over the limits a connection is closed without a word: a status line
    // would have to be sent before the request, and as plaintext on the
    // TLS port.

    // Closes every connection and ends the thread. Idempotent.
    void stop();

private:
    std::shared_ptr<HttpServerState> m_state;
    QThread *m_thread = nullptr;
    HttpRequestDispatcher *m_dispatcher = nullptr;
};

} // namespace mailstead::http
