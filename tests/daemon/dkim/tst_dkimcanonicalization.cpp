// tst_dkimcanonicalization.cpp - RFC 6376 relaxed canonicalization and the
// header/body split it works on
//
// Tables of inputs and the bytes RFC 6376 section 3.4 prescribes, starting
// with the worked example of section 3.4.5, then the edges: trailing
// whitespace, empty bodies, a missing final CRLF, folded fields, bare LF.
#include "dkim/DkimCanonicalization.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::dkim;

class TestDkimCanonicalization : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void relaxedHeader_data();
    void relaxedHeader();
    void relaxedBody_data();
    void relaxedBody();
    void relaxedBodyIsIdempotent_data();
    void relaxedBodyIsIdempotent();
    void splitMessage_data();
    void splitMessage();
};

void TestDkimCanonicalization::relaxedHeader_data() {
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("expected");

    // RFC 6376 section 3.4.5.
    QTest::newRow("rfc 6376 example A") << "A: X"_ba
                                        << "a:X\r\n"_ba;
    QTest::newRow("rfc 6376 example B") << "B : Y\t\r\n\tZ  "_ba
                                        << "b:Y Z\r\n"_ba;

    QTest::newRow("name lower-cased") << "SUBJECT:x"_ba
                                      << "subject:x\r\n"_ba;
    QTest::newRow("runs of whitespace") << "Subject:   hello \t  world  "_ba
                                        << "subject:hello world\r\n"_ba;
    QTest::newRow("tabs inside") << "Subject: a\t\tb"_ba
                                 << "subject:a b\r\n"_ba;
    QTest::newRow("fold with CRLF") << "To: a@example.test,\r\n b@example.test"_ba
                                    << "to:a@example.test, b@example.test\r\n"_ba;
    QTest::newRow("fold with bare LF") << "To: a,\n\tb"_ba
                                       << "to:a, b\r\n"_ba;
    QTest::newRow("several folds") << "References: <1@x>\r\n <2@x>\r\n\t<3@x>"_ba
                                   << "references:<1@x> <2@x> <3@x>\r\n"_ba;
    QTest::newRow("empty value") << "X-Empty:"_ba
                                 << "x-empty:\r\n"_ba;
    QTest::newRow("whitespace-only value") << "X-Blank:  \r\n\t "_ba
                                           << "x-blank:\r\n"_ba;
    QTest::newRow("colons in value") << "Date: Sat, 28 Nov 2026 12:00:00 +0000"_ba
                                     << "date:Sat, 28 Nov 2026 12:00:00 +0000\r\n"_ba;
    QTest::newRow("8-bit value kept") << "Subject: \xc3\xa9t\xc3\xa9 "_ba
                                      << "subject:\xc3\xa9t\xc3\xa9\r\n"_ba;
    QTest::newRow("whitespace before colon") << "From \t: a@example.test"_ba
                                             << "from:a@example.test\r\n"_ba;
}

void TestDkimCanonicalization::relaxedHeader() {
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, expected);
    QCOMPARE(mailstead::dkim::relaxedHeader(field), expected);
}

void TestDkimCanonicalization::relaxedBody_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    // RFC 6376 section 3.4.5.
    QTest::newRow("rfc 6376 example") << " C \r\nD \t E\r\n\r\n\r\n"_ba
                                      << " C\r\nD E\r\n"_ba;

    // Erratum 3986: an empty body stays empty under relaxed.
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("only empty lines") << "\r\n\r\n\r\n"_ba << QByteArray();
    QTest::newRow("only whitespace") << " \t "_ba << QByteArray();
    QTest::newRow("whitespace lines at the end") << "a\r\n  \r\n\t\r\n"_ba
                                                 << "a\r\n"_ba;
    QTest::newRow("missing final CRLF") << "abc"_ba
                                        << "abc\r\n"_ba;
    QTest::newRow("missing final CRLF, trailing space") << "abc  "_ba
                                                        << "abc\r\n"_ba;
    QTest::newRow("trailing whitespace") << "a  \r\nb\t\r\n"_ba
                                         << "a\r\nb\r\n"_ba;
    QTest::newRow("leading whitespace reduced") << "\t\tx\r\n"_ba
                                                << " x\r\n"_ba;
    QTest::newRow("inner empty lines kept") << "a\r\n\r\n\r\nb\r\n"_ba
                                            << "a\r\n\r\n\r\nb\r\n"_ba;
    QTest::newRow("inner whitespace line emptied") << "a\r\n \r\nb\r\n"_ba
                                                   << "a\r\n\r\nb\r\n"_ba;
    QTest::newRow("bare LF") << "a\nb\n"_ba
                             << "a\r\nb\r\n"_ba;
    QTest::newRow("bare LF empty lines at end") << "a\n\n\n"_ba
                                                << "a\r\n"_ba;
    QTest::newRow("mixed line ends") << "a\r\n\nb"_ba
                                     << "a\r\n\r\nb\r\n"_ba;
    QTest::newRow("stray CR is data") << "a\rb\r\n"_ba
                                      << "a\rb\r\n"_ba;
    QTest::newRow("NUL is data") << "a\0b\r\n"_ba
                                 << "a\0b\r\n"_ba;
    QTest::newRow("8-bit kept") << "gr\xc3\xbc\xc3\x9f  dich \r\n"_ba
                                << "gr\xc3\xbc\xc3\x9f dich\r\n"_ba;
    QTest::newRow("dot lines untouched") << ".\r\n..\r\n"_ba
                                         << ".\r\n..\r\n"_ba;
}

