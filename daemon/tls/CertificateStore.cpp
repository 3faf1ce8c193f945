// CertificateStore.cpp - see CertificateStore.h
#include "CertificateStore.h"

#include "core/Log.h"
#include "SelfSignedIssuer.h"

#include <QDir>
#include <QFile>
#include <QMutexLocker>
#include <QSaveFile>
#include <QSslKey>

using namespace Qt::StringLiterals;

namespace mailstead::tls {
namespace {

QString chainPath(const QString &dir) {
    return dir + u"/fullchain.pem"_s;
}
QString keyPath(const QString &dir) {
    return dir + u"/privkey.pem"_s;
}

bool covers(const QSslCertificate &cert, const QString &name) {
    const auto sans = cert.subjectAlternativeNames().values(QSsl::DnsEntry);
    for (const QString &san : sans) {
        if (san.compare(name, Qt::CaseInsensitive) == 0)
            return true;
        if (san.startsWith("*."_L1) && name.count(u'.') >= 2 &&
            name.section(u'.', 1).compare(san.mid(2), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// QSslCertificate::isSelfSigned() asks OpenSSL whether the certificate could
// have issued itself, which needs keyCertSign; ours (rightly) lacks it, so
// compare the names instead.
bool isSelfSigned(const QSslCertificate &cert) {
    const QSslCertificate::SubjectInfo attributes[] = {
        QSslCertificate::CommonName, QSslCertificate::Organization,
        QSslCertificate::OrganizationalUnitName, QSslCertificate::CountryName};
    for (auto attribute : attributes) {
        if (cert.issuerInfo(attribute) != cert.subjectInfo(attribute))
            return false;
    }
    return true;
}

} // namespace

CertificateStore::CertificateStore(const QString &tlsDir, QObject *parent)
    : QObject(parent)
    , m_tlsDir(tlsDir) {}

bool CertificateStore::writeFiles(const QByteArray &chainPem, const QByteArray &keyPem,
                                  QString *error) {
    if (!QDir().mkpath(m_tlsDir)) {
        *error = u"cannot create %1"_s.arg(m_tlsDir);
        return false;
    }
    QFile::setPermissions(m_tlsDir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // The key first, so a crash never leaves a certificate without its key.
    const std::pair<QString, QByteArray> files[] = {{keyPath(m_tlsDir), keyPem},
                                                    {chainPath(m_tlsDir), chainPem}};
    for (const auto &[path, content] : files) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
            return false;
        }
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(content);
        if (!file.commit()) {
            *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
            return false;
        }
    }
    return true;
}

bool CertificateStore::load(const QStringList &names, QString *error) {
    QList<QSslCertificate> chain = QSslCertificate::fromPath(chainPath(m_tlsDir));
    QSslKey key;
    QFile keyFile(keyPath(m_tlsDir));
    if (keyFile.open(QIODevice::ReadOnly)) {
        const QByteArray pem = keyFile.readAll();
        key = QSslKey(pem, QSsl::Ec);
        if (key.isNull())
            key = QSslKey(pem, QSsl::Rsa);
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool needSelfSigned = chain.isEmpty() || key.isNull();
    if (!needSelfSigned && isSelfSigned(chain.first())) {
        bool coversAll = true;
        for (const QString &name : names)
            coversAll = coversAll && covers(chain.first(), name);
        needSelfSigned =
            !coversAll || chain.first().expiryDate() < now.addDays(selfSignedRenewDays);
    }
    if (needSelfSigned) {
        const IssuedCertificate issued = issueSelfSigned(names, now.addSecs(-3600));
        if (!issued.ok) {
            *error = issued.error;
            return false;
        }
        if (!writeFiles(issued.certificatePem, issued.privateKeyPem, error))
            return false;
        chain = QSslCertificate::fromData(issued.certificatePem);
        key = QSslKey(issued.privateKeyPem, QSsl::Ec);
        qCInfo(core::lcCore, "issued a self-signed certificate for %s",
               qUtf8Printable(names.join(u", ")));
    }
    if (chain.isEmpty() || key.isNull()) {
        *error = u"cannot read the certificate and key in %1"_s.arg(m_tlsDir);
        return false;
    }

    {
        QMutexLocker lock(&m_mutex);
        m_chain = chain;
        m_key = key;
        m_config = baseServerConfiguration(m_profile);
        m_config.setLocalCertificateChain(m_chain);
        m_config.setPrivateKey(m_key);
    }
    Q_EMIT reloaded();
    return true;
}

void CertificateStore::setProfile(TlsProfile profile) {
    QMutexLocker lock(&m_mutex);
    m_profile = profile;
    if (m_chain.isEmpty())
        return;
    m_config = baseServerConfiguration(m_profile);
    m_config.setLocalCertificateChain(m_chain);
    m_config.setPrivateKey(m_key);
}

QSslConfiguration CertificateStore::serverConfiguration() const {
    QMutexLocker lock(&m_mutex);
    return m_config;
}

CertificateInfo CertificateStore::info() const {
    QMutexLocker lock(&m_mutex);
    CertificateInfo info;
    if (m_chain.isEmpty())
        return info;
    const QSslCertificate &leaf = m_chain.first();
    info.subject = leaf.subjectDisplayName();
    info.names = leaf.subjectAlternativeNames().values(QSsl::DnsEntry);
    info.issuer = leaf.issuerDisplayName();
    info.notBefore = leaf.effectiveDate().toUTC();
    info.notAfter = leaf.expiryDate().toUTC();
    info.selfSigned = isSelfSigned(leaf);
    return info;
}

} // namespace mailstead::tls
