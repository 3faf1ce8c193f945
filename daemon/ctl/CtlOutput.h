// CtlOutput.h - turns IPC results (docs/ipc.md objects) into mailsteadctl text
//
// Lists become TableWriter tables, "show" becomes "Key: value" lines and
// mutating commands print one confirmation line. Names are shown in U-label
// form, sizes with formatByteSize and a quota of 0 as "unlimited". With
// --json none of this runs: the runner prints the raw result instead.
#pragma once

#include "CtlCommands.h"

#include <QJsonObject>
#include <QString>

namespace mailstead::ctl {

Output formatStatus(const QJsonValue &result);

Output formatDomainList(const QJsonValue &result);
Output formatDomain(const QJsonValue &result);
Output formatMailboxList(const QJsonValue &result);
Output formatMailbox(const QJsonValue &result);
Output formatAliasList(const QJsonValue &result);
Output formatAlias(const QJsonValue &result);
Output formatAuthTest(const QJsonValue &result);
Output formatCertificate(const QJsonValue &result); // CtlOutputTls.cpp
Output formatQueueList(const QJsonValue &result);   // CtlOutputQueue.cpp
Output formatQueueMessage(const QJsonValue &result);
// "message ID <action>" per changed message.
Formatter queueConfirmation(const QString &action);
// CtlOutputDkim.cpp
Output formatDkimGenerated(const QJsonValue &result);
Output formatDkimShow(const QJsonValue &result);
Output formatDkimList(const QJsonValue &result);
Output formatDkimRemoved(const QJsonValue &result);
// CtlOutputSendAs.cpp: the grants table; "mailbox M send-as A <action>".
Output formatSendAsList(const QJsonValue &result);
Formatter sendAsConfirmation(const QString &action);
// CtlOutputDns.cpp
Output formatDnsRecords(const QJsonValue &result);
Output formatDnsCheck(const QJsonValue &result);

// "<noun> <name> <action>", e.g. "domain bücher.example added". The name is
// taken from the result object (a Domain, Mailbox or Alias, or {removed}).
Formatter confirmation(const QString &noun, const QString &action);

// Display forms of stored (ACE) names.
QString displayDomain(const QString &domain);
QString displayAddress(const QString &address);
QString displayAliasSource(const QString &source);
QString displayQuota(qint64 bytes);
QString displayLimit(qint64 count);
QString displayBool(bool value);

} // namespace mailstead::ctl
