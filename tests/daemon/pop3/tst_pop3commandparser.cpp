// tst_pop3commandparser.cpp - tables of POP3 command lines and what they
// parse to
//
// Covers daemon/pop3/Pop3CommandParser: every command of RFC 1939, CAPA
// (RFC 2449), STLS (RFC 2595), AUTH with and without an initial response
// and the SASL response lines (RFC 5034), the line limits, and every error.
// Each case is fed whole, and again byte by byte, through the framing; the
// framing's own cases (bare LF, CR, over-long lines, pipelining) have a
// table of their own.

#include "pop3/Pop3CommandParser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::pop3;

namespace {

using Status = Pop3ParseResult::Status;

// One canonical line per result, so a table row states everything.
QString describe(const Pop3ParseResult &result) {
    const Pop3Command &c = result.command;
    const QString verb =
        c.verb == Pop3Verb::Unknown ? u"?"_s : QString::fromLatin1(verbName(c.verb));
    switch (result.status) {
    case Status::NeedMore:
        return u"need-more"_s;
    case Status::Error:
        return verb + u" ERR "_s + QString::fromUtf8(result.error);
    case Status::SaslResponse:
        return result.saslCancelled ? u"sasl cancel"_s
                                    : u"sasl "_s + QString::fromLatin1(result.saslData.toHex());
    case Status::Command:
        break;
    }
    QString out = verb;
    if (!c.argument.isEmpty())
        out += u" arg="_s + QString::fromUtf8(c.argument);
    if (c.message > 0)
        out += u" msg="_s + QString::number(c.message);
    if (c.verb == Pop3Verb::Top)
        out += u" lines="_s + QString::number(c.lines);
    if (c.hasInitialResponse)
        out += u" ir="_s + QString::fromLatin1(c.initialResponse.toHex());
    return out;
}

// Everything the parser returns for `input`, fed in pieces of `step` bytes
// (0: whole), as described lines.
QStringList feed(const QByteArray &input, qsizetype step, Pop3CommandParser::Expect expect,
                 const Pop3Limits &limits = {}) {
    Pop3CommandParser parser(limits);
    QStringList out;
    qsizetype position = 0;
    while (position < input.size()) {
        const qsizetype length =
            step > 0 ? std::min(step, input.size() - position) : input.size() - position;
        QByteArrayView piece = QByteArrayView(input).sliced(position, length);
        position += length;
        while (!piece.isEmpty()) {
            const Pop3ParseResult result = parser.next(piece, expect);
            if (result.consumed <= 0 || result.consumed > piece.size())
                return {u"bad consumed"_s};
            piece = piece.sliced(result.consumed);
            if (result.status != Status::NeedMore)
                out.append(describe(result));
        }
    }
    return out;
}

} // namespace

class TestPop3CommandParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commands_data();
    void commands();
    void saslResponses_data();
    void saslResponses();
    void framing_data();
    void framing();
    void authLineMayExceedCommandLimit();
    void resetDropsPartialLine();
};

