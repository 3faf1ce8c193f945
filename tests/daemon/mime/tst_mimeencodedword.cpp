// tst_mimeencodedword.cpp - RFC 2047 encoded words and charsets
//
// Covers daemon/mime/MimeEncodedWord and MimeCharset: the examples of RFC
// 2047 section 8 (whitespace between adjacent encoded words is dropped,
// '_' is a space in Q), B and Q in the charsets mail uses (utf-8,
// iso-8859-*, windows-125x, koi8-r, gb2312/gbk, big5, shift_jis, euc-jp,
// iso-2022-jp), a character split between two words, the RFC 2231
// language suffix, unknown charsets (Latin-1, flagged), malformed words
// (left as written) and raw 8-bit header text (UTF-8, else windows-1252).

#include "mime/MimeEncodedWord.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::mime;

class TestMimeEncodedWord : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decode_data();
    void decode();
    void charsetDecoderStreams();
};

void TestMimeEncodedWord::decode_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("unknownCharset");

    // RFC 2047 section 8
    QTest::newRow("8: a") << QByteArray("(=?ISO-8859-1?Q?a?=)") << u"(a)"_s << false;
    QTest::newRow("8: a b") << QByteArray("(=?ISO-8859-1?Q?a?= b)") << u"(a b)"_s << false;
    QTest::newRow("8: ab") << QByteArray("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)") << u"(ab)"_s
                           << false;
    QTest::newRow("8: ab two spaces")
        << QByteArray("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)") << u"(ab)"_s << false;
    QTest::newRow("8: ab folded") << QByteArray("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)")
                                  << u"(ab)"_s << false;
    QTest::newRow("8: a_b") << QByteArray("(=?ISO-8859-1?Q?a_b?=)") << u"(a b)"_s << false;
    QTest::newRow("8: two charsets")
        << QByteArray("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)") << u"(a b)"_s << false;
    QTest::newRow("8: Keith Moore")
        << QByteArray("=?US-ASCII?Q?Keith_Moore?=") << u"Keith Moore"_s << false;
    QTest::newRow("8: Keld") << QByteArray("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=")
                             << u"Keld Jørn Simonsen"_s << false;
    QTest::newRow("8: Andre") << QByteArray("=?ISO-8859-1?Q?Andr=E9?= Pirard") << u"André Pirard"_s
                              << false;
    QTest::newRow("8: subject B")
        << QByteArray("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n"
                      "    =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=")
        << u"If you can read this you understand the example."_s << false;
    QTest::newRow("8: Olle") << QByteArray("=?ISO-8859-1?Q?Olle_J=E4rnefors?=")
                             << u"Olle Järnefors"_s << false;
    QTest::newRow("8: hebrew comment")
        << QByteArray("Nathaniel Borenstein (=?iso-8859-8?b?7eXs+SDv4SDp7Oj08A==?=)")
        << u"Nathaniel Borenstein (םולש ןב ילטפנ)"_s << false;

    // charsets
    QTest::newRow("utf-8 B") << QByteArray("=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?=") << u"Jürgen Müller"_s
                             << false;
    QTest::newRow("utf-8 q lowercase")
        << QByteArray("=?utf-8?q?Gr=c3=bc=C3=9Fe?=") << u"Grüße"_s << false;
    QTest::newRow("koi8-r") << QByteArray("=?koi8-r?B?8NLJ18XU?=") << u"Привет"_s << false;
    QTest::newRow("windows-1251") << QByteArray("=?windows-1251?B?z/Do4uXy?=") << u"Привет"_s
                                  << false;
    QTest::newRow("iso-8859-2") << QByteArray("=?iso-8859-2?B?o/NkvA==?=") << u"Łódź"_s << false;
    QTest::newRow("iso-8859-15") << QByteArray("=?iso-8859-15?B?pA==?=") << u"€"_s << false;
    QTest::newRow("windows-1252") << QByteArray("=?windows-1252?Q?=80?=") << u"€"_s << false;
    QTest::newRow("gb2312 as gbk") << QByteArray("=?gb2312?B?xOO6ww==?=") << u"你好"_s << false;
    QTest::newRow("gbk") << QByteArray("=?GBK?B?xOO6ww==?=") << u"你好"_s << false;
    QTest::newRow("big5") << QByteArray("=?big5?B?p0Gmbg==?=") << u"你好"_s << false;
    QTest::newRow("shift_jis") << QByteArray("=?shift_jis?B?grGC8YLJgr+CzQ==?=") << u"こんにちは"_s
                               << false;
    QTest::newRow("euc-jp") << QByteArray("=?euc-jp?B?pLOk86TLpMGkzw==?=") << u"こんにちは"_s
                            << false;
    QTest::newRow("iso-2022-jp") << QByteArray("=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=")
                                 << u"こんにちは"_s << false;
    QTest::newRow("character split between words")
        << QByteArray("=?utf-8?B?w6k=?= =?utf-8?B?4oI=?= =?utf-8?B?rA==?=") << u"é€"_s << false;
    QTest::newRow("rfc 2231 language")
        << QByteArray("=?US-ASCII*EN?Q?Keith_Moore?=") << u"Keith Moore"_s << false;
    QTest::newRow("B without padding") << QByteArray("=?utf-8?B?w6k?=") << u"é"_s << false;
    QTest::newRow("adjacent to text")
        << QByteArray("Re:=?utf-8?q?caf=C3=A9?=!") << u"Re:café!"_s << false;
    QTest::newRow("text between words kept")
        << QByteArray("=?utf-8?q?a?= and =?utf-8?q?b?=") << u"a and b"_s << false;

    // unknown charsets: bytes kept as Latin-1, flagged
    QTest::newRow("unknown charset") << QByteArray("=?x-klingon?Q?caf=E9?=") << u"café"_s << true;
    QTest::newRow("bad charset name") << QByteArray("=?ut\"f?Q?a?=") << u"a"_s << true;

    // not encoded words: left as written
    QTest::newRow("plain") << QByteArray("Hello world") << u"Hello world"_s << false;
    QTest::newRow("unknown encoding")
        << QByteArray("=?utf-8?X?abc?=") << u"=?utf-8?X?abc?="_s << false;
    QTest::newRow("unterminated") << QByteArray("=?utf-8?Q?abc") << u"=?utf-8?Q?abc"_s << false;
    QTest::newRow("space inside") << QByteArray("=?utf-8?Q?a b?=") << u"=?utf-8?Q?a b?="_s << false;
    QTest::newRow("empty charset") << QByteArray("=??Q?a?=") << u"=??Q?a?="_s << false;
    QTest::newRow("bad hex kept") << QByteArray("=?utf-8?Q?a=ZZ?=") << u"a=ZZ"_s << false;

    // raw 8-bit header text (RFC 6532), or legacy windows-1252
    QTest::newRow("raw utf-8") << QByteArray("Gr\xc3\xbc\xc3\x9f"
                                             "e")
                               << u"Grüße"_s << false;
    QTest::newRow("raw latin-1") << QByteArray("Caf\xe9 \x80") << u"Café €"_s << false;
}

