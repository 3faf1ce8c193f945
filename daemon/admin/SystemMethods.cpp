// SystemMethods.cpp - system.hello, system.status, system.subscribe
//
// SECURITY: reached only by authorized peers; reveals versions, paths and
// listener addresses, nothing secret.
#include "MethodTable.h"
#include "Params.h"
#include "Version.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

HandlerResult hello(const MethodTable &table, const QJsonObject &params) {
    Params p(params);
    p.rejectUnknown({});
    if (!p.ok())
        return p.error();
    return QJsonObject{
        {u"server"_s, u"mailsteadd"_s},
        {u"version"_s, QString::fromLatin1(versionString)},
        {u"api_version"_s, ipcApiVersion},
        {u"methods"_s, QJsonArray::fromStringList(table.methodNames())},
        {u"events"_s, QJsonArray::fromStringList(MethodTable::eventNames())},
    };
}

HandlerResult status(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({});
    if (!p.ok())
        return p.error();
    if (!context.status)
        return ipc::RpcError{ipc::ErrorCode::InternalError, u"status is not available"_s, {}};
    return context.status();
}

HandlerResult subscribe(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"events"_s});
    const QStringList known = MethodTable::eventNames();
    const QStringList wanted = p.optionalStringList(u"events"_s).value_or(known);
    if (!p.ok())
        return p.error();
    for (const QString &event : wanted) {
        if (!known.contains(event)) {
            return ipc::RpcError{ipc::ErrorCode::InvalidParams,
                                 u"unknown event \""_s + event +
                                     u"\"; see system.hello for the list"_s,
                                 u"events"_s};
        }
    }
    if (!context.subscriptions) {
        return ipc::RpcError{
            ipc::ErrorCode::InternalError, u"system.subscribe needs a connection"_s, {}};
    }
    // Subscriptions add up: a client may subscribe to more events later.
    for (const QString &event : wanted)
        context.subscriptions->insert(event);
    QStringList now;
    for (const QString &event : known) {
        if (context.subscriptions->contains(event))
            now.append(event);
    }
    return QJsonObject{{u"events"_s, QJsonArray::fromStringList(now)}};
}

} // namespace

void addSystemMethods(MethodTable &table) {
    // The table outlives its handlers and cannot be copied or moved.
    const MethodTable *self = &table;
    table.add(u"system.hello"_s, [self](const QJsonObject &params, const MethodContext &) {
        return hello(*self, params);
    });
    table.add(u"system.status"_s, status);
    table.add(u"system.subscribe"_s, subscribe);
}

} // namespace mailstead::admin
