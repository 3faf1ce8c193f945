// ConfigStoreMailboxes.cpp - the mailboxes of config.db
//
// Adding, changing, removing and listing mailboxes. A mailbox lives in a
// primary domain, never shares its address with an alias, and stays within
// its domain's quota and mailbox limit.
//
// SECURITY: all strings come from IPC clients; they reach SQL only as bound
// values, never spliced into statements.
#include "core/ConfigStore.h"
#include "core/ConfigStorePrivate.h"
#include "validation/Address.h"

using namespace Qt::StringLiterals;

namespace mailstead::core {

using namespace detail;

QString Mailbox::address() const {
    return addressText(localPart, domain);
}

namespace {

constexpr int maxDisplayNameLength = 200;

MailAddress parseMailboxAddress(const QString &text, std::optional<StoreError> *error) {
    const MailAddress address = parseAddress(text);
    if (!address.ok)
        *error = fail(ErrorCode::InvalidValue, sentence(address.error), u"address"_s);
    return address;
}

StoreError mailboxNotFound(const MailAddress &address) {
    return fail(ErrorCode::NotFound, u"There is no mailbox "_s + address.toDisplayString() + u'.',
                u"address"_s);
}

} // namespace

StoreResult<Mailbox> ConfigStore::addMailbox(const MailboxSpec &spec) {
    if (auto error = d->unavailable())
        return *error;
    std::optional<StoreError> invalid;
    const MailAddress address = parseMailboxAddress(spec.address, &invalid);
    if (!invalid)
        invalid = checkText(spec.displayName, maxDisplayNameLength, u"name"_s, u"name"_s);
    if (!invalid)
        invalid = checkNonNegative(spec.quotaBytes, u"quota"_s, u"quota"_s);
    if (!invalid)
        invalid = checkPasswordHash(spec.passwordHash);
    if (invalid)
        return *invalid;

    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    qint64 domainId = 0;
    if (auto error = d->locate(address, u"address"_s, u"mailbox"_s, &domainId))
        return *error;
    QList<Domain> domains;
    if (auto error = d->loadDomains(u"WHERE d.id = ?"_s, {domainId}, &domains))
        return *error;
    const Domain &domain = domains.first();
    const QString key = localKey(address.localPart);

    QSqlQuery query(d->db);
    if (!run(query,
             u"SELECT local_part FROM mailboxes WHERE domain_id = ? AND local_part_key = ?"_s,
             {domainId, key})) {
        return d->sqlError(query);
    }
    if (query.next())
        return fail(ErrorCode::AlreadyExists,
                    u"The mailbox "_s + addressText(query.value(0).toString(), domain.nameUnicode) +
                        u" already exists."_s,
                    u"address"_s);
    if (!run(query, u"SELECT local_part FROM aliases WHERE domain_id = ? AND local_part_key = ?"_s,
             {domainId, key})) {
        return d->sqlError(query);
    }
    if (query.next())
        return fail(ErrorCode::Conflict,
                    u"The address "_s + addressText(query.value(0).toString(), domain.nameUnicode) +
                        u" is already an alias; an address is either a mailbox or an alias."_s,
                    u"address"_s);
    if (domain.quotaBytes > 0 && spec.quotaBytes > domain.quotaBytes)
        return fail(ErrorCode::LimitReached,
                    u"The quota "_s + formatByteSize(spec.quotaBytes) + u" is more than "_s +
                        domain.nameUnicode + u"'s quota of "_s + formatByteSize(domain.quotaBytes) +
                        u'.',
                    u"quota"_s);
    if (domain.maxMailboxes > 0 && domain.mailboxCount >= domain.maxMailboxes)
        return fail(ErrorCode::LimitReached,
                    u"The domain "_s + domain.nameUnicode + u" already has its maximum of "_s +
                        QString::number(domain.maxMailboxes) + u" mailboxes."_s,
                    u"address"_s);

    if (!run(query,
             u"INSERT INTO mailboxes (domain_id, local_part, local_part_key, display_name, "
             "password_hash, quota_bytes, active, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
             {domainId, address.localPart, key, spec.displayName, spec.passwordHash,
              spec.quotaBytes, spec.active ? 1 : 0, QDateTime::currentSecsSinceEpoch()})) {
        return d->sqlError(query);
    }
    const qint64 id = query.lastInsertId().toLongLong();
    QList<Mailbox> added;
    if (auto error = d->loadMailboxes(u"WHERE m.id = ?"_s, {id}, &added))
        return *error;
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return added.value(0);
}

StoreResult<Mailbox> ConfigStore::updateMailbox(const QString &addressInput,
                                                const MailboxChanges &changes) {
    if (auto error = d->unavailable())
        return *error;
    std::optional<StoreError> invalid;
    const MailAddress address = parseMailboxAddress(addressInput, &invalid);
    if (!invalid && changes.displayName)
        invalid = checkText(*changes.displayName, maxDisplayNameLength, u"name"_s, u"name"_s);
    if (!invalid && changes.quotaBytes)
        invalid = checkNonNegative(*changes.quotaBytes, u"quota"_s, u"quota"_s);
    if (!invalid && changes.passwordHash)
        invalid = checkPasswordHash(*changes.passwordHash);
    if (invalid)
        return *invalid;

    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    qint64 domainId = 0;
    if (auto error = d->locate(address, u"address"_s, u"mailbox"_s, &domainId))
        return *error;
    QList<Mailbox> current;
    if (auto error = d->loadMailboxes(u"WHERE m.domain_id = ? AND m.local_part_key = ?"_s,
                                      {domainId, localKey(address.localPart)}, &current)) {
        return *error;
    }
    if (current.isEmpty())
        return mailboxNotFound(address);
    Mailbox mailbox = current.first();

    if (changes.quotaBytes) {
        QList<Domain> domains;
        if (auto error = d->loadDomains(u"WHERE d.id = ?"_s, {domainId}, &domains))
            return *error;
        const Domain &domain = domains.first();
        if (domain.quotaBytes > 0 && *changes.quotaBytes > domain.quotaBytes)
            return fail(ErrorCode::LimitReached,
                        u"The quota "_s + formatByteSize(*changes.quotaBytes) +
                            u" is more than "_s + domain.nameUnicode + u"'s quota of "_s +
                            formatByteSize(domain.quotaBytes) + u'.',
                        u"quota"_s);
    }
    mailbox.displayName = changes.displayName.value_or(mailbox.displayName);
    mailbox.passwordHash = changes.passwordHash.value_or(mailbox.passwordHash);
    mailbox.quotaBytes = changes.quotaBytes.value_or(mailbox.quotaBytes);
    mailbox.active = changes.active.value_or(mailbox.active);

    QSqlQuery query(d->db);
    if (!run(query,
             u"UPDATE mailboxes SET display_name = ?, password_hash = ?, quota_bytes = ?, "
             "active = ? WHERE id = ?"_s,
             {mailbox.displayName, mailbox.passwordHash, mailbox.quotaBytes, mailbox.active ? 1 : 0,
              mailbox.id})) {
        return d->sqlError(query);
    }
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return mailbox;
}

StoreResult<Done> ConfigStore::removeMailbox(const QString &addressInput) {
    if (auto error = d->unavailable())
        return *error;
    std::optional<StoreError> invalid;
    const MailAddress address = parseMailboxAddress(addressInput, &invalid);
    if (invalid)
        return *invalid;

    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    qint64 domainId = 0;
    if (auto error = d->locate(address, u"address"_s, u"mailbox"_s, &domainId))
        return *error;
    QSqlQuery query(d->db);
    if (!run(query, u"DELETE FROM mailboxes WHERE domain_id = ? AND local_part_key = ?"_s,
             {domainId, localKey(address.localPart)})) {
        return d->sqlError(query);
    }
    if (query.numRowsAffected() == 0)
        return mailboxNotFound(address);
    // Mail to this address now falls to the catch-all, which may lead back.
    if (auto loop = d->checkAliasGraph({}, u"address"_s))
        return *loop;
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return Done{};
}

StoreResult<Mailbox> ConfigStore::mailbox(const QString &addressInput) const {
    if (auto error = d->unavailable())
        return *error;
    std::optional<StoreError> invalid;
    const MailAddress address = parseMailboxAddress(addressInput, &invalid);
    if (invalid)
        return *invalid;
    ReadTransaction snapshot(d->db);
    qint64 domainId = 0;
    if (auto error = d->locate(address, u"address"_s, u"mailbox"_s, &domainId))
        return *error;
    QList<Mailbox> found;
    if (auto error = d->loadMailboxes(u"WHERE m.domain_id = ? AND m.local_part_key = ?"_s,
                                      {domainId, localKey(address.localPart)}, &found)) {
        return *error;
    }
    if (found.isEmpty())
        return mailboxNotFound(address);
    return found.first();
}

StoreResult<QList<Mailbox>> ConfigStore::mailboxes(const QString &domainText) const {
    if (auto error = d->unavailable())
        return *error;
    ReadTransaction snapshot(d->db);
    QList<Mailbox> result;
    if (domainText.isEmpty()) {
        if (auto error = d->loadMailboxes({}, {}, &result))
            return *error;
        return result;
    }
    const DomainName name = parseDomain(domainText);
    if (!name.ok)
        return fail(ErrorCode::InvalidValue, sentence(name.error), u"domain"_s);
    MailAddress inDomain;
    inDomain.domain = name.ace;
    qint64 domainId = 0;
    if (auto error = d->locate(inDomain, u"domain"_s, u"mailbox"_s, &domainId))
        return *error;
    if (auto error = d->loadMailboxes(u"WHERE m.domain_id = ?"_s, {domainId}, &result))
        return *error;
    return result;
}

} // namespace mailstead::core
