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

    void setProfile(TlsProfile profile);
    QSslConfiguration serverConfiguration() const;
    CertificateInfo info() const;
    QString tlsDir() const { return m_tlsDir; }

Q_SIGNALS:
    void reloaded();

private:
    bool writeFiles(const QByteArray &chainPem, const QByteArray &keyPem, const QString &source,
                    QString *error);
    void install(const QList<QSslCertificate> &chain, const QSslKey &key, const QString &source);

    QString m_tlsDir;
    mutable QMutex m_mutex;
    TlsProfile m_profile = TlsProfile::Intermediate;
    QList<QSslCertificate> m_chain;
    QSslKey m_key;
    QString m_source;
    QSslConfiguration m_config;
};

} // namespace mailstead::tls
