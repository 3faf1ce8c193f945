// CertificateStoreDomains.cpp - the per-domain certificates of
// CertificateStore (see CertificateStore.h)
//
// <data_dir>/tls/domains/<domain>/fullchain.pem and privkey.pem, 0600 in
// 0700 directories like the main certificate. A directory whose files do
// not read as a chain and its key is skipped with a warning, so one damaged
// domain never takes the others (or the main certificate) down.
//
// SECURITY: the files are the daemon's own; the domain names come from an
// authorized administrator and are checked by the caller (CertMethods.cpp)
// and again here before they become a path.
#include "CertificateImport.h"
#include "CertificateStore.h"
#include "core/Log.h"

#include <algorithm>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace mailstead::tls {
namespace {

constexpr QFileDevice::Permissions ownerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions ownerOnlyDir = ownerOnlyFile | QFileDevice::ExeOwner;

// An A-label domain in lower case: what may name a directory here.
bool safeDomainName(const QString &domain) {
    static const QRegularExpression pattern(
        u"^[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))+$"_s);
    return domain.size() <= 253 && pattern.match(domain).hasMatch();
}

bool writeOwnerOnly(const QString &path, const QByteArray &content, QString *error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    file.setPermissions(ownerOnlyFile);
    file.write(content);
    if (!file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

bool namesDomain(const QString &name, const QString &domain) {
    const QString lower = name.toLower();
    return lower == domain || lower.endsWith(u'.' + domain);
}

} // namespace

QString CertificateStore::domainDir(const QString &domain) const {
    return m_tlsDir + u"/domains/"_s + domain;
}

QList<CertificateStore::DomainCertificate> CertificateStore::readDomainCertificates() const {
    QList<DomainCertificate> domains;
    const QDir root(m_tlsDir + u"/domains"_s);
    const QStringList entries = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &domain : entries) {
        if (!safeDomainName(domain))
            continue;
        const QString dir = domainDir(domain);
        DomainCertificate entry;
        entry.domain = domain;
        entry.chain = QSslCertificate::fromPath(dir + u"/fullchain.pem"_s);
        QFile keyFile(dir + u"/privkey.pem"_s);
        if (keyFile.open(QIODevice::ReadOnly))
            entry.key = readPemKey(keyFile.readAll());
        if (entry.chain.isEmpty() || entry.key.isNull()) {
            qCWarning(core::lcCore).noquote() << "skipping the certificate of" << domain
                                              << ": cannot read its chain and key in" << dir;
            continue;
        }
        domains.append(entry);
    }
    return domains;
}

bool CertificateStore::installDomains(const QList<DomainCertificate> &read) {
    QList<DomainCertificate> domains = read;
    // The longest domain first: "mail.a.test"'s certificate wins over
    // "a.test"'s for names both cover.
    std::stable_sort(domains.begin(), domains.end(),
                     [](const DomainCertificate &a, const DomainCertificate &b) {
                         return a.domain.size() > b.domain.size();
                     });
    QMutexLocker lock(&m_mutex);
    if (domains == m_domains)
        return false;
    for (DomainCertificate &domain : domains) {
        domain.config = baseServerConfiguration(m_profile);
        domain.config.setLocalCertificateChain(domain.chain);
        domain.config.setPrivateKey(domain.key);
    }
    m_domains = domains;
    return true;
}

bool CertificateStore::importForDomain(const QString &domain, const QByteArray &chainPem,
                                       const QByteArray &keyPem, QString *error) {
    if (!safeDomainName(domain)) {
        *error = u"\"%1\" is not a domain name"_s.arg(domain);
        return false;
    }
    const ImportedCertificate checked =
        checkCertificateImport(chainPem, keyPem, {}, QDateTime::currentDateTimeUtc());
    if (!checked.ok) {
        *error = checked.error;
        return false;
    }
    const QStringList sans = checked.chain.first().subjectAlternativeNames().values(QSsl::DnsEntry);
    const bool covers = std::any_of(sans.begin(), sans.end(), [&](const QString &san) {
        return namesDomain(san.startsWith(u"*."_s) ? san.mid(2) : san, domain);
    });
    if (!covers) {
        *error = u"the certificate names nothing in %1 (it names: %2)"_s.arg(
            domain, sans.isEmpty() ? u"no DNS names"_s : sans.join(u", "_s));
        return false;
    }
    const QString dir = domainDir(domain);
    if (!QDir().mkpath(dir)) {
        *error = u"cannot create %1"_s.arg(dir);
        return false;
    }
    for (const QString &path : {m_tlsDir, QString(m_tlsDir + u"/domains"_s), dir})
        QFile::setPermissions(path, ownerOnlyDir);
    // The key first, as for the main certificate.
    if (!writeOwnerOnly(dir + u"/privkey.pem"_s, checked.keyPem, error) ||
        !writeOwnerOnly(dir + u"/fullchain.pem"_s, checked.chainPem, error))
        return false;
    if (installDomains(readDomainCertificates()))
        Q_EMIT reloaded();
    qCInfo(core::lcCore, "installed a certificate for %s covering %s issued by %s",
           qUtf8Printable(domain), qUtf8Printable(sans.join(u", ")),
           qUtf8Printable(checked.chain.first().issuerDisplayName()));
    return true;
}

bool CertificateStore::removeDomain(const QString &domain, QString *error) {
    const QString dir = domainDir(domain);
    if (!safeDomainName(domain) || !QFileInfo::exists(dir)) {
        *error = u"%1 has no certificate of its own"_s.arg(domain);
        return false;
    }
    if (!QDir(dir).removeRecursively()) {
        *error = u"cannot remove %1"_s.arg(dir);
        return false;
    }
    if (installDomains(readDomainCertificates()))
        Q_EMIT reloaded();
    qCInfo(core::lcCore, "removed the certificate of %s", qUtf8Printable(domain));
    return true;
}

} // namespace mailstead::tls
