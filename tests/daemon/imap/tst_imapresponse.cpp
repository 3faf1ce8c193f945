// tst_imapresponse.cpp - status responses, response codes, continuations
// and strings in responses
//
// Covers daemon/imap/ImapResponse (RFC 9051 section 7.1 status responses
// and codes, section 7.5 continuation requests, sanitizing of text) and
// ImapResponseFormat (RFC 9051 section 4.3 quoted vs literal, literal8 for
// NUL (RFC 3516), NIL, atoms, mailbox names in modified UTF-7 or UTF-8).

#include "imap/ImapResponse.h"
#include "imap/ImapResponseFormat.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::imap;

class TestImapResponse : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void statusResponses_data();
    void statusResponses();
    void responseCodes();
    void continuations();
    void strings_data();
    void strings();
    void mailboxesAndFlags();
};

void TestImapResponse::statusResponses_data() {
    QTest::addColumn<ImapStatusResponse>("response");
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("tagged OK") << ImapStatusResponse::ok("LOGIN completed") << "a001"_ba
                               << "a001 OK LOGIN completed\r\n"_ba;
    QTest::newRow("untagged OK with code")
        << ImapStatusResponse::ok("Predicted next UID", responsecode::uidNext(4392)) << ""_ba
        << "* OK [UIDNEXT 4392] Predicted next UID\r\n"_ba;
    QTest::newRow("TRYCREATE") << ImapStatusResponse::no("No such mailbox",
                                                         responsecode::tryCreate())
                               << "A003"_ba
                               << "A003 NO [TRYCREATE] No such mailbox\r\n"_ba;
    QTest::newRow("OVERQUOTA") << ImapStatusResponse::no("Quota exceeded",
                                                         responsecode::overQuota())
                               << "A1"_ba
                               << "A1 NO [OVERQUOTA] Quota exceeded\r\n"_ba;
    QTest::newRow("TOOBIG") << ImapStatusResponse::no("Too big", responsecode::tooBig()) << "A1"_ba
                            << "A1 NO [TOOBIG] Too big\r\n"_ba;
    QTest::newRow("BADCHARSET") << ImapStatusResponse::no("Unsupported", responsecode::badCharset(
                                                                             {"US-ASCII", "UTF-8"}))
                                << "A1"_ba
                                << "A1 NO [BADCHARSET (US-ASCII UTF-8)] Unsupported\r\n"_ba;
    QTest::newRow("APPENDUID") << ImapStatusResponse::ok("APPEND completed",
                                                         responsecode::appendUid(38505, 3955))
                               << "A003"_ba
                               << "A003 OK [APPENDUID 38505 3955] APPEND completed\r\n"_ba;
    QTest::newRow("COPYUID (RFC 4315)")
        << ImapStatusResponse::ok("Done",
                                  responsecode::copyUid(38505, {304, 319, 320}, {3956, 3957, 3958}))
        << "A004"_ba
        << "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n"_ba;
    QTest::newRow("HIGHESTMODSEQ")
        << ImapStatusResponse::ok("Highest", responsecode::highestModSeq(715194045007ull)) << ""_ba
        << "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n"_ba;
    QTest::newRow("CLOSED") << ImapStatusResponse::ok("Previous mailbox closed",
                                                      responsecode::closed())
                            << ""_ba
                            << "* OK [CLOSED] Previous mailbox closed\r\n"_ba;
    QTest::newRow("MODIFIED") << ImapStatusResponse::ok(
                                     "Conditional STORE failed",
                                     responsecode::modified(sequenceSetFromValues({7, 9})))
                              << "d105"_ba
                              << "d105 OK [MODIFIED 7,9] Conditional STORE failed\r\n"_ba;
    QTest::newRow("PERMANENTFLAGS")
        << ImapStatusResponse::ok("Limited",
                                  responsecode::permanentFlags({"\\Deleted", "\\Seen", "\\*"}))
        << ""_ba
        << "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"_ba;
    QTest::newRow("CAPABILITY") << ImapStatusResponse::ok(
                                       "Hi", responsecode::capability({"IMAP4rev1", "IMAP4rev2"}))
                                << ""_ba
                                << "* OK [CAPABILITY IMAP4rev1 IMAP4rev2] Hi\r\n"_ba;
    QTest::newRow("BAD") << ImapStatusResponse::bad("Unknown command") << "x"_ba
                         << "x BAD Unknown command\r\n"_ba;
    QTest::newRow("BYE is untagged") << ImapStatusResponse::bye("Logging out") << "a1"_ba
                                     << "* BYE Logging out\r\n"_ba;
    QTest::newRow("PREAUTH") << ImapStatusResponse::preAuth("Welcome") << ""_ba
                             << "* PREAUTH Welcome\r\n"_ba;
    QTest::newRow("generic text") << ImapStatusResponse::no({}) << "t"_ba
                                  << "t NO Failed\r\n"_ba;
    QTest::newRow("invalid tag becomes *") << ImapStatusResponse::bad("x") << "a+b"_ba
                                           << "* BAD x\r\n"_ba;
    QTest::newRow("tag with space becomes *") << ImapStatusResponse::bad("x") << "a b"_ba
                                              << "* BAD x\r\n"_ba;
    QTest::newRow("CR LF in text") << ImapStatusResponse::no("a\r\n* OK injected") << "t"_ba
                                   << "t NO a??* OK injected\r\n"_ba;
    QTest::newRow("8-bit in text") << ImapStatusResponse::no("caf\xc3\xa9") << "t"_ba
                                   << "t NO caf??\r\n"_ba;
    QTest::newRow("bracket in code") << ImapStatusResponse::no("x", "ALERT] [X") << "t"_ba
                                     << "t NO [ALERT? [X] x\r\n"_ba;
    QTest::newRow("text starting with bracket") << ImapStatusResponse::no("[not a code") << "t"_ba
                                                << "t NO - [not a code\r\n"_ba;
}

