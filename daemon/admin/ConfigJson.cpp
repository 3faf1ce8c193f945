// ConfigJson.cpp - config objects as the JSON of docs/ipc.md "Objects"
#include "ConfigJson.h"

#include "core/EventBus.h"
#include "core/Log.h"
#include "MethodTable.h"
#include "validation/Address.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

QString unicodeDomain(const QString &ace) {
    const DomainName parsed = parseDomain(ace, true);
    return parsed.ok ? parsed.unicode : ace;
}

} // namespace

QString isoTime(const QDateTime &time) {
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODate);
}

QJsonObject toJson(const core::Domain &domain) {
    return QJsonObject{
        {u"name"_s, domain.name},
        {u"name_unicode"_s, unicodeDomain(domain.name)},
        {u"description"_s, domain.description},
        {u"quota"_s, domain.quotaBytes},
        {u"max_mailboxes"_s, domain.maxMailboxes},
        {u"max_aliases"_s, domain.maxAliases},
        {u"active"_s, domain.active},
        {u"created"_s, isoTime(domain.created)},
        {u"alias_domains"_s, QJsonArray::fromStringList(domain.aliasDomains)},
        {u"mailboxes"_s, domain.mailboxCount},
        {u"aliases"_s, domain.aliasCount},
    };
}

QJsonObject toJson(const core::AliasDomain &aliasDomain) {
    return QJsonObject{
        {u"name"_s, aliasDomain.name},
        {u"name_unicode"_s, unicodeDomain(aliasDomain.name)},
        {u"alias_for"_s, aliasDomain.target},
        {u"active"_s, aliasDomain.active},
        {u"created"_s, isoTime(aliasDomain.created)},
    };
}

QJsonObject toJson(const core::Mailbox &mailbox) {
    const QString address = mailbox.address();
    const MailAddress parsed = parseAddress(address);
    return QJsonObject{
        {u"address"_s, address},
        {u"address_unicode"_s, parsed.ok ? parsed.toDisplayString() : address},
        {u"local_part"_s, mailbox.localPart},
        {u"domain"_s, mailbox.domain},
        {u"name"_s, mailbox.displayName},
        {u"quota"_s, mailbox.quotaBytes},
        {u"active"_s, mailbox.active},
        {u"created"_s, isoTime(mailbox.created)},
    };
}

QJsonObject toJson(const core::Alias &alias) {
    return QJsonObject{
        {u"source"_s, alias.source},
        {u"domain"_s, alias.domain},
        {u"catch_all"_s, alias.isCatchAll()},
        {u"targets"_s, QJsonArray::fromStringList(alias.targets)},
        {u"active"_s, alias.active},
        {u"created"_s, isoTime(alias.created)},
    };
}

void announceConfigChange(const MethodContext &context, const QString &object,
                          const QString &action, const QString &name) {
    QString what = object;
    what.replace(u'_', u' ');
    qCInfo(core::lcAdmin).noquote() << QString(what + u' ' + name + u' ' + action);
    if (context.events) {
        context.events->publish(
            QString::fromUtf16(eventConfig),
            QJsonObject{{u"object"_s, object}, {u"action"_s, action}, {u"name"_s, name}});
    }
}

} // namespace mailstead::admin
