// DnsAnswer.h - what one DNS query came back with
//
// The outcome (records, no data, no such name, failure, timeout), the
// DNSSEC verdict libunbound reached (RFC 4035 section 4.3: secure,
// insecure, bogus) and the records parsed from the answer. Shared by the
// resolver, the record checker and, later, the outbound queue's MX lookup.
#pragma once

#include "DnsRecordData.h"

#include <QList>
#include <QString>

namespace mailstead::dns {

enum class DnsStatus {
    Ok,       // records of the asked type
    NoData,   // the name exists, without records of that type (RCODE 0)
    NxDomain, // no such name (RCODE 3)
    ServFail, // the resolver could not get an answer (RCODE 2, bogus DNSSEC)
    Refused,  // any other RCODE, e.g. REFUSED (5)
    Timeout,  // no answer within the query timeout
    Busy,     // more queries waiting than the resolver accepts
    Error,    // the query could not be made (bad name, resolver error)
};

enum class DnssecStatus { Insecure, Secure, Bogus };

// "ok", "nodata", "nxdomain", "servfail", "refused", "timeout", "busy", "error".
QString dnsStatusName(DnsStatus status);
// "insecure", "secure", "bogus".
QString dnssecStatusName(DnssecStatus status);

struct DnsAnswer {
    QString name; // as asked
    DnsType type = DnsType::A;
    DnsStatus status = DnsStatus::Error;
    DnssecStatus dnssec = DnssecStatus::Insecure;
    int rcode = 0;
    QString canonicalName; // after CNAMEs; empty when none were followed
    QList<DnsRecord> records;
    int ttl = 0;
    bool truncated = false;   // more records than the resolver's max_answers
    int malformedRecords = 0; // records whose RDATA did not parse (skipped)
    QString error;            // for a person: why not ok, or why bogus

    bool ok() const { return status == DnsStatus::Ok; }
    // The name or the records do not exist: a definite "no", unlike a
    // failure, which says nothing about what is published.
    bool isNegative() const { return status == DnsStatus::NoData || status == DnsStatus::NxDomain; }
};

} // namespace mailstead::dns
