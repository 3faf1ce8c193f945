// tst_daemonconfig.cpp - mailsteadd.conf parsing, validation and defaults
//
// Table-driven: every bad key or value must be reported under its own name,
// and a file with many problems must report all of them.
#include "core/DaemonConfig.h"
#include "ipc/IpcClient.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;

namespace {

QStringList issueStrings(const QList<ConfigIssue> &issues) {
    QStringList result;
    for (const ConfigIssue &issue : issues)
        result << issue.toString();
    return result;
}

} // namespace

class TestDaemonConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void serviceNamesAndPorts();
    void installedDefaultsFollowDesign();
    void localModeUsesXdgDirectories();
    void localModeFallsBackToHome();
    void sampleConfigIsValid();
    void validFileOverridesDefaults();
    void smtpSection();
    void durations_data();
    void durations();
    void badValueIsReportedByName_data();
    void badValueIsReportedByName();
    void structuralIssue_data();
    void structuralIssue();
    void everyIssueIsReported();
    void commentsAndBlankLines();
    void hashAfterValueIsNotAComment();
    void emptyListenTurnsServiceOff();
    void listenValue_data();
    void listenValue();
    void listenValueErrors_data();
    void listenValueErrors();
    void listenAddressSharedByTwoServices();
    void dnsServers();
    void commaSeparatedValuesAreJoined();
    void caFileMustExist();
    void missingFileIsAnIssue();
    void issueToString();

private:
    LoadedConfig loadText(const QString &text);

    QTemporaryDir m_dir;
    int m_fileCounter = 0;
    QHash<QByteArray, QByteArray> m_savedEnv;
};

void TestDaemonConfig::initTestCase() {
    QVERIFY(m_dir.isValid());
}

void TestDaemonConfig::init() {
    for (const char *name : {"XDG_DATA_HOME", "XDG_RUNTIME_DIR", "HOME", "MAILSTEAD_SOCKET"})
        m_savedEnv.insert(name, qgetenv(name));
}

void TestDaemonConfig::cleanup() {
    for (auto it = m_savedEnv.cbegin(); it != m_savedEnv.cend(); ++it) {
        if (it.value().isNull())
            qunsetenv(it.key().constData());
        else
            qputenv(it.key().constData(), it.value());
    }
}

LoadedConfig TestDaemonConfig::loadText(const QString &text) {
    const QString path = m_dir.filePath(u"test-%1.conf"_s.arg(++m_fileCounter));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write the test config");
    file.write(text.toUtf8());
    file.close();
    return loadConfigFile(path);
}

void TestDaemonConfig::serviceNamesAndPorts() {
    const QList<Service> services = allServices();
    QCOMPARE(services.size(), serviceCount);
    QStringList names;
    QList<quint16> ports;
    for (Service service : services) {
        names << serviceName(service);
        ports << serviceDefaultPort(service);
    }
    QCOMPARE(names, QStringList({u"smtp"_s, u"submission"_s, u"submissions"_s, u"imap"_s,
                                 u"imaps"_s, u"pop3"_s, u"pop3s"_s, u"http"_s, u"https"_s}));
    QCOMPARE(ports, QList<quint16>({25, 587, 465, 143, 993, 110, 995, 80, 443}));
}

void TestDaemonConfig::installedDefaultsFollowDesign() {
    const DaemonConfig config = installedDefaults();
    QVERIFY(!config.localMode);
    QVERIFY(config.configFile.isEmpty());
    QVERIFY(!config.hostname.isEmpty());
    QCOMPARE(config.dataDir, u"/var/lib/mailstead"_s);
    QCOMPARE(config.maxConnections, 2000);
    QCOMPARE(config.maxConnectionsPerIp, 100);
    QCOMPARE(config.adminSocket, u"/run/mailstead/admin.sock"_s);
    QCOMPARE(config.adminGroup, u"mailstead-admin"_s);
    QCOMPARE(config.queueRemotePort, quint16(25));
    QCOMPARE(config.acmeDirectory, u"https://acme-v02.api.letsencrypt.org/directory"_s);
    QCOMPARE(config.logLevel, u"info"_s);
    QVERIFY(config.dnsServers.isEmpty());
    for (Service service : allServices()) {
        QCOMPARE(config.listenFor(service).size(), 1);
        QCOMPARE(config.listenFor(service).constFirst().host, u"0.0.0.0"_s);
        QCOMPARE(config.listenFor(service).constFirst().port, serviceDefaultPort(service));
    }
}

