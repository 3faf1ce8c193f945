// tst_setupwizard.cpp - the setup wizard walked against a real mailsteadd
//
// The wizard's connection starts the daemon itself, as in local mode (on a
// config with port 0 listeners in a temporary directory, so that tests run
// side by side). The walk goes through all seven pages with a self-signed
// certificate and a generated password, sends the test message, and then
// finds the domain and mailbox with mailsteadctl. Other tests check that a
// page refuses bad input (host name, duplicate domain, weak password) and
// that a wizard closed half way resumes where it was left, without the
// password in the settings. Choosing the installed service without its
// socket is refused on the welcome page; the local choice is kept for the
// app's next start.
#include "ipc/IpcClient.h"
#include "PageTestSupport.h"
#include "settings/AppSettings.h"
#include "supervision/DaemonConnection.h"
#include "TestDaemon.h"
#include "widgets/PasswordField.h"
#include "window/MainWindow.h"
#include "wizard/DnsRecordsPage.h"
#include "wizard/DomainPage.h"
#include "wizard/MailboxPage.h"
#include "wizard/SetupWizard.h"
#include "wizard/SummaryPage.h"

#include <QAbstractButton>
#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using app::SetupWizard;
using test::child;

class TestSetupWizard : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void walksEveryPage();
    void badHostnameBlocksNext();
    void duplicateDomainErrorBesideField();
    void weakPasswordBlocked();
    void resumesWhereLeft();
    void mainWindowOpensWizardWithoutDomain();
    void serviceChoiceNeedsInstalledSocket();

private:
    void openWizard();
    bool clickNext();
    bool reach(int pageId);
    void passWelcome();

    QTemporaryDir m_settingsDir;
    test::TestDaemon *m_daemon = nullptr;
    app::DaemonConnection *m_connection = nullptr;
    SetupWizard *m_wizard = nullptr;
};

void TestSetupWizard::initTestCase() {
    // The wizard's progress goes to QSettings: keep it out of the user's.
    QVERIFY(m_settingsDir.isValid());
    qputenv("XDG_CONFIG_HOME", m_settingsDir.path().toLocal8Bit());
    QCoreApplication::setOrganizationName(u"mailstead-test"_s);
    QCoreApplication::setApplicationName(u"tst_setupwizard"_s);
}

void TestSetupWizard::init() {
    QSettings().clear();
    m_daemon = new test::TestDaemon;
    qputenv("MAILSTEAD_SOCKET", m_daemon->socketPath().toLocal8Bit());
    m_connection = new app::DaemonConnection;
    m_connection->setAutoStart(false);
    m_connection->setDaemonProgram(test::TestDaemon::daemonProgram());
    m_connection->setDaemonArguments(m_daemon->arguments());
    m_connection->start();
}

void TestSetupWizard::cleanup() {
    delete m_wizard;
    m_wizard = nullptr;
    delete m_connection;
    delete m_daemon;
    qunsetenv("MAILSTEAD_SOCKET");
}

void TestSetupWizard::openWizard() {
    delete m_wizard;
    m_wizard = new SetupWizard(m_connection);
    m_wizard->show();
}

bool TestSetupWizard::clickNext() {
    QAbstractButton *next = m_wizard->button(QWizard::NextButton);
    if (!QTest::qWaitFor([next] { return next->isEnabled() && next->isVisible(); }, 20000))
        return false;
    QTest::mouseClick(next, Qt::LeftButton);
    return true;
}

bool TestSetupWizard::reach(int pageId) {
    return QTest::qWaitFor([this, pageId] { return m_wizard->currentId() == pageId; }, 30000);
}

void TestSetupWizard::passWelcome() {
    openWizard();
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::WelcomePageId));
    QVERIFY(child<QRadioButton>(m_wizard, u"localModeRadioButton"_s)->isChecked());
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());
    auto *start = child<QPushButton>(m_wizard, u"startDaemonPushButton"_s);
    QVERIFY(start->isVisible());
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), app::DaemonConnection::State::Connected,
                              30000);
    QVERIFY(m_connection->ownsDaemon());
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::HostnamePageId));
}

