// CertificateIssuer.cpp - see CertificateIssuer.h
#include "CertificateIssuer.h"

#include "CertificateStore.h"
#include "core/Log.h"

#include <QFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace mailstead::tls {

CertificateIssuer::CertificateIssuer(CertificateStore *store, AcmeChallengeTable *challenges,
                                     std::function<QStringList()> names, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_names(std::move(names))
    , m_client(challenges) {
    connect(&m_client, &AcmeClient::progress, this, &CertificateIssuer::progress);
    connect(&m_client, &AcmeClient::finished, this, &CertificateIssuer::onFinished);
}

void CertificateIssuer::setSettings(const AcmeSettings &settings) {
    m_settings = settings;
}

bool CertificateIssuer::renewalDue(const QDateTime &notBefore, const QDateTime &notAfter,
                                   const QDateTime &now) {
    const qint64 lifetime = notBefore.secsTo(notAfter);
    return lifetime > 0 && notBefore.secsTo(now) >= lifetime * 2 / 3;
}

bool CertificateIssuer::accountKey(AcmeAccountKey *key, QString *error) {
    const QString path = m_store->tlsDir() + u"/acme-account.pem"_s;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const auto loaded = AcmeAccountKey::fromPem(file.readAll());
        if (!loaded) {
            *error = path + u" is not an ECDSA P-256 key; remove it to register a new account"_s;
            return false;
        }
        *key = *loaded;
        return true;
    }
    const auto made = AcmeAccountKey::generate();
    if (!made) {
        *error = u"cannot generate the ACME account key"_s;
        return false;
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = u"cannot write %1: %2"_s.arg(path, out.errorString());
        return false;
    }
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out.write(made->toPem());
    if (!out.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, out.errorString());
        return false;
    }
    *key = *made;
    return true;
}

bool CertificateIssuer::request(Done done, QString *error) {
    if (m_client.isRunning()) {
        *error = u"a certificate request is already running"_s;
        return false;
    }
    if (m_settings.directoryUrl.isEmpty()) {
        *error = u"no ACME directory is configured ([acme] directory)"_s;
        return false;
    }
    AcmeRequest request;
    request.directoryUrl = m_settings.directoryUrl;
    request.email = m_settings.email;
    request.names = m_names();
    if (!m_settings.caFile.isEmpty()) {
        request.extraCaCertificates = QSslCertificate::fromPath(m_settings.caFile);
        if (request.extraCaCertificates.isEmpty()) {
            *error = u"no certificate in [acme] ca_file %1"_s.arg(m_settings.caFile);
            return false;
        }
    }
    if (!accountKey(&request.accountKey, error))
        return false;
    if (done)
        m_waiting.append(std::move(done));
    qCInfo(core::lcCore, "ACME: requesting a certificate for %s from %s",
           qUtf8Printable(request.names.join(u", "_s)), qUtf8Printable(request.directoryUrl));
    return m_client.start(request);
}

void CertificateIssuer::checkRenewal(const QDateTime &now) {
    const CertificateInfo info = m_store->info();
    if (info.source != u"acme"_s || m_client.isRunning())
        return;
    if (m_nextRetry.isValid() && now < m_nextRetry)
        return;
    if (!renewalDue(info.notBefore, info.notAfter, now))
        return;
    QString error;
    if (!request({}, &error)) {
        m_lastError = error;
        qCWarning(core::lcCore, "ACME renewal: %s", qUtf8Printable(error));
    }
}

void CertificateIssuer::onFinished(bool ok, const QString &error, const QByteArray &chainPem,
                                   const QByteArray &keyPem) {
    QString failure = error;
    if (ok) {
        // The hostname must be covered; the issued chain is checked like an
        // import (key, order, validity) before it replaces anything.
        const QStringList names = m_names();
        if (!m_store->import(chainPem, keyPem, {names.value(0)}, &failure, u"acme"_s))
            failure = u"the issued certificate was not installed: "_s + failure;
    }
    if (failure.isEmpty()) {
        m_lastError.clear();
        m_nextRetry = QDateTime();
        m_retryDelay = renewalRetryBase;
    } else {
        m_lastError = failure;
        m_nextRetry = QDateTime::currentDateTimeUtc().addSecs(
            std::chrono::duration_cast<std::chrono::seconds>(m_retryDelay).count());
        m_retryDelay = std::min<std::chrono::minutes>(m_retryDelay * 2, renewalRetryMax);
    }
    const QList<Done> waiting = std::exchange(m_waiting, {});
    for (const Done &done : waiting)
        done(failure.isEmpty(), failure);
    Q_EMIT finished(failure.isEmpty(), failure);
}

} // namespace mailstead::tls