void TestDaemonConfig::localModeUsesXdgDirectories() {
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(u"data"_s)));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_dir.filePath(u"run"_s)));
    qunsetenv("MAILSTEAD_SOCKET");

    const DaemonConfig config = localModeDefaults();
    QVERIFY(config.localMode);
    QVERIFY(config.configFile.isEmpty());
    QCOMPARE(config.dataDir, m_dir.filePath(u"data/mailstead"_s));
    QCOMPARE(config.adminSocket, m_dir.filePath(u"run/mailstead/admin.sock"_s));
    QCOMPARE(config.adminSocket, mailstead::ipc::localModeSocketPath());
    const QList<quint16> expected = {10025, 10587, 10465, 10143, 10993, 10110, 10995, 10080, 10443};
    for (Service service : allServices()) {
        QCOMPARE(config.listenFor(service).size(), 1);
        QCOMPARE(config.listenFor(service).constFirst().host, u"127.0.0.1"_s);
        QCOMPARE(config.listenFor(service).constFirst().port, expected.at(int(service)));
    }
    QVERIFY(config.hostname == u"localhost"_s || config.hostname.contains(u'.'));
}

void TestDaemonConfig::localModeFallsBackToHome() {
    qputenv("HOME", QFile::encodeName(m_dir.filePath(u"home"_s)));
    qunsetenv("XDG_DATA_HOME");
    QCOMPARE(localModeDefaults().dataDir, m_dir.filePath(u"home/.local/share/mailstead"_s));

    // XDG Base Directory: a relative value is invalid and ignored.
    qputenv("XDG_DATA_HOME", "relative/data");
    QCOMPARE(localModeDefaults().dataDir, m_dir.filePath(u"home/.local/share/mailstead"_s));
}

void TestDaemonConfig::sampleConfigIsValid() {
    const LoadedConfig loaded = loadConfigFile(QStringLiteral(MAILSTEAD_SOURCE_DIR) +
                                               u"/resources/mailsteadd.conf.sample"_s);
    QVERIFY2(loaded.ok(), qPrintable(issueStrings(loaded.issues).join(u'\n')));
    QCOMPARE(loaded.config.hostname, u"mail.example.test"_s);
    QCOMPARE(loaded.config.listenFor(Service::Https).constFirst().port, quint16(443));
    QVERIFY(loaded.config.acmeEmail.isEmpty());
    QCOMPARE(loaded.config.acmeRenewalCheckSeconds, DaemonConfig().acmeRenewalCheckSeconds);
    QVERIFY(loaded.config.dnsServers.isEmpty());
    // The sample states the defaults.
    const SmtpConfig defaults;
    QCOMPARE(loaded.config.smtp.maxMessageSize, defaults.maxMessageSize);
    QCOMPARE(loaded.config.smtp.maxRecipients, defaults.maxRecipients);
    QCOMPARE(loaded.config.smtp.maxLineLength, defaults.maxLineLength);
    QCOMPARE(loaded.config.smtp.recipientDelimiter, defaults.recipientDelimiter);
    QCOMPARE(loaded.config.smtp.commandTimeoutSeconds, defaults.commandTimeoutSeconds);
    QCOMPARE(loaded.config.smtp.dataTimeoutSeconds, defaults.dataTimeoutSeconds);
    QCOMPARE(loaded.config.smtp.maxErrors, defaults.maxErrors);
    QCOMPARE(loaded.config.smtp.maxConnections, defaults.maxConnections);
    QCOMPARE(loaded.config.smtp.maxConnectionsPerIp, defaults.maxConnectionsPerIp);
}

