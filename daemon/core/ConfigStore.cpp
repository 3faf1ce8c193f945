// ConfigStore.cpp - opening config.db, domains and alias domains
//
// Each mutating call runs in one IMMEDIATE transaction: validate against the
// current rows, write, check the alias graph of the result, commit. Checking
// the graph after the write (and rolling back on a problem) means every
// change that can create a loop is covered by one piece of code, including
// the indirect ones: removing a mailbox or alias that a catch-all then takes
// over, or an alias domain that turns an external target into a local one.
//
// The store is split along its objects: this file opens the database and
// handles domains and alias domains; ConfigStoreMailboxes.cpp and
// ConfigStoreAliases.cpp handle the rest, ConfigStorePrivate.h holds what
// they share and AliasGraph.h the loop check.
//
// The connection belongs to the thread that created the store (a Qt SQL
// rule); the daemon keeps one writer per database.
//
// SECURITY: all strings come from IPC clients; they reach SQL only as bound
// values, never spliced into statements.
#include "core/ConfigStore.h"

#include "core/ConfigStorePrivate.h"
#include "core/Migrations.h"
#include "validation/Address.h"

#include <QAtomicInteger>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace mailstead::core {

using namespace detail;

namespace {

QAtomicInteger<quint64> connectionCounter;

} // namespace

// ---- lifecycle --------------------------------------------------------------

ConfigStore::ConfigStore(const QString &path)
    : d(new Private) {
    d->connectionName = u"mailstead-config-"_s + QString::number(++connectionCounter);
    d->label = QFileInfo(path).fileName();
    d->db = QSqlDatabase::addDatabase(u"QSQLITE"_s, d->connectionName);
    d->db.setDatabaseName(path);
    if (!d->db.open()) {
        d->openError = u"Cannot open "_s + path + u": "_s + d->db.lastError().text();
        return;
    }
    // WAL lets readers run beside the writer; FULL makes a committed change
    // survive power loss; SQLite leaves foreign keys off unless asked.
    const QString pragmas[] = {u"PRAGMA busy_timeout = 5000"_s, u"PRAGMA journal_mode = WAL"_s,
                               u"PRAGMA synchronous = FULL"_s, u"PRAGMA foreign_keys = ON"_s};
    for (const QString &pragma : pragmas) {
        QSqlQuery query(d->db);
        if (!query.exec(pragma)) {
            d->openError = u"Cannot configure "_s + path + u" ("_s + pragma + u"): "_s +
                           query.lastError().text();
            return;
        }
    }
    QString error;
    if (!migrate(d->db, latestSchemaVersion(), &error)) {
        d->openError = error;
        d->schemaVersion = readSchemaVersion(d->db);
        return;
    }
    d->schemaVersion = readSchemaVersion(d->db, &error);
    if (d->schemaVersion < 0) {
        d->openError = error;
        return;
    }
    d->open = true;
}

ConfigStore::~ConfigStore() {
    const QString name = d->connectionName;
    d->db.close();
    delete d;
    // Only once no QSqlDatabase object refers to the connection any more.
    QSqlDatabase::removeDatabase(name);
}

bool ConfigStore::isOpen() const {
    return d->open;
}

QString ConfigStore::error() const {
    return d->openError;
}

int ConfigStore::schemaVersion() const {
    return d->schemaVersion;
}

// ---- domains ----------------------------------------------------------------

namespace {

constexpr int maxDescriptionLength = 1000;

std::optional<StoreError> checkDomainFields(const std::optional<QString> &description,
                                            const std::optional<qint64> &quota,
                                            const std::optional<int> &maxMailboxes,
                                            const std::optional<int> &maxAliases) {
    std::optional<StoreError> error;
    if (description)
        error = checkText(*description, maxDescriptionLength, u"description"_s, u"description"_s);
    if (!error && quota)
        error = checkNonNegative(*quota, u"quota"_s, u"quota"_s);
    if (!error && maxMailboxes)
        error =
            checkNonNegative(*maxMailboxes, u"maximum number of mailboxes"_s, u"max_mailboxes"_s);
    if (!error && maxAliases)
        error = checkNonNegative(*maxAliases, u"maximum number of aliases"_s, u"max_aliases"_s);
    return error;
}

} // namespace

