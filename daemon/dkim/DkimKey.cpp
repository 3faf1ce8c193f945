// DkimKey.cpp - see DkimKey.h
#include "DkimKey.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace mailstead::dkim {

namespace {

template <typename T, void (*Free)(T *)> struct Deleter {
    void operator()(T *p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

std::shared_ptr<EVP_PKEY> adopt(EVP_PKEY *key) {
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

// The most recent OpenSSL error as text, and the queue emptied.
QString opensslError(const QString &what) {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return what;
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return what + u": "_s + QString::fromLatin1(text);
}

QByteArray bioContents(BIO *bio) {
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

} // namespace

QString algorithmName(DkimAlgorithm algorithm) {
    return algorithm == DkimAlgorithm::Ed25519 ? u"ed25519"_s : u"rsa"_s;
}

std::optional<DkimAlgorithm> parseAlgorithm(const QString &name) {
    if (name == u"rsa")
        return DkimAlgorithm::Rsa;
    if (name == u"ed25519")
        return DkimAlgorithm::Ed25519;
    return std::nullopt;
}

QByteArray signatureAlgorithm(DkimAlgorithm algorithm) {
    return algorithm == DkimAlgorithm::Ed25519 ? "ed25519-sha256"_ba : "rsa-sha256"_ba;
}

DkimPrivateKey::DkimPrivateKey(std::shared_ptr<evp_pkey_st> key, DkimAlgorithm algorithm)
    : m_key(std::move(key))
    , m_algorithm(algorithm) {}

DkimPrivateKey DkimPrivateKey::generate(DkimAlgorithm algorithm, int rsaBits, QString *error) {
    if (algorithm == DkimAlgorithm::Rsa && (rsaBits < minRsaBits || rsaBits > maxRsaBits)) {
        *error = u"RSA keys have "_s + QString::number(minRsaBits) + u" to "_s +
                 QString::number(maxRsaBits) + u" bits."_s;
        return {};
    }
    EVP_PKEY *key = algorithm == DkimAlgorithm::Rsa
                        ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(rsaBits))
                        : EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!key) {
        *error = opensslError(u"Generating the key failed"_s);
        return {};
    }
    return DkimPrivateKey(adopt(key), algorithm);
}

DkimPrivateKey DkimPrivateKey::fromPem(const QByteArray &pem, QString *error) {
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *raw = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!raw) {
        *error = opensslError(u"Not a PEM private key"_s);
        return {};
    }
    std::shared_ptr<EVP_PKEY> key = adopt(raw);
    switch (EVP_PKEY_get_base_id(raw)) {
    case EVP_PKEY_ED25519:
        return DkimPrivateKey(std::move(key), DkimAlgorithm::Ed25519);
    case EVP_PKEY_RSA:
        if (EVP_PKEY_get_bits(raw) < minLoadableRsaBits) {
            *error = u"The RSA key has "_s + QString::number(EVP_PKEY_get_bits(raw)) +
                     u" bits; DKIM needs at least "_s + QString::number(minLoadableRsaBits) +
                     u" (RFC 8301)."_s;
            return {};
        }
        return DkimPrivateKey(std::move(key), DkimAlgorithm::Rsa);
    default:
        *error = u"The key is neither RSA nor Ed25519."_s;
        return {};
    }
}

int DkimPrivateKey::bits() const {
    if (!m_key)
        return 0;
    return m_algorithm == DkimAlgorithm::Ed25519 ? ed25519Bits : EVP_PKEY_get_bits(m_key.get());
}

QByteArray DkimPrivateKey::toPem() const {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!m_key || !bio ||
        PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
            1) {
        ERR_clear_error();
        return {};
    }
    return bioContents(bio.get());
}

QByteArray DkimPrivateKey::publicKeyData() const {
    if (!m_key)
        return {};
    QByteArray data;
    if (m_algorithm == DkimAlgorithm::Ed25519) {
        size_t size = 0;
        if (EVP_PKEY_get_raw_public_key(m_key.get(), nullptr, &size) != 1)
            return {};
        data.resize(qsizetype(size));
        if (EVP_PKEY_get_raw_public_key(m_key.get(), reinterpret_cast<unsigned char *>(data.data()),
                                        &size) != 1)
            return {};
    } else {
        const int size = i2d_PUBKEY(m_key.get(), nullptr);
        if (size <= 0)
            return {};
        data.resize(size);
        auto *out = reinterpret_cast<unsigned char *>(data.data());
        if (i2d_PUBKEY(m_key.get(), &out) != size)
            return {};
    }
    return data.toBase64();
}

QByteArray DkimPrivateKey::sign(const QByteArray &data, QString *error) const {
    if (!m_key) {
        *error = u"No key to sign with."_s;
        return {};
    }
    DigestContext context(EVP_MD_CTX_new());
    // Ed25519 signs the SHA-256 digest of the data (RFC 8463 section 3);
    // RSA hashes inside the signature scheme.
    QByteArray input = data;
    const EVP_MD *digest = EVP_sha256();
    if (m_algorithm == DkimAlgorithm::Ed25519) {
        input = QCryptographicHash::hash(data, QCryptographicHash::Sha256);
        digest = nullptr;
    }
    size_t size = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(input.constData());
    if (!context || EVP_DigestSignInit(context.get(), nullptr, digest, nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &size, in, size_t(input.size())) != 1) {
        *error = opensslError(u"Signing failed"_s);
        return {};
    }
    QByteArray signature(qsizetype(size), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &size,
                       in, size_t(input.size())) != 1) {
        *error = opensslError(u"Signing failed"_s);
        return {};
    }
    signature.truncate(qsizetype(size));
    return signature;
}

} // namespace mailstead::dkim
