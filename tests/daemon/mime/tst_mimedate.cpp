// tst_mimedate.cpp - Date values and Message-ID lists
//
// Covers daemon/mime/MimeDate (RFC 5322 section 3.3 and the obsolete
// forms of section 4.3, including appendix A.6.2 and A.6.3) and
// daemon/mime/MimeMessageId (RFC 5322 section 3.6.4, obsolete forms of
// section 4.5.4, appendix A.6.3).

#include "mime/MimeDate.h"
#include "mime/MimeMessageId.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::mime;

class TestMimeDate : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void date_data();
    void date();
    void messageIds_data();
    void messageIds();
};

void TestMimeDate::date_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected"); // ISO 8601 with offset; empty: invalid

    QTest::newRow("A.1.1") << QByteArray("Fri, 21 Nov 1997 09:55:06 -0600")
                           << u"1997-11-21T09:55:06-06:00"_s;
    QTest::newRow("A.1.3 -0330") << QByteArray("Thu, 13 Feb 1969 23:32:54 -0330")
                                 << u"1969-02-13T23:32:54-03:30"_s;
    QTest::newRow("A.5 folded with comment")
        << QByteArray("Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n"
                      "               -0330 (Newfoundland Time)")
        << u"1969-02-13T23:32:00-03:30"_s;
    QTest::newRow("A.6.2 two-digit year GMT")
        << QByteArray("21 Nov 97 09:55:06 GMT") << u"1997-11-21T09:55:06Z"_s;
    QTest::newRow("A.6.3 comments and spaces")
        << QByteArray("Fri, 21 Nov 1997 09(comment):   55  :  06 -0600")
        << u"1997-11-21T09:55:06-06:00"_s;
    QTest::newRow("year 2049") << QByteArray("1 Jan 49 00:00 +0000") << u"2049-01-01T00:00:00Z"_s;
    QTest::newRow("three-digit year")
        << QByteArray("1 Jan 103 00:00 +0000") << u"2003-01-01T00:00:00Z"_s;
    QTest::newRow("EDT") << QByteArray("Mon, 1 Jul 2024 12:00:00 EDT")
                         << u"2024-07-01T12:00:00-04:00"_s;
    QTest::newRow("military zone is -0000")
        << QByteArray("1 Jul 2024 12:00:00 A") << u"2024-07-01T12:00:00Z"_s;
    QTest::newRow("no zone") << QByteArray("1 Jul 2024 12:00:00") << u"2024-07-01T12:00:00Z"_s;
    QTest::newRow("no seconds, no comma")
        << QByteArray("Tue 12 Mar 2024 10:15 +0100") << u"2024-03-12T10:15:00+01:00"_s;
    QTest::newRow("full month name")
        << QByteArray("12 March 2024 10:15:00 +0100") << u"2024-03-12T10:15:00+01:00"_s;
    QTest::newRow("leap second") << QByteArray("31 Dec 2016 23:59:60 +0000")
                                 << u"2016-12-31T23:59:59Z"_s;
    QTest::newRow("asctime") << QByteArray("Tue Mar 12 10:15:00 2024") << u"2024-03-12T10:15:00Z"_s;
    QTest::newRow("bad day") << QByteArray("31 Feb 2024 10:00 +0000") << QString();
    QTest::newRow("bad hour") << QByteArray("1 Feb 2024 25:00 +0000") << QString();
    QTest::newRow("bad zone") << QByteArray("1 Feb 2024 10:00 +9999") << QString();
    QTest::newRow("no time") << QByteArray("1 Feb 2024") << QString();
    QTest::newRow("garbage") << QByteArray("yesterday") << QString();
    QTest::newRow("huge number") << QByteArray("99999999999 Feb 2024 10:00") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestMimeDate::date() {
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    const QDateTime parsed = parseDateTime(input);
    if (expected.isEmpty()) {
        QVERIFY(!parsed.isValid());
        return;
    }
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed.toString(Qt::ISODate), expected);
}

void TestMimeDate::messageIds_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QByteArray>>("expected");

    QTest::newRow("one") << QByteArray("<1234@local.machine.example>")
                         << QList<QByteArray>{"1234@local.machine.example"};
    QTest::newRow("references") << QByteArray("<1234@local.machine.example>\r\n <3456@example.net>")
                                << QList<QByteArray>{"1234@local.machine.example",
                                                     "3456@example.net"};
    QTest::newRow("A.6.3 cfws inside") << QByteArray("<1234   @   local(blah)  .machine .example>")
                                       << QList<QByteArray>{"1234@local.machine.example"};
    QTest::newRow("obs phrase between")
        << QByteArray("\"Joe\" <a@b> (x) Re: <c@d>") << QList<QByteArray>{"a@b", "c@d"};
    QTest::newRow("quoted left part")
        << QByteArray("<\"a b\"@c>") << QList<QByteArray>{"\"a b\"@c"};
    QTest::newRow("bare id") << QByteArray(" a@b ") << QList<QByteArray>{"a@b"};
    QTest::newRow("no id") << QByteArray("hello there") << QList<QByteArray>{};
    QTest::newRow("empty brackets") << QByteArray("<> <x@y") << QList<QByteArray>{"x@y"};
}

void TestMimeDate::messageIds() {
    QFETCH(QByteArray, input);
    QFETCH(QList<QByteArray>, expected);
    QCOMPARE(parseMessageIds(input), expected);
}

QTEST_GUILESS_MAIN(TestMimeDate)
#include "tst_mimedate.moc"
