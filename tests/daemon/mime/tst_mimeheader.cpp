// tst_mimeheader.cpp - header blocks: fields, folding, the blank line, limits
//
// Covers daemon/mime/MimeHeader: RFC 5322 section 2.2 (fields), 2.2.3
// (unfolding), 4.5 (obsolete whitespace before the colon), LF-only and
// 8-bit input, lines that are not fields, a block ended by a boundary
// line, and the maxHeaderBytes / maxHeaderFields limits.

#include "mime/MimeHeader.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::mime;

namespace {

// "name=value" per stored field (value unfolded), then "end=N", "blank"
// and "truncated" as they apply.
QStringList describe(const HeaderBlock &block) {
    QStringList out;
    for (const HeaderField &field : block.fields)
        out.append(QString::fromLatin1(field.name) + u'=' +
                   QString::fromUtf8(unfoldValue(field.value)));
    out.append(u"end="_s + QString::number(block.end));
    if (block.blankLine)
        out.append(u"blank"_s);
    if (block.truncated)
        out.append(u"truncated"_s);
    return out;
}

} // namespace

class TestMimeHeader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void startsInsideInput();
    void stopsAtBoundaryLine();
    void limits();
    void lookup();
};

void TestMimeHeader::parse_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("crlf") << QByteArray("From: a@b\r\nSubject: hi\r\n\r\nbody")
                          << QStringList{u"From=a@b"_s, u"Subject=hi"_s, u"end=26"_s, u"blank"_s};
    QTest::newRow("lf only") << QByteArray("From: a@b\nSubject: hi\n\nbody")
                             << QStringList{u"From=a@b"_s, u"Subject=hi"_s, u"end=23"_s,
                                            u"blank"_s};
    QTest::newRow("folded") << QByteArray("Subject: one\r\n two\r\n\tthree\r\n\r\n")
                            << QStringList{u"Subject=one two\tthree"_s, u"end=30"_s, u"blank"_s};
    QTest::newRow("obs space before colon") << QByteArray("Subject  \t: x\r\n\r\n")
                                            << QStringList{u"Subject=x"_s, u"end=17"_s, u"blank"_s};
    QTest::newRow("line without colon skipped")
        << QByteArray("garbage line\r\nTo: b@c\r\n\r\n")
        << QStringList{u"To=b@c"_s, u"end=25"_s, u"blank"_s};
    QTest::newRow("mbox From line skipped")
        << QByteArray("From alice@x Tue Mar 12 10:15:00 2024\nTo: b@c\n\n")
        << QStringList{u"To=b@c"_s, u"end=47"_s, u"blank"_s};
    QTest::newRow("orphan continuation skipped")
        << QByteArray(" orphan\r\nTo: b@c\r\n\r\n")
        << QStringList{u"To=b@c"_s, u"end=20"_s, u"blank"_s};
    QTest::newRow("continuation of a skipped line skipped")
        << QByteArray("no colon\r\n more\r\nTo: b@c\r\n\r\n")
        << QStringList{u"To=b@c"_s, u"end=28"_s, u"blank"_s};
    QTest::newRow("name with space is not a field")
        << QByteArray("Bad Name: x\r\nTo: b\r\n\r\n")
        << QStringList{u"To=b"_s, u"end=22"_s, u"blank"_s};
    QTest::newRow("8-bit value kept") << QByteArray("Subject: Gr\xc3\xbc\xc3\x9f"
                                                    "e\r\n\r\n")
                                      << QStringList{u"Subject=Grüße"_s, u"end=20"_s, u"blank"_s};
    QTest::newRow("whitespace-only continuation line")
        << QByteArray("To    : Mary Smith\r\n  \r\n          <mary@example.net>\r\n\r\n")
        << QStringList{u"To=Mary Smith            <mary@example.net>"_s, u"end=56"_s, u"blank"_s};
    QTest::newRow("empty value") << QByteArray("Subject:\r\n\r\n")
                                 << QStringList{u"Subject="_s, u"end=12"_s, u"blank"_s};
    QTest::newRow("no blank line") << QByteArray("From: a@b\r\nSubject: end")
                                   << QStringList{u"From=a@b"_s, u"Subject=end"_s, u"end=23"_s};
    QTest::newRow("empty header") << QByteArray("\r\nbody") << QStringList{u"end=2"_s, u"blank"_s};
    QTest::newRow("empty input") << QByteArray() << QStringList{u"end=0"_s};
    QTest::newRow("colon first") << QByteArray(": x\r\nA: 1\r\n\r\n")
                                 << QStringList{u"A=1"_s, u"end=13"_s, u"blank"_s};
    QTest::newRow("bare cr is not a line end")
        << QByteArray("A: 1\rB: 2\r\n\r\n") << QStringList{u"A=1B: 2"_s, u"end=13"_s, u"blank"_s};
    QTest::newRow("duplicate fields kept in order")
        << QByteArray("X: 1\nX: 2\n\n") << QStringList{u"X=1"_s, u"X=2"_s, u"end=11"_s, u"blank"_s};
}