void TestPop3CommandParser::commands_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");

    // RFC 1939 commands, any case, tolerant spacing.
    QTest::newRow("user") << "USER alice@example.test"_ba << u"USER arg=alice@example.test"_s;
    QTest::newRow("user lower") << "user alice"_ba << u"USER arg=alice"_s;
    QTest::newRow("user trailing space") << "USER alice  "_ba << u"USER arg=alice"_s;
    QTest::newRow("user utf8") << "USER d\xc3\xa9j\xc3\xa0@example.test"_ba
                               << u"USER arg=déjà@example.test"_s;
    QTest::newRow("pass") << "PASS secret"_ba << u"PASS arg=secret"_s;
    QTest::newRow("pass with spaces")
        << "PASS a long  password "_ba << u"PASS arg=a long  password "_s;
    QTest::newRow("pass leading space kept") << "PASS  x"_ba << u"PASS arg= x"_s;
    QTest::newRow("stat") << "STAT"_ba << u"STAT"_s;
    QTest::newRow("stat mixed case") << "sTaT"_ba << u"STAT"_s;
    QTest::newRow("list") << "LIST"_ba << u"LIST"_s;
    QTest::newRow("list n") << "LIST 2"_ba << u"LIST msg=2"_s;
    QTest::newRow("list spaces") << "LIST   7  "_ba << u"LIST msg=7"_s;
    QTest::newRow("retr") << "RETR 1"_ba << u"RETR msg=1"_s;
    QTest::newRow("retr leading zeros") << "RETR 007"_ba << u"RETR msg=7"_s;
    QTest::newRow("dele") << "DELE 12"_ba << u"DELE msg=12"_s;
    QTest::newRow("noop") << "NOOP"_ba << u"NOOP"_s;
    QTest::newRow("rset") << "RSET"_ba << u"RSET"_s;
    QTest::newRow("quit") << "QUIT"_ba << u"QUIT"_s;
    QTest::newRow("quit trailing space") << "QUIT "_ba << u"QUIT"_s;
    QTest::newRow("top") << "TOP 1 10"_ba << u"TOP msg=1 lines=10"_s;
    QTest::newRow("top zero lines") << "TOP 3 0"_ba << u"TOP msg=3 lines=0"_s;
    QTest::newRow("uidl") << "UIDL"_ba << u"UIDL"_s;
    QTest::newRow("uidl n") << "UIDL 4"_ba << u"UIDL msg=4"_s;
    QTest::newRow("capa") << "CAPA"_ba << u"CAPA"_s;
    QTest::newRow("stls") << "STLS"_ba << u"STLS"_s;
    QTest::newRow("largest number") << "RETR 2147483647"_ba << u"RETR msg=2147483647"_s;
    // RFC 5034 AUTH.
    QTest::newRow("auth list") << "AUTH"_ba << u"AUTH"_s;
    QTest::newRow("auth plain") << "AUTH PLAIN"_ba << u"AUTH arg=PLAIN"_s;
    QTest::newRow("auth mechanism upper-cased") << "auth plain"_ba << u"AUTH arg=PLAIN"_s;
    QTest::newRow("auth unknown mechanism") << "AUTH X-FOO_2"_ba << u"AUTH arg=X-FOO_2"_s;
    QTest::newRow("auth initial response") << "AUTH PLAIN AGFsaWNlAHNlY3JldA=="_ba
                                           << u"AUTH arg=PLAIN ir=00616c69636500736563726574"_s;
    QTest::newRow("auth empty initial response") << "AUTH PLAIN ="_ba << u"AUTH arg=PLAIN ir="_s;

    // Errors.
    QTest::newRow("empty") << ""_ba << u"? ERR Empty command"_s;
    QTest::newRow("unknown") << "HELO x"_ba << u"? ERR Unknown command"_s;
    QTest::newRow("apop not offered")
        << "APOP mrose c4c9334bac560ecc979e58001b3e22fb"_ba << u"? ERR Unknown command"_s;
    QTest::newRow("verb prefix") << "RETRX 1"_ba << u"? ERR Unknown command"_s;
    QTest::newRow("leading space") << " STAT"_ba << u"? ERR Unknown command"_s;
    QTest::newRow("nul") << QByteArray("USER a\0b", 8)
                         << u"USER ERR Invalid characters in the command"_s;
    QTest::newRow("tab") << "PASS a\tb"_ba << u"PASS ERR Invalid characters in the command"_s;
    QTest::newRow("cr inside") << "NOOP\rX"_ba << u"? ERR Invalid characters in the command"_s;
    QTest::newRow("del") << "USER a\x7f"_ba << u"USER ERR Invalid characters in the command"_s;
    QTest::newRow("user missing") << "USER"_ba << u"USER ERR USER needs exactly one name"_s;
    QTest::newRow("user two") << "USER a b"_ba << u"USER ERR USER needs exactly one name"_s;
    QTest::newRow("pass missing") << "PASS"_ba << u"PASS ERR PASS needs a password"_s;
    QTest::newRow("pass empty") << "PASS "_ba << u"PASS ERR PASS needs a password"_s;
    QTest::newRow("stat argument") << "STAT 1"_ba << u"STAT ERR STAT takes no arguments"_s;
    QTest::newRow("quit argument") << "QUIT now"_ba << u"QUIT ERR QUIT takes no arguments"_s;
    QTest::newRow("stls argument") << "STLS x"_ba << u"STLS ERR STLS takes no arguments"_s;
    QTest::newRow("retr missing") << "RETR"_ba << u"RETR ERR RETR needs one message number"_s;
    QTest::newRow("dele two") << "DELE 1 2"_ba << u"DELE ERR DELE needs one message number"_s;
    QTest::newRow("list two") << "LIST 1 2"_ba << u"LIST ERR LIST needs one message number"_s;
    QTest::newRow("retr letters") << "RETR one"_ba << u"RETR ERR Invalid message number"_s;
    QTest::newRow("retr negative") << "RETR -1"_ba << u"RETR ERR Invalid message number"_s;
    QTest::newRow("retr plus") << "RETR +1"_ba << u"RETR ERR Invalid message number"_s;
    QTest::newRow("retr too large") << "RETR 2147483648"_ba << u"RETR ERR Invalid message number"_s;
    QTest::newRow("retr eleven digits")
        << "RETR 00000000001"_ba << u"RETR ERR Invalid message number"_s;
    QTest::newRow("retr zero parses") << "RETR 0"_ba << u"RETR"_s;
    QTest::newRow("top one") << "TOP 1"_ba
                             << u"TOP ERR TOP needs a message number and a line count"_s;
    QTest::newRow("top bad count") << "TOP 1 x"_ba << u"TOP ERR Invalid line count"_s;
    QTest::newRow("top bad message") << "TOP x 1"_ba << u"TOP ERR Invalid message number"_s;
    QTest::newRow("auth bad base64")
        << "AUTH PLAIN AGFsaWNl!"_ba << u"AUTH ERR Invalid base64 in the initial response"_s;
    QTest::newRow("auth base64") << "AUTH PLAIN AGFsaWNl"_ba << u"AUTH arg=PLAIN ir=00616c696365"_s;
    QTest::newRow("auth short base64")
        << "AUTH PLAIN AGE"_ba << u"AUTH ERR Invalid base64 in the initial response"_s;
    QTest::newRow("auth three words")
        << "AUTH PLAIN = x"_ba
        << u"AUTH ERR AUTH takes a mechanism and an optional initial response"_s;
    QTest::newRow("auth bad mechanism")
        << "AUTH PL@IN"_ba << u"AUTH ERR Invalid SASL mechanism name"_s;
    QTest::newRow("auth long mechanism")
        << "AUTH ABCDEFGHIJKLMNOPQRSTU"_ba << u"AUTH ERR Invalid SASL mechanism name"_s;
    QTest::newRow("command too long")
        << "PASS "_ba + QByteArray(249, 'x') << u"PASS ERR Line too long"_s;
    QTest::newRow("command at the limit")
        << "PASS "_ba + QByteArray(248, 'x') << u"PASS arg="_s + QString(248, u'x');
}

