// CtlOutput.cpp - human output of mailsteadctl; see CtlOutput.h
#include "CtlOutput.h"

#include "TableWriter.h"
#include "validation/Address.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::ctl {

namespace {

QString text(const QJsonObject &object, const QString &key) {
    return object.value(key).toString();
}

qint64 integer(const QJsonObject &object, const QString &key) {
    return object.value(key).toInteger();
}

QString formatUptime(qint64 seconds) {
    const qint64 days = seconds / 86400;
    const qint64 hours = seconds / 3600 % 24;
    const qint64 minutes = seconds / 60 % 60;
    const qint64 secs = seconds % 60;
    if (days > 0)
        return u"%1d %2h %3m"_s.arg(days).arg(hours).arg(minutes);
    if (hours > 0)
        return u"%1h %2m"_s.arg(hours).arg(minutes);
    if (minutes > 0)
        return u"%1m %2s"_s.arg(minutes).arg(secs);
    return u"%1s"_s.arg(secs);
}

QString displayName(const QJsonObject &object, const QString &unicodeKey, const QString &aceKey) {
    const QString unicode = text(object, unicodeKey);
    return unicode.isEmpty() ? text(object, aceKey) : unicode;
}

QString joinDisplayed(const QJsonArray &items, QString (*display)(const QString &)) {
    QStringList names;
    for (const QJsonValue &item : items)
        names.append(display(item.toString()));
    return names.join(u", "_s);
}

QString countOfMax(qint64 count, qint64 max) {
    return max > 0 ? u"%1/%2"_s.arg(count).arg(max) : QString::number(count);
}

Output fieldsOutput(const QList<Field> &fields) {
    return {formatFields(fields), ExitSuccess};
}

} // namespace

QString displayDomain(const QString &domain) {
    const DomainName parsed = parseDomain(domain, true);
    return parsed.ok ? parsed.unicode : domain;
}

QString displayAddress(const QString &address) {
    const MailAddress parsed = parseAddress(address);
    return parsed.ok ? parsed.toDisplayString() : address;
}

QString displayAliasSource(const QString &source) {
    if (source.startsWith(u'@'))
        return u"@"_s + displayDomain(source.mid(1));
    return displayAddress(source);
}

QString displayQuota(qint64 bytes) {
    return bytes <= 0 ? u"unlimited"_s : formatByteSize(bytes);
}

QString displayLimit(qint64 count) {
    return count <= 0 ? u"unlimited"_s : QString::number(count);
}

QString displayBool(bool value) {
    return value ? u"yes"_s : u"no"_s;
}

Output formatStatus(const QJsonValue &result) {
    const QJsonObject status = result.toObject();
    const QString configFile = text(status, u"config_file"_s);
    QList<Field> fields = {
        {u"Version"_s, text(status, u"version"_s)},
        {u"PID"_s, QString::number(integer(status, u"pid"_s))},
        {u"Hostname"_s, text(status, u"hostname"_s)},
        {u"Mode"_s, status.value(u"local_mode"_s).toBool() ? u"local"_s : u"installed"_s},
        {u"Config file"_s, configFile.isEmpty() ? u"(none)"_s : configFile},
        {u"Data dir"_s, text(status, u"data_dir"_s)},
        {u"Socket"_s, text(status, u"socket"_s)},
        {u"Started"_s, text(status, u"started"_s)},
        {u"Uptime"_s, formatUptime(integer(status, u"uptime_seconds"_s))},
        {u"Health"_s, text(status, u"health"_s)},
    };
    QString out = formatFields(fields);

    const QJsonArray listeners = status.value(u"listeners"_s).toArray();
    out += u'\n';
    if (listeners.isEmpty()) {
        out += u"No listeners.\n"_s;
    } else {
        TableWriter table({u"SERVICE"_s, u"ADDRESS"_s, u"PORT"_s, u"STATE"_s});
        table.setAlignment(2, TableWriter::Align::Right);
        for (const QJsonValue &value : listeners) {
            const QJsonObject listener = value.toObject();
            table.addRow({text(listener, u"service"_s), text(listener, u"address"_s),
                          QString::number(integer(listener, u"port"_s)),
                          text(listener, u"state"_s)});
        }
        out += table.toString();
    }

    const QJsonObject counts = status.value(u"counts"_s).toObject();
    out += u'\n';
    out += formatFields({
        {u"Domains"_s, QString::number(integer(counts, u"domains"_s))},
        {u"Alias domains"_s, QString::number(integer(counts, u"alias_domains"_s))},
        {u"Mailboxes"_s, QString::number(integer(counts, u"mailboxes"_s))},
        {u"Aliases"_s, QString::number(integer(counts, u"aliases"_s))},
    });
    return {out, ExitSuccess};
}

