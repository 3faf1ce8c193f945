// tst_imapfetchresponder.cpp - FETCH responses, byte for byte
//
// Real messages (ImapSampleMessages.h: single part with CRLF, the same
// with bare LF, a multipart with a quoted-printable part, an encapsulated
// message/rfc822 holding a multipart/alternative, a base64 attachment with
// NUL bytes and an unknown transfer encoding) are answered for one item
// list per row; the expected output is the whole untagged response with
// its literals.
#include "imap/ImapCommandParser.h"
#include "imap/ImapFetchResponder.h"
#include "imap/ImapMessageView.h"
#include "ImapSampleMessages.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::imap;

namespace {

using test::bareLf;

const QByteArray &kSimple = test::kSimpleMessage;
const QByteArray &kMultipart = test::kMultipartMessage;

QByteArray messageNamed(const QString &name) {
    return test::sampleMessage(name);
}

store::MessageInfo infoFor(const QByteArray &bytes) {
    store::MessageInfo info;
    info.uid = 7;
    info.modSeq = 42;
    info.flags = store::MessageFlag::Seen;
    info.keywords = {u"$Forwarded"_s};
    info.size = bytes.size();
    info.virtualSize = bytes.size() + bytes.count('\n') - bytes.count("\r\n");
    info.internalDate = QDateTime(QDate(2024, 3, 12), QTime(9, 15, 0), Qt::UTC);
    return info;
}

QList<ImapFetchItem> itemsOf(const QByteArray &text) {
    const ImapParseResult parsed = parseCommand(QByteArray("A1 FETCH 1 " + text));
    const ImapFetchArguments *arguments = parsed.command.as<ImapFetchArguments>();
    return arguments ? arguments->items : QList<ImapFetchItem>();
}

} // namespace

class TestImapFetchResponder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void response_data();
    void response();
    void bodySizesMatchRfc822Size_data();
    void bodySizesMatchRfc822Size();
    void unknownTransferEncoding();
    void seenAndContent_data();
    void seenAndContent();
    void headerBlockAnswersHeaderItems_data();
    void headerBlockAnswersHeaderItems();
};

