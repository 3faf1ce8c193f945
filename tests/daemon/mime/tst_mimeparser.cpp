// tst_mimeparser.cpp - MIME structure, byte ranges, section numbers, limits
//
// Covers daemon/mime/MimeParser and MimeMessage: RFC 2046 section 5.1
// (delimiters own the CRLF before them, transport padding, preamble and
// epilogue, nested multiparts), section 5.1.5 (digest defaults), section
// 5.2.1 (message/rfc822 parsed in turn), the breakage mail readers repair
// (missing final boundary, outer boundary inside an inner part, parts
// without a header, LF-only lines), IMAP section numbers (RFC 9051
// section 6.4.5), and the limits: a MIME bomb stops at maxNestingDepth,
// maxParts and maxHeaderFields (counts checked, no timing asserted).

#include "mime/MimeParser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::mime;

namespace {

QString escaped(QByteArrayView bytes) {
    QString out = QString::fromLatin1(bytes);
    out.replace(u"\r"_s, u"\\r"_s);
    out.replace(u"\n"_s, u"\\n"_s);
    return out;
}

// One line per part, depth-first: indentation by depth, kind, type, the
// body as text and the issues.
QStringList describe(QByteArrayView input, const MimeMessage &message) {
    QStringList out;
    for (const MimePart &part : message.parts) {
        const char *kind = part.kind == MimePart::Kind::Multipart ? "multi"
                           : part.kind == MimePart::Kind::Message ? "message"
                                                                  : "leaf";
        QString line = QString(part.depth * 2, u' ') + QString::fromLatin1(kind) + u' ' +
                       QString::fromLatin1(part.contentType.type + '/' + part.contentType.subtype);
        if (part.kind == MimePart::Kind::Leaf)
            line += u" [" + escaped(input.sliced(part.body.offset, part.body.size)) + u']';
        if (part.issues)
            line += u" issues=" + QString::number(part.issues.toInt(), 16);
        out.append(line);
    }
    return out;
}

QByteArray slice(QByteArrayView input, const MimeRange &range) {
    return input.sliced(range.offset, range.size).toByteArray();
}

} // namespace

class TestMimeParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void structure_data();
    void structure();
    void ranges();
    void delimiterOwnsLineEnding();
    void lineCounts();
    void sections();
    void nestingBomb();
    void messageNestingBomb();
    void partBomb();
    void headerBomb();
};

