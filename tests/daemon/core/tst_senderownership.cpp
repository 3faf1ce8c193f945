// tst_senderownership.cpp - who may send as which address on submission:
// RecipientDirectory::senderOwnership over a real config.db (own address
// and +extension, aliases through alias domains, catch-alls that do not
// count, send-as grants for an address or a whole domain), and the
// ConfigStore side of send-as grants.
#include "core/ConfigStore.h"
#include "core/RecipientDirectory.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;

class TestSenderOwnership : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void ownership_data();
    void ownership();
    void delimiterCanBeDisabled();
    void grantsAreStoredAndRemoved();
    void badGrantsAreRefused();

private:
    void addMailbox(const QString &address);
    MailboxTarget target(const QString &address) const;

    QTemporaryDir m_dir;
    std::unique_ptr<ConfigStore> m_store;
    RecipientDirectory m_directory;
};

void TestSenderOwnership::addMailbox(const QString &address) {
    MailboxSpec spec;
    spec.address = address;
    spec.passwordHash =
        u"$y$j9T$abcdefghijklmnopqrstuv$0123456789012345678901234567890123456789012"_s;
    const auto r = m_store->addMailbox(spec);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
}

MailboxTarget TestSenderOwnership::target(const QString &address) const {
    return m_directory.credentials(address).mailbox;
}

void TestSenderOwnership::initTestCase() {
    m_store = std::make_unique<ConfigStore>(m_dir.filePath(u"config.db"_s));
    QVERIFY2(m_store->isOpen(), qPrintable(m_store->error()));
    QVERIFY(m_store->addDomain({u"example.test"_s, {}, 0, 0, 0, true}).ok());
    QVERIFY(m_store->addDomain({u"other.test"_s, {}, 0, 0, 0, true}).ok());
    QVERIFY(m_store->addAliasDomain(u"example.org"_s, u"example.test"_s).ok());
    addMailbox(u"alice@example.test"_s);
    addMailbox(u"bob@example.test"_s);
    addMailbox(u"carol@other.test"_s);
    QVERIFY(m_store
                ->addAlias({u"sales@example.test"_s,
                            {u"alice@example.test"_s, u"partner@elsewhere.example"_s},
                            true})
                .ok());
    QVERIFY(m_store->addAlias({u"team@example.test"_s, {u"sales@example.test"_s}, true}).ok());
    QVERIFY(m_store->addAlias({u"@example.test"_s, {u"alice@example.test"_s}, true}).ok());
    QVERIFY(m_store->addAlias({u"old@example.test"_s, {u"alice@example.test"_s}, false}).ok());
    QVERIFY(m_store->addSendAs(u"bob@example.test"_s, u"news@example.test"_s).ok());
    QVERIFY(m_store->addSendAs(u"bob@example.test"_s, u"@other.test"_s).ok());
    QVERIFY(m_store->addSendAs(u"carol@other.test"_s, u"Carol.Private@Elsewhere.example"_s).ok());
    m_directory.reload(*m_store);
}

void TestSenderOwnership::ownership_data() {
    QTest::addColumn<QString>("mailbox");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("expected");
    const int notOwned = int(SenderOwnership::NotOwned);
    const int own = int(SenderOwnership::Own);
    const int alias = int(SenderOwnership::Alias);
    const int grant = int(SenderOwnership::Grant);

    QTest::newRow("own address") << u"alice@example.test"_s << u"alice@example.test"_s << own;
    QTest::newRow("own, other case") << u"alice@example.test"_s << u"ALICE@Example.Test"_s << own;
    QTest::newRow("own +extension")
        << u"alice@example.test"_s << u"alice+lists@example.test"_s << own;
    QTest::newRow("own in alias domain")
        << u"alice@example.test"_s << u"alice@example.org"_s << own;
    QTest::newRow("alias") << u"alice@example.test"_s << u"sales@example.test"_s << alias;
    QTest::newRow("alias of alias") << u"alice@example.test"_s << u"team@example.test"_s << alias;
    QTest::newRow("alias through alias domain")
        << u"alice@example.test"_s << u"sales@example.org"_s << alias;
    QTest::newRow("alias +extension")
        << u"alice@example.test"_s << u"sales+x@example.test"_s << alias;
    QTest::newRow("alias of someone else")
        << u"bob@example.test"_s << u"sales@example.test"_s << notOwned;
    QTest::newRow("catch-all does not count")
        << u"alice@example.test"_s << u"anything@example.test"_s << notOwned;
    QTest::newRow("inactive alias") << u"alice@example.test"_s << u"old@example.test"_s << notOwned;
    QTest::newRow("another mailbox")
        << u"alice@example.test"_s << u"bob@example.test"_s << notOwned;
    QTest::newRow("outside address")
        << u"alice@example.test"_s << u"alice@elsewhere.example"_s << notOwned;
    QTest::newRow("grant address") << u"bob@example.test"_s << u"news@example.test"_s << grant;
    QTest::newRow("grant address +extension")
        << u"bob@example.test"_s << u"news+x@example.test"_s << grant;
    QTest::newRow("grant domain") << u"bob@example.test"_s << u"carol@other.test"_s << grant;
    QTest::newRow("grant elsewhere, case folded")
        << u"carol@other.test"_s << u"carol.private@elsewhere.example"_s << grant;
    QTest::newRow("grant is per mailbox")
        << u"alice@example.test"_s << u"news@example.test"_s << notOwned;
    QTest::newRow("not an address") << u"alice@example.test"_s << u"alice"_s << notOwned;
}

