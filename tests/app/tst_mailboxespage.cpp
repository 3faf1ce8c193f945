// tst_mailboxespage.cpp - the Mailboxes page and its dialogs against a real mailsteadd
//
// Adds a mailbox with a generated password and logs in with it
// (mailbox.auth_test), shows the daemon's quota error beside the quota
// field, searches, disables, sets a new password, removes after asking, and
// shows usage once mail has arrived over SMTP.
#include "dialogs/MailboxDialog.h"
#include "dialogs/ResetPasswordDialog.h"
#include "models/MailboxTableModel.h"
#include "pages/MailboxesPage.h"
#include "PageTestSupport.h"
#include "supervision/DaemonConnection.h"
#include "TestDaemon.h"
#include "widgets/PasswordField.h"
#include "widgets/PasswordStrength.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using app::MailboxDialog;
using test::child;
using test::waitForChild;

class TestMailboxesPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void addWithGeneratedPassword();
    void quotaAboveDomainShowsDaemonErrorBesideQuota();
    void shortPasswordShowsDaemonErrorBesidePassword();
    void searchFilters();
    void disableAndEnable();
    void resetPassword();
    void removeAsksFirst();
    void usageFromDeliveredMail();

private:
    void addMailboxWithCtl(const QString &address, const QString &quota = {});
    void select(const QString &address);
    MailboxDialog *openAddDialog();
    bool authenticates(const QString &address, const QString &password);

    test::TestDaemon *m_daemon = nullptr;
    app::DaemonConnection *m_connection = nullptr;
    app::MailboxesPage *m_page = nullptr;
};

void TestMailboxesPage::init() {
    m_daemon = new test::TestDaemon;
    QVERIFY2(m_daemon->start(), qPrintable(m_daemon->output()));
    QCOMPARE(m_daemon->ctl({u"domain"_s, u"add"_s, u"example.test"_s, u"--quota"_s, u"1G"_s}), 0);
    qputenv("MAILSTEAD_SOCKET", m_daemon->socketPath().toLocal8Bit());
    m_connection = new app::DaemonConnection;
    m_connection->setAutoStart(false);
    m_page = new app::MailboxesPage(m_connection);
    m_page->resize(1000, 600);
    m_page->show();
    m_connection->start();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
}

void TestMailboxesPage::cleanup() {
    delete m_page;
    delete m_connection;
    delete m_daemon;
    qunsetenv("MAILSTEAD_SOCKET");
}

void TestMailboxesPage::addMailboxWithCtl(const QString &address, const QString &quota) {
    QStringList arguments{u"mailbox"_s, u"add"_s, address, u"--password-stdin"_s};
    if (!quota.isEmpty())
        arguments += {u"--quota"_s, quota};
    QString out;
    QCOMPARE(m_daemon->ctl(arguments, &out, "a long password\n"), 0);
}

void TestMailboxesPage::select(const QString &address) {
    QTRY_VERIFY(m_page->model()->rowOfKey(address) >= 0);
    QVERIFY(m_page->selectKey(address));
}

MailboxDialog *TestMailboxesPage::openAddDialog() {
    auto *add = child<QPushButton>(m_page, u"addMailboxPushButton"_s);
    if (!QTest::qWaitFor([add] { return add->isEnabled(); }, 5000))
        qWarning("the add button stayed disabled");
    QTest::mouseClick(add, Qt::LeftButton);
    return waitForChild<MailboxDialog>(m_page, u"mailboxDialog"_s);
}

bool TestMailboxesPage::authenticates(const QString &address, const QString &password) {
    const ipc::Reply reply = m_daemon->call(u"mailbox.auth_test"_s,
                                            {{u"address"_s, address}, {u"password"_s, password}});
    if (!reply.ok)
        qWarning("auth_test: %s", qPrintable(reply.error.message));
    return reply.ok && reply.result.toObject().value(u"valid"_s).toBool();
}

void TestMailboxesPage::addWithGeneratedPassword() {
    QPointer<MailboxDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    QCOMPARE(child<QComboBox>(dialog, u"domainComboBox"_s)->currentText(), u"example.test"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"localPartLineEdit"_s), u"alice"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"nameLineEdit"_s), u"Alice Baker"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"quotaLineEdit"_s), u"512M"_s);

    auto *password = child<QLineEdit>(dialog, u"passwordLineEdit"_s);
    auto *meter = child<QProgressBar>(dialog, u"passwordStrengthProgressBar"_s);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QTest::mouseClick(child<QPushButton>(dialog, u"generatePasswordPushButton"_s), Qt::LeftButton);
    const QString generated = password->text();
    QCOMPARE(generated.size(), app::generatedPasswordLength);
    QCOMPARE(password->echoMode(), QLineEdit::Normal); // shown, to be passed on
    QVERIFY(meter->value() >= 3);
    QCOMPARE(meter->property("strengthLevel").toInt(),
             int(app::estimatePasswordStrength(generated).level));

    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QVERIFY(authenticates(u"alice@example.test"_s, generated));
    QVERIFY(!authenticates(u"alice@example.test"_s, generated + u"x"_s));
    const ipc::Reply reply =
        m_daemon->call(u"mailbox.get"_s, {{u"address"_s, u"alice@example.test"_s}});
    QVERIFY(reply.ok);
    QCOMPARE(reply.result.toObject().value(u"name"_s).toString(), u"Alice Baker"_s);
    QCOMPARE(reply.result.toObject().value(u"quota"_s).toInteger(), 512LL << 20);
    QTRY_COMPARE(m_page->selectedKey(), u"alice@example.test"_s);
}

