// DkimKeyStore.cpp - see DkimKeyStore.h
#include "DkimKeyStore.h"

#include "core/Log.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <QDir>
#include <QFile>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::dkim {

namespace {

using core::StoreError;
using ipc::ErrorCode;

constexpr mode_t keyDirectoryMode = 0700;
constexpr mode_t keyFileMode = 0600;
// A key file is a few KiB; anything much larger is not one of ours.
constexpr qint64 maxKeyFileBytes = 64 * 1024;

StoreError storageError(const QString &what, int error) {
    return StoreError{
        ErrorCode::StorageError, what + u": "_s + QString::fromLocal8Bit(std::strerror(error)), {}};
}

bool makeDirectory(const QString &path, StoreError *error) {
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), keyDirectoryMode) == 0 || errno == EEXIST)
        return true;
    *error = storageError(u"Cannot create "_s + path, errno);
    return false;
}

bool syncDirectory(const QString &path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// Writes `bytes` to a new file of mode 0600 and fsyncs it.
bool writeSecretFile(const QString &path, const QByteArray &bytes, StoreError *error) {
    const QByteArray native = QFile::encodeName(path);
    ::unlink(native.constData()); // a leftover of an interrupted attempt
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          keyFileMode);
    if (fd < 0) {
        *error = storageError(u"Cannot create "_s + path, errno);
        return false;
    }
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = storageError(u"Cannot write "_s + path, n < 0 ? errno : EIO);
            ::close(fd);
            ::unlink(native.constData());
            return false;
        }
        written += n;
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        *error = storageError(u"Cannot write "_s + path, errno);
        ::unlink(native.constData());
        return false;
    }
    return true;
}

// ConfigStore names the domain parameter "name" in some errors; here it is
// always "domain".
StoreError forDomainParameter(StoreError error) {
    if (error.field == u"name")
        error.field = u"domain"_s;
    return error;
}

} // namespace

DkimKeyStore::DkimKeyStore(QString directory, core::ConfigStore *config, Clock clock)
    : m_directory(std::move(directory))
    , m_config(config)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); })) {}

QString DkimKeyStore::defaultSelector(const QDateTime &now) {
    return u"ms"_s + now.toUTC().toString(u"yyyyMM"_s);
}

QString DkimKeyStore::keyPath(const QString &domainAce, const QString &selector) const {
    return m_directory + u'/' + domainAce + u'/' + selector + u".pem"_s;
}

core::StoreResult<DkimKeyInfo> DkimKeyStore::generate(const DkimKeyRequest &request) {
    const QDateTime now = m_clock();
    const QString selector =
        request.selector.isEmpty() ? defaultSelector(now) : request.selector.toLower();
    if (!isValidSelector(selector))
        return StoreError{ErrorCode::InvalidValue,
                          u"\""_s + request.selector +
                              u"\" is not a selector: use DNS labels of letters, digits and "
                              "hyphens, such as \"mail2026\"."_s,
                          u"selector"_s};
    const auto domain = m_config->domain(request.domain);
    if (!domain.ok())
        return forDomainParameter(domain.error());
    const QString ace = domain.value().name;
    const auto existing = m_config->dkimKeys(ace);
    if (!existing.ok())
        return forDomainParameter(existing.error());
    for (const core::DkimKeyRecord &key : existing.value()) {
        if (key.selector == selector)
            return StoreError{ErrorCode::AlreadyExists,
                              u"The domain "_s + domain.value().nameUnicode +
                                  u" already has a DKIM key with selector "_s + selector +
                                  u"; choose another with --selector."_s,
                              u"selector"_s};
    }

    QString why;
    const DkimPrivateKey key = DkimPrivateKey::generate(request.algorithm, request.rsaBits, &why);
    if (key.isNull())
        return StoreError{request.algorithm == DkimAlgorithm::Rsa &&
                                  (request.rsaBits < minRsaBits || request.rsaBits > maxRsaBits)
                              ? ErrorCode::InvalidValue
                              : ErrorCode::InternalError,
                          why, u"bits"_s};

    StoreError error;
    const QString domainDirectory = m_directory + u'/' + ace;
    if (!makeDirectory(m_directory, &error) || !makeDirectory(domainDirectory, &error))
        return error;
    const QString finalPath = keyPath(ace, selector);
    const QString newPath = domainDirectory + u"/."_s + selector + u".pem.new"_s;
    if (!writeSecretFile(newPath, key.toPem(), &error))
        return error;

    core::DkimKeyRecord record{ace, selector, algorithmName(key.algorithm()), key.bits(),
                               now.toUTC()};
    const auto added = m_config->addDkimKey(record);
    if (!added.ok()) {
        QFile::remove(newPath);
        return forDomainParameter(added.error());
    }
    if (::rename(QFile::encodeName(newPath).constData(),
                 QFile::encodeName(finalPath).constData()) != 0) {
        const int renameError = errno;
        QFile::remove(newPath);
        m_config->removeDkimKeys(ace, selector);
        return storageError(u"Cannot rename "_s + newPath + u" to "_s + finalPath, renameError);
    }
    syncDirectory(domainDirectory);

    DkimKeyInfo info;
    info.record = added.value();
    info.signing = existing.value().isEmpty();
    info.dns = dnsRecordFor(key, ace, selector);
    return info;
}

