// ConfigStorePrivate.cpp - the shared internals of ConfigStore
//
// The helpers declared in ConfigStorePrivate.h, the read and write
// transactions, and the ConfigStore::Private members: name lookup, the row
// loaders for domains, mailboxes and aliases, and the alias graph check that
// every change which could close a loop runs before it commits.
//
// SECURITY: all strings come from IPC clients; they reach SQL only as bound
// values, never spliced into statements.
#include "core/ConfigStorePrivate.h"

#include "core/AliasGraph.h"
#include "core/PasswordHash.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace detail {

StoreError fail(ErrorCode code, const QString &message, const QString &field) {
    return StoreError{code, message, field};
}

QString sentence(const QString &clause) {
    if (clause.isEmpty())
        return clause;
    QString result = clause.at(0).toUpper() + clause.mid(1);
    if (!result.endsWith(u'.'))
        result += u'.';
    return result;
}

QString displayDomain(const QString &ace) {
    const DomainName name = parseDomain(ace);
    return name.ok ? name.unicode : ace;
}

QString localKey(const QString &localPart) {
    return localPart.toLower();
}

QString addressText(const QString &localPart, const QString &domainAce) {
    if (localPart.isEmpty())
        return u'@' + domainAce;
    return quoteLocalPartIfNeeded(localPart) + u'@' + domainAce;
}

QDateTime fromUnix(const QVariant &value) {
    return QDateTime::fromSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

std::optional<StoreError> checkText(const QString &text, int maxLength, const QString &what,
                                    const QString &field) {
    if (text.size() > maxLength) {
        return fail(ErrorCode::InvalidValue,
                    u"The "_s + what + u" is longer than "_s + QString::number(maxLength) +
                        u" characters."_s,
                    field);
    }
    // Control characters (CR/LF above all) would let a display name inject
    // header lines wherever it is written into a message.
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return fail(ErrorCode::InvalidValue,
                        u"The "_s + what + u" must not contain control characters."_s, field);
    }
    return std::nullopt;
}

std::optional<StoreError> checkNonNegative(qint64 value, const QString &what,
                                           const QString &field) {
    if (value >= 0)
        return std::nullopt;
    return fail(ErrorCode::InvalidValue, u"The "_s + what + u" must be 0 (unlimited) or more."_s,
                field);
}

std::optional<StoreError> checkPasswordHash(const QString &hash) {
    if (hash.isEmpty())
        return fail(ErrorCode::InvalidValue, u"A password is required."_s, u"password"_s);
    if (PasswordHash::schemeName(hash) == u"unknown")
        return fail(ErrorCode::InvalidValue,
                    u"The password hash is not a yescrypt, bcrypt, SHA512-CRYPT or SHA256-CRYPT "
                    "hash."_s,
                    u"password"_s);
    return std::nullopt;
}

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values) {
    if (!query.prepare(sql))
        return false;
    // Qt binds a null QString as SQL NULL; no column here holds NULL, and an
    // empty local part ('' = catch-all) must compare equal to ''.
    for (const QVariant &value : values) {
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            query.addBindValue(QString(u""_s));
        else
            query.addBindValue(value);
    }
    return query.exec();
}

WriteTransaction::WriteTransaction(QSqlDatabase db)
    : m_db(db) {}

WriteTransaction::~WriteTransaction() {
    if (m_begun && !m_done) {
        QSqlQuery query(m_db);
        query.exec(u"ROLLBACK"_s);
    }
}

bool WriteTransaction::begin(QSqlError *error) {
    return step(u"BEGIN IMMEDIATE"_s, error, &m_begun);
}

bool WriteTransaction::commit(QSqlError *error) {
    return step(u"COMMIT"_s, error, &m_done);
}

bool WriteTransaction::step(const QString &sql, QSqlError *error, bool *flag) {
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        *error = query.lastError();
        return false;
    }
    *flag = true;
    return true;
}

