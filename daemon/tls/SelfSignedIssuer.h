// SelfSignedIssuer.h - makes the self-signed certificate used until a real
// one is imported or issued by ACME
//
// ECDSA P-256 key, X.509 v3 with subjectAltName DNS entries, serverAuth
// extended key usage, validity of one year (configurable). Uses OpenSSL 3
// directly: Qt can load certificates but not make them.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace mailstead::tls {

struct IssuedCertificate {
    bool ok = false;
    QByteArray certificatePem;
    QByteArray privateKeyPem; // PKCS#8, unencrypted: written 0600
    QString error;
};

// names[0] becomes the subject CN; every name is a DNS subjectAltName.
IssuedCertificate issueSelfSigned(const QStringList &names, const QDateTime &notBefore,
                                  int validDays = 365);

} // namespace mailstead::tls
