// tst_smtpdatadecoder.cpp - DATA and BDAT content decoding
//
// Covers daemon/smtp/SmtpDataDecoder (RFC 5321 sections 4.1.1.4 and 4.5.2:
// the CRLF.CRLF terminator and dot-unstuffing; every SMTP smuggling variant
// of bare CR and LF; line and size limits) and SmtpBdatDecoder (RFC 3030).
// Every DATA case is fed whole, byte by byte and split at every position,
// and must give the same output, outcome and consumed count each time.

#include "smtp/SmtpBdatDecoder.h"
#include "smtp/SmtpDataDecoder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::smtp;

namespace {

struct DataRun {
    QByteArray output;
    bool finished = false;
    qsizetype consumed = 0;
    SmtpDataOutcome outcome = SmtpDataOutcome::Ok;
    qint64 size = 0;

    bool operator==(const DataRun &) const = default;
};

SmtpLimits limitsOf(int maxLine, int maxSize) {
    SmtpLimits limits;
    limits.maxDataLine = maxLine;
    limits.maxMessageSize = maxSize;
    return limits;
}

DataRun runData(const QByteArray &input, const SmtpLimits &limits, const QList<qsizetype> &cuts) {
    DataRun run;
    SmtpDataDecoder decoder(limits, [&run](QByteArrayView bytes) { run.output += bytes; });
    QList<qsizetype> ends = cuts;
    ends.append(input.size());
    qsizetype from = 0;
    for (const qsizetype to : ends) {
        const QByteArrayView piece = QByteArrayView(input).sliced(from, to - from);
        const SmtpDataDecoder::FeedResult result = decoder.feed(piece);
        run.consumed += result.consumed;
        if (result.finished) {
            run.finished = true;
            break;
        }
        if (result.consumed != piece.size())
            return {"consumed less without finishing"_ba};
        from = to;
    }
    run.outcome = decoder.outcome();
    run.size = decoder.messageSize();
    if (run.finished != decoder.isFinished())
        return {"isFinished disagrees"_ba};
    return run;
}

const char *outcomeName(SmtpDataOutcome outcome) {
    switch (outcome) {
    case SmtpDataOutcome::Ok:
        return "Ok";
    case SmtpDataOutcome::BareLineEnding:
        return "BareLineEnding";
    case SmtpDataOutcome::LineTooLong:
        return "LineTooLong";
    case SmtpDataOutcome::TooBig:
        return "TooBig";
    }
    return "?";
}

} // namespace

Q_DECLARE_METATYPE(SmtpDataOutcome)

class TestSmtpDataDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void data_data();
    void data();
    void feedAfterTheEnd();
    void resetStartsANewMessage();
    void largeMessageIsPassedThroughWithoutCopies();
    void bdat_data();
    void bdat();
    void bdatStopsAtChunkEnd();
    void bdatZeroLastAfterBareCr();
};