void TestDaemonConfig::smtpSection() {
    const LoadedConfig loaded = loadText(u"[smtp]\n"
                                         "max_message_size = 10MiB\n"
                                         "max_recipients = 500\n"
                                         "max_line_length = 2000\n"
                                         "recipient_delimiter = +-\n"
                                         "command_timeout = 5m\n"
                                         "data_timeout = 20\n"
                                         "max_errors = 3\n"
                                         "max_connections = 50\n"
                                         "max_connections_per_ip = 5\n"_s);
    QVERIFY2(loaded.ok(), qPrintable(issueStrings(loaded.issues).join(u'\n')));
    const SmtpConfig &smtp = loaded.config.smtp;
    QCOMPARE(smtp.maxMessageSize, qint64(10) * 1024 * 1024);
    QCOMPARE(smtp.maxRecipients, 500);
    QCOMPARE(smtp.maxLineLength, 2000);
    QCOMPARE(smtp.recipientDelimiter, u"+-"_s);
    QCOMPARE(smtp.commandTimeoutSeconds, 300);
    QCOMPARE(smtp.dataTimeoutSeconds, 20);
    QCOMPARE(smtp.maxErrors, 3);
    QCOMPARE(smtp.maxConnections, 50);
    QCOMPARE(smtp.maxConnectionsPerIp, 5);

    // An empty delimiter turns plus-addressing off.
    QCOMPARE(loadText(u"[smtp]\nrecipient_delimiter =\n"_s).config.smtp.recipientDelimiter,
             QString());
}

void TestDaemonConfig::durations_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("plain") << u"300"_s << qint64(300);
    QTest::newRow("s") << u"300s"_s << qint64(300);
    QTest::newRow("m") << u"5m"_s << qint64(300);
    QTest::newRow("M") << u"5M"_s << qint64(300);
    QTest::newRow("h") << u"1h"_s << qint64(3600);
    QTest::newRow("blanks") << u" 20s "_s << qint64(20);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("unit only") << u"s"_s << qint64(-1);
    QTest::newRow("negative") << u"-5"_s << qint64(-1);
    QTest::newRow("fraction") << u"1.5m"_s << qint64(-1);
    QTest::newRow("days") << u"1d"_s << qint64(86400);
    QTest::newRow("overflow") << u"99999999999999999999h"_s << qint64(-1);
}

void TestDaemonConfig::durations() {
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    QCOMPARE(parseDurationSeconds(text), seconds);
}

void TestDaemonConfig::validFileOverridesDefaults() {
    const QString caFile = m_dir.filePath(u"ca.pem"_s);
    QFile ca(caFile);
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.close();

    const LoadedConfig loaded = loadText(u"[general]\n"
                                         "hostname = Mail.Example.TEST\n"
                                         "data_dir = /srv/mailstead/\n"
                                         "max_connections = 12000\n"
                                         "max_connections_per_ip = 50\n"
                                         "[listen]\n"
                                         "smtp = 127.0.0.1:2525 [::1]:2525\n"
                                         "imap = localhost:0\n"
                                         "[admin]\n"
                                         "socket = /tmp/ms/admin.sock\n"
                                         "group = wheel\n"
                                         "[dns]\n"
                                         "servers = 127.0.0.1@5353\n"
                                         "[queue]\n"
                                         "remote_port = 2526\n"
                                         "[acme]\n"
                                         "directory = http://localhost:14000/dir\n"
                                         "email = admin@example.test\n"
                                         "renewal_check = 90s\n"
                                         "ca_file = "_s +
                                         caFile + u"\n[log]\nlevel = debug\n"_s);
    QVERIFY2(loaded.ok(), qPrintable(issueStrings(loaded.issues).join(u'\n')));
    const DaemonConfig &config = loaded.config;
    QCOMPARE(config.configFile, m_dir.filePath(u"test-%1.conf"_s.arg(m_fileCounter)));
    QCOMPARE(config.hostname, u"mail.example.test"_s);
    QCOMPARE(config.dataDir, u"/srv/mailstead"_s);
    QCOMPARE(config.maxConnections, 12000);
    QCOMPARE(config.maxConnectionsPerIp, 50);
    QCOMPARE(config.listenFor(Service::Smtp).size(), 2);
    QCOMPARE(config.listenFor(Service::Smtp).at(1).host, u"::1"_s);
    QCOMPARE(config.listenFor(Service::Imap).constFirst().host, u"localhost"_s);
    QCOMPARE(config.listenFor(Service::Imap).constFirst().port, quint16(0));
    // Keys that are not in the file keep their defaults.
    QCOMPARE(config.listenFor(Service::Pop3).constFirst().port, quint16(110));
    QCOMPARE(config.adminSocket, u"/tmp/ms/admin.sock"_s);
    QCOMPARE(config.adminGroup, u"wheel"_s);
    QCOMPARE(config.dnsServers, QStringList{u"127.0.0.1@5353"_s});
    QCOMPARE(config.queueRemotePort, quint16(2526));
    QCOMPARE(config.acmeDirectory, u"http://localhost:14000/dir"_s);
    QCOMPARE(config.acmeEmail, u"admin@example.test"_s);
    QCOMPARE(config.acmeCaFile, caFile);
    QCOMPARE(config.acmeRenewalCheckSeconds, 90);
    QCOMPARE(config.logLevel, u"debug"_s);
}