void TestMailboxesPage::quotaAboveDomainShowsDaemonErrorBesideQuota() {
    // What the daemon answers to a quota above the domain's 1 GiB.
    const ipc::Reply refused =
        m_daemon->call(u"mailbox.add"_s, {{u"address"_s, u"probe@example.test"_s},
                                          {u"password"_s, u"a long password"_s},
                                          {u"quota"_s, 2LL << 30}});
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.field, u"quota"_s);

    QPointer<MailboxDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"localPartLineEdit"_s), u"bob"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"passwordLineEdit"_s), u"a long password"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"quotaLineEdit"_s), u"2G"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    auto *quotaError = child<QLabel>(dialog, u"quotaErrorLabel"_s);
    QTRY_VERIFY(quotaError->isVisible());
    QCOMPARE(quotaError->text(), refused.error.message);
    QVERIFY(!child<QLabel>(dialog, u"addressErrorLabel"_s)->isVisible());
    QVERIFY(dialog->isVisible());
    QVERIFY(!m_daemon->call(u"mailbox.get"_s, {{u"address"_s, u"bob@example.test"_s}}).ok);

    // Fixing the quota and pressing OK again succeeds.
    auto *quota = child<QLineEdit>(dialog, u"quotaLineEdit"_s);
    quota->clear();
    QTest::keyClicks(quota, u"1G"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QVERIFY(m_daemon->call(u"mailbox.get"_s, {{u"address"_s, u"bob@example.test"_s}}).ok);
}

void TestMailboxesPage::shortPasswordShowsDaemonErrorBesidePassword() {
    QPointer<MailboxDialog> dialog = openAddDialog();
    QTest::keyClicks(child<QLineEdit>(dialog, u"localPartLineEdit"_s), u"carol"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"passwordLineEdit"_s), u"short"_s);
    QCOMPARE(child<QProgressBar>(dialog, u"passwordStrengthProgressBar"_s)
                 ->property("strengthLevel")
                 .toInt(),
             int(app::PasswordStrengthLevel::TooShort));
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    auto *passwordError = child<QLabel>(dialog, u"passwordErrorLabel"_s);
    QTRY_VERIFY(passwordError->isVisible());
    const ipc::Reply refused = m_daemon->call(
        u"mailbox.add"_s, {{u"address"_s, u"carol@example.test"_s}, {u"password"_s, u"short"_s}});
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.field, u"password"_s);
    QCOMPARE(passwordError->text(), refused.error.message);
    dialog->reject();
}

void TestMailboxesPage::searchFilters() {
    addMailboxWithCtl(u"alice@example.test"_s);
    addMailboxWithCtl(u"bob@example.test"_s);
    addMailboxWithCtl(u"bobby@example.test"_s);
    auto *view = child<QTableView>(m_page, u"mailboxTableView"_s);
    QTRY_COMPARE(view->model()->rowCount(), 3);
    auto *search = child<QLineEdit>(m_page, u"mailboxSearchLineEdit"_s);
    QTest::keyClicks(search, u"BOB"_s);
    QCOMPARE(view->model()->rowCount(), 2);
    QTest::keyClicks(search, u"by"_s);
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, 0).data().toString(), u"bobby@example.test"_s);
    search->clear();
    QCOMPARE(view->model()->rowCount(), 3);
}

void TestMailboxesPage::disableAndEnable() {
    addMailboxWithCtl(u"alice@example.test"_s);
    select(u"alice@example.test"_s);
    auto *toggle = child<QPushButton>(m_page, u"toggleActivePushButton"_s);
    QCOMPARE(toggle->text(), u"&Disable"_s);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_COMPARE(m_page->selectedObject().value(u"active"_s).toBool(true), false);
    QVERIFY(!authenticates(u"alice@example.test"_s, u"a long password"_s));
    QCOMPARE(toggle->text(), u"E&nable"_s);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_COMPARE(m_page->selectedObject().value(u"active"_s).toBool(false), true);
    QVERIFY(authenticates(u"alice@example.test"_s, u"a long password"_s));
}

