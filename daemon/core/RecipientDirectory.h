// RecipientDirectory.h - where mail for an address goes
//
// An immutable, in-memory snapshot of the routing part of config.db
// (domains, alias domains, mailboxes, aliases), rebuilt by the main thread
// after every configuration change and read lock-free-ish (a shared_ptr copy
// under a mutex) from I/O threads: an SMTP session never touches SQLite to
// check a recipient.
//
// It also carries the send-as grants, for senderOwnership().
//
// Resolution follows what Postfix does with virtual_alias_maps and
// recipient_delimiter (and what mailcow users expect), in this order:
//   1. alias domains are rewritten to their primary domain;
//   2. the exact address: an alias (expanded) or a mailbox;
//   3. with a recipient delimiter ("user+tag"), the address without the
//      extension: an alias or a mailbox;
//   4. the domain's catch-all alias ("@domain");
//   5. otherwise unknown.
// Alias targets are resolved again the same way (depth limited) and the
// resulting mailboxes are de-duplicated; targets outside local domains are
// returned as external addresses.
//
// SECURITY: addresses come from unauthenticated SMTP peers. Lookups are
// pure hash-map reads with bounded recursion (maxAliasDepth) and bounded
// fan-out (maxExpandedRecipients).
#pragma once

#include <memory>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace mailstead::core {

class ConfigStore;

inline constexpr int maxAliasDepth = 20;
inline constexpr int maxExpandedRecipients = 1000;

struct MailboxTarget {
    qint64 mailboxId = 0;
    QString localPart;           // as stored (original case)
    QString domain;              // A-label
    qint64 quotaBytes = 0;       // 0 = unlimited
    qint64 domainQuotaBytes = 0; // 0 = unlimited
    QString address() const;
    bool operator==(const MailboxTarget &o) const { return mailboxId == o.mailboxId; }
};

struct Resolution {
    enum class Status {
        Local,          // mailboxes (and maybe external targets)
        UnknownUser,    // 550 5.1.1
        Disabled,       // 550 5.2.1: mailbox or domain inactive
        NotLocal,       // the domain is not ours: relaying (554 5.7.1 unless authenticated)
        InvalidAddress, // 501 5.1.3
        TooManyTargets, // alias expansion beyond the limits (451 4.3.0: config problem)
    };
    Status status = Status::UnknownUser;
    QList<MailboxTarget> mailboxes;
    QStringList external; // addresses outside local domains, from aliases
    QString detail;       // human explanation for logs and replies
};

// Why a logged-in mailbox may use an address as its sender (authenticated
// submission, RFC 6409 section 4.3 leaves the policy to the server).
enum class SenderOwnership {
    NotOwned,
    Own,   // the mailbox's address, with or without a +extension, in any alias domain
    Alias, // an alias (not a catch-all) whose expansion delivers to the mailbox
    Grant, // an explicit send-as grant (ConfigStore::addSendAs)
};

struct MailboxCredentials {
    bool found = false;
    bool active = false;
    MailboxTarget mailbox;
    QString passwordHash;
};

class RecipientDirectory {
public:
    RecipientDirectory();
    ~RecipientDirectory();

    // Rebuilds the snapshot from the store (main thread only).
    void reload(const ConfigStore &store);

    // Thread-safe. delimiter: recipient delimiter characters (e.g. "+"; empty disables).
    Resolution resolve(const QString &address,
                       const QString &delimiter = QStringLiteral("+")) const;
    bool isLocalDomain(const QString &domain) const;
    MailboxCredentials credentials(const QString &address) const;
    // Thread-safe. May `mailbox` send as `address`? Catch-all aliases never
    // count: they would let a user claim every unknown address of a domain.
    SenderOwnership senderOwnership(const MailboxTarget &mailbox, const QString &address,
                                    const QString &delimiter = QStringLiteral("+")) const;

    struct Snapshot;

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const Snapshot> m_snapshot;
    std::shared_ptr<const Snapshot> snapshot() const;
};

} // namespace mailstead::core
