// tst_imapsearchengine.cpp - SEARCH programs over a real folder
//
// Four messages are delivered into a MessageStore (flags, keywords,
// internal dates, a Date: header in another zone and one without Date:,
// an encoded-word subject, a quoted-printable UTF-8 body, an HTML part, a
// bare-LF file). Each row parses a SEARCH program and compares the
// matching sequence numbers; every row runs twice: with the full-text
// index, and with the index marked incomplete so text keys read files.
// Both must give the same answer.
#include "imap/ImapCommandParser.h"
#include "imap/ImapSearchEngine.h"
#include "store/MailboxReader.h"
#include "store/Sqlite.h"
#include "StoreTestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::imap;
namespace t = mailstead::store::test;

namespace {

const QString kDomain = u"example.test"_s;
const QString kLocal = u"alice"_s;

struct TestMessage {
    QByteArray bytes;
    QDateTime internalDate;
    store::MessageFlags flags;
    QStringList keywords;
};

QList<TestMessage> testMessages() {
    using F = store::MessageFlag;
    QList<TestMessage> out;
    out.append({"From: Alice <alice@example.org>\r\n"
                "To: carol@example.net\r\n"
                "Subject: Invoice 2024\r\n"
                "Date: Fri, 1 Mar 2024 09:00:00 +0000\r\n"
                "\r\n"
                "Please pay the invoice.\r\n",
                QDateTime(QDate(2024, 3, 2), QTime(0, 30), Qt::UTC),
                F::Seen,
                {u"$Work"_s}});
    out.append({"From: bob@example.org\r\n"
                "To: alice@example.test\r\n"
                "Subject: =?UTF-8?B?w5xiZXJyYXNjaHVuZw==?=\r\n"
                "Date: Tue, 5 Mar 2024 23:30:00 -0800\r\n"
                "X-Priority: 1\r\n"
                "Content-Type: text/plain; charset=utf-8\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n"
                "\r\n"
                "Gr=C3=BC=C3=9Fe\r\n",
                QDateTime(QDate(2024, 3, 6), QTime(8, 0), Qt::UTC),
                F::Flagged | F::Answered,
                {}});
    out.append({"From: carol@example.net\n"
                "To: alice@example.test\n"
                "Cc: Dave <dave@example.com>\n"
                "Subject: lunch\n"
                "\n" +
                    QByteArray(5000, 'x') + "\n",
                QDateTime(QDate(2024, 3, 10), QTime(12, 0), Qt::UTC),
                F::Deleted | F::Draft,
                {}});
    out.append({"From: Alice <alice@example.org>\r\n"
                "To: Bob <bob@example.org>\r\n"
                "Bcc: eve@example.com\r\n"
                "Subject: Re: Invoice 2024\r\n"
                "Date: Sun, 10 Mar 2024 08:00:00 +0100\r\n"
                "MIME-Version: 1.0\r\n"
                "Content-Type: multipart/alternative; boundary=b\r\n"
                "\r\n"
                "--b\r\n"
                "Content-Type: text/html\r\n"
                "\r\n"
                "<p>Paid <b>today</b></p>\r\n"
                "--b--\r\n",
                QDateTime(QDate(2024, 3, 10), QTime(23, 59), Qt::UTC),
                {},
                {}});
    return out;
}

} // namespace

class TestImapSearchEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void search_data();
    void search();
    void refusals_data();
    void refusals();
    void goneFileMatchesNoContentKey();

private:
    ImapSearchOutput run(const QByteArray &program, const QList<quint32> &savedUids = {});
    bool setTextIndexState(const char *state);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::MessageStore> m_store;
    std::unique_ptr<store::MailboxReader> m_reader;
    QList<store::MessageInfo> m_messages;
};

void TestImapSearchEngine::initTestCase() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<store::MessageStore>();
    QVERIFY(m_store->open(m_dir->path(), nullptr));
    QVERIFY(m_store->ensureMailbox(kDomain, kLocal));
    for (const TestMessage &message : testMessages()) {
        store::DeliveryRequest request = t::request({t::recipient(kDomain, kLocal)}, message.bytes);
        request.internalDate = message.internalDate;
        request.flags = message.flags;
        request.keywords = message.keywords;
        QVERIFY(m_store->deliverAndWait(request).first().ok());
    }
    m_reader = m_store->openReader(kDomain, kLocal);
    QVERIFY(m_reader);
    m_messages = m_reader->messages(u"INBOX"_s);
    QCOMPARE(m_messages.size(), 4);
}

void TestImapSearchEngine::cleanupTestCase() {
    m_reader.reset();
    m_store.reset();
    m_dir.reset();
}