void TestSetupWizard::walksEveryPage() {
    passWelcome();
    auto *hostname = child<QLineEdit>(m_wizard, u"hostnameLineEdit"_s);
    // Filled in from system.status.
    QTRY_COMPARE(hostname->text(), u"mail.example.test"_s);
    QVERIFY(child<QListWidget>(m_wizard, u"machineAddressesListWidget"_s)->count() > 0);
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::DomainPageId));

    QTest::keyClicks(child<QLineEdit>(m_wizard, u"domainLineEdit"_s), u"example.test"_s);
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::DnsRecordsPageId));

    auto *records = child<QTableWidget>(m_wizard, u"dnsRecordsTableWidget"_s);
    QTRY_VERIFY(records->rowCount() > 3);
    QVERIFY(records->findItems(u"example.test"_s, Qt::MatchExactly).size() > 0);
    QVERIFY(records->findItems(u"MX"_s, Qt::MatchExactly).size() == 1);
    auto *dnsPage = child<app::DnsRecordsPage>(m_wizard, u"dnsRecordsWizardPage"_s);
    QTemporaryDir exportDir;
    const QString zonePath = exportDir.filePath(u"example.test.zone"_s);
    QSignalSpy exported(dnsPage, &app::DnsRecordsPage::zoneExported);
    dnsPage->exportZoneTo(zonePath);
    QVERIFY(exported.wait(10000));
    QCOMPARE(exported.at(0).at(1).toString(), QString());
    QFile zone(zonePath);
    QVERIFY(zone.open(QIODevice::ReadOnly));
    const QByteArray zoneText = zone.readAll();
    QVERIFY2(zoneText.contains("example.test.") && zoneText.contains("MX"), zoneText.constData());
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::CertificatePageId));

    QVERIFY(child<QRadioButton>(m_wizard, u"selfSignedRadioButton"_s)->isChecked());
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::MailboxPageId));
    const ipc::Reply cert = m_connection->client()->callAndWait(u"cert.status"_s, {}, 10000);
    QVERIFY(cert.ok);
    QCOMPARE(cert.result.toObject().value(u"source"_s).toString(), u"self-signed"_s);

    QCOMPARE(child<QLabel>(m_wizard, u"mailboxDomainLabel"_s)->text(), u"@example.test"_s);
    QTest::keyClicks(child<QLineEdit>(m_wizard, u"localPartLineEdit"_s), u"alice"_s);
    QTest::keyClicks(child<QLineEdit>(m_wizard, u"nameLineEdit"_s), u"Alice Baker"_s);
    QTest::mouseClick(child<QPushButton>(m_wizard, u"generatePasswordPushButton"_s),
                      Qt::LeftButton);
    const QString password = child<QLineEdit>(m_wizard, u"passwordLineEdit"_s)->text();
    QVERIFY(password.size() >= 16);
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::SummaryPageId));

    auto *summary = child<app::SummaryPage>(m_wizard, u"summaryWizardPage"_s);
    auto *settings = child<QTableWidget>(m_wizard, u"clientSettingsTableWidget"_s);
    QTRY_VERIFY(settings->rowCount() >= 4);
    // The real ports, as system.status reports them (port 0 in the config).
    const ipc::Reply status = m_connection->client()->callAndWait(u"system.status"_s, {}, 10000);
    int imapsPort = 0;
    const QJsonArray listeners = status.result.toObject().value(u"listeners"_s).toArray();
    for (const QJsonValue &listener : listeners) {
        if (listener.toObject().value(u"service"_s).toString() == u"imaps"_s)
            imapsPort = listener.toObject().value(u"port"_s).toInt();
    }
    QVERIFY(imapsPort > 0);
    QCOMPARE(settings->findItems(QString::number(imapsPort), Qt::MatchExactly).size(), 1);
    QCOMPARE(settings->findItems(u"mail.example.test"_s, Qt::MatchExactly).size(),
             settings->rowCount());
    QSignalSpy arrived(summary, &app::SummaryPage::testMessageFinished);
    QTest::mouseClick(child<QPushButton>(m_wizard, u"sendTestMessagePushButton"_s), Qt::LeftButton);
    QVERIFY(arrived.wait(40000));
    QVERIFY2(arrived.at(0).at(0).toBool(),
             qPrintable(child<QLabel>(m_wizard, u"testMessageResultLabel"_s)->text()));
    QTRY_VERIFY(!child<QLabel>(m_wizard, u"autoconfigLabel"_s)->text().contains(u"…"_s));
    QVERIFY2(child<QLabel>(m_wizard, u"autoconfigLabel"_s)->text().contains(u"autoconfig."_s),
             qPrintable(child<QLabel>(m_wizard, u"autoconfigLabel"_s)->text()));

    QTest::mouseClick(m_wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QCOMPARE(m_wizard->result(), int(QDialog::Accepted));
    QVERIFY(app::WizardProgress().finished());
    QCOMPARE(app::WizardProgress().page(), -1);

    // What the wizard did, seen by mailsteadctl.
    QString out;
    QCOMPARE(m_daemon->ctl({u"domain"_s, u"list"_s}, &out), 0);
    QVERIFY2(out.contains(u"example.test"_s), qPrintable(out));
    QCOMPARE(m_daemon->ctl({u"mailbox"_s, u"list"_s}, &out), 0);
    QVERIFY2(out.contains(u"alice@example.test"_s), qPrintable(out));
    const ipc::Reply auth = m_connection->client()->callAndWait(
        u"mailbox.auth_test"_s,
        {{u"address"_s, u"alice@example.test"_s}, {u"password"_s, password}}, 10000);
    QVERIFY(auth.result.toObject().value(u"valid"_s).toBool());
}

