// tst_dnsrecordplanner.cpp - the records a domain needs, and their zone text
//
// Covers daemon/dns/DnsRecordPlanner: every row of a full plan (names,
// types, values, roles), services that are off (RFC 6186 section 4), a
// plan without a DKIM key or without known addresses, a plan without a
// domain (only the server's A/AAAA and PTR rows), the BIND snippet
// (absolute names, quoted TXT split at 255 octets) and MTA-STS ids
// (RFC 8461 section 3.1).

#include "dns/DnsRecordPlanner.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::dns;

class TestDnsRecordPlanner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fullPlan();
    void servicesThatAreOff();
    void withoutDkimKeyOrAddresses();
    void withoutDomainOnlyServerRows();
    void zoneSnippet();
    void longDkimValueIsSplit();
    void policyIds();
};

namespace {

DnsPlanInput fullInput() {
    DnsPlanInput input;
    input.domain = u"Example.TEST"_s;
    input.hostname = u"mail.example.test."_s;
    input.addresses = {QHostAddress(u"198.18.0.25"_s), QHostAddress(u"2001:2::25"_s)};
    input.dkim = {{u"sel1"_s, u"v=DKIM1; k=ed25519; p=AAAA"_s}};
    input.mtaStsPolicyId = u"abc123"_s;
    input.reportAddress = u"postmaster@example.test"_s;
    return input;
}

using Row = std::tuple<QString, QString, QString, QString>; // name, type, value, role

QList<Row> rows(const DnsPlan &plan) {
    QList<Row> result;
    for (const PlannedRecord &record : plan.records)
        result << Row{record.name, dnsTypeName(record.type), record.value,
                      recordRoleName(record.role)};
    return result;
}

} // namespace

void TestDnsRecordPlanner::fullPlan() {
    const DnsPlan plan = planRecords(fullInput());
    QCOMPARE(plan.domain, u"example.test"_s);
    QCOMPARE(plan.hostname, u"mail.example.test"_s);
    const QList<Row> expected = {
        {u"mail.example.test"_s, u"A"_s, u"198.18.0.25"_s, u"address"_s},
        {u"mail.example.test"_s, u"AAAA"_s, u"2001:2::25"_s, u"address"_s},
        {u"example.test"_s, u"MX"_s, u"10 mail.example.test"_s, u"mx"_s},
        {u"example.test"_s, u"TXT"_s, u"v=spf1 mx -all"_s, u"spf"_s},
        {u"sel1._domainkey.example.test"_s, u"TXT"_s, u"v=DKIM1; k=ed25519; p=AAAA"_s, u"dkim"_s},
        {u"_dmarc.example.test"_s, u"TXT"_s,
         u"v=DMARC1; p=quarantine; rua=mailto:postmaster@example.test"_s, u"dmarc"_s},
        {u"mta-sts.example.test"_s, u"CNAME"_s, u"mail.example.test"_s, u"alias"_s},
        {u"_mta-sts.example.test"_s, u"TXT"_s, u"v=STSv1; id=abc123"_s, u"mta-sts"_s},
        {u"_smtp._tls.example.test"_s, u"TXT"_s,
         u"v=TLSRPTv1; rua=mailto:postmaster@example.test"_s, u"tls-rpt"_s},
        {u"autoconfig.example.test"_s, u"CNAME"_s, u"mail.example.test"_s, u"alias"_s},
        {u"autodiscover.example.test"_s, u"CNAME"_s, u"mail.example.test"_s, u"alias"_s},
        {u"_submissions._tcp.example.test"_s, u"SRV"_s, u"0 1 465 mail.example.test"_s, u"srv"_s},
        {u"_submission._tcp.example.test"_s, u"SRV"_s, u"0 1 587 mail.example.test"_s, u"srv"_s},
        {u"_imaps._tcp.example.test"_s, u"SRV"_s, u"0 1 993 mail.example.test"_s, u"srv"_s},
        {u"_pop3s._tcp.example.test"_s, u"SRV"_s, u"0 1 995 mail.example.test"_s, u"srv"_s},
        {u"25.0.18.198.in-addr.arpa"_s, u"PTR"_s, u"mail.example.test"_s, u"ptr"_s},
        {u"5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.1.0.0.2.ip6.arpa"_s, u"PTR"_s,
         u"mail.example.test"_s, u"ptr"_s},
    };
    QCOMPARE(rows(plan), expected);
    for (const PlannedRecord &record : plan.records) {
        QVERIFY2(!record.purpose.isEmpty(), qPrintable(record.name));
        QVERIFY(record.note.isEmpty());
    }
    QCOMPARE(plan.records.at(15).address, QHostAddress(u"198.18.0.25"_s));
    QCOMPARE(plan.records.at(12).port, quint16(587));
}

