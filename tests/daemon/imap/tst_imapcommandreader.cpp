// tst_imapcommandreader.cpp - framing of the IMAP client stream
//
// Covers daemon/imap/ImapCommandReader: lines (CRLF and bare LF), literals
// (RFC 9051 section 4.3: synchronizing with a continuation request; RFC
// 7888: LITERAL+ and LITERAL-; zero-length; literal8), markers inside quoted
// strings, the APPEND message literal (accept, refuse, collect, stream),
// limits (too large before reading, discard or close for non-synchronizing
// literals, line too long, literal count, command size). Every case is fed
// whole, byte by byte and split at every position.

#include "imap/ImapCommandParser.h"
#include "imap/ImapCommandReader.h"
#include "ImapTestSupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::imap;
using mailstead::imap::test::printable;

namespace {

struct Config {
    ImapLimits limits;
    ImapCommandReader::LiteralMode mode = ImapCommandReader::LiteralMode::Plus;
    ImapCommandReader::MessageMode messageMode = ImapCommandReader::MessageMode::Collect;
    bool refuseAppend = false;
};

Config configFrom(const QString &flags) {
    Config config;
    const QStringList words = flags.split(u' ', Qt::SkipEmptyParts);
    if (words.contains(u"small"_s)) {
        config.limits.maxCommandLine = 40;
        config.limits.maxCommandSize = 60;
        config.limits.maxNonAppendLiteral = 10;
        config.limits.maxLiteralSize = 20;
        config.limits.maxDiscardedLiteral = 30;
        config.limits.maxLiteralsPerCommand = 3;
    }
    if (words.contains(u"tinydiscard"_s))
        config.limits.maxDiscardedLiteral = 4;
    if (words.contains(u"minus"_s))
        config.mode = ImapCommandReader::LiteralMode::Minus;
    if (words.contains(u"stream"_s))
        config.messageMode = ImapCommandReader::MessageMode::Stream;
    config.refuseAppend = words.contains(u"refuse"_s);
    return config;
}

QString literalName(const ImapCommandReader::Literal &literal) {
    return QString::number(literal.size) + (literal.synchronizing ? u""_s : u"+"_s) +
           (literal.binary ? u"~"_s : u""_s);
}

// Feeds input cut at the given positions; returns the events, consecutive
// MessageData joined, and "partial" at the end when a command is held.
QStringList run(const QByteArray &input, const Config &config, const QList<qsizetype> &cuts) {
    ImapCommandReader reader(config.limits, config.mode);
    reader.setMessageMode(config.messageMode);
    QStringList events;
    QByteArray data;
    auto flushData = [&] {
        if (!data.isEmpty())
            events.append(u"data:"_s + printable(data));
        data.clear();
    };
    qsizetype from = 0;
    QList<qsizetype> ends = cuts;
    ends.append(input.size());
    for (const qsizetype to : ends) {
        QByteArrayView piece = QByteArrayView(input).sliced(from, to - from);
        from = to;
        while (!piece.isEmpty()) {
            const ImapCommandReader::Result r = reader.next(piece);
            if (r.consumed < 0 || r.consumed > piece.size())
                return {u"bad consumed count"_s};
            if (r.consumed == 0 && r.status == ImapCommandReader::Status::NeedMore)
                return {u"no progress"_s};
            piece = piece.sliced(r.consumed);
            if (r.status != ImapCommandReader::Status::MessageData)
                flushData();
            switch (r.status) {
            case ImapCommandReader::Status::NeedMore:
                if (!piece.isEmpty())
                    return {u"NeedMore left input"_s};
                break;
            case ImapCommandReader::Status::Command: {
                const ImapRawCommand raw = reader.takeCommand();
                QString event = u"cmd:"_s + printable(raw.text);
                if (raw.messageOffset >= 0) {
                    event += u" msg@"_s + QString::number(raw.messageOffset) + u':' +
                             (raw.messageStreamed ? u"streamed"_s : printable(raw.message));
                }
                events.append(event);
                break;
            }
            case ImapCommandReader::Status::Continue:
                events.append(u"continue:"_s + literalName(reader.literal()));
                break;
            case ImapCommandReader::Status::AppendLiteral:
                events.append(u"append:"_s + literalName(reader.literal()));
                if (!config.refuseAppend)
                    reader.acceptLiteral();
                else if (!reader.refuseLiteral())
                    events.append(u"close"_s);
                break;
            case ImapCommandReader::Status::MessageData:
                data += r.data;
                break;
            case ImapCommandReader::Status::LiteralRefused:
                events.append(u"refused:"_s + printable(r.response.toWire(reader.tag())) +
                              (r.closeConnection ? u" close"_s : u""_s));
                break;
            case ImapCommandReader::Status::LineTooLong:
                events.append(u"toolong:"_s + printable(r.response.toWire()));
                break;
            }
        }
    }
    flushData();
    if (reader.hasPartialCommand())
        events.append(u"partial"_s);
    return events;
}

} // namespace

class TestImapCommandReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void frame_data();
    void frame();
    void appendHeaderParsesBeforeTheMessage();
    void streamedMessageIsNotCopied();
    void resetForgetsPartialCommand();
    void tagOfRefusedCommand();
};

void TestImapCommandReader::frame_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QStringList>("events");

    const QByteArray x4097(4097, 'x');
    const QByteArray x4096(4096, 'x');
    struct Row {
        const char *name;
        QByteArray input;
        QString config;
        QStringList events;
    };
    const Row rows[] = {
        // Lines
        {"one command", "a NOOP\r\n"_ba, {}, {u"cmd:a NOOP"_s}},
        {"bare LF", "a NOOP\nb NOOP\r\n"_ba, {}, {u"cmd:a NOOP"_s, u"cmd:b NOOP"_s}},
        {"empty line is a command", "\r\na NOOP\r\n"_ba, {}, {u"cmd:"_s, u"cmd:a NOOP"_s}},
        {"pipelined",
         "a NOOP\r\nb CAPABILITY\r\nc LOGOUT\r\n"_ba,
         {},
         {u"cmd:a NOOP"_s, u"cmd:b CAPABILITY"_s, u"cmd:c LOGOUT"_s}},
        {"incomplete", "a NO"_ba, {}, {u"partial"_s}},
        {"incomplete after CR", "a NOOP\r"_ba, {}, {u"partial"_s}},
        {"CR inside the line kept", "a NO\rOP\r\n"_ba, {}, {u"cmd:a NO\\rOP"_s}},
        {"NUL inside the line kept", "a NO\0OP\r\n"_ba, {}, {u"cmd:a NO\\x00OP"_s}},

        // Literals (RFC 9051 section 4.3 example, and LITERAL+)
        {"synchronizing literals",
         "A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man\r\n"_ba,
         {},
         {u"continue:11"_s, u"continue:7"_s,
          u"cmd:A001 LOGIN {11}\\r\\nFRED FOOBAR {7}\\r\\nfat man"_s}},
        {"non-synchronizing literals",
         "A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man\r\n"_ba,
         {},
         {u"cmd:A001 LOGIN {11+}\\r\\nFRED FOOBAR {7+}\\r\\nfat man"_s}},
        {"literal announced with bare LF",
         "a LOGIN {3}\nabc x\n"_ba,
         {},
         {u"continue:3"_s, u"cmd:a LOGIN {3}\\r\\nabc x"_s}},
        {"zero-length literals",
         "a LOGIN {0}\r\n {0+}\r\n\r\n"_ba,
         {},
         {u"continue:0"_s, u"cmd:a LOGIN {0}\\r\\n {0+}\\r\\n"_s}},
        {"literal holding CRLF and a marker",
         "a LOGIN {10}\r\nx\r\ny {1}\r\n z\r\n"_ba,
         {},
         {u"continue:10"_s, u"cmd:a LOGIN {10}\\r\\nx\\r\\ny {1}\\r\\n z"_s}},
        {"literal ending in CR before the LF",
         "a LOGIN {9}\r\nx\r\ny {1}\r\n z\r\n"_ba,
         {},
         {u"continue:9"_s, u"cmd:a LOGIN {9}\\r\\nx\\r\\ny {1}\\r"_s, u"cmd: z"_s}},
        {"literal ending the command",
         "a LOGIN x {2}\r\nab\r\nb NOOP\r\n"_ba,
         {},
         {u"continue:2"_s, u"cmd:a LOGIN x {2}\\r\\nab"_s, u"cmd:b NOOP"_s}},
        {"leading zeros in size",
         "a LOGIN {003}\r\nabc x\r\n"_ba,
         {},
         {u"continue:3"_s, u"cmd:a LOGIN {003}\\r\\nabc x"_s}},
        {"not a marker: letters", "a LOGIN {3x}\r\n"_ba, {}, {u"cmd:a LOGIN {3x}"_s}},
        {"not a marker: no digits", "a LOGIN {}\r\n"_ba, {}, {u"cmd:a LOGIN {}"_s}},
        {"not a marker: minus", "a LOGIN {3-}\r\n"_ba, {}, {u"cmd:a LOGIN {3-}"_s}},
        {"marker inside a quoted string",
         "a LOGIN \"x {3}\r\nb NOOP\r\n"_ba,
         {},
         {u"cmd:a LOGIN \"x {3}"_s, u"cmd:b NOOP"_s}},
        {"marker after an escaped quote",
         "a LOGIN \"x\\\" {3}\r\n"_ba,
         {},
         {u"cmd:a LOGIN \"x\\\" {3}"_s}},
        {"marker after an escaped backslash",
         "a LOGIN \"x\\\\\" {3}\r\nabc\r\n"_ba,
         {},
         {u"continue:3"_s, u"cmd:a LOGIN \"x\\\\\" {3}\\r\\nabc"_s}},
        {"quotes inside a literal ignored",
         "a LOGIN {1}\r\n\" {1}\r\nb\r\n"_ba,
         {},
         {u"continue:1"_s, u"continue:1"_s, u"cmd:a LOGIN {1}\\r\\n\" {1}\\r\\nb"_s}},
        {"literal8 framed",
         "a X ~{2}\r\n\0\1\r\n"_ba,
         {},
         {u"continue:2~"_s, u"cmd:a X ~{2}\\r\\n\\x00\\x01"_s}},

        // LITERAL- (RFC 7888 section 4): non-synchronizing up to 4096 only
        {"LITERAL- at 4096",
         "a LOGIN {4096+}\r\n" + x4096 + " p\r\n",
         u"minus"_s,
         {u"cmd:a LOGIN {4096+}\\r\\n"_s + QString::fromLatin1(x4096) + u" p"_s}},
        {"LITERAL- over 4096 is discarded",
         "a LOGIN {4097+}\r\n" + x4097 + " p\r\nb NOOP\r\n",
         u"minus"_s,
         {u"refused:a BAD [TOOBIG] Non-synchronizing literals are limited to 4096 octets "
          "(LITERAL-)\\r\\n"_s,
          u"cmd:b NOOP"_s}},
        {"LITERAL- synchronizing over 4096",
         "a LOGIN {4097}\r\nb NOOP\r\n"_ba,
         u"minus"_s,
         {u"continue:4097"_s, u"partial"_s}}, // "b NOOP\r\n" is literal data

        // Limits (small: line 40, command 60, literal 10, APPEND 20, discard 30, 3 literals)
        {"literal over the limit, synchronizing",
         "t LOGIN {11}\r\nt2 NOOP\r\n"_ba,
         u"small"_s,
         {u"refused:t BAD [TOOBIG] Literal is larger than 10 octets\\r\\n"_s, u"cmd:t2 NOOP"_s}},
        {"literal at the limit",
         "t LOGIN {10}\r\n0123456789 x\r\n"_ba,
         u"small"_s,
         {u"continue:10"_s, u"cmd:t LOGIN {10}\\r\\n0123456789 x"_s}},
        {"literal over the limit, non-synchronizing: discarded with the rest",
         "t LOGIN {11+}\r\n01234567890 rest {2+}\r\nxy more\r\nt2 NOOP\r\n"_ba,
         u"small"_s,
         {u"refused:t BAD [TOOBIG] Literal is larger than 10 octets\\r\\n"_s, u"cmd:t2 NOOP"_s}},
        {"discarding stops at a synchronizing marker",
         "t LOGIN {11+}\r\n01234567890 {2}\r\nt2 NOOP\r\n"_ba,
         u"small"_s,
         {u"refused:t BAD [TOOBIG] Literal is larger than 10 octets\\r\\n"_s, u"cmd:t2 NOOP"_s}},
        {"non-synchronizing too big to discard closes",
         "t LOGIN {31+}\r\nt2 NOOP\r\nt3 NOOP\r\n"_ba,
         u"small"_s,
         {u"refused:t BAD [TOOBIG] Literal is larger than 10 octets\\r\\n close"_s}},
        {"discarded line announcing a literal too big to discard",
         "t LOGIN {11+}\r\n01234567890 {31+}\r\nt2 NOOP\r\n"_ba,
         u"small"_s,
         {u"refused:t BAD [TOOBIG] Literal is larger than 10 octets\\r\\n"_s,
          u"refused:* BYE Literal too large to discard\\r\\n close"_s}},
        {"unparsable size, synchronizing",
         "t LOGIN {99999999999999999999}\r\nt2 NOOP\r\n"_ba,
         {},
         {u"refused:t BAD [TOOBIG] Literal size is not a valid number\\r\\n"_s, u"cmd:t2 NOOP"_s}},
        {"unparsable size, non-synchronizing",
         "t LOGIN {99999999999999999999+}\r\nt2 NOOP\r\n"_ba,
         {},
         {u"refused:t BAD [TOOBIG] Literal size is not a valid number\\r\\n close"_s}},
        {"too many literals",
         "t X {1+}\r\na {1+}\r\nb {1+}\r\nc {1+}\r\nd\r\nt2 NOOP\r\n"_ba,
         u"small"_s,
         {u"refused:t BAD [LIMIT] Too many literals in one command\\r\\n"_s, u"cmd:t2 NOOP"_s}},
        {"command size over the limit",
         "t X " + QByteArray(20, 'a') +
             " {10}\r\n0123456789 {10}\r\n0123456789 {10}\r\n"
             "t2 NOOP\r\n",
         u"small"_s,
         {u"continue:10"_s, u"continue:10"_s,
          u"refused:t BAD [TOOBIG] Command is larger than 60 octets\\r\\n"_s, u"cmd:t2 NOOP"_s}},
        {"line too long",
         QByteArray(41, 'x') + "\r\na NOOP\r\n",
         u"small"_s,
         {u"toolong:* BYE Command line too long\\r\\n"_s}},
        {"line at the limit",
         QByteArray(40, 'x') + "\r\na NOOP\r\n",
         u"small"_s,
         {u"cmd:"_s + QString(40, u'x'), u"cmd:a NOOP"_s}},
        {"line too long, no end yet",
         QByteArray(41, 'x'),
         u"small"_s,
         {u"toolong:* BYE Command line too long\\r\\n"_s}},
        {"text limit counts every line",
         "t LOGIN " + QByteArray(20, 'a') + " {1}\r\nb " + QByteArray(20, 'c') + "\r\n",
         u"small"_s,
         {u"continue:1"_s, u"toolong:* BYE Command line too long\\r\\n"_s}},

        // APPEND message literal (RFC 9051 section 6.3.12, RFC 7889)
        {"APPEND collected",
         "t APPEND INBOX {5}\r\nhello\r\n"_ba,
         {},
         {u"append:5"_s, u"cmd:t APPEND INBOX {5}\\r\\n msg@20:hello"_s}},
        {"APPEND non-synchronizing",
         "t APPEND INBOX (\\Seen) {5+}\r\nhello\r\nu NOOP\r\n"_ba,
         {},
         {u"append:5+"_s, u"cmd:t APPEND INBOX (\\Seen) {5+}\\r\\n msg@29:hello"_s,
          u"cmd:u NOOP"_s}},
        {"APPEND streamed",
         "t APPEND INBOX {5}\r\nhello\r\n"_ba,
         u"stream"_s,
         {u"append:5"_s, u"data:hello"_s, u"cmd:t APPEND INBOX {5}\\r\\n msg@20:streamed"_s}},
        {"APPEND empty message",
         "t APPEND INBOX {0}\r\n\r\n"_ba,
         u"stream"_s,
         {u"append:0"_s, u"cmd:t APPEND INBOX {0}\\r\\n msg@20:streamed"_s}},
        {"APPEND message with CRLF and marker",
         "t APPEND INBOX {8}\r\na {3}\r\nb\r\n"_ba,
         {},
         {u"append:8"_s, u"cmd:t APPEND INBOX {8}\\r\\n msg@20:a {3}\\r\\nb"_s}},
        {"APPEND mailbox as a literal",
         "t APPEND {5}\r\nINBOX {3}\r\nabc\r\n"_ba,
         {},
         {u"continue:5"_s, u"append:3"_s, u"cmd:t APPEND {5}\\r\\nINBOX {3}\\r\\n msg@25:abc"_s}},
        {"append in lower case",
         "t append INBOX {1}\r\nx\r\n"_ba,
         {},
         {u"append:1"_s, u"cmd:t append INBOX {1}\\r\\n msg@20:x"_s}},
        {"APPEND refused, synchronizing",
         "t APPEND Foo {5}\r\nt2 NOOP\r\n"_ba,
         u"refuse"_s,
         {u"append:5"_s, u"cmd:t2 NOOP"_s}},
        {"APPEND refused, non-synchronizing",
         "t APPEND Foo {5+}\r\nhello\r\nt2 NOOP\r\n"_ba,
         u"refuse"_s,
         {u"append:5+"_s, u"cmd:t2 NOOP"_s}},
        {"APPEND refused, too big to discard",
         "t APPEND Foo {5+}\r\nhello\r\nt2 NOOP\r\n"_ba,
         u"refuse tinydiscard"_s,
         {u"append:5+"_s, u"close"_s}},
        {"APPEND over APPENDLIMIT, synchronizing",
         "t APPEND INBOX {21}\r\nt2 NOOP\r\n"_ba,
         u"small"_s,
         {u"refused:t NO [TOOBIG] Message is larger than APPENDLIMIT 20\\r\\n"_s,
          u"cmd:t2 NOOP"_s}},
        {"APPEND over APPENDLIMIT, non-synchronizing",
         "t APPEND INBOX {25+}\r\n0123456789012345678901234\r\nt2 NOOP\r\n"_ba,
         u"small"_s,
         {u"refused:t NO [TOOBIG] Message is larger than APPENDLIMIT 20\\r\\n"_s,
          u"cmd:t2 NOOP"_s}},
        {"APPEND at APPENDLIMIT over the literal limit",
         "t APPEND INBOX {20}\r\n" + QByteArray(20, 'm') + "\r\n",
         u"small"_s,
         {u"append:20"_s, u"cmd:t APPEND INBOX {20}\\r\\n msg@21:"_s + QString(20, u'm')}},
        {"APPEND UTF8 literal8",
         "t APPEND INBOX UTF8 (~{3}\r\nabc)\r\n"_ba,
         {},
         {u"append:3~"_s, u"cmd:t APPEND INBOX UTF8 (~{3}\\r\\n) msg@27:abc"_s}},
        {"second message literal is an ordinary literal",
         "t APPEND INBOX {1}\r\na {1}\r\nb\r\n"_ba,
         {},
         {u"append:1"_s, u"continue:1"_s, u"cmd:t APPEND INBOX {1}\\r\\n {1}\\r\\nb msg@20:a"_s}},
    };
    for (const Row &row : rows)
        QTest::newRow(row.name) << row.input << row.config << row.events;
}

