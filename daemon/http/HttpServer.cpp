// HttpServer.cpp - the HTTP thread and the connection hand-off; see
// HttpServer.h
//
// SECURITY: no peer input here.
#include "HttpServer.h"

#include "HttpRequestDispatcher.h"
#include "net/ConnectionTicket.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace mailstead::http {

HttpServer::HttpServer(const HttpServices &services, QObject *parent)
    : QObject(parent)
    , m_state(std::make_shared<HttpServerState>(services))
    , m_thread(new QThread)
    , m_dispatcher(new HttpRequestDispatcher(m_state)) {
    m_thread->setObjectName(u"http"_s);
    m_dispatcher->moveToThread(m_thread);
    m_thread->start();
}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::setSettings(const HttpSettings &settings) {
    m_state->setSettings(settings);
}

std::shared_ptr<const HttpSettings> HttpServer::settings() const {
    return m_state->settings();
}

void HttpServer::handle(std::unique_ptr<net::AcceptedConnection> connection) {
    if (!m_dispatcher)
        return; // stopped: the connection closes with its AcceptedConnection
    // Shared so the posted call stays copyable; a call still queued when the
    // dispatcher is deleted is dropped, and the descriptor closed with it.
    std::shared_ptr<net::AcceptedConnection> shared(std::move(connection));
    HttpRequestDispatcher *dispatcher = m_dispatcher;
    QMetaObject::invokeMethod(
        dispatcher, [dispatcher, shared] { dispatcher->admit(*shared); }, Qt::QueuedConnection);
}

void HttpServer::stop() {
    if (!m_thread)
        return;
    // Deleted in its own thread, with the hand-off server, every socket and
    // every ticket.
    HttpRequestDispatcher *dispatcher = std::exchange(m_dispatcher, nullptr);
    QMetaObject::invokeMethod(
        dispatcher, [dispatcher] { delete dispatcher; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete std::exchange(m_thread, nullptr);
}

} // namespace mailstead::http
