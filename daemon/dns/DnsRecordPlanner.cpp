// DnsRecordPlanner.cpp - rows for one domain, and their BIND zone text
//
// RFC 6186 section 3 (SRV names and ports), RFC 8314 section 5.1 (implicit
// TLS), RFC 7489 section 6.3 (DMARC tags), RFC 8461 section 3.1 (STS TXT),
// RFC 8460 section 3 (TLSRPT TXT), RFC 1035 section 5.1 (zone syntax).
#include "DnsRecordPlanner.h"

#include "DnsName.h"
#include "DnsRecordData.h"

#include <algorithm>
#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace mailstead::dns {

namespace {

constexpr quint16 mxPreference = 10;

struct SrvService {
    QString label; // "_submissions._tcp"
    quint16 port;
    bool DnsPlanInput::*offered;
    QString purpose;
};

QList<SrvService> srvServices() {
    return {
        {u"_submissions._tcp"_s, 465, &DnsPlanInput::submissions,
         u"mail clients find submission with implicit TLS (RFC 6186, RFC 8314)"_s},
        {u"_submission._tcp"_s, 587, &DnsPlanInput::submission,
         u"mail clients find submission with STARTTLS (RFC 6186)"_s},
        {u"_imaps._tcp"_s, 993, &DnsPlanInput::imaps,
         u"mail clients find IMAP with implicit TLS (RFC 6186, RFC 8314)"_s},
        {u"_pop3s._tcp"_s, 995, &DnsPlanInput::pop3s,
         u"mail clients find POP3 with implicit TLS (RFC 6186, RFC 8314)"_s},
    };
}

PlannedRecord row(const QString &name, DnsType type, const QString &value, RecordRole role,
                  const QString &purpose) {
    PlannedRecord record;
    record.name = name;
    record.type = type;
    record.value = value;
    record.role = role;
    record.purpose = purpose;
    return record;
}

QString absolute(const QString &name) {
    return name == u"."_s ? name : name + u'.';
}

// MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, the client-configuration
// aliases and the SRV records of one domain.
void appendDomainRows(const DnsPlanInput &input, const QString &host, const QString &domain,
                      QList<PlannedRecord> *out) {
    QList<PlannedRecord> &rows = *out;
    rows << row(domain, DnsType::Mx, QString::number(mxPreference) + u' ' + host, RecordRole::Mx,
                u"mail for the domain goes to this server"_s);
    rows << row(domain, DnsType::Txt, u"v=spf1 mx -all"_s, RecordRole::Spf,
                u"SPF: only the domain's MX may send its mail (RFC 7208)"_s);

    for (const DkimTxtRecord &dkim : input.dkim) {
        rows << row(dkim.selector + u"._domainkey."_s + domain, DnsType::Txt, dkim.value,
                    RecordRole::Dkim,
                    u"DKIM public key of selector "_s + dkim.selector + u" (RFC 6376)"_s);
    }
    if (input.dkim.isEmpty()) {
        PlannedRecord record = row(u"_domainkey."_s + domain, DnsType::Txt, QString(),
                                   RecordRole::Dkim, u"DKIM public key (RFC 6376)"_s);
        record.note = u"dkim key not generated: run mailsteadctl dkim generate "_s + domain;
        rows << record;
    }

    rows << row(u"_dmarc."_s + domain, DnsType::Txt,
                u"v=DMARC1; p=quarantine; rua=mailto:"_s + input.reportAddress, RecordRole::Dmarc,
                u"DMARC: quarantine mail that fails SPF and DKIM, reports to "_s +
                    input.reportAddress + u" (RFC 7489)"_s);
    rows << row(u"mta-sts."_s + domain, DnsType::Cname, host, RecordRole::HostAlias,
                u"serves the MTA-STS policy over HTTPS (RFC 8461 section 3.3)"_s);
    rows << row(u"_mta-sts."_s + domain, DnsType::Txt, u"v=STSv1; id="_s + input.mtaStsPolicyId,
                RecordRole::MtaSts, u"MTA-STS: senders must use TLS to the MX (RFC 8461)"_s);
    rows << row(u"_smtp._tls."_s + domain, DnsType::Txt,
                u"v=TLSRPTv1; rua=mailto:"_s + input.reportAddress, RecordRole::TlsRpt,
                u"TLS-RPT: senders report TLS failures to "_s + input.reportAddress +
                    u" (RFC 8460)"_s);
    rows << row(u"autoconfig."_s + domain, DnsType::Cname, host, RecordRole::HostAlias,
                u"Thunderbird autoconfiguration"_s);
    rows << row(u"autodiscover."_s + domain, DnsType::Cname, host, RecordRole::HostAlias,
                u"Outlook autodiscover"_s);

    for (const SrvService &service : srvServices()) {
        const bool offered = input.*service.offered;
        PlannedRecord record =
            row(service.label + u'.' + domain, DnsType::Srv,
                offered ? u"0 1 %1 "_s.arg(service.port) + host : u"0 0 0 ."_s, RecordRole::Srv,
                offered ? service.purpose
                        : u"this service is off: clients should not try it (RFC 6186 section 4)"_s);
        record.port = offered ? service.port : 0;
        rows << record;
    }
}

} // namespace

