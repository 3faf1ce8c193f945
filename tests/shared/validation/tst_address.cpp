// tst_address.cpp - tables of valid and invalid domains, addresses and sizes
//
// Covers shared/validation/Address.cpp: RFC 5321 section 4.1.2 syntax,
// RFC 6531 UTF-8 local parts, IDNA conversion and the section 4.5.3.1 limits.

#include "validation/Address.h"

#include <limits>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;

namespace {

QString repeated(QStringView unit, int count) {
    QString result;
    for (int i = 0; i < count; ++i)
        result += unit;
    return result;
}

} // namespace

class TestAddress : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void validDomains_data();
    void validDomains();
    void invalidDomains_data();
    void invalidDomains();

    void validAddresses_data();
    void validAddresses();
    void invalidAddresses_data();
    void invalidAddresses();

    void displayAndLookup();
    void aliasSources_data();
    void aliasSources();
    void quoting_data();
    void quoting();

    void parseSizes_data();
    void parseSizes();
    void formatSizes_data();
    void formatSizes();
    void sizesRoundTrip();
};

void TestAddress::validDomains_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("allowSingleLabel");
    QTest::addColumn<QString>("ace");
    QTest::addColumn<QString>("unicode");

    const QString label63 = QString(63, u'a');
    const QString name253 = label63 + u'.' + label63 + u'.' + label63 + u'.' + QString(61, u'b');

    struct Row {
        const char *name;
        QString input;
        bool single;
        QString ace;
        QString unicode;
    };
    const Row rows[] = {
        {"plain", u"example.com"_s, false, u"example.com"_s, u"example.com"_s},
        {"upper case", u"Example.COM"_s, false, u"example.com"_s, u"example.com"_s},
        {"trailing dot", u"example.com."_s, false, u"example.com"_s, u"example.com"_s},
        {"subdomains", u"a.b.c.example.org"_s, false, u"a.b.c.example.org"_s,
         u"a.b.c.example.org"_s},
        {"hyphen inside", u"my-host.example"_s, false, u"my-host.example"_s, u"my-host.example"_s},
        {"double hyphen inside", u"ab--cd.test"_s, false, u"ab--cd.test"_s, u"ab--cd.test"_s},
        {"numeric label", u"123.example"_s, false, u"123.example"_s, u"123.example"_s},
        {"digit in tld", u"example.a1"_s, false, u"example.a1"_s, u"example.a1"_s},
        {"idn u-label", u"bücher.example"_s, false, u"xn--bcher-kva.example"_s,
         u"bücher.example"_s},
        {"idn upper u-label", u"BÜCHER.Example"_s, false, u"xn--bcher-kva.example"_s,
         u"bücher.example"_s},
        {"idn a-label", u"xn--bcher-kva.example"_s, false, u"xn--bcher-kva.example"_s,
         u"bücher.example"_s},
        {"idn upper a-label", u"XN--BCHER-KVA.EXAMPLE"_s, false, u"xn--bcher-kva.example"_s,
         u"bücher.example"_s},
        {"greek", u"παράδειγμα.δοκιμή"_s, false, u"xn--hxajbheg2az3al.xn--jxalpdlp"_s,
         u"παράδειγμα.δοκιμή"_s},
        {"chinese", u"例子.广告"_s, false, u"xn--fsqu00a.xn--4rr70v"_s, u"例子.广告"_s},
        {"cyrillic tld", u"пример.рф"_s, false, u"xn--e1afmkfd.xn--p1ai"_s, u"пример.рф"_s},
        {"idn trailing dot", u"bücher.example."_s, false, u"xn--bcher-kva.example"_s,
         u"bücher.example"_s},
        {"63 octet label", label63 + u".test"_s, false, label63 + u".test"_s, label63 + u".test"_s},
        {"253 octets", name253, false, name253, name253},
        {"single label allowed", u"localhost"_s, true, u"localhost"_s, u"localhost"_s},
        {"single label allowed upper", u"LocalHost."_s, true, u"localhost"_s, u"localhost"_s},
    };
    for (const Row &row : rows)
        QTest::newRow(row.name) << row.input << row.single << row.ace << row.unicode;
}

