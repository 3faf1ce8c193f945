// AcmeCrypto.cpp - see AcmeCrypto.h
#include "AcmeCrypto.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <QCryptographicHash>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace mailstead::tls {
namespace {

template <typename T, void (*Free)(T *)> struct Deleter {
    void operator()(T *p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Req = std::unique_ptr<X509_REQ, Deleter<X509_REQ, X509_REQ_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using EcSig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

constexpr int coordinateBytes = 32; // P-256

EVP_PKEY *native(const std::shared_ptr<void> &key) {
    return static_cast<EVP_PKEY *>(key.get());
}

std::shared_ptr<void> own(EVP_PKEY *key) {
    return std::shared_ptr<void>(key, [](void *p) { EVP_PKEY_free(static_cast<EVP_PKEY *>(p)); });
}

QByteArray bioContents(BIO *bio) {
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

bool isP256(EVP_PKEY *key) {
    char group[32] = {};
    size_t length = 0;
    return EVP_PKEY_get_base_id(key) == EVP_PKEY_EC &&
           EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                          &length) == 1 &&
           qstrcmp(group, "prime256v1") == 0;
}

QByteArray compactJson(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

QByteArray base64Url(QByteArrayView data) {
    return data.toByteArray().toBase64(QByteArray::Base64UrlEncoding |
                                       QByteArray::OmitTrailingEquals);
}

std::optional<AcmeAccountKey> AcmeAccountKey::generate() {
    EVP_PKEY *key = EVP_EC_gen("P-256");
    if (!key)
        return std::nullopt;
    AcmeAccountKey result;
    result.m_key = own(key);
    return result;
}

std::optional<AcmeAccountKey> AcmeAccountKey::fromPem(const QByteArray &pem) {
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!key)
        return std::nullopt;
    AcmeAccountKey result;
    result.m_key = own(key);
    if (!isP256(key))
        return std::nullopt;
    return result;
}

QByteArray AcmeAccountKey::toPem() const {
    Bio out(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(out.get(), native(m_key), nullptr, nullptr, 0, nullptr, nullptr);
    return bioContents(out.get());
}

QJsonObject AcmeAccountKey::jwk() const {
    // The uncompressed point 0x04 || X || Y.
    unsigned char point[1 + 2 * coordinateBytes];
    size_t length = 0;
    if (EVP_PKEY_get_octet_string_param(native(m_key), OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point,
                                        &length) != 1 ||
        length != sizeof point || point[0] != 0x04)
        return {};
    const auto *bytes = reinterpret_cast<const char *>(point);
    return QJsonObject{
        {u"crv"_s, u"P-256"_s},
        {u"kty"_s, u"EC"_s},
        {u"x"_s, QString::fromLatin1(base64Url(QByteArrayView(bytes + 1, coordinateBytes)))},
        {u"y"_s, QString::fromLatin1(
                     base64Url(QByteArrayView(bytes + 1 + coordinateBytes, coordinateBytes)))},
    };
}

QByteArray AcmeAccountKey::thumbprint() const {
    // QJsonDocument writes keys sorted and without whitespace in Compact
    // mode: exactly RFC 7638's canonical form for these four members.
    return base64Url(QCryptographicHash::hash(compactJson(jwk()), QCryptographicHash::Sha256));
}

QByteArray AcmeAccountKey::keyAuthorization(const QByteArray &token) const {
    return token + '.' + thumbprint();
}

QByteArray AcmeAccountKey::signedRequest(const QString &url, const QByteArray &nonce,
                                         const QString &kid, const QByteArray &payload) const {
    QJsonObject header{
        {u"alg"_s, u"ES256"_s}, {u"nonce"_s, QString::fromLatin1(nonce)}, {u"url"_s, url}};
    if (kid.isEmpty())
        header.insert(u"jwk"_s, jwk());
    else
        header.insert(u"kid"_s, kid);
    const QByteArray protectedPart = base64Url(compactJson(header));
    const QByteArray payloadPart = payload.isEmpty() ? QByteArray() : base64Url(payload);
    const QByteArray signingInput = protectedPart + '.' + payloadPart;

    MdCtx ctx(EVP_MD_CTX_new());
    size_t derLength = 0;
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, native(m_key)) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &derLength,
                       reinterpret_cast<const unsigned char *>(signingInput.constData()),
                       size_t(signingInput.size())) != 1)
        return {};
    QByteArray der(qsizetype(derLength), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(der.data()), &derLength,
                       reinterpret_cast<const unsigned char *>(signingInput.constData()),
                       size_t(signingInput.size())) != 1)
        return {};
    // DER ECDSA-Sig-Value -> R || S, each left-padded to 32 octets.
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    EcSig sig(d2i_ECDSA_SIG(nullptr, &cursor, long(derLength)));
    if (!sig)
        return {};
    QByteArray raw(2 * coordinateBytes, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, coordinateBytes) != coordinateBytes ||
        BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + coordinateBytes, coordinateBytes) !=
            coordinateBytes)
        return {};
    return compactJson(QJsonObject{{u"protected"_s, QString::fromLatin1(protectedPart)},
                                   {u"payload"_s, QString::fromLatin1(payloadPart)},
                                   {u"signature"_s, QString::fromLatin1(base64Url(raw))}});
}

CertificateRequest makeCertificateRequest(const QStringList &names) {
    CertificateRequest result;
    if (names.isEmpty()) {
        result.error = u"a certificate needs at least one name"_s;
        return result;
    }
    const std::shared_ptr<void> key = own(EVP_EC_gen("P-256"));
    if (!key) {
        result.error = u"cannot generate an ECDSA P-256 key"_s;
        return result;
    }
    Req req(X509_REQ_new());
    X509_REQ_set_version(req.get(), 0);
    X509_NAME *subject = X509_REQ_get_subject_name(req.get());
    const QByteArray cn = names.first().toUtf8();
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    QByteArray sans;
    for (const QString &name : names) {
        if (!sans.isEmpty())
            sans += ',';
        sans += "DNS:" + name.toUtf8();
    }
    STACK_OF(X509_EXTENSION) *extensions = sk_X509_EXTENSION_new_null();
    X509_EXTENSION *san =
        X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, sans.constData());
    if (!san) {
        sk_X509_EXTENSION_free(extensions);
        result.error = u"cannot encode the names %1"_s.arg(names.join(u", "_s));
        return result;
    }
    sk_X509_EXTENSION_push(extensions, san);
    X509_REQ_add_extensions(req.get(), extensions);
    sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
    X509_REQ_set_pubkey(req.get(), native(key));
    if (X509_REQ_sign(req.get(), native(key), EVP_sha256()) <= 0) {
        result.error = u"cannot sign the certificate request"_s;
        return result;
    }
    const int length = i2d_X509_REQ(req.get(), nullptr);
    result.csrDer.resize(length);
    auto *out = reinterpret_cast<unsigned char *>(result.csrDer.data());
    i2d_X509_REQ(req.get(), &out);
    Bio pem(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(pem.get(), native(key), nullptr, nullptr, 0, nullptr, nullptr);
    result.keyPem = bioContents(pem.get());
    result.ok = true;
    return result;
}

} // namespace mailstead::tls
