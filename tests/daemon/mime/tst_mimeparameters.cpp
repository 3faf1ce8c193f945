// tst_mimeparameters.cpp - Content-Type, Content-Disposition, parameters
//
// Covers daemon/mime/MimeParameters: RFC 2045 section 5.1 (type/subtype,
// token and quoted-string values, comments), section 5.2 (defaults for
// an invalid field), the examples of RFC 2231 sections 3, 4 and 4.1
// (continuations, charset/language, percent-encoding, mixed sections),
// RFC 2183 (disposition), RFC 3282 (Content-Language) and what mail in
// the wild sends (tspecials in unquoted values, encoded words in quoted
// values, junk between parameters, sections out of order).

#include "mime/MimeParameters.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::mime;

namespace {

// "name=value" per parameter; extended ones "name*=charset'language'text".
QStringList describe(const QList<MimeParameter> &parameters) {
    QStringList out;
    for (const MimeParameter &p : parameters) {
        if (p.extended) {
            out.append(QString::fromUtf8(p.name) + u"*="_s + QString::fromUtf8(p.charset) + u'\'' +
                       QString::fromUtf8(p.language) + u'\'' + p.text);
        } else {
            out.append(QString::fromUtf8(p.name) + u'=' + p.text);
        }
    }
    return out;
}

} // namespace

class TestMimeParameters : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void contentType_data();
    void contentType();
    void rawValues();
    void disposition();
    void languages();
    void transferEncoding();
    void percentEncoding();
    void manyParameters();
};

void TestMimeParameters::contentType_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QStringList>("parameters");

    QTest::newRow("simple") << QByteArray("text/plain; charset=us-ascii") << u"text/plain"_s << true
                            << QStringList{u"charset=us-ascii"_s};
    QTest::newRow("quoted and comments")
        << QByteArray("text/plain (plain text) ; charset = \"utf-8\" (yes); format=flowed")
        << u"text/plain"_s << true << QStringList{u"charset=utf-8"_s, u"format=flowed"_s};
    QTest::newRow("case kept") << QByteArray("TEXT/HTML; CHARSET=UTF-8") << u"TEXT/HTML"_s << true
                               << QStringList{u"CHARSET=UTF-8"_s};
    QTest::newRow("unquoted tspecials")
        << QByteArray("multipart/alternative; boundary=----=_Part_0_1234.5678")
        << u"multipart/alternative"_s << true << QStringList{u"boundary=----=_Part_0_1234.5678"_s};
    QTest::newRow("escaped quote") << QByteArray("text/plain; name=\"a\\\"b\"") << u"text/plain"_s
                                   << true << QStringList{u"name=a\"b"_s};
    QTest::newRow("encoded word in quoted value")
        << QByteArray("application/pdf; name=\"=?UTF-8?B?4oKsLnBkZg==?=\"") << u"application/pdf"_s
        << true << QStringList{u"name=€.pdf"_s};
    QTest::newRow("junk skipped") << QByteArray("text/plain; junk; charset=utf-8 garbage; a=b")
                                  << u"text/plain"_s << true
                                  << QStringList{u"charset=utf-8"_s, u"a=b"_s};
    QTest::newRow("empty value") << QByteArray("text/plain; charset=") << u"text/plain"_s << true
                                 << QStringList{u"charset="_s};
    QTest::newRow("duplicate: first wins")
        << QByteArray("text/plain; a=1; A=2") << u"text/plain"_s << true << QStringList{u"a=1"_s};
    QTest::newRow("no subtype: defaults")
        << QByteArray("text; charset=utf-8") << u"text/plain"_s << false << QStringList{};
    QTest::newRow("garbage: defaults")
        << QByteArray("garbage") << u"text/plain"_s << false << QStringList{};
    QTest::newRow("empty: defaults") << QByteArray("") << u"text/plain"_s << false << QStringList{};

    // RFC 2231 section 3
    QTest::newRow("2231 continuations")
        << QByteArray("message/external-body; access-type=URL;\r\n"
                      " URL*0=\"ftp://\";\r\n"
                      " URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"")
        << u"message/external-body"_s << true
        << QStringList{u"access-type=URL"_s,
                       u"URL=ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"_s};
    // RFC 2231 section 4
    QTest::newRow("2231 charset and language")
        << QByteArray(
               "application/x-stuff;\r\n title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A")
        << u"application/x-stuff"_s << true
        << QStringList{u"title*=us-ascii'en-us'This is ***fun***"_s};
    // RFC 2231 section 4.1
    QTest::newRow("2231 mixed sections")
        << QByteArray("application/x-stuff;\r\n"
                      " title*0*=us-ascii'en'This%20is%20even%20more%20;\r\n"
                      " title*1*=%2A%2A%2Afun%2A%2A%2A%20;\r\n"
                      " title*2=\"isn't it!\"")
        << u"application/x-stuff"_s << true
        << QStringList{u"title*=us-ascii'en'This is even more ***fun*** isn't it!"_s};
    QTest::newRow("2231 utf-8 split character, out of order")
        << QByteArray("text/plain; name*1*=%AC.txt; name*0*=utf-8''%E2%82") << u"text/plain"_s
        << true << QStringList{u"name*=utf-8''€.txt"_s};
    QTest::newRow("2231 iso-8859-1")
        << QByteArray("text/plain; name*=iso-8859-1''caf%E9") << u"text/plain"_s << true
        << QStringList{u"name*=iso-8859-1''café"_s};
    QTest::newRow("2231 plain and extended are two parameters")
        << QByteArray("text/plain; name=\"a.txt\"; name*=utf-8''b.txt") << u"text/plain"_s << true
        << QStringList{u"name=a.txt"_s, u"name*=utf-8''b.txt"_s};
    QTest::newRow("2231 no quotes: all value")
        << QByteArray("text/plain; name*=abc%20d") << u"text/plain"_s << true
        << QStringList{u"name*=''abc d"_s};
    QTest::newRow("2231 unknown charset")
        << QByteArray("text/plain; name*=x-bogus''caf%E9") << u"text/plain"_s << true
        << QStringList{u"name*=x-bogus''café"_s};
    QTest::newRow("2231 repeated section: first wins")
        << QByteArray("text/plain; n*0=a; n*0=b; n*1=c") << u"text/plain"_s << true
        << QStringList{u"n=ac"_s};
    QTest::newRow("2231 huge section number") << QByteArray("text/plain; n*0=a; n*999999999=z")
                                              << u"text/plain"_s << true << QStringList{u"n=az"_s};
}