DkimKeyInfo DkimKeyStore::describe(const core::DkimKeyRecord &record, bool signing) const {
    DkimKeyInfo info;
    info.record = record;
    info.signing = signing;
    const DkimPrivateKey key = loadKey(record, &info.problem);
    if (!key.isNull())
        info.dns = dnsRecordFor(key, record.domain, record.selector);
    return info;
}

DkimPrivateKey DkimKeyStore::loadKey(const core::DkimKeyRecord &record, QString *problem) const {
    const QString path = keyPath(record.domain, record.selector);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = u"Cannot read "_s + path + u": "_s + file.errorString();
        return {};
    }
    const QByteArray pem = file.read(maxKeyFileBytes);
    QString why;
    DkimPrivateKey key = DkimPrivateKey::fromPem(pem, &why);
    if (key.isNull()) {
        *problem = path + u": "_s + why;
        return {};
    }
    if (algorithmName(key.algorithm()) != record.algorithm) {
        *problem = path + u" holds an "_s + algorithmName(key.algorithm()) +
                   u" key, config.db says "_s + record.algorithm + u'.';
        return {};
    }
    return key;
}

core::StoreResult<QList<DkimKeyInfo>> DkimKeyStore::keys(const QString &domain) const {
    const auto records = m_config->dkimKeys(domain);
    if (!records.ok())
        return forDomainParameter(records.error());
    QList<DkimKeyInfo> result;
    QString previousDomain;
    for (const core::DkimKeyRecord &record : records.value()) {
        // Records come oldest first within each domain.
        result.append(describe(record, record.domain != previousDomain));
        previousDomain = record.domain;
    }
    return result;
}

core::StoreResult<QList<core::DkimKeyRecord>> DkimKeyStore::remove(const QString &domain,
                                                                   const QString &selector) {
    const auto removed = m_config->removeDkimKeys(domain, selector);
    if (!removed.ok())
        return forDomainParameter(removed.error());
    for (const core::DkimKeyRecord &record : removed.value()) {
        const QString path = keyPath(record.domain, record.selector);
        if (!QFile::remove(path) && QFile::exists(path))
            qCWarning(core::lcAdmin).noquote()
                << QString(u"cannot delete the DKIM key file "_s + path);
    }
    if (!removed.value().isEmpty())
        QDir(m_directory).rmdir(removed.value().first().domain); // only when empty
    return removed;
}

bool DkimKeyStore::removeDomainFiles(const QString &domainAce, QString *error) {
    // The name comes from config.db, but it becomes a path: refuse anything
    // that could leave the key directory.
    if (domainAce.isEmpty() || domainAce.contains(u'/') || domainAce.startsWith(u'.')) {
        *error = u"\""_s + domainAce + u"\" is not a domain name."_s;
        return false;
    }
    QDir directory(m_directory + u'/' + domainAce);
    if (!directory.exists())
        return true;
    if (directory.removeRecursively())
        return true;
    *error = u"Cannot delete "_s + directory.path();
    return false;
}

std::optional<DkimSigner> DkimKeyStore::signerFor(const QString &domain, QString *error) const {
    const auto records = m_config->dkimKeys(domain);
    if (!records.ok()) {
        *error = records.error().message;
        return std::nullopt;
    }
    if (records.value().isEmpty()) {
        *error = u"The domain "_s + domain + u" has no DKIM key."_s;
        return std::nullopt;
    }
    const core::DkimKeyRecord &oldest = records.value().first();
    DkimPrivateKey key = loadKey(oldest, error);
    if (key.isNull())
        return std::nullopt;
    return DkimSigner(std::move(key), oldest.domain, oldest.selector);
}

DkimSigners DkimKeyStore::signingTable() const {
    DkimSigners table;
    const auto all = keys();
    if (!all.ok()) {
        qCWarning(core::lcAdmin).noquote() << "cannot list DKIM keys:" << all.error().message;
        return table;
    }
    for (const DkimKeyInfo &info : all.value()) {
        if (!info.signing || table.contains(info.record.domain))
            continue;
        QString problem;
        std::optional<DkimSigner> signer = signerFor(info.record.domain, &problem);
        if (!signer) {
            qCWarning(core::lcAdmin).noquote()
                << "mail from" << info.record.domain << "goes unsigned:" << problem;
            continue;
        }
        table.insert(info.record.domain.toLower(),
                     std::make_shared<const DkimSigner>(std::move(*signer)));
    }
    return table;
}

} // namespace mailstead::dkim