StoreResult<Domain> ConfigStore::addDomain(const DomainSpec &spec) {
    if (auto error = d->unavailable())
        return *error;
    const DomainName name = parseDomain(spec.name);
    if (!name.ok)
        return fail(ErrorCode::InvalidValue, sentence(name.error), u"name"_s);
    if (auto error = checkDomainFields(spec.description, spec.quotaBytes, spec.maxMailboxes,
                                       spec.maxAliases)) {
        return *error;
    }

    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    NameLookup existing;
    StoreError error;
    if (!d->lookupName(name.ace, &existing, &error))
        return error;
    if (existing.kind == NameLookup::Kind::Domain)
        return fail(ErrorCode::AlreadyExists,
                    u"The domain "_s + name.unicode + u" already exists."_s, u"name"_s);
    if (existing.kind == NameLookup::Kind::AliasDomain)
        return fail(ErrorCode::Conflict,
                    u"The name "_s + name.unicode + u" is already an alias domain of "_s +
                        displayDomain(existing.target) + u'.',
                    u"name"_s);

    QSqlQuery query(d->db);
    if (!run(query,
             u"INSERT INTO domains (name, description, quota_bytes, max_mailboxes, max_aliases, "
             "active, created) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
             {name.ace, spec.description, spec.quotaBytes, spec.maxMailboxes, spec.maxAliases,
              spec.active ? 1 : 0, QDateTime::currentSecsSinceEpoch()})) {
        return d->sqlError(query);
    }
    QList<Domain> added;
    if (auto loadError = d->loadDomains(u"WHERE d.name = ?"_s, {name.ace}, &added))
        return *loadError;
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return added.value(0);
}

StoreResult<AliasDomain> ConfigStore::addAliasDomain(const QString &nameText,
                                                     const QString &targetText) {
    if (auto error = d->unavailable())
        return *error;
    const DomainName name = parseDomain(nameText);
    if (!name.ok)
        return fail(ErrorCode::InvalidValue, sentence(name.error), u"name"_s);
    const DomainName target = parseDomain(targetText);
    if (!target.ok)
        return fail(ErrorCode::InvalidValue, sentence(target.error), u"alias_for"_s);

    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    NameLookup existing;
    NameLookup primary;
    StoreError error;
    if (!d->lookupName(name.ace, &existing, &error) || !d->lookupName(target.ace, &primary, &error))
        return error;
    if (existing.kind == NameLookup::Kind::AliasDomain)
        return fail(ErrorCode::AlreadyExists,
                    u"The alias domain "_s + name.unicode + u" already exists."_s, u"name"_s);
    if (existing.kind == NameLookup::Kind::Domain)
        return fail(ErrorCode::Conflict,
                    u"The name "_s + name.unicode +
                        u" is already a domain; remove it before making it an alias domain."_s,
                    u"name"_s);
    if (primary.kind == NameLookup::Kind::None)
        return fail(ErrorCode::NotFound, u"The domain "_s + target.unicode + u" does not exist."_s,
                    u"alias_for"_s);
    if (primary.kind == NameLookup::Kind::AliasDomain)
        return fail(ErrorCode::InvalidValue,
                    u"The domain "_s + target.unicode + u" is itself an alias domain of "_s +
                        displayDomain(primary.target) + u"; point to "_s +
                        displayDomain(primary.target) + u" instead."_s,
                    u"alias_for"_s);

    const qint64 created = QDateTime::currentSecsSinceEpoch();
    QSqlQuery query(d->db);
    if (!run(query,
             u"INSERT INTO alias_domains (name, target_domain_id, active, created) "
             "VALUES (?, ?, 1, ?)"_s,
             {name.ace, primary.id, created})) {
        return d->sqlError(query);
    }
    // Targets that pointed at this name were external until now.
    if (auto loop = d->checkAliasGraph({}, u"name"_s))
        return *loop;
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return AliasDomain{name.ace, target.ace, true, fromUnix(created)};
}