void TestSmtpDataDecoder::data_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("maxLine");
    QTest::addColumn<int>("maxSize");
    QTest::addColumn<bool>("finished");
    QTest::addColumn<qsizetype>("consumed"); // -1: all of the input
    QTest::addColumn<SmtpDataOutcome>("outcome");
    QTest::addColumn<QByteArray>("output");

    using O = SmtpDataOutcome;
    struct Row {
        const char *name;
        QByteArray input;
        int maxLine;
        int maxSize;
        bool finished;
        qsizetype consumed;
        O outcome;
        QByteArray output;
    };
    const Row rows[] = {
        // The terminator and dot-unstuffing (RFC 5321 sections 4.1.1.4, 4.5.2)
        {"message", "Subject: hi\r\n\r\nbody\r\n.\r\n"_ba, 1000, 0, true, -1, O::Ok,
         "Subject: hi\r\n\r\nbody\r\n"_ba},
        {"empty message right after DATA", ".\r\n"_ba, 1000, 0, true, -1, O::Ok, ""_ba},
        {"only an empty line", "\r\n.\r\n"_ba, 1000, 0, true, -1, O::Ok, "\r\n"_ba},
        {"stuffed dot", "..dotted\r\n.\r\n"_ba, 1000, 0, true, -1, O::Ok, ".dotted\r\n"_ba},
        {"unstuffed leading dot dropped", ".x\r\n.\r\n"_ba, 1000, 0, true, -1, O::Ok, "x\r\n"_ba},
        {"line of three dots", "...\r\n.\r\n"_ba, 1000, 0, true, -1, O::Ok, "..\r\n"_ba},
        {"line of two dots", "a\r\n..\r\n.\r\n"_ba, 1000, 0, true, -1, O::Ok, "a\r\n.\r\n"_ba},
        {"dot inside a line", "a.b\r\n.\r\n"_ba, 1000, 0, true, -1, O::Ok, "a.b\r\n"_ba},
        {"dot CR LF inside a line", "a.\r\n.\r\n"_ba, 1000, 0, true, -1, O::Ok, "a.\r\n"_ba},
        {"pipelined command after the end", "a\r\n.\r\nMAIL FROM:<>\r\n"_ba, 1000, 0, true, 6,
         O::Ok, "a\r\n"_ba},
        {"no final CRLF before dot", "a\r\n.b\r\n.\r\n"_ba, 1000, 0, true, -1, O::Ok,
         "a\r\nb\r\n"_ba},
        {"8-bit and NUL octets pass", "\xff\x00\x80\r\n.\r\n"_ba, 1000, 0, true, -1, O::Ok,
         "\xff\x00\x80\r\n"_ba},
        {"incomplete", "a\r\n"_ba, 1000, 0, false, -1, O::Ok, "a\r\n"_ba},
        {"incomplete at dot", "a\r\n."_ba, 1000, 0, false, -1, O::Ok, "a\r\n"_ba},
        {"incomplete at dot CR", "a\r\n.\r"_ba, 1000, 0, false, -1, O::Ok, "a\r\n"_ba},

        // SMTP smuggling: only CRLF.CRLF ends the data
        {"LF.LF does not end", "a\n.\nMAIL FROM:<evil@example.net>\n"_ba, 1000, 0, false, -1,
         O::BareLineEnding, "a"_ba},
        {"LF.LF then the real end", "a\n.\nMAIL FROM:<evil@example.net>\r\n.\r\n"_ba, 1000, 0, true,
         -1, O::BareLineEnding, "a"_ba},
        {"CR.CR does not end", "a\r.\rb"_ba, 1000, 0, false, -1, O::BareLineEnding, "a\r"_ba},
        {"CR.CR then the real end", "a\r.\rb\r\n.\r\n"_ba, 1000, 0, true, -1, O::BareLineEnding,
         "a\r"_ba},
        {"CRLF.LF does not end", "a\r\n.\nRSET\r\n"_ba, 1000, 0, false, -1, O::BareLineEnding,
         "a\r\n"_ba},
        {"CRLF.LF then the real end", "a\r\n.\nRSET\r\n.\r\n"_ba, 1000, 0, true, -1,
         O::BareLineEnding, "a\r\n"_ba},
        {"LF.CRLF does not end", "a\n.\r\nRSET\r\n"_ba, 1000, 0, false, -1, O::BareLineEnding,
         "a"_ba},
        {"LF.CRLF then the real end", "a\n.\r\nRSET\r\n.\r\n"_ba, 1000, 0, true, -1,
         O::BareLineEnding, "a"_ba},
        {"CR.CRLF does not end", "a\r.\r\nb"_ba, 1000, 0, false, -1, O::BareLineEnding, "a\r"_ba},
        {"CRLF.CR then the real end", "a\r\n.\rX\r\n.\r\n"_ba, 1000, 0, true, -1, O::BareLineEnding,
         "a\r\n"_ba},
        {"LF.LF at the start", ".\n.\n"_ba, 1000, 0, false, -1, O::BareLineEnding, ""_ba},
        {"LF.CRLF at the start", "\n.\r\n"_ba, 1000, 0, false, -1, O::BareLineEnding, ""_ba},
        {"CR CR LF", "a\r\r\n.\r\n"_ba, 1000, 0, true, -1, O::BareLineEnding, "a\r"_ba},
        {"LF CR LF", "a\n\r\n.\r\n"_ba, 1000, 0, true, -1, O::BareLineEnding, "a"_ba},
        {"dot CR CR LF", "a\r\n.\r\r\n.\r\n"_ba, 1000, 0, true, -1, O::BareLineEnding, "a\r\n"_ba},
        {"bare LF in the middle of a line", "ab\ncd\r\n.\r\n"_ba, 1000, 0, true, -1,
         O::BareLineEnding, "ab"_ba},

        // Line length (RFC 5321 section 4.5.3.1.6): maxLine 10 allows 8 + CRLF
        {"line at the limit", "12345678\r\n.\r\n"_ba, 10, 0, true, -1, O::Ok, "12345678\r\n"_ba},
        {"line over the limit", "123456789\r\nmore\r\n.\r\n"_ba, 10, 0, true, -1, O::LineTooLong,
         "12345678"_ba},
        {"stuffed dot not counted", "..2345678\r\n.\r\n"_ba, 10, 0, true, -1, O::Ok,
         ".2345678\r\n"_ba},
        {"second line over the limit", "ok\r\n123456789\r\n.\r\n"_ba, 10, 0, true, -1,
         O::LineTooLong, "ok\r\n12345678"_ba},
        {"no line limit", QByteArray(5000, 'x') + "\r\n.\r\n", 0, 0, true, -1, O::Ok,
         QByteArray(5000, 'x') + "\r\n"},

        // Message size (RFC 1870): maxSize 10
        {"size below the limit", "0123456\r\n.\r\n"_ba, 1000, 10, true, -1, O::Ok,
         "0123456\r\n"_ba},
        {"size at the limit", "01234567\r\n.\r\n"_ba, 1000, 10, true, -1, O::Ok, "01234567\r\n"_ba},
        {"size over the limit", "012345678\r\n.\r\n"_ba, 1000, 10, true, -1, O::TooBig,
         "012345678\r"_ba},
        {"size over, then more lines", "0123\r\n0123\r\n0123\r\n.\r\nQUIT\r\n"_ba, 1000, 10, true,
         21, O::TooBig, "0123\r\n0123"_ba},

        // The first problem is the one reported
        {"bare LF before too long", "a\n123456789012\r\n.\r\n"_ba, 10, 0, true, -1,
         O::BareLineEnding, "a"_ba},
        {"too long before bare LF", "123456789012\na\r\n.\r\n"_ba, 10, 0, true, -1, O::LineTooLong,
         "12345678"_ba},
        {"too big before bare LF", "0123456789\r\na\nb\r\n.\r\n"_ba, 1000, 10, true, -1, O::TooBig,
         "0123456789"_ba},
    };
    for (const Row &row : rows) {
        QTest::newRow(row.name) << row.input << row.maxLine << row.maxSize << row.finished
                                << (row.consumed < 0 ? row.input.size() : row.consumed)
                                << row.outcome << row.output;
    }
}