void TestDaemonConfig::badValueIsReportedByName_data() {
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("fragment");

    QTest::newRow("hostname invalid")
        << u"general"_s << u"hostname"_s << u"bad_host!"_s << u"not a valid host name"_s;
    QTest::newRow("hostname empty")
        << u"general"_s << u"hostname"_s << QString() << u"must not be empty"_s;
    QTest::newRow("hostname literal")
        << u"general"_s << u"hostname"_s << u"[127.0.0.1]"_s << u"not a valid host name"_s;
    QTest::newRow("data_dir relative")
        << u"general"_s << u"data_dir"_s << u"var/lib"_s << u"absolute path"_s;
    QTest::newRow("data_dir empty")
        << u"general"_s << u"data_dir"_s << QString() << u"absolute path"_s;
    QTest::newRow("max_connections zero")
        << u"general"_s << u"max_connections"_s << u"0"_s << u"must be a whole number 1..1000000"_s;
    QTest::newRow("max_connections text")
        << u"general"_s << u"max_connections"_s << u"many"_s << u"must be a whole number"_s;
    QTest::newRow("max_connections_per_ip too large")
        << u"general"_s << u"max_connections_per_ip"_s << u"1000001"_s << u"1..1000000"_s;
    QTest::newRow("smtp port") << u"listen"_s << u"smtp"_s << u"1.2.3.4:70000"_s
                               << u"port must be 0..65535"_s;
    QTest::newRow("submission port text")
        << u"listen"_s << u"submission"_s << u"1.2.3.4:x"_s << u"port must be 0..65535"_s;
    QTest::newRow("imap bare v6") << u"listen"_s << u"imap"_s << u"::1:143"_s << u"need brackets"_s;
    QTest::newRow("pop3 no port") << u"listen"_s << u"pop3"_s << u"127.0.0.1"_s
                                  << u"expected host:port"_s;
    QTest::newRow("http bad host") << u"listen"_s << u"http"_s << u"bad_host:80"_s
                                   << u"neither an IP address nor a host name"_s;
    QTest::newRow("https no host") << u"listen"_s << u"https"_s << u":443"_s << u"missing host"_s;
    QTest::newRow("imaps v4 in brackets")
        << u"listen"_s << u"imaps"_s << u"[10.0.0.1]:993"_s << u"not an IPv6 address"_s;
    QTest::newRow("pop3s listed twice")
        << u"listen"_s << u"pop3s"_s << u"127.0.0.1:995 127.0.0.1:995"_s << u"listed twice"_s;
    QTest::newRow("socket relative")
        << u"admin"_s << u"socket"_s << u"run/admin.sock"_s << u"absolute path"_s;
    QTest::newRow("socket too long") << u"admin"_s << u"socket"_s << u"/"_s + QString(120, u'a')
                                     << u"too long for a local socket"_s;
    QTest::newRow("group") << u"admin"_s << u"group"_s << u"bad group"_s
                           << u"not a valid group name"_s;
    QTest::newRow("dns not ip") << u"dns"_s << u"servers"_s << u"dns.example"_s
                                << u"is not an IP address"_s;
    QTest::newRow("dns port") << u"dns"_s << u"servers"_s << u"127.0.0.1@70000"_s
                              << u"port must be 1..65535"_s;
    QTest::newRow("dns port zero")
        << u"dns"_s << u"servers"_s << u"127.0.0.1@0"_s << u"port must be 1..65535"_s;
    QTest::newRow("remote_port zero") << u"queue"_s << u"remote_port"_s << u"0"_s << u"1..65535"_s;
    QTest::newRow("remote_port big")
        << u"queue"_s << u"remote_port"_s << u"65536"_s << u"1..65535"_s;
    QTest::newRow("remote_port text")
        << u"queue"_s << u"remote_port"_s << u"smtp"_s << u"1..65535"_s;
    QTest::newRow("acme ftp") << u"acme"_s << u"directory"_s << u"ftp://acme.example/dir"_s
                              << u"https:// or http:// URL"_s;
    QTest::newRow("acme not url") << u"acme"_s << u"directory"_s << u"acme server"_s
                                  << u"https:// or http:// URL"_s;
    QTest::newRow("acme empty") << u"acme"_s << u"directory"_s << QString()
                                << u"https:// or http:// URL"_s;
    QTest::newRow("email no at") << u"acme"_s << u"email"_s << u"postmaster"_s
                                 << u"not a mail address"_s;
    QTest::newRow("email no domain")
        << u"acme"_s << u"email"_s << u"postmaster@"_s << u"not a mail address"_s;
    QTest::newRow("renewal_check zero")
        << u"acme"_s << u"renewal_check"_s << u"0s"_s << u"1s..1d"_s;
    QTest::newRow("renewal_check long")
        << u"acme"_s << u"renewal_check"_s << u"2d"_s << u"1s..1d"_s;
    QTest::newRow("ca_file missing")
        << u"acme"_s << u"ca_file"_s << u"/nonexistent/ca.pem"_s << u"not a readable file"_s;
    QTest::newRow("log level") << u"log"_s << u"level"_s << u"verbose"_s
                               << u"debug, info, warning, error"_s;
    QTest::newRow("message size unit")
        << u"smtp"_s << u"max_message_size"_s << u"50 megabytes"_s << u"1K..4G"_s;
    QTest::newRow("message size tiny")
        << u"smtp"_s << u"max_message_size"_s << u"50"_s << u"1K..4G"_s;
    QTest::newRow("message size huge")
        << u"smtp"_s << u"max_message_size"_s << u"5G"_s << u"1K..4G"_s;
    QTest::newRow("recipients zero") << u"smtp"_s << u"max_recipients"_s << u"0"_s << u"1..10000"_s;
    QTest::newRow("recipients text")
        << u"smtp"_s << u"max_recipients"_s << u"many"_s << u"1..10000"_s;
    QTest::newRow("line length short")
        << u"smtp"_s << u"max_line_length"_s << u"10"_s << u"78..1000000"_s;
    QTest::newRow("delimiter at") << u"smtp"_s << u"recipient_delimiter"_s << u"@"_s
                                  << u"characters out of"_s;
    QTest::newRow("delimiter letter")
        << u"smtp"_s << u"recipient_delimiter"_s << u"x"_s << u"characters out of"_s;
    QTest::newRow("command timeout zero")
        << u"smtp"_s << u"command_timeout"_s << u"0"_s << u"duration of 1s..3600s"_s;
    QTest::newRow("command timeout unit")
        << u"smtp"_s << u"command_timeout"_s << u"5 minutes"_s << u"duration"_s;
    QTest::newRow("data timeout long")
        << u"smtp"_s << u"data_timeout"_s << u"3h"_s << u"duration of 1s..7200s"_s;
    QTest::newRow("max errors zero") << u"smtp"_s << u"max_errors"_s << u"0"_s << u"1..1000"_s;
    QTest::newRow("connections negative")
        << u"smtp"_s << u"max_connections"_s << u"-1"_s << u"1..100000"_s;
    QTest::newRow("per ip zero") << u"smtp"_s << u"max_connections_per_ip"_s << u"0"_s
                                 << u"1..100000"_s;
}

