// CtlOutputDkim.cpp - human output of "mailsteadctl dkim ..."; see CtlOutput.h
//
// "generate" and "show" end with the TXT record as a zone-file line, the
// part users copy into their DNS; "list" is a table.
#include "CtlOutput.h"
#include "TableWriter.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::ctl {

namespace {

// The zone-file text keeps its layout (a fold before each further string);
// each line is sanitized, as everything from the daemon is.
QString zoneText(const QJsonObject &key) {
    const QStringList lines =
        key.value(u"dns"_s).toObject().value(u"zone"_s).toString().split(u"\n\t"_s);
    QStringList safe;
    for (const QString &line : lines)
        safe.append(TableWriter::sanitize(line));
    return safe.join(u"\n\t"_s) + u'\n';
}

QString keyName(const QJsonObject &key) {
    return key.value(u"selector"_s).toString() + u" of "_s +
           displayDomain(key.value(u"domain"_s).toString());
}

QString sizeText(const QJsonObject &key) {
    return key.value(u"algorithm"_s).toString() + u", "_s +
           QString::number(key.value(u"bits"_s).toInteger()) + u" bits"_s;
}

QString roleText(const QJsonObject &key) {
    return key.value(u"signing"_s).toBool() ? u"signing"_s
                                            : u"standby (signs once the older keys are removed)"_s;
}

QString describeKey(const QJsonObject &key) {
    const QList<Field> fields = {
        {u"Selector"_s, key.value(u"selector"_s).toString()},
        {u"Algorithm"_s, sizeText(key)},
        {u"Created"_s, key.value(u"created"_s).toString()},
        {u"Role"_s, roleText(key)},
    };
    QString out = formatFields(fields);
    if (key.contains(u"problem"_s))
        return out + u"Problem: "_s + TableWriter::sanitize(key.value(u"problem"_s).toString()) +
               u'\n';
    return out + u"DNS record:\n"_s + zoneText(key);
}

} // namespace

Output formatDkimGenerated(const QJsonValue &result) {
    const QJsonObject key = result.toObject();
    QString out = u"DKIM key "_s + TableWriter::sanitize(keyName(key)) + u" generated ("_s +
                  sizeText(key) + u"), "_s + roleText(key) + u".\n"_s;
    out += u"Publish this TXT record in the DNS zone of "_s +
           TableWriter::sanitize(displayDomain(key.value(u"domain"_s).toString())) + u":\n\n"_s;
    out += zoneText(key);
    return {out, ExitSuccess};
}

Output formatDkimShow(const QJsonValue &result) {
    const QJsonArray keys = result.toObject().value(u"keys"_s).toArray();
    QStringList blocks;
    for (const QJsonValue &value : keys)
        blocks.append(describeKey(value.toObject()));
    return {blocks.join(u'\n'), ExitSuccess};
}

Output formatDkimList(const QJsonValue &result) {
    const QJsonArray keys = result.toObject().value(u"keys"_s).toArray();
    if (keys.isEmpty())
        return {u"No DKIM keys.\n"_s, ExitSuccess};
    TableWriter table(
        {u"DOMAIN"_s, u"SELECTOR"_s, u"ALGORITHM"_s, u"BITS"_s, u"CREATED"_s, u"SIGNING"_s});
    table.setAlignment(3, TableWriter::Align::Right);
    for (const QJsonValue &value : keys) {
        const QJsonObject key = value.toObject();
        table.addRow({displayDomain(key.value(u"domain"_s).toString()),
                      key.value(u"selector"_s).toString(), key.value(u"algorithm"_s).toString(),
                      QString::number(key.value(u"bits"_s).toInteger()),
                      key.value(u"created"_s).toString(),
                      key.contains(u"problem"_s) ? u"unusable"_s
                                                 : displayBool(key.value(u"signing"_s).toBool())});
    }
    return {table.toString(), ExitSuccess};
}

Output formatDkimRemoved(const QJsonValue &result) {
    const QJsonArray removed = result.toObject().value(u"removed"_s).toArray();
    QString out;
    for (const QJsonValue &value : removed)
        out += u"DKIM key "_s + TableWriter::sanitize(keyName(value.toObject())) + u" removed\n"_s;
    return {out, ExitSuccess};
}

} // namespace mailstead::ctl
