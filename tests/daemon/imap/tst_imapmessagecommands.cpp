// tst_imapmessagecommands.cpp - tables of the selected-state commands and
// what they parse to: SEARCH, FETCH, STORE, COPY, MOVE, EXPUNGE, with and
// without UID
//
// Covers daemon/imap/ImapSearchArguments (every RFC 9051 search key, nested
// OR/NOT/parentheses, CHARSET and BADCHARSET, RETURN for ESEARCH RFC 4731,
// MODSEQ RFC 7162, "$" RFC 5182, depth and key limits),
// ImapFetchArguments (macros, every data item, sections, partial ranges,
// CHANGEDSINCE, VANISHED) and ImapStoreArguments (FLAGS/+FLAGS/-FLAGS,
// .SILENT, UNCHANGEDSINCE); examples from RFC 9051, RFC 3501 and RFC 7162.
// Each command is parsed directly and after passing through
// ImapCommandReader whole and byte by byte.

#include "ImapTestSupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::imap;
using namespace mailstead::imap::test;

class TestImapMessageCommands : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commands_data();
    void commands();
    void searchLimits();
    void fetchResponseNames();
};

void TestImapMessageCommands::commands_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("expected");

    struct Row {
        const char *name;
        QByteArray line;
        QString options;
        QString expected;
    };
    const Row rows[] = {
        // SEARCH (RFC 9051 6.4.4)
        {"SEARCH RFC 9051 example",
         "A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\""_ba,
         {},
         u"A282 SEARCH return=MIN,COUNT (FLAGGED SINCE:1994-02-01 NOT(FROM\"Smith\"))"_s},
        {"SEARCH RETURN ()",
         "A283 SEARCH RETURN () FLAGGED"_ba,
         {},
         u"A283 SEARCH return=ALL (FLAGGED)"_s},
        {"SEARCH TEXT",
         "A284 SEARCH TEXT \"string not in mailbox\""_ba,
         {},
         u"A284 SEARCH (TEXT\"string not in mailbox\")"_s},
        {"SEARCH CHARSET UTF-8 literal",
         "A285 SEARCH CHARSET UTF-8 TEXT {5}\r\ncaf\xc3\xa9"_ba,
         {},
         u"A285 SEARCH charset=UTF-8 (TEXT\"café\")"_s},
        {"SEARCH charset lower case",
         "A SEARCH charset us-ascii ALL"_ba,
         {},
         u"A SEARCH charset=US-ASCII (ALL)"_s},
        {"SEARCH unknown charset",
         "A286 SEARCH CHARSET KOI8-R TEXT x"_ba,
         {},
         u"A286 ERR NO [BADCHARSET (US-ASCII UTF-8)]"_s},
        {"SEARCH CHARSET after UTF8=ACCEPT", "A SEARCH CHARSET UTF-8 ALL"_ba, u"utf8"_s,
         u"A ERR BAD"_s},
        {"SEARCH CHARSET under IMAP4rev2", "A SEARCH CHARSET UTF-8 ALL"_ba, u"rev2"_s,
         u"A SEARCH charset=UTF-8 (ALL)"_s},
        {"SEARCH UTF-8 quoted under IMAP4rev2", "A SEARCH SUBJECT \"caf\xc3\xa9\""_ba, u"rev2"_s,
         u"A SEARCH (SUBJECT\"café\")"_s},
        {"SEARCH invalid UTF-8 literal", "A SEARCH TEXT {2}\r\n\xc3("_ba, {}, u"A ERR BAD"_s},
        {"SEARCH flags keys",
         "A SEARCH ALL ANSWERED DELETED DRAFT FLAGGED NEW OLD RECENT SEEN UNANSWERED UNDELETED "
         "UNDRAFT UNFLAGGED UNSEEN"_ba,
         {},
         u"A SEARCH (ALL ANSWERED DELETED DRAFT FLAGGED NEW OLD RECENT SEEN UNANSWERED "
         "UNDELETED UNDRAFT UNFLAGGED UNSEEN)"_s},
        {"SEARCH string keys",
         "A SEARCH BCC a CC \"b c\" BODY {1}\r\nd FROM e SUBJECT f TO g"_ba,
         {},
         u"A SEARCH (BCC\"a\" CC\"b c\" BODY\"d\" FROM\"e\" SUBJECT\"f\" TO\"g\")"_s},
        {"SEARCH date keys",
         "A SEARCH BEFORE 4-Jan-2000 ON \"05-jan-2000\" SINCE 6-JAN-2000 SENTBEFORE 1-Jan-2000 "
         "SENTON 2-Jan-2000 SENTSINCE 3-Jan-2000"_ba,
         {},
         u"A SEARCH (BEFORE:2000-01-04 ON:2000-01-05 SINCE:2000-01-06 SENTBEFORE:2000-01-01 "
         "SENTON:2000-01-02 SENTSINCE:2000-01-03)"_s},
        {"SEARCH size keys",
         "A SEARCH LARGER 1000 SMALLER 5000000000"_ba,
         {},
         u"A SEARCH (LARGER:1000 SMALLER:5000000000)"_s},
        {"SEARCH HEADER",
         "A SEARCH HEADER Message-ID <x@example.org>"_ba,
         {},
         u"A SEARCH (HEADER:Message-ID=\"<x@example.org>\")"_s},
        {"SEARCH HEADER empty value",
         "A SEARCH HEADER X-Spam \"\""_ba,
         {},
         u"A SEARCH (HEADER:X-Spam=\"\")"_s},
        {"SEARCH KEYWORD",
         "A SEARCH KEYWORD $Forwarded UNKEYWORD $Junk"_ba,
         {},
         u"A SEARCH (KEYWORD:$Forwarded UNKEYWORD:$Junk)"_s},
        {"SEARCH OR",
         "A SEARCH OR FROM alice TO bob"_ba,
         {},
         u"A SEARCH (OR(FROM\"alice\" TO\"bob\"))"_s},
        {"SEARCH nested",
         "A SEARCH (OR (SEEN FLAGGED) NOT (DELETED)) UID 1:100,200"_ba,
         {},
         u"A SEARCH ((OR((SEEN FLAGGED) NOT((DELETED)))) UID:1:100,200)"_s},
        {"SEARCH OR of OR",
         "A SEARCH OR OR SEEN DRAFT NOT OR ANSWERED DELETED"_ba,
         {},
         u"A SEARCH (OR(OR(SEEN DRAFT) NOT(OR(ANSWERED DELETED))))"_s},
        {"SEARCH sequence set", "A SEARCH 1:5,7,*"_ba, {}, u"A SEARCH (SEQ:1:5,7,*)"_s},
        {"UID SEARCH",
         "A UID SEARCH 1:* NOT DELETED"_ba,
         {},
         u"A UID SEARCH (SEQ:1:* NOT(DELETED))"_s},
        {"SEARCH lower case", "a search or seen unseen"_ba, {}, u"a SEARCH (OR(SEEN UNSEEN))"_s},
        {"SEARCH MODSEQ (RFC 7162)",
         "a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338"_ba,
         {},
         u"a SEARCH (MODSEQ:/flags/\\draft,all,620162338)"_s},
        {"SEARCH MODSEQ plain",
         "t SEARCH OR NOT MODSEQ 720162338 LARGER 50000 SEEN"_ba,
         {},
         u"t SEARCH (OR(NOT(MODSEQ:720162338) LARGER:50000) SEEN)"_s},
        {"SEARCH MODSEQ bad type",
         "a SEARCH MODSEQ \"/flags/\\\\draft\" mine 5"_ba,
         {},
         u"a ERR BAD"_s},
        {"SEARCH MODSEQ bad entry", "a SEARCH MODSEQ \"/other/x\" all 5"_ba, {}, u"a ERR BAD"_s},
        {"SEARCH RETURN SAVE (RFC 5182)",
         "A SEARCH RETURN (SAVE) FROM x"_ba,
         {},
         u"A SEARCH return=SAVE (FROM\"x\")"_s},
        {"SEARCH RETURN every option",
         "A SEARCH RETURN (MIN MAX ALL COUNT SAVE) ALL"_ba,
         {},
         u"A SEARCH return=MIN,MAX,ALL,COUNT,SAVE (ALL)"_s},
        {"SEARCH $", "A SEARCH $"_ba, {}, u"A SEARCH (SEQ:$)"_s},
        {"UID SEARCH UID $", "A UID SEARCH UID $ SEEN"_ba, {}, u"A UID SEARCH (UID:$ SEEN)"_s},
        {"SEARCH $ in a set", "A SEARCH 1,$"_ba, {}, u"A SEARCH (SEQ:1,$)"_s},
        {"SEARCH RETURN with CHARSET",
         "A SEARCH RETURN (COUNT) CHARSET UTF-8 SEEN"_ba,
         {},
         u"A SEARCH return=COUNT charset=UTF-8 (SEEN)"_s},
        {"SEARCH nothing", "A SEARCH"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH unknown key", "A SEARCH FOO"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH unclosed", "A SEARCH (SEEN"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH empty parentheses", "A SEARCH ()"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH OR with one key", "A SEARCH OR SEEN"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH NOT alone", "A SEARCH NOT"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH bad date", "A SEARCH SINCE 32-Jan-2000"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH bad month", "A SEARCH SINCE 1-Foo-2000"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH date-time as date",
         "A SEARCH SINCE \"1-Jan-2000 10:00:00 +0000\""_ba,
         {},
         u"A ERR BAD"_s},
        {"SEARCH LARGER not a number", "A SEARCH LARGER x"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH LARGER too big", "A SEARCH LARGER 99999999999999999999"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH RETURN unknown", "A SEARCH RETURN (FOO) ALL"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH RETURN without keys", "A SEARCH RETURN (ALL)"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH bad sequence set", "A SEARCH 1:"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH zero", "A SEARCH 0"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH HEADER without value", "A SEARCH HEADER Subject"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH KEYWORD system flag", "A SEARCH KEYWORD \\Seen"_ba, {}, u"A ERR BAD"_s},
        {"SEARCH 31 levels",
         "A SEARCH " + QByteArray("NOT ").repeated(31) + "SEEN",
         {},
         u"A SEARCH ("_s + u"NOT("_s.repeated(31) + u"SEEN"_s + u")"_s.repeated(31) + u')'},
        {"SEARCH 32 levels",
         "A SEARCH " + QByteArray("NOT ").repeated(32) + "SEEN",
         {},
         u"A ERR BAD"_s},
        {"SEARCH deep parentheses",
         "A SEARCH " + QByteArray(40, '(') + "SEEN" + QByteArray(40, ')'),
         {},
         u"A ERR BAD"_s},

        // FETCH (RFC 9051 6.4.5)
        {"FETCH RFC 9051 example",
         "A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])"_ba,
         {},
         u"A654 FETCH set=2:4 items=FLAGS,BODY[HEADER.FIELDS (DATE FROM)]"_s},
        {"FETCH ALL",
         "a FETCH 1 ALL"_ba,
         {},
         u"a FETCH set=1 items=FLAGS,INTERNALDATE,RFC822.SIZE,ENVELOPE"_s},
        {"FETCH FAST",
         "a FETCH 1 fast"_ba,
         {},
         u"a FETCH set=1 items=FLAGS,INTERNALDATE,RFC822.SIZE"_s},
        {"FETCH FULL",
         "a FETCH 1 FULL"_ba,
         {},
         u"a FETCH set=1 items=FLAGS,INTERNALDATE,RFC822.SIZE,ENVELOPE,BODY"_s},
        {"FETCH macro in a list", "a FETCH 1 (ALL)"_ba, {}, u"a ERR BAD"_s},
        {"FETCH single item", "a FETCH 1:* UID"_ba, {}, u"a FETCH set=1:* items=UID"_s},
        {"FETCH simple items",
         "a FETCH * (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY BODYSTRUCTURE UID MODSEQ "
         "RFC822 RFC822.HEADER RFC822.TEXT)"_ba,
         {},
         u"a FETCH set=* items=FLAGS,INTERNALDATE,RFC822.SIZE,ENVELOPE,BODY,BODYSTRUCTURE,UID,"
         "MODSEQ,RFC822,RFC822.HEADER,RFC822.TEXT"_s},
        {"FETCH sections",
         "a FETCH 1 (BODY[] BODY[TEXT] BODY[HEADER] BODY[1] BODY[1.2.3] BODY[1.MIME] "
         "BODY[2.HEADER] BODY[3.TEXT] BODY[4.HEADER.FIELDS.NOT (Received)])"_ba,
         {},
         u"a FETCH set=1 items=BODY[],BODY[TEXT],BODY[HEADER],BODY[1],BODY[1.2.3],BODY[1.MIME],"
         "BODY[2.HEADER],BODY[3.TEXT],BODY[4.HEADER.FIELDS.NOT (Received)]"_s},
        {"FETCH BODY.PEEK partial",
         "a FETCH 1 BODY.PEEK[]<0.100>"_ba,
         {},
         u"a FETCH set=1 items=BODY.PEEK[]<0.100>"_s},
        {"FETCH partial of a part",
         "a FETCH 1 (BODY[1.2]<1024.4096>)"_ba,
         {},
         u"a FETCH set=1 items=BODY[1.2]<1024.4096>"_s},
        {"FETCH lower case",
         "a fetch 1 (body.peek[header.fields (subject)] rfc822.size)"_ba,
         {},
         u"a FETCH set=1 items=BODY.PEEK[HEADER.FIELDS (subject)],RFC822.SIZE"_s},
        {"FETCH header field literal",
         "a FETCH 1 (BODY[HEADER.FIELDS ({4}\r\nDATE)])"_ba,
         {},
         u"a FETCH set=1 items=BODY[HEADER.FIELDS (DATE)]"_s},
        {"FETCH BINARY",
         "a FETCH 1 (BINARY[1] BINARY.PEEK[1.2]<0.10> BINARY.SIZE[3] BINARY[])"_ba,
         {},
         u"a FETCH set=1 items=BINARY[1],BINARY.PEEK[1.2]<0.10>,BINARY.SIZE[3],BINARY[]"_s},
        {"FETCH BINARY with text", "a FETCH 1 BINARY[1.TEXT]"_ba, {}, u"a ERR BAD"_s},
        {"FETCH BINARY.SIZE partial", "a FETCH 1 BINARY.SIZE[1]<0.1>"_ba, {}, u"a ERR BAD"_s},
        {"FETCH MIME without part", "a FETCH 1 BODY[MIME]"_ba, {}, u"a ERR BAD"_s},
        {"FETCH trailing dot", "a FETCH 1 BODY[1.]"_ba, {}, u"a ERR BAD"_s},
        {"FETCH part zero", "a FETCH 1 BODY[0]"_ba, {}, u"a ERR BAD"_s},
        {"FETCH unknown section", "a FETCH 1 BODY[FOO]"_ba, {}, u"a ERR BAD"_s},
        {"FETCH empty header list", "a FETCH 1 BODY[HEADER.FIELDS ()]"_ba, {}, u"a ERR BAD"_s},
        {"FETCH header name with colon",
         "a FETCH 1 BODY[HEADER.FIELDS (\"a:b\")]"_ba,
         {},
         u"a ERR BAD"_s},
        {"FETCH zero-length partial", "a FETCH 1 BODY[]<0.0>"_ba, {}, u"a ERR BAD"_s},
        {"FETCH partial without length", "a FETCH 1 BODY[]<10>"_ba, {}, u"a ERR BAD"_s},
        {"FETCH unclosed section", "a FETCH 1 BODY[TEXT"_ba, {}, u"a ERR BAD"_s},
        {"FETCH BODY.PEEK without section", "a FETCH 1 BODY.PEEK"_ba, {}, u"a ERR BAD"_s},
        {"FETCH unknown item", "a FETCH 1 (FLAGS FOO)"_ba, {}, u"a ERR BAD"_s},
        {"FETCH empty list", "a FETCH 1 ()"_ba, {}, u"a ERR BAD"_s},
        {"FETCH unclosed list", "a FETCH 1 (FLAGS"_ba, {}, u"a ERR BAD"_s},
        {"FETCH without items", "a FETCH 1"_ba, {}, u"a ERR BAD"_s},
        {"FETCH zero", "a FETCH 0 FLAGS"_ba, {}, u"a ERR BAD"_s},
        {"FETCH double range", "a FETCH 1:2:3 FLAGS"_ba, {}, u"a ERR BAD"_s},
        {"FETCH letters in set", "a FETCH 1x FLAGS"_ba, {}, u"a ERR BAD"_s},
        {"FETCH $", "a FETCH $ FLAGS"_ba, {}, u"a FETCH set=$ items=FLAGS"_s},
        {"FETCH reversed range kept", "a FETCH 9:2 FLAGS"_ba, {}, u"a FETCH set=9:2 items=FLAGS"_s},
        {"FETCH CHANGEDSINCE (RFC 7162)",
         "s100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)"_ba,
         {},
         u"s100 UID FETCH set=1:* items=FLAGS changedsince=12345"_s},
        {"FETCH VANISHED", "s101 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)"_ba,
         u"qresync"_s, u"s101 UID FETCH set=300:500 items=FLAGS changedsince=12345 vanished"_s},
        {"FETCH VANISHED without QRESYNC",
         "s101 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)"_ba,
         {},
         u"s101 ERR BAD"_s},
        {"FETCH VANISHED without UID", "s FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)"_ba,
         u"qresync"_s, u"s ERR BAD"_s},
        {"FETCH VANISHED without CHANGEDSINCE", "s UID FETCH 1:* FLAGS (VANISHED)"_ba, u"qresync"_s,
         u"s ERR BAD"_s},
        {"FETCH unknown modifier", "s FETCH 1 FLAGS (FOO 1)"_ba, {}, u"s ERR BAD"_s},
        {"FETCH CHANGEDSINCE twice",
         "s FETCH 1 FLAGS (CHANGEDSINCE 1 CHANGEDSINCE 2)"_ba,
         {},
         u"s ERR BAD"_s},
        {"FETCH CHANGEDSINCE not a number",
         "s FETCH 1 FLAGS (CHANGEDSINCE x)"_ba,
         {},
         u"s ERR BAD"_s},

        // STORE (RFC 9051 6.4.6, RFC 7162 3.1.3)
        {"STORE RFC 9051 example",
         "A003 STORE 2:4 +FLAGS (\\Deleted)"_ba,
         {},
         u"A003 STORE set=2:4 op=+ flags=(\\Deleted)"_s},
        {"STORE FLAGS.SILENT",
         "a STORE 1 FLAGS.SILENT (\\Seen $Label1)"_ba,
         {},
         u"a STORE set=1 op== silent flags=(\\Seen $Label1)"_s},
        {"STORE without parentheses",
         "a STORE 1 -FLAGS \\Seen \\flagged"_ba,
         {},
         u"a STORE set=1 op=- flags=(\\Seen \\Flagged)"_s},
        {"STORE clear", "a STORE 1 FLAGS ()"_ba, {}, u"a STORE set=1 op== flags=()"_s},
        {"STORE UNCHANGEDSINCE (RFC 7162)",
         "d105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)"_ba,
         {},
         u"d105 STORE set=7,5,9 op=+ silent flags=(\\Deleted) unchangedsince=320162338"_s},
        {"STORE UNCHANGEDSINCE 0",
         "a STORE 1 (UNCHANGEDSINCE 0) FLAGS ()"_ba,
         {},
         u"a STORE set=1 op== flags=() unchangedsince=0"_s},
        {"UID STORE lower case",
         "a UID STORE 1:* +flags.silent (\\seen)"_ba,
         {},
         u"a UID STORE set=1:* op=+ silent flags=(\\Seen)"_s},
        {"STORE keyword with odd characters",
         "a STORE 1 +FLAGS ($Junk NonJunk a.b-c)"_ba,
         {},
         u"a STORE set=1 op=+ flags=($Junk NonJunk a.b-c)"_s},
        {"STORE \\Recent", "a STORE 1 FLAGS (\\Recent)"_ba, {}, u"a ERR BAD"_s},
        {"STORE unknown system flag", "a STORE 1 +FLAGS (\\Foo)"_ba, {}, u"a ERR BAD"_s},
        {"STORE \\*", "a STORE 1 +FLAGS (\\*)"_ba, {}, u"a ERR BAD"_s},
        {"STORE wrong item", "a STORE 1 XFLAGS (\\Seen)"_ba, {}, u"a ERR BAD"_s},
        {"STORE .SILENT only", "a STORE 1 +SILENT (\\Seen)"_ba, {}, u"a ERR BAD"_s},
        {"STORE without flags", "a STORE 1 +FLAGS"_ba, {}, u"a ERR BAD"_s},
        {"STORE bad modifier value",
         "a STORE 1 (UNCHANGEDSINCE x) FLAGS ()"_ba,
         {},
         u"a ERR BAD"_s},
        {"STORE unknown modifier", "a STORE 1 (FOO 1) FLAGS ()"_ba, {}, u"a ERR BAD"_s},
        {"STORE unclosed flags", "a STORE 1 FLAGS (\\Seen"_ba, {}, u"a ERR BAD"_s},
        {"STORE quoted flag", "a STORE 1 FLAGS (\"x\")"_ba, {}, u"a ERR BAD"_s},

        // COPY, MOVE (RFC 6851), EXPUNGE, UID EXPUNGE (RFC 4315)
        {"COPY", "A003 COPY 2:4 MEETING"_ba, {}, u"A003 COPY set=2:4 mailbox=MEETING"_s},
        {"UID COPY to INBOX",
         "A003 UID COPY 1:3 inbox"_ba,
         {},
         u"A003 UID COPY set=1:3 mailbox=INBOX"_s},
        {"MOVE", "a MOVE 1:* \"Trash\""_ba, {}, u"a MOVE set=1:* mailbox=Trash"_s},
        {"UID MOVE", "a UID MOVE 42:69 foo"_ba, {}, u"a UID MOVE set=42:69 mailbox=foo"_s},
        {"MOVE without mailbox", "a MOVE 1"_ba, {}, u"a ERR BAD"_s},
        {"COPY without set", "a COPY Trash"_ba, {}, u"a ERR BAD"_s},
        {"EXPUNGE", "A202 EXPUNGE"_ba, {}, u"A202 EXPUNGE"_s},
        {"EXPUNGE with set", "A202 EXPUNGE 1"_ba, {}, u"A202 ERR BAD"_s},
        {"UID EXPUNGE", "A003 UID EXPUNGE 3000:3002"_ba, {}, u"A003 UID EXPUNGE uids=3000:3002"_s},
        {"UID EXPUNGE without set", "A003 UID EXPUNGE"_ba, {}, u"A003 ERR BAD"_s},
        {"UID FETCH lower case", "a uid fetch 1 flags"_ba, {}, u"a UID FETCH set=1 items=FLAGS"_s},
    };
    for (const Row &row : rows)
        QTest::newRow(row.name) << row.line << row.options << row.expected;
}

