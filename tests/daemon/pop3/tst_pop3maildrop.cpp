// tst_pop3maildrop.cpp - the maildrop snapshot of a POP3 session
//
// Covers daemon/pop3/Pop3Maildrop: numbering 1..n, range checks, deletion
// marks and RSET, STAT's counts without deleted messages, unique-ids
// "<UIDVALIDITY>.<UID>" (RFC 1939 section 7: 1-70 characters 0x21-0x7E),
// and what the UPDATE state writes (expunge and \Seen).

#include "pop3/Pop3Maildrop.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::pop3;

class TestPop3Maildrop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void numbering_data();
    void numbering();
    void deletionAndReset();
    void uniqueIds();
    void updateLists();

private:
    Pop3Maildrop m_maildrop;
};

void TestPop3Maildrop::init() {
    store::FolderInfo inbox;
    inbox.name = u"INBOX"_s;
    inbox.uidValidity = 1764300000;
    QList<store::MessageInfo> messages;
    const QList<quint32> uids{3, 7, 8};
    const QList<qint64> sizes{100, 2000, 30};
    for (qsizetype i = 0; i < uids.size(); ++i) {
        store::MessageInfo info;
        info.uid = uids.at(i);
        info.virtualSize = sizes.at(i);
        info.size = sizes.at(i) - 5;
        if (i == 1)
            info.flags = store::MessageFlag::Seen;
        messages.append(info);
    }
    m_maildrop = Pop3Maildrop(inbox, messages);
}

void TestPop3Maildrop::numbering_data() {
    QTest::addColumn<qint64>("number");
    QTest::addColumn<int>("lookup");
    QTest::addColumn<quint32>("uid");
    const int found = int(Pop3Maildrop::Lookup::Found);
    const int none = int(Pop3Maildrop::Lookup::NoSuchMessage);
    QTest::newRow("first") << qint64(1) << found << quint32(3);
    QTest::newRow("last") << qint64(3) << found << quint32(8);
    QTest::newRow("zero") << qint64(0) << none << quint32(0);
    QTest::newRow("past the end") << qint64(4) << none << quint32(0);
    QTest::newRow("negative") << qint64(-1) << none << quint32(0);
    QTest::newRow("huge") << qint64(2147483647) << none << quint32(0);
}

void TestPop3Maildrop::numbering() {
    QFETCH(qint64, number);
    QFETCH(int, lookup);
    QFETCH(quint32, uid);
    QCOMPARE(int(m_maildrop.lookup(number)), lookup);
    if (lookup == int(Pop3Maildrop::Lookup::Found))
        QCOMPARE(m_maildrop.message(number).uid, uid);
}

void TestPop3Maildrop::deletionAndReset() {
    QCOMPARE(m_maildrop.size(), 3);
    QCOMPARE(m_maildrop.visibleCount(), 3);
    QCOMPARE(m_maildrop.visibleOctets(), 2130);
    m_maildrop.markDeleted(2);
    QCOMPARE(m_maildrop.lookup(2), Pop3Maildrop::Lookup::Deleted);
    QVERIFY(m_maildrop.isDeleted(2));
    QCOMPARE(m_maildrop.size(), 3); // numbers do not move
    QCOMPARE(m_maildrop.visibleCount(), 2);
    QCOMPARE(m_maildrop.visibleOctets(), 130);
    QCOMPARE(m_maildrop.lookup(3), Pop3Maildrop::Lookup::Found);
    m_maildrop.undeleteAll();
    QCOMPARE(m_maildrop.visibleCount(), 3);
    QCOMPARE(m_maildrop.deletedUids(), QList<quint32>{});
}

void TestPop3Maildrop::uniqueIds() {
    QCOMPARE(m_maildrop.uniqueId(1), "1764300000.3"_ba);
    QCOMPARE(m_maildrop.uniqueId(3), "1764300000.8"_ba);
    for (qint64 n = 1; n <= m_maildrop.size(); ++n) {
        const QByteArray id = m_maildrop.uniqueId(n);
        QVERIFY(!id.isEmpty() && id.size() <= 70);
        for (const char c : id)
            QVERIFY(c >= 0x21 && c <= 0x7e);
    }
}

void TestPop3Maildrop::updateLists() {
    m_maildrop.markRetrieved(1);
    m_maildrop.markRetrieved(2); // already \Seen: no change needed
    m_maildrop.markRetrieved(3);
    m_maildrop.markDeleted(3); // deleted: expunged, not flagged
    QCOMPARE(m_maildrop.newlySeenUids(), QList<quint32>{3});
    QCOMPARE(m_maildrop.deletedUids(), QList<quint32>{8});
}

QTEST_APPLESS_MAIN(TestPop3Maildrop)
#include "tst_pop3maildrop.moc"
