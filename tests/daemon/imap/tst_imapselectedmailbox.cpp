// tst_imapselectedmailbox.cpp - sequence numbers and the untagged updates
// of the selected mailbox
//
// Covers daemon/imap/ImapSelectedMailbox: RFC 9051 section 7.5.1 (no
// EXPUNGE during FETCH, STORE or SEARCH without UID: expunged messages
// keep their numbers until an EXPUNGE may be sent, EXISTS never shrinks
// before that), EXPUNGE numbering (each response shifts the later ones),
// new messages as EXISTS (and RECENT for IMAP4rev1 only), flag changes
// from other sessions as FETCH, the session's own changes not announced
// twice, messages that come and go unseen, RFC 7162 (MODSEQ and UID in
// FETCH under CONDSTORE/QRESYNC, VANISHED instead of EXPUNGE), new
// keywords announced with FLAGS, and sequence set resolution with "*"
// and "$".

#include "imap/ImapSelectedMailbox.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::imap;

namespace {

store::MessageInfo message(quint32 uid, quint64 modSeq, store::MessageFlags flags = {},
                           QStringList keywords = {}) {
    store::MessageInfo info;
    info.uid = uid;
    info.modSeq = modSeq;
    info.flags = flags;
    info.keywords = keywords;
    info.size = 100;
    info.virtualSize = 102;
    return info;
}

store::FolderInfo folder(quint64 highestModSeq, quint32 uidNext) {
    store::FolderInfo info;
    info.id = 1;
    info.name = u"INBOX"_s;
    info.uidValidity = 42;
    info.uidNext = uidNext;
    info.highestModSeq = highestModSeq;
    return info;
}

// Five messages, UIDs 10..14, modseq 1..5.
ImapSelectedMailbox fiveMessages() {
    ImapSelectedMailbox mailbox;
    QList<store::MessageInfo> messages;
    for (quint32 i = 0; i < 5; ++i)
        messages.append(message(10 + i, 1 + i));
    mailbox.open(folder(5, 15), messages, {}, false);
    return mailbox;
}

ImapUpdateOptions options(bool allowExpunge, bool rev2 = true) {
    ImapUpdateOptions o;
    o.allowExpunge = allowExpunge;
    o.imap4rev2 = rev2;
    return o;
}

QList<qsizetype> resolved(const ImapSelectedMailbox &mailbox, QByteArrayView set, bool uid,
                          const QList<quint32> &saved = {}) {
    const ImapSequenceSetParse parse = parseSequenceSet(set, 100);
    QList<qsizetype> indices;
    QByteArray error;
    if (!parse.error.isEmpty() || !mailbox.resolve(parse.set, uid, saved, &indices, &error))
        return {-1};
    return indices;
}

} // namespace

class TestImapSelectedMailbox : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nothingChangedSaysNothing();
    void newMessagesAreExists();
    void recentOnlyForRev1();
    void expungeNumbersShift();
    void expungeWaitsWhileForbidden();
    void vanishedUnderQresync();
    void flagChangesAreFetches();
    void ownChangesAreNotRepeated();
    void ownUpdateIsAdoptedOnlyWhenNothingElseChanged();
    void unseenArrivalAndExpungeLeaveQuietly();
    void newKeywordsAreAnnounced();
    void flagFetchCarriesModSeqUnderCondstore();
    void resolveSequenceNumbers();
    void resolveUids();
    void dropExpungedIsSilent();
};

void TestImapSelectedMailbox::nothingChangedSaysNothing() {
    ImapSelectedMailbox mailbox = fiveMessages();
    QCOMPARE(mailbox.takeUpdates(options(true)), QByteArray());
    mailbox.apply(folder(5, 15), {}, {});
    QCOMPARE(mailbox.takeUpdates(options(true)), QByteArray());
}

void TestImapSelectedMailbox::newMessagesAreExists() {
    ImapSelectedMailbox mailbox = fiveMessages();
    mailbox.apply(folder(7, 17), {message(15, 6), message(16, 7)}, {});
    QCOMPARE(mailbox.count(), 7);
    // EXISTS may be sent even when EXPUNGE may not.
    QCOMPARE(mailbox.takeUpdates(options(false)), "* 7 EXISTS\r\n"_ba);
    QCOMPARE(mailbox.takeUpdates(options(true)), QByteArray());
    QCOMPARE(mailbox.highestModSeq(), 7u);
}