void TestDnsRecordPlanner::servicesThatAreOff() {
    DnsPlanInput input = fullInput();
    input.pop3s = false;
    input.submission = false;
    const DnsPlan plan = planRecords(input);
    QStringList srv;
    for (const PlannedRecord &record : plan.records) {
        if (record.role == RecordRole::Srv)
            srv << record.name + u' ' + record.value + u' ' + QString::number(record.port);
    }
    QCOMPARE(srv, (QStringList{u"_submissions._tcp.example.test 0 1 465 mail.example.test 465"_s,
                               u"_submission._tcp.example.test 0 0 0 . 0"_s,
                               u"_imaps._tcp.example.test 0 1 993 mail.example.test 993"_s,
                               u"_pop3s._tcp.example.test 0 0 0 . 0"_s}));
}

void TestDnsRecordPlanner::withoutDkimKeyOrAddresses() {
    DnsPlanInput input = fullInput();
    input.dkim.clear();
    input.addresses.clear();
    const DnsPlan plan = planRecords(input);
    const PlannedRecord &address = plan.records.at(0);
    QCOMPARE(address.type, DnsType::A);
    QVERIFY(address.value.isEmpty());
    QVERIFY(address.note.contains(u"public_addresses"_s));
    const PlannedRecord &dkim = plan.records.at(3);
    QCOMPARE(dkim.role, RecordRole::Dkim);
    QCOMPARE(dkim.name, u"_domainkey.example.test"_s);
    QVERIFY(dkim.value.isEmpty());
    QCOMPARE(dkim.note, u"dkim key not generated: run mailsteadctl dkim generate example.test"_s);
    for (const PlannedRecord &record : plan.records)
        QVERIFY(record.role != RecordRole::Ptr);
}

void TestDnsRecordPlanner::withoutDomainOnlyServerRows() {
    DnsPlanInput input = fullInput();
    input.domain.clear();
    const DnsPlan plan = planRecords(input);
    QVERIFY(plan.domain.isEmpty());
    const QList<Row> expected = {
        {u"mail.example.test"_s, u"A"_s, u"198.18.0.25"_s, u"address"_s},
        {u"mail.example.test"_s, u"AAAA"_s, u"2001:2::25"_s, u"address"_s},
        {u"25.0.18.198.in-addr.arpa"_s, u"PTR"_s, u"mail.example.test"_s, u"ptr"_s},
        {u"5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.1.0.0.2.ip6.arpa"_s, u"PTR"_s,
         u"mail.example.test"_s, u"ptr"_s},
    };
    QCOMPARE(rows(plan), expected);
    QVERIFY(mailstead::dns::zoneSnippet(plan).startsWith(
        u"; DNS records of mail server mail.example.test, made by Mailstead\n"_s));
}