void TestImapFetchResponder::response_data() {
    QTest::addColumn<QString>("message");
    QTest::addColumn<QByteArray>("items");
    QTest::addColumn<QString>("context"); // "uid", "condstore", "flags", "rev2"
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("flags uid size")
        << u"simple"_s << "(FLAGS UID RFC822.SIZE)"_ba << QString()
        << "* 3 FETCH (FLAGS (\\Seen $Forwarded) UID 7 RFC822.SIZE 157)\r\n"_ba;
    QTest::newRow("internaldate modseq")
        << u"simple"_s << "(INTERNALDATE MODSEQ)"_ba << QString()
        << "* 3 FETCH (INTERNALDATE \"12-Mar-2024 09:15:00 +0000\" MODSEQ (42))\r\n"_ba;
    QTest::newRow("uid fetch adds uid first")
        << u"simple"_s << "FLAGS"_ba << u"uid"_s
        << "* 3 FETCH (UID 7 FLAGS (\\Seen $Forwarded))\r\n"_ba;
    QTest::newRow("condstore adds modseq")
        << u"simple"_s << "UID"_ba << u"uid condstore"_s << "* 3 FETCH (UID 7 MODSEQ (42))\r\n"_ba;
    QTest::newRow("implicit seen adds flags")
        << u"simple"_s << "BODY[TEXT]"_ba << u"flags"_s
        << "* 3 FETCH (BODY[TEXT] {16}\r\nBody line one.\r\n FLAGS (\\Seen $Forwarded))\r\n"_ba;
    QTest::newRow("a repeated item once")
        << u"simple"_s << "(UID UID)"_ba << u"uid"_s << "* 3 FETCH (UID 7)\r\n"_ba;
    QTest::newRow("envelope")
        << u"simple"_s << "ENVELOPE"_ba << QString()
        << "* 3 FETCH (ENVELOPE (\"Tue, 12 Mar 2024 10:15:00 +0100\" \"Hello\" "
           "((\"Alice\" NIL \"alice\" \"example.org\")) ((\"Alice\" NIL \"alice\" "
           "\"example.org\")) ((\"Alice\" NIL \"alice\" \"example.org\")) "
           "((NIL NIL \"bob\" \"example.test\")) NIL NIL NIL \"<1@example.org>\"))\r\n"_ba;
    QTest::newRow("body and bodystructure")
        << u"simple-lf"_s << "(BODY BODYSTRUCTURE)"_ba << QString()
        << "* 3 FETCH (BODY (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 16 "
           "1) BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" "
           "16 1 NIL NIL NIL NIL))\r\n"_ba;
    QTest::newRow("whole message") << u"simple"_s << "BODY.PEEK[]"_ba << QString()
                                   << "* 3 FETCH (BODY[] {157}\r\n"_ba + kSimple + ")\r\n";
    QTest::newRow("whole message, bare LF served as CRLF")
        << u"simple-lf"_s << "RFC822"_ba << QString()
        << "* 3 FETCH (RFC822 {157}\r\n"_ba + kSimple + ")\r\n";
    QTest::newRow("rfc822.header and text")
        << u"simple-lf"_s << "(RFC822.HEADER RFC822.TEXT)"_ba << QString()
        << "* 3 FETCH (RFC822.HEADER {141}\r\n"_ba + kSimple.first(141) +
               " RFC822.TEXT {16}\r\nBody line one.\r\n)\r\n";
    QTest::newRow("partial from the start") << u"simple"_s << "BODY.PEEK[]<0.4>"_ba << QString()
                                            << "* 3 FETCH (BODY[]<0> {4}\r\nFrom)\r\n"_ba;
    QTest::newRow("partial across a rewritten line end")
        << u"simple-lf"_s << "BODY.PEEK[]<29.4>"_ba << QString()
        << "* 3 FETCH (BODY[]<29> {4}\r\ng>\r\n)\r\n"_ba;
    QTest::newRow("partial past the end") << u"simple"_s << "BODY.PEEK[]<157.10>"_ba << QString()
                                          << "* 3 FETCH (BODY[]<157> \"\")\r\n"_ba;
    QTest::newRow("partial cut at the end")
        << u"simple"_s << "BODY.PEEK[TEXT]<10.100>"_ba << QString()
        << "* 3 FETCH (BODY[TEXT]<10> {6}\r\none.\r\n)\r\n"_ba;
    QTest::newRow("part 1 of a single part message")
        << u"simple"_s << "BODY.PEEK[1]"_ba << QString()
        << "* 3 FETCH (BODY[1] {16}\r\nBody line one.\r\n)\r\n"_ba;
    QTest::newRow("header fields")
        << u"simple"_s << "BODY.PEEK[HEADER.FIELDS (subject FROM X-None)]"_ba << QString()
        << "* 3 FETCH (BODY[HEADER.FIELDS (subject FROM X-None)] {51}\r\n"
           "From: Alice <alice@example.org>\r\nSubject: Hello\r\n\r\n)\r\n"_ba;
    QTest::newRow("header fields not")
        << u"simple-lf"_s << "BODY.PEEK[HEADER.FIELDS.NOT (From To Date Message-ID)]"_ba
        << QString()
        << "* 3 FETCH (BODY[HEADER.FIELDS.NOT (From To Date Message-ID)] {18}\r\n"
           "Subject: Hello\r\n\r\n)\r\n"_ba;

    QTest::newRow("qp part as stored") << u"multipart"_s << "BODY.PEEK[1]"_ba << QString()
                                       << "* 3 FETCH (BODY[1] {9}\r\ncaf=C3=A9)\r\n"_ba;
    QTest::newRow("qp part decoded")
        << u"multipart-lf"_s << "(BINARY.PEEK[1] BINARY.SIZE[1])"_ba << QString()
        << "* 3 FETCH (BINARY[1] {5}\r\ncaf\xc3\xa9 BINARY.SIZE[1] 5)\r\n"_ba;
    QTest::newRow("mime header of a part")
        << u"multipart-lf"_s << "BODY.PEEK[1.MIME]"_ba << QString()
        << "* 3 FETCH (BODY[1.MIME] {88}\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n\r\n)\r\n"_ba;
    QTest::newRow("encapsulated header")
        << u"multipart"_s << "BODY.PEEK[2.HEADER]"_ba << QString()
        << "* 3 FETCH (BODY[2.HEADER] {98}\r\nFrom: inner@example.org\r\nSubject: inner\r\n"
           "Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n)\r\n"_ba;
    QTest::newRow("encapsulated header fields")
        << u"multipart-lf"_s << "BODY.PEEK[2.HEADER.FIELDS (SUBJECT)]"_ba << QString()
        << "* 3 FETCH (BODY[2.HEADER.FIELDS (SUBJECT)] {18}\r\nSubject: inner\r\n\r\n)\r\n"_ba;
    QTest::newRow("encapsulated text")
        << u"multipart"_s << "BODY.PEEK[2.TEXT]"_ba << QString()
        << "* 3 FETCH (BODY[2.TEXT] {110}\r\n--inner\r\nContent-Type: text/plain\r\n\r\n"
           "inner text\r\n--inner\r\nContent-Type: text/html\r\n\r\n<p>inner</p>\r\n"
           "--inner--\r\n)\r\n"_ba;
    QTest::newRow("part inside the encapsulated message")
        << u"multipart-lf"_s << "(BODY.PEEK[2.2] BODY.PEEK[2.1.MIME])"_ba << QString()
        << "* 3 FETCH (BODY[2.2] {12}\r\n<p>inner</p> BODY[2.1.MIME] {28}\r\n"
           "Content-Type: text/plain\r\n\r\n)\r\n"_ba;
    QTest::newRow("header of a part that is no message")
        << u"multipart"_s << "BODY.PEEK[1.HEADER]"_ba << QString()
        << "* 3 FETCH (BODY[1.HEADER] \"\")\r\n"_ba;
    QTest::newRow("part that does not exist")
        << u"multipart"_s << "(BODY.PEEK[9] BODY.PEEK[1.1])"_ba << QString()
        << "* 3 FETCH (BODY[9] \"\" BODY[1.1] \"\")\r\n"_ba;
    QTest::newRow("base64 part as stored") << u"multipart"_s << "BODY.PEEK[3]"_ba << QString()
                                           << "* 3 FETCH (BODY[3] {8}\r\nAAEC/w==)\r\n"_ba;
    QTest::newRow("binary with NUL is literal8")
        << u"multipart"_s << "BINARY.PEEK[3]"_ba << QString()
        << QByteArray("* 3 FETCH (BINARY[3] ~{4}\r\n\x00\x01\x02\xff)\r\n", 34);
    QTest::newRow("binary partial") << u"multipart"_s << "BINARY.PEEK[3]<1.2>"_ba << QString()
                                    << "* 3 FETCH (BINARY[3]<1> {2}\r\n\x01\x02)\r\n"_ba;
    QTest::newRow("binary of a message part as is")
        << u"multipart"_s << "BINARY.SIZE[2]"_ba << QString()
        << "* 3 FETCH (BINARY.SIZE[2] 208)\r\n"_ba;
}

