// tst_aliasespage.cpp - the Aliases page and its dialog against a real mailsteadd
//
// An alias with two targets, a catch-all, the daemon's error beside the
// targets field, editing targets, disabling, and removal after asking;
// every result checked through alias.get.
#include "dialogs/AliasDialog.h"
#include "models/AliasTableModel.h"
#include "pages/AliasesPage.h"
#include "PageTestSupport.h"
#include "supervision/DaemonConnection.h"
#include "TestDaemon.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using app::AliasDialog;
using test::child;
using test::waitForChild;

class TestAliasesPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void parseTargets();
    void aliasWithTwoTargets();
    void catchAll();
    void invalidTargetShowsDaemonErrorBesideTargets();
    void editTargetsAndDisable();
    void removeAsksFirst();

private:
    AliasDialog *openAddDialog();
    QJsonObject alias(const QString &source);

    test::TestDaemon *m_daemon = nullptr;
    app::DaemonConnection *m_connection = nullptr;
    app::AliasesPage *m_page = nullptr;
};

void TestAliasesPage::init() {
    m_daemon = new test::TestDaemon;
    QVERIFY2(m_daemon->start(), qPrintable(m_daemon->output()));
    QCOMPARE(m_daemon->ctl({u"domain"_s, u"add"_s, u"example.test"_s}), 0);
    for (const QString &address : {u"alice@example.test"_s, u"bob@example.test"_s})
        QCOMPARE(m_daemon->ctl({u"mailbox"_s, u"add"_s, address, u"--password-stdin"_s}, nullptr,
                               "a long password\n"),
                 0);
    qputenv("MAILSTEAD_SOCKET", m_daemon->socketPath().toLocal8Bit());
    m_connection = new app::DaemonConnection;
    m_connection->setAutoStart(false);
    m_page = new app::AliasesPage(m_connection);
    m_page->resize(900, 600);
    m_page->show();
    m_connection->start();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
}

void TestAliasesPage::cleanup() {
    delete m_page;
    delete m_connection;
    delete m_daemon;
    qunsetenv("MAILSTEAD_SOCKET");
}

AliasDialog *TestAliasesPage::openAddDialog() {
    auto *add = child<QPushButton>(m_page, u"addAliasPushButton"_s);
    if (!QTest::qWaitFor([add] { return add->isEnabled(); }, 5000))
        qWarning("the add button stayed disabled");
    QTest::mouseClick(add, Qt::LeftButton);
    return waitForChild<AliasDialog>(m_page, u"aliasDialog"_s);
}

QJsonObject TestAliasesPage::alias(const QString &source) {
    const ipc::Reply reply = m_daemon->call(u"alias.get"_s, {{u"source"_s, source}});
    return reply.ok ? reply.result.toObject() : QJsonObject();
}

void TestAliasesPage::parseTargets() {
    QCOMPARE(AliasDialog::parseTargets(u" a@x.example\n\nb@x.example, c@x.example;d@x.example "_s),
             (QStringList{u"a@x.example"_s, u"b@x.example"_s, u"c@x.example"_s, u"d@x.example"_s}));
    QVERIFY(AliasDialog::parseTargets(u" \n, "_s).isEmpty());
}

void TestAliasesPage::aliasWithTwoTargets() {
    QPointer<AliasDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    QCOMPARE(child<QComboBox>(dialog, u"domainComboBox"_s)->currentText(), u"example.test"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"localPartLineEdit"_s), u"sales"_s);
    child<QPlainTextEdit>(dialog, u"targetsPlainTextEdit"_s)
        ->setPlainText(u"alice@example.test\nbob@example.test"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog);

    const QJsonObject sales = alias(u"sales@example.test"_s);
    QCOMPARE(sales.value(u"targets"_s).toArray(),
             (QJsonArray{u"alice@example.test"_s, u"bob@example.test"_s}));
    QCOMPARE(sales.value(u"catch_all"_s).toBool(), false);
    QTRY_COMPARE(m_page->selectedKey(), u"sales@example.test"_s);
    const int row = m_page->model()->rowOfKey(u"sales@example.test"_s);
    QCOMPARE(m_page->model()->index(row, 1).data().toString(),
             u"alice@example.test, bob@example.test"_s);
}