StoreResult<Domain> ConfigStore::updateDomain(const QString &nameText,
                                              const DomainChanges &changes) {
    if (auto error = d->unavailable())
        return *error;
    const DomainName name = parseDomain(nameText);
    if (!name.ok)
        return fail(ErrorCode::InvalidValue, sentence(name.error), u"name"_s);
    if (auto error = checkDomainFields(changes.description, changes.quotaBytes,
                                       changes.maxMailboxes, changes.maxAliases)) {
        return *error;
    }

    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    QList<Domain> current;
    if (auto error = d->loadDomains(u"WHERE d.name = ?"_s, {name.ace}, &current))
        return *error;
    if (current.isEmpty()) {
        NameLookup existing;
        StoreError error;
        if (!d->lookupName(name.ace, &existing, &error))
            return error;
        if (existing.kind == NameLookup::Kind::AliasDomain)
            return fail(ErrorCode::InvalidValue,
                        u"The domain "_s + name.unicode + u" is an alias domain of "_s +
                            displayDomain(existing.target) +
                            u"; only primary domains have these settings."_s,
                        u"name"_s);
        return fail(ErrorCode::NotFound, u"The domain "_s + name.unicode + u" does not exist."_s,
                    u"name"_s);
    }
    const Domain &domain = current.first();

    if (changes.maxMailboxes && *changes.maxMailboxes > 0 &&
        *changes.maxMailboxes < domain.mailboxCount) {
        return fail(ErrorCode::LimitReached,
                    u"The domain "_s + name.unicode + u" already has "_s +
                        QString::number(domain.mailboxCount) +
                        u" mailboxes; the limit cannot be lower."_s,
                    u"max_mailboxes"_s);
    }
    if (changes.maxAliases && *changes.maxAliases > 0 && *changes.maxAliases < domain.aliasCount) {
        return fail(ErrorCode::LimitReached,
                    u"The domain "_s + name.unicode + u" already has "_s +
                        QString::number(domain.aliasCount) +
                        u" aliases; the limit cannot be lower."_s,
                    u"max_aliases"_s);
    }
    QSqlQuery query(d->db);
    if (changes.quotaBytes && *changes.quotaBytes > 0) {
        if (!run(query,
                 u"SELECT local_part, quota_bytes FROM mailboxes WHERE domain_id = ? "
                 "AND quota_bytes > ? ORDER BY quota_bytes DESC, local_part_key LIMIT 1"_s,
                 {domain.id, *changes.quotaBytes})) {
            return d->sqlError(query);
        }
        if (query.next()) {
            return fail(ErrorCode::LimitReached,
                        u"The mailbox "_s + addressText(query.value(0).toString(), name.unicode) +
                            u" has a quota of "_s + formatByteSize(query.value(1).toLongLong()) +
                            u", more than the new domain quota of "_s +
                            formatByteSize(*changes.quotaBytes) + u'.',
                        u"quota"_s);
        }
    }

    const Domain updated{
        domain.id,
        domain.name,
        domain.nameUnicode,
        changes.description.value_or(domain.description),
        changes.quotaBytes.value_or(domain.quotaBytes),
        changes.maxMailboxes.value_or(domain.maxMailboxes),
        changes.maxAliases.value_or(domain.maxAliases),
        changes.active.value_or(domain.active),
        domain.created,
        domain.aliasDomains,
        domain.mailboxCount,
        domain.aliasCount,
    };
    if (!run(query,
             u"UPDATE domains SET description = ?, quota_bytes = ?, max_mailboxes = ?, "
             "max_aliases = ?, active = ? WHERE id = ?"_s,
             {updated.description, updated.quotaBytes, updated.maxMailboxes, updated.maxAliases,
              updated.active ? 1 : 0, domain.id})) {
        return d->sqlError(query);
    }
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return updated;
}