Output formatDomainList(const QJsonValue &result) {
    const QJsonObject object = result.toObject();
    const QJsonArray domains = object.value(u"domains"_s).toArray();
    const QJsonArray aliasDomains = object.value(u"alias_domains"_s).toArray();
    if (domains.isEmpty() && aliasDomains.isEmpty())
        return {u"No domains.\n"_s, ExitSuccess};

    QString out;
    if (!domains.isEmpty()) {
        TableWriter table({u"DOMAIN"_s, u"ACTIVE"_s, u"USED"_s, u"QUOTA"_s, u"MAILBOXES"_s,
                           u"ALIASES"_s, u"DESCRIPTION"_s});
        for (int column = 2; column <= 5; ++column)
            table.setAlignment(column, TableWriter::Align::Right);
        for (const QJsonValue &value : domains) {
            const QJsonObject domain = value.toObject();
            table.addRow(
                {displayName(domain, u"name_unicode"_s, u"name"_s),
                 displayBool(domain.value(u"active"_s).toBool()),
                 formatByteSize(integer(domain.value(u"usage"_s).toObject(), u"bytes"_s)),
                 displayQuota(integer(domain, u"quota"_s)),
                 countOfMax(integer(domain, u"mailboxes"_s), integer(domain, u"max_mailboxes"_s)),
                 countOfMax(integer(domain, u"aliases"_s), integer(domain, u"max_aliases"_s)),
                 text(domain, u"description"_s)});
        }
        out += table.toString();
    }
    if (!aliasDomains.isEmpty()) {
        if (!out.isEmpty())
            out += u'\n';
        TableWriter table({u"ALIAS DOMAIN"_s, u"ALIAS FOR"_s, u"ACTIVE"_s});
        for (const QJsonValue &value : aliasDomains) {
            const QJsonObject domain = value.toObject();
            table.addRow({displayName(domain, u"name_unicode"_s, u"name"_s),
                          displayDomain(text(domain, u"alias_for"_s)),
                          displayBool(domain.value(u"active"_s).toBool())});
        }
        out += table.toString();
    }
    return {out, ExitSuccess};
}

Output formatDomain(const QJsonValue &result) {
    const QJsonObject domain = result.toObject();
    const QString ace = text(domain, u"name"_s);
    const QString unicode = displayName(domain, u"name_unicode"_s, u"name"_s);
    QList<Field> fields = {{u"Domain"_s, unicode}};
    if (unicode != ace)
        fields.append({u"ACE name"_s, ace});
    if (domain.contains(u"alias_for"_s)) {
        fields.append({u"Alias for"_s, displayDomain(text(domain, u"alias_for"_s))});
        fields.append({u"Active"_s, displayBool(domain.value(u"active"_s).toBool())});
        fields.append({u"Created"_s, text(domain, u"created"_s)});
        return fieldsOutput(fields);
    }
    fields.append({u"Description"_s, text(domain, u"description"_s)});
    fields.append({u"Active"_s, displayBool(domain.value(u"active"_s).toBool())});
    fields.append({u"Quota"_s, displayQuota(integer(domain, u"quota"_s))});
    fields.append(
        {u"Used"_s, formatByteSize(integer(domain.value(u"usage"_s).toObject(), u"bytes"_s))});
    fields.append({u"Mailboxes"_s, QString::number(integer(domain, u"mailboxes"_s))});
    fields.append({u"Max mailboxes"_s, displayLimit(integer(domain, u"max_mailboxes"_s))});
    fields.append({u"Aliases"_s, QString::number(integer(domain, u"aliases"_s))});
    fields.append({u"Max aliases"_s, displayLimit(integer(domain, u"max_aliases"_s))});
    fields.append({u"Alias domains"_s,
                   joinDisplayed(domain.value(u"alias_domains"_s).toArray(), displayDomain)});
    fields.append({u"Created"_s, text(domain, u"created"_s)});
    return fieldsOutput(fields);
}

Output formatMailboxList(const QJsonValue &result) {
    const QJsonArray mailboxes = result.toObject().value(u"mailboxes"_s).toArray();
    if (mailboxes.isEmpty())
        return {u"No mailboxes.\n"_s, ExitSuccess};
    TableWriter table({u"ADDRESS"_s, u"NAME"_s, u"MESSAGES"_s, u"USED"_s, u"QUOTA"_s, u"ACTIVE"_s});
    table.setAlignment(2, TableWriter::Align::Right);
    table.setAlignment(3, TableWriter::Align::Right);
    table.setAlignment(4, TableWriter::Align::Right);
    for (const QJsonValue &value : mailboxes) {
        const QJsonObject mailbox = value.toObject();
        const QJsonObject usage = mailbox.value(u"usage"_s).toObject();
        table.addRow({displayName(mailbox, u"address_unicode"_s, u"address"_s),
                      text(mailbox, u"name"_s), QString::number(integer(usage, u"messages"_s)),
                      formatByteSize(integer(usage, u"bytes"_s)),
                      displayQuota(integer(mailbox, u"quota"_s)),
                      displayBool(mailbox.value(u"active"_s).toBool())});
    }
    return {table.toString(), ExitSuccess};
}