void TestImapSelectedMailbox::recentOnlyForRev1() {
    ImapSelectedMailbox mailbox = fiveMessages();
    mailbox.apply(folder(6, 16), {message(15, 6)}, {});
    QCOMPARE(mailbox.takeUpdates(options(true, false)), "* 6 EXISTS\r\n* 0 RECENT\r\n"_ba);
}

void TestImapSelectedMailbox::expungeNumbersShift() {
    ImapSelectedMailbox mailbox = fiveMessages();
    // UIDs 11 and 13 are sequence numbers 2 and 4: written from the end,
    // each number is still right when the client reads it.
    mailbox.apply(folder(7, 15), {}, {{11, 6}, {13, 7}});
    QCOMPARE(mailbox.takeUpdates(options(true)), "* 4 EXPUNGE\r\n* 2 EXPUNGE\r\n"_ba);
    QCOMPARE(mailbox.count(), 3);
    QCOMPARE(mailbox.indexOfUid(12), 1);
    QCOMPARE(mailbox.indexOfUid(14), 2);
    QCOMPARE(mailbox.indexOfUid(11), -1);
}

void TestImapSelectedMailbox::expungeWaitsWhileForbidden() {
    ImapSelectedMailbox mailbox = fiveMessages();
    mailbox.apply(folder(7, 16), {message(15, 7)}, {{10, 6}});
    // During FETCH/STORE/SEARCH: the message keeps number 1, EXISTS grows
    // to 6 and does not shrink.
    QCOMPARE(mailbox.takeUpdates(options(false)), "* 6 EXISTS\r\n"_ba);
    QVERIFY(mailbox.isExpunged(0));
    QCOMPARE(mailbox.count(), 6);
    QCOMPARE(resolved(mailbox, "1", false), QList<qsizetype>({0}));
    QVERIFY(mailbox.hasPendingExpunges());
    // NOOP: now it may go.
    QCOMPARE(mailbox.takeUpdates(options(true)), "* 1 EXPUNGE\r\n"_ba);
    QCOMPARE(mailbox.count(), 5);
    QVERIFY(!mailbox.hasPendingExpunges());
    QCOMPARE(mailbox.messages().constFirst().uid, 11u);
}

void TestImapSelectedMailbox::vanishedUnderQresync() {
    ImapSelectedMailbox mailbox = fiveMessages();
    mailbox.apply(folder(8, 15), {}, {{10, 6}, {11, 7}, {14, 8}});
    ImapUpdateOptions o = options(true);
    o.qresync = true;
    QCOMPARE(mailbox.takeUpdates(o), "* VANISHED 10:11,14\r\n"_ba);
    QCOMPARE(mailbox.count(), 2);
}

void TestImapSelectedMailbox::flagChangesAreFetches() {
    ImapSelectedMailbox mailbox = fiveMessages();
    mailbox.apply(folder(6, 15), {message(12, 6, store::MessageFlag::Seen)}, {});
    QCOMPARE(mailbox.takeUpdates(options(false)), "* 3 FETCH (FLAGS (\\Seen))\r\n"_ba);
    QCOMPARE(mailbox.messages().at(2).flags, store::MessageFlags(store::MessageFlag::Seen));
}

void TestImapSelectedMailbox::ownChangesAreNotRepeated() {
    ImapSelectedMailbox mailbox = fiveMessages();
    // The session's STORE answered with its own FETCH already.
    mailbox.updateMessage(message(12, 6, store::MessageFlag::Flagged));
    // The store's change notice brings the same modseq back.
    mailbox.apply(folder(6, 15), {message(12, 6, store::MessageFlag::Flagged)}, {});
    QCOMPARE(mailbox.takeUpdates(options(true)), QByteArray());
    QCOMPARE(mailbox.highestModSeq(), 6u);
}

void TestImapSelectedMailbox::ownUpdateIsAdoptedOnlyWhenNothingElseChanged() {
    ImapSelectedMailbox mailbox = fiveMessages();
    // The store was at 5, as the session knew: 6 and 7 are the update's own.
    mailbox.updateMessage(message(10, 6, store::MessageFlag::Seen));
    mailbox.updateMessage(message(11, 7, store::MessageFlag::Seen));
    store::FlagUpdate own;
    own.modSeqBefore = 5;
    own.modSeqAfter = 7;
    mailbox.adoptOwnUpdate(own);
    QCOMPARE(mailbox.highestModSeq(), 7u);
    QCOMPARE(mailbox.takeUpdates(options(true)), QByteArray());

    // Another session's change (8) came first: the store was at 8 when
    // this update made 9, so 8 stays unknown and the next refresh reads
    // it (and announces it).
    mailbox.updateMessage(message(13, 9, store::MessageFlag::Deleted));
    own.modSeqBefore = 8;
    own.modSeqAfter = 9;
    mailbox.adoptOwnUpdate(own);
    QCOMPARE(mailbox.highestModSeq(), 7u);
    mailbox.apply(
        folder(9, 15),
        {message(12, 8, store::MessageFlag::Flagged), message(13, 9, store::MessageFlag::Deleted)},
        {});
    QCOMPARE(mailbox.takeUpdates(options(true)), "* 3 FETCH (FLAGS (\\Flagged))\r\n"_ba);
    QCOMPARE(mailbox.highestModSeq(), 9u);
}

