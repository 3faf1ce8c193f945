// tst_mimetext.cpp - decoded text for search: HTML to text, parts, headers
//
// Covers daemon/mime/HtmlTextExtractor (tags, attributes with '>', script
// and style skipped, comments, character references, block elements to
// line breaks; each case fed whole, character by character and split at
// every position) and daemon/mime/MimeText (transfer encoding + charset +
// HTML per part, encoded words in headers, the maxDecodedText limit, a
// large body).

#include "mime/HtmlTextExtractor.h"
#include "mime/MimeParser.h"
#include "mime/MimeText.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::mime;

namespace {

QString extractInPieces(const QString &html, const QList<qsizetype> &cuts) {
    HtmlTextExtractor extractor;
    QString out;
    qsizetype from = 0;
    QList<qsizetype> ends = cuts;
    ends.append(html.size());
    for (const qsizetype to : ends) {
        extractor.feed(QStringView(html).sliced(from, to - from), out);
        from = to;
    }
    extractor.finish(out);
    return out;
}

QByteArray samplePath(const char *name) {
    return qgetenv("MAILSTEAD_SOURCE_DIR") + "/tests/daemon/mime/messages/" + name;
}

QByteArray readSample(const char *name) {
    QFile file(QString::fromLocal8Bit(samplePath(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestMimeText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void html_data();
    void html();
    void messageText();
    void partText();
    void limit();
    void largeBody();
};

void TestMimeText::html_data() {
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("expected");

    QTest::newRow("tags") << u"<b>bold</b> and <i>it</i>"_s << u"bold and it"_s;
    QTest::newRow("blocks") << u"<p>one</p><p>two<br>three</p><div>four</div>"_s
                            << u"one\ntwo\nthree\nfour"_s;
    QTest::newRow("cells") << u"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"_s
                           << u"a b\nc"_s;
    QTest::newRow("script and style")
        << u"<style>p {color: red}</style>x<script>if (a < b) alert('</p>')</script>y"_s << u"xy"_s;
    QTest::newRow("script end tag case") << u"a<SCRIPT type=x>1</ScRiPt >b"_s << u"ab"_s;
    QTest::newRow("script not closed") << u"a<script>never closed"_s << u"a"_s;
    QTest::newRow("attribute with >") << u"<a href=\"x>y\" title='>'>link</a>"_s << u"link"_s;
    QTest::newRow("comment") << u"a<!-- <p>hidden</p> -- > still -->b"_s << u"ab"_s;
    QTest::newRow("doctype") << u"<!DOCTYPE html><html><body>text</body></html>"_s << u"text"_s;
    QTest::newRow("entities") << u"A &amp; B &lt;3 &quot;q&quot; &#233; &#x20AC; &nbsp;x"_s
                              << u"A & B <3 \"q\" é € x"_s;
    QTest::newRow("unknown entity kept") << u"&bogus; &amp &"_s << u"&bogus; &amp &"_s;
    QTest::newRow("bad numeric entity")
        << u"&#0; &#xD800; &#99999999999;"_s << u"\uFFFD \uFFFD \uFFFD"_s;
    QTest::newRow("lone less-than") << u"1 < 2 and 3 <4"_s << u"1 < 2 and 3 <4"_s;
    QTest::newRow("whitespace collapsed") << u"  a \n\n  b\t\tc  "_s << u"a\nb c"_s;
    QTest::newRow("unclosed tag at end") << u"text<span"_s << u"text"_s;
    QTest::newRow("less-than at end") << u"text<"_s << u"text<"_s;
    QTest::newRow("head title kept")
        << u"<head><title>T</title></head><body>B</body>"_s << u"T\nB"_s;
}

void TestMimeText::html() {
    QFETCH(QString, html);
    QFETCH(QString, expected);
    QCOMPARE(extractInPieces(html, {}), expected);
    QList<qsizetype> every;
    for (qsizetype i = 1; i < html.size(); ++i)
        every.append(i);
    QCOMPARE(extractInPieces(html, every), expected);
    for (qsizetype cut = 1; cut < html.size(); ++cut)
        QCOMPARE(extractInPieces(html, {cut}), expected);
}

void TestMimeText::messageText() {
    const QByteArray input = readSample("alternative.eml");
    QVERIFY(!input.isEmpty());
    const MessageText text = extractText(input, parseMessage(input));
    QCOMPARE(text.body,
             u"Grüße aus München! Dies ist eine sehr lange Zeile, die mit einem weichen Umbruch "
             "fortgesetzt wird.\n\nGrüße aus München!\nA & B <3"_s);
    QVERIFY(text.headers.contains(u"From: Jürgen Müller <juergen@example.de>\n"_s));
    QVERIFY(text.headers.contains(u"To: André Pirard <PIRARD@vm1.ulg.ac.be>\n"_s));
    QVERIFY(text.headers.contains(u"Subject: Grüße aus München\n"_s));
    QVERIFY(!text.truncated);
    QVERIFY(!text.unknownCharset);

    // the encapsulated message's header and text parts are included
    const QByteArray nested = readSample("nested-rfc822.eml");
    const MessageText nestedText = extractText(nested, parseMessage(nested));
    QCOMPARE(nestedText.body, u"See below.\n\nFriday works.\n\nFriday works."_s);
    QVERIFY(nestedText.headers.contains(u"Subject: Fwd: Lunch\n"_s));
    QVERIFY(nestedText.headers.contains(u"Subject: Lunch\n"_s));

    // attachments that are not text are skipped
    const QByteArray mixed = readSample("mixed-attachment.eml");
    QCOMPARE(extractText(mixed, parseMessage(mixed)).body, u"Please find the report attached."_s);
}

void TestMimeText::partText() {
    const QByteArray input =
        "Content-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        "8NLJ18XU\r\n";
    const MimeMessage message = parseMessage(input);
    const DecodedText text = decodePartText(input, message.root());
    QCOMPARE(text.text, u"Привет"_s);
    QVERIFY(!text.unknownCharset);

    const QByteArray unknown = "Content-Type: text/plain; charset=x-martian\r\n\r\ncaf\xe9";
    const DecodedText latin1 = decodePartText(unknown, parseMessage(unknown).root());
    QCOMPARE(latin1.text, u"café"_s);
    QVERIFY(latin1.unknownCharset);

    const QByteArray noCharset = "Subject: x\r\n\r\nGr\xc3\xbc\xc3\x9f"
                                 "e";
    QCOMPARE(decodePartText(noCharset, parseMessage(noCharset).root()).text, u"Grüße"_s);
    QCOMPARE(decodeHeaderValue(" =?utf-8?q?a?=\r\n =?utf-8?q?b?= c"), u"ab c"_s);
}

void TestMimeText::limit() {
    const QByteArray input = "Subject: x\r\n\r\n" + QByteArray(1000, 'a');
    MimeLimits limits;
    limits.maxDecodedText = 100;
    const MessageText text = extractText(input, parseMessage(input, limits), limits);
    QCOMPARE(text.body.size(), 100);
    QVERIFY(text.truncated);
}

// A 4 MiB quoted-printable HTML body decodes in one linear pass (no
// timing asserted; a quadratic decoder would not finish in the test's time).
void TestMimeText::largeBody() {
    QByteArray input = "Content-Type: text/html; charset=utf-8\r\n"
                       "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    const QByteArray line = "<p>caf=C3=A9 &amp; cr=C3=A8me <b>br=C3=BBl=C3=A9e</b></p>=\r\n";
    const int lines = 4 * 1024 * 1024 / int(line.size());
    input.reserve(input.size() + lines * line.size());
    for (int i = 0; i < lines; ++i)
        input += line;
    const MimeMessage message = parseMessage(input);
    const DecodedText text = decodePartText(input, message.root());
    QVERIFY(text.text.startsWith(u"café & crème brûlée\ncafé"_s));
    QCOMPARE(text.text.count(u"brûlée"_s), lines);
}

QTEST_GUILESS_MAIN(TestMimeText)
#include "tst_mimetext.moc"
