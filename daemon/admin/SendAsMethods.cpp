// SendAsMethods.cpp - mailbox.send_as_list, mailbox.send_as_add,
// mailbox.send_as_remove
//
// Send-as grants let a mailbox submit mail as another address or as any
// address of a domain (smtp/SmtpSessionSubmission.cpp checks senders).
// Thin handlers over ConfigStore, which validates the mailbox and the
// address and names the parameter in its errors. Every change publishes
// event.config {object: "send_as", name: the mailbox}, so the recipient
// directory (which carries the grants to SMTP sessions) is rebuilt.
//
// SECURITY: reached only by authorized peers. A grant widens what one user
// may claim to be; that is an administrator's decision, made here.
#include "ConfigJson.h"
#include "core/ConfigStore.h"
#include "MethodTable.h"
#include "Params.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

QJsonObject toJson(const core::SendAsGrant &grant) {
    return QJsonObject{{u"mailbox"_s, grant.mailbox},
                       {u"address"_s, grant.address},
                       {u"kind"_s, grant.isDomain() ? u"domain"_s : u"address"_s},
                       {u"created"_s, isoTime(grant.created)}};
}

HandlerResult list(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"mailbox"_s});
    const QString mailbox = p.optionalString(u"mailbox"_s).value_or(QString());
    if (!p.ok())
        return p.error();
    const auto grants = context.store->sendAsGrants(mailbox);
    if (!grants.ok())
        return grants.error();
    QJsonArray array;
    for (const core::SendAsGrant &grant : grants.value())
        array.append(toJson(grant));
    return QJsonObject{{u"grants"_s, array}};
}

HandlerResult add(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"mailbox"_s, u"address"_s});
    const QString mailbox = p.requireString(u"mailbox"_s);
    const QString address = p.requireString(u"address"_s);
    if (!p.ok())
        return p.error();
    const auto added = context.store->addSendAs(mailbox, address);
    if (!added.ok())
        return added.error();
    announceConfigChange(context, u"send_as"_s, u"added"_s, added.value().mailbox);
    return toJson(added.value());
}

HandlerResult remove(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"mailbox"_s, u"address"_s});
    const QString mailbox = p.requireString(u"mailbox"_s);
    const QString address = p.requireString(u"address"_s);
    if (!p.ok())
        return p.error();
    const auto removed = context.store->removeSendAs(mailbox, address);
    if (!removed.ok())
        return removed.error();
    announceConfigChange(context, u"send_as"_s, u"removed"_s, removed.value().mailbox);
    return QJsonObject{{u"removed"_s, toJson(removed.value())}};
}

} // namespace

void addSendAsMethods(MethodTable &table) {
    table.add(u"mailbox.send_as_list"_s, list);
    table.add(u"mailbox.send_as_add"_s, add);
    table.add(u"mailbox.send_as_remove"_s, remove);
}

} // namespace mailstead::admin
