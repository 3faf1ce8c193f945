// tst_acmecrypto.cpp - the ACME client's cryptography checked with OpenSSL:
// JWK and RFC 7638 thumbprint, ES256 flattened JWS (signature verified),
// key authorization, the CSR, and when a renewal is due.
#include "tls/AcmeCrypto.h"
#include "tls/CertificateIssuer.h"

#include <openssl/bio.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::tls;

namespace {

QByteArray fromBase64Url(const QString &text) {
    return QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding |
                                                       QByteArray::AbortOnBase64DecodingErrors);
}

QJsonObject decodeJson(const QString &base64url) {
    return QJsonDocument::fromJson(fromBase64Url(base64url)).object();
}

// Verifies an ES256 JWS signature (R || S) over signingInput with the key.
bool verifyEs256(const QByteArray &keyPem, const QByteArray &signingInput,
                 const QByteArray &signature) {
    BIO *bio = BIO_new_mem_buf(keyPem.constData(), int(keyPem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!key || signature.size() != 64)
        return false;
    const auto *raw = reinterpret_cast<const unsigned char *>(signature.constData());
    ECDSA_SIG *sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(sig, BN_bin2bn(raw, 32, nullptr), BN_bin2bn(raw + 32, 32, nullptr));
    unsigned char *der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig, &der);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok =
        EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
        EVP_DigestVerify(ctx, der, size_t(derLength),
                         reinterpret_cast<const unsigned char *>(signingInput.constData()),
                         size_t(signingInput.size())) == 1;
    EVP_MD_CTX_free(ctx);
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
    EVP_PKEY_free(key);
    return ok;
}

} // namespace

class TestAcmeCrypto : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jwkAndThumbprint();
    void signedRequestWithJwkAndWithKid();
    void refusesOtherKeys();
    void certificateRequest();
    void renewalAtTwoThirds();
};

void TestAcmeCrypto::jwkAndThumbprint() {
    const auto key = AcmeAccountKey::generate();
    QVERIFY(key);
    const QJsonObject jwk = key->jwk();
    QCOMPARE(jwk.value(u"kty"_s).toString(), u"EC"_s);
    QCOMPARE(jwk.value(u"crv"_s).toString(), u"P-256"_s);
    QCOMPARE(fromBase64Url(jwk.value(u"x"_s).toString()).size(), 32);
    QCOMPARE(fromBase64Url(jwk.value(u"y"_s).toString()).size(), 32);
    // RFC 7638 section 3: the required members in lexicographic order, no
    // whitespace, hashed with SHA-256.
    const QByteArray canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" +
                                 jwk.value(u"x"_s).toString().toLatin1() + "\",\"y\":\"" +
                                 jwk.value(u"y"_s).toString().toLatin1() + "\"}";
    QCOMPARE(key->thumbprint(),
             base64Url(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256)));
    QCOMPARE(key->keyAuthorization("tok_EN-1"), "tok_EN-1." + key->thumbprint());
    // The stored key is the same account.
    const auto again = AcmeAccountKey::fromPem(key->toPem());
    QVERIFY(again);
    QCOMPARE(again->thumbprint(), key->thumbprint());
    QCOMPARE(base64Url("\xfb\xff"), "-_8");
}

void TestAcmeCrypto::signedRequestWithJwkAndWithKid() {
    const auto key = AcmeAccountKey::generate();
    QVERIFY(key);
    const QString url = u"https://ca.example/acme/new-acct"_s;
    QJsonObject jws =
        QJsonDocument::fromJson(
            key->signedRequest(url, "nonce-1", {}, R"({"termsOfServiceAgreed":true})"))
            .object();
    QJsonObject header = decodeJson(jws.value(u"protected"_s).toString());
    QCOMPARE(header.value(u"alg"_s).toString(), u"ES256"_s);
    QCOMPARE(header.value(u"nonce"_s).toString(), u"nonce-1"_s);
    QCOMPARE(header.value(u"url"_s).toString(), url);
    QCOMPARE(header.value(u"jwk"_s).toObject(), key->jwk());
    QVERIFY(!header.contains(u"kid"_s));
    QCOMPARE(decodeJson(jws.value(u"payload"_s).toString()).value(u"termsOfServiceAgreed"_s),
             QJsonValue(true));
    const QByteArray input =
        (jws.value(u"protected"_s).toString() + u'.' + jws.value(u"payload"_s).toString())
            .toLatin1();
    QVERIFY(verifyEs256(key->toPem(), input, fromBase64Url(jws.value(u"signature"_s).toString())));
    // A tampered payload does not verify.
    QVERIFY(!verifyEs256(key->toPem(), input + "x",
                         fromBase64Url(jws.value(u"signature"_s).toString())));

    // POST-as-GET with a kid: empty payload, no jwk.
    jws = QJsonDocument::fromJson(
              key->signedRequest(url, "nonce-2", u"https://ca.example/acct/7"_s, {}))
              .object();
    header = decodeJson(jws.value(u"protected"_s).toString());
    QCOMPARE(header.value(u"kid"_s).toString(), u"https://ca.example/acct/7"_s);
    QVERIFY(!header.contains(u"jwk"_s));
    QCOMPARE(jws.value(u"payload"_s).toString(), QString());
    QVERIFY(verifyEs256(key->toPem(), (jws.value(u"protected"_s).toString() + u'.').toLatin1(),
                        fromBase64Url(jws.value(u"signature"_s).toString())));
}

