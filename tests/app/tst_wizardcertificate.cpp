// tst_wizardcertificate.cpp - the wizard's certificate page against a real mailsteadd
//
// Importing files: a certificate for another name and a key that is not a
// key are refused by cert.import, each message shown beside the file it
// concerns, and the wizard stays; a certificate for the host name is
// installed and the wizard moves on. Let's Encrypt: the request needs a
// valid contact address and the agreement, and sends them with the CA
// chosen; the daemon keeps them (cert.status shows them) even when the CA
// cannot be reached, whose error the page then shows.
#include "PageTestSupport.h"
#include "supervision/DaemonConnection.h"
#include "TestDaemon.h"
#include "wizard/CertificatePage.h"
#include "wizard/SetupWizard.h"
#include "wizard/WizardProgress.h"

#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using app::SetupWizard;
using test::child;

class TestWizardCertificate : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void importErrorsBesideTheirFile();
    void letsEncryptNeedsAddressAndAgreement();

private:
    // A self-signed certificate for name and its key, as PEM files in the temporary directory.
    void makeCertificate(const QString &name);
    void clickNext();

    QTemporaryDir m_dir;
    test::TestDaemon *m_daemon = nullptr;
    app::DaemonConnection *m_connection = nullptr;
    SetupWizard *m_wizard = nullptr;
};

void TestWizardCertificate::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toLocal8Bit());
    QCoreApplication::setOrganizationName(u"mailstead-test"_s);
    QCoreApplication::setApplicationName(u"tst_wizardcertificate"_s);
}

void TestWizardCertificate::init() {
    QSettings().clear();
    m_daemon = new test::TestDaemon;
    QVERIFY2(m_daemon->start(), qPrintable(m_daemon->output()));
    QCOMPARE(m_daemon->ctl({u"domain"_s, u"add"_s, u"example.test"_s}), 0);
    qputenv("MAILSTEAD_SOCKET", m_daemon->socketPath().toLocal8Bit());
    m_connection = new app::DaemonConnection;
    m_connection->setAutoStart(false);
    m_connection->start();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
    app::WizardProgress progress;
    progress.setPage(SetupWizard::CertificatePageId);
    progress.setValue(u"domain"_s, u"example.test"_s);
    progress.setValue(u"added_domain"_s, u"example.test"_s);
    m_wizard = new SetupWizard(m_connection);
    m_wizard->show();
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::CertificatePageId));
}

void TestWizardCertificate::cleanup() {
    delete m_wizard;
    m_wizard = nullptr;
    delete m_connection;
    delete m_daemon;
    qunsetenv("MAILSTEAD_SOCKET");
}

void TestWizardCertificate::makeCertificate(const QString &name) {
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                   u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-days"_s, u"30"_s, u"-subj"_s,
                   u"/CN="_s + name, u"-addext"_s, u"subjectAltName=DNS:"_s + name, u"-keyout"_s,
                   m_dir.filePath(name + u".key"_s), u"-out"_s, m_dir.filePath(name + u".pem"_s)});
    QVERIFY(openssl.waitForFinished(30000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAll().constData());
}

void TestWizardCertificate::clickNext() {
    QAbstractButton *next = m_wizard->button(QWizard::NextButton);
    QTRY_VERIFY(next->isEnabled());
    QTest::mouseClick(next, Qt::LeftButton);
}