StoreResult<Done> ConfigStore::removeDomain(const QString &nameText, bool force) {
    if (auto error = d->unavailable())
        return *error;
    const DomainName name = parseDomain(nameText);
    if (!name.ok)
        return fail(ErrorCode::InvalidValue, sentence(name.error), u"name"_s);

    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    NameLookup existing;
    StoreError error;
    if (!d->lookupName(name.ace, &existing, &error))
        return error;
    QSqlQuery query(d->db);
    switch (existing.kind) {
    case NameLookup::Kind::None:
        return fail(ErrorCode::NotFound, u"The domain "_s + name.unicode + u" does not exist."_s,
                    u"name"_s);
    case NameLookup::Kind::AliasDomain:
        // Its addresses become external: no alias chain can grow from that.
        if (!run(query, u"DELETE FROM alias_domains WHERE id = ?"_s, {existing.id}))
            return d->sqlError(query);
        break;
    case NameLookup::Kind::Domain: {
        if (!run(query, u"SELECT count(*) FROM mailboxes WHERE domain_id = ?"_s, {existing.id}) ||
            !query.next()) {
            return d->sqlError(query);
        }
        const int mailboxCount = query.value(0).toInt();
        if (mailboxCount > 0 && !force) {
            return fail(ErrorCode::NotEmpty,
                        u"The domain "_s + name.unicode + u" still has "_s +
                            QString::number(mailboxCount) +
                            (mailboxCount == 1 ? u" mailbox"_s : u" mailboxes"_s) +
                            u"; remove them first, or force the removal to delete them too."_s,
                        u"name"_s);
        }
        // Mailboxes are RESTRICTed in the schema so that only this explicit
        // step deletes them; aliases, targets and alias domains cascade.
        if (!run(query, u"DELETE FROM mailboxes WHERE domain_id = ?"_s, {existing.id}) ||
            !run(query, u"DELETE FROM domains WHERE id = ?"_s, {existing.id})) {
            return d->sqlError(query);
        }
        break;
    }
    }
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return Done{};
}

StoreResult<Domain> ConfigStore::domain(const QString &nameText) const {
    if (auto error = d->unavailable())
        return *error;
    const DomainName name = parseDomain(nameText);
    if (!name.ok)
        return fail(ErrorCode::InvalidValue, sentence(name.error), u"name"_s);
    ReadTransaction snapshot(d->db);
    QList<Domain> found;
    if (auto error = d->loadDomains(u"WHERE d.name = ?"_s, {name.ace}, &found))
        return *error;
    if (!found.isEmpty())
        return found.first();
    NameLookup existing;
    StoreError error;
    if (!d->lookupName(name.ace, &existing, &error))
        return error;
    if (existing.kind == NameLookup::Kind::AliasDomain)
        return fail(ErrorCode::NotFound,
                    u"The name "_s + name.unicode + u" is an alias domain of "_s +
                        displayDomain(existing.target) + u", not a domain of its own."_s,
                    u"name"_s);
    return fail(ErrorCode::NotFound, u"The domain "_s + name.unicode + u" does not exist."_s,
                u"name"_s);
}

QList<Domain> ConfigStore::domains() const {
    QList<Domain> result;
    if (d->unavailable())
        return result;
    ReadTransaction snapshot(d->db);
    if (d->loadDomains({}, {}, &result))
        result.clear();
    return result;
}

QList<AliasDomain> ConfigStore::aliasDomains() const {
    QList<AliasDomain> result;
    if (d->unavailable())
        return result;
    QSqlQuery query(d->db);
    if (!run(query, u"SELECT a.name, d.name, a.active, a.created FROM alias_domains a "
                    "JOIN domains d ON d.id = a.target_domain_id ORDER BY a.name"_s)) {
        return result;
    }
    while (query.next()) {
        result.append(AliasDomain{query.value(0).toString(), query.value(1).toString(),
                                  query.value(2).toBool(), fromUnix(query.value(3))});
    }
    return result;
}

// ---- the whole store --------------------------------------------------------

StoreCounts ConfigStore::counts() const {
    StoreCounts result;
    if (d->unavailable())
        return result;
    QSqlQuery query(d->db);
    if (!run(query, u"SELECT (SELECT count(*) FROM domains), (SELECT count(*) FROM alias_domains), "
                    "(SELECT count(*) FROM mailboxes), (SELECT count(*) FROM aliases)"_s) ||
        !query.next()) {
        return result;
    }
    result.domains = query.value(0).toInt();
    result.aliasDomains = query.value(1).toInt();
    result.mailboxes = query.value(2).toInt();
    result.aliases = query.value(3).toInt();
    return result;
}

} // namespace mailstead::core