ImapSearchOutput TestImapSearchEngine::run(const QByteArray &program,
                                           const QList<quint32> &savedUids) {
    ImapParserOptions options;
    options.imap4rev2 = true;
    const ImapParseResult parsed = parseCommand(QByteArray("A1 SEARCH " + program), options);
    const ImapSearchArguments *arguments = parsed.command.as<ImapSearchArguments>();
    if (!arguments) {
        ImapSearchOutput failed;
        failed.ok = false;
        failed.failure = ImapStatusResponse::bad("test program did not parse: " + program);
        return failed;
    }
    ImapSearchInput input;
    input.program = &arguments->program;
    input.messages = &m_messages;
    input.savedUids = savedUids;
    input.imap4rev2 = true;
    return imapSearch(input, *m_reader, *m_reader->folder(u"INBOX"_s));
}

bool TestImapSearchEngine::setTextIndexState(const char *state) {
    store::SqliteDb db;
    QString error;
    if (!db.open(m_store->vmailDir() + u"/example.test/alice/index.db"_s,
                 store::SqliteDb::Mode::Writer, &error))
        return false;
    return db.exec(
        QByteArray("UPDATE meta SET value='"_ba + state + "' WHERE key='text_index'").constData());
}

void TestImapSearchEngine::search_data() {
    QTest::addColumn<QByteArray>("program");
    QTest::addColumn<QList<int>>("expected"); // sequence numbers

    using L = QList<int>;
    QTest::newRow("all") << "ALL"_ba << L{1, 2, 3, 4};
    QTest::newRow("seen") << "SEEN"_ba << L{1};
    QTest::newRow("unseen") << "UNSEEN"_ba << L{2, 3, 4};
    QTest::newRow("answered") << "ANSWERED"_ba << L{2};
    QTest::newRow("unanswered") << "UNANSWERED"_ba << L{1, 3, 4};
    QTest::newRow("flagged") << "FLAGGED"_ba << L{2};
    QTest::newRow("unflagged") << "UNFLAGGED"_ba << L{1, 3, 4};
    QTest::newRow("deleted") << "DELETED"_ba << L{3};
    QTest::newRow("undeleted") << "UNDELETED"_ba << L{1, 2, 4};
    QTest::newRow("draft") << "DRAFT"_ba << L{3};
    QTest::newRow("undraft") << "UNDRAFT"_ba << L{1, 2, 4};
    QTest::newRow("keyword in another case") << "KEYWORD $work"_ba << L{1};
    QTest::newRow("unkeyword") << "UNKEYWORD $Work"_ba << L{2, 3, 4};
    QTest::newRow("new: no recent here") << "NEW"_ba << L{};
    QTest::newRow("recent") << "RECENT"_ba << L{};
    QTest::newRow("old") << "OLD"_ba << L{1, 2, 3, 4};
    QTest::newRow("sequence range") << "2:3"_ba << L{2, 3};
    QTest::newRow("sequence star") << "*"_ba << L{4};
    QTest::newRow("sequence to star") << "3:*"_ba << L{3, 4};
    QTest::newRow("saved result") << "$"_ba << L{1, 4};
    QTest::newRow("uid set") << "UID 2,4"_ba << L{2, 4};
    QTest::newRow("uid star") << "UID *"_ba << L{4};
    QTest::newRow("uid above the largest to star") << "UID 10:*"_ba << L{4};
    QTest::newRow("uid above the largest") << "UID 10:20"_ba << L{};
    QTest::newRow("uid saved") << "UID $"_ba << L{1, 4};
    QTest::newRow("before") << "BEFORE 6-Mar-2024"_ba << L{1};
    QTest::newRow("on ignores the time") << "ON 10-Mar-2024"_ba << L{3, 4};
    QTest::newRow("since") << "SINCE 6-Mar-2024"_ba << L{2, 3, 4};
    QTest::newRow("senton in the sender's zone") << "SENTON 5-Mar-2024"_ba << L{2};
    QTest::newRow("sentbefore") << "SENTBEFORE 2-Mar-2024"_ba << L{1};
    QTest::newRow("sentsince, no Date: uses internal date")
        << "SENTSINCE 10-Mar-2024"_ba << L{3, 4};
    QTest::newRow("larger") << "LARGER 4000"_ba << L{3};
    QTest::newRow("smaller") << "SMALLER 4000"_ba << L{1, 2, 4};
    QTest::newRow("from") << "FROM alice"_ba << L{1, 4};
    QTest::newRow("from display name") << "FROM \"ALICE <\""_ba << L{1, 4};
    QTest::newRow("to") << "TO bob"_ba << L{4};
    QTest::newRow("cc") << "CC dave"_ba << L{3};
    QTest::newRow("bcc") << "BCC eve@"_ba << L{4};
    QTest::newRow("decoded subject") << "SUBJECT \"überraschung\""_ba << L{2};
    QTest::newRow("subject") << "SUBJECT invoice"_ba << L{1, 4};
    QTest::newRow("short subject") << "SUBJECT re"_ba << L{4};
    QTest::newRow("decoded body") << "BODY \"GRÜSSE\""_ba << L{};
    QTest::newRow("decoded qp body") << "BODY \"grüße\""_ba << L{2};
    QTest::newRow("body phrase") << "BODY \"pay the\""_ba << L{1};
    QTest::newRow("html as text") << "BODY \"paid today\""_ba << L{4};
    QTest::newRow("no html markup") << "BODY <b>"_ba << L{};
    QTest::newRow("text covers headers") << "TEXT x-priority"_ba << L{2};
    QTest::newRow("text covers bodies") << "TEXT xxxxxxxx"_ba << L{3};
    QTest::newRow("header value") << "HEADER X-Priority 1"_ba << L{2};
    QTest::newRow("header present") << "HEADER x-priority \"\""_ba << L{2};
    QTest::newRow("header absent") << "HEADER Date \"\""_ba << L{1, 2, 4};
    QTest::newRow("header decoded") << "HEADER Subject \"ÜBERRASCHUNG\""_ba << L{2};
    QTest::newRow("or") << "OR SEEN FLAGGED"_ba << L{1, 2};
    QTest::newRow("not") << "NOT SEEN"_ba << L{2, 3, 4};
    QTest::newRow("and list") << "(SEEN FROM alice)"_ba << L{1};
    QTest::newRow("implicit and") << "1:2 UNSEEN"_ba << L{2};
    QTest::newRow("nested") << "OR (FROM alice UNSEEN) DELETED"_ba << L{3, 4};
    QTest::newRow("not or") << "NOT OR SEEN DELETED"_ba << L{2, 4};
    QTest::newRow("text and flags") << "UNSEEN TEXT invoice"_ba << L{4};
    QTest::newRow("modseq") << "MODSEQ 4"_ba << L{3, 4};
}