void TestAddress::validDomains() {
    QFETCH(QString, input);
    QFETCH(bool, allowSingleLabel);
    QFETCH(QString, ace);
    QFETCH(QString, unicode);

    const DomainName domain = parseDomain(input, allowSingleLabel);
    QVERIFY2(domain.ok, qPrintable(domain.error));
    QCOMPARE(domain.ace, ace);
    QCOMPARE(domain.unicode, unicode);
    QVERIFY(domain.error.isEmpty());

    // Normalization is idempotent from either form.
    QCOMPARE(parseDomain(domain.ace, allowSingleLabel).ace, ace);
    QCOMPARE(parseDomain(domain.unicode, allowSingleLabel).ace, ace);
}

void TestAddress::invalidDomains_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("allowSingleLabel");
    QTest::addColumn<QString>("errorPart");

    const QString label63 = QString(63, u'a');
    const QString name254 = label63 + u'.' + label63 + u'.' + label63 + u'.' + QString(62, u'b');

    struct Row {
        const char *name;
        QString input;
        bool single;
        QString errorPart;
    };
    const Row rows[] = {
        {"empty", QString(), false, u"empty"_s},
        {"only a dot", u"."_s, false, u"empty"_s},
        {"two trailing dots", u"example.com.."_s, false, u"empty label"_s},
        {"leading dot", u".example.com"_s, false, u"empty label"_s},
        {"double dot", u"bad..name"_s, false, u"empty label"_s},
        {"idn double dot", u"bücher..example"_s, false, u"empty label"_s},
        {"invalid address-shaped", u"[1.2.3.4"_s, false, u"address literal"_s},
        {"address literal", u"[1.2.3.4]"_s, false, u"address literal"_s},
        {"ipv6 literal", u"[IPv6:2001:db8::1]"_s, false, u"address literal"_s},
        {"ipv4", u"1.2.3.4"_s, false, u"IP address"_s},
        {"ipv4 trailing dot", u"192.168.0.1."_s, false, u"IP address"_s},
        {"ipv6 bare", u"2001:db8::1"_s, false, u"IP address"_s},
        {"numeric tld", u"example.123"_s, false, u"numeric"_s},
        {"numeric tld single allowed", u"123"_s, true, u"IP address"_s},
        {"single label", u"localhost"_s, false, u"only one label"_s},
        {"leading hyphen", u"-ab.example"_s, false, u"hyphen"_s},
        {"trailing hyphen", u"ab-.example"_s, false, u"hyphen"_s},
        {"hyphen tld", u"example.-com"_s, false, u"hyphen"_s},
        {"underscore", u"a_b.example"_s, false, u"\"_\""_s},
        {"at sign", u"user@example.com"_s, false, u"\"@\""_s},
        {"exclamation", u"exam!ple.com"_s, false, u"\"!\""_s},
        {"space", u"a b.example"_s, false, u"space"_s},
        {"tab", u"exa\tmple.com"_s, false, u"control character U+0009"_s},
        {"nul", u"exa\0mple.com"_s, false, u"control character U+0000"_s},
        {"64 octet label", QString(64, u'a') + u".test"_s, false, u"64 characters"_s},
        {"254 octets", name254, false, u"at most 253"_s},
        {"huge", QString(5000, u'a'), false, u"too long"_s},
        {"bad punycode", u"xn--a.example"_s, false, u"punycode"_s},
        {"empty punycode", u"xn--.com"_s, false, QString()},
        {"slash", u"x/y.com"_s, false, u"\"/\""_s},
        {"percent", u"x%41.com"_s, false, u"\"%\""_s},
    };
    for (const Row &row : rows)
        QTest::newRow(row.name) << row.input << row.single << row.errorPart;
}

void TestAddress::invalidDomains() {
    QFETCH(QString, input);
    QFETCH(bool, allowSingleLabel);
    QFETCH(QString, errorPart);

    const DomainName domain = parseDomain(input, allowSingleLabel);
    QVERIFY2(!domain.ok, qPrintable(domain.ace));
    QVERIFY(!domain.error.isEmpty());
    QVERIFY2(domain.error.contains(errorPart), qPrintable(domain.error));
    QVERIFY(domain.ace.isEmpty());
}

