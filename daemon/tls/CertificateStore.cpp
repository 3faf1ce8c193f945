// CertificateStore.cpp - see CertificateStore.h
#include "CertificateStore.h"

#include "CertificateImport.h"
#include "core/Log.h"
#include "SelfSignedIssuer.h"

#include <algorithm>
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

QString sourcePath(const QString &dir) {
    return dir + u"/source"_s;
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

QSslKey readPemKey(const QByteArray &pem) {
    QSslKey key(pem, QSsl::Ec);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Rsa);
    return key;
}

CertificateStore::CertificateStore(const QString &tlsDir, QObject *parent)
    : QObject(parent)
    , m_tlsDir(tlsDir) {}

bool CertificateStore::writeFiles(const QByteArray &chainPem, const QByteArray &keyPem,
                                  const QString &source, QString *error) {
    if (!QDir().mkpath(m_tlsDir)) {
        *error = u"cannot create %1"_s.arg(m_tlsDir);
        return false;
    }
    QFile::setPermissions(m_tlsDir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // The key first, so a crash never leaves a certificate without its key;
    // the source last (a lost one only makes the status say "imported" for
    // an ACME certificate, never the other way round).
    const std::pair<QString, QByteArray> files[] = {{keyPath(m_tlsDir), keyPem},
                                                    {chainPath(m_tlsDir), chainPem},
                                                    {sourcePath(m_tlsDir), source.toUtf8()}};
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
    if (keyFile.open(QIODevice::ReadOnly))
        key = readPemKey(keyFile.readAll());

    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool needSelfSigned = chain.isEmpty() || key.isNull();
    if (!needSelfSigned && isSelfSigned(chain.first())) {
        bool coversAll = true;
        for (const QString &name : names)
            coversAll = coversAll && certificateCovers(chain.first(), name);
        needSelfSigned =
            !coversAll || chain.first().expiryDate() < now.addDays(selfSignedRenewDays);
    }
    if (needSelfSigned) {
        const IssuedCertificate issued = issueSelfSigned(names, now.addSecs(-3600));
        if (!issued.ok) {
            *error = issued.error;
            return false;
        }
        if (!writeFiles(issued.certificatePem, issued.privateKeyPem, u"self-signed"_s, error))
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

    QString source;
    QFile sourceFile(sourcePath(m_tlsDir));
    if (sourceFile.open(QIODevice::ReadOnly))
        source = QString::fromUtf8(sourceFile.readAll()).trimmed();
    const bool domainsChanged = installDomains(readDomainCertificates());
    bool mainChanged = true;
    {
        // The periodic check reloads what is already installed: nothing to
        // hand to the listeners then.
        QMutexLocker lock(&m_mutex);
        mainChanged = !(chain == m_chain && key == m_key && source == m_source);
    }
    if (mainChanged)
        install(chain, key, source);
    else if (domainsChanged)
        Q_EMIT reloaded();
    return true;
}

bool CertificateStore::import(const QByteArray &chainPem, const QByteArray &keyPem,
                              const QStringList &requiredNames, QString *error,
                              const QString &source) {
    const ImportedCertificate checked =
        checkCertificateImport(chainPem, keyPem, requiredNames, QDateTime::currentDateTimeUtc());
    if (!checked.ok) {
        *error = checked.error;
        return false;
    }
    if (!writeFiles(checked.chainPem, checked.keyPem, source, error))
        return false;
    install(checked.chain, checked.key, source);
    qCInfo(core::lcCore, "installed a certificate (%s) for %s issued by %s", qUtf8Printable(source),
           qUtf8Printable(
               checked.chain.first().subjectAlternativeNames().values(QSsl::DnsEntry).join(u", ")),
           qUtf8Printable(checked.chain.first().issuerDisplayName()));
    return true;
}

bool CertificateStore::replaceWithSelfSigned(const QStringList &names, QString *error) {
    const IssuedCertificate issued =
        issueSelfSigned(names, QDateTime::currentDateTimeUtc().addSecs(-3600));
    if (!issued.ok) {
        *error = issued.error;
        return false;
    }
    if (!writeFiles(issued.certificatePem, issued.privateKeyPem, u"self-signed"_s, error))
        return false;
    install(QSslCertificate::fromData(issued.certificatePem),
            QSslKey(issued.privateKeyPem, QSsl::Ec), u"self-signed"_s);
    qCInfo(core::lcCore, "issued a self-signed certificate for %s",
           qUtf8Printable(names.join(u", ")));
    return true;
}

void CertificateStore::install(const QList<QSslCertificate> &chain, const QSslKey &key,
                               const QString &source) {
    {
        QMutexLocker lock(&m_mutex);
        m_chain = chain;
        m_key = key;
        m_source = source;
        m_config = baseServerConfiguration(m_profile);
        m_config.setLocalCertificateChain(m_chain);
        m_config.setPrivateKey(m_key);
    }
    Q_EMIT reloaded();
}

void CertificateStore::setProfile(TlsProfile profile) {
    QMutexLocker lock(&m_mutex);
    m_profile = profile;
    for (DomainCertificate &domain : m_domains) {
        domain.config = baseServerConfiguration(m_profile);
        domain.config.setLocalCertificateChain(domain.chain);
        domain.config.setPrivateKey(domain.key);
    }
    if (m_chain.isEmpty())
        return;
    m_config = baseServerConfiguration(m_profile);
    m_config.setLocalCertificateChain(m_chain);
    m_config.setPrivateKey(m_key);
}

QSslConfiguration CertificateStore::serverConfiguration(const QString &serverName) const {
    QMutexLocker lock(&m_mutex);
    if (!serverName.isEmpty()) {
        for (const DomainCertificate &domain : m_domains) {
            if (certificateCovers(domain.chain.first(), serverName))
                return domain.config;
        }
    }
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
    // A chain whose source file was lost (or predates it) is named by what
    // it is: self-signed, or otherwise imported.
    info.source = info.selfSigned         ? u"self-signed"_s
                  : m_source == u"acme"_s ? m_source
                                          : u"imported"_s;
    return info;
}

QList<CertificateInfo> CertificateStore::domainInfos() const {
    QMutexLocker lock(&m_mutex);
    QList<CertificateInfo> infos;
    for (const DomainCertificate &domain : m_domains) {
        const QSslCertificate &leaf = domain.chain.first();
        CertificateInfo info;
        info.domain = domain.domain;
        info.subject = leaf.subjectDisplayName();
        info.names = leaf.subjectAlternativeNames().values(QSsl::DnsEntry);
        info.issuer = leaf.issuerDisplayName();
        info.notBefore = leaf.effectiveDate().toUTC();
        info.notAfter = leaf.expiryDate().toUTC();
        info.selfSigned = isSelfSigned(leaf);
        info.source = u"imported"_s;
        infos.append(info);
    }
    std::sort(infos.begin(), infos.end(), [](const CertificateInfo &a, const CertificateInfo &b) {
        return a.domain < b.domain;
    });
    return infos;
}

} // namespace mailstead::tls