void TestSetupWizard::badHostnameBlocksNext() {
    passWelcome();
    auto *hostname = child<QLineEdit>(m_wizard, u"hostnameLineEdit"_s);
    QTRY_COMPARE(hostname->text(), u"mail.example.test"_s);
    QAbstractButton *next = m_wizard->button(QWizard::NextButton);
    QVERIFY(next->isEnabled());
    auto *error = child<QLabel>(m_wizard, u"hostnameErrorLabel"_s);
    for (const QString &bad : {u"not a host"_s, u"localhost"_s, u"mail..example.test"_s}) {
        hostname->clear();
        QTest::keyClicks(hostname, bad);
        QVERIFY2(!next->isEnabled(), qPrintable(bad));
        QVERIFY2(error->isVisible() && !error->text().isEmpty(), qPrintable(bad));
    }
    hostname->clear();
    QTest::keyClicks(hostname, u"mx.example.test"_s);
    QVERIFY(next->isEnabled());
    QVERIFY(!error->isVisible());
    // A name other than the daemon's: the line for its configuration file.
    auto *note = child<QLabel>(m_wizard, u"hostnameConfigNoteLabel"_s);
    QVERIFY(note->isVisible());
    QVERIFY(note->text().contains(u"hostname = mx.example.test"_s));
}

void TestSetupWizard::duplicateDomainErrorBesideField() {
    passWelcome();
    QString out;
    QCOMPARE(m_daemon->ctl({u"domain"_s, u"add"_s, u"example.test"_s}, &out), 0);
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::DomainPageId));
    QTest::keyClicks(child<QLineEdit>(m_wizard, u"domainLineEdit"_s), u"example.test"_s);
    QVERIFY(clickNext());
    auto *error = child<QLabel>(m_wizard, u"domainErrorLabel"_s);
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"example.test"_s), qPrintable(error->text()));
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::DomainPageId));
    QVERIFY(!child<QLabel>(m_wizard, u"domainGeneralErrorLabel"_s)->isVisible());
    // A syntax error is caught before asking the daemon.
    auto *domain = child<QLineEdit>(m_wizard, u"domainLineEdit"_s);
    domain->clear();
    QTest::keyClicks(domain, u"bad domain"_s);
    QVERIFY(clickNext());
    QVERIFY(error->isVisible());
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::DomainPageId));
}