ReadTransaction::ReadTransaction(QSqlDatabase db)
    : m_db(db) {
    QSqlQuery query(m_db);
    m_begun = query.exec(u"BEGIN"_s);
}

ReadTransaction::~ReadTransaction() {
    if (m_begun) {
        QSqlQuery query(m_db);
        query.exec(u"COMMIT"_s);
    }
}

} // namespace detail

using namespace detail;

std::optional<StoreError> ConfigStore::Private::unavailable() const {
    if (open)
        return std::nullopt;
    return fail(ErrorCode::StorageError, sentence(u"Cannot use "_s + label + u": "_s + openError));
}

StoreError ConfigStore::Private::sqlError(const QSqlError &sql) const {
    const QString text = sql.databaseText().isEmpty() ? sql.text() : sql.databaseText();
    return fail(ErrorCode::StorageError,
                u"Could not access "_s + label + u" ("_s + text + u"); nothing was changed."_s);
}

StoreError ConfigStore::Private::sqlError(const QSqlQuery &query) const {
    return sqlError(query.lastError());
}

bool ConfigStore::Private::lookupName(const QString &ace, NameLookup *out, StoreError *error) {
    QSqlQuery query(db);
    *out = NameLookup{};
    if (!run(query, u"SELECT id FROM domains WHERE name = ?"_s, {ace})) {
        *error = sqlError(query);
        return false;
    }
    if (query.next()) {
        out->kind = NameLookup::Kind::Domain;
        out->id = query.value(0).toLongLong();
        return true;
    }
    if (!run(query,
             u"SELECT a.id, a.target_domain_id, d.name FROM alias_domains a "
             "JOIN domains d ON d.id = a.target_domain_id WHERE a.name = ?"_s,
             {ace})) {
        *error = sqlError(query);
        return false;
    }
    if (query.next()) {
        out->kind = NameLookup::Kind::AliasDomain;
        out->id = query.value(0).toLongLong();
        out->targetId = query.value(1).toLongLong();
        out->target = query.value(2).toString();
    }
    return true;
}

// Finds the primary domain of an address; mailboxes and aliases live only
// there. `what` names the object for the alias-domain hint ("mailbox").
std::optional<StoreError> ConfigStore::Private::locate(const MailAddress &address,
                                                       const QString &field, const QString &what,
                                                       qint64 *domainId) {
    NameLookup found;
    StoreError error;
    if (!lookupName(address.domain, &found, &error))
        return error;
    switch (found.kind) {
    case NameLookup::Kind::Domain:
        *domainId = found.id;
        return std::nullopt;
    case NameLookup::Kind::AliasDomain:
        return fail(ErrorCode::InvalidValue,
                    u"The domain "_s + displayDomain(address.domain) +
                        u" is an alias domain of "_s + displayDomain(found.target) + u"; the "_s +
                        what + u" belongs in "_s + displayDomain(found.target) + u'.',
                    field);
    case NameLookup::Kind::None:
        break;
    }
    return fail(ErrorCode::NotFound,
                u"The domain "_s + displayDomain(address.domain) + u" does not exist."_s, field);
}

std::optional<StoreError> ConfigStore::Private::loadDomains(const QString &whereSql,
                                                            const QVariantList &values,
                                                            QList<Domain> *out) {
    QSqlQuery query(db);
    if (!run(query,
             u"SELECT d.id, d.name, d.description, d.quota_bytes, d.max_mailboxes, "
             "d.max_aliases, d.active, d.created, "
             "(SELECT count(*) FROM mailboxes m WHERE m.domain_id = d.id), "
             "(SELECT count(*) FROM aliases a WHERE a.domain_id = d.id) "
             "FROM domains d "_s +
                 whereSql + u" ORDER BY d.name"_s,
             values)) {
        return sqlError(query);
    }
    QHash<qint64, qsizetype> indexById;
    while (query.next()) {
        Domain domain;
        domain.id = query.value(0).toLongLong();
        domain.name = query.value(1).toString();
        domain.nameUnicode = displayDomain(domain.name);
        domain.description = query.value(2).toString();
        domain.quotaBytes = query.value(3).toLongLong();
        domain.maxMailboxes = query.value(4).toInt();
        domain.maxAliases = query.value(5).toInt();
        domain.active = query.value(6).toBool();
        domain.created = fromUnix(query.value(7));
        domain.mailboxCount = query.value(8).toInt();
        domain.aliasCount = query.value(9).toInt();
        indexById.insert(domain.id, out->size());
        out->append(domain);
    }
    if (!run(query, u"SELECT name, target_domain_id FROM alias_domains ORDER BY name"_s))
        return sqlError(query);
    while (query.next()) {
        const auto index = indexById.constFind(query.value(1).toLongLong());
        if (index != indexById.constEnd())
            (*out)[*index].aliasDomains.append(query.value(0).toString());
    }
    return std::nullopt;
}

