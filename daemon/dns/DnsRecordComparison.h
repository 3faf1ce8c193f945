// DnsRecordComparison.h - is a planned record published? (pure)
//
// compareAnswer() judges one planned row against the resolver's answer for
// its name: ok, missing (the name or the records do not exist), different
// (something else is published; the found values say what) or error (no
// definite answer: timeout, SERVFAIL, ...). TXT records are compared by
// meaning where exact text would mislead: SPF by whether it allows this
// server (RFC 7208 sections 3.2, 4.6, 5), DMARC by its policy (RFC 7489
// section 6.3), DKIM by the key (RFC 6376 section 3.6.1), MTA-STS by the
// policy id (RFC 8461 section 3.1), TLS-RPT by the presence of a rua
// (RFC 8460 section 3). PTR rows add forward confirmation (RFC 8601
// section 3 "iprev"): a name of the PTR set resolves back to the address.
//
// SECURITY: answers are data from any name server; nothing here trusts
// their size beyond what the resolver's max_answers let through.
#pragma once

#include "DnsAnswer.h"
#include "DnsRecordPlanner.h"

#include <optional>
#include <QHostAddress>
#include <QList>
#include <QStringList>

namespace mailstead::dns {

enum class CheckStatus { Ok, Missing, Different, Error };
// "ok", "missing", "different", "error".
QString checkStatusName(CheckStatus status);

struct CheckedRecord {
    PlannedRecord planned;
    CheckStatus status = CheckStatus::Error;
    QStringList found; // what DNS holds, in presentation form (TXT unquoted)
    QString detail;    // a sentence for a person
    DnssecStatus dnssec = DnssecStatus::Insecure;
    std::optional<bool> forwardConfirmed; // Ptr rows, once checked
};

// The type to ask for the row's name: HostAlias rows ask for addresses
// (A, or AAAA for a server without IPv4) and look at the CNAME chain.
DnsType queryTypeFor(const PlannedRecord &planned, const QList<QHostAddress> &serverAddresses);

CheckedRecord compareAnswer(const PlannedRecord &planned, const DnsAnswer &answer,
                            const QString &hostname, const QList<QHostAddress> &serverAddresses);

// Ptr rows: the PTR name whose addresses are looked up for forward
// confirmation (the host name when it is among them, else the first);
// empty when there is nothing to confirm.
QString forwardConfirmationName(const CheckedRecord &row, const QString &hostname);
// Records the forward lookup's verdict in row (status, detail, flag).
void applyForwardConfirmation(CheckedRecord *row, const QString &name, const DnsAnswer &forward);

} // namespace mailstead::dns
