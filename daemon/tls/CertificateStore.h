// CertificateStore.h - the one certificate store behind every TLS listener
//
// Keeps <data_dir>/tls/fullchain.pem and privkey.pem (0600). On first start,
// or when the self-signed certificate no longer covers the hostname or is
// about to expire, it issues a new self-signed one (SelfSignedIssuer). Other
// threads take the current configuration with serverConfiguration(), a
// copy made under a lock, so a reload never disturbs a running handshake.
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

    void setProfile(TlsProfile profile);
    QSslConfiguration serverConfiguration() const;
    CertificateInfo info() const;
    QString tlsDir() const { return m_tlsDir; }

Q_SIGNALS:
    void reloaded();

private:
    bool writeFiles(const QByteArray &chainPem, const QByteArray &keyPem, QString *error);

    QString m_tlsDir;
    mutable QMutex m_mutex;
    TlsProfile m_profile = TlsProfile::Intermediate;
    QList<QSslCertificate> m_chain;
    QSslKey m_key;
    QSslConfiguration m_config;
};

} // namespace mailstead::tls