void TestMimeHeader::parse() {
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(parseHeaderBlock(input, 0, MimeLimits())), expected);
}

void TestMimeHeader::startsInsideInput() {
    const QByteArray input = "preamble\r\nA: 1\r\n\r\nrest";
    const HeaderBlock block = parseHeaderBlock(input, 10, MimeLimits());
    QCOMPARE(describe(block), (QStringList{u"A=1"_s, u"end=18"_s, u"blank"_s}));
    QCOMPARE(block.fields.front().offset, 10);
}

void TestMimeHeader::stopsAtBoundaryLine() {
    const QByteArray input = "Content-Type: text/plain\r\n--b\r\nmore";
    const auto isBoundary = [](QByteArrayView line) { return line == "--b"; };
    const HeaderBlock block = parseHeaderBlock(input, 0, MimeLimits(), isBoundary);
    QCOMPARE(describe(block), (QStringList{u"Content-Type=text/plain"_s, u"end=26"_s}));
    // lines that only start with "--" are asked about, and are not boundaries here
    const HeaderBlock other = parseHeaderBlock("A: 1\r\n--c\r\n\r\n", 0, MimeLimits(), isBoundary);
    QCOMPARE(describe(other), (QStringList{u"A=1"_s, u"end=13"_s, u"blank"_s}));
}

void TestMimeHeader::limits() {
    MimeLimits limits;
    limits.maxHeaderFields = 2;
    const QByteArray three = "A: 1\r\nB: 2\r\nC: 3\r\n\r\nbody";
    QCOMPARE(describe(parseHeaderBlock(three, 0, limits)),
             (QStringList{u"A=1"_s, u"B=2"_s, u"end=20"_s, u"blank"_s, u"truncated"_s}));

    limits = MimeLimits();
    limits.maxHeaderBytes = 10; // "A: 1\r\n" ends at 4, "B: 22" at 11
    QCOMPARE(describe(parseHeaderBlock("A: 1\r\nB: 22\r\n\r\n", 0, limits)),
             (QStringList{u"A=1"_s, u"end=15"_s, u"blank"_s, u"truncated"_s}));

    // A huge block is read to its end: offsets stay exact, fields are bounded.
    limits = MimeLimits();
    limits.maxHeaderFields = 5;
    QByteArray huge;
    for (int i = 0; i < 100000; ++i)
        huge += "X-Field: value\r\n";
    huge += "\r\nbody";
    const HeaderBlock block = parseHeaderBlock(huge, 0, limits);
    QCOMPARE(block.fields.size(), 5);
    QVERIFY(block.truncated && block.blankLine);
    QCOMPARE(block.end, huge.size() - 4);
}

void TestMimeHeader::lookup() {
    const HeaderBlock block =
        parseHeaderBlock("subject: one\r\nSUBJECT: two\r\nEmpty:\r\n\r\n", 0, MimeLimits());
    QVERIFY(block.find("Subject"));
    QCOMPARE(headerValue(block, "Subject"), QByteArray("one"));
    QVERIFY(headerValue(block, "Missing").isNull());
    QVERIFY(!headerValue(block, "empty").isNull());
    QVERIFY(headerValue(block, "empty").isEmpty());
    QCOMPARE(unfoldValue(" \t a\r\n b \r\n"), QByteArray("a b"));
}

QTEST_GUILESS_MAIN(TestMimeHeader)
#include "tst_mimeheader.moc"