void TestSmtpDataDecoder::data() {
    QFETCH(QByteArray, input);
    QFETCH(int, maxLine);
    QFETCH(int, maxSize);
    QFETCH(bool, finished);
    QFETCH(qsizetype, consumed);
    QFETCH(SmtpDataOutcome, outcome);
    QFETCH(QByteArray, output);

    const SmtpLimits limits = limitsOf(maxLine, maxSize);
    const DataRun whole = runData(input, limits, {});
    QCOMPARE(outcomeName(whole.outcome), outcomeName(outcome));
    QCOMPARE(whole.output, output);
    QCOMPARE(whole.finished, finished);
    QCOMPARE(whole.consumed, consumed);

    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < input.size(); ++i)
        everyByte.append(i);
    const DataRun byteWise = runData(input, limits, everyByte);
    QCOMPARE(byteWise.output, whole.output);
    QVERIFY(byteWise == whole);

    for (qsizetype i = 0; i <= input.size(); ++i) {
        const DataRun split = runData(input, limits, {i});
        if (!(split == whole))
            QFAIL(qPrintable(u"differs when split at "_s + QString::number(i)));
    }
}

void TestSmtpDataDecoder::feedAfterTheEnd() {
    QByteArray out;
    SmtpDataDecoder decoder(SmtpLimits(), [&out](QByteArrayView b) { out += b; });
    QVERIFY(decoder.feed("x\r\n.\r\n").finished);
    const SmtpDataDecoder::FeedResult again = decoder.feed("more\r\n.\r\n");
    QVERIFY(again.finished);
    QCOMPARE(again.consumed, 0);
    QCOMPARE(out, "x\r\n");
}

