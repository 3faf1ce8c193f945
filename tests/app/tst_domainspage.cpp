// tst_domainspage.cpp - the Domains page and its dialogs against a real mailsteadd
//
// Adds, edits and removes domains and alias domains by clicking, as a person
// would, and checks the outcome through the admin IPC (domain.get). Errors
// the daemon sends must appear beside the field they name.
#include "dialogs/AliasDomainDialog.h"
#include "dialogs/DomainDialog.h"
#include "models/DomainTableModel.h"
#include "pages/DomainsPage.h"
#include "PageTestSupport.h"
#include "supervision/DaemonConnection.h"
#include "TestDaemon.h"

#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using app::DomainDialog;
using test::child;
using test::waitForChild;

class TestDomainsPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void addDomainThroughDialog();
    void labelsHaveBuddies();
    void duplicateNameErrorBesideName();
    void unreadableQuotaIsRefusedBeforeSending();
    void editQuotaAndLimits();
    void quotaBelowAMailboxShowsDaemonError();
    void removeAsksFirst();
    void addAndRemoveAliasDomain();
    void followsChangesFromOtherClients();

private:
    void addWithCtl(const QStringList &arguments);
    void selectDomain(const QString &name);
    DomainDialog *openAddDialog();
    QTableView *table() const;

    test::TestDaemon *m_daemon = nullptr;
    app::DaemonConnection *m_connection = nullptr;
    app::DomainsPage *m_page = nullptr;
};

void TestDomainsPage::init() {
    m_daemon = new test::TestDaemon;
    QVERIFY2(m_daemon->start(), qPrintable(m_daemon->output()));
    qputenv("MAILSTEAD_SOCKET", m_daemon->socketPath().toLocal8Bit());
    m_connection = new app::DaemonConnection;
    m_connection->setAutoStart(false);
    m_page = new app::DomainsPage(m_connection);
    m_page->resize(900, 600);
    m_page->show();
    m_connection->start();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
}

void TestDomainsPage::cleanup() {
    delete m_page;
    delete m_connection;
    delete m_daemon;
    qunsetenv("MAILSTEAD_SOCKET");
}

void TestDomainsPage::addWithCtl(const QStringList &arguments) {
    QString out;
    QCOMPARE(m_daemon->ctl(arguments, &out), 0);
}

QTableView *TestDomainsPage::table() const {
    return child<QTableView>(m_page, u"domainTableView"_s);
}

void TestDomainsPage::selectDomain(const QString &name) {
    QTRY_VERIFY(m_page->model()->rowOfKey(name) >= 0);
    QVERIFY(m_page->selectKey(name));
    QCOMPARE(m_page->selectedObject().value(u"name"_s).toString(), name);
}

DomainDialog *TestDomainsPage::openAddDialog() {
    auto *add = child<QPushButton>(m_page, u"addDomainPushButton"_s);
    if (!QTest::qWaitFor([add] { return add->isEnabled(); }, 5000))
        qWarning("the add button stayed disabled");
    QTest::mouseClick(add, Qt::LeftButton);
    return waitForChild<DomainDialog>(m_page, u"domainDialog"_s);
}

void TestDomainsPage::addDomainThroughDialog() {
    QPointer<DomainDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"nameLineEdit"_s), u"example.test"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"descriptionLineEdit"_s), u"Main office"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"quotaLineEdit"_s), u"2G"_s);
    child<QSpinBox>(dialog, u"maxMailboxesSpinBox"_s)->setValue(10);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog);

    const ipc::Reply reply = m_daemon->call(u"domain.get"_s, {{u"name"_s, u"example.test"_s}});
    QVERIFY2(reply.ok, qPrintable(reply.error.message));
    const QJsonObject domain = reply.result.toObject();
    QCOMPARE(domain.value(u"description"_s).toString(), u"Main office"_s);
    QCOMPARE(domain.value(u"quota"_s).toInteger(), 2LL << 30);
    QCOMPARE(domain.value(u"max_mailboxes"_s).toInteger(), 10);
    QCOMPARE(domain.value(u"active"_s).toBool(), true);

    // The new domain is in the table and selected; its usage bar is empty.
    QTRY_COMPARE(m_page->selectedObject().value(u"name"_s).toString(), u"example.test"_s);
    const int row = m_page->model()->rowOfKey(u"example.test"_s);
    const QModelIndex usage = m_page->model()->index(row, app::DomainTableModel::UsageColumn);
    QCOMPARE(usage.data(app::JsonTableModel::UsageFractionRole).toDouble(), 0.0);
    QCOMPARE(m_page->model()->index(row, app::DomainTableModel::MailboxesColumn).data().toString(),
             u"0 of 10"_s);
}

