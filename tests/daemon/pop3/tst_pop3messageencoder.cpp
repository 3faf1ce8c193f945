// tst_pop3messageencoder.cpp - stored messages and the multi-line responses
// RETR and TOP make of them
//
// Covers daemon/pop3/Pop3MessageEncoder: LF and CRLF line ends, bare CRs,
// dot-stuffing (RFC 1939 section 3), a missing final line end, and TOP's
// header-plus-n-lines cut (section 7). Each case is fed whole, byte by
// byte, and in 3-octet pieces (a CRLF split across feeds).

#include "pop3/Pop3MessageEncoder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::pop3;

namespace {

QByteArray encode(const QByteArray &message, qint64 bodyLines, qsizetype step) {
    Pop3MessageEncoder encoder(bodyLines);
    QByteArray out;
    qsizetype position = 0;
    while (position < message.size()) {
        const qsizetype length =
            step > 0 ? std::min(step, message.size() - position) : message.size() - position;
        const bool more = encoder.feed(QByteArrayView(message).sliced(position, length), &out);
        position += length;
        if (!more)
            break;
    }
    encoder.finish(&out);
    return out;
}

} // namespace

class TestPop3MessageEncoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void encode_data();
    void encode();
    void topStopsReading();
};

void TestPop3MessageEncoder::encode_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<qint64>("bodyLines");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray lf = "Subject: hi\nFrom: a@b\n\nline 1\nline 2\nline 3\n"_ba;
    const QByteArray crlf = "Subject: hi\r\nFrom: a@b\r\n\r\nline 1\r\nline 2\r\nline 3\r\n"_ba;

    QTest::newRow("lf whole") << lf << qint64(-1) << crlf + ".\r\n";
    QTest::newRow("crlf whole") << crlf << qint64(-1) << crlf + ".\r\n";
    QTest::newRow("empty message") << ""_ba << qint64(-1) << ".\r\n"_ba;
    QTest::newRow("no final newline")
        << "A: b\n\nlast"_ba << qint64(-1) << "A: b\r\n\r\nlast\r\n.\r\n"_ba;
    QTest::newRow("final cr only")
        << "A: b\n\nlast\r"_ba << qint64(-1) << "A: b\r\n\r\nlast\r\n.\r\n"_ba;
    QTest::newRow("dot stuffing")
        << "A: b\n\n.\n..\n.hidden\nmid.dot\n. \n"_ba << qint64(-1)
        << "A: b\r\n\r\n..\r\n...\r\n..hidden\r\nmid.dot\r\n.. \r\n.\r\n"_ba;
    QTest::newRow("smuggled terminator") << "A: b\r\n\r\nx\r\n.\r\nQUIT\r\n"_ba << qint64(-1)
                                         << "A: b\r\n\r\nx\r\n..\r\nQUIT\r\n.\r\n"_ba;
    QTest::newRow("dot first line") << ".starts\n"_ba << qint64(-1) << "..starts\r\n.\r\n"_ba;
    QTest::newRow("bare cr kept") << "A: b\n\nx\ry\n"_ba << qint64(-1)
                                  << "A: b\r\n\r\nx\ry\r\n.\r\n"_ba;
    QTest::newRow("cr before dot")
        << "A: b\n\n\r.x\n"_ba << qint64(-1) << "A: b\r\n\r\n\r.x\r\n.\r\n"_ba;
    QTest::newRow("cr cr lf") << "A\r\r\n"_ba << qint64(-1) << "A\r\r\n.\r\n"_ba;
    QTest::newRow("blank lines in body")
        << "A: b\n\n\n\nz\n"_ba << qint64(-1) << "A: b\r\n\r\n\r\n\r\nz\r\n.\r\n"_ba;

    QTest::newRow("top 0") << lf << qint64(0) << "Subject: hi\r\nFrom: a@b\r\n\r\n.\r\n"_ba;
    QTest::newRow("top 2") << lf << qint64(2)
                           << "Subject: hi\r\nFrom: a@b\r\n\r\nline 1\r\nline 2\r\n.\r\n"_ba;
    QTest::newRow("top more than body") << crlf << qint64(10) << crlf + ".\r\n";
    QTest::newRow("top no body") << "A: b\nC: d\n"_ba << qint64(3) << "A: b\r\nC: d\r\n.\r\n"_ba;
    QTest::newRow("top counts blank body lines")
        << "A: b\n\n\n\nz\n"_ba << qint64(2) << "A: b\r\n\r\n\r\n\r\n.\r\n"_ba;
    QTest::newRow("top stuffs dots")
        << "A: b\n\n.x\n.y\n"_ba << qint64(1) << "A: b\r\n\r\n..x\r\n.\r\n"_ba;
    QTest::newRow("top body without final newline")
        << "A: b\n\nonly"_ba << qint64(5) << "A: b\r\n\r\nonly\r\n.\r\n"_ba;
}

void TestPop3MessageEncoder::encode() {
    QFETCH(QByteArray, message);
    QFETCH(qint64, bodyLines);
    QFETCH(QByteArray, expected);
    QCOMPARE(::encode(message, bodyLines, 0), expected);
    QCOMPARE(::encode(message, bodyLines, 1), expected);
    QCOMPARE(::encode(message, bodyLines, 3), expected);
}

void TestPop3MessageEncoder::topStopsReading() {
    Pop3MessageEncoder encoder(1);
    QByteArray out;
    QVERIFY(encoder.feed("A: b\n", &out));
    QVERIFY(encoder.wantsMore());
    // The first body line completes TOP 1: the rest is neither encoded nor
    // wanted, so the session stops reading the file.
    QVERIFY(!encoder.feed("\nfirst\nsecond\n", &out));
    QVERIFY(!encoder.wantsMore());
    QVERIFY(!encoder.feed("third\n", &out));
    encoder.finish(&out);
    QCOMPARE(out, "A: b\r\n\r\nfirst\r\n.\r\n"_ba);
}

QTEST_APPLESS_MAIN(TestPop3MessageEncoder)
#include "tst_pop3messageencoder.moc"
