// tst_imapcommandparser.cpp - tables of IMAP commands and what they parse to:
// tags, names, UID, the strings of the grammar, and the commands of the
// any, not-authenticated and authenticated states
//
// Covers daemon/imap/ImapCommandParser, ImapScanner and
// ImapMailboxArguments: CAPABILITY, NOOP, LOGOUT, STARTTLS, AUTHENTICATE
// (SASL-IR), LOGIN, ENABLE, ID, NAMESPACE, SELECT/EXAMINE (CONDSTORE,
// QRESYNC), CREATE (USE), DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST
// (LIST-EXTENDED, LIST-STATUS, SPECIAL-USE), LSUB, STATUS, APPEND, IDLE,
// CLOSE, UNSELECT, CHECK, GETQUOTA, GETQUOTAROOT, SETQUOTA; examples from
// RFC 9051, RFC 3501, RFC 7162, RFC 5258, RFC 5819, RFC 6154, RFC 2971,
// RFC 4959. Each command is parsed directly and after passing through
// ImapCommandReader whole and byte by byte.

#include "ImapTestSupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::imap;
using namespace mailstead::imap::test;

class TestImapCommandParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commands_data();
    void commands();
    void errorTexts_data();
    void errorTexts();
    void saslResponses();
    void idleDone();
};

