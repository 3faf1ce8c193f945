// tst_daemonconfigdns.cpp - the [dns] section of mailsteadd.conf
//
// Covers daemon/core/DaemonConfigDns: defaults, every key read, the sample
// config stating the defaults, and each bad value reported by name (what
// --check-config prints).

#include "core/DaemonConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;

class TestDaemonConfigDns : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaults();
    void everyKey();
    void sampleStatesTheDefaults();
    void badValues_data();
    void badValues();

private:
    LoadedConfig loadText(const QString &text);

    QTemporaryDir m_dir;
    int m_fileCounter = 0;
};

void TestDaemonConfigDns::initTestCase() {
    QVERIFY(m_dir.isValid());
}

LoadedConfig TestDaemonConfigDns::loadText(const QString &text) {
    const QString path = m_dir.filePath(u"dns-%1.conf"_s.arg(++m_fileCounter));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write the test config");
    file.write(text.toUtf8());
    file.close();
    return loadConfigFile(path);
}

void TestDaemonConfigDns::defaults() {
    const DnsConfig dns = installedDefaults().dns;
    QVERIFY(dns.publicAddresses.isEmpty());
    QCOMPARE(dns.queryTimeoutSeconds, 8);
    QCOMPARE(dns.maxAnswers, 64);
    QCOMPARE(dns.maxConcurrentQueries, 256);
    QCOMPARE(dns.trustAnchor, u"/usr/share/dns/root.key"_s);
}

void TestDaemonConfigDns::everyKey() {
    const LoadedConfig loaded = loadText(u"[dns]\n"
                                         "servers = 127.0.0.1@5353\n"
                                         "public_addresses = 198.18.0.25, 2001:2::25 198.18.0.25\n"
                                         "timeout = 3s\n"
                                         "max_answers = 10\n"
                                         "max_concurrent_queries = 20\n"
                                         "trust_anchor =\n"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issues.value(0).toString()));
    QCOMPARE(loaded.config.dnsServers, QStringList{u"127.0.0.1@5353"_s});
    QCOMPARE(loaded.config.dns.publicAddresses, (QStringList{u"198.18.0.25"_s, u"2001:2::25"_s}));
    QCOMPARE(loaded.config.dns.queryTimeoutSeconds, 3);
    QCOMPARE(loaded.config.dns.maxAnswers, 10);
    QCOMPARE(loaded.config.dns.maxConcurrentQueries, 20);
    QCOMPARE(loaded.config.dns.trustAnchor, QString()); // validation off
    const QString anchor = m_dir.filePath(u"anchor.key"_s);
    QFile file(anchor);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("signed.test. IN DS 1 13 2 "
               "0000000000000000000000000000000000000000000000000000000000000000\n");
    file.close();
    const LoadedConfig withAnchor = loadText(u"[dns]\ntrust_anchor = "_s + anchor + u'\n');
    QVERIFY2(withAnchor.ok(), qPrintable(withAnchor.issues.value(0).toString()));
    QCOMPARE(withAnchor.config.dns.trustAnchor, anchor);
}

void TestDaemonConfigDns::sampleStatesTheDefaults() {
    const LoadedConfig loaded = loadConfigFile(qEnvironmentVariable("MAILSTEAD_SOURCE_DIR") +
                                               u"/resources/mailsteadd.conf.sample"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issues.value(0).toString()));
    const DnsConfig defaults = installedDefaults().dns;
    QCOMPARE(loaded.config.dns.publicAddresses, defaults.publicAddresses);
    QCOMPARE(loaded.config.dns.queryTimeoutSeconds, defaults.queryTimeoutSeconds);
    QCOMPARE(loaded.config.dns.maxAnswers, defaults.maxAnswers);
    QCOMPARE(loaded.config.dns.maxConcurrentQueries, defaults.maxConcurrentQueries);
}

void TestDaemonConfigDns::badValues_data() {
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("issue");
    QTest::newRow("not an address") << u"public_addresses = mail.example.test"_s
                                    << u"[dns] public_addresses: \"mail.example.test\" is not a "
                                       u"public IP address of this server"_s;
    QTest::newRow("loopback") << u"public_addresses = 127.0.0.1"_s
                              << u"[dns] public_addresses: \"127.0.0.1\" is not a public IP "
                                 u"address of this server"_s;
    QTest::newRow("wildcard") << u"public_addresses = 0.0.0.0"_s
                              << u"[dns] public_addresses: \"0.0.0.0\" is not a public IP address "
                                 u"of this server"_s;
    QTest::newRow("timeout zero") << u"timeout = 0"_s
                                  << u"[dns] timeout: must be a duration of 1s..60s (\"8\", "
                                     u"\"8s\"), not \"0\""_s;
    QTest::newRow("timeout too long") << u"timeout = 2m"_s
                                      << u"[dns] timeout: must be a duration of 1s..60s (\"8\", "
                                         u"\"8s\"), not \"2m\""_s;
    QTest::newRow("max_answers zero")
        << u"max_answers = 0"_s
        << u"[dns] max_answers: must be a whole number 1..1000, not \"0\""_s;
    QTest::newRow("max_concurrent_queries text")
        << u"max_concurrent_queries = many"_s
        << u"[dns] max_concurrent_queries: must be a whole number 1..10000, not \"many\""_s;
    QTest::newRow("trust_anchor missing")
        << u"trust_anchor = /nonexistent/root.key"_s
        << u"[dns] trust_anchor: \"/nonexistent/root.key\" is not a readable file (DS or DNSKEY "
           u"records; empty turns DNSSEC validation off)"_s;
    QTest::newRow("unknown key") << u"resolver = 1.1.1.1"_s << u"[dns] resolver: unknown key"_s;
}

void TestDaemonConfigDns::badValues() {
    QFETCH(QString, line);
    QFETCH(QString, issue);
    const LoadedConfig loaded = loadText(u"[dns]\n"_s + line + u'\n');
    QCOMPARE(loaded.issues.size(), 1);
    QCOMPARE(loaded.issues.first().toString(), issue);
}

QTEST_GUILESS_MAIN(TestDaemonConfigDns)
#include "tst_daemonconfigdns.moc"
