// tst_storenames.cpp - file system names: local parts, domains, Maildir names
//
// Tables of inputs and expected names; every encoded name must decode back
// to the folded local part, and non-canonical spellings must not decode.
#include "store/MailboxIndex.h"
#include "store/MaildirName.h"
#include "store/VmailPath.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::store;

class TestStoreNames : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void encodeLocalPart_data();
    void encodeLocalPart();
    void rejectNonCanonical_data();
    void rejectNonCanonical();
    void normalizeDomain_data();
    void normalizeDomain();
    void maildirNames();
    void parseMaildirNames_data();
    void parseMaildirNames();
    void virtualSize();
    void folderDirNames_data();
    void folderDirNames();
};

void TestStoreNames::encodeLocalPart_data() {
    QTest::addColumn<QString>("localPart");
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<QString>("folded");

    QTest::newRow("plain") << u"alice"_s << u"alice"_s << u"alice"_s;
    QTest::newRow("upper case folds") << u"Alice"_s << u"alice"_s << u"alice"_s;
    QTest::newRow("dots stay") << u"john.doe"_s << u"john.doe"_s << u"john.doe"_s;
    QTest::newRow("plus and dash")
        << u"user+tag-1_x=y"_s << u"user+tag-1_x=y"_s << u"user+tag-1_x=y"_s;
    QTest::newRow("leading dot") << u".hidden"_s << u"%2Ehidden"_s << u".hidden"_s;
    QTest::newRow("dot dot") << u".."_s << u"%2E."_s << u".."_s;
    QTest::newRow("slash") << u"a/b"_s << u"a%2Fb"_s << u"a/b"_s;
    QTest::newRow("quoted") << u"\"john doe\""_s << u"%22john%20doe%22"_s << u"\"john doe\""_s;
    QTest::newRow("percent") << u"100%"_s << u"100%25"_s << u"100%"_s;
    QTest::newRow("at sign") << u"\"a@b\""_s << u"%22a%40b%22"_s << u"\"a@b\""_s;
    QTest::newRow("utf8") << u"jörg"_s << u"j%C3%B6rg"_s << u"jörg"_s;
    QTest::newRow("utf8 upper") << u"JÖRG"_s << u"j%C3%B6rg"_s << u"jörg"_s;
    QTest::newRow("nfd to nfc") << u"jo\u0308rg"_s << u"j%C3%B6rg"_s << u"jörg"_s;
    QTest::newRow("greek") << u"ΣΟΦΙΑ"_s << u"%CF%83%CE%BF%CF%86%CE%B9%CE%B1"_s << u"σοφια"_s;
    QTest::newRow("backslash") << u"a\\b"_s << u"a%5Cb"_s << u"a\\b"_s;
    QTest::newRow("empty") << QString() << QString() << QString();
    QTest::newRow("too long") << QString(100, u'/') << QString() << QString();
}

void TestStoreNames::encodeLocalPart() {
    QFETCH(QString, localPart);
    QFETCH(QString, encoded);
    QFETCH(QString, folded);
    QCOMPARE(VmailPath::encodeLocalPart(localPart), encoded);
    if (!encoded.isEmpty()) {
        QCOMPARE(VmailPath::decodeLocalPart(encoded), folded);
        QVERIFY(!encoded.contains(u'/'));
        QVERIFY(!encoded.startsWith(u'.'));
        QVERIFY(encoded.toUtf8().size() <= 255);
    }
}

void TestStoreNames::rejectNonCanonical_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("upper case") << u"Alice"_s;
    QTest::newRow("lower-case hex") << u"%2ehidden"_s;
    QTest::newRow("escaped plain letter") << u"%61lice"_s;
    QTest::newRow("leading dot") << u".hidden"_s;
    QTest::newRow("dot dot") << u".."_s;
    QTest::newRow("slash") << u"a/b"_s;
    QTest::newRow("truncated escape") << u"a%2"_s;
    QTest::newRow("lone utf8 byte") << u"%C3"_s;
    QTest::newRow("overlong utf8") << u"%C0%AF"_s;
    QTest::newRow("unescaped utf8") << u"jörg"_s;
    QTest::newRow("upper utf8") << u"%C3%96"_s; // Ö is not case folded
}

void TestStoreNames::rejectNonCanonical() {
    QFETCH(QString, name);
    QCOMPARE(VmailPath::decodeLocalPart(name), QString());
}

void TestStoreNames::normalizeDomain_data() {
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("lower") << u"example.test"_s << u"example.test"_s;
    QTest::newRow("upper") << u"Example.TEST"_s << u"example.test"_s;
    QTest::newRow("trailing dot") << u"example.test."_s << u"example.test"_s;
    QTest::newRow("idn") << u"bücher.example"_s << u"xn--bcher-kva.example"_s;
    QTest::newRow("slash") << u"a/b.test"_s << QString();
    QTest::newRow("dot dot") << u".."_s << QString();
    QTest::newRow("leading dot") << u".spool"_s << QString();
    QTest::newRow("empty label") << u"a..b"_s << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("space") << u"a b.test"_s << QString();
}

