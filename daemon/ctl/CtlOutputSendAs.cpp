// CtlOutputSendAs.cpp - mailsteadctl text for send-as grants
// (mailbox.send_as_* in docs/ipc.md)
#include "CtlOutput.h"
#include "TableWriter.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::ctl {

namespace {

// "@domain" grants read as the domain, like catch-all alias sources.
QString displayGrant(const QJsonObject &grant) {
    return displayAliasSource(grant.value(u"address"_s).toString());
}

} // namespace

Output formatSendAsList(const QJsonValue &result) {
    const QJsonArray grants = result.toObject().value(u"grants"_s).toArray();
    if (grants.isEmpty())
        return {u"No send-as grants.\n"_s, ExitSuccess};
    TableWriter table({u"MAILBOX"_s, u"MAY SEND AS"_s, u"KIND"_s, u"CREATED"_s});
    for (const QJsonValue &value : grants) {
        const QJsonObject grant = value.toObject();
        table.addRow({displayAddress(grant.value(u"mailbox"_s).toString()), displayGrant(grant),
                      grant.value(u"kind"_s).toString(), grant.value(u"created"_s).toString()});
    }
    return {table.toString(), ExitSuccess};
}

Formatter sendAsConfirmation(const QString &action) {
    return [action](const QJsonValue &result) -> Output {
        QJsonObject grant = result.toObject();
        if (grant.contains(u"removed"_s))
            grant = grant.value(u"removed"_s).toObject();
        return {u"mailbox "_s + displayAddress(grant.value(u"mailbox"_s).toString()) +
                    u" send-as "_s + displayGrant(grant) + u' ' + action + u'\n',
                ExitSuccess};
    };
}

} // namespace mailstead::ctl