void TestAliasesPage::catchAll() {
    QPointer<AliasDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    auto *localPart = child<QLineEdit>(dialog, u"localPartLineEdit"_s);
    QTest::mouseClick(child<QCheckBox>(dialog, u"catchAllCheckBox"_s), Qt::LeftButton);
    QVERIFY(!localPart->isEnabled());
    child<QPlainTextEdit>(dialog, u"targetsPlainTextEdit"_s)->setPlainText(u"alice@example.test"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog);

    const QJsonObject catchAll = alias(u"@example.test"_s);
    QCOMPARE(catchAll.value(u"catch_all"_s).toBool(), true);
    QCOMPARE(catchAll.value(u"targets"_s).toArray(), QJsonArray{u"alice@example.test"_s});
    QTRY_VERIFY(m_page->model()->rowOfKey(u"@example.test"_s) >= 0);
}

void TestAliasesPage::invalidTargetShowsDaemonErrorBesideTargets() {
    const ipc::Reply refused =
        m_daemon->call(u"alias.add"_s, {{u"source"_s, u"info@example.test"_s},
                                        {u"targets"_s, QJsonArray{u"nobody@@example.test"_s}}});
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.field, u"targets"_s);

    QPointer<AliasDialog> dialog = openAddDialog();
    QTest::keyClicks(child<QLineEdit>(dialog, u"localPartLineEdit"_s), u"info"_s);
    child<QPlainTextEdit>(dialog, u"targetsPlainTextEdit"_s)
        ->setPlainText(u"nobody@@example.test"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    auto *targetsError = child<QLabel>(dialog, u"targetsErrorLabel"_s);
    QTRY_VERIFY(targetsError->isVisible());
    QCOMPARE(targetsError->text(), refused.error.message);
    QVERIFY(!child<QLabel>(dialog, u"sourceErrorLabel"_s)->isVisible());
    QVERIFY(alias(u"info@example.test"_s).isEmpty());
    dialog->reject();
}

void TestAliasesPage::editTargetsAndDisable() {
    QCOMPARE(
        m_daemon->ctl({u"alias"_s, u"add"_s, u"sales@example.test"_s, u"alice@example.test"_s}), 0);
    QTRY_VERIFY(m_page->model()->rowOfKey(u"sales@example.test"_s) >= 0);
    QVERIFY(m_page->selectKey(u"sales@example.test"_s));
    QTest::mouseClick(child<QPushButton>(m_page, u"editAliasPushButton"_s), Qt::LeftButton);
    QPointer<AliasDialog> dialog = waitForChild<AliasDialog>(m_page, u"aliasDialog"_s);
    QVERIFY(dialog);
    auto *targets = child<QPlainTextEdit>(dialog, u"targetsPlainTextEdit"_s);
    QCOMPARE(targets->toPlainText(), u"alice@example.test"_s);
    targets->setPlainText(u"bob@example.test"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QCOMPARE(alias(u"sales@example.test"_s).value(u"targets"_s).toArray(),
             QJsonArray{u"bob@example.test"_s});

    QTRY_COMPARE(m_page->selectedKey(), u"sales@example.test"_s);
    QTest::mouseClick(child<QPushButton>(m_page, u"toggleActivePushButton"_s), Qt::LeftButton);
    QTRY_COMPARE(alias(u"sales@example.test"_s).value(u"active"_s).toBool(true), false);
}

void TestAliasesPage::removeAsksFirst() {
    QCOMPARE(m_daemon->ctl({u"alias"_s, u"add"_s, u"@example.test"_s, u"alice@example.test"_s}), 0);
    QTRY_VERIFY(m_page->model()->rowOfKey(u"@example.test"_s) >= 0);
    QVERIFY(m_page->selectKey(u"@example.test"_s));
    QTest::mouseClick(child<QPushButton>(m_page, u"removeAliasPushButton"_s), Qt::LeftButton);
    QPointer<QMessageBox> box = waitForChild<QMessageBox>(m_page, u"removeAliasMessageBox"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"catch-all"_s), qPrintable(box->text()));
    QTest::mouseClick(child<QPushButton>(box, u"yesPushButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(alias(u"@example.test"_s).isEmpty());
}

QTEST_MAIN(TestAliasesPage)
#include "tst_aliasespage.moc"
