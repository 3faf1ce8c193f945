// TlsProfile.cpp - see TlsProfile.h
#include "TlsProfile.h"

#include <QList>
#include <QSslCipher>

using namespace Qt::StringLiterals;

namespace mailstead::tls {
namespace {

// Mozilla server-side TLS guidelines, version 5.7, "intermediate", without
// the DHE suites (no ffdhe parameters are configured).
constexpr const char *intermediateCiphers[] = {
    "TLS_AES_128_GCM_SHA256",       "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",  "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",  "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-CHACHA20-POLY1305",
};

} // namespace

bool parseTlsProfile(const QString &name, TlsProfile *profile) {
    if (name == "intermediate"_L1) {
        *profile = TlsProfile::Intermediate;
        return true;
    }
    if (name == "modern"_L1) {
        *profile = TlsProfile::Modern;
        return true;
    }
    return false;
}

QString tlsProfileName(TlsProfile profile) {
    return profile == TlsProfile::Modern ? u"modern"_s : u"intermediate"_s;
}

QSslConfiguration baseServerConfiguration(TlsProfile profile) {
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients do not present certificates
    config.setProtocol(profile == TlsProfile::Modern ? QSsl::TlsV1_3OrLater : QSsl::TlsV1_2OrLater);
    QList<QSslCipher> ciphers;
    for (const char *name : intermediateCiphers) {
        QSslCipher cipher(QString::fromLatin1(name));
        if (cipher.isNull())
            continue;
        if (profile == TlsProfile::Modern && cipher.protocol() != QSsl::TlsV1_3)
            continue;
        ciphers.append(cipher);
    }
    if (!ciphers.isEmpty())
        config.setCiphers(ciphers);
    return config;
}

} // namespace mailstead::tls
