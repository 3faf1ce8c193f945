// DnsRecordComparison.cpp - ok, missing, different or error, per row
//
// RFC 7208 sections 3.2, 4.6.1 and 5 (SPF terms), RFC 7489 section 6.3
// (DMARC p=), RFC 6376 section 3.6.1 (DKIM p=), RFC 8461 section 3.1,
// RFC 8460 section 3, RFC 7505 (null MX), RFC 6186 section 4, RFC 8601
// section 3 (iprev).
//
// SECURITY: see DnsRecordComparison.h.
#include "DnsRecordComparison.h"

#include "DnsName.h"

#include <QHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace mailstead::dns {

namespace {

CheckedRecord verdict(CheckedRecord row, CheckStatus status, const QString &detail) {
    row.status = status;
    row.detail = detail;
    return row;
}

QString textOf(const DnsRecord &record) {
    return QString::fromUtf8(record.joinedText());
}

// "v=spf1 ..." style: the version tag, then a space or the end.
bool hasVersion(const QString &text, const QString &version) {
    if (!text.startsWith(version, Qt::CaseInsensitive))
        return false;
    return text.size() == version.size() || text.at(version.size()) == u' ';
}

// "v=DMARC1; p=reject" style tag lists (RFC 7489 section 6.4, RFC 6376
// section 3.2, RFC 8461 section 3.1, RFC 8460 section 3): name -> value,
// names lower-cased.
QHash<QString, QString> tagList(const QString &text) {
    QHash<QString, QString> tags;
    const QStringList parts = text.split(u';');
    for (const QString &part : parts) {
        const qsizetype equals = part.indexOf(u'=');
        if (equals <= 0)
            continue;
        const QString name = part.left(equals).trimmed().toLower();
        if (!tags.contains(name))
            tags.insert(name, part.mid(equals + 1).trimmed());
    }
    return tags;
}

bool isTagRecord(const QString &text, const QString &version) {
    const QHash<QString, QString> tags = tagList(text);
    return text.trimmed().startsWith(u"v="_s, Qt::CaseInsensitive) &&
           tags.value(u"v"_s).compare(version, Qt::CaseInsensitive) == 0;
}

QString withoutSpaces(QString text) {
    static const QRegularExpression spaces(u"\\s+"_s);
    return text.remove(spaces);
}

// Does this SPF record let the server send? "mx", or ip4:/ip6: terms
// covering every server address. Includes and redirects are not
// followed: they may allow it, but this check cannot tell.
struct SpfReading {
    bool allowsServer = false;
    bool hasIndirection = false;
    QString allQualifier; // "-", "~", "?", "+" or empty without "all"
};

SpfReading readSpf(const QString &text, const QList<QHostAddress> &serverAddresses) {
    SpfReading reading;
    const QStringList terms = text.split(u' ', Qt::SkipEmptyParts).mid(1);
    QList<QHostAddress> uncovered = serverAddresses;
    bool mx = false;
    for (QString term : terms) {
        term = term.toLower();
        QString qualifier = u"+"_s;
        if (!term.isEmpty() && u"+-~?"_s.contains(term.at(0))) {
            qualifier = term.left(1);
            term = term.mid(1);
        }
        if (term == u"all"_s) {
            reading.allQualifier = qualifier;
            break; // RFC 7208 section 5.1: nothing after "all" is evaluated
        }
        if (qualifier != u"+"_s)
            continue;
        if (term == u"mx"_s || term.startsWith(u"mx:"_s) || term.startsWith(u"mx/"_s)) {
            mx = true;
        } else if (term.startsWith(u"ip4:"_s) || term.startsWith(u"ip6:"_s)) {
            const auto subnet = QHostAddress::parseSubnet(term.mid(4));
            if (subnet.first.isNull()) {
                const QHostAddress single(term.mid(4));
                uncovered.removeIf([&](const QHostAddress &a) { return a.isEqual(single); });
            } else {
                uncovered.removeIf([&](const QHostAddress &a) { return a.isInSubnet(subnet); });
            }
        } else if (term.startsWith(u"include:"_s) || term.startsWith(u"redirect="_s)) {
            reading.hasIndirection = true;
        }
    }
    reading.allowsServer = mx || (!serverAddresses.isEmpty() && uncovered.isEmpty());
    return reading;
}

CheckedRecord compareSpf(CheckedRecord row, const QStringList &spf,
                         const QList<QHostAddress> &serverAddresses) {
    if (spf.size() > 1)
        return verdict(row, CheckStatus::Different,
                       u"more than one SPF record: receivers treat that as an error "
                       u"(RFC 7208 section 3.2); keep one"_s);
    const SpfReading reading = readSpf(spf.first(), serverAddresses);
    if (!reading.allowsServer)
        return verdict(row, CheckStatus::Different,
                       reading.hasIndirection
                           ? u"the record does not list the MX or this server's addresses "
                             u"directly (includes are not followed)"_s
                           : u"the record does not allow this server to send"_s);
    if (reading.allQualifier != u"-"_s)
        return verdict(row, CheckStatus::Different,
                       reading.allQualifier.isEmpty()
                           ? u"no \"-all\": other servers are not refused"_s
                           : u"ends in \""_s + reading.allQualifier +
                                 u"all\" instead of \"-all\": other servers are not refused"_s);
    return verdict(row, CheckStatus::Ok, u"allows this server"_s);
}

int dmarcStrength(const QString &policy) {
    const QString p = policy.toLower();
    if (p == u"reject"_s)
        return 2;
    if (p == u"quarantine"_s)
        return 1;
    if (p == u"none"_s)
        return 0;
    return -1;
}

CheckedRecord compareDmarc(CheckedRecord row, const QStringList &dmarc) {
    if (dmarc.size() > 1)
        return verdict(row, CheckStatus::Different,
                       u"more than one DMARC record: receivers ignore them all "
                       u"(RFC 7489 section 6.6.3)"_s);
    const QString found = tagList(dmarc.first()).value(u"p"_s);
    const QString wanted = tagList(row.planned.value).value(u"p"_s);
    const int strength = dmarcStrength(found);
    if (strength < 0)
        return verdict(row, CheckStatus::Different,
                       found.isEmpty() ? u"no p= policy tag (RFC 7489 section 6.3)"_s
                                       : u"unknown policy p="_s + found);
    if (strength < dmarcStrength(wanted))
        return verdict(row, CheckStatus::Different,
                       u"policy p="_s + found + u" is weaker than p="_s + wanted);
    return verdict(row, CheckStatus::Ok, u"policy p="_s + found);
}

CheckedRecord compareTxt(CheckedRecord row, const DnsAnswer &answer,
                         const QList<QHostAddress> &serverAddresses) {
    QStringList all;
    for (const DnsRecord &record : answer.records)
        all << textOf(record);
    QStringList relevant;
    for (const QString &text : std::as_const(all)) {
        bool matches = false;
        switch (row.planned.role) {
        case RecordRole::Spf:
            matches = hasVersion(text, u"v=spf1"_s);
            break;
        case RecordRole::Dmarc:
            matches = isTagRecord(text, u"DMARC1"_s);
            break;
        case RecordRole::MtaSts:
            matches = isTagRecord(text, u"STSv1"_s);
            break;
        case RecordRole::TlsRpt:
            matches = isTagRecord(text, u"TLSRPTv1"_s);
            break;
        default:
            matches = true; // DKIM: whatever is at the selector's name
            break;
        }
        if (matches)
            relevant << text;
    }
    row.found = relevant.isEmpty() ? all : relevant;
    if (relevant.isEmpty())
        return verdict(row, CheckStatus::Missing,
                       all.isEmpty() ? u"no TXT record"_s
                                     : u"no such record among the name's TXT records"_s);

    switch (row.planned.role) {
    case RecordRole::Spf:
        return compareSpf(row, relevant, serverAddresses);
    case RecordRole::Dmarc:
        return compareDmarc(row, relevant);
    case RecordRole::MtaSts: {
        if (relevant.size() > 1)
            return verdict(row, CheckStatus::Different,
                           u"more than one STSv1 record: senders ignore MTA-STS "
                           u"(RFC 8461 section 3.1)"_s);
        const QString id = tagList(relevant.first()).value(u"id"_s);
        const QString wanted = tagList(row.planned.value).value(u"id"_s);
        if (id != wanted)
            return verdict(row, CheckStatus::Different,
                           u"policy id "_s + id + u" instead of "_s + wanted +
                               u": senders keep a cached policy until the id changes"_s);
        return verdict(row, CheckStatus::Ok, u"policy id matches"_s);
    }
    case RecordRole::TlsRpt: {
        if (relevant.size() > 1)
            return verdict(row, CheckStatus::Different,
                           u"more than one TLSRPTv1 record (RFC 8460 section 3)"_s);
        const QString rua = tagList(relevant.first()).value(u"rua"_s);
        if (rua.isEmpty())
            return verdict(row, CheckStatus::Different, u"no rua= report address"_s);
        return verdict(row, CheckStatus::Ok, u"reports go to "_s + rua);
    }
    case RecordRole::Dkim: {
        const QString key = withoutSpaces(tagList(relevant.join(QString())).value(u"p"_s));
        const QString wanted = withoutSpaces(tagList(row.planned.value).value(u"p"_s));
        if (key.isEmpty())
            return verdict(row, CheckStatus::Different, u"no public key (p=) in the record"_s);
        if (key != wanted)
            return verdict(row, CheckStatus::Different, u"a different public key"_s);
        return verdict(row, CheckStatus::Ok, u"the public key matches"_s);
    }
    default:
        break;
    }
    return verdict(row, CheckStatus::Error, u"not a TXT row"_s);
}

CheckedRecord compareMx(CheckedRecord row, const DnsAnswer &answer, const QString &hostname) {
    bool ours = false;
    bool nullMx = false;
    for (const DnsRecord &record : answer.records) {
        row.found << QString::number(record.preference) + u' ' + record.host;
        ours = ours || sameHostName(record.host, hostname);
        nullMx = nullMx || record.host == u"."_s;
    }
    if (ours)
        return verdict(row, CheckStatus::Ok,
                       answer.records.size() > 1 ? u"this server is among the MX hosts"_s
                                                 : u"this server is the MX"_s);
    return verdict(row, CheckStatus::Different,
                   nullMx ? u"a null MX: the domain accepts no mail (RFC 7505)"_s
                          : u"mail goes to other servers"_s);
}

CheckedRecord compareAddress(CheckedRecord row, const DnsAnswer &answer) {
    bool present = false;
    for (const DnsRecord &record : answer.records) {
        row.found << record.address.toString();
        present = present || record.address.isEqual(row.planned.address);
    }
    if (row.planned.address.isNull())
        return verdict(row, CheckStatus::Ok, u"the host name has an address"_s);
    if (!present)
        return verdict(row, CheckStatus::Different,
                       u"the host name does not resolve to "_s + row.planned.address.toString());
    return verdict(row, CheckStatus::Ok, QString());
}

CheckedRecord compareHostAlias(CheckedRecord row, const DnsAnswer &answer, const QString &hostname,
                               const QList<QHostAddress> &serverAddresses) {
    if (!answer.canonicalName.isEmpty())
        row.found << u"CNAME "_s + answer.canonicalName;
    bool ours = false;
    for (const DnsRecord &record : answer.records) {
        row.found << record.address.toString();
        for (const QHostAddress &address : serverAddresses)
            ours = ours || record.address.isEqual(address);
    }
    if (!answer.canonicalName.isEmpty() && sameHostName(answer.canonicalName, hostname))
        return verdict(row, CheckStatus::Ok,
                       answer.ok()
                           ? QString()
                           : u"the CNAME is right, but "_s + hostname + u" has no address"_s);
    if (!answer.ok())
        return verdict(row, answer.isNegative() ? CheckStatus::Missing : CheckStatus::Error,
                       answer.error);
    if (ours && answer.canonicalName.isEmpty())
        return verdict(row, CheckStatus::Ok, u"address records instead of a CNAME"_s);
    return verdict(row, CheckStatus::Different,
                   answer.canonicalName.isEmpty() ? u"points at other addresses"_s
                                                  : u"a CNAME to another host"_s);
}

CheckedRecord compareSrv(CheckedRecord row, const DnsAnswer &answer, const QString &hostname) {
    bool ours = false;
    for (const DnsRecord &record : answer.records) {
        row.found << u"%1 %2 %3 "_s.arg(record.priority).arg(record.weight).arg(record.port) +
                         record.host;
        if (row.planned.port == 0)
            ours = ours || record.host == u"."_s;
        else
            ours = ours || (sameHostName(record.host, hostname) && record.port == row.planned.port);
    }
    if (ours)
        return verdict(row, CheckStatus::Ok, QString());
    return verdict(row, CheckStatus::Different,
                   row.planned.port == 0
                       ? u"announces a service that is off"_s
                       : u"not "_s + hostname + u" port "_s + QString::number(row.planned.port));
}

CheckedRecord comparePtr(CheckedRecord row, const DnsAnswer &answer, const QString &hostname) {
    bool ours = false;
    for (const DnsRecord &record : answer.records) {
        row.found << record.host;
        ours = ours || sameHostName(record.host, hostname);
    }
    if (!ours)
        return verdict(row, CheckStatus::Different,
                       row.planned.address.toString() + u" does not point at "_s + hostname);
    return verdict(row, CheckStatus::Ok, QString());
}

} // namespace

