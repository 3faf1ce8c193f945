// ConfigStore.h - config.db: domains, alias domains, mailboxes, aliases
//
// SQLite in WAL mode with a versioned schema (Migrations.h). Every mutating
// call validates first and then writes in one transaction: it either fully
// succeeds or changes nothing. Failures are StoreError values that the admin
// IPC maps 1:1 to JSON-RPC errors.
//
// Policy decided here (docs/ipc.md repeats it for users):
// - domain names are stored as lower-case A-labels; lookups of local parts
//   are case-insensitive (a mailbox "Alice" and "alice" cannot both exist);
// - an address is either a mailbox or an alias source, never both;
// - a domain quota caps the domain's total usage; a mailbox quota may not
//   exceed its domain's quota; 0 means unlimited;
// - alias sources must be in a primary domain (not an alias domain); targets
//   may be anywhere; a chain of local aliases that comes back to its start is
//   refused (AliasLoop), as are duplicate targets.
#pragma once

#include "ipc/JsonRpc.h"

#include <optional>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <utility>
#include <variant>

namespace mailstead::core {

using StoreError = ipc::RpcError;

template <typename T> class StoreResult {
public:
    StoreResult(T value)
        : m_value(std::move(value)) {}
    StoreResult(StoreError error)
        : m_value(std::move(error)) {}
    bool ok() const { return std::holds_alternative<T>(m_value); }
    const T &value() const { return std::get<T>(m_value); }
    const StoreError &error() const { return std::get<StoreError>(m_value); }

private:
    std::variant<T, StoreError> m_value;
};

struct Done {};

struct Domain {
    qint64 id = 0;
    QString name;        // A-label
    QString nameUnicode; // U-label for display
    QString description;
    qint64 quotaBytes = 0; // 0 = unlimited
    int maxMailboxes = 0;  // 0 = unlimited
    int maxAliases = 0;    // 0 = unlimited
    bool active = true;
    QDateTime created;
    QStringList aliasDomains; // A-labels of domains that deliver as this one
    // Filled by list/get:
    int mailboxCount = 0;
    int aliasCount = 0;
};

struct AliasDomain {
    QString name;   // A-label
    QString target; // A-label of the primary domain
    bool active = true;
    QDateTime created;
};

struct Mailbox {
    qint64 id = 0;
    QString localPart;
    QString domain; // A-label
    QString displayName;
    QString passwordHash;
    qint64 quotaBytes = 0;
    bool active = true;
    QDateTime created;
    QString address() const; // local@domain, local part quoted if needed
};

struct Alias {
    qint64 id = 0;
    QString source; // "local@domain" or "@domain" (catch-all)
    QString domain; // A-label
    QStringList targets;
    bool active = true;
    QDateTime created;
    bool isCatchAll() const { return source.startsWith(u'@'); }
};

struct DomainSpec {
    QString name;
    QString description;
    qint64 quotaBytes = 0;
    int maxMailboxes = 0;
    int maxAliases = 0;
    bool active = true;
};

struct DomainChanges {
    std::optional<QString> description;
    std::optional<qint64> quotaBytes;
    std::optional<int> maxMailboxes;
    std::optional<int> maxAliases;
    std::optional<bool> active;
};

struct MailboxSpec {
    QString address;
    QString displayName;
    QString passwordHash; // already hashed (PasswordHash::hash or imported)
    qint64 quotaBytes = 0;
    bool active = true;
};

struct MailboxChanges {
    std::optional<QString> displayName;
    std::optional<QString> passwordHash;
    std::optional<qint64> quotaBytes;
    std::optional<bool> active;
};

struct AliasSpec {
    QString source;
    QStringList targets;
    bool active = true;
};

struct AliasChanges {
    std::optional<QStringList> targets;
    std::optional<bool> active;
};

// Metadata of a DKIM key; the key itself is a file (dkim/DkimKeyStore.h).
struct DkimKeyRecord {
    QString domain;    // A-label
    QString selector;  // lower case
    QString algorithm; // "rsa" or "ed25519"
    int bits = 0;
    QDateTime created;
};

// A send-as grant (ConfigStoreSendAs.cpp): the mailbox may submit mail
// with `address` as envelope sender and header From. `address` is
// "local@domain" or "@domain" for every address of a domain (local or not).
struct SendAsGrant {
    QString mailbox; // the mailbox's address as stored
    QString address; // local part as written, domain as A-label
    QDateTime created;
    bool isDomain() const { return address.startsWith(u'@'); }
};

struct StoreCounts {
    int domains = 0;
    int aliasDomains = 0;
    int mailboxes = 0;
    int aliases = 0;
};

class ConfigStore {
public:
    // Opens (creating if needed) and migrates config.db. On failure, error()
    // says why (e.g. "config.db has schema version 7, this mailsteadd knows up
    // to 3") and every other call returns StorageError.
    explicit ConfigStore(const QString &path);
    ~ConfigStore();
    ConfigStore(const ConfigStore &) = delete;
    ConfigStore &operator=(const ConfigStore &) = delete;

