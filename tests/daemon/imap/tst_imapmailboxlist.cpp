// tst_imapmailboxlist.cpp - LIST and LSUB: patterns, hierarchy, attributes
//
// Covers daemon/imap/ImapMailboxList: RFC 9051 section 6.3.9 ("*" crosses
// levels, "%" does not, reference + pattern, "" asks for the delimiter,
// INBOX in any case), RFC 3501 section 6.3.8 (levels that are not
// mailboxes come back with \Noselect), RFC 5258 (\NonExistent, selection
// SUBSCRIBED with RECURSIVEMATCH and CHILDINFO, RETURN SUBSCRIBED and
// CHILDREN, several patterns), RFC 6154 (special-use attributes and the
// SPECIAL-USE selection), LSUB, and the wire line with modified UTF-7 or
// UTF-8 names.

#include "imap/ImapMailboxList.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::imap;

namespace {

QList<ImapListFolder> folders() {
    return {
        {u"INBOX"_s, {}, true},
        {u"Sent"_s, u"\\Sent"_s, true},
        {u"Trash"_s, u"\\Trash"_s, true},
        {u"Lists"_s, {}, false},
        {u"Lists/qt"_s, {}, true},
        {u"Lists/qt/dev"_s, {}, false},
        // "Projects" itself was deleted; its child stayed.
        {u"Projects/2026"_s, {}, false},
        {u"Entwürfe"_s, {}, true},
    };
}

ImapListArguments list(const QString &reference, const QStringList &patterns) {
    ImapListArguments args;
    args.reference = reference;
    args.patterns = patterns;
    return args;
}

QStringList names(const QList<ImapListEntry> &entries) {
    QStringList out;
    for (const ImapListEntry &entry : entries)
        out.append(entry.name);
    return out;
}

const ImapListEntry *entryNamed(const QList<ImapListEntry> &entries, const QString &name) {
    for (const ImapListEntry &entry : entries) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

} // namespace

class TestImapMailboxList : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matches_data();
    void matches();
    void starListsEverything();
    void percentStaysOnOneLevel();
    void referenceIsPrefixed();
    void inboxInAnyCase();
    void emptyPatternGivesDelimiter();
    void nonExistentParents();
    void childrenAndSpecialUse();
    void subscribedSelection();
    void specialUseSelection();
    void lsubListsSubscribedOnly();
    void severalPatterns();
    void wireLine();
};

void TestImapMailboxList::matches_data() {
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("match");

    QTest::newRow("star all") << u"*"_s << u"a/b/c"_s << true;
    QTest::newRow("percent one level") << u"%"_s << u"a"_s << true;
    QTest::newRow("percent not deeper") << u"%"_s << u"a/b"_s << false;
    QTest::newRow("percent level") << u"a/%"_s << u"a/b"_s << true;
    QTest::newRow("percent level not deeper") << u"a/%"_s << u"a/b/c"_s << false;
    QTest::newRow("star suffix") << u"a/*"_s << u"a/b/c"_s << true;
    QTest::newRow("star not self") << u"a/*"_s << u"a"_s << false;
    QTest::newRow("star middle") << u"a*c"_s << u"a/b/c"_s << true;
    QTest::newRow("percent middle") << u"a%c"_s << u"abc"_s << true;
    QTest::newRow("percent middle blocked") << u"a%c"_s << u"a/c"_s << false;
    QTest::newRow("literal") << u"Sent"_s << u"Sent"_s << true;
    QTest::newRow("literal case") << u"sent"_s << u"Sent"_s << false;
    QTest::newRow("empty name") << u"%"_s << QString() << true;
    QTest::newRow("many stars") << u"*a*a*a*a*a*b"_s << u"aaaaaaaaaaaaaaaaaaaaaaaa"_s << false;
    QTest::newRow("unicode") << u"Entw%"_s << u"Entwürfe"_s << true;
}

void TestImapMailboxList::matches() {
    QFETCH(QString, pattern);
    QFETCH(QString, name);
    QFETCH(bool, match);
    QCOMPARE(imapListMatches(pattern, name), match);
}

void TestImapMailboxList::starListsEverything() {
    const QList<ImapListEntry> entries = imapListMailboxes(folders(), list({}, {u"*"_s}));
    QCOMPARE(names(entries),
             QStringList({u"INBOX"_s, u"Entwürfe"_s, u"Lists"_s, u"Lists/qt"_s, u"Lists/qt/dev"_s,
                          u"Projects"_s, u"Projects/2026"_s, u"Sent"_s, u"Trash"_s}));
}

void TestImapMailboxList::percentStaysOnOneLevel() {
    QCOMPARE(names(imapListMailboxes(folders(), list({}, {u"Lists/%"_s}))),
             QStringList{u"Lists/qt"_s});
    QCOMPARE(
        names(imapListMailboxes(folders(), list({}, {u"%"_s}))),
        QStringList({u"INBOX"_s, u"Entwürfe"_s, u"Lists"_s, u"Projects"_s, u"Sent"_s, u"Trash"_s}));
}

void TestImapMailboxList::referenceIsPrefixed() {
    QCOMPARE(names(imapListMailboxes(folders(), list(u"Lists/"_s, {u"%"_s}))),
             QStringList{u"Lists/qt"_s});
}