void TestImapResponse::statusResponses() {
    QFETCH(ImapStatusResponse, response);
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, wire);
    QCOMPARE(response.toWire(tag), wire);
}

void TestImapResponse::responseCodes() {
    QCOMPARE(responsecode::uidValidity(3857529045u), "UIDVALIDITY 3857529045"_ba);
    QCOMPARE(responsecode::unseen(12), "UNSEEN 12"_ba);
    QCOMPARE(responsecode::appendUid(1, sequenceSetFromValues({5, 6, 7})), "APPENDUID 1 5:7"_ba);
    QCOMPARE(responsecode::noModSeq(), "NOMODSEQ"_ba);
    QCOMPARE(responsecode::readOnly(), "READ-ONLY"_ba);
    QCOMPARE(responsecode::readWrite(), "READ-WRITE"_ba);
    QCOMPARE(responsecode::nonExistent(), "NONEXISTENT"_ba);
    QCOMPARE(responsecode::alreadyExists(), "ALREADYEXISTS"_ba);
    QCOMPARE(responsecode::authenticationFailed(), "AUTHENTICATIONFAILED"_ba);
    QCOMPARE(responsecode::privacyRequired(), "PRIVACYREQUIRED"_ba);
    QCOMPARE(responsecode::useAttr(), "USEATTR"_ba);
    QCOMPARE(responsecode::notSaved(), "NOTSAVED"_ba);
    QCOMPARE(responsecode::expungeIssued(), "EXPUNGEISSUED"_ba);
    QCOMPARE(responsecode::badCharset({}), "BADCHARSET"_ba);
}