void TestSmtpDataDecoder::resetStartsANewMessage() {
    QByteArray out;
    SmtpLimits limits;
    limits.maxMessageSize = 4;
    SmtpDataDecoder decoder(limits, [&out](QByteArrayView b) { out += b; });
    QVERIFY(decoder.feed("toolong\n\r\n.\r\n").finished);
    QCOMPARE(decoder.outcome(), SmtpDataOutcome::TooBig);
    decoder.reset();
    out.clear();
    QVERIFY(!decoder.isFinished());
    QVERIFY(decoder.feed("ok\r\n.\r\n").finished);
    QCOMPARE(decoder.outcome(), SmtpDataOutcome::Ok);
    QCOMPARE(decoder.messageSize(), 4);
    QCOMPARE(out, "ok\r\n");
}

void TestSmtpDataDecoder::largeMessageIsPassedThroughWithoutCopies() {
    // 8 MiB of 78-character lines in 64 KiB reads: the sink sees views of
    // the input, a handful per read, not one per line.
    QByteArray line(78, 'm');
    line += "\r\n";
    QByteArray message;
    while (message.size() < 8 * 1024 * 1024)
        message += line;
    const QByteArray input = message + ".\r\n";

    qint64 received = 0;
    int calls = 0;
    bool matches = true;
    SmtpDataDecoder decoder(SmtpLimits(), [&](QByteArrayView bytes) {
        matches = matches && bytes == QByteArrayView(message).sliced(received, bytes.size());
        received += bytes.size();
        ++calls;
    });
    constexpr qsizetype readSize = 64 * 1024;
    bool finished = false;
    for (qsizetype at = 0; at < input.size() && !finished; at += readSize)
        finished = decoder.feed(QByteArrayView(input).sliced(at, qMin(readSize, input.size() - at)))
                       .finished;
    QVERIFY(finished);
    QVERIFY(matches);
    QCOMPARE(received, message.size());
    QVERIFY2(calls <= input.size() / readSize + 2, qPrintable(QString::number(calls)));
}

void TestSmtpDataDecoder::bdat_data() {
    QTest::addColumn<QByteArrayList>("chunks"); // the last one is sent with LAST
    QTest::addColumn<bool>("binary");
    QTest::addColumn<int>("maxLine");
    QTest::addColumn<int>("maxSize");
    QTest::addColumn<SmtpDataOutcome>("outcome");
    QTest::addColumn<QByteArray>("output");

    using O = SmtpDataOutcome;
    struct Row {
        const char *name;
        QByteArrayList chunks;
        bool binary;
        int maxLine;
        int maxSize;
        O outcome;
        QByteArray output;
    };
    const Row rows[] = {
        {"one chunk", {"hello\r\n"_ba}, false, 1000, 0, O::Ok, "hello\r\n"_ba},
        {"two chunks", {"hel"_ba, "lo\r\n"_ba}, false, 1000, 0, O::Ok, "hello\r\n"_ba},
        {"empty LAST chunk", {"hello\r\n"_ba, ""_ba}, false, 1000, 0, O::Ok, "hello\r\n"_ba},
        {"only BDAT 0 LAST", {""_ba}, false, 1000, 0, O::Ok, ""_ba},
        {"CRLF across chunks", {"a\r"_ba, "\nb\r\n"_ba}, false, 1000, 0, O::Ok, "a\r\nb\r\n"_ba},
        {"no dot-unstuffing", {"..x\r\n.\r\n"_ba}, false, 1000, 0, O::Ok, "..x\r\n.\r\n"_ba},
        {"no final CRLF", {"abc"_ba}, false, 1000, 0, O::Ok, "abc"_ba},
        {"bare LF", {"a\nb\r\n"_ba}, false, 1000, 0, O::BareLineEnding, "a"_ba},
        {"bare CR", {"a\rb\r\n"_ba}, false, 1000, 0, O::BareLineEnding, "a\r"_ba},
        {"bare CR at the end", {"a\r"_ba}, false, 1000, 0, O::BareLineEnding, "a\r"_ba},
        {"bare CR across chunks",
         {"a\r"_ba, "b\r\n"_ba},
         false,
         1000,
         0,
         O::BareLineEnding,
         "a\r"_ba},
        {"BINARYMIME takes anything",
         {"a\nb\r\x00"_ba, "\r"_ba},
         true,
         10,
         0,
         O::Ok,
         "a\nb\r\x00\r"_ba},
        {"BINARYMIME has no line limit",
         {QByteArray(50, 'b')},
         true,
         10,
         0,
         O::Ok,
         QByteArray(50, 'b')},
        {"line over the limit", {"123456789\r\n"_ba}, false, 10, 0, O::LineTooLong, "12345678"_ba},
        {"line over the limit across chunks",
         {"12345"_ba, "6789\r\n"_ba},
         false,
         10,
         0,
         O::LineTooLong,
         "12345678"_ba},
        {"too big", {"abc"_ba, "def"_ba}, false, 1000, 5, O::TooBig, "abcde"_ba},
        {"too big, binary", {"abc"_ba, "def"_ba}, true, 1000, 5, O::TooBig, "abcde"_ba},
    };
    for (const Row &row : rows) {
        QTest::newRow(row.name) << row.chunks << row.binary << row.maxLine << row.maxSize
                                << row.outcome << row.output;
    }
}

