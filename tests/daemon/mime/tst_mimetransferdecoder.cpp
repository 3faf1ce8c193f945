// tst_mimetransferdecoder.cpp - quoted-printable and base64, streaming
//
// Covers daemon/mime/MimeTransferDecoder: RFC 2045 section 6.7 (escapes,
// soft line breaks, trailing whitespace), section 6.8 (base64 alphabet,
// padding, ignored characters), identity encodings, unknown encodings,
// and the tolerance real mail needs. Every case is fed whole, byte by
// byte and split at every position, and must decode the same.

#include "mime/MimeTransferDecoder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::mime;

namespace {

QByteArray decodeInPieces(const QByteArray &encoding, const QByteArray &input,
                          const QList<qsizetype> &cuts) {
    MimeTransferDecoder decoder{QByteArrayView(encoding)};
    QByteArray out;
    qsizetype from = 0;
    QList<qsizetype> ends = cuts;
    ends.append(input.size());
    for (const qsizetype to : ends) {
        decoder.feed(QByteArrayView(input).sliced(from, to - from), out);
        from = to;
    }
    decoder.finish(out);
    return out;
}

} // namespace

class TestMimeTransferDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decode_data();
    void decode();
    void knownEncodings();
    void largeBodyIsLinear();
};

void TestMimeTransferDecoder::decode_data() {
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray qp = "quoted-printable";
    QTest::newRow("qp escapes") << qp << QByteArray("Gr=C3=BC=C3=9Fe")
                                << QByteArray("Gr\xc3\xbc\xc3\x9f"
                                              "e");
    QTest::newRow("qp lowercase hex") << qp << QByteArray("=c3=bc") << QByteArray("\xc3\xbc");
    QTest::newRow("qp soft break crlf")
        << qp << QByteArray("ei=\r\nnem\r\n") << QByteArray("einem\r\n");
    QTest::newRow("qp soft break lf") << qp << QByteArray("ei=\nnem") << QByteArray("einem");
    QTest::newRow("qp soft break with padding")
        << qp << QByteArray("a= \t\r\nb") << QByteArray("ab");
    QTest::newRow("qp trailing whitespace dropped")
        << qp << QByteArray("a  \r\nb\t\nc ") << QByteArray("a\r\nb\nc");
    QTest::newRow("qp inner whitespace kept")
        << qp << QByteArray("a  b\t=20c") << QByteArray("a  b\t c");
    QTest::newRow("qp encoded trailing space kept")
        << qp << QByteArray("a=20\r\n") << QByteArray("a \r\n");
    QTest::newRow("qp bad escape kept") << qp << QByteArray("a=ZZb=4") << QByteArray("a=ZZb=4");
    QTest::newRow("qp equals then text") << qp << QByteArray("1 = 2") << QByteArray("1 = 2");
    QTest::newRow("qp equals space text") << qp << QByteArray("=  x") << QByteArray("=  x");
    QTest::newRow("qp half escape then text") << qp << QByteArray("=4x") << QByteArray("=4x");
    QTest::newRow("qp lone equals at end") << qp << QByteArray("abc=") << QByteArray("abc");
    QTest::newRow("qp soft break at cr end") << qp << QByteArray("abc=\r") << QByteArray("abc");
    QTest::newRow("qp cr then text after soft break")
        << qp << QByteArray("a=\rb") << QByteArray("ab");
    QTest::newRow("qp 8-bit passes") << qp << QByteArray("caf\xe9") << QByteArray("caf\xe9");
    QTest::newRow("qp empty") << qp << QByteArray() << QByteArray();

    const QByteArray b64 = "BASE64";
    QTest::newRow("b64") << b64 << QByteArray("SGVsbG8sIHdvcmxkIQ==")
                         << QByteArray("Hello, world!");
    QTest::newRow("b64 lines") << b64 << QByteArray("SGVs\r\nbG8s\r\nIHdv\ncmxk\r\nIQ==\r\n")
                               << QByteArray("Hello, world!");
    QTest::newRow("b64 garbage ignored") << b64 << QByteArray("SG*V$s bG8!") << QByteArray("Hello");
    QTest::newRow("b64 no padding") << b64 << QByteArray("SGk") << QByteArray("Hi");
    QTest::newRow("b64 one padding") << b64 << QByteArray("SGk=") << QByteArray("Hi");
    QTest::newRow("b64 concatenated blocks") << b64 << QByteArray("SGk=SGk=") << QByteArray("HiHi");
    QTest::newRow("b64 lone sextet dropped") << b64 << QByteArray("SGVsbA") << QByteArray("Hell");
    QTest::newRow("b64 binary") << b64 << QByteArray("AAECA/8=")
                                << QByteArray("\x00\x01\x02\x03\xff", 5);

    QTest::newRow("7bit") << QByteArray("7bit") << QByteArray("a=20\r\n") << QByteArray("a=20\r\n");
    QTest::newRow("missing") << QByteArray() << QByteArray("a=20") << QByteArray("a=20");
    QTest::newRow("unknown passes")
        << QByteArray("x-uuencode") << QByteArray("begin 644") << QByteArray("begin 644");
}

void TestMimeTransferDecoder::decode() {
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(decodeInPieces(encoding, input, {}), expected);
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < input.size(); ++i)
        everyByte.append(i);
    QCOMPARE(decodeInPieces(encoding, input, everyByte), expected);
    for (qsizetype cut = 1; cut < input.size(); ++cut)
        QCOMPARE(decodeInPieces(encoding, input, {cut}), expected);
    QCOMPARE(decodeTransferEncoding(input, encoding), expected);
}

void TestMimeTransferDecoder::knownEncodings() {
    QVERIFY(MimeTransferDecoder(QByteArrayView("Quoted-Printable")).isKnown());
    QCOMPARE(MimeTransferDecoder(QByteArrayView(" base64 ")).encoding(),
             MimeTransferDecoder::Encoding::Base64);
    QVERIFY(MimeTransferDecoder(QByteArrayView("8BIT")).isKnown());
    QVERIFY(MimeTransferDecoder(QByteArrayView("binary")).isKnown());
    QVERIFY(MimeTransferDecoder(QByteArrayView()).isKnown());
    QVERIFY(!MimeTransferDecoder(QByteArrayView("x-uuencode")).isKnown());
}

// Byte-by-byte feeding of a large body completes: output grows
// geometrically, held state stays small (no timing asserted).
void TestMimeTransferDecoder::largeBodyIsLinear() {
    QByteArray qp;
    for (int i = 0; i < 20000; ++i)
        qp += "Line with =C3=A9 and a soft=\r\n break   \r\n";
    MimeTransferDecoder decoder(MimeTransferDecoder::Encoding::QuotedPrintable);
    QByteArray out;
    for (const char c : std::as_const(qp))
        decoder.feed(QByteArrayView(&c, 1), out);
    decoder.finish(out);
    QCOMPARE(out, decodeTransferEncoding(qp, "quoted-printable"));
    QCOMPARE(out.size(), qsizetype(20000) * 31);
}

QTEST_GUILESS_MAIN(TestMimeTransferDecoder)
#include "tst_mimetransferdecoder.moc"