void TestImapFetchResponder::response() {
    QFETCH(QString, message);
    QFETCH(QByteArray, items);
    QFETCH(QString, context);
    QFETCH(QByteArray, expected);

    const QList<ImapFetchItem> parsed = itemsOf(items);
    QVERIFY(!parsed.isEmpty());
    const QByteArray bytes = messageNamed(message);
    ImapMessageView view(bytes, infoFor(bytes), 3);
    ImapFetchContext fetchContext;
    const QStringList words = context.split(u' ', Qt::SkipEmptyParts);
    fetchContext.uid = words.contains(u"uid"_s);
    fetchContext.condstore = words.contains(u"condstore"_s);
    fetchContext.flags = words.contains(u"flags"_s);
    fetchContext.imap4rev2 = words.contains(u"rev2"_s);
    QByteArray errorCode;
    const QByteArray response = imapFetchResponse(view, parsed, fetchContext, &errorCode);
    QCOMPARE(errorCode, QByteArray());
    QCOMPARE(response, expected);
}

// RFC822.SIZE, BODY[] and HEADER + TEXT agree for CRLF and bare-LF files.
void TestImapFetchResponder::bodySizesMatchRfc822Size_data() {
    QTest::addColumn<QString>("message");
    for (const char16_t *name : {u"simple", u"simple-lf", u"multipart", u"multipart-lf"})
        QTest::newRow(QString::fromUtf16(name).toUtf8().constData()) << QString::fromUtf16(name);
}

