// tst_smtpreplyparser.cpp - remote SMTP replies and EHLO capabilities
//
// Covers daemon/queue/SmtpReplyParser (RFC 5321 section 4.2 multi-line
// replies, RFC 3463 / RFC 2034 enhanced status codes, RFC 5321 section
// 4.1.1.1 EHLO keywords). Every case is parsed whole and fed byte by byte:
// each prefix must be Incomplete (or the same Error) until the reply is
// complete.

#include "queue/SmtpReplyParser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::queue;

Q_DECLARE_METATYPE(ReplyParse::Status)

class TestSmtpReplyParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void replies_data();
    void replies();
    void limits();
    void twoRepliesInOneBuffer();
    void text();
    void capabilities();
};

void TestSmtpReplyParser::replies_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<ReplyParse::Status>("status");
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("enhanced");
    QTest::addColumn<QByteArrayList>("lines");
    QTest::addColumn<int>("consumed");

    const auto ok = ReplyParse::Status::Ok;
    const auto error = ReplyParse::Status::Error;
    const auto incomplete = ReplyParse::Status::Incomplete;
    QTest::newRow("one line") << "250 OK\r\n"_ba << ok << 250 << QByteArray()
                              << QByteArrayList{"OK"} << 8;
    QTest::newRow("enhanced status") << "550 5.1.1 No such user\r\n"_ba << ok << 550 << "5.1.1"_ba
                                     << QByteArrayList{"No such user"} << 24;
    QTest::newRow("multi-line with status on every line")
        << "451-4.3.0 first\r\n451-4.3.0 second\r\n451 4.3.0 third\r\n"_ba << ok << 451
        << "4.3.0"_ba << QByteArrayList{"first", "second", "third"} << 52;
    QTest::newRow("code alone") << "354\r\n"_ba << ok << 354 << QByteArray() << QByteArrayList{""}
                                << 5;
    QTest::newRow("bare LF accepted")
        << "220 hi\n"_ba << ok << 220 << QByteArray() << QByteArrayList{"hi"} << 7;
    QTest::newRow("status of the wrong class is text")
        << "250 5.1.1 odd\r\n"_ba << ok << 250 << QByteArray() << QByteArrayList{"5.1.1 odd"} << 15;
    QTest::newRow("status needs a space after it")
        << "250 2.1.5x\r\n"_ba << ok << 250 << QByteArray() << QByteArrayList{"2.1.5x"} << 12;
    QTest::newRow("three-digit subject and detail")
        << "550 5.123.456 x\r\n"_ba << ok << 550 << "5.123.456"_ba << QByteArrayList{"x"} << 17;
    QTest::newRow("four-digit detail is not a status")
        << "550 5.1.1234 x\r\n"_ba << ok << 550 << QByteArray() << QByteArrayList{"5.1.1234 x"}
        << 16;
    QTest::newRow("only the first reply is taken")
        << "250 a\r\n250 b\r\n"_ba << ok << 250 << QByteArray() << QByteArrayList{"a"} << 7;
    QTest::newRow("incomplete line")
        << "250 OK"_ba << incomplete << 0 << QByteArray() << QByteArrayList{} << 0;
    QTest::newRow("incomplete multi-line")
        << "250-a\r\n250-b\r\n"_ba << incomplete << 0 << QByteArray() << QByteArrayList{} << 0;
    QTest::newRow("different codes")
        << "250-a\r\n251 b\r\n"_ba << error << 0 << QByteArray() << QByteArrayList{} << 0;
    QTest::newRow("not digits") << "OK 250\r\n"_ba << error << 0 << QByteArray() << QByteArrayList{}
                                << 0;
    QTest::newRow("code out of range")
        << "650 no\r\n"_ba << error << 0 << QByteArray() << QByteArrayList{} << 0;
    QTest::newRow("second digit out of range")
        << "270 no\r\n"_ba << error << 0 << QByteArray() << QByteArrayList{} << 0;
    QTest::newRow("bad separator")
        << "250+x\r\n"_ba << error << 0 << QByteArray() << QByteArrayList{} << 0;
    QTest::newRow("short line") << "25\r\n"_ba << error << 0 << QByteArray() << QByteArrayList{}
                                << 0;
}

