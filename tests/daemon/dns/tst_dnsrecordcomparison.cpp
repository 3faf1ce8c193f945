// tst_dnsrecordcomparison.cpp - planned rows against answers
//
// Covers daemon/dns/DnsRecordComparison: for each role a table of answers
// (right, missing, different, failing) and the verdict; SPF read by
// meaning (RFC 7208), DMARC by policy strength (RFC 7489), DKIM by key,
// MTA-STS by id, TLS-RPT by rua; PTR forward confirmation (RFC 8601
// section 3); which type a row is looked up with.

#include "dns/DnsRecordComparison.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::dns;

Q_DECLARE_METATYPE(mailstead::dns::DnsAnswer)

class TestDnsRecordComparison : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void compare_data();
    void compare();
    void forwardConfirmation();
    void queryTypes();
};

namespace {

const QString host = u"mail.example.test"_s;
const QList<QHostAddress> serverAddresses = {QHostAddress(u"198.18.0.25"_s),
                                             QHostAddress(u"2001:2::25"_s)};

DnsPlan plan() {
    DnsPlanInput input;
    input.domain = u"example.test"_s;
    input.hostname = host;
    input.addresses = serverAddresses;
    input.dkim = {{u"sel1"_s, u"v=DKIM1; k=ed25519; p=KEYKEY"_s}};
    input.mtaStsPolicyId = u"id1"_s;
    input.reportAddress = u"postmaster@example.test"_s;
    input.pop3s = false;
    return planRecords(input);
}

PlannedRecord planned(RecordRole role, const QString &name = {}) {
    for (const PlannedRecord &record : plan().records) {
        if (record.role == role && (name.isEmpty() || record.name.startsWith(name)))
            return record;
    }
    qFatal("no such row");
}

DnsAnswer status(DnsStatus status) {
    DnsAnswer answer;
    answer.status = status;
    answer.error = dnsStatusName(status);
    return answer;
}

DnsAnswer txt(const QList<QByteArrayList> &records) {
    DnsAnswer answer = status(DnsStatus::Ok);
    for (const QByteArrayList &strings : records) {
        DnsRecord record;
        record.type = DnsType::Txt;
        record.strings = strings;
        answer.records << record;
    }
    return answer;
}

DnsAnswer hosts(DnsType type, const QList<std::pair<quint16, QString>> &entries) {
    DnsAnswer answer = status(DnsStatus::Ok);
    for (const auto &[number, name] : entries) {
        DnsRecord record;
        record.type = type;
        record.preference = number;
        record.port = number;
        record.host = name;
        answer.records << record;
    }
    return answer;
}

DnsAnswer addresses(const QStringList &list, const QString &canonical = {}) {
    DnsAnswer answer = status(list.isEmpty() ? DnsStatus::NoData : DnsStatus::Ok);
    answer.canonicalName = canonical;
    for (const QString &text : list) {
        DnsRecord record;
        record.type = text.contains(u':') ? DnsType::Aaaa : DnsType::A;
        record.address = QHostAddress(text);
        answer.records << record;
    }
    return answer;
}

} // namespace