void TestDaemonConfig::badValueIsReportedByName() {
    QFETCH(QString, section);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, fragment);

    const LoadedConfig loaded =
        loadText(u'[' + section + u"]\n"_s + key + u" = "_s + value + u'\n');
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.issues.size(), 1);
    const ConfigIssue &issue = loaded.issues.constFirst();
    QCOMPARE(issue.key, section + u'/' + key);
    QVERIFY2(issue.message.contains(fragment), qPrintable(issue.message));
    QVERIFY2(issue.toString().startsWith(u'[' + section + u"] "_s + key + u": "_s),
             qPrintable(issue.toString()));
}

void TestDaemonConfig::structuralIssue_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("unknown key") << u"[general]\nhostnmae = mail.example.test\n"_s
                                 << u"[general] hostnmae: unknown key"_s;
    QTest::newRow("unknown listen key")
        << u"[listen]\nsmtps = 0.0.0.0:465\n"_s << u"[listen] smtps: unknown key"_s;
    QTest::newRow("unknown smtp key")
        << u"[smtp]\nmax_message_sise = 10M\n"_s << u"[smtp] max_message_sise: unknown key"_s;
    QTest::newRow("duplicate key") << u"[listen]\nsmtp = 127.0.0.1:25\nsmtp = 127.0.0.1:26\n"_s
                                   << u"[listen] smtp: set twice (lines 2 and 3)"_s;
    QTest::newRow("unknown section")
        << u"[tls]\ncert = /x\nkey = /y\n"_s << u"line 1: unknown section [tls]"_s;
    QTest::newRow("not key value")
        << u"[general]\nhostname mail.example.test\n"_s
        << u"line 2: expected \"key = value\", found: hostname mail.example.test"_s;
    QTest::newRow("key outside section")
        << u"hostname = localhost\n"_s << u"line 1: key \"hostname\" before any [section]"_s;
    QTest::newRow("broken header")
        << u"[general\n"_s << u"line 1: malformed section header: [general"_s;
    QTest::newRow("junk after header")
        << u"[general] x\n"_s << u"line 1: malformed section header: [general] x"_s;
    QTest::newRow("missing key") << u"[log]\n = debug\n"_s << u"line 2: missing key before '='"_s;
    QTest::newRow("crlf line ends") << u"[log]\r\nlevel = debug\r\nlevel = info\r\n"_s
                                    << u"[log] level: set twice (lines 2 and 3)"_s;
}