void TestImapCommandParser::commands_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("expected");

    const QByteArray tag64(64, 't');
    const QByteArray tag65(65, 't');
    struct Row {
        const char *name;
        QByteArray line;
        QString options;
        QString expected;
    };
    const Row rows[] = {
        // Tag and command name (RFC 9051 section 2.2.1)
        {"CAPABILITY", "a001 CAPABILITY"_ba, {}, u"a001 CAPABILITY"_s},
        {"lower case", "a001 capability"_ba, {}, u"a001 CAPABILITY"_s},
        {"mixed case", "a001 CaPaBiLiTy"_ba, {}, u"a001 CAPABILITY"_s},
        {"NOOP", "a002 NOOP"_ba, {}, u"a002 NOOP"_s},
        {"LOGOUT", "A023 LOGOUT"_ba, {}, u"A023 LOGOUT"_s},
        {"STARTTLS", "a002 STARTTLS"_ba, {}, u"a002 STARTTLS"_s},
        {"NAMESPACE", "A001 NAMESPACE"_ba, {}, u"A001 NAMESPACE"_s},
        {"IDLE", "A001 IDLE"_ba, {}, u"A001 IDLE"_s},
        {"CHECK", "FXXZ CHECK"_ba, {}, u"FXXZ CHECK"_s},
        {"CLOSE", "A341 CLOSE"_ba, {}, u"A341 CLOSE"_s},
        {"UNSELECT", "A342 UNSELECT"_ba, {}, u"A342 UNSELECT"_s},
        {"trailing spaces", "a NOOP  "_ba, {}, u"a NOOP"_s},
        {"several spaces", "a  NOOP"_ba, {}, u"a NOOP"_s},
        {"tag with odd characters", "a.b-c_d]e NOOP"_ba, {}, u"a.b-c_d]e NOOP"_s},
        {"tag of 64", tag64 + " NOOP", {}, QString::fromLatin1(tag64) + u" NOOP"_s},
        {"tag of 65", tag65 + " NOOP", {}, u"* ERR BAD"_s},
        {"empty line", ""_ba, {}, u"* ERR BAD"_s},
        {"spaces only", "   "_ba, {}, u"* ERR BAD"_s},
        {"tag only", "a001"_ba, {}, u"a001 ERR BAD"_s},
        {"tag and space", "a001 "_ba, {}, u"a001 ERR BAD"_s},
        {"tag with plus", "a+1 NOOP"_ba, {}, u"* ERR BAD"_s},
        {"tag with star", "* NOOP"_ba, {}, u"* ERR BAD"_s},
        {"tag with quote", "a\"1 NOOP"_ba, {}, u"* ERR BAD"_s},
        {"tag with brace", "a{1 NOOP"_ba, {}, u"* ERR BAD"_s},
        {"8-bit tag", "a\xc3\xa9 NOOP"_ba, {}, u"* ERR BAD"_s},
        {"unknown command", "a001 FROB"_ba, {}, u"a001 ERR BAD"_s},
        {"command with digits", "a001 NOOP1"_ba, {}, u"a001 ERR BAD"_s},
        {"arguments where none", "a001 NOOP now"_ba, {}, u"a001 ERR BAD"_s},
        {"LOGOUT with arguments", "a001 LOGOUT x"_ba, {}, u"a001 ERR BAD"_s},
        {"IDLE with arguments", "a001 IDLE 5"_ba, {}, u"a001 ERR BAD"_s},
        {"UID NOOP", "a001 UID NOOP"_ba, {}, u"a001 ERR BAD"_s},
        {"UID alone", "a001 UID"_ba, {}, u"a001 ERR BAD"_s},
        {"SETQUOTA refused",
         "S0000 SETQUOTA \"\" (STORAGE 512)"_ba,
         {},
         u"S0000 ERR NO [CANNOT]"_s},
        {"HTTP request line", "GET / HTTP/1.1"_ba, {}, u"GET ERR BAD"_s},

        // AUTHENTICATE (RFC 9051 section 6.2.2, RFC 4959 SASL-IR)
        {"AUTHENTICATE", "A001 AUTHENTICATE GSSAPI"_ba, {}, u"A001 AUTHENTICATE mech=GSSAPI"_s},
        {"AUTHENTICATE lower case",
         "A001 authenticate plain"_ba,
         {},
         u"A001 AUTHENTICATE mech=PLAIN"_s},
        {"SASL-IR",
         "a001 AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q="_ba,
         {},
         u"a001 AUTHENTICATE mech=PLAIN ir=test\\x00test\\x00test"_s},
        {"SASL-IR empty",
         "a001 AUTHENTICATE EXTERNAL ="_ba,
         {},
         u"a001 AUTHENTICATE mech=EXTERNAL ir="_s},
        {"SASL-IR not base64", "a001 AUTHENTICATE PLAIN abc$"_ba, {}, u"a001 ERR BAD"_s},
        {"SASL-IR bad length", "a001 AUTHENTICATE PLAIN abcde"_ba, {}, u"a001 ERR BAD"_s},
        {"SASL-IR two arguments", "a001 AUTHENTICATE PLAIN AAAA BBBB"_ba, {}, u"a001 ERR BAD"_s},
        {"AUTHENTICATE without mechanism", "a001 AUTHENTICATE"_ba, {}, u"a001 ERR BAD"_s},
        {"mechanism too long", "a001 AUTHENTICATE " + QByteArray(21, 'M'), {}, u"a001 ERR BAD"_s},

        // LOGIN and the string grammar (RFC 9051 sections 4.3, 6.2.3)
        {"LOGIN atoms", "a001 LOGIN SMITH SESAME"_ba, {}, u"a001 LOGIN user=SMITH pass=SESAME"_s},
        {"LOGIN quoted",
         "a001 LOGIN \"fred\" \"fat man\""_ba,
         {},
         u"a001 LOGIN user=fred pass=fat man"_s},
        {"LOGIN literals (RFC 9051 4.3)",
         "A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man"_ba,
         {},
         u"A001 LOGIN user=FRED FOOBAR pass=fat man"_s},
        {"LOGIN non-synchronizing literals",
         "A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man"_ba,
         {},
         u"A001 LOGIN user=FRED FOOBAR pass=fat man"_s},
        {"LOGIN empty quoted", "a LOGIN \"\" \"\""_ba, {}, u"a LOGIN user= pass="_s},
        {"LOGIN zero-length literal", "a LOGIN {0}\r\n {0}\r\n"_ba, {}, u"a LOGIN user= pass="_s},
        {"quoted escapes",
         "a LOGIN \"a\\\"b\" \"c\\\\d\""_ba,
         {},
         u"a LOGIN user=a\"b pass=c\\d"_s},
        {"quoted bad escape", "a LOGIN \"a\\b\" c"_ba, {}, u"a ERR BAD"_s},
        {"quoted unterminated", "a LOGIN \"abc"_ba, {}, u"a ERR BAD"_s},
        {"quoted with 8-bit, IMAP4rev1", "a LOGIN \"j\xc3\xb6rg\" x"_ba, {}, u"a ERR BAD"_s},
        {"quoted with UTF-8, UTF8=ACCEPT", "a LOGIN \"j\xc3\xb6rg\" x"_ba, u"utf8"_s,
         u"a LOGIN user=j\\xc3\\xb6rg pass=x"_s},
        {"quoted with UTF-8, IMAP4rev2", "a LOGIN \"j\xc3\xb6rg\" x"_ba, u"rev2"_s,
         u"a LOGIN user=j\\xc3\\xb6rg pass=x"_s},
        {"quoted with bad UTF-8", "a LOGIN \"j\xc3\" x"_ba, u"rev2"_s, u"a ERR BAD"_s},
        {"quoted with NUL", "a LOGIN \"a\0b\" x"_ba, {}, u"a ERR BAD"_s},
        {"literal with 8-bit",
         "a LOGIN {5}\r\nj\xc3\xb6rg x"_ba,
         {},
         u"a LOGIN user=j\\xc3\\xb6rg pass=x"_s},
        {"literal with NUL", "a LOGIN {3}\r\na\0b x"_ba, {}, u"a ERR BAD"_s},
        {"literal8 outside APPEND", "a LOGIN ~{3}\r\nabc x"_ba, {}, u"a ERR BAD"_s},
        {"astring with ]", "a LOGIN a]b c"_ba, {}, u"a LOGIN user=a]b pass=c"_s},
        {"atom with wildcard", "a LOGIN a*b c"_ba, {}, u"a ERR BAD"_s},
        {"LOGIN one argument", "a LOGIN joe"_ba, {}, u"a ERR BAD"_s},
        {"LOGIN three arguments", "a LOGIN joe x y"_ba, {}, u"a ERR BAD"_s},
        {"LOGIN extra spaces",
         "a  LOGIN   joe   secret  "_ba,
         {},
         u"a LOGIN user=joe pass=secret"_s},
        {"LOGIN parenthesis", "a LOGIN (joe) x"_ba, {}, u"a ERR BAD"_s},

        // ENABLE (RFC 5161), ID (RFC 2971)
        {"ENABLE", "t1 ENABLE CONDSTORE QRESYNC"_ba, {}, u"t1 ENABLE caps=CONDSTORE,QRESYNC"_s},
        {"ENABLE IMAP4rev2", "a enable imap4rev2"_ba, {}, u"a ENABLE caps=IMAP4REV2"_s},
        {"ENABLE UTF8=ACCEPT", "a ENABLE UTF8=ACCEPT"_ba, {}, u"a ENABLE caps=UTF8=ACCEPT"_s},
        {"ENABLE nothing", "a ENABLE"_ba, {}, u"a ERR BAD"_s},
        {"ENABLE quoted", "a ENABLE \"X\""_ba, {}, u"a ERR BAD"_s},
        {"ID",
         "a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" "
         "\"Pink Floyd Music Limited\")"_ba,
         {},
         u"a023 ID id=(name=sodr,version=19.34,vendor=Pink Floyd Music Limited)"_s},
        {"ID NIL", "a ID NIL"_ba, {}, u"a ID id=NIL"_s},
        {"ID nil lower case", "a ID nil"_ba, {}, u"a ID id=NIL"_s},
        {"ID NIL value", "a ID (\"name\" NIL)"_ba, {}, u"a ID id=(name=NIL)"_s},
        {"ID empty list", "a ID ()"_ba, {}, u"a ID id=()"_s},
        {"ID odd count", "a ID (\"name\")"_ba, {}, u"a ERR BAD"_s},
        {"ID unterminated", "a ID (\"name\" \"x\""_ba, {}, u"a ERR BAD"_s},
        {"ID field too long", "a ID (\"" + QByteArray(31, 'f') + "\" \"x\")", {}, u"a ERR BAD"_s},
        {"ID missing", "a ID"_ba, {}, u"a ERR BAD"_s},

        // SELECT, EXAMINE (RFC 9051 6.3.2-6.3.3, RFC 7162 3.1.8 and 3.2.5)
        {"SELECT", "A142 SELECT INBOX"_ba, {}, u"A142 SELECT mailbox=INBOX"_s},
        {"SELECT inbox in any case", "A142 SELECT iNbOx"_ba, {}, u"A142 SELECT mailbox=INBOX"_s},
        {"SELECT quoted inbox", "A142 SELECT \"inbox\""_ba, {}, u"A142 SELECT mailbox=INBOX"_s},
        {"SELECT inbox as a literal",
         "A142 SELECT {5}\r\nInBoX"_ba,
         {},
         u"A142 SELECT mailbox=INBOX"_s},
        {"SELECT INBOX child keeps case",
         "A142 SELECT inbox/Sub"_ba,
         {},
         u"A142 SELECT mailbox=inbox/Sub"_s},
        {"EXAMINE", "A932 EXAMINE blurdybloop"_ba, {}, u"A932 EXAMINE mailbox=blurdybloop"_s},
        {"SELECT CONDSTORE",
         "a SELECT INBOX (CONDSTORE)"_ba,
         {},
         u"a SELECT mailbox=INBOX condstore"_s},
        {"SELECT QRESYNC (RFC 7162)",
         "A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))"_ba,
         u"qresync"_s,
         u"A02 SELECT mailbox=INBOX qresync=67890007,20050715194045000 known=41,43:211,214:541"_s},
        {"SELECT QRESYNC with seq-match-data",
         "B04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,"
         "9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,"
         "29997)))"_ba,
         u"qresync"_s,
         u"B04 SELECT mailbox=INBOX qresync=67890007,90060115194045000 known=1:29997 "
         "match=5000,7500,9000,9990:9999/15000,22500,27000,29970,29973,29976,29979,29982,"
         "29985,29988,29991,29994,29997"_s},
        {"SELECT QRESYNC minimal", "a SELECT INBOX (QRESYNC (1 2))"_ba, u"qresync"_s,
         u"a SELECT mailbox=INBOX qresync=1,2"_s},
        {"SELECT QRESYNC match only", "a SELECT INBOX (QRESYNC (1 2 (1:2 5:6)))"_ba, u"qresync"_s,
         u"a SELECT mailbox=INBOX qresync=1,2 match=1:2/5:6"_s},
        {"SELECT QRESYNC with CONDSTORE", "a EXAMINE INBOX (CONDSTORE QRESYNC (1 2))"_ba,
         u"qresync"_s, u"a EXAMINE mailbox=INBOX condstore qresync=1,2"_s},
        {"SELECT QRESYNC without ENABLE", "a SELECT INBOX (QRESYNC (1 2))"_ba, {}, u"a ERR BAD"_s},
        {"SELECT QRESYNC star in known UIDs", "a SELECT INBOX (QRESYNC (1 2 1:*))"_ba, u"qresync"_s,
         u"a ERR BAD"_s},
        {"SELECT QRESYNC zero UIDVALIDITY", "a SELECT INBOX (QRESYNC (0 2))"_ba, u"qresync"_s,
         u"a ERR BAD"_s},
        {"SELECT QRESYNC zero modseq", "a SELECT INBOX (QRESYNC (1 0))"_ba, u"qresync"_s,
         u"a ERR BAD"_s},
        {"SELECT QRESYNC unterminated", "a SELECT INBOX (QRESYNC (1 2)"_ba, u"qresync"_s,
         u"a ERR BAD"_s},
        {"SELECT unknown parameter", "a SELECT INBOX (FOO)"_ba, {}, u"a ERR BAD"_s},
        {"SELECT empty parameters", "a SELECT INBOX ()"_ba, {}, u"a ERR BAD"_s},
        {"SELECT duplicate CONDSTORE",
         "a SELECT INBOX (CONDSTORE CONDSTORE)"_ba,
         {},
         u"a ERR BAD"_s},
        {"SELECT without mailbox", "a SELECT"_ba, {}, u"a ERR BAD"_s},
        {"SELECT two mailboxes", "a SELECT INBOX Trash"_ba, {}, u"a ERR BAD"_s},

        // Mailbox names (RFC 9051 5.1, 5.1.3; RFC 6855)
        {"modified UTF-7 name", "a SELECT \"Entw&APw-rfe\""_ba, {}, u"a SELECT mailbox=Entwürfe"_s},
        {"RFC 3501 example name",
         "a CREATE ~peter/mail/&U,BTFw-/&ZeVnLIqe-"_ba,
         {},
         u"a CREATE mailbox=~peter/mail/台北/日本語"_s},
        {"ampersand", "a CREATE \"Tom &- Jerry\""_ba, {}, u"a CREATE mailbox=Tom & Jerry"_s},
        {"non-minimal modified UTF-7", "a SELECT &AGE-"_ba, {}, u"a ERR NO [CANNOT]"_s},
        {"unterminated modified UTF-7", "a SELECT &AOQ"_ba, {}, u"a ERR NO [CANNOT]"_s},
        {"8-bit name under IMAP4rev1", "a SELECT {2}\r\n\xc3\xa4"_ba, {}, u"a ERR NO [CANNOT]"_s},
        {"UTF-8 name under IMAP4rev2", "a SELECT \"Entw\xc3\xbcrfe\""_ba, u"rev2"_s,
         u"a SELECT mailbox=Entwürfe"_s},
        {"UTF-8 name under UTF8=ACCEPT", "a SELECT \"Entw\xc3\xbcrfe\""_ba, u"utf8"_s,
         u"a SELECT mailbox=Entwürfe"_s},
        {"ampersand is plain under IMAP4rev2", "a SELECT &AGE-"_ba, u"rev2"_s,
         u"a SELECT mailbox=&AGE-"_s},
        {"invalid UTF-8 name", "a SELECT {2}\r\n\xc3("_ba, u"rev2"_s, u"a ERR NO [CANNOT]"_s},
        {"control character in name", "a CREATE \"a\x01z\""_ba, {}, u"a ERR NO [CANNOT]"_s},
        {"encoded control character", "a CREATE &AAE-"_ba, {}, u"a ERR NO [CANNOT]"_s},
        {"CR LF in a literal name", "a CREATE {3}\r\na\r\n"_ba, {}, u"a ERR NO [CANNOT]"_s},
        {"name too long", "a CREATE " + QByteArray(1025, 'n'), {}, u"a ERR NO [CANNOT]"_s},

        // CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE
        {"CREATE", "A003 CREATE owatagusiam/"_ba, {}, u"A003 CREATE mailbox=owatagusiam/"_s},
        {"CREATE USE (RFC 6154)",
         "t1 CREATE MySpecialArchive (USE (\\Archive))"_ba,
         {},
         u"t1 CREATE mailbox=MySpecialArchive use=\\Archive"_s},
        {"CREATE USE canonical",
         "t1 CREATE Sent (use (\\sent \\TRASH))"_ba,
         {},
         u"t1 CREATE mailbox=Sent use=\\Sent,\\Trash"_s},
        {"CREATE USE unknown kept",
         "t1 CREATE X (USE (\\Important))"_ba,
         {},
         u"t1 CREATE mailbox=X use=\\Important"_s},
        {"CREATE USE empty", "t1 CREATE X (USE ())"_ba, {}, u"t1 CREATE mailbox=X"_s},
        {"CREATE USE keyword", "t1 CREATE X (USE (Sent))"_ba, {}, u"t1 ERR BAD"_s},
        {"CREATE unknown parameter", "t1 CREATE X (FOO)"_ba, {}, u"t1 ERR BAD"_s},
        {"DELETE", "A682 DELETE blurdybloop"_ba, {}, u"A682 DELETE mailbox=blurdybloop"_s},
        {"DELETE two", "A682 DELETE a b"_ba, {}, u"A682 ERR BAD"_s},
        {"RENAME",
         "A683 RENAME blurdybloop sarasoop"_ba,
         {},
         u"A683 RENAME from=blurdybloop to=sarasoop"_s},
        {"RENAME literals",
         "A683 RENAME {3}\r\nold {3}\r\nnew"_ba,
         {},
         u"A683 RENAME from=old to=new"_s},
        {"RENAME one", "A683 RENAME blurdybloop"_ba, {}, u"A683 ERR BAD"_s},
        {"SUBSCRIBE",
         "A002 SUBSCRIBE #news.comp.mail.mime"_ba,
         {},
         u"A002 SUBSCRIBE mailbox=#news.comp.mail.mime"_s},
        {"UNSUBSCRIBE",
         "A002 UNSUBSCRIBE \"#news.comp.mail.mime\""_ba,
         {},
         u"A002 UNSUBSCRIBE mailbox=#news.comp.mail.mime"_s},

        // LIST (RFC 9051 6.3.9, RFC 5258, RFC 5819, RFC 6154), LSUB (RFC 3501)
        {"LIST delimiter", "A101 LIST \"\" \"\""_ba, {}, u"A101 LIST ref= pat="_s},
        {"LIST reference",
         "A102 LIST #news.comp.mail.misc \"\""_ba,
         {},
         u"A102 LIST ref=#news.comp.mail.misc pat="_s},
        {"LIST percent", "A202 LIST ~/Mail/ %"_ba, {}, u"A202 LIST ref=~/Mail/ pat=%"_s},
        {"LIST star", "A LIST \"\" *"_ba, {}, u"A LIST ref= pat=*"_s},
        {"LIST pattern with ]", "A LIST \"\" a]*%b"_ba, {}, u"A LIST ref= pat=a]*%b"_s},
        {"LIST modified UTF-7 pattern", "A LIST \"\" &AOQ-*"_ba, {}, u"A LIST ref= pat=ä*"_s},
        {"LIST bad modified UTF-7 pattern", "A LIST \"\" &AGE-*"_ba, {}, u"A ERR NO [CANNOT]"_s},
        {"LIST RETURN CHILDREN",
         "A01 LIST \"\" % RETURN (CHILDREN)"_ba,
         {},
         u"A01 LIST extended ref= pat=% ret=CHILDREN"_s},
        {"LIST SUBSCRIBED",
         "A02 LIST (SUBSCRIBED) \"\" \"*\""_ba,
         {},
         u"A02 LIST extended sel=SUBSCRIBED ref= pat=*"_s},
        {"LIST RECURSIVEMATCH",
         "A03 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\" RETURN (CHILDREN)"_ba,
         {},
         u"A03 LIST extended sel=SUBSCRIBED,RECURSIVEMATCH ref= pat=% ret=CHILDREN"_s},
        {"LIST REMOTE",
         "A04 LIST (REMOTE) \"\" \"*\""_ba,
         {},
         u"A04 LIST extended sel=REMOTE ref= pat=*"_s},
        {"LIST several patterns",
         "A05 LIST \"\" (\"INBOX\" \"Drafts\" \"Sent/%\")"_ba,
         {},
         u"A05 LIST extended ref= pat=INBOX|Drafts|Sent/%"_s},
        {"LIST empty selection", "A06 LIST () \"\" %"_ba, {}, u"A06 LIST extended ref= pat=%"_s},
        {"LIST RECURSIVEMATCH alone",
         "C01 LIST (RECURSIVEMATCH) \"\" \"*\""_ba,
         {},
         u"C01 ERR BAD"_s},
        {"LIST RECURSIVEMATCH with REMOTE",
         "C01 LIST (REMOTE RECURSIVEMATCH) \"\" \"*\""_ba,
         {},
         u"C01 ERR BAD"_s},
        {"LIST unknown selection", "C02 LIST (FOO) \"\" \"*\""_ba, {}, u"C02 ERR BAD"_s},
        {"LIST RETURN STATUS (RFC 5819)",
         "A01 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN))"_ba,
         {},
         u"A01 LIST extended ref= pat=% ret=STATUS(MESSAGES,UNSEEN)"_s},
        {"LIST RETURN STATUS and CHILDREN",
         "A02 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" % RETURN (CHILDREN STATUS (MESSAGES))"_ba,
         {},
         u"A02 LIST extended sel=SUBSCRIBED,RECURSIVEMATCH ref= pat=% "
         "ret=CHILDREN,STATUS(MESSAGES)"_s},
        {"LIST SPECIAL-USE selection (RFC 6154)",
         "t1 LIST (SPECIAL-USE) \"\" \"*\""_ba,
         {},
         u"t1 LIST extended sel=SPECIAL-USE ref= pat=*"_s},
        {"LIST SPECIAL-USE return",
         "t3 LIST \"\" \"%\" RETURN (SPECIAL-USE)"_ba,
         {},
         u"t3 LIST extended ref= pat=% ret=SPECIAL-USE"_s},
        {"LIST RETURN empty", "t LIST \"\" % RETURN ()"_ba, {}, u"t LIST extended ref= pat=%"_s},
        {"LIST RETURN unknown", "t LIST \"\" % RETURN (FOO)"_ba, {}, u"t ERR BAD"_s},
        {"LIST RETURN STATUS empty", "t LIST \"\" % RETURN (STATUS ())"_ba, {}, u"t ERR BAD"_s},
        {"LIST junk after pattern", "t LIST \"\" % FOO"_ba, {}, u"t ERR BAD"_s},
        {"LIST one argument", "t LIST \"\""_ba, {}, u"t ERR BAD"_s},
        {"LSUB",
         "A002 LSUB \"#news.\" \"comp.mail.*\""_ba,
         {},
         u"A002 LSUB ref=#news. pat=comp.mail.*"_s},
        {"LSUB selection options", "A002 LSUB (SUBSCRIBED) \"\" *"_ba, {}, u"A002 ERR BAD"_s},

        // STATUS (RFC 9051 6.3.11, RFC 7162, RFC 7889)
        {"STATUS",
         "A042 STATUS blurdybloop (UIDNEXT MESSAGES)"_ba,
         {},
         u"A042 STATUS mailbox=blurdybloop items=MESSAGES,UIDNEXT"_s},
        {"STATUS every item",
         "a STATUS INBOX (messages uidnext uidvalidity unseen deleted size recent highestmodseq "
         "appendlimit)"_ba,
         {},
         u"a STATUS mailbox=INBOX items=MESSAGES,UIDNEXT,UIDVALIDITY,UNSEEN,DELETED,SIZE,RECENT,"
         "HIGHESTMODSEQ,APPENDLIMIT"_s},
        {"STATUS empty", "a STATUS INBOX ()"_ba, {}, u"a ERR BAD"_s},
        {"STATUS unknown item", "a STATUS INBOX (MESSAGES FOO)"_ba, {}, u"a ERR BAD"_s},
        {"STATUS without list", "a STATUS INBOX MESSAGES"_ba, {}, u"a ERR BAD"_s},
        {"STATUS unterminated", "a STATUS INBOX (MESSAGES"_ba, {}, u"a ERR BAD"_s},

        // APPEND (RFC 9051 6.3.12, RFC 6855 section 4)
        {"APPEND",
         "A003 APPEND saved-messages (\\Seen) {5}\r\nhello"_ba,
         {},
         u"A003 APPEND mailbox=saved-messages flags=(\\Seen) size=5 msg=hello"_s},
        {"APPEND with date",
         "A1 APPEND INBOX (\\Seen \\draft $Forwarded) \"05-Jan-2024 10:20:30 +0100\" {5}\r\nhello"_ba,
         {},
         u"A1 APPEND mailbox=INBOX flags=(\\Seen \\Draft $Forwarded) date= 5-Jan-2024 10:20:30 "
         "+0100 size=5 msg=hello"_s},
        {"APPEND date with space-padded day",
         "A1 APPEND INBOX \" 5-Jan-2024 10:20:30 -0800\" {1}\r\nx"_ba,
         {},
         u"A1 APPEND mailbox=INBOX date= 5-Jan-2024 10:20:30 -0800 size=1 msg=x"_s},
        {"APPEND without flags",
         "A1 APPEND INBOX {3+}\r\nabc"_ba,
         {},
         u"A1 APPEND mailbox=INBOX size=3 msg=abc"_s},
        {"APPEND empty flags",
         "A1 APPEND INBOX () {3}\r\nabc"_ba,
         {},
         u"A1 APPEND mailbox=INBOX size=3 msg=abc"_s},
        {"APPEND empty message",
         "A1 APPEND INBOX {0}\r\n"_ba,
         {},
         u"A1 APPEND mailbox=INBOX size=0 msg="_s},
        {"APPEND message with CRLF",
         "A1 APPEND INBOX {7}\r\na\r\n\r\nb\r"_ba,
         {},
         u"A1 APPEND mailbox=INBOX size=7 msg=a\\r\\n\\r\\nb\\r"_s},
        {"APPEND mailbox literal",
         "A1 APPEND {4}\r\nSent {3}\r\nabc"_ba,
         {},
         u"A1 APPEND mailbox=Sent size=3 msg=abc"_s},
        {"APPEND UTF8", "A1 APPEND INBOX UTF8 (~{3}\r\nabc)"_ba, u"utf8"_s,
         u"A1 APPEND mailbox=INBOX size=3 msg=abc utf8"_s},
        {"APPEND UTF8 without ENABLE",
         "A1 APPEND INBOX UTF8 (~{3}\r\nabc)"_ba,
         {},
         u"A1 ERR BAD"_s},
        {"APPEND UTF8 plain literal", "A1 APPEND INBOX UTF8 ({3}\r\nabc)"_ba, u"utf8"_s,
         u"A1 ERR BAD"_s},
        {"APPEND UTF8 unclosed", "A1 APPEND INBOX UTF8 (~{3}\r\nabc"_ba, u"utf8"_s,
         u"A1 ERR BAD"_s},
        {"APPEND literal8 without UTF8", "A1 APPEND INBOX ~{3}\r\nabc"_ba, {}, u"A1 ERR BAD"_s},
        {"APPEND MULTIAPPEND", "A1 APPEND INBOX {1}\r\na {1}\r\nb"_ba, {}, u"A1 ERR BAD"_s},
        {"APPEND without message", "A1 APPEND INBOX"_ba, {}, u"A1 ERR BAD"_s},
        {"APPEND flags without message", "A1 APPEND INBOX (\\Seen)"_ba, {}, u"A1 ERR BAD"_s},
        {"APPEND quoted message", "A1 APPEND INBOX \"hello\""_ba, {}, u"A1 ERR BAD"_s},
        {"APPEND invalid date",
         "A1 APPEND INBOX \"31-Feb-2024 10:00:00 +0000\" {1}\r\na"_ba,
         {},
         u"A1 ERR BAD"_s},
        {"APPEND date without zone",
         "A1 APPEND INBOX \"01-Feb-2024 10:00:00\" {1}\r\na"_ba,
         {},
         u"A1 ERR BAD"_s},
        {"APPEND \\Recent", "A1 APPEND INBOX (\\Recent) {1}\r\nx"_ba, {}, u"A1 ERR BAD"_s},
        {"APPEND unknown system flag",
         "A1 APPEND INBOX (\\Important) {1}\r\nx"_ba,
         {},
         u"A1 ERR BAD"_s},
        {"APPEND unterminated flags", "A1 APPEND INBOX (\\Seen {1}\r\nx"_ba, {}, u"A1 ERR BAD"_s},
        {"APPEND junk after message", "A1 APPEND INBOX {1}\r\nx y"_ba, {}, u"A1 ERR BAD"_s},

        // QUOTA (RFC 9208)
        {"GETQUOTA", "G0001 GETQUOTA \"\""_ba, {}, u"G0001 GETQUOTA root="_s},
        {"GETQUOTA atom", "G0001 GETQUOTA user.alice"_ba, {}, u"G0001 GETQUOTA root=user.alice"_s},
        {"GETQUOTAROOT", "G0002 GETQUOTAROOT INBOX"_ba, {}, u"G0002 GETQUOTAROOT mailbox=INBOX"_s},
        {"GETQUOTAROOT nothing", "G0002 GETQUOTAROOT"_ba, {}, u"G0002 ERR BAD"_s},
    };
    for (const Row &row : rows)
        QTest::newRow(row.name) << row.line << row.options << row.expected;
}

