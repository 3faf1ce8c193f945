// tst_outboundcontent.cpp - preparing queued messages for remote servers
//
// Covers daemon/queue/OutboundContent: Return-Path removal (RFC 5321
// section 4.4), dot-stuffing (section 4.5.2), 8-bit detection and the
// quoted-printable conversion for peers without 8BITMIME (RFC 6152
// section 3, RFC 2045 section 6.7).

#include "queue/OutboundContent.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::queue;

class TestOutboundContent : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void returnPath();
    void dotStuffing_data();
    void dotStuffing();
    void eightBit();
    void quotedPrintableRules();
    void conversion();
    void conversionRefused_data();
    void conversionRefused();
};

// Decodes quoted-printable (the test's oracle: RFC 2045 section 6.7).
static QByteArray decodeQp(const QByteArray &encoded) {
    QByteArray out;
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        if (encoded[i] == '=' && encoded.mid(i + 1, 2) == "\r\n") {
            i += 2;
        } else if (encoded[i] == '=') {
            out += char(encoded.mid(i + 1, 2).toInt(nullptr, 16));
            i += 2;
        } else {
            out += encoded[i];
        }
    }
    return out;
}

void TestOutboundContent::returnPath() {
    QCOMPARE(withoutReturnPath("Return-Path: <a@b.test>\r\nFrom: a\r\n\r\nbody\r\n"),
             "From: a\r\n\r\nbody\r\n"_ba);
    QCOMPARE(withoutReturnPath("return-path:\r\n <a@b.test>\r\nX: 1\r\n\r\n"), "X: 1\r\n\r\n"_ba);
    // Only a leading one, and never from the body.
    QCOMPARE(withoutReturnPath("From: a\r\nReturn-Path: <x>\r\n\r\n"),
             "From: a\r\nReturn-Path: <x>\r\n\r\n"_ba);
    QCOMPARE(withoutReturnPath("\r\nReturn-Path: <x>\r\n"), "\r\nReturn-Path: <x>\r\n"_ba);
}

void TestOutboundContent::dotStuffing_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("plain") << "a\r\nb\r\n"_ba
                           << "a\r\nb\r\n.\r\n"_ba;
    QTest::newRow("leading dots") << ".a\r\n..b\r\nc.\r\n"_ba
                                  << "..a\r\n...b\r\nc.\r\n.\r\n"_ba;
    QTest::newRow("a lone dot line") << "x\r\n.\r\ny\r\n"_ba
                                     << "x\r\n..\r\ny\r\n.\r\n"_ba;
    QTest::newRow("no final line end") << "x"_ba
                                       << "x\r\n.\r\n"_ba;
    QTest::newRow("bare LF and CR become CRLF") << "a\nb\rc\r\n"_ba
                                                << "a\r\nb\r\nc\r\n.\r\n"_ba;
    QTest::newRow("bare LF then a dot") << "a\n.b\n"_ba
                                        << "a\r\n..b\r\n.\r\n"_ba;
    QTest::newRow("empty") << QByteArray() << ".\r\n"_ba;
}

void TestOutboundContent::dotStuffing() {
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, wire);
    QCOMPARE(dotStuffed(message), wire);
}

void TestOutboundContent::eightBit() {
    QVERIFY(hasEightBitBody("Subject: x\r\n\r\ncaf\xc3\xa9\r\n"_ba));
    QVERIFY(!hasEightBitHeaders("Subject: x\r\n\r\ncaf\xc3\xa9\r\n"_ba));
    QVERIFY(hasEightBitHeaders("Subject: caf\xc3\xa9\r\n\r\nplain\r\n"_ba));
    QVERIFY(!hasEightBitBody("Subject: caf\xc3\xa9\r\n\r\nplain\r\n"_ba));
    QCOMPARE(headerBlock("A: 1\r\nB: 2\r\n\r\nbody\r\n", 1000), "A: 1\r\nB: 2\r\n\r\n"_ba);
    QCOMPARE(headerBlock("A: 1\r\nB: 2\r\n\r\nbody\r\n", 4), "A: 1"_ba);
}

void TestOutboundContent::quotedPrintableRules() {
    QCOMPARE(quotedPrintable("caf\xc3\xa9 = ok\r\n"), "caf=C3=A9 =3D ok\r\n"_ba);
    // Rule 3: trailing white space is encoded.
    QCOMPARE(quotedPrintable("a \r\nb\t\r\n"), "a=20\r\nb=09\r\n"_ba);
    // Rule 5: lines stay within 76 characters, and decoding restores them.
    const QByteArray longLine = QByteArray(100, 'x') + QByteArray(40, '\xe9') + "\r\nend\r\n";
    const QByteArray encoded = quotedPrintable(longLine);
    for (const QByteArray &line : encoded.split('\n'))
        QVERIFY2(line.size() <= 77, line.constData()); // 76 + the CR
    QCOMPARE(decodeQp(encoded), longLine);
}

void TestOutboundContent::conversion() {
    const QByteArray message = "From: a@b.test\r\nContent-Type: text/plain; charset=utf-8\r\n"
                               "Content-Transfer-Encoding: 8bit\r\n\r\nGr\xc3\xbc\xc3\x9f"
                               "e\r\n.dot\r\n"_ba;
    const SevenBitConversion converted = convertToSevenBit(message);
    QVERIFY2(converted.ok, qPrintable(converted.error));
    QVERIFY(!hasEightBitBody(converted.message));
    QVERIFY(converted.message.contains("Content-Transfer-Encoding: quoted-printable\r\n"));
    QVERIFY(!converted.message.contains("8bit"));
    QVERIFY(converted.message.contains("From: a@b.test\r\n"));
    const qsizetype body = converted.message.indexOf("\r\n\r\n") + 4;
    QCOMPARE(decodeQp(converted.message.mid(body)), "Gr\xc3\xbc\xc3\x9f"
                                                    "e\r\n.dot\r\n"_ba);

    // Without the field the body claimed 7bit; the field is added.
    const SevenBitConversion added = convertToSevenBit("Subject: x\r\n\r\n\xe9\r\n");
    QVERIFY(added.ok);
    QCOMPARE(added.message,
             "Subject: x\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=E9\r\n"_ba);
}

void TestOutboundContent::conversionRefused_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("multipart") << "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\n"
                                  "\xe9\r\n--x--\r\n"_ba;
    QTest::newRow("8-bit header") << "Subject: \xe9\r\n\r\n\xe9\r\n"_ba;
    QTest::newRow("binary") << "Content-Transfer-Encoding: binary\r\n\r\n\xe9\r\n"_ba;
}

void TestOutboundContent::conversionRefused() {
    QFETCH(QByteArray, message);
    const SevenBitConversion converted = convertToSevenBit(message);
    QVERIFY(!converted.ok);
    QVERIFY(!converted.error.isEmpty());
}

QTEST_APPLESS_MAIN(TestOutboundContent)
#include "tst_outboundcontent.moc"