void TestMimeParser::structure_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("plain") << QByteArray("Subject: x\r\n\r\nbody\r\n")
                           << QStringList{u"leaf text/plain [body\\r\\n]"_s};
    QTest::newRow("no header") << QByteArray("\r\nbody")
                               << QStringList{u"leaf text/plain [body]"_s};
    QTest::newRow("no body") << QByteArray("Subject: x")
                             << QStringList{u"leaf text/plain [] issues=2"_s};
    QTest::newRow("empty") << QByteArray() << QStringList{u"leaf text/plain [] issues=2"_s};
    QTest::newRow("multipart")
        << QByteArray(
               "Content-Type: multipart/mixed; boundary=b\r\n\r\npre\r\n--b\r\n\r\none\r\n"
               "--b \t\r\nContent-Type: text/html\r\n\r\n<p>two</p>\r\n\r\n--b--\r\nepilogue\r\n")
        << QStringList{u"multi multipart/mixed"_s, u"  leaf text/plain [one]"_s,
                       u"  leaf text/html [<p>two</p>\\r\\n]"_s};
    QTest::newRow("lf only")
        << QByteArray(
               "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n--b--\n")
        << QStringList{u"multi multipart/mixed"_s, u"  leaf text/plain [one]"_s,
                       u"  leaf text/plain [two]"_s};
    QTest::newRow("first delimiter right after header")
        << QByteArray("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--")
        << QStringList{u"multi multipart/mixed"_s, u"  leaf text/plain [x]"_s};
    QTest::newRow("missing close delimiter")
        << QByteArray("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nrest\r\n")
        << QStringList{u"multi multipart/mixed issues=10"_s, u"  leaf text/plain [rest\\r\\n]"_s};
    QTest::newRow("prefix is not a delimiter")
        << QByteArray(
               "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n--bb\r\n--b x\r\n--b--")
        << QStringList{u"multi multipart/mixed"_s, u"  leaf text/plain [--bb\\r\\n--b x]"_s};
    QTest::newRow("part without header")
        << QByteArray("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nno header\r\n--b--")
        << QStringList{u"multi multipart/mixed"_s, u"  leaf text/plain [] issues=2"_s};
    QTest::newRow("outer boundary ends inner multipart")
        << QByteArray("Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n"
                      "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\ninner\r\n"
                      "--a\r\n\r\nouter2\r\n--a--\r\n")
        << QStringList{u"multi multipart/mixed"_s, u"  multi multipart/mixed issues=10"_s,
                       u"    leaf text/plain [inner]"_s, u"  leaf text/plain [outer2]"_s};
    QTest::newRow("no boundary parameter")
        << QByteArray("Content-Type: multipart/mixed\r\n\r\njust text\r\n")
        << QStringList{u"multi multipart/mixed issues=8"_s};
    QTest::newRow("boundary never appears")
        << QByteArray("Content-Type: multipart/mixed; boundary=nothing\r\n\r\ntext\r\n")
        << QStringList{u"multi multipart/mixed issues=10"_s};
    QTest::newRow("digest defaults to message/rfc822")
        << QByteArray(
               "Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: one\r\n\r\n"
               "First.\r\n--d\r\nContent-Type: text/plain\r\n\r\nnot a message\r\n--d--\r\n")
        << QStringList{u"multi multipart/digest"_s, u"  message message/rfc822"_s,
                       u"    leaf text/plain [First.]"_s, u"  leaf text/plain [not a message]"_s};
    QTest::newRow("message/rfc822")
        << QByteArray("Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nbody\r\n")
        << QStringList{u"message message/rfc822"_s, u"  leaf text/plain [body\\r\\n]"_s};
    QTest::newRow("message/global")
        << QByteArray("Content-Type: message/global\r\n\r\nSubject: inner\r\n\r\nbody")
        << QStringList{u"message message/global"_s, u"  leaf text/plain [body]"_s};
    QTest::newRow("invalid content type") << QByteArray("Content-Type: garbage\r\n\r\nx")
                                          << QStringList{u"leaf text/plain [x] issues=4"_s};
    QTest::newRow("boundary line inside a nested message ends it")
        << QByteArray(
               "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
               "Content-Type: message/rfc822\r\n\r\nSubject: in\r\n\r\ninner body\r\n--o--\r\n")
        << QStringList{u"multi multipart/mixed"_s, u"  message message/rfc822"_s,
                       u"    leaf text/plain [inner body]"_s};
}

void TestMimeParser::structure() {
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(input, parseMessage(input)), expected);
}

void TestMimeParser::ranges() {
    const QByteArray input =
        "Subject: outer\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n"
        "--o\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
        "--o\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body\r\n"
        "--o--\r\n";
    const MimeMessage message = parseMessage(input);
    QCOMPARE(message.parts.size(), 4);
    const MimePart &root = message.root();
    QCOMPARE(slice(input, root.header),
             QByteArray("Subject: outer\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n"));
    QCOMPARE(root.body.end(), input.size());
    const MimePart &text = message.parts.at(1);
    QCOMPARE(slice(input, text.header), QByteArray("Content-Type: text/plain\r\n\r\n"));
    QCOMPARE(slice(input, text.body), QByteArray("hello"));
    const MimePart &attached = message.parts.at(2);
    QCOMPARE(slice(input, attached.header), QByteArray("Content-Type: message/rfc822\r\n\r\n"));
    QCOMPARE(slice(input, attached.body), QByteArray("Subject: inner\r\n\r\ninner body"));
    const MimePart &inner = message.parts.at(3);
    QCOMPARE(slice(input, inner.header), QByteArray("Subject: inner\r\n\r\n"));
    QCOMPARE(slice(input, inner.body), QByteArray("inner body"));
    QVERIFY(inner.envelope);
    QCOMPARE(inner.envelope->subject, std::optional<QByteArray>("inner"));
    QVERIFY(!text.envelope);
    QCOMPARE(message.root().envelope->subject, std::optional<QByteArray>("outer"));
    // parents and children
    QCOMPARE(root.children, (QList<int>{1, 2}));
    QCOMPARE(attached.children, QList<int>{3});
    QCOMPARE(inner.parent, 2);
}