void TestDaemonConfig::structuralIssue() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const LoadedConfig loaded = loadText(text);
    QCOMPARE(issueStrings(loaded.issues), QStringList{expected});
}

void TestDaemonConfig::everyIssueIsReported() {
    const LoadedConfig loaded = loadText(u"[general]\n"
                                         "hostnmae = mail.example.test\n"
                                         "data_dir = relative\n"
                                         "what is this\n"
                                         "[listen]\n"
                                         "smtp = 0.0.0.0:99999\n"
                                         "imap = ::1:143\n"
                                         "[admin]\n"
                                         "socket = admin.sock\n"
                                         "[queue]\n"
                                         "remote_port = 0\n"
                                         "[log]\n"
                                         "level = loud\n"
                                         "[extra]\n"
                                         "x = y\n"_s);
    QStringList keys;
    for (const ConfigIssue &issue : loaded.issues)
        keys << issue.key;
    keys.sort();
    QCOMPARE(keys, QStringList({u"admin/socket"_s, u"general/data_dir"_s, u"general/hostnmae"_s,
                                u"line 14"_s, u"line 4"_s, u"listen/imap"_s, u"listen/smtp"_s,
                                u"log/level"_s, u"queue/remote_port"_s}));
}

void TestDaemonConfig::commentsAndBlankLines() {
    const LoadedConfig loaded = loadText(u"; leading comment\n"
                                         "# hash comment\n"
                                         "\n"
                                         "[general]          ; comment after a header\n"
                                         "   hostname   =   mail.example.test   ; inline comment\n"
                                         "\t\n"
                                         "[listen]\n"
                                         "; smtp = not:parsed\n"
                                         "smtp =             ; empty = off\n"
                                         "[acme]\n"
                                         "email = \"ops@example.test\" ; quoted value\n"_s);
    QVERIFY2(loaded.ok(), qPrintable(issueStrings(loaded.issues).join(u'\n')));
    QCOMPARE(loaded.config.hostname, u"mail.example.test"_s);
    QVERIFY(loaded.config.listenFor(Service::Smtp).isEmpty());
    QCOMPARE(loaded.config.acmeEmail, u"ops@example.test"_s);
}

void TestDaemonConfig::hashAfterValueIsNotAComment() {
    // QSettings would read data_dir as "/srv/mail # old path".
    const LoadedConfig loaded = loadText(u"[general]\ndata_dir = /srv/mail # old path\n"_s);
    QCOMPARE(issueStrings(loaded.issues),
             QStringList{u"[general] data_dir: '#' after a value is not a comment; use ';'"_s});
}

