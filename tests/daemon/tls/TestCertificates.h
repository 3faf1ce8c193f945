// TestCertificates.h - a tiny test CA: keys and certificates made with
// OpenSSL for the certificate import tests (a root, an intermediate, leaves
// with chosen names and validity)
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QStringList>

namespace mailstead::tls::test {

struct TestKey {
    QByteArray pem; // PKCS#8, unencrypted
    void *native = nullptr;
    TestKey() = default;
    explicit TestKey(const char *type); // "rsa" (2048) or "ec" (P-256)
    TestKey(const TestKey &) = delete;
    TestKey &operator=(const TestKey &) = delete;
    ~TestKey();
};

struct TestCertificate {
    QByteArray pem;
    void *native = nullptr;
    TestCertificate() = default;
    TestCertificate(const TestCertificate &) = delete;
    TestCertificate &operator=(const TestCertificate &) = delete;
    ~TestCertificate();
};

struct CertificateSpec {
    QString commonName;
    QStringList dnsNames;
    QDateTime notBefore = QDateTime::currentDateTimeUtc().addDays(-1);
    QDateTime notAfter = QDateTime::currentDateTimeUtc().addDays(90);
    bool ca = false;
};

// Signed by issuer/issuerKey; self-signed by `key` when issuer is null.
void makeCertificate(TestCertificate *out, const CertificateSpec &spec, const TestKey &key,
                     const TestCertificate *issuer, const TestKey *issuerKey);

// The same key encrypted with a pass phrase (PKCS#8, AES-256).
QByteArray encryptedKeyPem(const TestKey &key);

} // namespace mailstead::tls::test