void TestSetupWizard::weakPasswordBlocked() {
    passWelcome();
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::DomainPageId));
    QTest::keyClicks(child<QLineEdit>(m_wizard, u"domainLineEdit"_s), u"example.test"_s);
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::DnsRecordsPageId));
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::CertificatePageId));
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::MailboxPageId));

    QTest::keyClicks(child<QLineEdit>(m_wizard, u"localPartLineEdit"_s), u"bob"_s);
    auto *password = child<QLineEdit>(m_wizard, u"passwordLineEdit"_s);
    auto *error = child<QLabel>(m_wizard, u"passwordErrorLabel"_s);
    for (const QString &weak : {u"short"_s, u"aaaaaaaaa"_s}) {
        password->clear();
        QTest::keyClicks(password, weak);
        QVERIFY(clickNext());
        QVERIFY2(error->isVisible(), qPrintable(weak));
        QCOMPARE(m_wizard->currentId(), int(SetupWizard::MailboxPageId));
    }
    QString out;
    QCOMPARE(m_daemon->ctl({u"mailbox"_s, u"list"_s}, &out), 0);
    QVERIFY2(!out.contains(u"bob@example.test"_s), qPrintable(out));

    password->clear();
    QTest::keyClicks(password, u"correct horse battery staple"_s);
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::SummaryPageId));
    QCOMPARE(m_daemon->ctl({u"mailbox"_s, u"list"_s}, &out), 0);
    QVERIFY2(out.contains(u"bob@example.test"_s), qPrintable(out));
}

void TestSetupWizard::resumesWhereLeft() {
    passWelcome();
    auto *hostname = child<QLineEdit>(m_wizard, u"hostnameLineEdit"_s);
    QTRY_COMPARE(hostname->text(), u"mail.example.test"_s);
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::DomainPageId));
    QTest::keyClicks(child<QLineEdit>(m_wizard, u"domainLineEdit"_s), u"example.test"_s);
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::DnsRecordsPageId));
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::CertificatePageId));
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::MailboxPageId));
    QTest::keyClicks(child<QLineEdit>(m_wizard, u"localPartLineEdit"_s), u"carol"_s);
    QTest::keyClicks(child<QLineEdit>(m_wizard, u"passwordLineEdit"_s), u"not stored anywhere"_s);
    m_wizard->reject(); // closed half way

    openWizard();
    QCOMPARE(m_wizard->resumedFrom(), int(SetupWizard::MailboxPageId));
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::MailboxPageId));
    QCOMPARE(child<QLineEdit>(m_wizard, u"domainLineEdit"_s)->text(), u"example.test"_s);
    QCOMPARE(child<QLineEdit>(m_wizard, u"hostnameLineEdit"_s)->text(), u"mail.example.test"_s);
    QCOMPARE(child<QLabel>(m_wizard, u"mailboxDomainLabel"_s)->text(), u"@example.test"_s);
    // Entered values come back (the local part was saved when Next was
    // pressed, so it is empty here), the password never does.
    QVERIFY(child<QLineEdit>(m_wizard, u"passwordLineEdit"_s)->text().isEmpty());
    QSettings settings;
    const QStringList keys = settings.allKeys();
    for (const QString &key : keys)
        QVERIFY2(!settings.value(key).toString().contains(u"not stored anywhere"_s),
                 qPrintable(key));

    QTest::keyClicks(child<QLineEdit>(m_wizard, u"localPartLineEdit"_s), u"carol"_s);
    QTest::keyClicks(child<QLineEdit>(m_wizard, u"passwordLineEdit"_s), u"Resumed-Pass-2026!"_s);
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::SummaryPageId));
    QString out;
    QCOMPARE(m_daemon->ctl({u"mailbox"_s, u"list"_s}, &out), 0);
    QVERIFY2(out.contains(u"carol@example.test"_s), qPrintable(out));
    // The domain added before closing was not added a second time.
    const ipc::Reply domains = m_connection->client()->callAndWait(u"domain.list"_s, {}, 10000);
    QCOMPARE(domains.result.toObject().value(u"domains"_s).toArray().size(), 1);
}

