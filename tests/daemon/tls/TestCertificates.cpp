// TestCertificates.cpp - see TestCertificates.h
#include "TestCertificates.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace mailstead::tls::test {
namespace {

QByteArray bioContents(BIO *bio) {
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

void addExtension(X509 *cert, X509 *issuer, int nid, const QByteArray &value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData());
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

} // namespace

TestKey::TestKey(const char *type) {
    EVP_PKEY *key = qstrcmp(type, "rsa") == 0 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256");
    native = key;
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    pem = bioContents(bio);
    BIO_free(bio);
}

TestKey::~TestKey() {
    EVP_PKEY_free(static_cast<EVP_PKEY *>(native));
}

TestCertificate::~TestCertificate() {
    X509_free(static_cast<X509 *>(native));
}

void makeCertificate(TestCertificate *out, const CertificateSpec &spec, const TestKey &key,
                     const TestCertificate *issuer, const TestKey *issuerKey) {
    X509 *cert = X509_new();
    X509_set_version(cert, 2);
    unsigned char serial[12];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
    BN_free(bn);
    ASN1_TIME_set(X509_getm_notBefore(cert), time_t(spec.notBefore.toSecsSinceEpoch()));
    ASN1_TIME_set(X509_getm_notAfter(cert), time_t(spec.notAfter.toSecsSinceEpoch()));
    X509_set_pubkey(cert, static_cast<EVP_PKEY *>(key.native));
    X509_NAME *name = X509_get_subject_name(cert);
    const QByteArray cn = spec.commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509 *issuerCert = issuer ? static_cast<X509 *>(issuer->native) : cert;
    X509_set_issuer_name(cert, X509_get_subject_name(issuerCert));
    if (spec.ca) {
        addExtension(cert, issuerCert, NID_basic_constraints, "critical,CA:TRUE");
        addExtension(cert, issuerCert, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        addExtension(cert, issuerCert, NID_basic_constraints, "critical,CA:FALSE");
        addExtension(cert, issuerCert, NID_ext_key_usage, "serverAuth");
    }
    if (!spec.dnsNames.isEmpty()) {
        QByteArray sans;
        for (const QString &dns : spec.dnsNames) {
            if (!sans.isEmpty())
                sans += ',';
            sans += "DNS:" + dns.toUtf8();
        }
        addExtension(cert, issuerCert, NID_subject_alt_name, sans);
    }
    addExtension(cert, issuerCert, NID_subject_key_identifier, "hash");
    EVP_PKEY *signer = static_cast<EVP_PKEY *>(issuerKey ? issuerKey->native : key.native);
    X509_sign(cert, signer, EVP_sha256());
    out->native = cert;
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    out->pem = bioContents(bio);
    BIO_free(bio);
}

QByteArray encryptedKeyPem(const TestKey &key) {
    BIO *bio = BIO_new(BIO_s_mem());
    static const char phrase[] = "secret-phrase";
    PEM_write_bio_PKCS8PrivateKey(bio, static_cast<EVP_PKEY *>(key.native), EVP_aes_256_cbc(),
                                  phrase, int(sizeof phrase - 1), nullptr, nullptr);
    const QByteArray pem = bioContents(bio);
    BIO_free(bio);
    return pem;
}

} // namespace mailstead::tls::test