std::optional<StoreError> ConfigStore::Private::loadMailboxes(const QString &whereSql,
                                                              const QVariantList &values,
                                                              QList<Mailbox> *out) {
    QSqlQuery query(db);
    if (!run(query,
             u"SELECT m.id, m.local_part, d.name, m.display_name, m.password_hash, "
             "m.quota_bytes, m.active, m.created "
             "FROM mailboxes m JOIN domains d ON d.id = m.domain_id "_s +
                 whereSql + u" ORDER BY d.name, m.local_part_key"_s,
             values)) {
        return sqlError(query);
    }
    while (query.next()) {
        Mailbox mailbox;
        mailbox.id = query.value(0).toLongLong();
        mailbox.localPart = query.value(1).toString();
        mailbox.domain = query.value(2).toString();
        mailbox.displayName = query.value(3).toString();
        mailbox.passwordHash = query.value(4).toString();
        mailbox.quotaBytes = query.value(5).toLongLong();
        mailbox.active = query.value(6).toBool();
        mailbox.created = fromUnix(query.value(7));
        out->append(mailbox);
    }
    return std::nullopt;
}

std::optional<StoreError> ConfigStore::Private::loadAliases(const QString &whereSql,
                                                            const QVariantList &values,
                                                            QList<Alias> *out) {
    QSqlQuery query(db);
    if (!run(query,
             u"SELECT a.id, a.local_part, d.name, a.active, a.created "
             "FROM aliases a JOIN domains d ON d.id = a.domain_id "_s +
                 whereSql + u" ORDER BY d.name, a.local_part_key"_s,
             values)) {
        return sqlError(query);
    }
    QHash<qint64, qsizetype> indexById;
    while (query.next()) {
        Alias alias;
        alias.id = query.value(0).toLongLong();
        alias.domain = query.value(2).toString();
        alias.source = addressText(query.value(1).toString(), alias.domain);
        alias.active = query.value(3).toBool();
        alias.created = fromUnix(query.value(4));
        indexById.insert(alias.id, out->size());
        out->append(alias);
    }
    if (out->isEmpty())
        return std::nullopt;
    if (!run(query,
             u"SELECT t.alias_id, t.target FROM alias_targets t "
             "JOIN aliases a ON a.id = t.alias_id JOIN domains d ON d.id = a.domain_id "_s +
                 whereSql + u" ORDER BY t.alias_id, t.position"_s,
             values)) {
        return sqlError(query);
    }
    while (query.next()) {
        const auto index = indexById.constFind(query.value(0).toLongLong());
        if (index != indexById.constEnd())
            (*out)[*index].targets.append(query.value(1).toString());
    }
    return std::nullopt;
}

std::optional<StoreError> ConfigStore::Private::checkAliasGraph(const QString &startKey,
                                                                const QString &field) {
    AliasGraph graph;
    QSqlError sql;
    if (!graph.load(db, &sql))
        return sqlError(sql);
    const QString problem = graph.findProblem(startKey);
    if (problem.isEmpty())
        return std::nullopt;
    return fail(ErrorCode::AliasLoop, problem, field);
}

} // namespace mailstead::core
