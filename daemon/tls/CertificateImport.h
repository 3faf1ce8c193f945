// CertificateImport.h - checks a PEM chain and key before they replace the
// server's certificate
//
// What an administrator hands us (from another CA, a corporate PKI, or a
// certificate copied from an old server) is checked the way a client would
// see it, and refused with one sentence that says what to fix:
//   1. the chain holds at least one certificate, and nothing else that
//      looks broken (a PEM block that does not parse);
//   2. the key parses (RSA, ECDSA or Ed25519; PKCS#1, SEC1 or PKCS#8) and is
//      not encrypted;
//   3. the key belongs to the first certificate (the leaf);
//   4. the chain is in order: each certificate was issued and signed by the
//      next one (RFC 5246 section 7.4.2 / RFC 8446 section 4.4.2: the
//      sender's certificate first, each following one certifying the one
//      before);
//   5. every certificate is valid now;
//   6. the leaf covers every required name (the hostname), through a
//      subjectAltName DNS entry or a wildcard one level deep (RFC 6125
//      section 6.4.3); the subject CN is not looked at (RFC 6125 6.4.4:
//      only without any DNS SAN, which no CA issues any more).
// Trust in a root is not checked: the chain may end below a root the
// clients know, as it should (roots are not sent).
//
// SECURITY: the input comes from an authorized administrator but may be
// any bytes; it is parsed by OpenSSL only. The key is never logged or put
// into a message.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>

namespace mailstead::tls {

struct ImportedCertificate {
    bool ok = false;
    QString error; // one sentence saying what to fix
    QList<QSslCertificate> chain;
    QSslKey key;
    QByteArray chainPem; // the certificates only, re-encoded
    QByteArray keyPem;   // PKCS#8, unencrypted
};

// requiredNames: DNS names the leaf must cover (the hostname). now: the
// moment the chain must be valid at.
ImportedCertificate checkCertificateImport(const QByteArray &chainPem, const QByteArray &keyPem,
                                           const QStringList &requiredNames, const QDateTime &now);

// True when `name` is one of the leaf's DNS subjectAltNames, or matches a
// "*.example.test" entry one label deep.
bool certificateCovers(const QSslCertificate &certificate, const QString &name);

} // namespace mailstead::tls