void TestDnsRecordComparison::compare_data() {
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("name");
    QTest::addColumn<DnsAnswer>("answer");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("found");

    const auto row = [](const char *title, RecordRole role, const QString &name,
                        const DnsAnswer &answer, const QString &expected,
                        const QStringList &found = {}) {
        QTest::newRow(title) << int(role) << name << answer << expected << found;
    };
    // Failures and negative answers, for any role.
    row("nxdomain is missing", RecordRole::Mx, {}, status(DnsStatus::NxDomain), u"missing"_s);
    row("nodata is missing", RecordRole::Spf, {}, status(DnsStatus::NoData), u"missing"_s);
    row("timeout is an error", RecordRole::Mx, {}, status(DnsStatus::Timeout), u"error"_s);
    row("servfail is an error", RecordRole::Dmarc, {}, status(DnsStatus::ServFail), u"error"_s);

    // SPF.
    row("spf exact", RecordRole::Spf, {}, txt({{"v=spf1 mx -all"}}), u"ok"_s,
        {u"v=spf1 mx -all"_s});
    row("spf in two strings", RecordRole::Spf, {}, txt({{"v=spf1 ", "+mx -all"}}), u"ok"_s,
        {u"v=spf1 +mx -all"_s});
    row("spf with more terms", RecordRole::Spf, {}, txt({{"v=spf1 mx include:x.example -all"}}),
        u"ok"_s, {u"v=spf1 mx include:x.example -all"_s});
    row("spf by address ranges", RecordRole::Spf, {},
        txt({{"v=spf1 ip4:198.18.0.0/24 ip6:2001:2::25 -all"}}), u"ok"_s,
        {u"v=spf1 ip4:198.18.0.0/24 ip6:2001:2::25 -all"_s});
    row("spf missing one address", RecordRole::Spf, {}, txt({{"v=spf1 ip4:198.18.0.25 -all"}}),
        u"different"_s, {u"v=spf1 ip4:198.18.0.25 -all"_s});
    row("spf softfail", RecordRole::Spf, {}, txt({{"v=spf1 mx ~all"}}), u"different"_s,
        {u"v=spf1 mx ~all"_s});
    row("spf mx after all", RecordRole::Spf, {}, txt({{"v=spf1 -all mx"}}), u"different"_s,
        {u"v=spf1 -all mx"_s});
    row("spf only an include", RecordRole::Spf, {}, txt({{"v=spf1 include:other.example -all"}}),
        u"different"_s, {u"v=spf1 include:other.example -all"_s});
    row("two spf records", RecordRole::Spf, {}, txt({{"v=spf1 mx -all"}, {"v=spf1 a -all"}}),
        u"different"_s, {u"v=spf1 mx -all"_s, u"v=spf1 a -all"_s});
    row("spf among other txt", RecordRole::Spf, {},
        txt({{"google-site-verification=x"}, {"v=spf1 mx -all"}}), u"ok"_s, {u"v=spf1 mx -all"_s});
    row("only other txt", RecordRole::Spf, {}, txt({{"v=spf10 x"}, {"hello"}}), u"missing"_s,
        {u"v=spf10 x"_s, u"hello"_s});

    // DMARC.
    row("dmarc same", RecordRole::Dmarc, {}, txt({{"v=DMARC1; p=quarantine; rua=mailto:x@y"}}),
        u"ok"_s, {u"v=DMARC1; p=quarantine; rua=mailto:x@y"_s});
    row("dmarc stricter", RecordRole::Dmarc, {}, txt({{"v=DMARC1;p=reject"}}), u"ok"_s,
        {u"v=DMARC1;p=reject"_s});
    row("dmarc weaker", RecordRole::Dmarc, {}, txt({{"v=DMARC1; p=none"}}), u"different"_s,
        {u"v=DMARC1; p=none"_s});
    row("dmarc without policy", RecordRole::Dmarc, {}, txt({{"v=DMARC1; rua=mailto:x@y"}}),
        u"different"_s, {u"v=DMARC1; rua=mailto:x@y"_s});
    row("two dmarc records", RecordRole::Dmarc, {},
        txt({{"v=DMARC1; p=reject"}, {"v=DMARC1; p=quarantine"}}), u"different"_s,
        {u"v=DMARC1; p=reject"_s, u"v=DMARC1; p=quarantine"_s});

    // DKIM, MTA-STS, TLS-RPT.
    row("dkim same key", RecordRole::Dkim, {}, txt({{"v=DKIM1; k=ed25519; p=KEY", "KEY"}}), u"ok"_s,
        {u"v=DKIM1; k=ed25519; p=KEYKEY"_s});
    row("dkim other key", RecordRole::Dkim, {}, txt({{"v=DKIM1; p=OTHER"}}), u"different"_s,
        {u"v=DKIM1; p=OTHER"_s});
    row("dkim revoked", RecordRole::Dkim, {}, txt({{"v=DKIM1; p="}}), u"different"_s,
        {u"v=DKIM1; p="_s});
    row("mta-sts same id", RecordRole::MtaSts, {}, txt({{"v=STSv1; id=id1"}}), u"ok"_s,
        {u"v=STSv1; id=id1"_s});
    row("mta-sts other id", RecordRole::MtaSts, {}, txt({{"v=STSv1; id=old"}}), u"different"_s,
        {u"v=STSv1; id=old"_s});
    row("tls-rpt other address", RecordRole::TlsRpt, {},
        txt({{"v=TLSRPTv1; rua=mailto:tls@other.example"}}), u"ok"_s,
        {u"v=TLSRPTv1; rua=mailto:tls@other.example"_s});
    row("tls-rpt without rua", RecordRole::TlsRpt, {}, txt({{"v=TLSRPTv1;"}}), u"different"_s,
        {u"v=TLSRPTv1;"_s});

    // MX.
    row("mx ours", RecordRole::Mx, {}, hosts(DnsType::Mx, {{10, host}}), u"ok"_s,
        {u"10 mail.example.test"_s});
    row("mx ours among others", RecordRole::Mx, {},
        hosts(DnsType::Mx, {{5, u"backup.example.test"_s}, {10, u"MAIL.example.test"_s}}), u"ok"_s,
        {u"5 backup.example.test"_s, u"10 MAIL.example.test"_s});
    row("mx elsewhere", RecordRole::Mx, {}, hosts(DnsType::Mx, {{10, u"mx.other.example"_s}}),
        u"different"_s, {u"10 mx.other.example"_s});
    row("null mx", RecordRole::Mx, {}, hosts(DnsType::Mx, {{0, u"."_s}}), u"different"_s,
        {u"0 ."_s});

    // Host addresses.
    row("address present", RecordRole::HostAddress, {},
        addresses({u"192.0.2.1"_s, u"198.18.0.25"_s}), u"ok"_s, {u"192.0.2.1"_s, u"198.18.0.25"_s});
    row("address elsewhere", RecordRole::HostAddress, {}, addresses({u"192.0.2.1"_s}),
        u"different"_s, {u"192.0.2.1"_s});

    // Aliases (asked as A; the CNAME chain shows in canonicalName).
    row("cname to the host", RecordRole::HostAlias, u"autoconfig"_s,
        addresses({u"198.18.0.25"_s}, host), u"ok"_s,
        {u"CNAME mail.example.test"_s, u"198.18.0.25"_s});
    row("cname to the host without address", RecordRole::HostAlias, u"autoconfig"_s,
        addresses({}, host), u"ok"_s, {u"CNAME mail.example.test"_s});
    row("address records instead", RecordRole::HostAlias, u"autodiscover"_s,
        addresses({u"198.18.0.25"_s}), u"ok"_s, {u"198.18.0.25"_s});
    row("cname elsewhere", RecordRole::HostAlias, u"mta-sts"_s,
        addresses({u"192.0.2.7"_s}, u"web.example.test"_s), u"different"_s,
        {u"CNAME web.example.test"_s, u"192.0.2.7"_s});
    row("alias missing", RecordRole::HostAlias, u"autoconfig"_s, status(DnsStatus::NxDomain),
        u"missing"_s);

    // SRV.
    row("srv ours", RecordRole::Srv, u"_imaps"_s, hosts(DnsType::Srv, {{993, host}}), u"ok"_s,
        {u"0 0 993 mail.example.test"_s});
    row("srv wrong port", RecordRole::Srv, u"_imaps"_s, hosts(DnsType::Srv, {{143, host}}),
        u"different"_s, {u"0 0 143 mail.example.test"_s});
    row("srv off and announced off", RecordRole::Srv, u"_pop3s"_s,
        hosts(DnsType::Srv, {{0, u"."_s}}), u"ok"_s, {u"0 0 0 ."_s});
    row("srv off but announced", RecordRole::Srv, u"_pop3s"_s, hosts(DnsType::Srv, {{995, host}}),
        u"different"_s, {u"0 0 995 mail.example.test"_s});

    // PTR (before forward confirmation).
    row("ptr ours", RecordRole::Ptr, {}, hosts(DnsType::Ptr, {{0, u"Mail.Example.Test"_s}}),
        u"ok"_s, {u"Mail.Example.Test"_s});
    row("ptr generic", RecordRole::Ptr, {}, hosts(DnsType::Ptr, {{0, u"host-25.isp.example"_s}}),
        u"different"_s, {u"host-25.isp.example"_s});
}