void TestWizardCertificate::importErrorsBesideTheirFile() {
    makeCertificate(u"other.example"_s);
    makeCertificate(u"mail.example.test"_s);
    // On the indicator: a radio button takes clicks on its circle and text only.
    auto *importRadio = child<QRadioButton>(m_wizard, u"importRadioButton"_s);
    QTest::mouseClick(importRadio, Qt::LeftButton, {}, QPoint(8, importRadio->height() / 2));
    auto *chain = child<QLineEdit>(m_wizard, u"chainFileLineEdit"_s);
    auto *key = child<QLineEdit>(m_wizard, u"keyFileLineEdit"_s);
    auto *chainError = child<QLabel>(m_wizard, u"chainFileErrorLabel"_s);
    auto *keyError = child<QLabel>(m_wizard, u"keyFileErrorLabel"_s);
    QVERIFY(importRadio->isChecked());
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled()); // no files yet

    // A certificate that does not cover the host name.
    chain->setText(m_dir.filePath(u"other.example.pem"_s));
    key->setText(m_dir.filePath(u"other.example.key"_s));
    clickNext();
    QTRY_VERIFY(chainError->isVisible());
    QVERIFY2(chainError->text().contains(u"mail.example.test"_s), qPrintable(chainError->text()));
    QVERIFY(!keyError->isVisible());
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::CertificatePageId));

    // The right certificate with a file that holds no key.
    chain->setText(m_dir.filePath(u"mail.example.test.pem"_s));
    key->setText(m_dir.filePath(u"other.example.pem"_s));
    clickNext();
    QTRY_VERIFY(keyError->isVisible());
    QVERIFY(!keyError->text().isEmpty());
    QVERIFY(!chainError->isVisible());
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::CertificatePageId));

    // A file that cannot be read: said before asking the daemon.
    key->setText(m_dir.filePath(u"missing.key"_s));
    clickNext();
    QVERIFY(keyError->isVisible());
    QVERIFY(keyError->text().contains(u"missing.key"_s));

    key->setText(m_dir.filePath(u"mail.example.test.key"_s));
    clickNext();
    QTRY_COMPARE(m_wizard->currentId(), int(SetupWizard::MailboxPageId));
    const ipc::Reply status = m_daemon->call(u"cert.status"_s);
    // Ours: 30 days (the daemon's own are issued for longer); being
    // self-signed, the daemon reports it as such.
    const QJsonObject cert = status.result.toObject();
    QVERIFY2(cert.value(u"days_left"_s).toInt() <= 30, QJsonDocument(cert).toJson().constData());
    QCOMPARE(cert.value(u"names"_s).toArray().first().toString(), u"mail.example.test"_s);
}

void TestWizardCertificate::letsEncryptNeedsAddressAndAgreement() {
    QTest::mouseClick(child<QRadioButton>(m_wizard, u"letsEncryptRadioButton"_s), Qt::LeftButton);
    auto *request = child<QPushButton>(m_wizard, u"requestCertificatePushButton"_s);
    auto *email = child<QLineEdit>(m_wizard, u"acmeEmailLineEdit"_s);
    auto *terms = child<QCheckBox>(m_wizard, u"acmeTermsCheckBox"_s);
    QVERIFY(!request->isEnabled());
    // Until a certificate is issued, Next stays off.
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());
    QTest::keyClicks(email, u"not an address"_s);
    terms->setChecked(true);
    QVERIFY(!request->isEnabled());
    email->clear();
    QTest::keyClicks(email, u"admin@example.test"_s);
    QVERIFY(request->isEnabled());
    terms->setChecked(false);
    QVERIFY(!request->isEnabled());
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());

    // Requested: the daemon keeps address and CA; the test CA is not
    // reachable from here, so the request fails with the daemon's error.
    terms->setChecked(true);
    child<QCheckBox>(m_wizard, u"acmeStagingCheckBox"_s)->setChecked(true);
    QTest::mouseClick(request, Qt::LeftButton);
    QVERIFY(!request->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(request->isEnabled(), 60000);
    auto *progress = child<QPlainTextEdit>(m_wizard, u"acmeProgressPlainTextEdit"_s);
    QVERIFY2(progress->toPlainText().split(u'\n').size() > 1, qPrintable(progress->toPlainText()));
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());
    const ipc::Reply status = m_daemon->call(u"cert.status"_s);
    QVERIFY(status.ok);
    const QJsonObject acme = status.result.toObject().value(u"acme"_s).toObject();
    QCOMPARE(acme.value(u"email"_s).toString(), u"admin@example.test"_s);
    QCOMPARE(acme.value(u"directory"_s).toString(), app::CertificatePage::stagingDirectory());
}

QTEST_MAIN(TestWizardCertificate)
#include "tst_wizardcertificate.moc"