void TestSetupWizard::mainWindowOpensWizardWithoutDomain() {
    m_connection->startDaemon();
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), app::DaemonConnection::State::Connected,
                              30000);
    {
        // Asked to offer it (as the app does), the window opens the wizard:
        // the daemon has no domain yet.
        app::MainWindow window(m_connection);
        window.setOfferSetupWizard(true);
        window.show();
        m_connection->client()->disconnectFrom();
        m_connection->client()->connectTo(m_daemon->socketPath());
        QTRY_VERIFY(window.setupWizard() && window.setupWizard()->isVisible());
        window.setupWizard()->reject();
    }
    QCOMPARE(m_daemon->ctl({u"domain"_s, u"add"_s, u"example.test"_s}), 0);
    {
        // With a domain, and not asked to offer it (as in tests), no wizard
        // until the menu asks for one.
        app::MainWindow window(m_connection);
        window.show();
        QTest::qWait(300);
        QVERIFY(!window.setupWizard());
        auto *action = child<QAction>(&window, u"setupWizardAction"_s);
        action->trigger();
        QVERIFY(window.setupWizard() && window.setupWizard()->isVisible());
        QCOMPARE(window.setupWizard()->currentId(), int(SetupWizard::WelcomePageId));
    }
    {
        // With a domain and nothing left half way, no offer either.
        app::MainWindow window(m_connection);
        window.setOfferSetupWizard(true);
        window.show();
        m_connection->client()->disconnectFrom();
        m_connection->client()->connectTo(m_daemon->socketPath());
        QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
        QTest::qWait(500);
        QVERIFY(!window.setupWizard());
    }
}

void TestSetupWizard::serviceChoiceNeedsInstalledSocket() {
    // The refusal can only be shown where no installed service runs (CI,
    // a developer machine without the .deb): say so instead of passing.
    QVERIFY2(!QFileInfo::exists(ipc::installedSocketPath()),
             "this test needs a machine without an installed mailsteadd service");
    openWizard();
    QTest::mouseClick(child<QPushButton>(m_wizard, u"startDaemonPushButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), app::DaemonConnection::State::Connected,
                              30000);
    QAbstractButton *next = m_wizard->button(QWizard::NextButton);
    QTRY_VERIFY(next->isEnabled());

    child<QRadioButton>(m_wizard, u"serviceModeRadioButton"_s)->setChecked(true);
    auto *label = child<QLabel>(m_wizard, u"connectionLabel"_s);
    QVERIFY2(label->text().contains(ipc::installedSocketPath()), qPrintable(label->text()));
    QVERIFY(!next->isEnabled());
    // The local daemon is left running: nothing to switch to.
    QVERIFY(m_connection->ownsDaemon());
    QVERIFY(!m_connection->usesInstalledService());
    QCOMPARE(m_connection->state(), app::DaemonConnection::State::Connected);

    child<QRadioButton>(m_wizard, u"localModeRadioButton"_s)->setChecked(true);
    QVERIFY(next->isEnabled());
    QVERIFY(clickNext());
    QVERIFY(reach(SetupWizard::HostnamePageId));
    QCOMPARE(app::AppSettings().daemonMode(), app::AppSettings::DaemonMode::Local);
}

QTEST_MAIN(TestSetupWizard)
#include "tst_setupwizard.moc"