void TestSmtpDataDecoder::bdat() {
    QFETCH(QByteArrayList, chunks);
    QFETCH(bool, binary);
    QFETCH(int, maxLine);
    QFETCH(int, maxSize);
    QFETCH(SmtpDataOutcome, outcome);
    QFETCH(QByteArray, output);

    // step 0: each chunk whole; 1: byte by byte; n: split at n.
    qsizetype longest = 0;
    for (const QByteArray &chunk : chunks)
        longest = qMax(longest, chunk.size());
    for (qsizetype step = 0; step <= longest; ++step) {
        QByteArray out;
        SmtpBdatDecoder decoder(limitsOf(maxLine, maxSize),
                                [&out](QByteArrayView bytes) { out += bytes; });
        decoder.setBinary(binary);
        for (qsizetype c = 0; c < chunks.size(); ++c) {
            const QByteArray &chunk = chunks.at(c);
            decoder.startChunk(chunk.size(), c + 1 == chunks.size());
            qsizetype at = 0;
            while (at < chunk.size()) {
                const qsizetype size =
                    step == 0 ? chunk.size() - at : qMin(step, chunk.size() - at);
                const SmtpBdatDecoder::FeedResult result =
                    decoder.feed(QByteArrayView(chunk).sliced(at, size));
                QCOMPARE(result.consumed, size);
                at += size;
                QCOMPARE(result.chunkFinished, at == chunk.size());
            }
            QCOMPARE(decoder.remainingInChunk(), 0);
        }
        QVERIFY(decoder.isMessageFinished());
        QCOMPARE(outcomeName(decoder.outcome()), outcomeName(outcome));
        QCOMPARE(out, output);
        qint64 total = 0;
        for (const QByteArray &chunk : chunks)
            total += chunk.size();
        QCOMPARE(decoder.messageSize(), total);
    }
}

void TestSmtpDataDecoder::bdatStopsAtChunkEnd() {
    // RFC 3030 section 2: exactly the announced octets; what follows is the
    // next command, even if it looks like data.
    QByteArray out;
    SmtpBdatDecoder decoder(SmtpLimits(), [&out](QByteArrayView b) { out += b; });
    decoder.startChunk(4, true);
    const SmtpBdatDecoder::FeedResult result = decoder.feed("ab\r\nRSET\r\n");
    QVERIFY(result.chunkFinished);
    QCOMPARE(result.consumed, 4);
    QVERIFY(decoder.isMessageFinished());
    QCOMPARE(out, "ab\r\n");

    // A chunk after the LAST one starts a new message.
    out.clear();
    decoder.startChunk(3, true);
    QVERIFY(!decoder.isMessageFinished());
    QCOMPARE(decoder.feed("x\r\n").consumed, 3);
    QCOMPARE(decoder.messageSize(), 3);
    QCOMPARE(out, "x\r\n");
}

void TestSmtpDataDecoder::bdatZeroLastAfterBareCr() {
    SmtpBdatDecoder decoder(SmtpLimits(), {});
    decoder.startChunk(2, false);
    decoder.feed("a\r");
    QCOMPARE(decoder.outcome(), SmtpDataOutcome::Ok);
    decoder.startChunk(0, true);
    QVERIFY(decoder.isMessageFinished());
    QCOMPARE(decoder.outcome(), SmtpDataOutcome::BareLineEnding);
    decoder.reset();
    QCOMPARE(decoder.outcome(), SmtpDataOutcome::Ok);
    QCOMPARE(decoder.messageSize(), 0);
}

QTEST_GUILESS_MAIN(TestSmtpDataDecoder)
#include "tst_smtpdatadecoder.moc"
