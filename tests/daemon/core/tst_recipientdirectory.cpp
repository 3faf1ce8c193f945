// tst_recipientdirectory.cpp - recipient resolution over a real config.db:
// mailboxes, aliases, catch-all, alias domains, plus-addressing, case,
// disabled objects, external targets, relaying.
#include "core/ConfigStore.h"
#include "core/PasswordHash.h"
#include "core/RecipientDirectory.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;

class TestRecipientDirectory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void resolve_data();
    void resolve();
    void delimiterCanBeDisabled();
    void credentials();
    void reloadSeesChanges();

private:
    void addMailbox(const QString &address, bool active = true);
    void addAlias(const QString &source, const QStringList &targets, bool active = true);

    QTemporaryDir m_dir;
    std::unique_ptr<ConfigStore> m_store;
    RecipientDirectory m_directory;
};

void TestRecipientDirectory::addMailbox(const QString &address, bool active) {
    MailboxSpec spec;
    spec.address = address;
    spec.passwordHash =
        u"$y$j9T$abcdefghijklmnopqrstuv$0123456789012345678901234567890123456789012"_s;
    spec.active = active;
    const auto r = m_store->addMailbox(spec);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
}

void TestRecipientDirectory::addAlias(const QString &source, const QStringList &targets,
                                      bool active) {
    const auto r = m_store->addAlias({source, targets, active});
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
}

void TestRecipientDirectory::initTestCase() {
    m_store = std::make_unique<ConfigStore>(m_dir.filePath(u"config.db"_s));
    QVERIFY2(m_store->isOpen(), qPrintable(m_store->error()));
    QVERIFY(m_store->addDomain({u"example.test"_s, {}, 0, 0, 0, true}).ok());
    QVERIFY(m_store->addDomain({u"catch.test"_s, {}, 0, 0, 0, true}).ok());
    QVERIFY(m_store->addDomain({u"off.test"_s, {}, 0, 0, 0, false}).ok());
    QVERIFY(m_store->addDomain({u"bücher.example"_s, {}, 0, 0, 0, true}).ok());
    QVERIFY(m_store->addAliasDomain(u"example.org"_s, u"example.test"_s).ok());
    addMailbox(u"alice@example.test"_s);
    addMailbox(u"bob@example.test"_s);
    addMailbox(u"Carol@example.test"_s);
    addMailbox(u"dave@example.test"_s, false);
    addMailbox(u"erin@catch.test"_s);
    addMailbox(u"frank@off.test"_s);
    addMailbox(u"δοκιμή@bücher.example"_s);
    addMailbox(u"\"john smith\"@example.test"_s);
    addAlias(u"sales@example.test"_s,
             {u"alice@example.test"_s, u"bob@example.test"_s, u"partner@elsewhere.example"_s});
    addAlias(u"team@example.test"_s, {u"sales@example.test"_s, u"alice@example.test"_s});
    addAlias(u"ghost@example.test"_s, {u"alice@example.test"_s}, false);
    addAlias(u"broken@example.test"_s, {u"dave@example.test"_s});
    addAlias(u"@catch.test"_s, {u"erin@catch.test"_s});
    m_directory.reload(*m_store);
}