void TestAddress::validAddresses_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("localPart");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<bool>("utf8");

    const QString local64 = QString(64, u'a');
    const QString e32 = repeated(u"é", 32); // 64 octets in UTF-8

    struct Row {
        const char *name;
        QString input;
        QString local;
        QString domain;
        QString canonical;
        bool utf8;
    };
    const Row rows[] = {
        {"plain", u"alice@example.com"_s, u"alice"_s, u"example.com"_s, u"alice@example.com"_s,
         false},
        {"case kept in local part", u"Alice.Smith@Example.COM"_s, u"Alice.Smith"_s,
         u"example.com"_s, u"Alice.Smith@example.com"_s, false},
        {"plus tag", u"a+tag@x.test"_s, u"a+tag"_s, u"x.test"_s, u"a+tag@x.test"_s, false},
        {"all atext", u"!#$%&'*+-/=?^_`{|}~@x.test"_s, u"!#$%&'*+-/=?^_`{|}~"_s, u"x.test"_s,
         u"!#$%&'*+-/=?^_`{|}~@x.test"_s, false},
        {"digits", u"1234@x.test"_s, u"1234"_s, u"x.test"_s, u"1234@x.test"_s, false},
        {"quoted with at", u"\"a@b\"@x.test"_s, u"a@b"_s, u"x.test"_s, u"\"a@b\"@x.test"_s, false},
        {"quoted with space", u"\"john smith\"@x.test"_s, u"john smith"_s, u"x.test"_s,
         u"\"john smith\"@x.test"_s, false},
        {"quoted escaped quote", u"\"a\\\"b\"@x.test"_s, u"a\"b"_s, u"x.test"_s,
         u"\"a\\\"b\"@x.test"_s, false},
        {"quoted escaped backslash", u"\"a\\\\b\"@x.test"_s, u"a\\b"_s, u"x.test"_s,
         u"\"a\\\\b\"@x.test"_s, false},
        {"quoted pair of plain char", u"\"\\a\"@x.test"_s, u"a"_s, u"x.test"_s, u"a@x.test"_s,
         false},
        {"needless quotes", u"\"abc\"@x.test"_s, u"abc"_s, u"x.test"_s, u"abc@x.test"_s, false},
        {"quoted double dot", u"\"a..b\"@x.test"_s, u"a..b"_s, u"x.test"_s, u"\"a..b\"@x.test"_s,
         false},
        {"quoted leading dot", u"\".a\"@x.test"_s, u".a"_s, u"x.test"_s, u"\".a\"@x.test"_s, false},
        {"quoted at and spaces", u"\"@ @\"@x.test"_s, u"@ @"_s, u"x.test"_s, u"\"@ @\"@x.test"_s,
         false},
        {"greek", u"δοκιμή@παράδειγμα.δοκιμή"_s, u"δοκιμή"_s, u"xn--hxajbheg2az3al.xn--jxalpdlp"_s,
         u"δοκιμή@xn--hxajbheg2az3al.xn--jxalpdlp"_s, true},
        {"chinese", u"用户@例子.广告"_s, u"用户"_s, u"xn--fsqu00a.xn--4rr70v"_s,
         u"用户@xn--fsqu00a.xn--4rr70v"_s, true},
        {"quoted utf8", u"\"δο κι\"@x.test"_s, u"δο κι"_s, u"x.test"_s, u"\"δο κι\"@x.test"_s,
         true},
        {"idn domain ascii local", u"user@Bücher.example"_s, u"user"_s, u"xn--bcher-kva.example"_s,
         u"user@xn--bcher-kva.example"_s, false},
        {"domain trailing dot", u"a@x.test."_s, u"a"_s, u"x.test"_s, u"a@x.test"_s, false},
        {"64 octet local part", local64 + u"@x.test"_s, local64, u"x.test"_s,
         local64 + u"@x.test"_s, false},
        {"64 octet utf8 local part", e32 + u"@x.test"_s, e32, u"x.test"_s, e32 + u"@x.test"_s,
         true},
    };
    for (const Row &row : rows)
        QTest::newRow(row.name) << row.input << row.local << row.domain << row.canonical
                                << row.utf8;
}

void TestAddress::validAddresses() {
    QFETCH(QString, input);
    QFETCH(QString, localPart);
    QFETCH(QString, domain);
    QFETCH(QString, canonical);
    QFETCH(bool, utf8);

    const MailAddress address = parseAddress(input);
    QVERIFY2(address.ok, qPrintable(address.error));
    QCOMPARE(address.localPart, localPart);
    QCOMPARE(address.domain, domain);
    QCOMPARE(address.toString(), canonical);
    QCOMPARE(address.utf8LocalPart, utf8);
    QVERIFY(address.error.isEmpty());

    // The canonical form parses back to the same address.
    const MailAddress again = parseAddress(canonical);
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(again.localPart, localPart);
    QCOMPARE(again.toString(), canonical);
}