QString checkStatusName(CheckStatus status) {
    switch (status) {
    case CheckStatus::Ok:
        return u"ok"_s;
    case CheckStatus::Missing:
        return u"missing"_s;
    case CheckStatus::Different:
        return u"different"_s;
    case CheckStatus::Error:
        return u"error"_s;
    }
    return {};
}

DnsType queryTypeFor(const PlannedRecord &planned, const QList<QHostAddress> &serverAddresses) {
    if (planned.role != RecordRole::HostAlias)
        return planned.type;
    for (const QHostAddress &address : serverAddresses) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol)
            return DnsType::A;
    }
    return serverAddresses.isEmpty() ? DnsType::A : DnsType::Aaaa;
}

CheckedRecord compareAnswer(const PlannedRecord &planned, const DnsAnswer &answer,
                            const QString &hostname, const QList<QHostAddress> &serverAddresses) {
    CheckedRecord row;
    row.planned = planned;
    row.dnssec = answer.dnssec;
    if (planned.role == RecordRole::HostAlias)
        return compareHostAlias(row, answer, hostname, serverAddresses);
    if (!answer.ok())
        return verdict(row, answer.isNegative() ? CheckStatus::Missing : CheckStatus::Error,
                       answer.error);

    switch (planned.role) {
    case RecordRole::HostAddress:
        return compareAddress(row, answer);
    case RecordRole::Mx:
        return compareMx(row, answer, hostname);
    case RecordRole::Spf:
    case RecordRole::Dkim:
    case RecordRole::Dmarc:
    case RecordRole::MtaSts:
    case RecordRole::TlsRpt:
        return compareTxt(row, answer, serverAddresses);
    case RecordRole::Srv:
        return compareSrv(row, answer, hostname);
    case RecordRole::Ptr:
        return comparePtr(row, answer, hostname);
    case RecordRole::HostAlias:
        break;
    }
    return verdict(row, CheckStatus::Error, u"unknown row"_s);
}

