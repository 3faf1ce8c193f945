// tst_mimeaddress.cpp - address lists
//
// Covers daemon/mime/MimeAddress: the address fields of RFC 5322
// appendix A (A.1.1-A.1.3 addressing, A.5 white space and comments, A.6.1
// obsolete addressing, A.6.3 obsolete white space), group syntax, routes,
// quoted local parts, domain literals, comments as names, encoded-word
// display names, and repairs of broken lists.

#include "mime/MimeAddress.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::mime;

namespace {

// "name|route|mailbox|host" per address, "group:NAME" and "end" for group
// markers.
QStringList describe(const QList<MailAddress> &addresses) {
    QStringList out;
    for (const MailAddress &a : addresses) {
        switch (a.kind) {
        case MailAddress::Kind::GroupStart:
            out.append(u"group:"_s + QString::fromUtf8(a.mailbox));
            break;
        case MailAddress::Kind::GroupEnd:
            out.append(u"end"_s);
            break;
        case MailAddress::Kind::Mailbox:
            out.append(QString::fromUtf8(a.name + '|' + a.route + '|' + a.mailbox + '|' + a.host));
            break;
        }
    }
    return out;
}

} // namespace

class TestMimeAddress : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void displayName();
    void manyAddresses();
};

void TestMimeAddress::parse_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    // RFC 5322 A.1.1
    QTest::newRow("A.1.1 from") << QByteArray("John Doe <jdoe@machine.example>")
                                << QStringList{u"John Doe||jdoe|machine.example"_s};
    // RFC 5322 A.1.2
    QTest::newRow("A.1.2 from") << QByteArray("\"Joe Q. Public\" <john.q.public@example.com>")
                                << QStringList{u"Joe Q. Public||john.q.public|example.com"_s};
    QTest::newRow("A.1.2 to")
        << QByteArray("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>")
        << QStringList{u"Mary Smith||mary|x.test"_s, u"||jdoe|example.org"_s,
                       u"Who?||one|y.test"_s};
    QTest::newRow("A.1.2 cc")
        << QByteArray("<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>")
        << QStringList{u"||boss|nil.test"_s, u"Giant; \"Big\" Box||sysservices|example.net"_s};
    // RFC 5322 A.1.3
    QTest::newRow("A.1.3 to")
        << QByteArray("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;")
        << QStringList{u"group:A Group"_s, u"Ed Jones||c|a.test"_s, u"||joe|where.test"_s,
                       u"John||jdoe|one.test"_s, u"end"_s};
    QTest::newRow("A.1.3 cc") << QByteArray("Undisclosed recipients:;")
                              << QStringList{u"group:Undisclosed recipients"_s, u"end"_s};
    // RFC 5322 A.5
    QTest::newRow("A.5 from")
        << QByteArray("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>")
        << QStringList{u"Pete||pete|silly.test"_s};
    QTest::newRow("A.5 to")
        << QByteArray(
               "A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n"
               "         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of "
               "the group)")
        << QStringList{u"group:A Group"_s, u"Chris Jones||c|public.example"_s,
                       u"||joe|example.org"_s, u"John||jdoe|one.test"_s, u"end"_s};
    QTest::newRow("A.5 cc")
        << QByteArray("(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;")
        << QStringList{u"group:Hidden recipients"_s, u"end"_s};
    // RFC 5322 A.6.1
    QTest::newRow("A.6.1 from") << QByteArray("Joe Q. Public <john.q.public@example.com>")
                                << QStringList{u"Joe Q. Public||john.q.public|example.com"_s};
    QTest::newRow("A.6.1 to")
        << QByteArray("Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example")
        << QStringList{u"Mary Smith|@node.test|mary|example.net"_s, u"||jdoe|test.example"_s};
    // RFC 5322 A.6.3
    QTest::newRow("A.6.3 from") << QByteArray("John Doe <jdoe@machine(comment).  example>")
                                << QStringList{u"John Doe||jdoe|machine.example"_s};
    QTest::newRow("A.6.3 to") << QByteArray("Mary Smith  \t          <mary@example.net>")
                              << QStringList{u"Mary Smith||mary|example.net"_s};

    // routes, quoted local parts, literals
    QTest::newRow("two-hop route")
        << QByteArray("<@a.test,@b.test:c@d.test>") << QStringList{u"|@a.test,@b.test|c|d.test"_s};
    QTest::newRow("quoted local part")
        << QByteArray("\"john doe\"@example.com") << QStringList{u"||john doe|example.com"_s};
    QTest::newRow("domain literal")
        << QByteArray("Mary <mary@[192.0.2.5]>") << QStringList{u"Mary||mary|[192.0.2.5]"_s};
    QTest::newRow("encoded word name kept raw")
        << QByteArray("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>")
        << QStringList{u"=?ISO-8859-1?Q?Andr=E9?= Pirard||PIRARD|vm1.ulg.ac.be"_s};
    QTest::newRow("8-bit name") << QByteArray("J\xc3\xbcrgen <j@example.de>")
                                << QStringList{u"Jürgen||j|example.de"_s};

    // comments as names
    QTest::newRow("comment name") << QByteArray("a@b (Comment Name)")
                                  << QStringList{u"Comment Name||a|b"_s};
    QTest::newRow("last comment") << QByteArray("x@y.z (c1) (c2)") << QStringList{u"c2||x|y.z"_s};
    QTest::newRow("empty comment") << QByteArray("e@f ()") << QStringList{u"||e|f"_s};
    QTest::newRow("nested comment")
        << QByteArray("g@h (  nested (c) x )") << QStringList{u"nested (c) x||g|h"_s};
    QTest::newRow("display name beats comment")
        << QByteArray("John <j@o> (friend)") << QStringList{u"John||j|o"_s};

    // repairs
    QTest::newRow("local part only") << QByteArray("alice") << QStringList{u"||alice|"_s};
    QTest::newRow("phrase only") << QByteArray("bad address here")
                                 << QStringList{u"bad address here|||"_s};
    QTest::newRow("quoted phrase only") << QByteArray("\"quoted\"") << QStringList{u"quoted|||"_s};
    QTest::newRow("empty angle") << QByteArray("<>") << QStringList{u"|||"_s};
    QTest::newRow("empty quoted name") << QByteArray("\"\" <c@d>") << QStringList{u"||c|d"_s};
    QTest::newRow("junk after address")
        << QByteArray("Name <a@b> trailing junk, x@y") << QStringList{u"Name||a|b"_s, u"||x|y"_s};
    QTest::newRow("double at") << QByteArray("a@b@c, d@e") << QStringList{u"||a|b"_s, u"||d|e"_s};
    QTest::newRow("unterminated angle") << QByteArray("Ann <a@b") << QStringList{u"Ann||a|b"_s};
    QTest::newRow("unterminated quote")
        << QByteArray("\"unterminated, x@y") << QStringList{u"unterminated, x@y|||"_s};
    QTest::newRow("open group closed")
        << QByteArray("team: a@b") << QStringList{u"group:team"_s, u"||a|b"_s, u"end"_s};
    QTest::newRow("group then address")
        << QByteArray("group: a@b;, c@d")
        << QStringList{u"group:group"_s, u"||a|b"_s, u"end"_s, u"||c|d"_s};
    QTest::newRow("second group closes the first")
        << QByteArray("g1: a@b, g2: c@d;")
        << QStringList{u"group:g1"_s, u"||a|b"_s, u"end"_s, u"group:g2"_s, u"||c|d"_s, u"end"_s};
    QTest::newRow("empty group name") << QByteArray(":;") << QStringList{u"group:"_s, u"end"_s};
    QTest::newRow("stray semicolon")
        << QByteArray("a@b; c@d") << QStringList{u"||a|b"_s, u"||c|d"_s};
    QTest::newRow("only commas") << QByteArray(" , ,, ") << QStringList{};
    QTest::newRow("empty") << QByteArray() << QStringList{};
    QTest::newRow("at only") << QByteArray("@") << QStringList{u"|||"_s};
    QTest::newRow("route without address")
        << QByteArray("<@a.test>") << QStringList{u"|||a.test"_s};
}

