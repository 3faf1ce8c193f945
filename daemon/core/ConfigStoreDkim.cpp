// ConfigStoreDkim.cpp - DKIM key metadata in config.db
//
// One row per key: domain, selector, algorithm, size, creation time. The
// private keys themselves are files that dkim/DkimKeyStore writes; rows go
// with their domain (ON DELETE CASCADE), and the key store deletes the
// files. Selectors are checked by the key store, which knows the DKIM rules;
// here they are only lower-cased and looked up.
//
// SECURITY: all strings come from IPC clients; they reach SQL only as bound
// values, never spliced into statements.
#include "core/ConfigStore.h"
#include "core/ConfigStorePrivate.h"

using namespace Qt::StringLiterals;

namespace mailstead::core {

using namespace detail;

namespace {

// These helpers take ConfigStore::Private (a private type, so deduced
// rather than named).

// The primary domain's row for a name given by a client: InvalidValue for
// a malformed name, NotFound for an unknown one or an alias domain.
std::optional<StoreError> locateDomain(auto *d, const QString &domainText, QString *ace,
                                       qint64 *domainId) {
    const DomainName name = parseDomain(domainText);
    if (!name.ok)
        return fail(ErrorCode::InvalidValue, sentence(name.error), u"domain"_s);
    MailAddress inDomain;
    inDomain.domain = name.ace;
    *ace = name.ace;
    if (auto error = d->locate(inDomain, u"domain"_s, u"DKIM key"_s, domainId)) {
        if (error->code == ErrorCode::InvalidValue) // an alias domain
            error->code = ErrorCode::NotFound;
        return error;
    }
    return std::nullopt;
}

std::optional<StoreError> loadKeys(auto *d, const QString &whereSql, const QVariantList &values,
                                   QList<DkimKeyRecord> *out) {
    QSqlQuery query(d->db);
    if (!run(query,
             u"SELECT d.name, k.selector, k.algorithm, k.bits, k.created FROM dkim_keys k "
             "JOIN domains d ON d.id = k.domain_id "_s +
                 whereSql + u" ORDER BY d.name, k.created, k.id"_s,
             values)) {
        return d->sqlError(query);
    }
    while (query.next()) {
        out->append(DkimKeyRecord{query.value(0).toString(), query.value(1).toString(),
                                  query.value(2).toString(), query.value(3).toInt(),
                                  fromUnix(query.value(4))});
    }
    return std::nullopt;
}

} // namespace

StoreResult<DkimKeyRecord> ConfigStore::addDkimKey(const DkimKeyRecord &key) {
    if (auto error = d->unavailable())
        return *error;
    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    DkimKeyRecord added = key;
    added.selector = key.selector.toLower();
    qint64 domainId = 0;
    if (auto error = locateDomain(d, key.domain, &added.domain, &domainId))
        return *error;

    QSqlQuery query(d->db);
    if (!run(query, u"SELECT 1 FROM dkim_keys WHERE domain_id = ? AND selector = ?"_s,
             {domainId, added.selector})) {
        return d->sqlError(query);
    }
    if (query.next())
        return fail(ErrorCode::AlreadyExists,
                    u"The domain "_s + displayDomain(added.domain) +
                        u" already has a DKIM key with selector "_s + added.selector + u'.',
                    u"selector"_s);
    if (!run(query,
             u"INSERT INTO dkim_keys (domain_id, selector, algorithm, bits, created) "
             "VALUES (?, ?, ?, ?, ?)"_s,
             {domainId, added.selector, added.algorithm, added.bits,
              added.created.toSecsSinceEpoch()})) {
        return d->sqlError(query);
    }
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return added;
}

StoreResult<QList<DkimKeyRecord>> ConfigStore::dkimKeys(const QString &domainText) const {
    if (auto error = d->unavailable())
        return *error;
    ReadTransaction snapshot(d->db);
    QList<DkimKeyRecord> result;
    if (domainText.isEmpty()) {
        if (auto error = loadKeys(d, {}, {}, &result))
            return *error;
        return result;
    }
    QString ace;
    qint64 domainId = 0;
    if (auto error = locateDomain(d, domainText, &ace, &domainId))
        return *error;
    if (auto error = loadKeys(d, u"WHERE k.domain_id = ?"_s, {domainId}, &result))
        return *error;
    return result;
}

StoreResult<QList<DkimKeyRecord>> ConfigStore::removeDkimKeys(const QString &domainText,
                                                              const QString &selector) {
    if (auto error = d->unavailable())
        return *error;
    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    QString ace;
    qint64 domainId = 0;
    if (auto error = locateDomain(d, domainText, &ace, &domainId))
        return *error;

    QString where = u"WHERE k.domain_id = ?"_s;
    QVariantList values{domainId};
    if (!selector.isEmpty()) {
        where += u" AND k.selector = ?"_s;
        values.append(selector.toLower());
    }
    QList<DkimKeyRecord> doomed;
    if (auto error = loadKeys(d, where, values, &doomed))
        return *error;
    if (doomed.isEmpty()) {
        if (selector.isEmpty())
            return fail(ErrorCode::NotFound,
                        u"The domain "_s + displayDomain(ace) + u" has no DKIM key."_s,
                        u"domain"_s);
        return fail(ErrorCode::NotFound,
                    u"The domain "_s + displayDomain(ace) + u" has no DKIM key with selector "_s +
                        selector.toLower() + u'.',
                    u"selector"_s);
    }
    QSqlQuery query(d->db);
    const QString sqlDelete = selector.isEmpty()
                                  ? u"DELETE FROM dkim_keys WHERE domain_id = ?"_s
                                  : u"DELETE FROM dkim_keys WHERE domain_id = ? AND selector = ?"_s;
    if (!run(query, sqlDelete, values))
        return d->sqlError(query);
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return doomed;
}

} // namespace mailstead::core
