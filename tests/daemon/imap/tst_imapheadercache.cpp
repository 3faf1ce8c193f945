// tst_imapheadercache.cpp - the shared cache of message header blocks
//
// Keys keep mailboxes, folders, UIDVALIDITY and UIDs apart; the byte
// budget holds however much is inserted; an entry in use survives the
// generation change that drops the ones nobody asked for.
#include "imap/ImapHeaderCache.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::imap;

class TestImapHeaderCache : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mailboxIds();
    void keysAreExact();
    void largeHeadersAreNotKept();
    void budgetIsKept();
    void usedEntriesSurvive();
};

namespace {

ImapHeaderCache::Key keyOf(quint64 mailbox, qint64 folder, quint32 uidValidity, quint32 uid) {
    ImapHeaderCache::Key key;
    key.mailbox = mailbox;
    key.folder = folder;
    key.uidValidity = uidValidity;
    key.uid = uid;
    return key;
}

} // namespace

void TestImapHeaderCache::mailboxIds() {
    ImapHeaderCache cache;
    const quint64 alice = cache.mailboxId(u"/vmail/example.test/alice"_s);
    const quint64 bob = cache.mailboxId(u"/vmail/example.test/bob"_s);
    QVERIFY(alice != 0);
    QVERIFY(bob != 0);
    QVERIFY(alice != bob);
    QCOMPARE(cache.mailboxId(u"/vmail/example.test/alice"_s), alice);
}

void TestImapHeaderCache::keysAreExact() {
    ImapHeaderCache cache;
    const QByteArray header = "Subject: one\r\n\r\n"_ba;
    cache.insert(keyOf(1, 2, 300, 4), header);
    QCOMPARE(cache.find(keyOf(1, 2, 300, 4)), header);
    QVERIFY(cache.find(keyOf(2, 2, 300, 4)).isNull()); // another user's mailbox
    QVERIFY(cache.find(keyOf(1, 3, 300, 4)).isNull()); // another folder
    QVERIFY(cache.find(keyOf(1, 2, 301, 4)).isNull()); // the folder made again
    QVERIFY(cache.find(keyOf(1, 2, 300, 5)).isNull()); // another message
    QCOMPARE(cache.bytes(), header.size());
}

void TestImapHeaderCache::largeHeadersAreNotKept() {
    ImapHeaderCache cache;
    cache.insert(keyOf(1, 1, 1, 1), QByteArray(maxCachedHeaderBytes + 1, 'x'));
    QVERIFY(cache.find(keyOf(1, 1, 1, 1)).isNull());
    cache.insert(keyOf(1, 1, 1, 2), QByteArray(maxCachedHeaderBytes, 'x'));
    QCOMPARE(cache.find(keyOf(1, 1, 1, 2)).size(), maxCachedHeaderBytes);
}

void TestImapHeaderCache::budgetIsKept() {
    const qsizetype budget = 64 * 1024;
    ImapHeaderCache cache(budget);
    const QByteArray header(1000, 'h');
    for (quint32 uid = 1; uid <= 1000; ++uid) {
        cache.insert(keyOf(1, 1, 1, uid), header);
        QVERIFY(cache.bytes() <= budget);
    }
    // The newest are there, the oldest were dropped.
    QCOMPARE(cache.find(keyOf(1, 1, 1, 1000)), header);
    QVERIFY(cache.find(keyOf(1, 1, 1, 1)).isNull());
}

void TestImapHeaderCache::usedEntriesSurvive() {
    const qsizetype budget = 20 * 1000;
    ImapHeaderCache cache(budget);
    const QByteArray header(1000, 'h');
    cache.insert(keyOf(1, 1, 1, 1), header);
    // Each round fills a generation; uid 1 is asked for in every round, so
    // it moves along while the other entries of that round age out.
    for (quint32 round = 0; round < 5; ++round) {
        for (quint32 i = 0; i < 10; ++i)
            cache.insert(keyOf(1, 1, 1, 100 + round * 10 + i), header);
        QCOMPARE(cache.find(keyOf(1, 1, 1, 1)), header);
    }
    QVERIFY(cache.find(keyOf(1, 1, 1, 100)).isNull());
    QVERIFY(cache.bytes() <= budget);
}

QTEST_GUILESS_MAIN(TestImapHeaderCache)
#include "tst_imapheadercache.moc"