void TestImapResponse::continuations() {
    QCOMPARE(imapContinuation(), "+ OK\r\n"_ba);
    QCOMPARE(imapContinuation("Ready for literal data"), "+ Ready for literal data\r\n"_ba);
    QCOMPARE(imapContinuation("idling\r\n* BYE"), "+ idling??* BYE\r\n"_ba);
    QCOMPARE(imapSaslChallenge({}), "+ \r\n"_ba);
    QCOMPARE(imapSaslChallenge("test"), "+ dGVzdA==\r\n"_ba);
}

void TestImapResponse::strings_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("utf8");
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("plain") << "hello"_ba << false << false << "\"hello\""_ba;
    QTest::newRow("empty") << ""_ba << false << false << "\"\""_ba;
    QTest::newRow("escapes") << "a\"b\\c"_ba << false << false << "\"a\\\"b\\\\c\""_ba;
    QTest::newRow("CRLF needs a literal") << "a\r\nb"_ba << false << false << "{4}\r\na\r\nb"_ba;
    QTest::newRow("8-bit needs a literal")
        << "caf\xc3\xa9"_ba << false << false << "{5}\r\ncaf\xc3\xa9"_ba;
    QTest::newRow("UTF-8 quoted when enabled")
        << "caf\xc3\xa9"_ba << true << false << "\"caf\xc3\xa9\""_ba;
    QTest::newRow("invalid UTF-8 still a literal")
        << "caf\xc3"_ba << true << false << "{4}\r\ncaf\xc3"_ba;
    QTest::newRow("NUL in binary: literal8") << "a\0b"_ba << false << true << "~{3}\r\na\0b"_ba;
    QTest::newRow("NUL elsewhere: replaced") << "a\0b"_ba << false << false << "{3}\r\na b"_ba;
    QTest::newRow("long") << QByteArray(1025, 'x') << false << false
                          << "{1025}\r\n" + QByteArray(1025, 'x');
    QTest::newRow("1024 quoted") << QByteArray(1024, 'x') << false << false
                                 << '"' + QByteArray(1024, 'x') + '"';
}

void TestImapResponse::strings() {
    QFETCH(QByteArray, value);
    QFETCH(bool, utf8);
    QFETCH(bool, binary);
    QFETCH(QByteArray, wire);
    ImapStringOptions options;
    options.utf8 = utf8;
    options.binary = binary;
    QCOMPARE(imapString(value, options), wire);
}

void TestImapResponse::mailboxesAndFlags() {
    QCOMPARE(imapAstring("INBOX.Sent"), "INBOX.Sent"_ba);
    QCOMPARE(imapAstring("NIL"), "\"NIL\""_ba);
    QCOMPARE(imapAstring("nil"), "\"nil\""_ba);
    QCOMPARE(imapAstring(""), "\"\""_ba);
    QCOMPARE(imapAstring("a b"), "\"a b\""_ba);
    QCOMPARE(imapAstring("a]"), "a]"_ba);
    QCOMPARE(imapAstring("a*"), "\"a*\""_ba);
    QCOMPARE(imapNString(std::nullopt), "NIL"_ba);
    QCOMPARE(imapNString("x"_ba), "\"x\""_ba);
    QCOMPARE(imapMailbox(u"INBOX"_s), "INBOX"_ba);
    QCOMPARE(imapMailbox(u"Entwürfe"_s), "Entw&APw-rfe"_ba);
    QCOMPARE(imapMailbox(u"Tom & Jerry"_s), "\"Tom &- Jerry\""_ba);
    ImapStringOptions utf8;
    utf8.utf8 = true;
    QCOMPARE(imapMailbox(u"Entwürfe"_s, utf8), "\"Entw\xc3\xbcrfe\""_ba);
    QCOMPARE(imapMailbox(u"Entwürfe"_s), "Entw&APw-rfe"_ba);
    QCOMPARE(imapFlagList({"\\Seen", "$Forwarded"}), "(\\Seen $Forwarded)"_ba);
    QCOMPARE(imapFlagList({}), "()"_ba);
}

QTEST_APPLESS_MAIN(TestImapResponse)
#include "tst_imapresponse.moc"
