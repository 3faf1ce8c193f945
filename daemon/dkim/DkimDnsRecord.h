// DkimDnsRecord.h - the DNS TXT record that publishes a DKIM public key
//
// The record lives at "<selector>._domainkey.<domain>" (RFC 6376 section
// 3.6.2.1) and holds "v=DKIM1; k=<rsa|ed25519>; p=<key>" (section 3.6.1).
// A TXT record is a list of character-strings of at most 255 bytes each
// (RFC 1035 section 3.3); verifiers join them (RFC 6376 section 3.6.2.2),
// so a 2048-bit RSA key is split into several strings. zoneFileText() gives
// the record as a line to paste into a zone file: owner, class, type and a
// parenthesized list of quoted strings.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace mailstead::dkim {

class DkimPrivateKey;

inline constexpr qsizetype maxTxtStringBytes = 255; // RFC 1035 section 3.3

struct DkimDnsRecord {
    QString name;     // "<selector>._domainkey.<domain>", no final dot
    QByteArray value; // the whole TXT value, "v=DKIM1; k=...; p=..."

    QList<QByteArray> strings() const; // value in pieces of at most maxTxtStringBytes
    QString zoneFileText() const;      // "name. IN TXT ( "..." "..." )"
};

DkimDnsRecord dnsRecordFor(const DkimPrivateKey &key, const QString &domain,
                           const QString &selector);

} // namespace mailstead::dkim