void TestPop3CommandParser::commands() {
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    QCOMPARE(describe(parseCommandLine(line)), expected);
    for (const QByteArray &ending : {"\r\n"_ba, "\n"_ba}) {
        QCOMPARE(feed(line + ending, 0, Pop3CommandParser::Expect::Command), QStringList{expected});
        QCOMPARE(feed(line + ending, 1, Pop3CommandParser::Expect::Command), QStringList{expected});
    }
}

void TestPop3CommandParser::saslResponses_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "AGFsaWNlAHNlY3JldA=="_ba << u"sasl 00616c69636500736563726574"_s;
    QTest::newRow("cancel") << "*"_ba << u"sasl cancel"_s;
    QTest::newRow("empty") << ""_ba << u"sasl "_s;
    QTest::newRow("not base64") << "hello world"_ba
                                << u"AUTH ERR Invalid base64 in the SASL response"_s;
    QTest::newRow("star and more") << "**"_ba << u"AUTH ERR Invalid base64 in the SASL response"_s;
    QTest::newRow("control") << "AGFs\x01"_ba << u"AUTH ERR Invalid base64 in the SASL response"_s;
    // RFC 5034 section 4: responses are not held to the 255-octet limit.
    QTest::newRow("long") << QByteArray(1000, 'A')
                          << u"sasl "_s + QString::fromLatin1(QByteArray(750, '\0').toHex());
}

void TestPop3CommandParser::saslResponses() {
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    QCOMPARE(describe(parseSaslResponse(line)), expected);
    const QByteArray input = line + "\r\n";
    QCOMPARE(feed(input, 0, Pop3CommandParser::Expect::SaslResponse), QStringList{expected});
    QCOMPARE(feed(input, 1, Pop3CommandParser::Expect::SaslResponse), QStringList{expected});
}

