// HttpServerState.h - what the HTTP thread shares with the main thread:
// the services it uses and the current settings
//
// The main thread replaces the settings (start, SIGHUP, domain changes);
// the HTTP thread takes a snapshot for each connection and request. The
// certificate store and the challenge table are thread-safe themselves.
//
// SECURITY: no input.
#pragma once

#include "HttpSettings.h"

#include <memory>
#include <QLoggingCategory>
#include <QMutex>

namespace mailstead::tls {
class AcmeChallengeTable;
class CertificateStore;
} // namespace mailstead::tls

namespace mailstead::http {

Q_DECLARE_LOGGING_CATEGORY(lcHttp) // "mailstead.http"

struct HttpServices {
    // The certificate of the https listener; null: https connections are
    // closed at once (there is nothing to start TLS with).
    tls::CertificateStore *certificates = nullptr;
    // Filled by the ACME client; null: every challenge token is unknown.
    std::shared_ptr<tls::AcmeChallengeTable> challenges;
};

class HttpServerState {
public:
    explicit HttpServerState(HttpServices services);

    const HttpServices &services() const { return m_services; }
    void setSettings(const HttpSettings &settings);
    std::shared_ptr<const HttpSettings> settings() const;

private:
    const HttpServices m_services;
    mutable QMutex m_mutex;
    std::shared_ptr<const HttpSettings> m_settings;
};

} // namespace mailstead::http
