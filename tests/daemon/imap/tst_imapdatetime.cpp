// tst_imapdatetime.cpp - IMAP date and date-time parsing and formatting
//
// Covers daemon/imap/ImapDateTime: RFC 9051 section 9 date (1*2DIGIT day,
// month names in any case, quoted or not at the scanner level) and
// date-time (date-day-fixed, time, zone), calendar validation, the
// INTERNALDATE format with a space-padded day.

#include "imap/ImapDateTime.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::imap;

class TestImapDateTime : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dates_data();
    void dates();
    void dateTimes_data();
    void dateTimes();
    void formatting();
};

void TestImapDateTime::dates_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("iso"); // "" for invalid

    QTest::newRow("one-digit day") << "1-Feb-1994"_ba << u"1994-02-01"_s;
    QTest::newRow("two-digit day") << "01-Feb-1994"_ba << u"1994-02-01"_s;
    QTest::newRow("lower-case month") << "17-jul-1996"_ba << u"1996-07-17"_s;
    QTest::newRow("upper-case month") << "17-JUL-1996"_ba << u"1996-07-17"_s;
    QTest::newRow("leap day") << "29-Feb-2024"_ba << u"2024-02-29"_s;
    QTest::newRow("not a leap year") << "29-Feb-2023"_ba << QString();
    QTest::newRow("31 April") << "31-Apr-2024"_ba << QString();
    QTest::newRow("day 0") << "0-Jan-2024"_ba << QString();
    QTest::newRow("three-digit day") << "001-Jan-2024"_ba << QString();
    QTest::newRow("unknown month") << "1-Foo-2024"_ba << QString();
    QTest::newRow("full month name") << "1-January-2024"_ba << QString();
    QTest::newRow("two-digit year") << "1-Jan-24"_ba << QString();
    QTest::newRow("five-digit year") << "1-Jan-20245"_ba << QString();
    QTest::newRow("slashes") << "1/Jan/2024"_ba << QString();
    QTest::newRow("leading space") << " 1-Jan-2024"_ba << QString();
    QTest::newRow("trailing text") << "1-Jan-2024x"_ba << QString();
    QTest::newRow("empty") << ""_ba << QString();
}

void TestImapDateTime::dates() {
    QFETCH(QByteArray, text);
    QFETCH(QString, iso);
    const std::optional<QDate> date = parseImapDate(text);
    if (iso.isEmpty()) {
        QVERIFY(!date);
        return;
    }
    QVERIFY(date);
    QCOMPARE(date->toString(Qt::ISODate), iso);
}

void TestImapDateTime::dateTimes_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("utc"); // ISO in UTC, "" for invalid
    QTest::addColumn<int>("offset");

    QTest::newRow("RFC 9051 example")
        << "17-Jul-1996 02:44:25 -0700"_ba << u"1996-07-17T09:44:25Z"_s << -7 * 3600;
    QTest::newRow("space-padded day")
        << " 7-Jul-1996 02:44:25 +0000"_ba << u"1996-07-07T02:44:25Z"_s << 0;
    QTest::newRow("one-digit day tolerated")
        << "7-Jul-1996 02:44:25 +0000"_ba << u"1996-07-07T02:44:25Z"_s << 0;
    QTest::newRow("half-hour zone")
        << "01-Jan-2024 00:00:00 +0530"_ba << u"2023-12-31T18:30:00Z"_s << 5 * 3600 + 1800;
    QTest::newRow("leap second") << "30-Jun-2015 23:59:60 +0000"_ba << u"2015-06-30T23:59:59Z"_s
                                 << 0;
    QTest::newRow("hour 24") << "01-Jan-2024 24:00:00 +0000"_ba << QString() << 0;
    QTest::newRow("minute 60") << "01-Jan-2024 10:60:00 +0000"_ba << QString() << 0;
    QTest::newRow("zone minutes 60") << "01-Jan-2024 10:00:00 +0060"_ba << QString() << 0;
    QTest::newRow("no zone") << "01-Jan-2024 10:00:00"_ba << QString() << 0;
    QTest::newRow("zone name") << "01-Jan-2024 10:00:00 GMT"_ba << QString() << 0;
    QTest::newRow("no seconds") << "01-Jan-2024 10:00 +0000"_ba << QString() << 0;
    QTest::newRow("bad date") << "30-Feb-2024 10:00:00 +0000"_ba << QString() << 0;
    QTest::newRow("two spaces") << "01-Jan-2024  10:00:00 +0000"_ba << QString() << 0;
    QTest::newRow("trailing") << "01-Jan-2024 10:00:00 +0000 "_ba << QString() << 0;
}

void TestImapDateTime::dateTimes() {
    QFETCH(QByteArray, text);
    QFETCH(QString, utc);
    QFETCH(int, offset);
    const std::optional<QDateTime> value = parseImapDateTime(text);
    if (utc.isEmpty()) {
        QVERIFY(!value);
        return;
    }
    QVERIFY(value);
    QCOMPARE(value->toUTC().toString(Qt::ISODate), utc);
    QCOMPARE(value->offsetFromUtc(), offset);
}

void TestImapDateTime::formatting() {
    const QDateTime value = *parseImapDateTime("17-Jul-1996 02:44:25 -0700");
    QCOMPARE(formatImapDateTime(value), "17-Jul-1996 02:44:25 -0700"_ba);
    const QDateTime early = *parseImapDateTime(" 7-Jan-2024 09:05:03 +0530");
    QCOMPARE(formatImapDateTime(early), " 7-Jan-2024 09:05:03 +0530"_ba);
    const QDateTime utc(QDate(2024, 3, 1), QTime(12, 0, 0), Qt::UTC);
    QCOMPARE(formatImapDateTime(utc), " 1-Mar-2024 12:00:00 +0000"_ba);
    QCOMPARE(formatImapDate(QDate(1994, 2, 1)), "1-Feb-1994"_ba);
    QCOMPARE(formatImapDateTime(QDateTime()), QByteArray());
    // What is formatted parses back to the same instant and offset.
    const std::optional<QDateTime> again = parseImapDateTime(formatImapDateTime(early));
    QVERIFY(again);
    QCOMPARE(*again, early);
    QCOMPARE(again->offsetFromUtc(), early.offsetFromUtc());
}

QTEST_APPLESS_MAIN(TestImapDateTime)
#include "tst_imapdatetime.moc"
