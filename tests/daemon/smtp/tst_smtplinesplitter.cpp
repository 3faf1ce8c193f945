// tst_smtplinesplitter.cpp - the CRLF splitter of the SMTP command stream
//
// Covers daemon/smtp/SmtpLineSplitter: CRLF-only line endings and bare LF
// (RFC 5321 section 2.3.8), the line limit with discard-to-CRLF (section
// 4.5.3.1.4), pipelined lines and what is left for the next reader. Every
// case is fed whole, byte by byte and split at every position.

#include "smtp/SmtpLineSplitter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::smtp;

namespace {

QString eventName(const SmtpLineSplitter::Result &result) {
    switch (result.status) {
    case SmtpLineSplitter::Status::NeedMore:
        return u"more"_s;
    case SmtpLineSplitter::Status::Line:
        return u"line:"_s + QString::fromLatin1(result.line);
    case SmtpLineSplitter::Status::LineTooLong:
        return u"toolong"_s;
    case SmtpLineSplitter::Status::BareLineFeed:
        return u"barelf:"_s + QString::fromLatin1(result.line);
    }
    return {};
}

// Feeds input cut at the given positions; returns the events, and "partial"
// at the end when part of a line is held.
QStringList run(const QByteArray &input, qsizetype maxLine, const QList<qsizetype> &cuts) {
    SmtpLineSplitter splitter(maxLine);
    QStringList events;
    qsizetype from = 0;
    QList<qsizetype> ends = cuts;
    ends.append(input.size());
    for (const qsizetype to : ends) {
        QByteArrayView piece = QByteArrayView(input).sliced(from, to - from);
        while (!piece.isEmpty()) {
            const SmtpLineSplitter::Result result = splitter.next(piece);
            if (result.consumed <= 0 || result.consumed > piece.size())
                return {u"bad consumed count"_s};
            piece = piece.sliced(result.consumed);
            if (result.status != SmtpLineSplitter::Status::NeedMore)
                events.append(eventName(result));
            else if (!piece.isEmpty())
                return {u"NeedMore left input"_s};
        }
        from = to;
    }
    if (splitter.hasPartialLine())
        events.append(u"partial"_s);
    return events;
}

} // namespace

class TestSmtpLineSplitter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void leavesTheRestForTheNextReader();
    void resetDropsPartialLine();
};

void TestSmtpLineSplitter::split_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("maxLine");
    QTest::addColumn<QStringList>("events");

    const QByteArray content10(10, 'x'); // with CRLF: 12
    struct Row {
        const char *name;
        QByteArray input;
        int maxLine;
        QStringList events;
    };
    const Row rows[] = {
        {"one line", "EHLO a.example\r\n"_ba, 512, {u"line:EHLO a.example"_s}},
        {"empty line", "\r\n"_ba, 512, {u"line:"_s}},
        {"pipelined",
         "MAIL FROM:<>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n"_ba,
         512,
         {u"line:MAIL FROM:<>"_s, u"line:RCPT TO:<b@example.org>"_s, u"line:DATA"_s}},
        {"incomplete", "NOOP"_ba, 512, {u"partial"_s}},
        {"incomplete after CR", "NOOP\r"_ba, 512, {u"partial"_s}},
        {"line then partial", "NOOP\r\nQU"_ba, 512, {u"line:NOOP"_s, u"partial"_s}},
        {"bare LF", "NOOP\n"_ba, 512, {u"barelf:NOOP"_s}},
        {"bare LF then line", "NOOP\nQUIT\r\n"_ba, 512, {u"barelf:NOOP"_s, u"line:QUIT"_s}},
        {"lone LF", "\n"_ba, 512, {u"barelf:"_s}},
        {"CR inside line kept", "NO\rOP\r\n"_ba, 512, {u"line:NO\rOP"_s}},
        {"CR CR LF", "NOOP\r\r\n"_ba, 512, {u"line:NOOP\r"_s}},
        {"exactly at limit", content10 + "\r\n", 12, {u"line:"_s + QString::fromLatin1(content10)}},
        {"one over limit", content10 + "x\r\n", 12, {u"toolong"_s}},
        {"far over limit",
         QByteArray(5000, 'y') + "\r\nQUIT\r\n",
         12,
         {u"toolong"_s, u"line:QUIT"_s}},
        {"over limit, still incomplete", QByteArray(5000, 'y'), 12, {u"partial"_s}},
        {"discard skips bare LF",
         QByteArray(20, 'y') + "\nRCPT TO:<x@y.example>\r\nQUIT\r\n",
         12,
         {u"toolong"_s, u"line:QUIT"_s}},
        {"bare LF on short line before long",
         "a\n" + QByteArray(20, 'y') + "\r\n",
         12,
         {u"barelf:a"_s, u"toolong"_s}},
        {"too long ending in bare LF",
         QByteArray(11, 'y') + "\nQUIT\r\nNOOP\r\n",
         12,
         {u"toolong"_s, u"line:NOOP"_s}},
        {"limit counts CR held back", content10 + "\r", 12, {u"partial"_s}},
        {"too long twice",
         QByteArray(13, 'a') + "\r\n" + QByteArray(13, 'b') + "\r\nok\r\n",
         12,
         {u"toolong"_s, u"toolong"_s, u"line:ok"_s}},
    };
    for (const Row &row : rows)
        QTest::newRow(row.name) << row.input << row.maxLine << row.events;
}

void TestSmtpLineSplitter::split() {
    QFETCH(QByteArray, input);
    QFETCH(int, maxLine);
    QFETCH(QStringList, events);

    QCOMPARE(run(input, maxLine, {}), events);

    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < input.size(); ++i)
        everyByte.append(i);
    QCOMPARE(run(input, maxLine, everyByte), events);

    for (qsizetype i = 1; i < input.size(); ++i) {
        const QStringList got = run(input, maxLine, {i});
        if (got != events)
            QFAIL(qPrintable(u"split at "_s + QString::number(i) + u": "_s + got.join(u'|')));
    }
}

void TestSmtpLineSplitter::leavesTheRestForTheNextReader() {
    // After "DATA\r\n" the rest belongs to the DATA decoder; after STARTTLS
    // the session throws it away (RFC 3207 section 4.2).
    SmtpLineSplitter splitter(512);
    const QByteArray input = "DATA\r\nSubject: x\r\n"_ba;
    const SmtpLineSplitter::Result result = splitter.next(input);
    QCOMPARE(result.status, SmtpLineSplitter::Status::Line);
    QCOMPARE(result.line, "DATA");
    QCOMPARE(result.consumed, 6);
    QVERIFY(!splitter.hasPartialLine());
}

void TestSmtpLineSplitter::resetDropsPartialLine() {
    SmtpLineSplitter splitter(512);
    QCOMPARE(splitter.next("MAIL FROM:<a@exa").status, SmtpLineSplitter::Status::NeedMore);
    QVERIFY(splitter.hasPartialLine());
    splitter.reset();
    QVERIFY(!splitter.hasPartialLine());
    const SmtpLineSplitter::Result result = splitter.next("EHLO b.example\r\n");
    QCOMPARE(result.line, "EHLO b.example");

    SmtpLineSplitter discarding(12);
    discarding.next(QByteArray(100, 'z'));
    discarding.reset();
    QCOMPARE(discarding.next("QUIT\r\n").status, SmtpLineSplitter::Status::Line);
}

QTEST_GUILESS_MAIN(TestSmtpLineSplitter)
#include "tst_smtplinesplitter.moc"