void TestDomainsPage::labelsHaveBuddies() {
    QPointer<DomainDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    const QList<QLabel *> labels = dialog->findChildren<QLabel *>();
    int withMnemonic = 0;
    for (const QLabel *label : labels) {
        if (!label->text().contains(u'&'))
            continue;
        ++withMnemonic;
        QVERIFY2(label->buddy(), qPrintable(label->objectName()));
    }
    QCOMPARE(withMnemonic, 5); // name, description, quota, two limits
    QCOMPARE(dialog->focusWidget(), child<QLineEdit>(dialog, u"nameLineEdit"_s));
    dialog->reject();
}

void TestDomainsPage::duplicateNameErrorBesideName() {
    addWithCtl({u"domain"_s, u"add"_s, u"example.test"_s});
    // What the daemon says to anyone who tries the same.
    const ipc::Reply refused = m_daemon->call(u"domain.add"_s, {{u"name"_s, u"example.test"_s}});
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.field, u"name"_s);

    QPointer<DomainDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"nameLineEdit"_s), u"example.test"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    auto *nameError = child<QLabel>(dialog, u"nameErrorLabel"_s);
    QTRY_VERIFY(nameError->isVisible());
    QCOMPARE(nameError->text(), refused.error.message);
    QVERIFY(dialog->isVisible()); // still open, to fix the name
    QVERIFY(!child<QLabel>(dialog, u"quotaErrorLabel"_s)->isVisible());
    QVERIFY(!child<QLabel>(dialog, u"generalErrorLabel"_s)->isVisible());
    dialog->reject();
}

void TestDomainsPage::unreadableQuotaIsRefusedBeforeSending() {
    QPointer<DomainDialog> dialog = openAddDialog();
    QTest::keyClicks(child<QLineEdit>(dialog, u"nameLineEdit"_s), u"example.test"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"quotaLineEdit"_s), u"lots"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    auto *quotaError = child<QLabel>(dialog, u"quotaErrorLabel"_s);
    QVERIFY(quotaError->isVisible());
    QVERIFY(quotaError->text().contains(u"lots"_s));
    QVERIFY(dialog->isVisible());
    const ipc::Reply list = m_daemon->call(u"domain.list"_s);
    QVERIFY(list.ok);
    QVERIFY(list.result.toObject().value(u"domains"_s).toArray().isEmpty());
    dialog->reject();
}

void TestDomainsPage::editQuotaAndLimits() {
    addWithCtl({u"domain"_s, u"add"_s, u"example.test"_s, u"--quota"_s, u"1G"_s});
    selectDomain(u"example.test"_s);
    QTest::mouseClick(child<QPushButton>(m_page, u"editDomainPushButton"_s), Qt::LeftButton);
    QPointer<DomainDialog> dialog = waitForChild<DomainDialog>(m_page, u"domainDialog"_s);
    QVERIFY(dialog);
    auto *name = child<QLineEdit>(dialog, u"nameLineEdit"_s);
    QVERIFY(name->isReadOnly());
    auto *quota = child<QLineEdit>(dialog, u"quotaLineEdit"_s);
    QCOMPARE(quota->text(), u"1 GiB"_s);
    quota->clear();
    QTest::keyClicks(quota, u"5G"_s);
    child<QSpinBox>(dialog, u"maxAliasesSpinBox"_s)->setValue(3);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog);

    const ipc::Reply reply = m_daemon->call(u"domain.get"_s, {{u"name"_s, u"example.test"_s}});
    QVERIFY(reply.ok);
    QCOMPARE(reply.result.toObject().value(u"quota"_s).toInteger(), 5LL << 30);
    QCOMPARE(reply.result.toObject().value(u"max_aliases"_s).toInteger(), 3);
    QTRY_COMPARE(m_page->selectedObject().value(u"quota"_s).toInteger(), 5LL << 30);
}

void TestDomainsPage::quotaBelowAMailboxShowsDaemonError() {
    addWithCtl({u"domain"_s, u"add"_s, u"example.test"_s});
    QString out;
    QCOMPARE(m_daemon->ctl({u"mailbox"_s, u"add"_s, u"alice@example.test"_s, u"--password-stdin"_s,
                            u"--quota"_s, u"2G"_s},
                           &out, "a long password\n"),
             0);
    selectDomain(u"example.test"_s);
    QTest::mouseClick(child<QPushButton>(m_page, u"editDomainPushButton"_s), Qt::LeftButton);
    QPointer<DomainDialog> dialog = waitForChild<DomainDialog>(m_page, u"domainDialog"_s);
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"quotaLineEdit"_s), u"1G"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);

    auto *quotaError = child<QLabel>(dialog, u"quotaErrorLabel"_s);
    QTRY_VERIFY(quotaError->isVisible());
    const ipc::Reply refused = m_daemon->call(
        u"domain.update"_s, {{u"name"_s, u"example.test"_s}, {u"quota"_s, 1LL << 30}});
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.field, u"quota"_s);
    QCOMPARE(quotaError->text(), refused.error.message);
    QCOMPARE(dialog->errorFor(u"quota"_s), refused.error.message);
    QCOMPARE(dialog->focusWidget(), child<QLineEdit>(dialog, u"quotaLineEdit"_s));
    dialog->reject();
}