void TestMailboxesPage::resetPassword() {
    addMailboxWithCtl(u"alice@example.test"_s);
    select(u"alice@example.test"_s);
    QTest::mouseClick(child<QPushButton>(m_page, u"resetPasswordPushButton"_s), Qt::LeftButton);
    QPointer<app::ResetPasswordDialog> dialog =
        waitForChild<app::ResetPasswordDialog>(m_page, u"resetPasswordDialog"_s);
    QVERIFY(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, u"generatePasswordPushButton"_s), Qt::LeftButton);
    const QString generated = child<QLineEdit>(dialog, u"passwordLineEdit"_s)->text();
    QTest::mouseClick(child<QPushButton>(dialog, u"okPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QVERIFY(authenticates(u"alice@example.test"_s, generated));
    QVERIFY(!authenticates(u"alice@example.test"_s, u"a long password"_s));
}

void TestMailboxesPage::removeAsksFirst() {
    addMailboxWithCtl(u"alice@example.test"_s);
    addMailboxWithCtl(u"bob@example.test"_s);
    select(u"alice@example.test"_s);
    QTest::mouseClick(child<QPushButton>(m_page, u"removeMailboxPushButton"_s), Qt::LeftButton);
    QPointer<QMessageBox> box = waitForChild<QMessageBox>(m_page, u"removeMailboxMessageBox"_s);
    QVERIFY(box);
    QVERIFY(box->text().contains(u"alice@example.test"_s));
    QTest::mouseClick(child<QPushButton>(box, u"yesPushButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_page->model()->rowCount(), 1);
    const ipc::Reply gone =
        m_daemon->call(u"mailbox.get"_s, {{u"address"_s, u"alice@example.test"_s}});
    QCOMPARE(gone.error.code, ipc::ErrorCode::NotFound);
    QVERIFY(m_daemon->call(u"mailbox.get"_s, {{u"address"_s, u"bob@example.test"_s}}).ok);
}

namespace {

// One message over SMTP to the daemon's MX listener; true on "250" after DATA.
bool sendMail(quint16 port, const QByteArray &recipient, int bodyLines) {
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!socket.waitForConnected(10000))
        return false;
    QByteArray last;
    const auto reply = [&socket, &last]() {
        // Multi-line replies end with "NNN " (RFC 5321 section 4.2.1).
        for (;;) {
            while (!socket.canReadLine())
                if (!socket.waitForReadyRead(10000))
                    return QByteArray();
            last = socket.readLine();
            if (last.size() >= 4 && last.at(3) == ' ')
                return last.left(3);
        }
    };
    const auto command = [&socket, &reply](const QByteArray &line) {
        socket.write(line + "\r\n");
        return reply();
    };
    if (reply() != "220" || command("EHLO client.example") != "250" ||
        command("MAIL FROM:<sender@example.net>") != "250" ||
        command("RCPT TO:<" + recipient + ">") != "250" || command("DATA") != "354")
        return false;
    QByteArray message =
        "From: sender@example.net\r\nTo: " + recipient + "\r\nSubject: figures\r\n\r\n";
    for (int i = 0; i < bodyLines; ++i)
        message += "All the figures, one line after another.\r\n";
    return command(message + ".") == "250" && command("QUIT") == "221";
}

} // namespace

void TestMailboxesPage::usageFromDeliveredMail() {
    // A mailbox of 1 MiB, half filled by two messages of about 256 KiB.
    addMailboxWithCtl(u"alice@example.test"_s, u"1M"_s);
    QTRY_VERIFY(m_page->model()->rowOfKey(u"alice@example.test"_s) >= 0);
    const quint16 smtpPort = m_daemon->port(u"smtp"_s);
    QVERIFY(smtpPort != 0);
    QVERIFY(sendMail(smtpPort, "alice@example.test", 6000));
    QVERIFY(sendMail(smtpPort, "alice@example.test", 6000));

    // event.delivery refreshes the page; no click needed.
    const auto usage = [this] {
        const int row = m_page->model()->rowOfKey(u"alice@example.test"_s);
        return m_page->model()->index(row, app::MailboxTableModel::UsageColumn);
    };
    QTRY_COMPARE(m_page->model()
                     ->index(m_page->model()->rowOfKey(u"alice@example.test"_s),
                             app::MailboxTableModel::MessagesColumn)
                     .data()
                     .toString(),
                 u"2"_s);
    const double fraction = usage().data(app::JsonTableModel::UsageFractionRole).toDouble();
    QVERIFY2(fraction > 0.4 && fraction < 0.6, qPrintable(QString::number(fraction)));
    const ipc::Reply reply =
        m_daemon->call(u"mailbox.get"_s, {{u"address"_s, u"alice@example.test"_s}});
    QVERIFY(reply.ok);
    const qint64 bytes =
        reply.result.toObject().value(u"usage"_s).toObject().value(u"bytes"_s).toInteger();
    QCOMPARE(fraction, double(bytes) / double(1 << 20));
}

QTEST_MAIN(TestMailboxesPage)
#include "tst_mailboxespage.moc"