void TestAddress::invalidAddresses_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("errorPart");

    const QString longDomain =
        QString(63, u'd') + u'.' + QString(63, u'd') + u'.' + QString(63, u'd') + u".test"_s;

    struct Row {
        const char *name;
        QString input;
        QString errorPart;
    };
    const Row rows[] = {
        {"empty", QString(), u"empty"_s},
        {"double dot", u"a..b@x.test"_s, u"the local part \"a..b\" has two dots in a row"_s},
        {"leading dot", u".a@x.test"_s, u"starts with a dot"_s},
        {"trailing dot", u"a.@x.test"_s, u"ends with a dot"_s},
        {"only a dot", u".@x.test"_s, u"dot"_s},
        {"65 octet local part", QString(65, u'a') + u"@x.test"_s, u"65 bytes"_s},
        {"66 octet utf8 local part", repeated(u"é", 33) + u"@x.test"_s, u"66 bytes"_s},
        {"no at", u"alice"_s, u"no @"_s},
        {"no domain", u"a@"_s, u"domain after the @ is missing"_s},
        {"no local part", u"@b.test"_s, u"local part before the @ is missing"_s},
        {"only at", u"@"_s, u"missing"_s},
        {"two ats", u"a@b@c.test"_s, u"\"@\""_s},
        {"control char", u"a\u0001b@x.test"_s, u"control character U+0001"_s},
        {"c1 control char", u"a\u0085b@x.test"_s, u"control character U+0085"_s},
        {"delete", u"a\u007fb@x.test"_s, u"control character U+007F"_s},
        {"tab in quotes", u"\"a\tb\"@x.test"_s, u"control character U+0009"_s},
        {"newline", u"a@x.test\n"_s, u"control character U+000A"_s},
        {"space unquoted", u"a b@x.test"_s, u"only allowed inside quotes"_s},
        {"comment", u"a(comment)@x.test"_s, u"\"(\""_s},
        {"angle brackets", u"<a@x.test>"_s, u"\"<\""_s},
        {"text after quote", u"\"a\"b@x.test"_s, u"after its closing quote"_s},
        {"unterminated quote", u"\"ab@x.test"_s, u"no closing quote"_s},
        {"quote inside dot-string", u"a\"b\"@x.test"_s, u"\"\"\""_s},
        {"empty quotes", u"\"\"@x.test"_s, u"empty"_s},
        {"escaped non-ascii", u"\"a\\é\"@x.test"_s, u"backslash"_s},
        {"lone backslash", u"\"a\\\"@x.test"_s, u"no closing quote"_s},
        {"single label domain", u"a@localhost"_s, u"only one label"_s},
        {"address literal", u"a@[1.2.3.4]"_s, u"address literal"_s},
        {"ip domain", u"a@1.2.3.4"_s, u"IP address"_s},
        {"bad domain", u"a@x..test"_s, u"empty label"_s},
        {"underscore domain", u"a@x_y.test"_s, u"\"_\""_s},
        {"path too long", QString(64, u'a') + u'@' + longDomain, u"too long"_s},
        {"lone surrogate", u"a"_s + QChar(0xd800) + u"@x.test"_s, u"U+D800"_s},
    };
    for (const Row &row : rows)
        QTest::newRow(row.name) << row.input << row.errorPart;
}

void TestAddress::invalidAddresses() {
    QFETCH(QString, input);
    QFETCH(QString, errorPart);

    const MailAddress address = parseAddress(input);
    QVERIFY2(!address.ok, qPrintable(address.toString()));
    QVERIFY2(address.error.contains(errorPart), qPrintable(address.error));
    QVERIFY(address.localPart.isEmpty());
    QVERIFY(address.domain.isEmpty());
}

void TestAddress::displayAndLookup() {
    const MailAddress address = parseAddress(u"Alice.Smith@BÜCHER.example"_s);
    QVERIFY(address.ok);
    QCOMPARE(address.toString(), u"Alice.Smith@xn--bcher-kva.example"_s);
    QCOMPARE(address.toDisplayString(), u"Alice.Smith@bücher.example"_s);
    QCOMPARE(address.domainUnicode, u"bücher.example"_s);
    QCOMPARE(address.lookupKey(), u"alice.smith@xn--bcher-kva.example"_s);

    const MailAddress greek = parseAddress(u"ΔΟΚΙΜΗ@παράδειγμα.δοκιμή"_s);
    QVERIFY(greek.ok);
    QCOMPARE(greek.lookupKey(), u"δοκιμη@xn--hxajbheg2az3al.xn--jxalpdlp"_s);
    QCOMPARE(greek.toDisplayString(), u"ΔΟΚΙΜΗ@παράδειγμα.δοκιμή"_s);

    const MailAddress quoted = parseAddress(u"\"John Smith\"@x.test"_s);
    QCOMPARE(quoted.lookupKey(), u"john smith@x.test"_s);
    QCOMPARE(quoted.toDisplayString(), u"\"John Smith\"@x.test"_s);
}

