// tst_wizarddnschecks.cpp - the wizard's DNS checks against a real name server
//
// nsd serves example.test and the reverse zone of 198.18.0.25 (RFC 2544's
// benchmarking range) on a free loopback port; the daemon forwards its
// queries there ([dns] servers). The zone has the host name's A record and
// PTR right, the MX right, an SPF record that does not allow the server and
// no DMARC record. The host name page and the DNS records page must show
// exactly that, per row; the host name page also before any domain exists
// (dns.check without a domain).
#include "PageTestSupport.h"
#include "supervision/DaemonConnection.h"
#include "TestDaemon.h"
#include "wizard/DnsRecordsPage.h"
#include "wizard/DnsStatus.h"
#include "wizard/SetupWizard.h"
#include "wizard/WizardProgress.h"

#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

using namespace Qt::StringLiterals;
using namespace mailstead;
using app::SetupWizard;
using test::child;

namespace {

const QByteArray forwardZone =
    "$ORIGIN example.test.\n$TTL 300\n"
    "@ IN SOA ns.example.test. admin.example.test. 1 3600 600 86400 300\n"
    "@ IN NS ns.example.test.\n"
    "ns IN A 198.18.0.53\n"
    "@ IN MX 10 mail.example.test.\n"
    "@ IN TXT \"v=spf1 ip4:192.0.2.1 -all\"\n"
    "mail IN A 198.18.0.25\n";
const QByteArray reverseZone =
    "$ORIGIN 0.18.198.in-addr.arpa.\n$TTL 300\n"
    "@ IN SOA ns.example.test. admin.example.test. 1 3600 600 86400 300\n"
    "@ IN NS ns.example.test.\n"
    "25 IN PTR mail.example.test.\n";

} // namespace

class TestWizardDnsChecks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void hostnamePageChecksAddressAndPtr();
    void hostnamePageChecksBeforeAnyDomain();
    void dnsRecordsPageShowsStatusPerRecord();

private:
    void openWizardAt(int pageId);
    QString statusOf(QTableWidget *table, const QString &name, const QString &type,
                     int statusColumn, int nameColumn, int typeColumn);

    QTemporaryDir m_dir;
    QProcess m_nsd;
    quint16 m_nsdPort = 0;
    test::TestDaemon *m_daemon = nullptr;
    app::DaemonConnection *m_connection = nullptr;
    SetupWizard *m_wizard = nullptr;
};