void TestDkimCanonicalization::relaxedBody() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    QCOMPARE(mailstead::dkim::relaxedBody(body), expected);
}

void TestDkimCanonicalization::relaxedBodyIsIdempotent_data() {
    relaxedBody_data();
}

void TestDkimCanonicalization::relaxedBodyIsIdempotent() {
    QFETCH(QByteArray, body);
    const QByteArray once = mailstead::dkim::relaxedBody(body);
    QCOMPARE(mailstead::dkim::relaxedBody(once), once);
}

void TestDkimCanonicalization::splitMessage_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArrayList>("names");
    QTest::addColumn<QByteArrayList>("fields");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("simple") << "From: a\r\nTo: b\r\n\r\nbody\r\n"_ba << QByteArrayList{"From", "To"}
                            << QByteArrayList{"From: a", "To: b"} << "body\r\n"_ba;
    QTest::newRow("folded field") << "Subject: a\r\n b\r\n\tc\r\nFrom: x\r\n\r\n"_ba
                                  << QByteArrayList{"Subject", "From"}
                                  << QByteArrayList{"Subject: a\r\n b\r\n\tc", "From: x"}
                                  << QByteArray();
    QTest::newRow("no empty line") << "From: a\r\nTo: b\r\n"_ba << QByteArrayList{"From", "To"}
                                   << QByteArrayList{"From: a", "To: b"} << QByteArray();
    QTest::newRow("no final line end")
        << "From: a"_ba << QByteArrayList{"From"} << QByteArrayList{"From: a"} << QByteArray();
    QTest::newRow("bare LF") << "From: a\nTo: b\n c\n\nbody\n"_ba << QByteArrayList{"From", "To"}
                             << QByteArrayList{"From: a", "To: b\n c"} << "body\n"_ba;
    QTest::newRow("space before colon") << "From : a\r\n\r\n"_ba << QByteArrayList{"From"}
                                        << QByteArrayList{"From : a"} << QByteArray();
    QTest::newRow("line without colon")
        << "garbage\r\nFrom: a\r\n\r\nx"_ba << QByteArrayList{"", "From"}
        << QByteArrayList{"garbage", "From: a"} << "x"_ba;
    QTest::newRow("empty message")
        << QByteArray() << QByteArrayList{} << QByteArrayList{} << QByteArray();
    QTest::newRow("body only") << "\r\nbody\r\n"_ba << QByteArrayList{} << QByteArrayList{}
                               << "body\r\n"_ba;
    QTest::newRow("empty line in body stays")
        << "From: a\r\n\r\n\r\nx\r\n"_ba << QByteArrayList{"From"} << QByteArrayList{"From: a"}
        << "\r\nx\r\n"_ba;
    QTest::newRow("continuation first") << " x\r\nFrom: a\r\n\r\n"_ba << QByteArrayList{"", "From"}
                                        << QByteArrayList{" x", "From: a"} << QByteArray();
}

void TestDkimCanonicalization::splitMessage() {
    QFETCH(QByteArray, message);
    QFETCH(QByteArrayList, names);
    QFETCH(QByteArrayList, fields);
    QFETCH(QByteArray, body);

    const DkimMessageParts parts = mailstead::dkim::splitMessage(message);
    QByteArrayList gotNames;
    QByteArrayList gotFields;
    for (const DkimHeaderField &header : parts.headers) {
        gotNames.append(header.name);
        gotFields.append(header.field);
    }
    QCOMPARE(gotNames, names);
    QCOMPARE(gotFields, fields);
    QCOMPARE(parts.body, body);
}

QTEST_GUILESS_MAIN(TestDkimCanonicalization)
#include "tst_dkimcanonicalization.moc"