void TestAddress::aliasSources_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("localPart");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("catch-all") << u"@example.com"_s << true << QString() << u"@example.com"_s;
    QTest::newRow("catch-all idn")
        << u"@Bücher.example"_s << true << QString() << u"@xn--bcher-kva.example"_s;
    QTest::newRow("address") << u"sales@example.com"_s << true << u"sales"_s
                             << u"sales@example.com"_s;
    QTest::newRow("quoted address")
        << u"\"a b\"@example.com"_s << true << u"a b"_s << u"\"a b\"@example.com"_s;
    QTest::newRow("bare at") << u"@"_s << false << QString() << QString();
    QTest::newRow("double at") << u"@@example.com"_s << false << QString() << QString();
    QTest::newRow("catch-all single label") << u"@localhost"_s << false << QString() << QString();
    QTest::newRow("catch-all literal") << u"@[1.2.3.4]"_s << false << QString() << QString();
    QTest::newRow("bad address") << u"a..b@example.com"_s << false << QString() << QString();
    QTest::newRow("empty") << QString() << false << QString() << QString();
}

void TestAddress::aliasSources() {
    QFETCH(QString, input);
    QFETCH(bool, ok);
    QFETCH(QString, localPart);
    QFETCH(QString, canonical);

    const MailAddress source = parseAliasSource(input);
    QCOMPARE(source.ok, ok);
    QCOMPARE(source.error.isEmpty(), ok);
    if (!ok)
        return;
    QCOMPARE(source.localPart, localPart);
    QCOMPARE(source.toString(), canonical);
    QCOMPARE(parseAliasSource(canonical).toString(), canonical);
}

void TestAddress::quoting_data() {
    QTest::addColumn<QString>("localPart");
    QTest::addColumn<QString>("written");

    QTest::newRow("dot-string") << u"alice.smith"_s << u"alice.smith"_s;
    QTest::newRow("atext") << u"a+b=c"_s << u"a+b=c"_s;
    QTest::newRow("utf8") << u"δοκιμή"_s << u"δοκιμή"_s;
    QTest::newRow("space") << u"a b"_s << u"\"a b\""_s;
    QTest::newRow("at") << u"a@b"_s << u"\"a@b\""_s;
    QTest::newRow("double dot") << u"a..b"_s << u"\"a..b\""_s;
    QTest::newRow("leading dot") << u".a"_s << u"\".a\""_s;
    QTest::newRow("quote") << u"a\"b"_s << u"\"a\\\"b\""_s;
    QTest::newRow("backslash") << u"a\\b"_s << u"\"a\\\\b\""_s;
    QTest::newRow("empty") << QString() << u"\"\""_s;
}

void TestAddress::quoting() {
    QFETCH(QString, localPart);
    QFETCH(QString, written);
    QCOMPARE(quoteLocalPartIfNeeded(localPart), written);
}

