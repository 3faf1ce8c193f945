// AliasMethods.cpp - alias.add, alias.list, alias.get, alias.update, alias.remove
//
// Sources are "local@domain" or "@domain" (catch-all) in a primary domain;
// targets are addresses anywhere. ConfigStore validates and normalizes both
// (naming the parameter in its errors) and refuses loops and repeated
// targets (AliasLoop), seeing all aliases in one transaction.
//
// SECURITY: reached only by authorized peers; all writes go through
// ConfigStore in one transaction each.
#include "ConfigJson.h"
#include "core/ConfigStore.h"
#include "MethodTable.h"
#include "Params.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

HandlerResult add(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"source"_s, u"targets"_s, u"active"_s});
    core::AliasSpec spec;
    spec.source = p.requireString(u"source"_s);
    spec.targets = p.requireStringList(u"targets"_s);
    spec.active = p.optionalBool(u"active"_s).value_or(true);
    if (!p.ok())
        return p.error();

    const auto added = context.store->addAlias(spec);
    if (!added.ok())
        return added.error();
    announceConfigChange(context, u"alias"_s, u"added"_s, added.value().source);
    return toJson(added.value());
}

HandlerResult list(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"domain"_s});
    const QString domain = p.optionalString(u"domain"_s).value_or(QString());
    if (!p.ok())
        return p.error();
    const auto aliases = context.store->aliases(domain);
    if (!aliases.ok())
        return aliases.error();
    QJsonArray array;
    for (const core::Alias &alias : aliases.value())
        array.append(toJson(alias));
    return QJsonObject{{u"aliases"_s, array}};
}

HandlerResult get(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"source"_s});
    const QString source = p.requireString(u"source"_s);
    if (!p.ok())
        return p.error();
    const auto alias = context.store->alias(source);
    if (!alias.ok())
        return alias.error();
    return toJson(alias.value());
}

HandlerResult update(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"source"_s, u"targets"_s, u"active"_s});
    const QString source = p.requireString(u"source"_s);
    core::AliasChanges changes;
    changes.targets = p.optionalStringList(u"targets"_s);
    changes.active = p.optionalBool(u"active"_s);
    if (!p.ok())
        return p.error();

    const auto updated = context.store->updateAlias(source, changes);
    if (!updated.ok())
        return updated.error();
    announceConfigChange(context, u"alias"_s, u"updated"_s, updated.value().source);
    return toJson(updated.value());
}

HandlerResult remove(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"source"_s});
    const QString source = p.requireString(u"source"_s);
    if (!p.ok())
        return p.error();
    // Read first for the stored spelling of the source (lookups fold case).
    const auto existing = context.store->alias(source);
    if (!existing.ok())
        return existing.error();
    const QString stored = existing.value().source;
    const auto removed = context.store->removeAlias(stored);
    if (!removed.ok())
        return removed.error();
    announceConfigChange(context, u"alias"_s, u"removed"_s, stored);
    return QJsonObject{{u"removed"_s, stored}};
}

} // namespace

void addAliasMethods(MethodTable &table) {
    table.add(u"alias.add"_s, add);
    table.add(u"alias.list"_s, list);
    table.add(u"alias.get"_s, get);
    table.add(u"alias.update"_s, update);
    table.add(u"alias.remove"_s, remove);
}

} // namespace mailstead::admin
