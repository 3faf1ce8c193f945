// SelfSignedIssuer.cpp - see SelfSignedIssuer.h
#include "SelfSignedIssuer.h"

#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace mailstead::tls {
namespace {

template <typename T, void (*Free)(T *)> struct Deleter {
    void operator()(T *p) const { Free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Ext = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

QByteArray bioContents(BIO *bio) {
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

bool addExtension(X509 *cert, int nid, const QByteArray &value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    Ext ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData()));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

IssuedCertificate failure(const QString &what) {
    IssuedCertificate result;
    result.error = what;
    return result;
}

} // namespace

IssuedCertificate issueSelfSigned(const QStringList &names, const QDateTime &notBefore,
                                  int validDays) {
    if (names.isEmpty())
        return failure(u"a certificate needs at least one name"_s);

    PKey key(EVP_EC_gen("P-256"));
    if (!key)
        return failure(u"cannot generate an ECDSA P-256 key"_s);

    Cert cert(X509_new());
    X509_set_version(cert.get(), 2); // v3
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f; // positive, RFC 5280 4.1.2.2
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);

    const time_t start = time_t(notBefore.toSecsSinceEpoch());
    ASN1_TIME_set(X509_getm_notBefore(cert.get()), start);
    ASN1_TIME_adj(X509_getm_notAfter(cert.get()), start, validDays, 0);
    X509_set_pubkey(cert.get(), key.get());

    const QByteArray cn = names.first().toUtf8().left(64);
    X509_NAME *subject = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("Mailstead self-signed"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), subject);

    QByteArray san;
    for (const QString &name : names) {
        if (!san.isEmpty())
            san += ',';
        san += "DNS:" + name.toUtf8();
    }
    if (!addExtension(cert.get(), NID_subject_alt_name, san) ||
        !addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(cert.get(), NID_key_usage, "critical,digitalSignature") ||
        !addExtension(cert.get(), NID_ext_key_usage, "serverAuth") ||
        !addExtension(cert.get(), NID_subject_key_identifier, "hash"))
        return failure(u"cannot add X.509 extensions for %1"_s.arg(names.join(u", ")));

    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return failure(u"cannot sign the certificate"_s);

    Bio certBio(BIO_new(BIO_s_mem()));
    Bio keyBio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509(certBio.get(), cert.get()) != 1 ||
        PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
            1)
        return failure(u"cannot encode the certificate as PEM"_s);

    IssuedCertificate result;
    result.ok = true;
    result.certificatePem = bioContents(certBio.get());
    result.privateKeyPem = bioContents(keyBio.get());
    return result;
}

} // namespace mailstead::tls
