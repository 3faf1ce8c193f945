// DkimKey.h - a DKIM private key: generation, PEM, public key data, signing
//
// Two algorithms: rsa-sha256 (RFC 6376 section 3.3.1, sizes per RFC 8301
// section 3.2) and ed25519-sha256 (RFC 8463). The DNS form of the public key
// (the p= tag, RFC 6376 section 3.6.1) is the base64 DER SubjectPublicKeyInfo
// for RSA, as every common signer publishes it, and the raw 32-byte key for
// Ed25519 (RFC 8463 section 4.2).
//
// A DkimPrivateKey is an immutable handle shared between copies; signing
// with one key from several threads at once is safe.
//
// SECURITY: the private key is a secret. It leaves this class only as PEM
// for the key store, which writes it with mode 0600; nothing here logs it.
// PEM read back from disk is checked (type, size) before use.
#pragma once

#include <memory>
#include <optional>
#include <QByteArray>
#include <QString>

struct evp_pkey_st;

namespace mailstead::dkim {

enum class DkimAlgorithm { Rsa, Ed25519 };

// RSA sizes generated here. RFC 8301 section 3.2: signers must use at least
// 1024 bits and should use at least 2048; verifiers need not go past 4096.
inline constexpr int defaultRsaBits = 2048;
inline constexpr int minRsaBits = 2048;
inline constexpr int maxRsaBits = 4096;
// Smallest RSA key accepted when reading a key file (RFC 8301 section 3.2:
// verifiers must not accept less).
inline constexpr int minLoadableRsaBits = 1024;
inline constexpr int ed25519Bits = 256;

QString algorithmName(DkimAlgorithm algorithm);                   // "rsa", "ed25519" (the k= tag)
std::optional<DkimAlgorithm> parseAlgorithm(const QString &name); // inverse of algorithmName
QByteArray signatureAlgorithm(DkimAlgorithm algorithm);           // "rsa-sha256", "ed25519-sha256"

class DkimPrivateKey {
public:
    DkimPrivateKey() = default; // null

    // rsaBits is ignored for Ed25519. On failure a null key and *error.
    static DkimPrivateKey generate(DkimAlgorithm algorithm, int rsaBits, QString *error);
    // PKCS#8 or traditional PEM holding an RSA (>= minLoadableRsaBits) or
    // Ed25519 private key.
    static DkimPrivateKey fromPem(const QByteArray &pem, QString *error);

    bool isNull() const { return !m_key; }
    DkimAlgorithm algorithm() const { return m_algorithm; }
    int bits() const;
    QByteArray toPem() const;         // unencrypted PKCS#8
    QByteArray publicKeyData() const; // the p= value, base64

    // The signature of RFC 6376 section 3.7 over `data` (the canonicalized
    // header fields): RSASSA-PKCS1-v1_5 with SHA-256, or Ed25519 over the
    // SHA-256 digest (RFC 8463 section 3). Empty with *error on failure.
    QByteArray sign(const QByteArray &data, QString *error) const;

private:
    DkimPrivateKey(std::shared_ptr<evp_pkey_st> key, DkimAlgorithm algorithm);

    std::shared_ptr<evp_pkey_st> m_key;
    DkimAlgorithm m_algorithm = DkimAlgorithm::Rsa;
};

} // namespace mailstead::dkim
