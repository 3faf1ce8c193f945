// AcmeCrypto.h - the cryptography of an ACME client: the account key, its
// JWK and thumbprint, signed requests, and the certificate request
//
// RFC 8555 section 6.2 (requests are flattened JWS objects whose protected
// header carries alg, nonce, url and either jwk (new accounts) or kid),
// RFC 7515 (JWS), RFC 7518 section 3.4 (ES256: P-256 with SHA-256, the
// signature as the 64 octets R || S, not DER), RFC 7638 (JWK thumbprint:
// SHA-256 over the required members in lexicographic order, no
// whitespace), RFC 8555 section 8.1 (key authorization = token "."
// base64url(thumbprint)), section 7.4 (finalize: the CSR in DER, base64url).
// Pure: bytes in, bytes out, through OpenSSL 3.
//
// SECURITY: the account key and the certificate key are secrets; they leave
// this file only as PEM for the caller to store 0600.
#pragma once

#include <memory>
#include <optional>
#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace mailstead::tls {

// RFC 4648 section 5 without padding, as JOSE and ACME use it.
QByteArray base64Url(QByteArrayView data);

class AcmeAccountKey {
public:
    // A new ECDSA P-256 key.
    static std::optional<AcmeAccountKey> generate();
    // An unencrypted PEM P-256 key, as toPem() writes it.
    static std::optional<AcmeAccountKey> fromPem(const QByteArray &pem);

    QByteArray toPem() const;
    // {"crv":"P-256","kty":"EC","x":...,"y":...}
    QJsonObject jwk() const;
    // base64url(SHA-256(canonical JWK)), RFC 7638.
    QByteArray thumbprint() const;
    QByteArray keyAuthorization(const QByteArray &token) const;

    // The request body: a flattened JWS JSON object. kid empty: the jwk is
    // sent instead (newAccount). payload empty: POST-as-GET (RFC 8555
    // section 6.3), the payload is the empty string.
    QByteArray signedRequest(const QString &url, const QByteArray &nonce, const QString &kid,
                             const QByteArray &payload) const;

private:
    std::shared_ptr<void> m_key; // EVP_PKEY
};

struct CertificateRequest {
    bool ok = false;
    QByteArray csrDer; // for finalize: base64Url(csrDer)
    QByteArray keyPem; // the new certificate's key (P-256, PKCS#8)
    QString error;
};

// A CSR for names (names[0] also the subject CN) with a new P-256 key.
CertificateRequest makeCertificateRequest(const QStringList &names);

} // namespace mailstead::tls
