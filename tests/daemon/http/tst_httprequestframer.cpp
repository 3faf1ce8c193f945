// tst_httprequestframer.cpp - tables of request heads and the framer's verdict
//
// Covers daemon/http/HttpRequestFramer: where a request ends (header and
// Content-Length body, leading empty lines, LF-only lines), every refusal
// (400, 411, 413, 414, 431, 505) and the 100-continue flag. Each input is
// framed whole, and again fed byte by byte: every proper prefix of a valid
// request must be Incomplete, never Complete early nor an Error.

#include "http/HttpRequestFramer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::http;

namespace {

using Status = RequestFrame::Status;

QByteArray repeated(char c, qsizetype n) {
    return QByteArray(n, c);
}

} // namespace

class TestHttpRequestFramer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void complete_data();
    void complete();
    void refused_data();
    void refused();
    void limitsAreTheirOwn();
    void expectContinue();
    void pipelinedBytesAreNotPartOfTheFrame();
};

void TestHttpRequestFramer::complete_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<qint64>("headerBytes");
    QTest::addColumn<qint64>("bodyBytes");

    const QByteArray get = "GET /healthz HTTP/1.1\r\nHost: a.example\r\n\r\n";
    QTest::newRow("get") << get << qint64(get.size()) << qint64(0);
    const QByteArray lf = "GET / HTTP/1.1\nHost: a.example\n\n";
    QTest::newRow("LF only") << lf << qint64(lf.size()) << qint64(0);
    const QByteArray http10 = "GET / HTTP/1.0\r\n\r\n";
    QTest::newRow("HTTP/1.0 without Host") << http10 << qint64(http10.size()) << qint64(0);
    const QByteArray leading = "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n";
    QTest::newRow("leading empty lines") << leading << qint64(leading.size()) << qint64(0);
    const QByteArray post = "POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: a\r\n"
                            "Content-Type: text/xml\r\nContent-Length: 5\r\n\r\n";
    QTest::newRow("post") << post + "hello" << qint64(post.size()) << qint64(5);
    const QByteArray listed = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\n";
    QTest::newRow("identical list") << listed + "abc" << qint64(listed.size()) << qint64(3);
    const QByteArray twice =
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\ncontent-length:2\r\n\r\n";
    QTest::newRow("identical twice") << twice + "ab" << qint64(twice.size()) << qint64(2);
    const QByteArray zero = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n";
    QTest::newRow("empty body") << zero << qint64(zero.size()) << qint64(0);
    const QByteArray unknownMethod = "BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n";
    QTest::newRow("unknown method is for the dispatcher")
        << unknownMethod << qint64(unknownMethod.size()) << qint64(0);
}

void TestHttpRequestFramer::complete() {
    QFETCH(QByteArray, request);
    QFETCH(qint64, headerBytes);
    QFETCH(qint64, bodyBytes);

    const RequestFrame whole = frameRequest(request);
    QVERIFY2(whole.isComplete(), qPrintable(whole.error));
    QCOMPARE(qint64(whole.headerBytes), headerBytes);
    QCOMPARE(whole.bodyBytes, bodyBytes);
    QCOMPARE(whole.frameBytes(), qint64(request.size()));

    for (qsizetype n = 0; n < request.size(); ++n) {
        const RequestFrame prefix = frameRequest(QByteArrayView(request).first(n));
        QVERIFY2(prefix.status == Status::Incomplete,
                 qPrintable(u"prefix of %1 octets: %2"_s.arg(n).arg(prefix.error)));
    }
}