void TestImapFetchResponder::bodySizesMatchRfc822Size() {
    QFETCH(QString, message);
    const QByteArray bytes = messageNamed(message);
    ImapMessageView view(bytes, infoFor(bytes), 1);
    const QByteArray whole = imapFetchResponse(view, itemsOf("BODY.PEEK[]"), {});
    const QByteArray parts =
        imapFetchResponse(view, itemsOf("(BODY.PEEK[HEADER] BODY.PEEK[TEXT])"), {});
    const QByteArray size = QByteArray::number(view.info().virtualSize);
    QVERIFY2(whole.startsWith(QByteArray("* 1 FETCH (BODY[] {" + size + "}\r\n")),
             whole.constData());
    QCOMPARE(whole.size(), qsizetype(25 + size.size() + view.info().virtualSize));
    const qsizetype headerOpen = parts.indexOf('{');
    const qsizetype headerClose = parts.indexOf('}', headerOpen);
    const qsizetype textOpen = parts.indexOf("BODY[TEXT] {") + 11;
    const qsizetype textClose = parts.indexOf('}', textOpen);
    const qint64 headerSize = parts.mid(headerOpen + 1, headerClose - headerOpen - 1).toLongLong();
    const qint64 textSize = parts.mid(textOpen + 1, textClose - textOpen - 1).toLongLong();
    QCOMPARE(headerSize + textSize, view.info().virtualSize);
}

void TestImapFetchResponder::unknownTransferEncoding() {
    const QByteArray bytes = kMultipart;
    ImapMessageView view(bytes, infoFor(bytes), 1);
    QByteArray errorCode;
    QCOMPARE(imapFetchResponse(view, itemsOf("(UID BINARY.PEEK[4])"), {}, &errorCode),
             QByteArray());
    QCOMPARE(errorCode, "UNKNOWN-CTE"_ba);
    errorCode.clear();
    QCOMPARE(imapFetchResponse(view, itemsOf("BINARY.SIZE[4]"), {}, &errorCode), QByteArray());
    QCOMPARE(errorCode, "UNKNOWN-CTE"_ba);
    // The same part undecoded is fine.
    errorCode.clear();
    QCOMPARE(imapFetchResponse(view, itemsOf("BODY.PEEK[4]"), {}, &errorCode),
             "* 1 FETCH (BODY[4] {11}\r\nbegin 644 x)\r\n"_ba);
    QCOMPARE(errorCode, QByteArray());
}