void TestDnsRecordComparison::compare() {
    QFETCH(int, role);
    QFETCH(QString, name);
    QFETCH(DnsAnswer, answer);
    QFETCH(QString, expected);
    QFETCH(QStringList, found);

    const PlannedRecord row = planned(RecordRole(role), name);
    const CheckedRecord checked = compareAnswer(row, answer, host, serverAddresses);
    QCOMPARE(checkStatusName(checked.status), expected);
    QCOMPARE(checked.found, found);
    QCOMPARE(checked.planned.name, row.name);
    if (checked.status != CheckStatus::Ok)
        QVERIFY(!checked.detail.isEmpty());
}

void TestDnsRecordComparison::forwardConfirmation() {
    const PlannedRecord ptr = planned(RecordRole::Ptr);
    CheckedRecord row = compareAnswer(
        ptr, hosts(DnsType::Ptr, {{0, u"other.example"_s}, {0, host}}), host, serverAddresses);
    QCOMPARE(forwardConfirmationName(row, host), host);

    CheckedRecord confirmed = row;
    applyForwardConfirmation(&confirmed, host, addresses({u"198.18.0.25"_s}));
    QCOMPARE(confirmed.status, CheckStatus::Ok);
    QCOMPARE(confirmed.forwardConfirmed, std::optional<bool>(true));

    CheckedRecord unconfirmed = row;
    applyForwardConfirmation(&unconfirmed, host, addresses({u"192.0.2.99"_s}));
    QCOMPARE(unconfirmed.status, CheckStatus::Different);
    QCOMPARE(unconfirmed.forwardConfirmed, std::optional<bool>(false));
    QVERIFY(unconfirmed.detail.contains(u"not forward-confirmed"_s));
    QVERIFY(unconfirmed.detail.contains(u"192.0.2.99"_s));

    CheckedRecord failed = row;
    applyForwardConfirmation(&failed, host, status(DnsStatus::Timeout));
    QCOMPARE(failed.status, CheckStatus::Error);

    // A generic PTR name is looked up too: it may still be confirmed.
    const CheckedRecord generic = compareAnswer(
        ptr, hosts(DnsType::Ptr, {{0, u"host-25.isp.example"_s}}), host, serverAddresses);
    QCOMPARE(forwardConfirmationName(generic, host), u"host-25.isp.example"_s);
    const CheckedRecord none =
        compareAnswer(ptr, status(DnsStatus::NxDomain), host, serverAddresses);
    QVERIFY(forwardConfirmationName(none, host).isEmpty());
}

void TestDnsRecordComparison::queryTypes() {
    QCOMPARE(queryTypeFor(planned(RecordRole::Mx), serverAddresses), DnsType::Mx);
    QCOMPARE(queryTypeFor(planned(RecordRole::Spf), serverAddresses), DnsType::Txt);
    QCOMPARE(queryTypeFor(planned(RecordRole::HostAlias), serverAddresses), DnsType::A);
    QCOMPARE(queryTypeFor(planned(RecordRole::HostAlias), {QHostAddress(u"2001:2::25"_s)}),
             DnsType::Aaaa);
    QCOMPARE(queryTypeFor(planned(RecordRole::Ptr), serverAddresses), DnsType::Ptr);
}

QTEST_GUILESS_MAIN(TestDnsRecordComparison)
#include "tst_dnsrecordcomparison.moc"