void TestImapMailboxList::inboxInAnyCase() {
    QCOMPARE(names(imapListMailboxes(folders(), list({}, {u"inbox"_s}))), QStringList{u"INBOX"_s});
    QCOMPARE(names(imapListMailboxes(folders(), list({}, {u"InBoX"_s}))), QStringList{u"INBOX"_s});
}

void TestImapMailboxList::emptyPatternGivesDelimiter() {
    const QList<ImapListEntry> entries = imapListMailboxes(folders(), list({}, {QString()}));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(imapListLine(entries.constFirst(), false, false),
             "* LIST (\\Noselect) \"/\" \"\"\r\n"_ba);
}

void TestImapMailboxList::nonExistentParents() {
    const QList<ImapListEntry> plain = imapListMailboxes(folders(), list({}, {u"%"_s}));
    const ImapListEntry *projects = entryNamed(plain, u"Projects"_s);
    QVERIFY(projects);
    QVERIFY(!projects->selectable);
    QCOMPARE(projects->attributes, QByteArrayList({"\\Noselect", "\\HasChildren"}));

    ImapListOptions rev2;
    rev2.imap4rev2 = true;
    const QList<ImapListEntry> modern = imapListMailboxes(folders(), list({}, {u"%"_s}), rev2);
    QCOMPARE(entryNamed(modern, u"Projects"_s)->attributes,
             QByteArrayList({"\\NonExistent", "\\HasChildren"}));
}

void TestImapMailboxList::childrenAndSpecialUse() {
    ImapListArguments args = list({}, {u"*"_s});
    args.extended = true;
    args.returns = ImapListReturn::Subscribed | ImapListReturn::Children;
    const QList<ImapListEntry> entries = imapListMailboxes(folders(), args);
    QCOMPARE(entryNamed(entries, u"Sent"_s)->attributes,
             QByteArrayList({"\\HasNoChildren", "\\Sent", "\\Subscribed"}));
    QCOMPARE(entryNamed(entries, u"Lists"_s)->attributes, QByteArrayList({"\\HasChildren"}));
    QCOMPARE(entryNamed(entries, u"Lists/qt"_s)->attributes,
             QByteArrayList({"\\HasChildren", "\\Subscribed"}));
}

void TestImapMailboxList::subscribedSelection() {
    ImapListArguments args = list({}, {u"%"_s});
    args.extended = true;
    args.selection = ImapListSelection::Subscribed;
    QCOMPARE(names(imapListMailboxes(folders(), args)),
             QStringList({u"INBOX"_s, u"Entwürfe"_s, u"Sent"_s, u"Trash"_s}));

    // RECURSIVEMATCH: "Lists" is not subscribed, but Lists/qt is.
    args.selection |= ImapListSelection::RecursiveMatch;
    const QList<ImapListEntry> entries = imapListMailboxes(folders(), args);
    const ImapListEntry *lists = entryNamed(entries, u"Lists"_s);
    QVERIFY(lists);
    QVERIFY(lists->childInfoSubscribed);
    QCOMPARE(imapListLine(*lists, false, false),
             "* LIST (\\HasChildren) \"/\" Lists (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"_ba);
}

void TestImapMailboxList::specialUseSelection() {
    ImapListArguments args = list({}, {u"*"_s});
    args.extended = true;
    args.selection = ImapListSelection::SpecialUse;
    QCOMPARE(names(imapListMailboxes(folders(), args)), QStringList({u"Sent"_s, u"Trash"_s}));
}

void TestImapMailboxList::lsubListsSubscribedOnly() {
    ImapListArguments args = list({}, {u"*"_s});
    args.lsub = true;
    const QList<ImapListEntry> entries = imapListMailboxes(folders(), args);
    QCOMPARE(names(entries),
             QStringList({u"INBOX"_s, u"Entwürfe"_s, u"Lists/qt"_s, u"Sent"_s, u"Trash"_s}));
    QCOMPARE(imapListLine(entries.constFirst(), true, false), "* LSUB () \"/\" INBOX\r\n"_ba);
}

void TestImapMailboxList::severalPatterns() {
    ImapListArguments args = list({}, {u"Sent"_s, u"Trash"_s, u"Nothing"_s});
    args.extended = true;
    QCOMPARE(names(imapListMailboxes(folders(), args)), QStringList({u"Sent"_s, u"Trash"_s}));
}

void TestImapMailboxList::wireLine() {
    ImapListEntry entry;
    entry.name = u"Entwürfe"_s;
    entry.attributes = {"\\HasNoChildren"};
    QCOMPARE(imapListLine(entry, false, false),
             "* LIST (\\HasNoChildren) \"/\" Entw&APw-rfe\r\n"_ba);
    QCOMPARE(imapListLine(entry, false, true),
             "* LIST (\\HasNoChildren) \"/\" \"Entw\xc3\xbcrfe\"\r\n"_ba);
    entry.name = u"My Folder"_s;
    QCOMPARE(imapListLine(entry, false, false),
             "* LIST (\\HasNoChildren) \"/\" \"My Folder\"\r\n"_ba);
}

QTEST_APPLESS_MAIN(TestImapMailboxList)
#include "tst_imapmailboxlist.moc"