void TestRecipientDirectory::resolve_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("mailboxes");
    QTest::addColumn<QStringList>("external");

    const int local = int(Resolution::Status::Local);
    const int unknown = int(Resolution::Status::UnknownUser);
    const int disabled = int(Resolution::Status::Disabled);
    const int notLocal = int(Resolution::Status::NotLocal);
    const int invalid = int(Resolution::Status::InvalidAddress);
    const QStringList none;

    QTest::newRow("mailbox") << u"alice@example.test"_s << local
                             << QStringList{u"alice@example.test"_s} << none;
    QTest::newRow("case-insensitive local part and domain")
        << u"ALICE@Example.TEST"_s << local << QStringList{u"alice@example.test"_s} << none;
    QTest::newRow("stored case kept")
        << u"carol@example.test"_s << local << QStringList{u"Carol@example.test"_s} << none;
    QTest::newRow("plus address") << u"alice+lists@example.test"_s << local
                                  << QStringList{u"alice@example.test"_s} << none;
    QTest::newRow("plus on unknown user") << u"nobody+x@example.test"_s << unknown << none << none;
    QTest::newRow("alias with external target")
        << u"sales@example.test"_s << local
        << QStringList{u"alice@example.test"_s, u"bob@example.test"_s}
        << QStringList{u"partner@elsewhere.example"_s};
    QTest::newRow("nested alias de-duplicated")
        << u"team@example.test"_s << local
        << QStringList{u"alice@example.test"_s, u"bob@example.test"_s}
        << QStringList{u"partner@elsewhere.example"_s};
    QTest::newRow("plus on alias") << u"sales+q4@example.test"_s << local
                                   << QStringList{u"alice@example.test"_s, u"bob@example.test"_s}
                                   << QStringList{u"partner@elsewhere.example"_s};
    QTest::newRow("alias domain") << u"alice@example.org"_s << local
                                  << QStringList{u"alice@example.test"_s} << none;
    QTest::newRow("alias domain, alias")
        << u"sales@EXAMPLE.ORG"_s << local
        << QStringList{u"alice@example.test"_s, u"bob@example.test"_s}
        << QStringList{u"partner@elsewhere.example"_s};
    QTest::newRow("catch-all") << u"anything@catch.test"_s << local
                               << QStringList{u"erin@catch.test"_s} << none;
    QTest::newRow("mailbox wins over catch-all")
        << u"erin@catch.test"_s << local << QStringList{u"erin@catch.test"_s} << none;
    QTest::newRow("unknown") << u"nobody@example.test"_s << unknown << none << none;
    QTest::newRow("inactive alias is absent") << u"ghost@example.test"_s << unknown << none << none;
    QTest::newRow("disabled mailbox") << u"dave@example.test"_s << disabled << none << none;
    QTest::newRow("alias to disabled mailbox")
        << u"broken@example.test"_s << disabled << none << none;
    QTest::newRow("disabled domain") << u"frank@off.test"_s << disabled << none << none;
    QTest::newRow("foreign domain") << u"someone@elsewhere.example"_s << notLocal << none << none;
    QTest::newRow("percent hack is not relaying")
        << u"someone%elsewhere.example@example.test"_s << unknown << none << none;
    QTest::newRow("quoted @ is not relaying")
        << u"\"x@elsewhere.example\"@example.test"_s << unknown << none << none;
    QTest::newRow("quoted local part") << u"\"john smith\"@example.test"_s << local
                                       << QStringList{u"\"john smith\"@example.test"_s} << none;
    QTest::newRow("UTF-8 local part, U-label domain")
        << u"ΔΟΚΙΜΉ@bücher.example"_s << local << QStringList{u"δοκιμή@xn--bcher-kva.example"_s}
        << none;
    QTest::newRow("invalid") << u"not an address"_s << invalid << none << none;
}

void TestRecipientDirectory::resolve() {
    QFETCH(QString, address);
    QFETCH(int, status);
    QFETCH(QStringList, mailboxes);
    QFETCH(QStringList, external);
    const Resolution r = m_directory.resolve(address);
    QCOMPARE(int(r.status), status);
    QStringList got;
    for (const MailboxTarget &m : r.mailboxes)
        got.append(m.address());
    got.sort();
    mailboxes.sort();
    QCOMPARE(got, mailboxes);
    QCOMPARE(r.external, external);
    if (r.status != Resolution::Status::Local)
        QVERIFY(!r.detail.isEmpty());
}

void TestRecipientDirectory::delimiterCanBeDisabled() {
    QCOMPARE(m_directory.resolve(u"alice+x@example.test"_s, QString()).status,
             Resolution::Status::UnknownUser);
    QCOMPARE(m_directory.resolve(u"alice-x@example.test"_s, u"+-"_s).status,
             Resolution::Status::Local);
}

void TestRecipientDirectory::credentials() {
    const auto c = m_directory.credentials(u"Alice@example.test"_s);
    QVERIFY(c.found);
    QVERIFY(c.active);
    QCOMPARE(c.mailbox.address(), u"alice@example.test"_s);
    QVERIFY(c.passwordHash.startsWith(u"$y$"_s));
    QVERIFY(!m_directory.credentials(u"dave@example.test"_s).active);
    QVERIFY(!m_directory.credentials(u"frank@off.test"_s).active);
    QVERIFY(!m_directory.credentials(u"sales@example.test"_s).found);
}

void TestRecipientDirectory::reloadSeesChanges() {
    QCOMPARE(m_directory.resolve(u"new@example.test"_s).status, Resolution::Status::UnknownUser);
    addMailbox(u"new@example.test"_s);
    QCOMPARE(m_directory.resolve(u"new@example.test"_s).status, Resolution::Status::UnknownUser);
    m_directory.reload(*m_store);
    QCOMPARE(m_directory.resolve(u"new@example.test"_s).status, Resolution::Status::Local);
    QVERIFY(m_directory.isLocalDomain(u"EXAMPLE.org"_s));
    QVERIFY(!m_directory.isLocalDomain(u"elsewhere.example"_s));
}

QTEST_GUILESS_MAIN(TestRecipientDirectory)
#include "tst_recipientdirectory.moc"