void TestDomainsPage::removeAsksFirst() {
    addWithCtl({u"domain"_s, u"add"_s, u"example.test"_s});
    QString out;
    QCOMPARE(m_daemon->ctl({u"mailbox"_s, u"add"_s, u"alice@example.test"_s, u"--password-stdin"_s},
                           &out, "a long password\n"),
             0);
    selectDomain(u"example.test"_s);
    QTRY_COMPARE(m_page->selectedObject().value(u"mailboxes"_s).toInteger(), 1);

    // Cancel keeps it.
    QTest::mouseClick(child<QPushButton>(m_page, u"removeDomainPushButton"_s), Qt::LeftButton);
    QPointer<QMessageBox> box = waitForChild<QMessageBox>(m_page, u"removeDomainMessageBox"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"1 mailbox"_s), qPrintable(box->text()));
    QTest::mouseClick(child<QPushButton>(box, u"cancelPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!box);
    QTest::qWait(200);
    QVERIFY(m_daemon->call(u"domain.get"_s, {{u"name"_s, u"example.test"_s}}).ok);

    // Yes removes it, with its mailbox.
    QTest::mouseClick(child<QPushButton>(m_page, u"removeDomainPushButton"_s), Qt::LeftButton);
    box = waitForChild<QMessageBox>(m_page, u"removeDomainMessageBox"_s);
    QVERIFY(box);
    QTest::mouseClick(child<QPushButton>(box, u"yesPushButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_page->model()->rowCount(), 0);
    const ipc::Reply gone = m_daemon->call(u"domain.get"_s, {{u"name"_s, u"example.test"_s}});
    QVERIFY(!gone.ok);
    QCOMPARE(gone.error.code, ipc::ErrorCode::NotFound);
    QVERIFY(!m_daemon->call(u"mailbox.get"_s, {{u"address"_s, u"alice@example.test"_s}}).ok);
}

void TestDomainsPage::addAndRemoveAliasDomain() {
    addWithCtl({u"domain"_s, u"add"_s, u"example.test"_s});
    selectDomain(u"example.test"_s);
    auto *add = child<QPushButton>(m_page, u"addAliasDomainPushButton"_s);
    QTRY_VERIFY(add->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);
    QPointer<app::AliasDomainDialog> dialog =
        waitForChild<app::AliasDomainDialog>(m_page, u"aliasDomainDialog"_s);
    QVERIFY(dialog);
    QCOMPARE(child<QComboBox>(dialog, u"aliasForComboBox"_s)->currentText(), u"example.test"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"nameLineEdit"_s), u"example.net"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog);

    const ipc::Reply reply = m_daemon->call(u"domain.get"_s, {{u"name"_s, u"example.net"_s}});
    QVERIFY2(reply.ok, qPrintable(reply.error.message));
    QCOMPARE(reply.result.toObject().value(u"alias_for"_s).toString(), u"example.test"_s);

    auto *aliasTable = child<QTableView>(m_page, u"aliasDomainTableView"_s);
    QTRY_COMPARE(aliasTable->model()->rowCount(), 1);
    QTRY_COMPARE(m_page->selectedObject().value(u"alias_domains"_s).toArray(),
                 QJsonArray{u"example.net"_s});
    aliasTable->selectRow(0);
    auto *remove = child<QPushButton>(m_page, u"removeAliasDomainPushButton"_s);
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QPointer<QMessageBox> box = waitForChild<QMessageBox>(m_page, u"removeAliasDomainMessageBox"_s);
    QVERIFY(box);
    QTest::mouseClick(child<QPushButton>(box, u"yesPushButton"_s), Qt::LeftButton);
    QTRY_COMPARE(aliasTable->model()->rowCount(), 0);
    QVERIFY(!m_daemon->call(u"domain.get"_s, {{u"name"_s, u"example.net"_s}}).ok);
    QVERIFY(m_daemon->call(u"domain.get"_s, {{u"name"_s, u"example.test"_s}}).ok);
}

void TestDomainsPage::followsChangesFromOtherClients() {
    QCOMPARE(m_page->model()->rowCount(), 0);
    addWithCtl({u"domain"_s, u"add"_s, u"b.example"_s});
    addWithCtl({u"domain"_s, u"add"_s, u"a.example"_s});
    QTRY_COMPARE(m_page->model()->rowCount(), 2);
    // Sorted by name in the view, whatever order the daemon lists them in.
    QCOMPARE(table()->model()->index(0, 0).data().toString(), u"a.example"_s);
    addWithCtl({u"domain"_s, u"remove"_s, u"b.example"_s});
    QTRY_COMPARE(m_page->model()->rowCount(), 1);
}

QTEST_MAIN(TestDomainsPage)
#include "tst_domainspage.moc"
