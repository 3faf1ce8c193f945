// TlsProfile.h - server TLS settings following Mozilla's recommendations
//
// "intermediate" (default): TLS 1.2 and 1.3, ECDHE key exchange with AEAD
// ciphers only. "modern": TLS 1.3 only. Shared by every TLS listener.
#pragma once

#include <QSslConfiguration>
#include <QString>

namespace mailstead::tls {

enum class TlsProfile { Intermediate, Modern };

bool parseTlsProfile(const QString &name, TlsProfile *profile);
QString tlsProfileName(TlsProfile profile);

// A server configuration with protocol, ciphers and peer verification set;
// the caller adds the certificate chain and key.
QSslConfiguration baseServerConfiguration(TlsProfile profile);

} // namespace mailstead::tls
