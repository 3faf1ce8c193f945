// DkimKeyStore.h - DKIM keys per domain and selector: generate, list, remove
//
// Layout: the private key of selector S of domain D is the PEM file
// <data_dir>/dkim/D/S.pem (D the A-label), mode 0600 in directories of mode
// 0700; its metadata (algorithm, size, creation time) is a row of config.db
// (ConfigStore::addDkimKey). Why both: the row ties the key to its domain
// (removed with it by the schema), orders keys by age and lists them
// without reading secrets; the file keeps the secret out of config.db,
// which more tools read (backups, the sqlite3 shell), with a mode of its
// own, in the PEM form that OpenDKIM or Rspamd read as they are, so users
// can move away without an export step.
//
// Several keys per domain allow rotation: the domain signs with its oldest
// key. To rotate, generate a new key, publish its TXT record, wait for the
// DNS to carry it, then remove the old key; the new one takes over.
//
// The default selector is "ms" and the year and month (ms202611): a new key
// gets a new name without thought, and never collides with an old record
// still cached by resolvers.
//
// SECURITY: parameters come from authorized admin clients; the domain is
// resolved through ConfigStore (only existing primary domains), the
// selector is checked against the DNS label rules before it becomes a file
// name, so no path can leave <data_dir>/dkim. Files are created with
// O_EXCL | O_NOFOLLOW and mode 0600, written and fsynced before they are
// renamed into place.
#pragma once

#include "core/ConfigStore.h"
#include "DkimDnsRecord.h"
#include "DkimKey.h"
#include "DkimSigner.h"
#include "DkimSignerTable.h"

#include <functional>
#include <optional>
#include <QDateTime>
#include <QList>
#include <QString>

namespace mailstead::dkim {

struct DkimKeyRequest {
    QString domain;
    QString selector; // empty: defaultSelector()
    DkimAlgorithm algorithm = DkimAlgorithm::Rsa;
    int rsaBits = defaultRsaBits;
};

struct DkimKeyInfo {
    core::DkimKeyRecord record;
    bool signing = false; // the key the domain signs with (its oldest)
    DkimDnsRecord dns;    // empty when the key file cannot be read
    QString problem;      // why the key file cannot be used, or empty
};

class DkimKeyStore {
public:
    using Clock = std::function<QDateTime()>;

    // directory: <data_dir>/dkim, created on the first key. config: not
    // owned, must outlive the store; used from its thread only.
    DkimKeyStore(QString directory, core::ConfigStore *config, Clock clock = {});

    core::StoreResult<DkimKeyInfo> generate(const DkimKeyRequest &request);
    // Every key, or the keys of one domain (NotFound for an unknown domain).
    core::StoreResult<QList<DkimKeyInfo>> keys(const QString &domain = {}) const;
    // One selector, or all keys of the domain; key files are deleted.
    core::StoreResult<QList<core::DkimKeyRecord>> remove(const QString &domain,
                                                         const QString &selector = {});
    // Deletes the key files of a domain whose rows are already gone (the
    // domain was removed). Returns false with *error when some remain.
    bool removeDomainFiles(const QString &domainAce, QString *error);

    // The signer for mail from `domain` (an A-label), with its oldest key;
    // nullopt with *error when the domain has no usable key. Reads the key
    // file each time: callers keep the signer while the key set is unchanged.
    std::optional<DkimSigner> signerFor(const QString &domain, QString *error) const;

    // The signer of every domain with a usable key (DkimSignerTable.h);
    // domains whose key file cannot be read are left out with a warning.
    DkimSigners signingTable() const;

    QString keyPath(const QString &domainAce, const QString &selector) const;
    static QString defaultSelector(const QDateTime &now);

private:
    DkimKeyInfo describe(const core::DkimKeyRecord &record, bool signing) const;
    // The key file of a record, checked against it; null with *problem.
    DkimPrivateKey loadKey(const core::DkimKeyRecord &record, QString *problem) const;

    QString m_directory;
    core::ConfigStore *m_config;
    Clock m_clock;
};

} // namespace mailstead::dkim