void TestSenderOwnership::ownership() {
    QFETCH(QString, mailbox);
    QFETCH(QString, address);
    QFETCH(int, expected);
    const MailboxTarget box = target(mailbox);
    QVERIFY(box.mailboxId != 0);
    QCOMPARE(int(m_directory.senderOwnership(box, address)), expected);
}

void TestSenderOwnership::delimiterCanBeDisabled() {
    const MailboxTarget alice = target(u"alice@example.test"_s);
    QCOMPARE(m_directory.senderOwnership(alice, u"alice+x@example.test"_s, QString()),
             SenderOwnership::NotOwned);
    QCOMPARE(m_directory.senderOwnership(alice, u"alice-x@example.test"_s, u"-"_s),
             SenderOwnership::Own);
}

void TestSenderOwnership::grantsAreStoredAndRemoved() {
    const auto all = m_store->sendAsGrants();
    QVERIFY(all.ok());
    QCOMPARE(all.value().size(), 3);
    const auto bobs = m_store->sendAsGrants(u"BOB@example.test"_s);
    QVERIFY(bobs.ok());
    QCOMPARE(bobs.value().size(), 2);
    QCOMPARE(bobs.value().at(0).address, u"@other.test"_s);
    QVERIFY(bobs.value().at(0).isDomain());
    QCOMPARE(bobs.value().at(1).address, u"news@example.test"_s);
    QCOMPARE(bobs.value().at(1).mailbox, u"bob@example.test"_s);

    const auto removed = m_store->removeSendAs(u"bob@example.test"_s, u"other.test"_s);
    QVERIFY2(removed.ok(), qPrintable(removed.ok() ? QString() : removed.error().message));
    QCOMPARE(removed.value().address, u"@other.test"_s);
    m_directory.reload(*m_store);
    QCOMPARE(m_directory.senderOwnership(target(u"bob@example.test"_s), u"carol@other.test"_s),
             SenderOwnership::NotOwned);
    QVERIFY(m_store->addSendAs(u"bob@example.test"_s, u"@other.test"_s).ok());

    // A removed mailbox takes its grants along.
    addMailbox(u"temp@example.test"_s);
    QVERIFY(m_store->addSendAs(u"temp@example.test"_s, u"x@example.test"_s).ok());
    QVERIFY(m_store->removeMailbox(u"temp@example.test"_s).ok());
    QCOMPARE(m_store->sendAsGrants().value().size(), 3);
}

void TestSenderOwnership::badGrantsAreRefused() {
    using mailstead::ipc::ErrorCode;
    const auto twice = m_store->addSendAs(u"bob@example.test"_s, u"NEWS@example.test"_s);
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().code, ErrorCode::AlreadyExists);
    const auto noMailbox = m_store->addSendAs(u"nobody@example.test"_s, u"x@example.test"_s);
    QVERIFY(!noMailbox.ok());
    QCOMPARE(noMailbox.error().code, ErrorCode::NotFound);
    const auto badAddress = m_store->addSendAs(u"bob@example.test"_s, u"a b@@x"_s);
    QVERIFY(!badAddress.ok());
    QCOMPARE(badAddress.error().code, ErrorCode::InvalidValue);
    const auto missing = m_store->removeSendAs(u"bob@example.test"_s, u"never@example.test"_s);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestSenderOwnership)
#include "tst_senderownership.moc"
