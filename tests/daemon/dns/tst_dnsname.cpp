// tst_dnsname.cpp - wire names with compression, reverse names, comparison
//
// Covers daemon/dns/DnsName (RFC 1035 sections 3.1, 4.1.4 and 5.1,
// RFC 3596 section 2.5, RFC 4343).

#include "dns/DnsName.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::dns;

class TestDnsName : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wireName_data();
    void wireName();
    void everyPrefixOfANameFails();
    void reverseNames_data();
    void reverseNames();
    void comparison();
};

// A packet whose offset 12 holds "example.test" and offset 26 "mail" + ptr 12.
static QByteArray packet() {
    QByteArray p(12, '\0');
    p += "\x07"
         "example"
         "\x04"
         "test"
         "\x00"_ba; // offset 12..25
    p += "\x04"
         "mail"
         "\xc0\x0c"_ba; // offset 26..32
    p += "\xc0\x21"_ba; // offset 33: points at itself
    return p;
}

void TestDnsName::wireName_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("withPacket");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("consumed");

    QTest::newRow("plain") << "\x04mail\x07"
                              "example\x04test\x00"_ba
                           << false << true << u"mail.example.test"_s << 19;
    QTest::newRow("root") << "\x00"_ba << false << true << u"."_s << 1;
    QTest::newRow("escapes") << "\x03"
                                "a.b\x02\\\x01\x00"_ba
                             << false << true << u"a\\.b.\\\\\\001"_s << 8;
    QTest::newRow("upper case kept") << "\x04MAIL\x00"_ba << false << true << u"MAIL"_s << 6;
    QTest::newRow("pointer into the packet")
        << "\x04smtp\xc0\x0c"_ba << true << true << u"smtp.example.test"_s << 7;
    QTest::newRow("pointer to a pointer")
        << "\xc0\x1a"_ba << true << true << u"mail.example.test"_s << 2;
    QTest::newRow("pointer without packet")
        << "\x04smtp\xc0\x0c"_ba << false << false << QString() << 0;
    QTest::newRow("pointer loop") << "\xc0\x21"_ba << true << false << QString() << 0;
    QTest::newRow("pointer past the packet") << "\xc0\xff"_ba << true << false << QString() << 0;
    QTest::newRow("cut short") << "\x04mai"_ba << false << false << QString() << 0;
    QTest::newRow("no terminator") << "\x04mail"_ba << false << false << QString() << 0;
    QTest::newRow("extended label type") << "\x41\x00"_ba << false << false << QString() << 0;
    QTest::newRow("empty") << QByteArray() << false << false << QString() << 0;

    QByteArray longName;
    for (int i = 0; i < 4; ++i)
        longName += char(63) + QByteArray(63, 'a');
    longName += '\0'; // 4 * 64 + 1 = 257 octets
    QTest::newRow("longer than 255 octets") << longName << false << false << QString() << 0;
    QByteArray maxName;
    for (int i = 0; i < 3; ++i)
        maxName += char(63) + QByteArray(63, 'a');
    maxName += char(61) + QByteArray(61, 'b') + '\0'; // 192 + 62 + 1 = 255
    QTest::newRow("exactly 255 octets")
        << maxName << false << true
        << QString(QString(63, u'a') + u'.' + QString(63, u'a') + u'.' + QString(63, u'a') + u'.' +
                   QString(61, u'b'))
        << 255;
}

void TestDnsName::wireName() {
    QFETCH(QByteArray, data);
    QFETCH(bool, withPacket);
    QFETCH(bool, ok);
    QFETCH(QString, name);
    QFETCH(int, consumed);

    const QByteArray whole = packet();
    const WireName result =
        readWireName(data, 0, withPacket ? QByteArrayView(whole) : QByteArrayView());
    QCOMPARE(result.ok, ok);
    if (ok) {
        QCOMPARE(result.name, name);
        QCOMPARE(result.consumed, consumed);
    } else {
        QVERIFY(!result.error.isEmpty());
    }
}

void TestDnsName::everyPrefixOfANameFails() {
    const QByteArray name = "\x04mail\x07"
                            "example\x04test\x00"_ba;
    for (qsizetype length = 0; length < name.size(); ++length)
        QVERIFY2(!readWireName(name.left(length), 0).ok, qPrintable(QString::number(length)));
    QVERIFY(readWireName(name, 0).ok);
}

void TestDnsName::reverseNames_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("name");
    QTest::newRow("ipv4") << u"198.18.0.25"_s << u"25.0.18.198.in-addr.arpa"_s;
    QTest::newRow("ipv6")
        << u"2001:db8::567:89ab"_s
        << u"b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"_s;
    QTest::newRow("v4-mapped is IPv4") << u"::ffff:192.0.2.1"_s << u"1.2.0.192.in-addr.arpa"_s;
    QTest::newRow("not an address") << QString() << QString();
}

void TestDnsName::reverseNames() {
    QFETCH(QString, address);
    QFETCH(QString, name);
    QCOMPARE(reverseLookupName(QHostAddress(address)), name);
}

void TestDnsName::comparison() {
    QVERIFY(sameHostName(u"Mail.Example.TEST."_s, u"mail.example.test"_s));
    QVERIFY(!sameHostName(u"mail.example.test"_s, u"mail.example.tes"_s));
    QCOMPARE(canonicalHostName(u"."_s), u"."_s);
    QCOMPARE(canonicalHostName(u" A.b. "_s), u"a.b"_s);
}

QTEST_GUILESS_MAIN(TestDnsName)
#include "tst_dnsname.moc"