Output formatMailbox(const QJsonValue &result) {
    const QJsonObject mailbox = result.toObject();
    const QString ace = text(mailbox, u"address"_s);
    const QString unicode = displayName(mailbox, u"address_unicode"_s, u"address"_s);
    QList<Field> fields = {{u"Address"_s, unicode}};
    if (unicode != ace)
        fields.append({u"ACE address"_s, ace});
    fields.append({u"Name"_s, text(mailbox, u"name"_s)});
    fields.append({u"Domain"_s, displayDomain(text(mailbox, u"domain"_s))});
    fields.append({u"Quota"_s, displayQuota(integer(mailbox, u"quota"_s))});
    const QJsonObject usage = mailbox.value(u"usage"_s).toObject();
    fields.append({u"Messages"_s, QString::number(integer(usage, u"messages"_s))});
    fields.append({u"Used"_s, formatByteSize(integer(usage, u"bytes"_s))});
    fields.append({u"Active"_s, displayBool(mailbox.value(u"active"_s).toBool())});
    fields.append({u"Created"_s, text(mailbox, u"created"_s)});
    return fieldsOutput(fields);
}

Output formatAliasList(const QJsonValue &result) {
    const QJsonArray aliases = result.toObject().value(u"aliases"_s).toArray();
    if (aliases.isEmpty())
        return {u"No aliases.\n"_s, ExitSuccess};
    TableWriter table({u"SOURCE"_s, u"ACTIVE"_s, u"TARGETS"_s});
    for (const QJsonValue &value : aliases) {
        const QJsonObject alias = value.toObject();
        table.addRow({displayAliasSource(text(alias, u"source"_s)),
                      displayBool(alias.value(u"active"_s).toBool()),
                      joinDisplayed(alias.value(u"targets"_s).toArray(), displayAddress)});
    }
    return {table.toString(), ExitSuccess};
}

Output formatAlias(const QJsonValue &result) {
    const QJsonObject alias = result.toObject();
    return fieldsOutput({
        {u"Source"_s, displayAliasSource(text(alias, u"source"_s))},
        {u"Catch-all"_s, displayBool(alias.value(u"catch_all"_s).toBool())},
        {u"Targets"_s, joinDisplayed(alias.value(u"targets"_s).toArray(), displayAddress)},
        {u"Active"_s, displayBool(alias.value(u"active"_s).toBool())},
        {u"Created"_s, text(alias, u"created"_s)},
    });
}

Output formatAuthTest(const QJsonValue &result) {
    const QJsonObject object = result.toObject();
    if (!object.value(u"valid"_s).toBool())
        return {u"invalid\n"_s, ExitRefused};
    const QString scheme = text(object, u"scheme"_s);
    return {scheme.isEmpty() ? u"valid\n"_s : u"valid ("_s + scheme + u")\n"_s, ExitSuccess};
}

Formatter confirmation(const QString &noun, const QString &action) {
    return [noun, action](const QJsonValue &result) -> Output {
        const QJsonObject object = result.toObject();
        QString what = noun;
        QString name;
        QString suffix;
        if (object.contains(u"removed"_s)) {
            const QString removed = text(object, u"removed"_s);
            if (noun == u"domain"_s)
                name = displayDomain(removed);
            else if (noun == u"mailbox"_s)
                name = displayAddress(removed);
            else
                name = displayAliasSource(removed);
        } else if (noun == u"domain"_s) {
            name = displayName(object, u"name_unicode"_s, u"name"_s);
            if (object.contains(u"alias_for"_s)) {
                what = u"alias domain"_s;
                suffix = u" (alias for "_s + displayDomain(text(object, u"alias_for"_s)) + u")"_s;
            }
        } else if (noun == u"mailbox"_s) {
            name = displayName(object, u"address_unicode"_s, u"address"_s);
        } else {
            name = displayAliasSource(text(object, u"source"_s));
        }
        return {what + u' ' + TableWriter::sanitize(name) + u' ' + action + suffix + u'\n',
                ExitSuccess};
    };
}

} // namespace mailstead::ctl
