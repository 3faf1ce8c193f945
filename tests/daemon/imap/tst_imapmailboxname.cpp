// tst_imapmailboxname.cpp - modified UTF-7 and mailbox name rules
//
// Covers daemon/imap/ImapMailboxName: RFC 3501 / RFC 9051 section 5.1.3
// round trips (BMP, astral characters, "&"), strict rejection of invalid
// encodings ("&AGE-" encoding ASCII, "&-" handling, unterminated shifts,
// null shifts, leftover bits, unpaired surrogates, raw 8-bit), UTF-8 names
// for IMAP4rev2 / UTF8=ACCEPT, INBOX in any case, control characters.

#include "imap/ImapMailboxName.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::imap;

class TestImapMailboxName : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void invalid_data();
    void invalid();
    void mailboxNames_data();
    void mailboxNames();
    void everyBmpCharacterRoundTrips();
    void utf8Validation();
};

void TestImapMailboxName::roundTrip_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("ascii") << u"INBOX"_s << "INBOX"_ba;
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("ampersand") << u"Tom & Jerry"_s << "Tom &- Jerry"_ba;
    QTest::newRow("ampersands") << u"&&"_s << "&-&-"_ba;
    QTest::newRow("umlaut") << u"Entwürfe"_s << "Entw&APw-rfe"_ba;
    QTest::newRow("RFC 3501 example")
        << u"~peter/mail/台北/日本語"_s << "~peter/mail/&U,BTFw-/&ZeVnLIqe-"_ba;
    QTest::newRow("trailing non-ASCII") << u"é"_s << "&AOk-"_ba;
    QTest::newRow("three non-ASCII") << u"äöü"_s << "&AOQA9gD8-"_ba;
    QTest::newRow("non-ASCII then ampersand") << u"ä&"_s << "&AOQ-&-"_ba;
    QTest::newRow("astral (surrogate pair)") << u"📧"_s << "&2D3c5w-"_ba;
    QTest::newRow("slash and comma") << u"a/b,c"_s << "a/b,c"_ba;
    QTest::newRow("russian") << u"Отправленные"_s << "&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-"_ba;
    QTest::newRow("hyphen after run") << u"ä-x"_s << "&AOQ--x"_ba;
}

void TestImapMailboxName::roundTrip() {
    QFETCH(QString, name);
    QFETCH(QByteArray, encoded);
    QCOMPARE(encodeModifiedUtf7(name), encoded);
    const ImapMailboxNameDecode decoded = decodeModifiedUtf7(encoded);
    QVERIFY2(decoded.ok(), decoded.error.constData());
    QCOMPARE(decoded.name, name);
}

void TestImapMailboxName::invalid_data() {
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("encoded printable ASCII") << "&AGE-"_ba;
    QTest::newRow("encoded space") << "&ACA-"_ba;
    QTest::newRow("encoded ampersand") << "&ACY-"_ba;
    QTest::newRow("unterminated") << "&AOQ"_ba;
    QTest::newRow("lone ampersand") << "a&b"_ba;
    QTest::newRow("ampersand at end") << "abc&"_ba;
    QTest::newRow("null shift") << "&AOQ-&APY-"_ba;
    QTest::newRow("standard base64 slash") << "&U/BTFw-"_ba;
    QTest::newRow("padding") << "&AOk=-"_ba;
    QTest::newRow("invalid character in run") << "&AO!-"_ba;
    QTest::newRow("space in run") << "&AO k-"_ba;
    QTest::newRow("nonzero leftover bits") << "&AOl-"_ba;
    QTest::newRow("extra base64 character") << "&AOkA-"_ba;
    QTest::newRow("too short for a character") << "&AO-"_ba;
    QTest::newRow("single character") << "&A-"_ba;
    QTest::newRow("lone high surrogate") << "&2D0-"_ba;
    QTest::newRow("lone low surrogate") << "&3OcAZQ-"_ba;
    QTest::newRow("high surrogate then BMP") << "&2D0A5A-"_ba;
    QTest::newRow("raw 8-bit") << "Entw\xc3\xbc"_ba;
    QTest::newRow("raw DEL") << "a\x7f"_ba;
    QTest::newRow("raw control") << "a\tb"_ba;
}

void TestImapMailboxName::invalid() {
    QFETCH(QByteArray, encoded);
    const ImapMailboxNameDecode decoded = decodeModifiedUtf7(encoded);
    QVERIFY2(!decoded.ok(), qPrintable(decoded.name));
    QVERIFY(decoded.error.startsWith("not valid modified UTF-7: "));
}