void TestHttpRequestFramer::refused_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("bad method token") << QByteArray("G(T / HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("control in target")
        << QByteArray("GET /a\x01 HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    QTest::newRow("HTTP/0.9 style") << QByteArray("GET / HTTQ/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("missing Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two Hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n 2\r\n\r\n")
                              << 400;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << 400;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nbroken\r\n\r\n") << 400;
    QTest::newRow("bare CR in value")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n") << 400;
    QTest::newRow("content-length letters")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n") << 400;
    QTest::newRow("content-length negative")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("conflicting content-length")
        << QByteArray(
               "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
        << 400;
    QTest::newRow("conflicting list")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 2\r\n\r\n") << 400;
    QTest::newRow("TE and CL (smuggling)")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n")
        << 400;
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\n"
                                           "Transfer-Encoding: chunked\r\n\r\n")
                             << 411;
    QTest::newRow("body over the limit")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 65537\r\n\r\n") << 413;
    QTest::newRow("absurd content-length")
        << QByteArray(
               "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n")
        << 413;
    QTest::newRow("header over the limit, complete")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: " + repeated('a', 9000) + "\r\n\r\n") << 431;
    QTest::newRow("header over the limit, unfinished")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: " + repeated('a', 9000)) << 431;
    QTest::newRow("request line over the limit")
        << QByteArray("GET /" + repeated('a', 9000)) << 414;
    QTest::newRow("request line over the limit, complete")
        << QByteArray("GET /" + repeated('a', 9000) + " HTTP/1.1\r\nHost: a\r\n\r\n") << 414;
    QTest::newRow("leading whitespace counts")
        << QByteArray(repeated('\n', 9000) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n") << 431;
    QByteArray manyFields = "GET / HTTP/1.1\r\nHost: a\r\n";
    for (int i = 0; i < maxRequestHeaderFields; ++i)
        manyFields += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("too many fields") << QByteArray(manyFields + "\r\n") << 431;
}

void TestHttpRequestFramer::refused() {
    QFETCH(QByteArray, request);
    QFETCH(int, status);

    const RequestFrame whole = frameRequest(request);
    QVERIFY(whole.isError());
    QCOMPARE(whole.errorStatus, status);
    QVERIFY(!whole.error.isEmpty());

    // Fed byte by byte, the verdict comes no later than the whole input,
    // and is never Complete on the way.
    bool refusedOnTheWay = false;
    for (qsizetype n = 1; n <= request.size() && !refusedOnTheWay; ++n) {
        const RequestFrame prefix = frameRequest(QByteArrayView(request).first(n));
        QVERIFY(!prefix.isComplete());
        if (prefix.isError()) {
            QCOMPARE(prefix.errorStatus, status);
            refusedOnTheWay = true;
        }
    }
    QVERIFY(refusedOnTheWay);
}

void TestHttpRequestFramer::limitsAreTheirOwn() {
    RequestLimits limits;
    limits.maxBodyBytes = 4;
    const QByteArray head = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n";
    QCOMPARE(frameRequest(head, limits).errorStatus, 413);
    limits.maxBodyBytes = 5;
    QVERIFY(frameRequest(QByteArray(head + "12345"), limits).isComplete());

    limits.maxHeaderFields = 1;
    QCOMPARE(frameRequest("GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n\r\n", limits).errorStatus, 431);
    limits.maxHeaderBytes = 20;
    QCOMPARE(frameRequest("GET / HTTP/1.1\r\nHost: a\r\n\r\n", limits).errorStatus, 431);
}

void TestHttpRequestFramer::expectContinue() {
    const QByteArray head = "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\n"
                            "Content-Length: 3\r\n\r\n";
    const RequestFrame waiting = frameRequest(head);
    QCOMPARE(waiting.status, Status::Incomplete);
    QVERIFY(waiting.expectContinue);
    QCOMPARE(qint64(waiting.headerBytes), qint64(head.size()));
    QVERIFY(frameRequest(QByteArray(head + "abc")).isComplete());

    // Without a body there is nothing to continue with.
    QVERIFY(
        !frameRequest("GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n").expectContinue);
}

void TestHttpRequestFramer::pipelinedBytesAreNotPartOfTheFrame() {
    const QByteArray first = "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n";
    const RequestFrame frame = frameRequest(QByteArray(first + "GET /other HTTP/1.1\r\n"));
    QVERIFY(frame.isComplete());
    QCOMPARE(frame.frameBytes(), qint64(first.size()));
}

QTEST_APPLESS_MAIN(TestHttpRequestFramer)
#include "tst_httprequestframer.moc"
