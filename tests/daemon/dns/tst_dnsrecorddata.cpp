// tst_dnsrecorddata.cpp - RDATA of every supported type, valid and broken
//
// Covers daemon/dns/DnsRecordData: A, AAAA, MX, TXT, PTR, CNAME, SRV, TLSA
// and the generic form (RFC 1035 section 3.3, RFC 3596, RFC 2782,
// RFC 6698, RFC 3597), compression pointers against the answer packet,
// and the zone-file quoting of TXT values. Every valid case is also cut
// short at every length: a prefix must never parse as something else
// silently for fixed-layout types, and never crash for any.

#include "dns/DnsRecordData.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::dns;

class TestDnsRecordData : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void prefixes_data();
    void prefixes();
    void compressionAgainstThePacket();
    void quoting_data();
    void quoting();
};

void TestDnsRecordData::parse_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("rdata");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("presentation");

    const auto row = [](const char *name, DnsType type, const QByteArray &rdata, bool ok,
                        const QString &presentation) {
        QTest::newRow(name) << int(type) << rdata << ok << presentation;
    };
    row("A", DnsType::A, "\xc6\x12\x00\x19"_ba, true, u"198.18.0.25"_s);
    row("A too short", DnsType::A, "\xc6\x12\x00"_ba, false, {});
    row("A too long", DnsType::A, "\xc6\x12\x00\x19\x00"_ba, false, {});
    row("AAAA", DnsType::Aaaa,
        "\x20\x01\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x25"_ba, true,
        u"2001:2::25"_s);
    row("AAAA short", DnsType::Aaaa, "\x20\x01"_ba, false, {});
    row("MX", DnsType::Mx,
        "\x00\x0a\x04mail\x07"
        "example\x04test\x00"_ba,
        true, u"10 mail.example.test."_s);
    row("null MX", DnsType::Mx, "\x00\x00\x00"_ba, true, u"0 ."_s);
    row("MX without name", DnsType::Mx, "\x00\x0a"_ba, false, {});
    row("MX trailing octets", DnsType::Mx, "\x00\x0a\x00\x00"_ba, false, {});
    row("TXT one string", DnsType::Txt, "\x0ev=spf1 mx -all"_ba, true, u"\"v=spf1 mx -all\""_s);
    row("TXT two strings", DnsType::Txt,
        "\x03"
        "abc\x02"
        "de"_ba,
        true, u"\"abc\" \"de\""_s);
    row("TXT empty string", DnsType::Txt, "\x00"_ba, true, u"\"\""_s);
    row("TXT quotes and controls", DnsType::Txt,
        "\x05"
        "a\"\\\x01\xff"_ba,
        true, u"\"a\\\"\\\\\\001\\255\""_s);
    row("TXT string past the end", DnsType::Txt,
        "\x05"
        "abc"_ba,
        false, {});
    row("TXT no data", DnsType::Txt, QByteArray(), false, {});
    row("PTR", DnsType::Ptr,
        "\x04mail\x07"
        "example\x04test\x00"_ba,
        true, u"mail.example.test."_s);
    row("CNAME", DnsType::Cname,
        "\x04mail\x07"
        "example\x04test\x00"_ba,
        true, u"mail.example.test."_s);
    row("PTR no terminator", DnsType::Ptr, "\x04mail"_ba, false, {});
    row("SRV", DnsType::Srv,
        "\x00\x00\x00\x01\x01\xd1\x04mail\x07"
        "example\x04test\x00"_ba,
        true, u"0 1 465 mail.example.test."_s);
    row("SRV not available", DnsType::Srv, "\x00\x00\x00\x00\x00\x00\x00"_ba, true, u"0 0 0 ."_s);
    row("SRV short", DnsType::Srv, "\x00\x00\x00\x01\x01\xd1"_ba, false, {});
    row("TLSA", DnsType::Tlsa, "\x03\x01\x01\xab\xcd"_ba, true, u"3 1 1 abcd"_s);
    row("TLSA short", DnsType::Tlsa, "\x03\x01"_ba, false, {});
    row("SOA kept generic", DnsType::Soa, "\x01\x02"_ba, true, u"\\# 2 0102"_s);
}

