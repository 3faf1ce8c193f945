// CtlOutputDns.cpp - mailsteadctl dns records / dns check output
//
// Without a domain the daemon returns only the server's own rows and the
// header names only the mail server.
// records: a TYPE/NAME/VALUE table with each row's purpose underneath, or
// with --zone the BIND snippet exactly as the daemon made it. check: one
// line per record with its status and, unless ok, what was found and why;
// then a summary. The exit status is 0 whenever the check ran, whatever it
// found: scripts read the summary or --json.
#include "CtlOutput.h"
#include "TableWriter.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace mailstead::ctl {

namespace {

QString header(const QJsonObject &object) {
    QStringList addresses;
    const QJsonArray list = object.value(u"addresses"_s).toArray();
    for (const QJsonValue &address : list)
        addresses << address.toString();
    const QString source = object.value(u"addresses_source"_s).toString();
    const QString domain = object.value(u"domain"_s).toString();
    const QString hostname = object.value(u"hostname"_s).toString();
    QString text = u"Mail server "_s + hostname;
    if (!domain.isEmpty())
        text = u"Domain "_s + displayDomain(domain) + u", mail server "_s + hostname;
    if (addresses.isEmpty())
        text += u", public address unknown (set [dns] public_addresses)"_s;
    else
        text += u" at "_s + addresses.join(u", "_s) + u" (from "_s + source + u')';
    return TableWriter::sanitize(text) + u"\n\n"_s;
}

QString shown(const QJsonObject &row, const QString &key) {
    return TableWriter::sanitize(row.value(key).toString());
}

} // namespace

Output formatDnsRecords(const QJsonValue &result) {
    const QJsonObject object = result.toObject();
    if (object.contains(u"zone"_s)) {
        QStringList lines = object.value(u"zone"_s).toString().split(u'\n');
        for (QString &line : lines)
            line = TableWriter::sanitize(line);
        return {lines.join(u'\n'), ExitSuccess};
    }
    TableWriter table({u"TYPE"_s, u"NAME"_s, u"VALUE"_s, u"PURPOSE"_s});
    const QJsonArray records = object.value(u"records"_s).toArray();
    for (const QJsonValue &value : records) {
        const QJsonObject row = value.toObject();
        const QString note = shown(row, u"note"_s);
        table.addRow({shown(row, u"type"_s), shown(row, u"name"_s),
                      note.isEmpty() ? shown(row, u"value"_s) : u"("_s + note + u')',
                      shown(row, u"purpose"_s)});
    }
    const QString domain = TableWriter::sanitize(object.value(u"domain"_s).toString());
    return {header(object) + table.toString() + u"\n\"mailsteadctl dns records "_s +
                (domain.isEmpty() ? QString() : QString(domain + u' ')) +
                u"--zone\" prints them for a BIND zone file.\n"_s,
            ExitSuccess};
}

Output formatDnsCheck(const QJsonValue &result) {
    const QJsonObject object = result.toObject();
    TableWriter table({u"STATUS"_s, u"TYPE"_s, u"NAME"_s, u"FOUND / DETAIL"_s});
    const QJsonArray records = object.value(u"records"_s).toArray();
    QString problems;
    for (const QJsonValue &value : records) {
        const QJsonObject row = value.toObject();
        const QString status = shown(row, u"status"_s);
        QStringList found;
        const QJsonArray foundList = row.value(u"found"_s).toArray();
        for (const QJsonValue &item : foundList)
            found << TableWriter::sanitize(item.toString());
        QString detail = found.join(u" | "_s);
        const QString why = shown(row, u"detail"_s);
        if (status != u"ok"_s && !why.isEmpty())
            detail += (detail.isEmpty() ? QString() : u" - "_s) + why;
        table.addRow({status, shown(row, u"type"_s), shown(row, u"name"_s), detail});
        if (status == u"missing"_s || status == u"different"_s) {
            const QString wanted = shown(row, u"value"_s);
            if (!wanted.isEmpty())
                problems += u"  "_s + shown(row, u"name"_s) + u' ' + shown(row, u"type"_s) + u' ' +
                            wanted + u'\n';
        }
    }
    const QJsonObject summary = object.value(u"summary"_s).toObject();
    QString out = header(object) + table.toString();
    out += u"\n%1 records: %2 ok, %3 missing, %4 different, %5 error\n"_s.arg(records.size())
               .arg(summary.value(u"ok"_s).toInt())
               .arg(summary.value(u"missing"_s).toInt())
               .arg(summary.value(u"different"_s).toInt())
               .arg(summary.value(u"error"_s).toInt());
    if (!problems.isEmpty())
        out += u"\nTo publish:\n"_s + problems;
    return {out, ExitSuccess};
}

} // namespace mailstead::ctl
