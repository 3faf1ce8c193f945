// tst_imapflags.cpp - flag lists written, client flags read, PERMANENTFLAGS
#include "imap/ImapFlags.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::imap;

class TestImapFlags : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void flagList_data();
    void flagList();
    void parseFlags_data();
    void parseFlags();
    void permanentFlags();
};

void TestImapFlags::flagList_data() {
    QTest::addColumn<int>("flags");
    QTest::addColumn<QStringList>("keywords");
    QTest::addColumn<bool>("recent");
    QTest::addColumn<QByteArray>("expected");

    using F = store::MessageFlag;
    QTest::newRow("none") << 0 << QStringList() << false << "()"_ba;
    QTest::newRow("recent only") << 0 << QStringList() << true << "(\\Recent)"_ba;
    QTest::newRow("all system flags in a fixed order")
        << int(F::Draft | F::Deleted | F::Flagged | F::Answered | F::Seen) << QStringList() << false
        << "(\\Seen \\Answered \\Flagged \\Deleted \\Draft)"_ba;
    QTest::newRow("keywords after system flags")
        << int(F::Flagged) << QStringList{u"$Forwarded"_s, u"Work"_s} << true
        << "(\\Flagged \\Recent $Forwarded Work)"_ba;
    QTest::newRow("a keyword that is no atom is left out")
        << int(F::Seen) << QStringList{u"bad(kw"_s, u"ok"_s} << false << "(\\Seen ok)"_ba;
}

void TestImapFlags::flagList() {
    QFETCH(int, flags);
    QFETCH(QStringList, keywords);
    QFETCH(bool, recent);
    QFETCH(QByteArray, expected);
    QCOMPARE(imapFlagList(store::MessageFlags::fromInt(flags), keywords, recent), expected);
}

void TestImapFlags::parseFlags_data() {
    QTest::addColumn<QByteArrayList>("input");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("flags");
    QTest::addColumn<QStringList>("keywords");

    using F = store::MessageFlag;
    QTest::newRow("empty") << QByteArrayList() << true << 0 << QStringList();
    QTest::newRow("system flags in any case")
        << QByteArrayList{"\\SEEN", "\\answered", "\\Flagged", "\\DeLeTeD", "\\Draft"} << true
        << int(F::Seen | F::Answered | F::Flagged | F::Deleted | F::Draft) << QStringList();
    QTest::newRow("keywords kept as written, duplicates dropped")
        << QByteArrayList{"$Forwarded", "Work", "work", "$forwarded"} << true << 0
        << QStringList{u"$Forwarded"_s, u"Work"_s};
    QTest::newRow("mixed") << QByteArrayList{"\\Seen", "$MDNSent"} << true << int(F::Seen)
                           << QStringList{u"$MDNSent"_s};
    QTest::newRow("recent cannot be set")
        << QByteArrayList{"\\Recent"} << false << 0 << QStringList();
    QTest::newRow("unknown flag extension")
        << QByteArrayList{"\\Important"} << false << 0 << QStringList();
    QTest::newRow("wildcard is no flag") << QByteArrayList{"\\*"} << false << 0 << QStringList();
    QTest::newRow("not an atom") << QByteArrayList{"a b"} << false << 0 << QStringList();
    QTest::newRow("empty keyword") << QByteArrayList{""} << false << 0 << QStringList();
}

void TestImapFlags::parseFlags() {
    QFETCH(QByteArrayList, input);
    QFETCH(bool, ok);
    QFETCH(int, flags);
    QFETCH(QStringList, keywords);
    store::MessageFlags system = store::MessageFlag::Draft;
    QStringList parsedKeywords{u"untouched"_s};
    QCOMPARE(imapParseFlags(input, &system, &parsedKeywords), ok);
    if (ok) {
        QCOMPARE(system.toInt(), flags);
        QCOMPARE(parsedKeywords, keywords);
    } else {
        // A refused list changes nothing.
        QCOMPARE(system.toInt(), int(store::MessageFlag::Draft));
        QCOMPARE(parsedKeywords, QStringList{u"untouched"_s});
    }
}

void TestImapFlags::permanentFlags() {
    QCOMPARE(imapPermanentFlags({}),
             (QByteArrayList{"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft", "\\*"}));
    QCOMPARE(imapPermanentFlags({u"$Junk"_s, u"Work"_s, u"Work"_s}),
             (QByteArrayList{"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft", "$Junk",
                             "Work", "\\*"}));
}

QTEST_GUILESS_MAIN(TestImapFlags)
#include "tst_imapflags.moc"
