// ConfigStoreAliases.cpp - the aliases of config.db
//
// Adding, changing, removing and listing aliases and catch-alls. Targets are
// normalized and checked for repeats here; every change that adds targets or
// removes an alias is checked for loops by AliasGraph before it commits.
//
// SECURITY: all strings come from IPC clients; they reach SQL only as bound
// values, never spliced into statements.
#include "core/AliasGraph.h"
#include "core/ConfigStore.h"
#include "core/ConfigStorePrivate.h"
#include "validation/Address.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace mailstead::core {

using namespace detail;

namespace {

constexpr int maxAliasTargets = 1000;

MailAddress parseSource(const QString &text, std::optional<StoreError> *error) {
    const MailAddress source = parseAliasSource(text);
    if (!source.ok)
        *error = fail(ErrorCode::InvalidValue, sentence(source.error), u"source"_s);
    return source;
}

QString sourceDisplay(const MailAddress &source) {
    return source.localPart.isEmpty() ? u'@' + source.domainUnicode : source.toDisplayString();
}

// Normalizes targets (A-label domains, quoting only where needed) and
// refuses empty lists, bad addresses and repeats.
std::optional<StoreError> normalizeTargets(const QStringList &targets, QStringList *out) {
    const QString field = u"targets"_s;
    if (targets.isEmpty())
        return fail(ErrorCode::InvalidValue, u"An alias needs at least one target."_s, field);
    if (targets.size() > maxAliasTargets)
        return fail(ErrorCode::InvalidValue,
                    u"An alias can have at most "_s + QString::number(maxAliasTargets) +
                        u" targets."_s,
                    field);
    QSet<QString> seen;
    for (const QString &text : targets) {
        const MailAddress target = parseAddress(text);
        if (!target.ok)
            return fail(ErrorCode::InvalidValue,
                        u"The target \""_s + text + u"\" is not a valid address: "_s +
                            target.error + u'.',
                        field);
        if (seen.contains(target.lookupKey()))
            return fail(ErrorCode::AliasLoop,
                        u"The target "_s + target.toDisplayString() + u" is listed twice."_s,
                        field);
        seen.insert(target.lookupKey());
        out->append(target.toString());
    }
    return std::nullopt;
}

StoreError aliasNotFound(const MailAddress &source) {
    return fail(ErrorCode::NotFound, u"There is no alias "_s + sourceDisplay(source) + u'.',
                u"source"_s);
}

bool writeTargets(QSqlQuery &query, qint64 aliasId, const QStringList &targets) {
    if (!run(query, u"DELETE FROM alias_targets WHERE alias_id = ?"_s, {aliasId}))
        return false;
    for (qsizetype i = 0; i < targets.size(); ++i) {
        if (!run(query,
                 u"INSERT INTO alias_targets (alias_id, position, target) VALUES (?, ?, ?)"_s,
                 {aliasId, i, targets.at(i)})) {
            return false;
        }
    }
    return true;
}

} // namespace

StoreResult<Alias> ConfigStore::addAlias(const AliasSpec &spec) {
    if (auto error = d->unavailable())
        return *error;
    std::optional<StoreError> invalid;
    const MailAddress source = parseSource(spec.source, &invalid);
    QStringList targets;
    if (!invalid)
        invalid = normalizeTargets(spec.targets, &targets);
    if (invalid)
        return *invalid;

    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    qint64 domainId = 0;
    if (auto error = d->locate(source, u"source"_s, u"alias"_s, &domainId))
        return *error;
    QList<Domain> domains;
    if (auto error = d->loadDomains(u"WHERE d.id = ?"_s, {domainId}, &domains))
        return *error;
    const Domain &domain = domains.first();
    const QString key = localKey(source.localPart);

    QSqlQuery query(d->db);
    if (!run(query, u"SELECT local_part FROM aliases WHERE domain_id = ? AND local_part_key = ?"_s,
             {domainId, key})) {
        return d->sqlError(query);
    }
    if (query.next())
        return fail(ErrorCode::AlreadyExists,
                    u"The alias "_s + addressText(query.value(0).toString(), domain.nameUnicode) +
                        u" already exists."_s,
                    u"source"_s);
    if (!run(query,
             u"SELECT local_part FROM mailboxes WHERE domain_id = ? AND local_part_key = ?"_s,
             {domainId, key})) {
        return d->sqlError(query);
    }
    if (query.next())
        return fail(ErrorCode::Conflict,
                    u"The address "_s + addressText(query.value(0).toString(), domain.nameUnicode) +
                        u" is already a mailbox; an address is either a mailbox or an alias."_s,
                    u"source"_s);
    if (domain.maxAliases > 0 && domain.aliasCount >= domain.maxAliases)
        return fail(ErrorCode::LimitReached,
                    u"The domain "_s + domain.nameUnicode + u" already has its maximum of "_s +
                        QString::number(domain.maxAliases) + u" aliases."_s,
                    u"source"_s);

    if (!run(query,
             u"INSERT INTO aliases (domain_id, local_part, local_part_key, active, created) "
             "VALUES (?, ?, ?, ?, ?)"_s,
             {domainId, source.localPart, key, spec.active ? 1 : 0,
              QDateTime::currentSecsSinceEpoch()})) {
        return d->sqlError(query);
    }
    const qint64 id = query.lastInsertId().toLongLong();
    if (!writeTargets(query, id, targets))
        return d->sqlError(query);
    if (auto loop = d->checkAliasGraph(AliasGraph::nodeKey(domainId, key), u"targets"_s))
        return *loop;
    QList<Alias> added;
    if (auto error = d->loadAliases(u"WHERE a.id = ?"_s, {id}, &added))
        return *error;
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return added.value(0);
}