void TestAcmeCrypto::refusesOtherKeys() {
    QVERIFY(!AcmeAccountKey::fromPem("not a key"));
    EVP_PKEY *rsa = EVP_RSA_gen(2048);
    BIO *out = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(out, rsa, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(out, &data);
    const QByteArray pem(data, qsizetype(size));
    BIO_free(out);
    EVP_PKEY_free(rsa);
    QVERIFY(!AcmeAccountKey::fromPem(pem));
}

void TestAcmeCrypto::certificateRequest() {
    const CertificateRequest csr =
        makeCertificateRequest({u"mail.example.test"_s, u"autoconfig.example.test"_s});
    QVERIFY2(csr.ok, qPrintable(csr.error));
    const auto *cursor = reinterpret_cast<const unsigned char *>(csr.csrDer.constData());
    X509_REQ *req = d2i_X509_REQ(nullptr, &cursor, long(csr.csrDer.size()));
    QVERIFY(req);
    EVP_PKEY *publicKey = X509_REQ_get_pubkey(req);
    QCOMPARE(X509_REQ_verify(req, publicKey), 1);
    char cn[256] = {};
    X509_NAME_get_text_by_NID(X509_REQ_get_subject_name(req), NID_commonName, cn, sizeof cn);
    QCOMPARE(QByteArray(cn), "mail.example.test");
    STACK_OF(X509_EXTENSION) *extensions = X509_REQ_get_extensions(req);
    QStringList names;
    for (int i = 0; i < sk_X509_EXTENSION_num(extensions); ++i) {
        X509_EXTENSION *ext = sk_X509_EXTENSION_value(extensions, i);
        if (OBJ_obj2nid(X509_EXTENSION_get_object(ext)) != NID_subject_alt_name)
            continue;
        auto *sans = static_cast<GENERAL_NAMES *>(X509V3_EXT_d2i(ext));
        for (int j = 0; j < sk_GENERAL_NAME_num(sans); ++j) {
            const GENERAL_NAME *name = sk_GENERAL_NAME_value(sans, j);
            if (name->type == GEN_DNS)
                names.append(QString::fromLatin1(
                    reinterpret_cast<const char *>(ASN1_STRING_get0_data(name->d.dNSName))));
        }
        GENERAL_NAMES_free(sans);
    }
    sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
    QCOMPARE(names, QStringList({u"mail.example.test"_s, u"autoconfig.example.test"_s}));
    // The key in keyPem is the CSR's.
    BIO *bio = BIO_new_mem_buf(csr.keyPem.constData(), int(csr.keyPem.size()));
    EVP_PKEY *privateKey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    QVERIFY(privateKey);
    QCOMPARE(EVP_PKEY_eq(privateKey, publicKey), 1);
    EVP_PKEY_free(privateKey);
    EVP_PKEY_free(publicKey);
    X509_REQ_free(req);
    QVERIFY(!makeCertificateRequest({}).ok);
}

void TestAcmeCrypto::renewalAtTwoThirds() {
    const QDateTime issued(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime expires = issued.addDays(90);
    QVERIFY(!CertificateIssuer::renewalDue(issued, expires, issued.addDays(59)));
    QVERIFY(CertificateIssuer::renewalDue(issued, expires, issued.addDays(60)));
    QVERIFY(CertificateIssuer::renewalDue(issued, expires, expires.addDays(1)));
    QVERIFY(!CertificateIssuer::renewalDue(expires, issued, expires)); // nonsense lifetime
}

QTEST_GUILESS_MAIN(TestAcmeCrypto)
#include "tst_acmecrypto.moc"