void TestMimeEncodedWord::decode() {
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QFETCH(bool, unknownCharset);
    const DecodedText decoded = decodeEncodedWords(input);
    QCOMPARE(decoded.text, expected);
    QCOMPARE(decoded.unknownCharset, unknownCharset);
}

// A multibyte character cut between chunks decodes the same.
void TestMimeEncodedWord::charsetDecoderStreams() {
    const struct {
        const char *charset;
        QByteArray bytes;
        QString text;
    } cases[] = {
        {"utf-8",
         "Gr\xc3\xbc\xc3\x9f"
         "e \xe2\x82\xac",
         u"Grüße €"_s},
        {"shift_jis", QByteArray::fromBase64("grGC8YLJgr+CzQ=="), u"こんにちは"_s},
        {"iso-2022-jp", QByteArray::fromBase64("GyRCJDMkcyRLJEEkTxsoQg=="), u"こんにちは"_s},
        {"gbk", QByteArray::fromBase64("xOO6ww=="), u"你好"_s},
    };
    for (const auto &c : cases) {
        QCOMPARE(decodeCharset(c.bytes, c.charset).text, c.text);
        CharsetDecoder decoder(c.charset);
        QVERIFY(decoder.isKnown());
        QString out;
        for (const char byte : c.bytes)
            decoder.decode(QByteArrayView(&byte, 1), out);
        QCOMPARE(out, c.text);
    }
    const DecodedText unknown = decodeCharset("\xe9", "x-unknown");
    QVERIFY(unknown.unknownCharset);
    QCOMPARE(unknown.text, u"é"_s);
}

QTEST_GUILESS_MAIN(TestMimeEncodedWord)
#include "tst_mimeencodedword.moc"