void TestImapCommandReader::frame() {
    QFETCH(QByteArray, input);
    QFETCH(QString, config);
    QFETCH(QStringList, events);
    const Config c = configFrom(config);

    QCOMPARE(run(input, c, {}), events);
    QList<qsizetype> everyOctet;
    for (qsizetype i = 1; i < input.size(); ++i)
        everyOctet.append(i);
    QCOMPARE(run(input, c, everyOctet), events);
    if (input.size() <= 200) {
        for (qsizetype cut = 1; cut < input.size(); ++cut)
            QCOMPARE(run(input, c, {cut}), events);
    }
}

void TestImapCommandReader::appendHeaderParsesBeforeTheMessage() {
    ImapCommandReader reader;
    const QByteArray head = "A003 APPEND saved-messages (\\Seen) \"05-Jan-2024 10:20:30 +0100\" "
                            "{310}\r\n"_ba;
    const ImapCommandReader::Result r = reader.next(head);
    QCOMPARE(r.status, ImapCommandReader::Status::AppendLiteral);
    QCOMPARE(r.consumed, head.size());
    QCOMPARE(reader.tag(), "A003"_ba);
    QVERIFY(reader.literal().message);
    QCOMPARE(reader.literal().size, 310);

    const ImapParseResult header = parseCommand(reader.appendHeader());
    QVERIFY(header.ok());
    const auto *append = header.command.as<ImapAppendArguments>();
    QVERIFY(append);
    QCOMPARE(append->mailbox, u"saved-messages"_s);
    QCOMPARE(append->flags, QByteArrayList{"\\Seen"_ba});
    QVERIFY(append->internalDate.has_value());
    QCOMPARE(append->messageSize, 310);

    reader.acceptLiteral();
    const QByteArray body = QByteArray(310, 'm') + "\r\n";
    const ImapCommandReader::Result done = reader.next(body);
    QCOMPARE(done.status, ImapCommandReader::Status::Command);
    const ImapParseResult full = parseCommand(reader.takeCommand());
    QVERIFY(full.ok());
    QCOMPARE(full.command.as<ImapAppendArguments>()->message, QByteArray(310, 'm'));
}