void TestPop3CommandParser::framing_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("pipelined") << "USER a\r\nPASS b c\r\nSTAT\r\n"_ba
                               << QStringList{u"USER arg=a"_s, u"PASS arg=b c"_s, u"STAT"_s};
    QTest::newRow("bare lf") << "NOOP\nQUIT\n"_ba << QStringList{u"NOOP"_s, u"QUIT"_s};
    QTest::newRow("partial last line") << "NOOP\r\nQUI"_ba << QStringList{u"NOOP"_s};
    QTest::newRow("empty lines") << "\r\n\n"_ba
                                 << QStringList{u"? ERR Empty command"_s, u"? ERR Empty command"_s};
    QTest::newRow("cr cr lf") << "NOOP\r\r\n"_ba
                              << QStringList{u"? ERR Invalid characters in the command"_s};
    QTest::newRow("over-long then next") << QByteArray(5000, 'x') + "\r\nNOOP\r\n"
                                         << QStringList{u"? ERR Line too long"_s, u"NOOP"_s};
    QTest::newRow("over-long bare lf") << QByteArray(3000, 'y') + "\nSTAT\n"
                                       << QStringList{u"? ERR Line too long"_s, u"STAT"_s};
    // "AUTH PLAIN " + 2036 + CRLF is one octet over saslLineOctets.
    QTest::newRow("frame limit plus one")
        << "AUTH PLAIN "_ba + QByteArray(2036, 'A') + "\r\nNOOP\r\n"
        << QStringList{u"? ERR Line too long"_s, u"NOOP"_s};
    QTest::newRow("nul line") << QByteArray("\0\r\n", 3)
                              << QStringList{u"? ERR Invalid characters in the command"_s};
}

void TestPop3CommandParser::framing() {
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QCOMPARE(feed(input, 0, Pop3CommandParser::Expect::Command), expected);
    QCOMPARE(feed(input, 1, Pop3CommandParser::Expect::Command), expected);
    QCOMPARE(feed(input, 7, Pop3CommandParser::Expect::Command), expected);
}

void TestPop3CommandParser::authLineMayExceedCommandLimit() {
    // A 1000-octet initial response: over RFC 2449's 255 but within the
    // SASL line limit, so a sloppy client still logs in.
    const QByteArray response = QByteArray(750, 'z').toBase64();
    const QByteArray line = "AUTH PLAIN " + response;
    const Pop3ParseResult result = parseCommandLine(line);
    QCOMPARE(result.status, Status::Command);
    QCOMPARE(result.command.initialResponse, QByteArray(750, 'z'));
    // The longest AUTH line the framing takes, with either line end.
    for (const QByteArray &ending : {"\r\n"_ba, "\n"_ba}) {
        const QByteArray longest = "AUTH PLAIN "_ba + QByteArray(2032, 'A') + ending;
        const QStringList parsed = feed(longest, 1, Pop3CommandParser::Expect::Command);
        QCOMPARE(parsed.size(), 1);
        QVERIFY2(parsed.first().startsWith(u"AUTH arg=PLAIN ir=0000"_s),
                 qPrintable(parsed.first()));
    }
    // Small limits are honoured as given.
    Pop3Limits tiny;
    tiny.maxCommandLine = 10;
    tiny.maxSaslLine = 20;
    QCOMPARE(feed("NOOP\r\nLIST 12345\r\nAUTH PLAIN =\r\n"_ba, 1,
                  Pop3CommandParser::Expect::Command, tiny),
             (QStringList{u"NOOP"_s, u"LIST ERR Line too long"_s, u"AUTH arg=PLAIN ir="_s}));
}

void TestPop3CommandParser::resetDropsPartialLine() {
    Pop3CommandParser parser;
    Pop3ParseResult result = parser.next("USER mallo"_ba);
    QCOMPARE(result.status, Status::NeedMore);
    parser.reset();
    result = parser.next("CAPA\r\n"_ba);
    QCOMPARE(describe(result), u"CAPA"_s);
    QCOMPARE(result.consumed, 6);
}

QTEST_APPLESS_MAIN(TestPop3CommandParser)
#include "tst_pop3commandparser.moc"