void TestImapCommandParser::commands() {
    QFETCH(QByteArray, line);
    QFETCH(QString, options);
    QFETCH(QString, expected);
    const ImapParserOptions parserOptions = optionsFrom(options);

    QCOMPARE(describe(parseCommand(line, parserOptions)), expected);
    QCOMPARE(parseThroughReader(line + "\r\n", parserOptions, false), expected);
    QCOMPARE(parseThroughReader(line + "\r\n", parserOptions, true), expected);
}

void TestImapCommandParser::errorTexts_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("response");

    QTest::newRow("unknown") << "a1 FROB"_ba
                             << "a1 BAD Unknown command\r\n"_ba;
    QTest::newRow("no tag") << ""_ba
                            << "* BAD Empty command line\r\n"_ba;
    QTest::newRow("extra") << "a1 NOOP x"_ba
                           << "a1 BAD NOOP takes no arguments\r\n"_ba;
    QTest::newRow("charset") << "a1 SEARCH CHARSET KOI8-R ALL"_ba
                             << "a1 NO [BADCHARSET (US-ASCII UTF-8)] Unsupported charset\r\n"_ba;
    QTest::newRow("UTF-7")
        << "a1 SELECT &AGE-"_ba
        << "a1 NO [CANNOT] Mailbox name is not valid modified UTF-7: printable US-ASCII "
           "encoded in BASE64 (it must stand for itself)\r\n"_ba;
    // Only a direct caller can get here: the reader waits for all 30 octets.
    QTest::newRow("short literal") << "a LOGIN {30}\r\nabc x"_ba
                                   << "a BAD Literal is shorter than announced\r\n"_ba;
    QTest::newRow("unterminated") << "a1 LOGIN \"x"_ba
                                  << "a1 BAD Unterminated quoted string\r\n"_ba;
}