void TestImapMessageCommands::commands() {
    QFETCH(QByteArray, line);
    QFETCH(QString, options);
    QFETCH(QString, expected);
    const ImapParserOptions parserOptions = optionsFrom(options);

    QCOMPARE(describe(parseCommand(line, parserOptions)), expected);
    QCOMPARE(parseThroughReader(line + "\r\n", parserOptions, false), expected);
    QCOMPARE(parseThroughReader(line + "\r\n", parserOptions, true), expected);
}

void TestImapMessageCommands::searchLimits() {
    ImapParserOptions options;
    options.limits.maxSearchKeys = 5;
    QVERIFY(parseCommand("a SEARCH SEEN SEEN SEEN SEEN SEEN"_ba, options).ok());
    QVERIFY(!parseCommand("a SEARCH SEEN SEEN SEEN SEEN SEEN SEEN"_ba, options).ok());
    QVERIFY(!parseCommand("a SEARCH (SEEN (SEEN (SEEN)) SEEN)"_ba, options).ok());

    options = {};
    options.limits.maxSequenceSetRanges = 3;
    QVERIFY(parseCommand("a FETCH 1,2,3 FLAGS"_ba, options).ok());
    QVERIFY(!parseCommand("a FETCH 1,2,3,4 FLAGS"_ba, options).ok());
}

void TestImapMessageCommands::fetchResponseNames() {
    const ImapParseResult result = parseCommand(
        "a FETCH 1 (BODY.PEEK[1.2.HEADER.FIELDS (Subject From)]<10.20> BINARY.PEEK[3]<0.5> "
        "RFC822.HEADER BODY BINARY.SIZE[2])"_ba);
    QVERIFY(result.ok());
    const auto *fetch = result.command.as<ImapFetchArguments>();
    QVERIFY(fetch);
    QCOMPARE(fetch->items.size(), 5);
    QCOMPARE(fetchResponseName(fetch->items[0]), "BODY[1.2.HEADER.FIELDS (Subject From)]<10>"_ba);
    QCOMPARE(fetchResponseName(fetch->items[1]), "BINARY[3]<0>"_ba);
    QCOMPARE(fetchResponseName(fetch->items[2]), "RFC822.HEADER"_ba);
    QCOMPARE(fetchResponseName(fetch->items[3]), "BODY"_ba);
    QCOMPARE(fetchResponseName(fetch->items[4]), "BINARY.SIZE[2]"_ba);
}

QTEST_APPLESS_MAIN(TestImapMessageCommands)
#include "tst_imapmessagecommands.moc"