void TestSmtpReplyParser::replies() {
    QFETCH(QByteArray, input);
    QFETCH(ReplyParse::Status, status);
    QFETCH(int, code);
    QFETCH(QByteArray, enhanced);
    QFETCH(QByteArrayList, lines);
    QFETCH(int, consumed);

    const ReplyParse whole = parseSmtpReply(input);
    QCOMPARE(whole.status, status);
    if (status == ReplyParse::Status::Ok) {
        QCOMPARE(whole.reply.code, code);
        QCOMPARE(whole.reply.enhancedStatus, enhanced);
        QCOMPARE(whole.reply.lines, lines);
        QCOMPARE(whole.consumed, qsizetype(consumed));
    } else {
        QCOMPARE(whole.consumed, qsizetype(0));
    }
    if (status == ReplyParse::Status::Error)
        QVERIFY(!whole.error.isEmpty());

    // Byte by byte: prefixes shorter than the reply are incomplete; the
    // first prefix that is not gives the same answer as the whole input.
    bool decided = false;
    for (qsizetype n = 1; n <= input.size(); ++n) {
        const ReplyParse part = parseSmtpReply(input.first(n));
        if (part.status == ReplyParse::Status::Incomplete)
            continue;
        QCOMPARE(part.status, status);
        QCOMPARE(part.reply, whole.reply);
        QCOMPARE(part.consumed, whole.consumed);
        decided = true;
        break;
    }
    QCOMPARE(decided, status != ReplyParse::Status::Incomplete);
}

void TestSmtpReplyParser::limits() {
    const QByteArray longLine = "250 " + QByteArray(200, 'x') + "\r\n";
    QCOMPARE(parseSmtpReply(longLine, 100).status, ReplyParse::Status::Error);
    QCOMPARE(parseSmtpReply(longLine.left(150), 100).status, ReplyParse::Status::Error);
    QCOMPARE(parseSmtpReply(longLine.left(50), 100).status, ReplyParse::Status::Incomplete);
    QCOMPARE(parseSmtpReply(longLine, 300).status, ReplyParse::Status::Ok);

    QByteArray many;
    for (int i = 0; i < 5; ++i)
        many += "250-x\r\n";
    many += "250 end\r\n";
    QCOMPARE(parseSmtpReply(many, 100, 5).status, ReplyParse::Status::Error);
    QCOMPARE(parseSmtpReply(many, 100, 6).status, ReplyParse::Status::Ok);
}

void TestSmtpReplyParser::twoRepliesInOneBuffer() {
    // Pipelined replies arrive together (RFC 2920): each parse takes one.
    QByteArray buffer = "250 2.1.0 ok\r\n550 5.1.1 no\r\n354 go\r\n";
    QList<int> codes;
    while (true) {
        const ReplyParse parse = parseSmtpReply(buffer);
        if (parse.status != ReplyParse::Status::Ok)
            break;
        codes.append(parse.reply.code);
        buffer.remove(0, parse.consumed);
    }
    QCOMPARE(codes, (QList<int>{250, 550, 354}));
    QVERIFY(buffer.isEmpty());
}

void TestSmtpReplyParser::text() {
    const ReplyParse parse = parseSmtpReply("550-5.7.1 first\r\n550 5.7.1  second\x01\r\n");
    QCOMPARE(replyText(parse.reply), "550 5.7.1 first / second?"_ba);
    QCOMPARE(replyText(parseSmtpReply("354\r\n").reply), "354"_ba);
}

void TestSmtpReplyParser::capabilities() {
    const ReplyParse parse = parseSmtpReply("250-mx.example.test Hello\r\n"
                                            "250-pipelining\r\n"
                                            "250-SIZE 52428800\r\n"
                                            "250-8BITMIME\r\n"
                                            "250-STARTTLS\r\n"
                                            "250-ENHANCEDSTATUSCODES\r\n"
                                            "250-DSN\r\n"
                                            "250 SMTPUTF8\r\n");
    QCOMPARE(parse.status, ReplyParse::Status::Ok);
    const EhloCapabilities caps = parseEhloCapabilities(parse.reply);
    QVERIFY(caps.pipelining && caps.startTls && caps.eightBitMime && caps.smtpUtf8);
    QVERIFY(caps.enhancedStatusCodes && caps.dsn && caps.hasSize);
    QCOMPARE(caps.maxSize, qint64(52428800));

    // The greeting line is not a keyword; SIZE without a number has no limit.
    const EhloCapabilities plain =
        parseEhloCapabilities(parseSmtpReply("250-PIPELINING\r\n250 SIZE\r\n").reply);
    QVERIFY(!plain.pipelining);
    QVERIFY(plain.hasSize);
    QCOMPARE(plain.maxSize, qint64(0));
    QVERIFY(!parseEhloCapabilities(parseSmtpReply("250 mx\r\n").reply).startTls);
}

QTEST_APPLESS_MAIN(TestSmtpReplyParser)
#include "tst_smtpreplyparser.moc"