void TestMimeParameters::contentType() {
    QFETCH(QByteArray, input);
    QFETCH(QString, type);
    QFETCH(bool, valid);
    QFETCH(QStringList, parameters);
    const ContentType parsed = parseContentType(input);
    QCOMPARE(QString::fromUtf8(parsed.type + '/' + parsed.subtype), type);
    QCOMPARE(parsed.valid, valid);
    QCOMPARE(describe(parsed.parameters), parameters);
}

void TestMimeParameters::rawValues() {
    const ContentType type =
        parseContentType("text/plain; name*0*=utf-8''%E2%82; name*1*=%AC; charset=\"=?x?q?y?=\"");
    QCOMPARE(type.parameters.size(), 2);
    QCOMPARE(type.parameters.at(0).value, QByteArray("\xe2\x82\xac"));
    QVERIFY(!type.parameters.at(0).unknownCharset);
    QCOMPARE(type.parameters.at(1).value, QByteArray("=?x?q?y?="));
    QVERIFY(type.is("TEXT"));
    QVERIFY(type.is("text", "PLAIN"));
    QCOMPARE(findParameter(type.parameters, "CHARSET"), &type.parameters.at(1));
    QVERIFY(!findParameter(type.parameters, "boundary"));
}

void TestMimeParameters::disposition() {
    const auto attachment =
        parseContentDisposition("attachment; filename=\"report.pdf\"; size=24;\r\n "
                                "creation-date=\"Wed, 12 Feb 1997 16:29:51 -0500\"");
    QVERIFY(attachment);
    QCOMPARE(attachment->type, QByteArray("attachment"));
    QCOMPARE(describe(attachment->parameters),
             (QStringList{u"filename=report.pdf"_s, u"size=24"_s,
                          u"creation-date=Wed, 12 Feb 1997 16:29:51 -0500"_s}));
    const auto continued =
        parseContentDisposition("INLINE; filename*0=\"long\"; filename*1=\"name.txt\"");
    QVERIFY(continued);
    QCOMPARE(continued->type, QByteArray("INLINE"));
    QCOMPARE(describe(continued->parameters), QStringList{u"filename=longname.txt"_s});
    QVERIFY(!parseContentDisposition("; filename=x"));
    QVERIFY(!parseContentDisposition(""));
}

void TestMimeParameters::languages() {
    QCOMPARE(parseLanguageList("en"), QList<QByteArray>{"en"});
    QCOMPARE(parseLanguageList("en (English), fr , de-CH"),
             (QList<QByteArray>{"en", "fr", "de-CH"}));
    QCOMPARE(parseLanguageList(" , en junk, ,"), QList<QByteArray>{"en"});
    QVERIFY(parseLanguageList("").isEmpty());
}

void TestMimeParameters::transferEncoding() {
    QCOMPARE(parseTransferEncoding(" Quoted-Printable (comment)"), QByteArray("Quoted-Printable"));
    QCOMPARE(parseTransferEncoding("base64"), QByteArray("base64"));
    QVERIFY(parseTransferEncoding("").isEmpty());
}

void TestMimeParameters::percentEncoding() {
    QCOMPARE(percentEncode("isn't it! \xe2\x82\xac*%"),
             QByteArray("isn%27t%20it!%20%E2%82%AC%2A%25"));
}

// A header-sized list of parameters (what maxHeaderBytes lets through)
// parses in one pass; counts checked, no timing asserted.
void TestMimeParameters::manyParameters() {
    QByteArray value = "text/plain";
    for (int i = 0; i < 40000; ++i)
        value += "; p" + QByteArray::number(i) + "*" + QByteArray::number(i % 3) + "=v";
    const ContentType type = parseContentType(value);
    QCOMPARE(type.parameters.size(), 40000);
    QCOMPARE(type.parameters.back().value, QByteArray("v"));
}

QTEST_GUILESS_MAIN(TestMimeParameters)
#include "tst_mimeparameters.moc"