void TestAddress::parseSizes_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");

    const qint64 k = 1024;
    struct Row {
        const char *name;
        QString text;
        qint64 bytes;
    };
    const Row rows[] = {
        {"zero", u"0"_s, 0},
        {"plain bytes", u"2048"_s, 2048},
        {"bytes suffix", u"512B"_s, 512},
        {"bytes suffix spaced", u"512 B"_s, 512},
        {"kilo", u"512K"_s, 512 * k},
        {"kilo lower", u"512k"_s, 512 * k},
        {"kilo KB", u"512KB"_s, 512 * k},
        {"kilo KiB", u"512KiB"_s, 512 * k},
        {"mega", u"10M"_s, 10 * k * k},
        {"giga", u"10G"_s, 10 * k * k * k},
        {"giga GB", u"10GB"_s, 10 * k * k * k},
        {"giga gib", u"10gib"_s, 10 * k * k * k},
        {"giga spaced", u"10 GiB"_s, 10 * k * k * k},
        {"surrounding spaces", u"  10G  "_s, 10 * k * k * k},
        {"tera", u"1T"_s, k * k * k * k},
        {"peta", u"2P"_s, 2 * k * k * k * k * k},
        {"exa max", u"7E"_s, 7 * k * k * k * k * k * k},
        {"fraction", u"1.5G"_s, 3 * k * k * k / 2},
        {"fraction spaced", u"1.5 GiB"_s, 3 * k * k * k / 2},
        {"half kilo", u"0.5K"_s, 512},
        {"fraction rounds down", u"0.3K"_s, 307},
        {"fraction of exa", u"7.5E"_s, 7 * k * k * k * k * k * k + k * k * k * k * k * k / 2},
        {"empty", QString(), -1},
        {"spaces", u"   "_s, -1},
        {"negative", u"-1"_s, -1},
        {"negative unit", u"-1G"_s, -1},
        {"plus", u"+5"_s, -1},
        {"garbage", u"abc"_s, -1},
        {"unknown unit", u"10X"_s, -1},
        {"unit only", u"G"_s, -1},
        {"ib only", u"10iB"_s, -1},
        {"fraction of byte", u"1.5"_s, -1},
        {"fraction of byte B", u"1.5B"_s, -1},
        {"dot without digits", u"1.G"_s, -1},
        {"leading dot", u".5G"_s, -1},
        {"two dots", u"1..5G"_s, -1},
        {"two units", u"10 G B"_s, -1},
        {"exponent", u"1e3"_s, -1},
        {"hex", u"0x10"_s, -1},
        {"too many fraction digits", u"1.1234567G"_s, -1},
        {"overflow digits", u"99999999999999999999"_s, -1},
        {"overflow unit", u"9999999999T"_s, -1},
        {"overflow exa", u"8E"_s, -1},
        {"overflow kilo", u"9007199254740992K"_s, -1},
        {"largest kilo", u"9007199254740991.999999K"_s, std::numeric_limits<qint64>::max()},
    };
    for (const Row &row : rows)
        QTest::newRow(row.name) << row.text << row.bytes;
}

void TestAddress::parseSizes() {
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    QCOMPARE(parseByteSize(text), bytes);
}

void TestAddress::formatSizes_data() {
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");

    const qint64 k = 1024;
    QTest::newRow("zero") << qint64(0) << u"0"_s;
    QTest::newRow("one") << qint64(1) << u"1 B"_s;
    QTest::newRow("bytes") << qint64(512) << u"512 B"_s;
    QTest::newRow("below kibi") << qint64(1023) << u"1023 B"_s;
    QTest::newRow("kibi") << k << u"1 KiB"_s;
    QTest::newRow("kibi and a half") << 3 * k / 2 << u"1.5 KiB"_s;
    QTest::newRow("not exact") << k + 1 << u"1025 B"_s;
    QTest::newRow("mebi") << 512 * k * k << u"512 MiB"_s;
    QTest::newRow("gibi") << 10 * k * k * k << u"10 GiB"_s;
    QTest::newRow("gibi and a half") << 3 * k * k * k / 2 << u"1.5 GiB"_s;
    QTest::newRow("falls to kibi") << 3 * k * k + 512 << u"3072.5 KiB"_s;
    QTest::newRow("tebi") << k * k * k * k << u"1 TiB"_s;
    QTest::newRow("1024 gibi is a tebi") << 1024 * k * k * k << u"1 TiB"_s;
    QTest::newRow("exbi") << 7 * k * k * k * k * k * k << u"7 EiB"_s;
    QTest::newRow("max") << std::numeric_limits<qint64>::max() << u"9223372036854775807 B"_s;
}

void TestAddress::formatSizes() {
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(formatByteSize(bytes), text);
}

void TestAddress::sizesRoundTrip() {
    const qint64 k = 1024;
    const qint64 values[] = {0,
                             1,
                             1000,
                             k,
                             3 * k / 2,
                             10 * k * k,
                             3 * k * k + 512,
                             10 * k * k * k,
                             3 * k * k * k / 2,
                             k * k * k * k + 1,
                             std::numeric_limits<qint64>::max()};
    for (const qint64 value : values)
        QCOMPARE(parseByteSize(formatByteSize(value)), value);
}

QTEST_GUILESS_MAIN(TestAddress)
#include "tst_address.moc"
