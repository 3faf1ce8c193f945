// DnsStatus.h - how the wizard shows a dns.check status
//
// dns.check rates each record "ok", "missing", "different" or "error"
// (docs/ipc.md); the wizard shows an icon and a word for each, with the
// daemon's sentence (detail) and what DNS holds (found) as the tooltip.
#pragma once

#include <QIcon>
#include <QJsonObject>
#include <QString>

namespace mailstead::app {

QIcon dnsStatusIcon(const QString &status);
QString dnsStatusText(const QString &status);
// The tooltip of a checked record: detail and found values.
QString dnsStatusToolTip(const QJsonObject &record);

} // namespace mailstead::app