// RFC 2046 section 5.1.1: the CRLF before a delimiter is the delimiter's,
// even when it is the blank line after a part's header. Ranges stay
// nested (regressions found by fuzz_mime).
void TestMimeParser::delimiterOwnsLineEnding() {
    const QByteArray input = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                             "--b\r\nContent-Type: message/rfc822\r\n\r\n--b\r\n"
                             "Content-Type: message/rfc822\r\n--b--\r\n";
    const MimeMessage message = parseMessage(input);
    QCOMPARE(
        describe(input, message),
        (QStringList{u"multi multipart/mixed"_s, u"  message message/rfc822"_s,
                     u"    leaf text/plain [] issues=2"_s, u"  message message/rfc822 issues=2"_s,
                     u"    leaf text/plain [] issues=2"_s}));
    // the first part's blank line, the second part's field line ending
    // are the delimiters' line endings
    QCOMPARE(slice(input, message.parts.at(1).header),
             QByteArray("Content-Type: message/rfc822\r\n"));
    QCOMPARE(slice(input, message.parts.at(3).header), QByteArray("Content-Type: message/rfc822"));
    for (const int index : {1, 3}) {
        const MimePart &part = message.parts.at(index);
        QCOMPARE(part.body.size, 0);
        const MimePart &inner = message.parts.at(index + 1);
        QCOMPARE(inner.header.offset, part.body.offset);
        QCOMPARE(inner.header.size, 0);
        QCOMPARE(inner.body.end(), part.body.end());
    }
}

void TestMimeParser::lineCounts() {
    const QByteArray crlf = "Subject: x\r\n\r\none\r\ntwo\r\nthree";
    const MimePart crlfPart = parseMessage(crlf).root();
    QCOMPARE(crlfPart.header.lines, 2);
    QCOMPARE(crlfPart.body.lines, 2);
    QCOMPARE(crlfPart.body.bareLineFeeds, 0);
    QCOMPARE(crlfPart.body.crlfSize(), crlfPart.body.size);

    const QByteArray lf = "Subject: x\n\none\ntwo\nthree";
    const MimePart lfPart = parseMessage(lf).root();
    QCOMPARE(lfPart.header.lines, 2);
    QCOMPARE(lfPart.header.bareLineFeeds, 2);
    QCOMPARE(lfPart.body.lines, 2);
    QCOMPARE(lfPart.body.crlfSize(), lfPart.body.size + 2);

    // across the line index's 4 KiB blocks
    QByteArray big = "Subject: x\n\n";
    for (int i = 0; i < 5000; ++i)
        big += (i % 2) ? "crlf line\r\n" : "lf line\n";
    const MimePart bigPart = parseMessage(big).root();
    QCOMPARE(bigPart.body.lines, 5000);
    QCOMPARE(bigPart.body.bareLineFeeds, 2500);
}

void TestMimeParser::sections() {
    const QByteArray input =
        "Content-Type: multipart/mixed; boundary=o\r\n\r\n"
        "--o\r\n\r\none\r\n"
        "--o\r\nContent-Type: message/rfc822\r\n\r\n"
        "Content-Type: multipart/alternative; boundary=i\r\n\r\n"
        "--i\r\n\r\ninner1\r\n--i\r\n\r\ninner2\r\n--i--\r\n"
        "--o\r\nContent-Type: message/rfc822\r\n\r\nSubject: simple\r\n\r\nsimple body\r\n"
        "--o--\r\n";
    const MimeMessage message = parseMessage(input);
    const auto body = [&](const QList<int> &section) {
        const int index = message.partForSection(section);
        return index < 0 ? QByteArray("none") : slice(input, message.parts.at(index).body);
    };
    QCOMPARE(message.partForSection({}), 0);
    QCOMPARE(body({1}), QByteArray("one"));
    QCOMPARE(body({2, 1}), QByteArray("inner1"));
    QCOMPARE(body({2, 2}), QByteArray("inner2"));
    QCOMPARE(body({3, 1}), QByteArray("simple body"));
    QCOMPARE(body({3}), QByteArray("Subject: simple\r\n\r\nsimple body"));
    QCOMPARE(body({4}), QByteArray("none"));
    QCOMPARE(body({1, 1}), QByteArray("none"));
    QCOMPARE(body({2, 3}), QByteArray("none"));
    QCOMPARE(body({3, 2}), QByteArray("none"));
    QCOMPARE(body({0}), QByteArray("none"));

    const QByteArray single = "Subject: x\r\n\r\nonly";
    const MimeMessage plain = parseMessage(single);
    QCOMPARE(plain.partForSection({1}), 0);
    QCOMPARE(plain.partForSection({1, 1}), -1);
    QCOMPARE(plain.partForSection({2}), -1);

    const QByteArray top = "Content-Type: message/rfc822\r\n\r\nSubject: in\r\n\r\nx";
    const MimeMessage topMessage = parseMessage(top);
    QCOMPARE(topMessage.partForSection({1}), 0);
    QCOMPARE(topMessage.partForSection({1, 1}), 1);
}