void TestImapCommandReader::streamedMessageIsNotCopied() {
    ImapCommandReader reader;
    reader.setMessageMode(ImapCommandReader::MessageMode::Stream);
    const QByteArray input = "t APPEND INBOX {6}\r\nabcdef\r\n"_ba;
    QByteArrayView rest(input);
    ImapCommandReader::Result r = reader.next(rest);
    QCOMPARE(r.status, ImapCommandReader::Status::AppendLiteral);
    rest = rest.sliced(r.consumed);
    reader.acceptLiteral();
    r = reader.next(rest);
    QCOMPARE(r.status, ImapCommandReader::Status::MessageData);
    // A view of the caller's buffer, not a copy.
    QCOMPARE(r.data.data(), input.constData() + input.indexOf("abcdef"));
    QCOMPARE(r.data.size(), 6);
    rest = rest.sliced(r.consumed);
    r = reader.next(rest);
    QCOMPARE(r.status, ImapCommandReader::Status::Command);
    const ImapParseResult parsed = parseCommand(reader.takeCommand());
    QVERIFY(parsed.ok());
    QVERIFY(parsed.command.as<ImapAppendArguments>()->messageStreamed);
    QCOMPARE(parsed.command.as<ImapAppendArguments>()->messageSize, 6);
}

void TestImapCommandReader::resetForgetsPartialCommand() {
    ImapCommandReader reader;
    QCOMPARE(reader.next("a STARTTLS\r\nb LOGIN {5}\r\nab"_ba).status,
             ImapCommandReader::Status::Command);
    reader.reset();
    QVERIFY(!reader.hasPartialCommand());
    const ImapCommandReader::Result r = reader.next("c NOOP\r\n"_ba);
    QCOMPARE(r.status, ImapCommandReader::Status::Command);
    QCOMPARE(reader.takeCommand().text, "c NOOP"_ba);
}

void TestImapCommandReader::tagOfRefusedCommand() {
    ImapLimits limits;
    limits.maxNonAppendLiteral = 1;
    ImapCommandReader reader(limits);
    ImapCommandReader::Result r = reader.next("+bad LOGIN {2}\r\n"_ba);
    QCOMPARE(r.status, ImapCommandReader::Status::LiteralRefused);
    QCOMPARE(reader.tag(), QByteArray()); // "+" is not a tag character: answer "*"
    QCOMPARE(r.response.toWire(reader.tag()),
             "* BAD [TOOBIG] Literal is larger than 1 octets\r\n"_ba);
    r = reader.next("ok1 LOGIN {2}\r\n"_ba);
    QCOMPARE(reader.tag(), "ok1"_ba);
}

QTEST_APPLESS_MAIN(TestImapCommandReader)
#include "tst_imapcommandreader.moc"