void TestStoreNames::normalizeDomain() {
    QFETCH(QString, domain);
    QFETCH(QString, normalized);
    QCOMPARE(VmailPath::normalizeDomain(domain), normalized);
}

void TestStoreNames::maildirNames() {
    const QString first = MaildirName::uniqueBaseName(4096, 4100);
    const QString second = MaildirName::uniqueBaseName(4096, 4100);
    QVERIFY(first != second);
    static const QRegularExpression format(u"^\\d+\\.M\\d+P\\d+Q\\d+\\.[^/:]+,S=4096,W=4100$"_s);
    QVERIFY2(format.match(first).hasMatch(), qPrintable(first));
    QVERIFY(!MaildirName::uniqueBaseName(-1, -1).contains(u",S="_s));

    const MessageFlags all = MessageFlag::Seen | MessageFlag::Answered | MessageFlag::Flagged |
                             MessageFlag::Deleted | MessageFlag::Draft;
    QCOMPARE(MaildirName::withInfo(u"base"_s, all), u"base:2,DFRST"_s);
    QCOMPARE(MaildirName::withInfo(u"base"_s, MessageFlag::Seen), u"base:2,S"_s);
    QCOMPARE(MaildirName::withInfo(u"base"_s, {}), u"base:2,"_s);
}

void TestStoreNames::parseMaildirNames_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("base");
    QTest::addColumn<int>("flags");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("vsize");
    QTest::newRow("new") << u"1.M2P3Q4.h,S=10,W=12"_s << u"1.M2P3Q4.h,S=10,W=12"_s << 0
                         << qint64(10) << qint64(12);
    QTest::newRow("cur") << u"1.M2P3Q4.h,S=10,W=12:2,FS"_s << u"1.M2P3Q4.h,S=10,W=12"_s
                         << int((MessageFlag::Flagged | MessageFlag::Seen).toInt()) << qint64(10)
                         << qint64(12);
    QTest::newRow("foreign") << u"1234.abc.host:2,RT"_s << u"1234.abc.host"_s
                             << int((MessageFlag::Answered | MessageFlag::Deleted).toInt())
                             << qint64(-1) << qint64(-1);
    QTest::newRow("keyword letters ignored")
        << u"x:2,Sab"_s << u"x"_s << int(MessageFlags(MessageFlag::Seen).toInt()) << qint64(-1)
        << qint64(-1);
}

void TestStoreNames::parseMaildirNames() {
    QFETCH(QString, name);
    QFETCH(QString, base);
    QFETCH(int, flags);
    QFETCH(qint64, size);
    QFETCH(qint64, vsize);
    const MaildirName::Parsed parsed = MaildirName::parse(name);
    QCOMPARE(parsed.baseName, base);
    QCOMPARE(parsed.flags.toInt(), flags);
    QCOMPARE(parsed.size, size);
    QCOMPARE(parsed.virtualSize, vsize);
}

void TestStoreNames::virtualSize() {
    QCOMPARE(MaildirName::virtualSizeOf("a\r\nb\r\n"), qint64(6));
    QCOMPARE(MaildirName::virtualSizeOf("a\nb\n"), qint64(6));
    QCOMPARE(MaildirName::virtualSizeOf("\n"), qint64(2));
    QCOMPARE(MaildirName::virtualSizeOf("a\rb"), qint64(3));
}

void TestStoreNames::folderDirNames_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("dir");
    QTest::newRow("plain") << u"Sent"_s << u".Sent"_s;
    QTest::newRow("case kept") << u"Work"_s << u".Work"_s;
    QTest::newRow("hierarchy") << u"Lists/mailstead"_s << u".Lists.mailstead"_s;
    QTest::newRow("dot escaped") << u"a.b"_s << u".a%2Eb"_s;
    QTest::newRow("space") << u"My Mail"_s << u".My%20Mail"_s;
    QTest::newRow("utf8") << u"Entwürfe"_s << u".Entw%C3%BCrfe"_s;
    QTest::newRow("percent") << u"100%"_s << u".100%25"_s;
    QTest::newRow("inbox") << u"INBOX"_s << QString();
    QTest::newRow("inbox any case") << u"Inbox"_s << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("empty component") << u"a//b"_s << QString();
    QTest::newRow("trailing delimiter") << u"a/"_s << QString();
    QTest::newRow("control") << u"a\tb"_s << QString();
}

void TestStoreNames::folderDirNames() {
    QFETCH(QString, name);
    QFETCH(QString, dir);
    QCOMPARE(MailboxIndex::folderDirName(name), dir);
}

QTEST_GUILESS_MAIN(TestStoreNames)
#include "tst_storenames.moc"
