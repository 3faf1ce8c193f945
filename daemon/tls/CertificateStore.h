// CertificateStore.h - the one certificate store behind every TLS listener
//
// Keeps <data_dir>/tls/fullchain.pem and privkey.pem (0600) and, in
// source, where they came from ("imported" or "acme"; a self-signed
// certificate is recognised by its names). On first start, or when the
// self-signed certificate no longer covers every name or is about to
// expire, it issues a new self-signed one (SelfSignedIssuer). An imported or
// ACME certificate is never replaced behind the administrator's back.
// Other threads take the current configuration with serverConfiguration(),
// a copy made under a lock: connections accepted after a reload get the new
// certificate, open ones keep the session they have (hot reload without
// dropping anything).
//
// Per-domain certificates (an administrator's, for one mail domain's names)
// live in <data_dir>/tls/domains/<domain>/ and are served to clients whose
// TLS server_name (RFC 6066 section 3) they cover; every other client gets
// the main certificate. load() reads them again, so SIGHUP reloads them too.
#pragma once

#include "TlsProfile.h"

#include <QDateTime>
#include <QMutex>
#include <QObject>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStringList>

namespace mailstead::tls {

struct CertificateInfo {
    QString subject;
    QStringList names; // subjectAltName DNS entries
    QString issuer;
    QDateTime notBefore;
    QDateTime notAfter;
    bool selfSigned = false;
    QString source; // "self-signed", "imported" or "acme"
    QString domain; // a per-domain certificate's domain; empty for the main one
};

class CertificateStore : public QObject {
    Q_OBJECT
public:
    // Renew a self-signed certificate this long before it expires.
    static constexpr int selfSignedRenewDays = 30;

    explicit CertificateStore(const QString &tlsDir, QObject *parent = nullptr);

    // Loads the stored chain and key, issuing a self-signed certificate for
    // names when there is none (or the self-signed one must be replaced).
    bool load(const QStringList &names, QString *error);

    // Replaces the certificate with a chain and key after
    // checkCertificateImport (CertificateImport.h); *error says what to fix.
    // source: "imported" (an administrator's files) or "acme".
    bool import(const QByteArray &chainPem, const QByteArray &keyPem,
                const QStringList &requiredNames, QString *error,
                const QString &source = QStringLiteral("imported"));
    // Replaces whatever is installed with a new self-signed certificate.
    bool replaceWithSelfSigned(const QStringList &names, QString *error);

    // Installs an administrator's chain and key for one domain (A-label,
    // lower case), checked as import() does; at least one of its names must
    // be the domain or below it. Replaces the domain's previous one.
    bool importForDomain(const QString &domain, const QByteArray &chainPem,
                         const QByteArray &keyPem, QString *error);
    // False (and *error) when the domain has no certificate of its own.
    bool removeDomain(const QString &domain, QString *error);

    void setProfile(TlsProfile profile);
    // The configuration for a client asking for serverName: the per-domain
    // certificate covering it, else the main one (also for an empty name).
    QSslConfiguration serverConfiguration(const QString &serverName = QString()) const;
    CertificateInfo info() const;
    QList<CertificateInfo> domainInfos() const; // ordered by domain
    QString tlsDir() const { return m_tlsDir; }

Q_SIGNALS:
    void reloaded();

private:
    bool writeFiles(const QByteArray &chainPem, const QByteArray &keyPem, const QString &source,
                    QString *error);
    void install(const QList<QSslCertificate> &chain, const QSslKey &key, const QString &source);
    // CertificateStoreDomains.cpp
    struct DomainCertificate {
        QString domain;
        QList<QSslCertificate> chain;
        QSslKey key;
        QSslConfiguration config;
        bool operator==(const DomainCertificate &other) const {
            return domain == other.domain && chain == other.chain && key == other.key;
        }
    };
    QString domainDir(const QString &domain) const;
    QList<DomainCertificate> readDomainCertificates() const;
    // Takes m_mutex; true when something changed.
    bool installDomains(const QList<DomainCertificate> &domains);

    QString m_tlsDir;
    mutable QMutex m_mutex;
    TlsProfile m_profile = TlsProfile::Intermediate;
    QList<QSslCertificate> m_chain;
    QSslKey m_key;
    QString m_source;
    QSslConfiguration m_config;
    QList<DomainCertificate> m_domains; // longest domain first, so the closest match wins
};

// Reads a PEM private key of any type QSslKey knows (EC, RSA).
QSslKey readPemKey(const QByteArray &pem);

} // namespace mailstead::tls