void TestMimeParser::nestingBomb() {
    QByteArray input;
    const int levels = 5000;
    for (int i = 0; i < levels; ++i)
        input += "Content-Type: multipart/mixed; boundary=b" + QByteArray::number(i) +
                 "\r\n\r\n--b" + QByteArray::number(i) + "\r\n";
    input += "\r\ndeepest\r\n";
    MimeLimits limits;
    const MimeMessage message = parseMessage(input, limits);
    QCOMPARE(message.parts.size(), limits.maxNestingDepth + 1);
    QVERIFY(message.issues & MimeIssue::NestingLimit);
    const MimePart &last = message.parts.back();
    QCOMPARE(last.depth, limits.maxNestingDepth);
    QCOMPARE(last.kind, MimePart::Kind::Leaf);
    QCOMPARE(last.body.end(), input.size());

    // however high the caller sets it, recursion stops at 256 levels
    limits.maxNestingDepth = 1000000;
    limits.maxParts = 1000000;
    QCOMPARE(parseMessage(input, limits).parts.size(), 257);
}

void TestMimeParser::messageNestingBomb() {
    QByteArray input;
    for (int i = 0; i < 20000; ++i)
        input += "Content-Type: message/rfc822\r\n\r\n";
    input += "Subject: deepest\r\n\r\nx";
    MimeLimits limits;
    limits.maxNestingDepth = 10;
    const MimeMessage message = parseMessage(input, limits);
    QCOMPARE(message.parts.size(), 11);
    QVERIFY(message.issues & MimeIssue::NestingLimit);
}

void TestMimeParser::partBomb() {
    QByteArray input = "Content-Type: multipart/mixed; boundary=b\r\n\r\n";
    for (int i = 0; i < 100000; ++i)
        input += "--b\r\n\r\nx\r\n";
    input += "--b--\r\nepilogue";
    MimeLimits limits;
    const MimeMessage message = parseMessage(input, limits);
    QCOMPARE(message.parts.size(), limits.maxParts);
    QVERIFY(message.issues & MimeIssue::PartLimit);
    QVERIFY(!(message.issues & MimeIssue::MissingCloseDelimiter));
    QCOMPARE(message.root().body.end(), input.size()); // the rest stays in the multipart

    // exactly at the limit: nothing flagged
    limits.maxParts = 4;
    const MimeMessage three =
        parseMessage("Content-Type: multipart/mixed; "
                     "boundary=b\r\n\r\n--b\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b\r\n\r\n3\r\n--b--",
                     limits);
    QCOMPARE(three.parts.size(), 4);
    QVERIFY(!(three.issues & MimeIssue::PartLimit));

    // nested multiparts share the count
    QByteArray nested = "Content-Type: multipart/mixed; boundary=o\r\n\r\n";
    for (int i = 0; i < 1000; ++i)
        nested += "--o\r\nContent-Type: multipart/mixed; "
                  "boundary=i\r\n\r\n--i\r\n\r\na\r\n--i\r\n\r\nb\r\n--i--\r\n";
    nested += "--o--\r\n";
    limits.maxParts = 100;
    const MimeMessage shared = parseMessage(nested, limits);
    QCOMPARE(shared.parts.size(), 100);
    QVERIFY(shared.issues & MimeIssue::PartLimit);
}

void TestMimeParser::headerBomb() {
    QByteArray input;
    for (int i = 0; i < 200000; ++i)
        input += "X-Spam: " + QByteArray(20, 'x') + "\r\n";
    input += "Subject: late\r\n\r\nbody";
    MimeLimits limits;
    const MimeMessage message = parseMessage(input, limits);
    QVERIFY(message.issues & MimeIssue::HeaderTruncated);
    QCOMPARE(message.root().body.size, 4);
    QVERIFY(!message.root().envelope->subject); // past the limits: not seen
}

QTEST_GUILESS_MAIN(TestMimeParser)
#include "tst_mimeparser.moc"