void TestWizardDnsChecks::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toLocal8Bit());
    QCoreApplication::setOrganizationName(u"mailstead-test"_s);
    QCoreApplication::setApplicationName(u"tst_wizarddnschecks"_s);
    const QString dir = m_dir.path();
    QStringList zones;
    for (const auto &[zone, text] : {std::pair{u"example.test"_s, forwardZone},
                                     std::pair{u"0.18.198.in-addr.arpa"_s, reverseZone}}) {
        QFile file(m_dir.filePath(zone + u".zone"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        zones += {u"zone:"_s, u"    name: "_s + zone, u"    zonefile: "_s + zone + u".zone"_s};
    }
    // A port free for UDP may be taken for TCP (or by the time nsd binds
    // it): nsd then exits, and the next attempt takes another port.
    QString failures;
    for (int attempt = 0; attempt < 5; ++attempt) {
        {
            QUdpSocket probe;
            QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
            m_nsdPort = probe.localPort();
        }
        QStringList conf = {u"server:"_s,
                            u"    ip-address: 127.0.0.1@%1"_s.arg(m_nsdPort),
                            u"    username: \"\""_s,
                            u"    chroot: \"\""_s,
                            u"    zonesdir: \"%1\""_s.arg(dir),
                            u"    database: \"\""_s,
                            u"    zonelistfile: \"%1/zone.list\""_s.arg(dir),
                            u"    xfrdfile: \"%1/xfrd.state\""_s.arg(dir),
                            u"    xfrdir: \"%1\""_s.arg(dir),
                            u"    pidfile: \"%1/nsd.pid\""_s.arg(dir),
                            u"    logfile: \"%1/nsd.log\""_s.arg(dir),
                            u"    server-count: 1"_s,
                            u"    do-ip6: no"_s,
                            u"remote-control:"_s,
                            u"    control-enable: no"_s};
        QFile confFile(m_dir.filePath(u"nsd.conf"_s));
        QVERIFY(confFile.open(QIODevice::WriteOnly));
        confFile.write((conf + zones).join(u'\n').toUtf8() + '\n');
        confFile.close();
        QFile::remove(m_dir.filePath(u"nsd.pid"_s));
        m_nsd.setProcessChannelMode(QProcess::MergedChannels);
        m_nsd.start(u"/usr/sbin/nsd"_s, {u"-d"_s, u"-c"_s, confFile.fileName()});
        QVERIFY2(m_nsd.waitForStarted(10000), qPrintable(m_nsd.errorString()));
        QTest::qWaitFor(
            [this] {
                return QFile::exists(m_dir.filePath(u"nsd.pid"_s)) ||
                       m_nsd.state() == QProcess::NotRunning;
            },
            30000);
        if (m_nsd.state() == QProcess::Running && QFile::exists(m_dir.filePath(u"nsd.pid"_s)))
            return;
        m_nsd.kill();
        m_nsd.waitForFinished(10000);
        QFile log(m_dir.filePath(u"nsd.log"_s));
        if (log.open(QIODevice::ReadOnly))
            failures += QString::fromUtf8(log.readAll());
        failures += QString::fromUtf8(m_nsd.readAll());
    }
    QFAIL(qPrintable(u"nsd did not start: "_s + failures));
}

void TestWizardDnsChecks::cleanupTestCase() {
    m_nsd.terminate();
    if (!m_nsd.waitForFinished(10000))
        m_nsd.kill();
}

void TestWizardDnsChecks::init() {
    QSettings().clear();
    m_daemon = new test::TestDaemon;
    QFile config(m_daemon->configPath());
    QVERIFY(config.open(QIODevice::Append));
    config.write(u"\n[dns]\nservers = 127.0.0.1@%1\ntrust_anchor =\npublic_addresses = "
                 "198.18.0.25\n"_s.arg(m_nsdPort)
                     .toUtf8());
    config.close();
    QVERIFY2(m_daemon->start(), qPrintable(m_daemon->output()));
    if (qstrcmp(QTest::currentTestFunction(), "hostnamePageChecksBeforeAnyDomain") != 0)
        QCOMPARE(m_daemon->ctl({u"domain"_s, u"add"_s, u"example.test"_s}), 0);
    qputenv("MAILSTEAD_SOCKET", m_daemon->socketPath().toLocal8Bit());
    m_connection = new app::DaemonConnection;
    m_connection->setAutoStart(false);
    m_connection->start();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
}

void TestWizardDnsChecks::cleanup() {
    delete m_wizard;
    m_wizard = nullptr;
    delete m_connection;
    delete m_daemon;
    qunsetenv("MAILSTEAD_SOCKET");
}

void TestWizardDnsChecks::openWizardAt(int pageId) {
    app::WizardProgress progress;
    progress.setPage(pageId);
    progress.setValue(u"domain"_s, u"example.test"_s);
    progress.setValue(u"added_domain"_s, u"example.test"_s);
    m_wizard = new SetupWizard(m_connection);
    m_wizard->show();
    QCOMPARE(m_wizard->currentId(), pageId);
}

QString TestWizardDnsChecks::statusOf(QTableWidget *table, const QString &name, const QString &type,
                                      int statusColumn, int nameColumn, int typeColumn) {
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, nameColumn)->text() == name &&
            table->item(row, typeColumn)->text() == type)
            return table->item(row, statusColumn)->text();
    }
    return u"(no row %1 %2)"_s.arg(name, type);
}