void TestDnsRecordData::parse() {
    QFETCH(int, type);
    QFETCH(QByteArray, rdata);
    QFETCH(bool, ok);
    QFETCH(QString, presentation);

    const DnsRecordParse result = parseRecordData(DnsType(type), rdata);
    QCOMPARE(result.ok, ok);
    if (!ok) {
        QVERIFY(result.error.startsWith(dnsTypeName(DnsType(type)) + u" record: "_s));
        return;
    }
    QCOMPARE(result.record.type, DnsType(type));
    QCOMPARE(result.record.rdata, rdata);
    QCOMPARE(result.record.toPresentation(), presentation);
}

void TestDnsRecordData::prefixes_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("rdata");
    QTest::newRow("A") << int(DnsType::A) << "\xc6\x12\x00\x19"_ba;
    QTest::newRow("MX") << int(DnsType::Mx)
                        << "\x00\x0a\x04mail\x07"
                           "example\x04test\x00"_ba;
    QTest::newRow("SRV") << int(DnsType::Srv)
                         << "\x00\x00\x00\x01\x01\xd1\x04mail\x07"
                            "example\x04test\x00"_ba;
    QTest::newRow("PTR") << int(DnsType::Ptr)
                         << "\x04mail\x07"
                            "example\x04test\x00"_ba;
    QTest::newRow("TXT") << int(DnsType::Txt) << "\x0ev=spf1 mx -all"_ba;
}

void TestDnsRecordData::prefixes() {
    QFETCH(int, type);
    QFETCH(QByteArray, rdata);
    QVERIFY(parseRecordData(DnsType(type), rdata).ok);
    for (qsizetype length = 0; length < rdata.size(); ++length) {
        const DnsRecordParse cut = parseRecordData(DnsType(type), rdata.left(length));
        QVERIFY2(!cut.ok, qPrintable(u"prefix of "_s + QString::number(length) + u" octets"_s));
        QVERIFY(!cut.error.isEmpty());
    }
}

void TestDnsRecordData::compressionAgainstThePacket() {
    // The answer packet holds "example.test" at offset 12; the MX RDATA
    // names "mail" + a pointer to it.
    QByteArray packet(12, '\0');
    packet += "\x07"
              "example\x04test\x00"_ba;
    const QByteArray rdata = "\x00\x05\x04mail\xc0\x0c"_ba;

    const DnsRecordParse withPacket = parseRecordData(DnsType::Mx, rdata, packet);
    QVERIFY(withPacket.ok);
    QCOMPARE(withPacket.record.preference, quint16(5));
    QCOMPARE(withPacket.record.host, u"mail.example.test"_s);

    const DnsRecordParse withoutPacket = parseRecordData(DnsType::Mx, rdata);
    QVERIFY(!withoutPacket.ok);

    // A pointer must end the name: octets after it are an error.
    QVERIFY(!parseRecordData(DnsType::Mx, QByteArray(rdata + "\x00"_ba), packet).ok);
}

void TestDnsRecordData::quoting_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("empty") << QByteArray() << u"\"\""_s;
    QTest::newRow("plain") << "v=spf1 mx -all"_ba << u"\"v=spf1 mx -all\""_s;
    QTest::newRow("255 octets in one string")
        << QByteArray(255, 'a') << QString(u'"' + QString(255, u'a') + u'"');
    QTest::newRow("256 octets in two strings")
        << QByteArray(256, 'a') << QString(u'"' + QString(255, u'a') + u"\" \"a\""_s);
    QTest::newRow("600 octets in three strings")
        << QByteArray(600, 'k')
        << QString(u'"' + QString(255, u'k') + u"\" \""_s + QString(255, u'k') + u"\" \""_s +
                   QString(90, u'k') + u'"');
}

void TestDnsRecordData::quoting() {
    QFETCH(QByteArray, value);
    QFETCH(QString, quoted);
    QCOMPARE(quotedCharacterStrings(value), quoted);
}

QTEST_GUILESS_MAIN(TestDnsRecordData)
#include "tst_dnsrecorddata.moc"