void TestDaemonConfig::emptyListenTurnsServiceOff() {
    const LoadedConfig loaded = loadText(u"[listen]\nsmtp =\npop3 = \n"_s);
    QVERIFY(loaded.ok());
    QVERIFY(loaded.config.listenFor(Service::Smtp).isEmpty());
    QVERIFY(loaded.config.listenFor(Service::Pop3).isEmpty());
    QCOMPARE(loaded.config.listenFor(Service::Imap).size(), 1);
}

void TestDaemonConfig::listenValue_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("addresses"); // ListenAddress::toString()
    QTest::addColumn<QStringList>("hosts");

    QTest::newRow("ipv4") << u"127.0.0.1:25"_s << QStringList{u"127.0.0.1:25"_s}
                          << QStringList{u"127.0.0.1"_s};
    QTest::newRow("any") << u"0.0.0.0:587"_s << QStringList{u"0.0.0.0:587"_s}
                         << QStringList{u"0.0.0.0"_s};
    QTest::newRow("ipv6 loopback")
        << u"[::1]:25"_s << QStringList{u"[::1]:25"_s} << QStringList{u"::1"_s};
    QTest::newRow("ipv6 any") << u"[::]:143"_s << QStringList{u"[::]:143"_s}
                              << QStringList{u"::"_s};
    QTest::newRow("port zero") << u"127.0.0.1:0"_s << QStringList{u"127.0.0.1:0"_s}
                               << QStringList{u"127.0.0.1"_s};
    QTest::newRow("max port") << u"127.0.0.1:65535"_s << QStringList{u"127.0.0.1:65535"_s}
                              << QStringList{u"127.0.0.1"_s};
    QTest::newRow("localhost") << u"localhost:10025"_s << QStringList{u"localhost:10025"_s}
                               << QStringList{u"localhost"_s};
    QTest::newRow("two") << u"0.0.0.0:25   [::]:25"_s << QStringList{u"0.0.0.0:25"_s, u"[::]:25"_s}
                         << QStringList{u"0.0.0.0"_s, u"::"_s};
    QTest::newRow("comma") << u"127.0.0.1:25, [::1]:25"_s
                           << QStringList{u"127.0.0.1:25"_s, u"[::1]:25"_s}
                           << QStringList{u"127.0.0.1"_s, u"::1"_s};
    QTest::newRow("two port zero")
        << u"127.0.0.1:0 127.0.0.1:0"_s << QStringList{u"127.0.0.1:0"_s, u"127.0.0.1:0"_s}
        << QStringList{u"127.0.0.1"_s, u"127.0.0.1"_s};
    QTest::newRow("empty") << QString() << QStringList() << QStringList();
    QTest::newRow("blank") << u"   "_s << QStringList() << QStringList();
}

void TestDaemonConfig::listenValue() {
    QFETCH(QString, value);
    QFETCH(QStringList, addresses);
    QFETCH(QStringList, hosts);

    QList<ConfigIssue> issues;
    const QList<ListenAddress> parsed = parseListenValue(value, u"listen/smtp"_s, &issues);
    QVERIFY2(issues.isEmpty(), qPrintable(issueStrings(issues).join(u'\n')));
    QStringList texts;
    QStringList parsedHosts;
    for (const ListenAddress &address : parsed) {
        texts << address.toString();
        parsedHosts << address.host;
    }
    QCOMPARE(texts, addresses);
    QCOMPARE(parsedHosts, hosts);
}

void TestDaemonConfig::listenValueErrors_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("issueCount");
    QTest::addColumn<int>("validCount");

    QTest::newRow("negative port") << u"127.0.0.1:-1"_s << 1 << 0;
    QTest::newRow("port overflow") << u"127.0.0.1:65536"_s << 1 << 0;
    QTest::newRow("unclosed bracket") << u"[::1:25"_s << 1 << 0;
    QTest::newRow("bracket no port") << u"[::1]"_s << 1 << 0;
    QTest::newRow("empty port") << u"127.0.0.1:"_s << 1 << 0;
    QTest::newRow("bad v4") << u"300.1.1.1:25"_s << 1 << 0;
    QTest::newRow("one good one bad") << u"127.0.0.1:25 127.0.0.1:x"_s << 1 << 1;
    QTest::newRow("two bad") << u"a:b c"_s << 2 << 0;
}

