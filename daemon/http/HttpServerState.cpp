// HttpServerState.cpp - see HttpServerState.h
//
// SECURITY: no input.
#include "HttpServerState.h"

namespace mailstead::http {

Q_LOGGING_CATEGORY(lcHttp, "mailstead.http")

HttpServerState::HttpServerState(HttpServices services)
    : m_services(std::move(services))
    , m_settings(std::make_shared<const HttpSettings>()) {}

void HttpServerState::setSettings(const HttpSettings &settings) {
    auto next = std::make_shared<const HttpSettings>(settings);
    QMutexLocker locker(&m_mutex);
    m_settings = std::move(next);
}

std::shared_ptr<const HttpSettings> HttpServerState::settings() const {
    QMutexLocker locker(&m_mutex);
    return m_settings;
}

} // namespace mailstead::http