void TestDnsRecordPlanner::zoneSnippet() {
    DnsPlanInput input = fullInput();
    input.dkim.clear();
    const QString zone = mailstead::dns::zoneSnippet(planRecords(input));
    const QStringList lines = zone.split(u'\n', Qt::SkipEmptyParts);
    QStringList records;
    for (const QString &line : lines) {
        if (!line.startsWith(u';'))
            records << line.simplified();
    }
    QCOMPARE(records,
             (QStringList{
                 u"mail.example.test. 3600 IN A 198.18.0.25"_s,
                 u"mail.example.test. 3600 IN AAAA 2001:2::25"_s,
                 u"example.test. 3600 IN MX 10 mail.example.test."_s,
                 u"example.test. 3600 IN TXT \"v=spf1 mx -all\""_s,
                 u"_dmarc.example.test. 3600 IN TXT \"v=DMARC1; p=quarantine; "
                 u"rua=mailto:postmaster@example.test\""_s,
                 u"mta-sts.example.test. 3600 IN CNAME mail.example.test."_s,
                 u"_mta-sts.example.test. 3600 IN TXT \"v=STSv1; id=abc123\""_s,
                 u"_smtp._tls.example.test. 3600 IN TXT \"v=TLSRPTv1; "
                 u"rua=mailto:postmaster@example.test\""_s,
                 u"autoconfig.example.test. 3600 IN CNAME mail.example.test."_s,
                 u"autodiscover.example.test. 3600 IN CNAME mail.example.test."_s,
                 u"_submissions._tcp.example.test. 3600 IN SRV 0 1 465 mail.example.test."_s,
                 u"_submission._tcp.example.test. 3600 IN SRV 0 1 587 mail.example.test."_s,
                 u"_imaps._tcp.example.test. 3600 IN SRV 0 1 993 mail.example.test."_s,
                 u"_pop3s._tcp.example.test. 3600 IN SRV 0 1 995 mail.example.test."_s,
                 u"25.0.18.198.in-addr.arpa. 3600 IN PTR mail.example.test."_s,
                 u"5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.1.0.0.2.ip6.arpa. "
                 u"3600 IN PTR mail.example.test."_s,
             }));
    // The missing DKIM key is a comment saying what to do.
    QVERIFY(zone.contains(u"; _domainkey.example.test. TXT: dkim key not generated: run "
                          u"mailsteadctl dkim generate example.test\n"_s));
    // Names line up in one column.
    const QRegularExpression ttlColumn(u"^\\S+\\s+3600 IN"_s);
    qsizetype column = -1;
    for (const QString &line : lines) {
        if (line.startsWith(u';'))
            continue;
        QVERIFY(ttlColumn.match(line).hasMatch());
        const qsizetype at = line.indexOf(u" 3600 IN"_s);
        QVERIFY(column < 0 || at == column);
        column = at;
    }
}

void TestDnsRecordPlanner::longDkimValueIsSplit() {
    DnsPlanInput input = fullInput();
    const QString key = QString(400, u'A');
    input.dkim = {{u"rsa"_s, u"v=DKIM1; k=rsa; p="_s + key}};
    const QString zone = mailstead::dns::zoneSnippet(planRecords(input));
    const QString full = u"v=DKIM1; k=rsa; p="_s + key;
    const QString expected = u"rsa._domainkey.example.test."_s;
    qsizetype at = zone.indexOf(expected);
    QVERIFY(at >= 0);
    const QString line = zone.mid(at, zone.indexOf(u'\n', at) - at);
    QVERIFY(line.endsWith(u"TXT   \""_s + full.left(255) + u"\" \""_s + full.mid(255) + u'"'));
}

void TestDnsRecordPlanner::policyIds() {
    const QString id = mtaStsPolicyId("version: STSv1\nmode: enforce\n");
    QCOMPARE(id.size(), 32);
    QVERIFY(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(id).hasMatch());
    QCOMPARE(mtaStsPolicyId("version: STSv1\nmode: enforce\n"), id);
    QVERIFY(mtaStsPolicyId("version: STSv1\nmode: testing\n") != id);
}

QTEST_GUILESS_MAIN(TestDnsRecordPlanner)
#include "tst_dnsrecordplanner.moc"