QString forwardConfirmationName(const CheckedRecord &row, const QString &hostname) {
    if (row.planned.role != RecordRole::Ptr || row.found.isEmpty())
        return {};
    for (const QString &name : row.found) {
        if (sameHostName(name, hostname))
            return name;
    }
    return row.found.first();
}

void applyForwardConfirmation(CheckedRecord *row, const QString &name, const DnsAnswer &forward) {
    bool confirmed = false;
    for (const DnsRecord &record : forward.records)
        confirmed = confirmed || record.address.isEqual(row->planned.address);
    row->forwardConfirmed = confirmed;
    if (confirmed) {
        const QString note = name + u" resolves back to "_s + row->planned.address.toString() +
                             u" (forward-confirmed)"_s;
        row->detail = row->detail.isEmpty() ? note : row->detail + u"; "_s + note;
        return;
    }
    QStringList addresses;
    for (const DnsRecord &record : forward.records)
        addresses << record.address.toString();
    const QString note =
        u"not forward-confirmed: "_s + name +
        (forward.ok() ? u" resolves to "_s + addresses.join(u", "_s) : u": "_s + forward.error);
    row->detail = row->detail.isEmpty() ? note : row->detail + u"; "_s + note;
    if (row->status == CheckStatus::Ok)
        row->status =
            forward.ok() || forward.isNegative() ? CheckStatus::Different : CheckStatus::Error;
}

} // namespace mailstead::dns
