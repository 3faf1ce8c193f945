// DnsRecordData.h - one resource record's RDATA as a value
//
// parseRecordData() is a pure function: the record type, its RDATA octets
// (libunbound's ub_result data[i]) and optionally the whole answer packet
// (ub_result answer_packet, for compression pointers inside names) in, a
// DnsRecord or an error out. Formats: A (RFC 1035 section 3.4.1), AAAA
// (RFC 3596 section 2.2), MX (3.3.9), TXT (3.3.14), PTR/CNAME/NS (3.3.12,
// 3.3.1, 3.3.11), SRV (RFC 2782), TLSA (RFC 6698 section 2.1). Other types
// keep their octets and print in the RFC 3597 generic form.
//
// SECURITY: RDATA comes from any name server. Parsing is total: every
// length is checked against the data, trailing octets are an error, and
// nothing is allocated beyond the size of the input.
#pragma once

#include "DnsRecordType.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace mailstead::dns {

struct DnsRecord {
    DnsType type = DnsType::A;
    QByteArray rdata;            // the octets as received
    QHostAddress address;        // A, AAAA
    QString host;                // MX exchange, SRV target, PTR/CNAME/NS name
    quint16 preference = 0;      // MX
    quint16 priority = 0;        // SRV
    quint16 weight = 0;          // SRV
    quint16 port = 0;            // SRV
    QList<QByteArray> strings;   // TXT character-strings
    quint8 certificateUsage = 0; // TLSA
    quint8 selector = 0;         // TLSA
    quint8 matchingType = 0;     // TLSA
    QByteArray associationData;  // TLSA

    // TXT: the character-strings concatenated without separator, as
    // RFC 7208 section 3.3 and RFC 6376 section 3.6.2.2 read them.
    QByteArray joinedText() const;
    // The RDATA in zone-file form: "10 mail.example.test.", "\"v=spf1 -all\"",
    // "0 1 587 mail.example.test.", "3 1 1 ab12...".
    QString toPresentation() const;
};

struct DnsRecordParse {
    bool ok = false;
    DnsRecord record;
    QString error;
};

DnsRecordParse parseRecordData(DnsType type, QByteArrayView rdata, QByteArrayView packet = {});

// A TXT value in zone-file form: quoted character-strings of at most 255
// octets each (RFC 1035 sections 3.3.14 and 5.1), '"' and '\\' escaped,
// octets outside printable ASCII as \DDD. An empty value is "\"\"".
QString quotedCharacterStrings(QByteArrayView value);

} // namespace mailstead::dns
