// DnsRecordPlanner.h - the DNS records a mail domain needs, and their zone text
//
// For one domain served by this server: A/AAAA of the host name, MX
// (RFC 5321 section 5.1), SPF "v=spf1 mx -all" (RFC 7208), the DKIM key
// TXT (RFC 6376 section 3.6.2), DMARC (RFC 7489 section 6.1), MTA-STS
// (RFC 8461 sections 3.1 and 3.3), TLS-RPT (RFC 8460 section 3),
// autoconfig/autodiscover names, the submission/IMAP/POP3 SRV records of
// RFC 6186 (with RFC 8314's implicit TLS) and the PTR records the
// server's addresses should have (RFC 1912 section 2.1). Without a domain
// only the server's own rows: A/AAAA and PTR. Pure: facts in, rows out;
// DnsChecker compares them with what is published.
//
// Decisions: DMARC starts at p=quarantine (the server signs all it sends
// and SPF lists exactly its MX, so aligned mail passes; p=none would
// protect nothing), with aggregate reports to the report address. Services
// that are not offered get the RFC 6186 section 4 "not available" SRV
// (target "."), so clients do not try them.
#pragma once

#include "DnsRecordType.h"

#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace mailstead::dns {

inline constexpr int defaultRecordTtl = 3600;

// How DnsChecker compares a row with what DNS returns.
enum class RecordRole {
    HostAddress, // A/AAAA of the host name: the row's address must be there
    Mx,          // the host name among the MX exchanges
    Spf,         // one v=spf1 record that allows this server
    Dkim,        // the selector's TXT with the same public key (p=)
    Dmarc,       // one v=DMARC1 record, policy at least as strict
    MtaSts,      // one v=STSv1 record with the policy's id
    TlsRpt,      // one v=TLSRPTv1 record with a rua
    HostAlias,   // a CNAME to the host name, or the server's addresses
    Srv,         // the service at the host name and port (or "." if off)
    Ptr,         // the reverse name points at the host name, forward-confirmed
};

struct DkimTxtRecord {
    QString selector; // "mail2026", the label before "._domainkey"
    QString value;    // "v=DKIM1; k=ed25519; p=..."
};

struct DnsPlanInput {
    QString domain;                // A-label form; empty: only the server's own rows
    QString hostname;              // A-label form
    QList<QHostAddress> addresses; // the server's public addresses
    QList<DkimTxtRecord> dkim;     // empty: no key yet
    QString mtaStsPolicyId;        // RFC 8461 section 3.1: 1-32 letters and digits
    QString reportAddress;         // DMARC rua and TLS-RPT rua, e.g. postmaster@domain
    bool submission = true;        // port 587 offered
    bool submissions = true;       // port 465
    bool imaps = true;             // port 993
    bool pop3s = true;             // port 995
    int ttl = defaultRecordTtl;
};

struct PlannedRecord {
    QString name; // absolute, no trailing dot
    DnsType type = DnsType::Txt;
    QString value; // for people: TXT text unquoted, names without the final dot
    QString purpose;
    RecordRole role = RecordRole::HostAddress;
    QString note;         // why the row cannot be published yet (value empty)
    QHostAddress address; // HostAddress and Ptr rows: the address concerned
    quint16 port = 0;     // Srv rows: the port; 0 with target "." when off
};

struct DnsPlan {
    QString domain;
    QString hostname;
    QList<QHostAddress> addresses;
    int ttl = defaultRecordTtl;
    QList<PlannedRecord> records;
};

DnsPlan planRecords(const DnsPlanInput &input);

// The rows as a BIND zone-file snippet: absolute names with a final dot,
// TXT values split into quoted strings of at most 255 octets, a comment
// with each row's purpose, rows that cannot be published yet as comments.
QString zoneSnippet(const DnsPlan &plan);

// The RDATA of a planned row in zone-file form ("10 mail.example.test.").
QString zoneValue(const PlannedRecord &record);

// An RFC 8461 section 3.1 id for a policy text: 32 hex digits of its
// SHA-256, so the id changes exactly when the policy does.
QString mtaStsPolicyId(QByteArrayView policy);

// The row's role as a word for the IPC result: "address", "mx", "spf", ...
QString recordRoleName(RecordRole role);

} // namespace mailstead::dns