void TestImapSelectedMailbox::unseenArrivalAndExpungeLeaveQuietly() {
    ImapSelectedMailbox mailbox = fiveMessages();
    // UID 15 arrives and is expunged before the client hears of it; UID 16
    // arrives and stays.
    mailbox.apply(folder(6, 16), {message(15, 6)}, {});
    mailbox.apply(folder(8, 17), {message(16, 8)}, {{15, 7}});
    QCOMPARE(mailbox.takeUpdates(options(false)), "* 6 EXISTS\r\n"_ba);
    QCOMPARE(mailbox.messages().constLast().uid, 16u);
    QVERIFY(!mailbox.hasPendingExpunges());
}

void TestImapSelectedMailbox::newKeywordsAreAnnounced() {
    ImapSelectedMailbox mailbox = fiveMessages();
    mailbox.apply(folder(6, 15), {message(10, 6, {}, {u"$Forwarded"_s})}, {});
    const QByteArray updates = mailbox.takeUpdates(options(true));
    QVERIFY2(updates.startsWith("* FLAGS ("), updates.constData());
    QVERIFY(updates.contains("$Forwarded) \r\n") || updates.contains("$Forwarded)\r\n"));
    QVERIFY(updates.contains("* OK [PERMANENTFLAGS ("));
    QVERIFY(updates.contains("\\*)]"));
    QVERIFY(updates.endsWith("* 1 FETCH (FLAGS ($Forwarded))\r\n"));
    QCOMPARE(mailbox.keywords(), QStringList{u"$Forwarded"_s});
}

void TestImapSelectedMailbox::flagFetchCarriesModSeqUnderCondstore() {
    ImapSelectedMailbox mailbox = fiveMessages();
    mailbox.apply(folder(9, 15), {message(14, 9, store::MessageFlag::Answered)}, {});
    ImapUpdateOptions o = options(false);
    o.condstore = true;
    QCOMPARE(mailbox.takeUpdates(o), "* 5 FETCH (FLAGS (\\Answered) UID 14 MODSEQ (9))\r\n"_ba);
}

void TestImapSelectedMailbox::resolveSequenceNumbers() {
    const ImapSelectedMailbox mailbox = fiveMessages();
    QCOMPARE(resolved(mailbox, "2:3", false), QList<qsizetype>({1, 2}));
    QCOMPARE(resolved(mailbox, "*", false), QList<qsizetype>({4}));
    QCOMPARE(resolved(mailbox, "4:*,1", false), QList<qsizetype>({0, 3, 4}));
    QCOMPARE(resolved(mailbox, "6", false), QList<qsizetype>({-1})); // out of range: BAD
    QCOMPARE(resolved(mailbox, "$", false, {13, 11}), QList<qsizetype>({1, 3}));
}

void TestImapSelectedMailbox::resolveUids() {
    const ImapSelectedMailbox mailbox = fiveMessages();
    QCOMPARE(resolved(mailbox, "11:12", true), QList<qsizetype>({1, 2}));
    QCOMPARE(resolved(mailbox, "1:10", true), QList<qsizetype>({0}));
    QCOMPARE(resolved(mailbox, "100:*", true), QList<qsizetype>({4})); // "*" is UID 14
    QCOMPARE(resolved(mailbox, "20:30", true), QList<qsizetype>());    // no match, no error
    QCOMPARE(resolved(mailbox, "$", true, {14}), QList<qsizetype>({4}));
}

void TestImapSelectedMailbox::dropExpungedIsSilent() {
    ImapSelectedMailbox mailbox = fiveMessages();
    mailbox.apply(folder(6, 15), {}, {{12, 6}});
    mailbox.dropExpunged();
    QCOMPARE(mailbox.count(), 4);
    QCOMPARE(mailbox.takeUpdates(options(true)), QByteArray());
}

QTEST_APPLESS_MAIN(TestImapSelectedMailbox)
#include "tst_imapselectedmailbox.moc"