void TestMimeAddress::parse() {
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(parseAddressList(input)), expected);
}

void TestMimeAddress::displayName() {
    const QList<MailAddress> list = parseAddressList(
        "=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <j@example.de>, =?utf-8?q?Gr=C3=BCppe?=: a@b;");
    QCOMPARE(list.size(), 4);
    QCOMPARE(list.at(0).displayName(), u"Jürgen Müller"_s);
    QCOMPARE(list.at(0).addrSpec(), QByteArray("j@example.de"));
    QCOMPARE(list.at(1).displayName(), u"Grüppe"_s);
    QVERIFY(list.at(1).addrSpec().isEmpty());
}

// A header-sized list parses in one pass; counts checked, no timing asserted.
void TestMimeAddress::manyAddresses() {
    QByteArray value;
    for (int i = 0; i < 20000; ++i)
        value +=
            "User " + QByteArray::number(i) + " <u" + QByteArray::number(i) + "@example.com>, ";
    value += QByteArray(20000, '>') + "@x";
    const QList<MailAddress> list = parseAddressList(value);
    QCOMPARE(list.size(), 20001);
    QCOMPARE(list.at(19999).mailbox, QByteArray("u19999"));
}

QTEST_GUILESS_MAIN(TestMimeAddress)
#include "tst_mimeaddress.moc"
