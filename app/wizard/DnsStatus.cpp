// DnsStatus.cpp - icons and words for dns.check statuses; see DnsStatus.h
#include "DnsStatus.h"

#include <QApplication>
#include <QJsonArray>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace mailstead::app {

QIcon dnsStatusIcon(const QString &status) {
    QStyle *style = QApplication::style();
    if (status == u"ok"_s)
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    if (status == u"different"_s)
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    if (status == u"missing"_s)
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    if (status == u"error"_s)
        return style->standardIcon(QStyle::SP_MessageBoxQuestion);
    return {};
}

QString dnsStatusText(const QString &status) {
    if (status == u"ok"_s)
        return QApplication::translate("DnsStatus", "Published");
    if (status == u"different"_s)
        return QApplication::translate("DnsStatus", "Different");
    if (status == u"missing"_s)
        return QApplication::translate("DnsStatus", "Missing");
    if (status == u"error"_s)
        return QApplication::translate("DnsStatus", "No answer");
    return QApplication::translate("DnsStatus", "Not checked");
}

QString dnsStatusToolTip(const QJsonObject &record) {
    QStringList lines;
    const QString detail = record.value(u"detail"_s).toString();
    if (!detail.isEmpty())
        lines.append(detail);
    QStringList found;
    const QJsonArray values = record.value(u"found"_s).toArray();
    for (const QJsonValue &value : values)
        found.append(value.toString());
    if (!found.isEmpty())
        lines.append(QApplication::translate("DnsStatus", "Found: %1").arg(found.join(u", "_s)));
    if (record.contains(u"forward_confirmed"_s))
        lines.append(
            record.value(u"forward_confirmed"_s).toBool()
                ? QApplication::translate("DnsStatus", "The name resolves back to the address.")
                : QApplication::translate("DnsStatus",
                                          "The name does not resolve back to the address."));
    return lines.join(u'\n');
}

} // namespace mailstead::app
