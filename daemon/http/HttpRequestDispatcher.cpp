// HttpRequestDispatcher.cpp - see HttpRequestDispatcher.h
//
// RFC 9110 section 9.3.2 (HEAD), RFC 9112 section 9.6 (Connection: close).
//
// SECURITY: see HttpRequestDispatcher.h.
#include "HttpRequestDispatcher.h"

#include "HttpConnectionGate.h"
#include "HttpHandoffServer.h"
#include "HttpServerState.h"
#include "net/ConnectionTicket.h"
#include "tls/CertificateStore.h"

#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace mailstead::http {

namespace {

// QAbstractHttpServer::bind() warns that the hand-off server "is not
// listening": true and intended (HttpHandoffServer.h). That one warning
// is filtered while bind() runs.
QLoggingCategory::CategoryFilter s_previousFilter = nullptr;

void withoutBindWarning(QLoggingCategory *category) {
    if (s_previousFilter)
        s_previousFilter(category);
    if (qstrcmp(category->categoryName(), "qt.httpserver") == 0)
        category->setEnabled(QtWarningMsg, false);
}

} // namespace

HttpRequestDispatcher::HttpRequestDispatcher(std::shared_ptr<HttpServerState> state,
                                             QObject *parent)
    : QAbstractHttpServer(parent)
    , m_state(std::move(state))
    , m_handoff(new HttpHandoffServer) {
    s_previousFilter = QLoggingCategory::installFilter(withoutBindWarning);
    bind(m_handoff); // parents it to this
    QLoggingCategory::installFilter(s_previousFilter);
    s_previousFilter = nullptr;
}

HttpRequestDispatcher::~HttpRequestDispatcher() = default;

void HttpRequestDispatcher::admit(net::AcceptedConnection &connection) {
    const std::shared_ptr<const HttpSettings> settings = m_state->settings();
    const auto timeout = std::chrono::milliseconds(settings->requestTimeout);
    if (connection.service() != core::Service::Https) {
        HttpConnectionGate::open(connection, nullptr, timeout, m_handoff);
        return;
    }
    tls::CertificateStore *certificates = m_state->services().certificates;
    const QSslConfiguration tls =
        certificates ? certificates->serverConfiguration() : QSslConfiguration();
    if (tls.localCertificate().isNull() || tls.privateKey().isNull()) {
        qCDebug(lcHttp).noquote() << "closing https connection from" << connection.peer().toString()
                                  << ": no certificate";
        return; // the AcceptedConnection closes the descriptor
    }
    HttpConnectionGate::open(connection, certificates, timeout, m_handoff);
}

bool HttpRequestDispatcher::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) {
    EndpointRequest endpoint;
    endpoint.method = request.method();
    endpoint.path = request.url().path(QUrl::FullyDecoded);
    endpoint.query = request.query();
    endpoint.host = hostWithoutPort(request.value("host"));
    endpoint.body = request.body();
    const std::shared_ptr<const HttpSettings> settings = m_state->settings();
    const EndpointReply reply =
        answerRequest(endpoint, *settings, m_state->services().challenges.get());
    qCDebug(lcHttp).noquote() << request.remoteAddress().toString() << endpoint.host
                              << request.url().path() << "->" << reply.status;
    writeReply(request, socket, reply);
    return true;
}

void HttpRequestDispatcher::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) {
    EndpointReply reply;
    reply.status = 404;
    reply.body = "not found\n";
    writeReply(request, socket, reply);
}

void HttpRequestDispatcher::writeReply(const QHttpServerRequest &request, QTcpSocket *socket,
                                       const EndpointReply &reply) {
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    responder.writeHeader("Content-Type", reply.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("X-Content-Type-Options", "nosniff");
    responder.writeHeader("Connection", "close");
    responder.writeBody(request.method() == QHttpServerRequest::Method::Head ? QByteArray()
                                                                             : reply.body);
    // One request per connection: whatever the client pipelined after it
    // is never parsed (it did not pass HttpConnectionGate's limits).
    disconnect(socket, &QIODevice::readyRead, this, nullptr);
    socket->skip(socket->bytesAvailable());
    socket->disconnectFromHost();
}

} // namespace mailstead::http