DnsPlan planRecords(const DnsPlanInput &input) {
    DnsPlan plan;
    plan.domain = canonicalHostName(input.domain);
    plan.hostname = canonicalHostName(input.hostname);
    plan.addresses = input.addresses;
    plan.ttl = input.ttl;
    const QString &domain = plan.domain;
    const QString &host = plan.hostname;
    QList<PlannedRecord> &rows = plan.records;

    for (const QHostAddress &address : input.addresses) {
        const bool v4 = address.protocol() == QAbstractSocket::IPv4Protocol;
        PlannedRecord record = row(host, v4 ? DnsType::A : DnsType::Aaaa, address.toString(),
                                   RecordRole::HostAddress, u"the mail server's address"_s);
        record.address = address;
        rows << record;
    }
    if (input.addresses.isEmpty()) {
        PlannedRecord record = row(host, DnsType::A, QString(), RecordRole::HostAddress,
                                   u"the mail server's address"_s);
        record.note = u"the server's public address is not known: set [dns] public_addresses"_s;
        rows << record;
    }

    // Without a domain only the server's own rows: its name and reverse DNS.
    if (!domain.isEmpty())
        appendDomainRows(input, host, domain, &rows);

    for (const QHostAddress &address : input.addresses) {
        PlannedRecord record =
            row(reverseLookupName(address), DnsType::Ptr, host, RecordRole::Ptr,
                u"reverse DNS of "_s + address.toString() +
                    u": receivers check that it names the server and resolves back to it; "
                    u"set by whoever owns the address"_s);
        record.address = address;
        rows << record;
    }
    return plan;
}

QString zoneValue(const PlannedRecord &record) {
    switch (record.type) {
    case DnsType::Txt:
        return quotedCharacterStrings(record.value.toUtf8());
    case DnsType::Cname:
    case DnsType::Ptr:
    case DnsType::Ns:
        return absolute(record.value);
    case DnsType::Mx:
    case DnsType::Srv: {
        // The name is the last field.
        const qsizetype space = record.value.lastIndexOf(u' ');
        return record.value.left(space + 1) + absolute(record.value.mid(space + 1));
    }
    case DnsType::A:
    case DnsType::Aaaa:
    case DnsType::Soa:
    case DnsType::Tlsa:
        break;
    }
    return record.value;
}

QString zoneSnippet(const DnsPlan &plan) {
    qsizetype width = 0;
    for (const PlannedRecord &record : plan.records)
        width = std::max(width, record.name.size() + 1);

    QString text = u"; DNS records of mail server "_s + plan.hostname + u", made by Mailstead\n"_s;
    if (!plan.domain.isEmpty())
        text = u"; DNS records for "_s + plan.domain + u" (mail server "_s + plan.hostname +
               u"), made by Mailstead\n"_s;
    bool reverseHeader = false;
    for (const PlannedRecord &record : plan.records) {
        if (record.role == RecordRole::Ptr && !reverseHeader) {
            text += u"\n; Reverse DNS: these belong in the reverse zones of the addresses,\n"
                    "; which their owner (usually the hosting provider) controls.\n"_s;
            reverseHeader = true;
        }
        text += u"; "_s + record.purpose + u'\n';
        if (!record.note.isEmpty()) {
            text += u"; "_s + absolute(record.name) + u' ' + dnsTypeName(record.type) + u": "_s +
                    record.note + u'\n';
            continue;
        }
        text += absolute(record.name).leftJustified(width) + u' ' + QString::number(plan.ttl) +
                u" IN "_s + dnsTypeName(record.type).leftJustified(5) + u' ' + zoneValue(record) +
                u'\n';
    }
    return text;
}

QString mtaStsPolicyId(QByteArrayView policy) {
    const QByteArray digest = QCryptographicHash::hash(policy, QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex().left(32));
}

QString recordRoleName(RecordRole role) {
    switch (role) {
    case RecordRole::HostAddress:
        return u"address"_s;
    case RecordRole::Mx:
        return u"mx"_s;
    case RecordRole::Spf:
        return u"spf"_s;
    case RecordRole::Dkim:
        return u"dkim"_s;
    case RecordRole::Dmarc:
        return u"dmarc"_s;
    case RecordRole::MtaSts:
        return u"mta-sts"_s;
    case RecordRole::TlsRpt:
        return u"tls-rpt"_s;
    case RecordRole::HostAlias:
        return u"alias"_s;
    case RecordRole::Srv:
        return u"srv"_s;
    case RecordRole::Ptr:
        return u"ptr"_s;
    }
    return {};
}

} // namespace mailstead::dns
