// CertificateImport.cpp - see CertificateImport.h
#include "CertificateImport.h"

#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
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

// Largest chain accepted: real chains have two to four certificates.
constexpr int maxChainLength = 10;

ImportedCertificate failure(const QString &error) {
    ImportedCertificate result;
    result.error = error;
    return result;
}

Bio memoryBio(const QByteArray &data) {
    return Bio(BIO_new_mem_buf(data.constData(), int(data.size())));
}

QByteArray bioContents(BIO *bio) {
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

// Refuses to prompt for a pass phrase: an encrypted key is an error.
int noPassword(char *, int, int, void *) {
    return -1;
}

QString describe(const QSslCertificate &certificate, int index) {
    QString name = certificate.subjectInfo(QSslCertificate::CommonName).value(0);
    if (name.isEmpty())
        name = certificate.subjectDisplayName();
    return u"certificate %1 (%2)"_s.arg(index + 1).arg(name);
}

QString isoDate(const QDateTime &time) {
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace

bool certificateCovers(const QSslCertificate &certificate, const QString &name) {
    const QStringList sans = certificate.subjectAlternativeNames().values(QSsl::DnsEntry);
    for (const QString &san : sans) {
        if (san.compare(name, Qt::CaseInsensitive) == 0)
            return true;
        // "*.example.test" covers "mail.example.test", not "example.test"
        // nor "a.mail.example.test" (RFC 6125 section 6.4.3).
        if (san.startsWith("*."_L1) && name.count(u'.') >= 2 &&
            name.section(u'.', 1).compare(san.mid(2), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

ImportedCertificate checkCertificateImport(const QByteArray &chainPem, const QByteArray &keyPem,
                                           const QStringList &requiredNames, const QDateTime &now) {
    // 1. The chain.
    const qsizetype announced = chainPem.count("-----BEGIN CERTIFICATE-----");
    if (announced == 0) {
        if (chainPem.contains("PRIVATE KEY-----"))
            return failure(u"the chain file holds a private key, not certificates: give the "
                           "certificate chain first, then the key"_s);
        return failure(u"no certificate in the chain file (expected PEM blocks "
                       "\"-----BEGIN CERTIFICATE-----\")"_s);
    }
    if (announced > maxChainLength)
        return failure(
            u"the chain has %1 certificates; at most %2 are accepted"_s.arg(announced).arg(
                maxChainLength));
    std::vector<Cert> certificates;
    {
        Bio bio = memoryBio(chainPem);
        while (Cert cert{PEM_read_bio_X509(bio.get(), nullptr, noPassword, nullptr)})
            certificates.push_back(std::move(cert));
        ERR_clear_error();
    }
    if (qsizetype(certificates.size()) != announced)
        return failure(u"certificate %1 in the chain file cannot be read (damaged PEM block)"_s.arg(
            certificates.size() + 1));

    // 2. The key.
    if (keyPem.contains("ENCRYPTED"))
        return failure(u"the private key is encrypted: decrypt it first (for example with "
                       "\"openssl pkey -in KEY -out KEY.plain\")"_s);
    PKey key;
    {
        Bio bio = memoryBio(keyPem);
        key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassword, nullptr));
        ERR_clear_error();
    }
    if (!key) {
        if (keyPem.contains("-----BEGIN CERTIFICATE-----"))
            return failure(u"the key file holds a certificate, not a private key"_s);
        return failure(u"the private key cannot be read (expected an unencrypted PEM RSA, "
                       "ECDSA or Ed25519 key)"_s);
    }
    QSsl::KeyAlgorithm algorithm;
    switch (EVP_PKEY_get_base_id(key.get())) {
    case EVP_PKEY_RSA:
        algorithm = QSsl::Rsa;
        break;
    case EVP_PKEY_EC:
        algorithm = QSsl::Ec;
        break;
    default:
        return failure(u"the private key is neither RSA nor ECDSA; TLS here needs one of those"_s);
    }

    // Re-encode what was parsed, so nothing else in the files is kept.
    ImportedCertificate result;
    {
        Bio out(BIO_new(BIO_s_mem()));
        for (const Cert &cert : certificates)
            PEM_write_bio_X509(out.get(), cert.get());
        result.chainPem = bioContents(out.get());
    }
    {
        Bio out(BIO_new(BIO_s_mem()));
        if (PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
            1)
            return failure(u"the private key cannot be re-encoded"_s);
        result.keyPem = bioContents(out.get());
    }
    result.chain = QSslCertificate::fromData(result.chainPem);
    result.key = QSslKey(result.keyPem, algorithm);
    if (result.chain.size() != qsizetype(certificates.size()) || result.key.isNull())
        return failure(u"the certificate or key is not usable for TLS"_s);

    // 3. The key belongs to the leaf.
    if (X509_check_private_key(certificates.front().get(), key.get()) != 1) {
        ERR_clear_error();
        for (size_t i = 1; i < certificates.size(); ++i) {
            const bool matches = X509_check_private_key(certificates[i].get(), key.get()) == 1;
            ERR_clear_error();
            if (matches)
                return failure(u"the chain is not in order: the key belongs to %1; put the "
                               "server's certificate first, then each issuer"_s.arg(
                                   describe(result.chain[qsizetype(i)], int(i))));
        }
        return failure(u"the private key does not belong to %1: give the key of the first "
                       "certificate in the chain"_s.arg(describe(result.chain.first(), 0)));
    }

    // 4. Each certificate was issued and signed by the next.
    for (size_t i = 0; i + 1 < certificates.size(); ++i) {
        X509 *subject = certificates[i].get();
        X509 *issuer = certificates[i + 1].get();
        const bool issued = X509_check_issued(issuer, subject) == X509_V_OK &&
                            X509_verify(subject, X509_get0_pubkey(issuer)) == 1;
        ERR_clear_error();
        if (!issued)
            return failure(u"%1 did not issue %2: put the chain in order, the server's "
                           "certificate first, then each issuer"_s.arg(
                               describe(result.chain[qsizetype(i) + 1], int(i) + 1),
                               describe(result.chain[qsizetype(i)], int(i))));
    }

    // 5. Valid now.
    for (qsizetype i = 0; i < result.chain.size(); ++i) {
        const QSslCertificate &certificate = result.chain[i];
        if (certificate.expiryDate() < now)
            return failure(u"%1 expired on %2"_s.arg(describe(certificate, int(i)),
                                                     isoDate(certificate.expiryDate())));
        if (certificate.effectiveDate() > now)
            return failure(u"%1 is not valid before %2"_s.arg(
                describe(certificate, int(i)), isoDate(certificate.effectiveDate())));
    }

    // 6. The names.
    for (const QString &name : requiredNames) {
        if (!certificateCovers(result.chain.first(), name)) {
            const QStringList sans =
                result.chain.first().subjectAlternativeNames().values(QSsl::DnsEntry);
            return failure(u"the certificate does not cover %1 (it names: %2)"_s.arg(
                name, sans.isEmpty() ? u"no DNS names"_s : sans.join(u", "_s)));
        }
    }
    result.ok = true;
    return result;
}

} // namespace mailstead::tls