void TestImapMailboxName::mailboxNames_data() {
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("utf8");
    QTest::addColumn<QString>("name"); // "ERR" for an error

    QTest::newRow("INBOX") << "INBOX"_ba << false << u"INBOX"_s;
    QTest::newRow("inbox") << "inbox"_ba << false << u"INBOX"_s;
    QTest::newRow("Inbox UTF-8") << "Inbox"_ba << true << u"INBOX"_s;
    QTest::newRow("inbox child") << "inbox/x"_ba << false << u"inbox/x"_s;
    QTest::newRow("INBOX encoded") << "&-INBOX"_ba << false << u"&INBOX"_s;
    QTest::newRow("UTF-8 name") << "Entw\xc3\xbcrfe"_ba << true << u"Entwürfe"_s;
    QTest::newRow("UTF-8 name under rev1") << "Entw\xc3\xbcrfe"_ba << false << u"ERR"_s;
    QTest::newRow("ampersand under UTF-8") << "&AOQ-"_ba << true << u"&AOQ-"_s;
    QTest::newRow("invalid UTF-8") << "\xc3("_ba << true << u"ERR"_s;
    QTest::newRow("overlong UTF-8") << "\xc0\xaf"_ba << true << u"ERR"_s;
    QTest::newRow("UTF-8 surrogate") << "\xed\xa0\x80"_ba << true << u"ERR"_s;
    QTest::newRow("C1 control UTF-8") << "a\xc2\x85"_ba << true << u"ERR"_s;
    QTest::newRow("C1 control UTF-7") << "a&AIU-"_ba << false << u"ERR"_s;
    QTest::newRow("tab UTF-8") << "a\tb"_ba << true << u"ERR"_s;
    QTest::newRow("NUL UTF-7") << "&AAA-"_ba << false << u"ERR"_s;
    QTest::newRow("1024 octets") << QByteArray(1024, 'x') << false << QString(1024, u'x');
    QTest::newRow("1025 octets") << QByteArray(1025, 'x') << false << u"ERR"_s;
    QTest::newRow("limit counts UTF-8 octets")
        << QByteArray("\xc3\xa4").repeated(513) << true << u"ERR"_s;
}

void TestImapMailboxName::mailboxNames() {
    QFETCH(QByteArray, wire);
    QFETCH(bool, utf8);
    QFETCH(QString, name);
    const ImapMailboxNameDecode decoded = decodeMailboxName(wire, utf8, 1024);
    if (name == u"ERR"_s) {
        QVERIFY(!decoded.ok());
        QVERIFY(!decoded.error.isEmpty());
    } else {
        QVERIFY2(decoded.ok(), decoded.error.constData());
        QCOMPARE(decoded.name, name);
    }
}

void TestImapMailboxName::everyBmpCharacterRoundTrips() {
    // Every non-surrogate BMP code unit, alone and next to ASCII.
    for (char32_t c = 1; c < 0x10000; ++c) {
        if (c >= 0xd800 && c <= 0xdfff)
            continue;
        const QString name = u'x' + QString(QChar(char16_t(c))) + u'y';
        const QByteArray encoded = encodeModifiedUtf7(name);
        const ImapMailboxNameDecode decoded = decodeModifiedUtf7(encoded);
        if (!decoded.ok() || decoded.name != name)
            QFAIL(qPrintable(u"round trip failed for U+"_s + QString::number(c, 16)));
        // The encoder only writes printable ASCII.
        for (const char e : encoded)
            QVERIFY(e >= 0x20 && e <= 0x7e);
    }
}

void TestImapMailboxName::utf8Validation() {
    QVERIFY(isValidUtf8(""));
    QVERIFY(isValidUtf8("ascii"));
    QVERIFY(isValidUtf8("\xf0\x9f\x93\xa7"));
    QVERIFY(!isValidUtf8("\xf4\x90\x80\x80")); // above U+10FFFF
    QVERIFY(!isValidUtf8("\xe0\x80\xaf"));     // overlong
    QVERIFY(!isValidUtf8("\xc3"));             // truncated
    QVERIFY(!isValidUtf8("\x80"));             // lone continuation
    QVERIFY(!isValidUtf8("\xff"));
}

QTEST_APPLESS_MAIN(TestImapMailboxName)
#include "tst_imapmailboxname.moc"