StoreResult<Alias> ConfigStore::updateAlias(const QString &sourceText,
                                            const AliasChanges &changes) {
    if (auto error = d->unavailable())
        return *error;
    std::optional<StoreError> invalid;
    const MailAddress source = parseSource(sourceText, &invalid);
    QStringList targets;
    if (!invalid && changes.targets)
        invalid = normalizeTargets(*changes.targets, &targets);
    if (invalid)
        return *invalid;

    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    qint64 domainId = 0;
    if (auto error = d->locate(source, u"source"_s, u"alias"_s, &domainId))
        return *error;
    const QString key = localKey(source.localPart);
    QList<Alias> current;
    if (auto error = d->loadAliases(u"WHERE a.domain_id = ? AND a.local_part_key = ?"_s,
                                    {domainId, key}, &current)) {
        return *error;
    }
    if (current.isEmpty())
        return aliasNotFound(source);
    const qint64 id = current.first().id;

    QSqlQuery query(d->db);
    if (changes.active && !run(query, u"UPDATE aliases SET active = ? WHERE id = ?"_s,
                               {*changes.active ? 1 : 0, id})) {
        return d->sqlError(query);
    }
    if (changes.targets) {
        if (!writeTargets(query, id, targets))
            return d->sqlError(query);
        if (auto loop = d->checkAliasGraph(AliasGraph::nodeKey(domainId, key), u"targets"_s))
            return *loop;
    }
    QList<Alias> updated;
    if (auto error = d->loadAliases(u"WHERE a.id = ?"_s, {id}, &updated))
        return *error;
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return updated.value(0);
}

StoreResult<Done> ConfigStore::removeAlias(const QString &sourceText) {
    if (auto error = d->unavailable())
        return *error;
    std::optional<StoreError> invalid;
    const MailAddress source = parseSource(sourceText, &invalid);
    if (invalid)
        return *invalid;

    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    qint64 domainId = 0;
    if (auto error = d->locate(source, u"source"_s, u"alias"_s, &domainId))
        return *error;
    QSqlQuery query(d->db);
    if (!run(query, u"DELETE FROM aliases WHERE domain_id = ? AND local_part_key = ?"_s,
             {domainId, localKey(source.localPart)})) {
        return d->sqlError(query);
    }
    if (query.numRowsAffected() == 0)
        return aliasNotFound(source);
    // Mail to this address now falls to the catch-all, which may lead back.
    if (auto loop = d->checkAliasGraph({}, u"source"_s))
        return *loop;
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return Done{};
}

StoreResult<Alias> ConfigStore::alias(const QString &sourceText) const {
    if (auto error = d->unavailable())
        return *error;
    std::optional<StoreError> invalid;
    const MailAddress source = parseSource(sourceText, &invalid);
    if (invalid)
        return *invalid;
    ReadTransaction snapshot(d->db);
    qint64 domainId = 0;
    if (auto error = d->locate(source, u"source"_s, u"alias"_s, &domainId))
        return *error;
    QList<Alias> found;
    if (auto error = d->loadAliases(u"WHERE a.domain_id = ? AND a.local_part_key = ?"_s,
                                    {domainId, localKey(source.localPart)}, &found)) {
        return *error;
    }
    if (found.isEmpty())
        return aliasNotFound(source);
    return found.first();
}

StoreResult<QList<Alias>> ConfigStore::aliases(const QString &domainText) const {
    if (auto error = d->unavailable())
        return *error;
    ReadTransaction snapshot(d->db);
    QList<Alias> result;
    if (domainText.isEmpty()) {
        if (auto error = d->loadAliases({}, {}, &result))
            return *error;
        return result;
    }
    const DomainName name = parseDomain(domainText);
    if (!name.ok)
        return fail(ErrorCode::InvalidValue, sentence(name.error), u"domain"_s);
    MailAddress inDomain;
    inDomain.domain = name.ace;
    qint64 domainId = 0;
    if (auto error = d->locate(inDomain, u"domain"_s, u"alias"_s, &domainId))
        return *error;
    if (auto error = d->loadAliases(u"WHERE a.domain_id = ?"_s, {domainId}, &result))
        return *error;
    return result;
}

} // namespace mailstead::core
