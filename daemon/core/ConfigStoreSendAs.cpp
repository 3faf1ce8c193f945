// ConfigStoreSendAs.cpp - send-as grants in config.db
//
// A grant lets one mailbox submit mail as an address it does not otherwise
// own (its own address, plus-extensions and the aliases that deliver to it
// need no grant; smtp/SubmissionSenderPolicy.h). The address is a full
// address ("sales@example.org") or "@domain" for every address of a domain;
// it need not be local (a user may send as their address at another
// provider, when the admin says so). Rows go with their mailbox (ON DELETE
// CASCADE); the key is the address with its local part lower-cased, as
// mailbox lookups fold case.
//
// SECURITY: all strings come from IPC clients; they reach SQL only as bound
// values. A grant widens what one authenticated user may claim to be, so
// only administrators (the admin socket) can add one.
#include "core/ConfigStore.h"
#include "core/ConfigStorePrivate.h"

using namespace Qt::StringLiterals;

namespace mailstead::core {

using namespace detail;

namespace {

struct GrantAddress {
    QString text; // "local@ace" or "@ace"
    QString key;  // lower case
};

// "local@domain", "@domain" or a bare "domain" (a whole domain).
std::optional<StoreError> parseGrantAddress(const QString &input, GrantAddress *out) {
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return fail(ErrorCode::InvalidValue, u"The send-as address is empty."_s, u"address"_s);
    if (trimmed.startsWith(u'@') || !trimmed.contains(u'@')) {
        const DomainName name = parseDomain(trimmed.startsWith(u'@') ? trimmed.mid(1) : trimmed);
        if (!name.ok)
            return fail(ErrorCode::InvalidValue, sentence(name.error), u"address"_s);
        out->text = u'@' + name.ace;
        out->key = out->text;
        return std::nullopt;
    }
    const MailAddress address = parseAddress(trimmed);
    if (!address.ok)
        return fail(ErrorCode::InvalidValue, sentence(address.error), u"address"_s);
    out->text = address.toString();
    out->key = address.lookupKey();
    return std::nullopt;
}

// The mailbox row for an address given by a client.
std::optional<StoreError> locateMailbox(auto *d, const QString &mailboxText, qint64 *mailboxId,
                                        QString *stored) {
    const MailAddress address = parseAddress(mailboxText);
    if (!address.ok)
        return fail(ErrorCode::InvalidValue, sentence(address.error), u"mailbox"_s);
    qint64 domainId = 0;
    if (auto error = d->locate(address, u"mailbox"_s, u"mailbox"_s, &domainId))
        return error;
    QSqlQuery query(d->db);
    if (!run(query,
             u"SELECT id, local_part FROM mailboxes WHERE domain_id = ? AND local_part_key = ?"_s,
             {domainId, localKey(address.localPart)})) {
        return d->sqlError(query);
    }
    if (!query.next())
        return fail(ErrorCode::NotFound,
                    u"There is no mailbox "_s + address.toDisplayString() + u'.', u"mailbox"_s);
    *mailboxId = query.value(0).toLongLong();
    *stored = addressText(query.value(1).toString(), address.domain);
    return std::nullopt;
}

std::optional<StoreError> loadGrants(auto *d, const QString &whereSql, const QVariantList &values,
                                     QList<SendAsGrant> *out) {
    QSqlQuery query(d->db);
    if (!run(query,
             u"SELECT m.local_part, d.name, s.address, s.created FROM send_as s "
             "JOIN mailboxes m ON m.id = s.mailbox_id JOIN domains d ON d.id = m.domain_id "_s +
                 whereSql + u" ORDER BY d.name, m.local_part_key, s.address_key"_s,
             values)) {
        return d->sqlError(query);
    }
    while (query.next()) {
        out->append(SendAsGrant{addressText(query.value(0).toString(), query.value(1).toString()),
                                query.value(2).toString(), fromUnix(query.value(3))});
    }
    return std::nullopt;
}

} // namespace

StoreResult<SendAsGrant> ConfigStore::addSendAs(const QString &mailbox, const QString &address) {
    if (auto error = d->unavailable())
        return *error;
    GrantAddress grant;
    if (auto error = parseGrantAddress(address, &grant))
        return *error;
    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    qint64 mailboxId = 0;
    QString stored;
    if (auto error = locateMailbox(d, mailbox, &mailboxId, &stored))
        return *error;
    QSqlQuery query(d->db);
    if (!run(query, u"SELECT 1 FROM send_as WHERE mailbox_id = ? AND address_key = ?"_s,
             {mailboxId, grant.key})) {
        return d->sqlError(query);
    }
    if (query.next())
        return fail(ErrorCode::AlreadyExists,
                    u"The mailbox "_s + stored + u" may already send as "_s + grant.text + u'.',
                    u"address"_s);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!run(query,
             u"INSERT INTO send_as (mailbox_id, address, address_key, created) "
             "VALUES (?, ?, ?, ?)"_s,
             {mailboxId, grant.text, grant.key, now.toSecsSinceEpoch()})) {
        return d->sqlError(query);
    }
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return SendAsGrant{stored, grant.text, fromUnix(now.toSecsSinceEpoch())};
}

StoreResult<QList<SendAsGrant>> ConfigStore::sendAsGrants(const QString &mailbox) const {
    if (auto error = d->unavailable())
        return *error;
    ReadTransaction snapshot(d->db);
    QList<SendAsGrant> result;
    if (mailbox.isEmpty()) {
        if (auto error = loadGrants(d, {}, {}, &result))
            return *error;
        return result;
    }
    qint64 mailboxId = 0;
    QString stored;
    if (auto error = locateMailbox(d, mailbox, &mailboxId, &stored))
        return *error;
    if (auto error = loadGrants(d, u"WHERE s.mailbox_id = ?"_s, {mailboxId}, &result))
        return *error;
    return result;
}

StoreResult<SendAsGrant> ConfigStore::removeSendAs(const QString &mailbox, const QString &address) {
    if (auto error = d->unavailable())
        return *error;
    GrantAddress grant;
    if (auto error = parseGrantAddress(address, &grant))
        return *error;
    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    qint64 mailboxId = 0;
    QString stored;
    if (auto error = locateMailbox(d, mailbox, &mailboxId, &stored))
        return *error;
    QList<SendAsGrant> existing;
    if (auto error = loadGrants(d, u"WHERE s.mailbox_id = ? AND s.address_key = ?"_s,
                                {mailboxId, grant.key}, &existing))
        return *error;
    if (existing.isEmpty())
        return fail(ErrorCode::NotFound,
                    u"The mailbox "_s + stored + u" has no send-as grant for "_s + grant.text +
                        u'.',
                    u"address"_s);
    QSqlQuery query(d->db);
    if (!run(query, u"DELETE FROM send_as WHERE mailbox_id = ? AND address_key = ?"_s,
             {mailboxId, grant.key})) {
        return d->sqlError(query);
    }
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return existing.first();
}

} // namespace mailstead::core
