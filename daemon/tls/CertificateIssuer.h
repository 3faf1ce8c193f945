// CertificateIssuer.h - ACME issuance and renewal for the certificate store
//
// Owns the ACME client (AcmeClient.h) and the account key
// (<tls dir>/acme-account.pem, 0600, made on first use: RFC 8555 finds the
// account again from its key). request() orders a certificate for the
// daemon's names and installs it in the CertificateStore (source "acme"),
// which every TLS listener reads for its next connection. checkRenewal(),
// called periodically by the daemon, renews an ACME certificate once two
// thirds of its lifetime have passed (Let's Encrypt's advice: 60 of 90
// days); a failed renewal is retried after renewalRetryBase, doubling up to
// renewalRetryMax, while the old certificate keeps serving.
//
// SECURITY: the account key and new certificate keys are written 0600 in
// the tls directory only. The ACME server is reached over verified HTTPS.
#pragma once

#include "AcmeClient.h"

#include <chrono>
#include <functional>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace mailstead::tls {

class AcmeChallengeTable;
class CertificateStore;

inline constexpr std::chrono::minutes renewalRetryBase{60};
inline constexpr std::chrono::hours renewalRetryMax{24};

// config.db settings keys written by cert.request; they override the INI.
inline constexpr QStringView acmeEmailSetting = u"acme.email";
inline constexpr QStringView acmeDirectorySetting = u"acme.directory";

struct AcmeSettings {
    QString directoryUrl;
    QString email;
    QString caFile; // extra CA certificates (PEM) for the ACME server
};

class CertificateIssuer : public QObject {
    Q_OBJECT

public:
    using Done = std::function<void(bool ok, const QString &error)>;

    // store, challenges: not owned. names(): what to order, the hostname
    // first (the hostname is what an issued certificate must cover).
    CertificateIssuer(CertificateStore *store, AcmeChallengeTable *challenges,
                      std::function<QStringList()> names, QObject *parent = nullptr);

    void setSettings(const AcmeSettings &settings);
    AcmeSettings settings() const { return m_settings; }
    bool isRunning() const { return m_client.isRunning(); }
    QString lastError() const { return m_lastError; }
    QDateTime nextRetry() const { return m_nextRetry; }

    // Starts an issuance now; false with *error when one is running or the
    // settings are unusable. done runs once, when it ends.
    bool request(Done done, QString *error);
    // Renews an ACME certificate that is due (and not waiting for a retry).
    void checkRenewal(const QDateTime &now);

    // Two thirds of the lifetime have passed.
    static bool renewalDue(const QDateTime &notBefore, const QDateTime &notAfter,
                           const QDateTime &now);

Q_SIGNALS:
    void progress(const QString &step);
    void finished(bool ok, const QString &error);

private:
    bool accountKey(AcmeAccountKey *key, QString *error);
    void onFinished(bool ok, const QString &error, const QByteArray &chainPem,
                    const QByteArray &keyPem);

    CertificateStore *m_store;
    std::function<QStringList()> m_names;
    AcmeSettings m_settings;
    AcmeClient m_client;
    QList<Done> m_waiting;
    QString m_lastError;
    QDateTime m_nextRetry;
    std::chrono::minutes m_retryDelay = renewalRetryBase;
};

} // namespace mailstead::tls