    bool isOpen() const;
    QString error() const;
    int schemaVersion() const;

    StoreResult<Domain> addDomain(const DomainSpec &spec);
    StoreResult<AliasDomain> addAliasDomain(const QString &name, const QString &target);
    StoreResult<Domain> updateDomain(const QString &name, const DomainChanges &changes);
    // Refuses (NotEmpty) while mailboxes exist, unless force; force removes
    // the domain's mailboxes, aliases and alias domains too. Removing an alias
    // domain name removes just that alias domain.
    StoreResult<Done> removeDomain(const QString &name, bool force);
    StoreResult<Domain> domain(const QString &name) const;
    QList<Domain> domains() const;
    QList<AliasDomain> aliasDomains() const;

    StoreResult<Mailbox> addMailbox(const MailboxSpec &spec);
    StoreResult<Mailbox> updateMailbox(const QString &address, const MailboxChanges &changes);
    StoreResult<Done> removeMailbox(const QString &address);
    StoreResult<Mailbox> mailbox(const QString &address) const;
    // All mailboxes, or those of one domain (NotFound if the domain is unknown).
    StoreResult<QList<Mailbox>> mailboxes(const QString &domain = {}) const;

    StoreResult<Alias> addAlias(const AliasSpec &spec);
    StoreResult<Alias> updateAlias(const QString &source, const AliasChanges &changes);
    StoreResult<Done> removeAlias(const QString &source);
    StoreResult<Alias> alias(const QString &source) const;
    StoreResult<QList<Alias>> aliases(const QString &domain = {}) const;

    // DKIM key metadata (ConfigStoreDkim.cpp). The domain must be a primary
    // domain (NotFound otherwise); a selector is unique per domain
    // (AlreadyExists). Lists are ordered by domain, then age (oldest first).
    StoreResult<DkimKeyRecord> addDkimKey(const DkimKeyRecord &key);
    StoreResult<QList<DkimKeyRecord>> dkimKeys(const QString &domain = {}) const;
    // Removes one selector, or every key of the domain when selector is
    // empty; returns what went (NotFound when nothing matched).
    StoreResult<QList<DkimKeyRecord>> removeDkimKeys(const QString &domain,
                                                     const QString &selector = {});

    // Send-as grants (ConfigStoreSendAs.cpp). The mailbox must exist
    // (NotFound); the address is an address or "@domain" (InvalidValue
    // otherwise) and may be granted once per mailbox (AlreadyExists).
    // Lists are ordered by mailbox, then address.
    StoreResult<SendAsGrant> addSendAs(const QString &mailbox, const QString &address);
    StoreResult<QList<SendAsGrant>> sendAsGrants(const QString &mailbox = {}) const;
    // Returns the grant as it was stored.
    StoreResult<SendAsGrant> removeSendAs(const QString &mailbox, const QString &address);

    // Key/value settings (ConfigStoreSettings.cpp): nullopt when the key
    // was never set or the store is not open. setSettings writes all pairs
    // in one transaction.
    std::optional<QString> setting(const QString &key) const;
    StoreResult<Done> setSettings(const QList<std::pair<QString, QString>> &values);

    StoreCounts counts() const;

private:
    struct Private;
    Private *d;
};

} // namespace mailstead::core