void TestWizardDnsChecks::hostnamePageChecksAddressAndPtr() {
    openWizardAt(SetupWizard::HostnamePageId);
    auto *table = child<QTableWidget>(m_wizard, u"hostnameCheckTableWidget"_s);
    auto *state = child<QLabel>(m_wizard, u"hostnameCheckStateLabel"_s);
    QTest::mouseClick(child<QPushButton>(m_wizard, u"checkHostnamePushButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(u"mail.example.test"_s), 60000);
    QVERIFY(table->rowCount() >= 2);
    QCOMPARE(statusOf(table, u"mail.example.test"_s, u"A"_s, 0, 1, 2), app::dnsStatusText(u"ok"_s));
    QCOMPARE(statusOf(table, u"25.0.18.198.in-addr.arpa"_s, u"PTR"_s, 0, 1, 2),
             app::dnsStatusText(u"ok"_s));
}

void TestWizardDnsChecks::hostnamePageChecksBeforeAnyDomain() {
    openWizardAt(SetupWizard::HostnamePageId);
    auto *table = child<QTableWidget>(m_wizard, u"hostnameCheckTableWidget"_s);
    auto *state = child<QLabel>(m_wizard, u"hostnameCheckStateLabel"_s);
    QVERIFY(table->isHidden());
    QTest::mouseClick(child<QPushButton>(m_wizard, u"checkHostnamePushButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(u"mail.example.test"_s), 60000);
    QVERIFY(table->isVisible());
    // Only the server's own rows: the A record and the PTR of 198.18.0.25.
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(statusOf(table, u"mail.example.test"_s, u"A"_s, 0, 1, 2), app::dnsStatusText(u"ok"_s));
    QCOMPARE(statusOf(table, u"25.0.18.198.in-addr.arpa"_s, u"PTR"_s, 0, 1, 2),
             app::dnsStatusText(u"ok"_s));
    QVERIFY(!table->item(0, 0)->icon().isNull());
    QVERIFY(table->item(1, 0)->toolTip().contains(u"resolves back"_s));
    QVERIFY(child<QPushButton>(m_wizard, u"checkHostnamePushButton"_s)->isEnabled());
}

void TestWizardDnsChecks::dnsRecordsPageShowsStatusPerRecord() {
    openWizardAt(SetupWizard::DnsRecordsPageId);
    auto *table = child<QTableWidget>(m_wizard, u"dnsRecordsTableWidget"_s);
    QTRY_VERIFY(table->rowCount() > 5);
    QCOMPARE(statusOf(table, u"example.test"_s, u"MX"_s, 0, 1, 2), QString()); // not checked yet
    auto *page = child<app::DnsRecordsPage>(m_wizard, u"dnsRecordsWizardPage"_s);
    QSignalSpy checked(page, &app::DnsRecordsPage::checkFinished);
    QTest::mouseClick(child<QPushButton>(m_wizard, u"dnsCheckPushButton"_s), Qt::LeftButton);
    QVERIFY(checked.wait(60000));
    QCOMPARE(statusOf(table, u"example.test"_s, u"MX"_s, 0, 1, 2), app::dnsStatusText(u"ok"_s));
    QCOMPARE(statusOf(table, u"mail.example.test"_s, u"A"_s, 0, 1, 2), app::dnsStatusText(u"ok"_s));
    QCOMPARE(statusOf(table, u"example.test"_s, u"TXT"_s, 0, 1, 2),
             app::dnsStatusText(u"different"_s));
    QCOMPARE(statusOf(table, u"_dmarc.example.test"_s, u"TXT"_s, 0, 1, 2),
             app::dnsStatusText(u"missing"_s));
    QVERIFY(!table->item(0, 0)->icon().isNull());
    QVERIFY(child<QLabel>(m_wizard, u"dnsStateLabel"_s)->text().contains(u"missing"_s));
}

QTEST_MAIN(TestWizardDnsChecks)
#include "tst_wizarddnschecks.moc"
