// DomainMethods.cpp - domain.add, domain.list, domain.get, domain.update, domain.remove
//
// Names may be given as U-labels or A-labels. ConfigStore validates and
// normalizes them (lower-case A-labels) and names the parameter in its
// errors, so the handlers here only check types and shapes.
//
// SECURITY: reached only by authorized peers; all writes go through
// ConfigStore in one transaction each.
#include "ConfigJson.h"
#include "core/ConfigStore.h"
#include "core/Log.h"
#include "dkim/DkimKeyStore.h"
#include "MethodTable.h"
#include "Params.h"
#include "store/MessageStore.h"
#include "validation/Address.h"

#include <limits>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

constexpr qint64 maxCount = std::numeric_limits<int>::max();

QJsonObject withUsage(QJsonObject json, const core::Domain &domain, const MethodContext &context) {
    if (!context.messages)
        return json;
    const store::Usage usage = context.messages->domainUsage(domain.name);
    json.insert(u"usage"_s,
                QJsonObject{{u"bytes"_s, usage.bytes}, {u"messages"_s, usage.messages}});
    return json;
}

// The stored (A-label) form of a name the store has accepted.
QString aceName(const QString &name) {
    const DomainName parsed = parseDomain(name);
    return parsed.ok ? parsed.ace : name;
}

std::optional<core::AliasDomain> findAliasDomain(const core::ConfigStore &store,
                                                 const QString &ace) {
    const QList<core::AliasDomain> aliasDomains = store.aliasDomains();
    for (const core::AliasDomain &aliasDomain : aliasDomains) {
        if (aliasDomain.name == ace)
            return aliasDomain;
    }
    return std::nullopt;
}

HandlerResult addAliasDomain(Params &p, const MethodContext &context) {
    const QString name = p.requireString(u"name"_s);
    const QString target = p.requireString(u"alias_for"_s);
    if (!p.ok())
        return p.error();
    const auto added = context.store->addAliasDomain(name, target);
    if (!added.ok())
        return added.error();
    announceConfigChange(context, u"alias_domain"_s, u"added"_s, added.value().name);
    return toJson(added.value());
}

HandlerResult add(const QJsonObject &params, const MethodContext &context) {
    static const QStringList primaryOnly = {u"description"_s, u"quota"_s, u"max_mailboxes"_s,
                                            u"max_aliases"_s, u"active"_s};
    Params p(params);
    p.rejectUnknown(QStringList{u"name"_s, u"alias_for"_s} + primaryOnly);
    if (p.has(u"alias_for"_s)) {
        for (const QString &key : primaryOnly) {
            if (p.has(key))
                p.fail(ipc::ErrorCode::InvalidParams, key,
                       u"\""_s + key + u"\" does not apply to an alias domain"_s);
        }
        return addAliasDomain(p, context);
    }

    core::DomainSpec spec;
    spec.name = p.requireString(u"name"_s);
    spec.description = p.optionalString(u"description"_s).value_or(u""_s);
    spec.quotaBytes = p.optionalInt64(u"quota"_s).value_or(0);
    spec.maxMailboxes = int(p.optionalInt64(u"max_mailboxes"_s, 0, maxCount).value_or(0));
    spec.maxAliases = int(p.optionalInt64(u"max_aliases"_s, 0, maxCount).value_or(0));
    spec.active = p.optionalBool(u"active"_s).value_or(true);
    if (!p.ok())
        return p.error();

    const auto added = context.store->addDomain(spec);
    if (!added.ok())
        return added.error();
    announceConfigChange(context, u"domain"_s, u"added"_s, added.value().name);
    return toJson(added.value());
}

HandlerResult list(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({});
    if (!p.ok())
        return p.error();
    QJsonArray domains;
    const QList<core::Domain> allDomains = context.store->domains();
    for (const core::Domain &domain : allDomains)
        domains.append(withUsage(toJson(domain), domain, context));
    QJsonArray aliasDomains;
    const QList<core::AliasDomain> allAliasDomains = context.store->aliasDomains();
    for (const core::AliasDomain &aliasDomain : allAliasDomains)
        aliasDomains.append(toJson(aliasDomain));
    return QJsonObject{{u"domains"_s, domains}, {u"alias_domains"_s, aliasDomains}};
}

HandlerResult get(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"name"_s});
    const QString name = p.requireString(u"name"_s);
    if (!p.ok())
        return p.error();
    const auto domain = context.store->domain(name);
    if (domain.ok())
        return withUsage(toJson(domain.value()), domain.value(), context);
    if (domain.error().code == ipc::ErrorCode::NotFound) {
        if (const auto aliasDomain = findAliasDomain(*context.store, aceName(name)))
            return toJson(*aliasDomain);
    }
    return domain.error();
}

HandlerResult update(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"name"_s, u"description"_s, u"quota"_s, u"max_mailboxes"_s, u"max_aliases"_s,
                     u"active"_s});
    const QString name = p.requireString(u"name"_s);
    core::DomainChanges changes;
    changes.description = p.optionalString(u"description"_s);
    changes.quotaBytes = p.optionalInt64(u"quota"_s);
    if (const auto value = p.optionalInt64(u"max_mailboxes"_s, 0, maxCount))
        changes.maxMailboxes = int(*value);
    if (const auto value = p.optionalInt64(u"max_aliases"_s, 0, maxCount))
        changes.maxAliases = int(*value);
    changes.active = p.optionalBool(u"active"_s);
    if (!p.ok())
        return p.error();

    const auto updated = context.store->updateDomain(name, changes);
    if (!updated.ok())
        return updated.error();
    announceConfigChange(context, u"domain"_s, u"updated"_s, updated.value().name);
    return toJson(updated.value());
}

HandlerResult remove(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"name"_s, u"force"_s});
    const QString name = p.requireString(u"name"_s);
    const bool force = p.optionalBool(u"force"_s).value_or(false);
    if (!p.ok())
        return p.error();

    // Which kind of object goes decides the event; the store removes either.
    const QString ace = aceName(name);
    const bool isAliasDomain = findAliasDomain(*context.store, ace).has_value();
    // A forced removal takes the mailboxes and their mail with it.
    const auto doomed = isAliasDomain
                            ? core::StoreResult<QList<core::Mailbox>>(QList<core::Mailbox>())
                            : context.store->mailboxes(ace);
    const auto removed = context.store->removeDomain(name, force);
    if (!removed.ok())
        return removed.error();
    if (doomed.ok()) {
        const QList<core::Mailbox> mailboxes = doomed.value();
        for (const core::Mailbox &mailbox : mailboxes)
            removeMailboxStorage(context, mailbox);
    }
    // The schema removed the DKIM key rows with the domain; the key files
    // go too, so that a domain added again later starts without old keys.
    QString dkimError;
    if (!isAliasDomain && context.dkimKeys && !context.dkimKeys->removeDomainFiles(ace, &dkimError))
        qCWarning(core::lcAdmin).noquote() << dkimError;
    announceConfigChange(context, isAliasDomain ? u"alias_domain"_s : u"domain"_s, u"removed"_s,
                         ace);
    return QJsonObject{{u"removed"_s, ace}};
}

} // namespace

void addDomainMethods(MethodTable &table) {
    table.add(u"domain.add"_s, add);
    table.add(u"domain.list"_s, list);
    table.add(u"domain.get"_s, get);
    table.add(u"domain.update"_s, update);
    table.add(u"domain.remove"_s, remove);
}

} // namespace mailstead::admin