void TestImapSearchEngine::search() {
    QFETCH(QByteArray, program);
    QFETCH(QList<int>, expected);
    const QList<quint32> saved{m_messages.at(0).uid, m_messages.at(3).uid};

    for (const char *state : {"complete", "filling"}) {
        QVERIFY(setTextIndexState(state));
        const ImapSearchOutput output = run(program, saved);
        QVERIFY2(output.ok, output.failure.toWire("A1").constData());
        QList<int> numbers;
        quint64 highest = 0;
        for (const int index : output.matches) {
            numbers.append(index + 1);
            highest = std::max(highest, m_messages.at(index).modSeq);
        }
        QVERIFY2(numbers == expected, state);
        QCOMPARE(output.highestModSeq, highest);
    }
    QVERIFY(setTextIndexState("complete"));
}

void TestImapSearchEngine::refusals_data() {
    QTest::addColumn<QByteArray>("program");
    QTest::addColumn<QByteArray>("response");

    QTest::newRow("sequence number above the count") << "5"_ba
                                                     << "A1 BAD"_ba;
    QTest::newRow("search string too long")
        << "SUBJECT " + QByteArray(store::maxSearchTextChars + 1, 'a') << "A1 NO [LIMIT]"_ba;
    QTest::newRow("header string too long")
        << "HEADER X-A " + QByteArray(store::maxSearchTextChars + 1, 'a') << "A1 NO [LIMIT]"_ba;
}

void TestImapSearchEngine::refusals() {
    QFETCH(QByteArray, program);
    QFETCH(QByteArray, response);
    const ImapSearchOutput output = run(program);
    QVERIFY(!output.ok);
    QVERIFY2(output.failure.toWire("A1").startsWith(response),
             output.failure.toWire("A1").constData());
}

// A message expunged after the session read its row: content keys cannot
// match it, row keys still can, and nothing fails.
void TestImapSearchEngine::goneFileMatchesNoContentKey() {
    QList<store::MessageInfo> messages = m_messages;
    messages[1].fileName = u"cur/gone-for-good"_s;
    messages[1].uid = 99;
    const ImapParseResult parsed = parseCommand("A1 SEARCH OR HEADER X-Priority 1 FLAGGED");
    const ImapSearchArguments *arguments = parsed.command.as<ImapSearchArguments>();
    QVERIFY(arguments);
    ImapSearchInput input;
    input.program = &arguments->program;
    input.messages = &messages;
    const ImapSearchOutput output = imapSearch(input, *m_reader, *m_reader->folder(u"INBOX"_s));
    QVERIFY(output.ok);
    QCOMPARE(output.matches, QList<int>{1});
    const ImapParseResult header = parseCommand("A1 SEARCH HEADER X-Priority 1");
    input.program = &header.command.as<ImapSearchArguments>()->program;
    QCOMPARE(imapSearch(input, *m_reader, *m_reader->folder(u"INBOX"_s)).matches, QList<int>{});
}

QTEST_GUILESS_MAIN(TestImapSearchEngine)
#include "tst_imapsearchengine.moc"