void TestImapCommandParser::errorTexts() {
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, response);
    const ImapParseResult result = parseCommand(line);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.toWire(result.command.tag), response);
}

void TestImapCommandParser::saslResponses() {
    ImapRawCommand raw;
    raw.text = "dGVzdA=="_ba;
    ImapSaslResponse response = parseSaslResponse(raw);
    QCOMPARE(response.kind, ImapSaslResponse::Kind::Data);
    QCOMPARE(response.data, "test"_ba);
    raw.text = ""_ba;
    response = parseSaslResponse(raw);
    QCOMPARE(response.kind, ImapSaslResponse::Kind::Data);
    QCOMPARE(response.data, QByteArray());
    raw.text = "*"_ba;
    QCOMPARE(parseSaslResponse(raw).kind, ImapSaslResponse::Kind::Cancel);
    raw.text = "not base64!"_ba;
    QCOMPARE(parseSaslResponse(raw).kind, ImapSaslResponse::Kind::Invalid);
    raw.text = "dGVzdA"_ba; // missing padding
    QCOMPARE(parseSaslResponse(raw).kind, ImapSaslResponse::Kind::Invalid);
}

void TestImapCommandParser::idleDone() {
    ImapRawCommand raw;
    raw.text = "DONE"_ba;
    QVERIFY(isIdleDone(raw));
    raw.text = "done"_ba;
    QVERIFY(isIdleDone(raw));
    raw.text = "DONE x"_ba;
    QVERIFY(!isIdleDone(raw));
    raw.text = "a1 NOOP"_ba;
    QVERIFY(!isIdleDone(raw));
}

QTEST_APPLESS_MAIN(TestImapCommandParser)
#include "tst_imapcommandparser.moc"