void TestDaemonConfig::listenValueErrors() {
    QFETCH(QString, value);
    QFETCH(int, issueCount);
    QFETCH(int, validCount);

    QList<ConfigIssue> issues;
    const QList<ListenAddress> parsed = parseListenValue(value, u"listen/imap"_s, &issues);
    QCOMPARE(issues.size(), issueCount);
    QCOMPARE(parsed.size(), validCount);
    for (const ConfigIssue &issue : std::as_const(issues))
        QCOMPARE(issue.key, u"listen/imap"_s);
}

void TestDaemonConfig::listenAddressSharedByTwoServices() {
    const LoadedConfig loaded =
        loadText(u"[listen]\nsmtp = 127.0.0.1:2525\nsubmission = 127.0.0.1:2525\n"_s);
    QCOMPARE(issueStrings(loaded.issues),
             QStringList{u"[listen] submission: 127.0.0.1:2525 is also used by smtp"_s});
}

void TestDaemonConfig::dnsServers() {
    const LoadedConfig loaded =
        loadText(u"[dns]\nservers = 127.0.0.1@5353 ::1 [::1]@53 192.0.2.1\n"_s);
    QVERIFY2(loaded.ok(), qPrintable(issueStrings(loaded.issues).join(u'\n')));
    QCOMPARE(loaded.config.dnsServers,
             QStringList({u"127.0.0.1@5353"_s, u"::1"_s, u"[::1]@53"_s, u"192.0.2.1"_s}));

    const LoadedConfig bad =
        loadText(u"[dns]\nservers = 127.0.0.1@x resolver.example 192.0.2.1\n"_s);
    QCOMPARE(bad.issues.size(), 2);
    QCOMPARE(bad.config.dnsServers, QStringList{u"192.0.2.1"_s});
}

void TestDaemonConfig::commaSeparatedValuesAreJoined() {
    // QSettings returns "a, b" as a list; it must still validate as text.
    const LoadedConfig loaded = loadText(u"[dns]\nservers = 192.0.2.1, 192.0.2.2@5353\n"_s);
    QVERIFY2(loaded.ok(), qPrintable(issueStrings(loaded.issues).join(u'\n')));
    QCOMPARE(loaded.config.dnsServers, QStringList({u"192.0.2.1"_s, u"192.0.2.2@5353"_s}));

    const LoadedConfig email = loadText(u"[acme]\nemail = a@example.test, b@example.test\n"_s);
    QCOMPARE(
        issueStrings(email.issues),
        QStringList{u"[acme] email: \"a@example.test, b@example.test\" is not a mail address"_s});
}

void TestDaemonConfig::caFileMustExist() {
    const LoadedConfig directory = loadText(u"[acme]\nca_file = "_s + m_dir.path() + u'\n');
    QCOMPARE(directory.issues.size(), 1);
    QCOMPARE(directory.issues.constFirst().key, u"acme/ca_file"_s);

    const LoadedConfig empty = loadText(u"[acme]\nca_file =\n"_s);
    QVERIFY(empty.ok());
    QVERIFY(empty.config.acmeCaFile.isEmpty());
}

void TestDaemonConfig::missingFileIsAnIssue() {
    const LoadedConfig loaded = loadConfigFile(m_dir.filePath(u"absent.conf"_s));
    QCOMPARE(loaded.issues.size(), 1);
    QVERIFY(loaded.issues.constFirst().key.isEmpty());
    QVERIFY(loaded.issues.constFirst().toString().startsWith(u"cannot read "_s));
}

void TestDaemonConfig::issueToString() {
    QCOMPARE((ConfigIssue{u"listen/smtp"_s, u"bad"_s}.toString()), u"[listen] smtp: bad"_s);
    QCOMPARE((ConfigIssue{u"general/hostname"_s, u"bad"_s}.toString()),
             u"[general] hostname: bad"_s);
    QCOMPARE((ConfigIssue{u"line 12"_s, u"junk"_s}.toString()), u"line 12: junk"_s);
    QCOMPARE((ConfigIssue{QString(), u"cannot read x"_s}.toString()), u"cannot read x"_s);
    QCOMPARE((ListenAddress{u"::1"_s, 25}.toString()), u"[::1]:25"_s);
    QCOMPARE((ListenAddress{u"127.0.0.1"_s, 0}.toString()), u"127.0.0.1:0"_s);
}

QTEST_GUILESS_MAIN(TestDaemonConfig)
#include "tst_daemonconfig.moc"