void TestImapFetchResponder::seenAndContent_data() {
    QTest::addColumn<QByteArray>("items");
    QTest::addColumn<bool>("needsContent");
    QTest::addColumn<bool>("setsSeen");

    QTest::addColumn<bool>("headerOnly");

    QTest::newRow("fast") << "FAST"_ba << false << false << false;
    QTest::newRow("uid modseq") << "(UID MODSEQ)"_ba << false << false << false;
    QTest::newRow("envelope") << "ENVELOPE"_ba << true << false << true;
    QTest::newRow("all") << "ALL"_ba << true << false << true;
    QTest::newRow("full") << "FULL"_ba << true << false << false;
    QTest::newRow("body peek") << "BODY.PEEK[TEXT]"_ba << true << false << false;
    QTest::newRow("body") << "BODY[TEXT]"_ba << true << true << false;
    QTest::newRow("header") << "BODY[HEADER]"_ba << true << true << true;
    QTest::newRow("header fields, flags")
        << "(UID FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)])"_ba << true << false << true;
    QTest::newRow("header fields not")
        << "BODY.PEEK[HEADER.FIELDS.NOT (X)]"_ba << true << false << true;
    QTest::newRow("header of a part") << "BODY.PEEK[1.HEADER]"_ba << true << false << false;
    QTest::newRow("header and a part")
        << "(BODY.PEEK[HEADER] BODY.PEEK[1])"_ba << true << false << false;
    QTest::newRow("whole message") << "BODY.PEEK[]"_ba << true << false << false;
    QTest::newRow("binary peek") << "BINARY.PEEK[1]"_ba << true << false << false;
    QTest::newRow("binary") << "BINARY[1]"_ba << true << true << false;
    QTest::newRow("binary size") << "BINARY.SIZE[1]"_ba << true << false << false;
    QTest::newRow("rfc822") << "RFC822"_ba << true << true << false;
    QTest::newRow("rfc822.header") << "RFC822.HEADER"_ba << true << false << true;
    QTest::newRow("rfc822.text") << "RFC822.TEXT"_ba << true << true << false;
}

void TestImapFetchResponder::seenAndContent() {
    QFETCH(QByteArray, items);
    QFETCH(bool, needsContent);
    QFETCH(bool, setsSeen);
    QFETCH(bool, headerOnly);
    const QList<ImapFetchItem> parsed = itemsOf(items);
    QVERIFY(!parsed.isEmpty());
    QCOMPARE(fetchNeedsContent(parsed), needsContent);
    QCOMPARE(fetchSetsSeen(parsed), setsSeen);
    QCOMPARE(fetchNeedsOnlyHeader(parsed), headerOnly);
}

// What ImapHeaderCache keeps (the header block alone) answers every
// header-only item list byte for byte as the whole message does.
void TestImapFetchResponder::headerBlockAnswersHeaderItems_data() {
    QTest::addColumn<QString>("message");
    QTest::addColumn<QByteArray>("items");
    const char16_t *messages[] = {u"simple", u"simple-lf", u"multipart", u"multipart-lf",
                                  u"no blank line"};
    const QByteArray itemLists[] = {
        "(UID FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO CC SUBJECT DATE MESSAGE-ID)])"_ba,
        "BODY.PEEK[HEADER.FIELDS.NOT (Subject)]"_ba, "(BODY.PEEK[HEADER]<3.20> RFC822.HEADER)"_ba,
        "ALL"_ba};
    for (const char16_t *message : messages) {
        for (const QByteArray &items : itemLists) {
            const QString name = QString::fromUtf16(message);
            QTest::addRow("%s %s", qPrintable(name), items.constData()) << name << items;
        }
    }
}

void TestImapFetchResponder::headerBlockAnswersHeaderItems() {
    QFETCH(QString, message);
    QFETCH(QByteArray, items);
    const QList<ImapFetchItem> parsed = itemsOf(items);
    QVERIFY(fetchNeedsOnlyHeader(parsed));
    const QByteArray bytes = message == u"no blank line"_s
                                 ? "Subject: only a header\r\nFrom: a@b\r\n"_ba
                                 : messageNamed(message);
    ImapMessageView whole(bytes, infoFor(bytes), 4);
    const QByteArray expected = imapFetchResponse(whole, parsed, {});
    QVERIFY(!expected.isEmpty());
    const QByteArray header = bytes.first(whole.headerEnd());
    QCOMPARE(whole.headerEnd(), whole.mime().root().header.end());
    ImapMessageView cached(header, infoFor(bytes), 4);
    QCOMPARE(cached.headerEnd(), header.size());
    QCOMPARE(imapFetchResponse(cached, parsed, {}), expected);
}

QTEST_GUILESS_MAIN(TestImapFetchResponder)
#include "tst_imapfetchresponder.moc"
