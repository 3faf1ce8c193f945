// tst_daemonconfighttp.cpp - the [http] section of mailsteadd.conf
//
// Covers daemon/core/DaemonConfigHttp: defaults, every key read, the
// sample config stating the defaults, and each bad value reported by name
// (what --check-config prints).

#include "core/DaemonConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;

class TestDaemonConfigHttp : public QObject {
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

void TestDaemonConfigHttp::initTestCase() {
    QVERIFY(m_dir.isValid());
}

LoadedConfig TestDaemonConfigHttp::loadText(const QString &text) {
    const QString path = m_dir.filePath(u"http-%1.conf"_s.arg(++m_fileCounter));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write the test config");
    file.write(text.toUtf8());
    file.close();
    return loadConfigFile(path);
}

void TestDaemonConfigHttp::defaults() {
    const HttpConfig http = installedDefaults().http;
    QCOMPARE(http.mtaStsMode, MtaStsMode::Testing);
    QCOMPARE(http.mtaStsMaxAgeSeconds, qint64(604800));
    QCOMPARE(http.requestTimeoutSeconds, 10);
    QCOMPARE(http.maxConnections, 200);
    QCOMPARE(http.maxConnectionsPerIp, 20);
    QCOMPARE(mtaStsModeName(MtaStsMode::None), u"none"_s);
    QCOMPARE(mtaStsModeName(MtaStsMode::Enforce), u"enforce"_s);
}

void TestDaemonConfigHttp::everyKey() {
    const LoadedConfig loaded = loadText(u"[http]\n"
                                         "mta_sts_mode = enforce\n"
                                         "mta_sts_max_age = 24h\n"
                                         "request_timeout = 1m\n"
                                         "max_connections = 50\n"
                                         "max_connections_per_ip = 5\n"_s);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.config.http.mtaStsMode, MtaStsMode::Enforce);
    QCOMPARE(loaded.config.http.mtaStsMaxAgeSeconds, qint64(86400));
    QCOMPARE(loaded.config.http.requestTimeoutSeconds, 60);
    QCOMPARE(loaded.config.http.maxConnections, 50);
    QCOMPARE(loaded.config.http.maxConnectionsPerIp, 5);

    const LoadedConfig none = loadText(u"[http]\nmta_sts_mode = none\nmta_sts_max_age = 0\n"_s);
    QVERIFY(none.ok());
    QCOMPARE(none.config.http.mtaStsMode, MtaStsMode::None);
    QCOMPARE(none.config.http.mtaStsMaxAgeSeconds, qint64(0));
}

void TestDaemonConfigHttp::sampleStatesTheDefaults() {
    const LoadedConfig loaded = loadConfigFile(qEnvironmentVariable("MAILSTEAD_SOURCE_DIR") +
                                               u"/resources/mailsteadd.conf.sample"_s);
    QVERIFY(loaded.ok());
    const HttpConfig defaults;
    QCOMPARE(loaded.config.http.mtaStsMode, defaults.mtaStsMode);
    QCOMPARE(loaded.config.http.mtaStsMaxAgeSeconds, defaults.mtaStsMaxAgeSeconds);
    QCOMPARE(loaded.config.http.requestTimeoutSeconds, defaults.requestTimeoutSeconds);
    QCOMPARE(loaded.config.http.maxConnections, defaults.maxConnections);
    QCOMPARE(loaded.config.http.maxConnectionsPerIp, defaults.maxConnectionsPerIp);
}

void TestDaemonConfigHttp::badValues_data() {
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("key");
    QTest::newRow("mode") << u"mta_sts_mode = strict"_s << u"http/mta_sts_mode"_s;
    QTest::newRow("mode case") << u"mta_sts_mode = Enforce"_s << u"http/mta_sts_mode"_s;
    QTest::newRow("max_age over RFC 8461")
        << u"mta_sts_max_age = 31557601"_s << u"http/mta_sts_max_age"_s;
    QTest::newRow("max_age text") << u"mta_sts_max_age = a week"_s << u"http/mta_sts_max_age"_s;
    QTest::newRow("timeout zero") << u"request_timeout = 0"_s << u"http/request_timeout"_s;
    QTest::newRow("timeout too long") << u"request_timeout = 1h"_s << u"http/request_timeout"_s;
    QTest::newRow("connections zero") << u"max_connections = 0"_s << u"http/max_connections"_s;
    QTest::newRow("per ip text") << u"max_connections_per_ip = many"_s
                                 << u"http/max_connections_per_ip"_s;
    QTest::newRow("unknown key") << u"max_body = 1M"_s << u"http/max_body"_s;
}

void TestDaemonConfigHttp::badValues() {
    QFETCH(QString, line);
    QFETCH(QString, key);
    const LoadedConfig loaded = loadText(u"[http]\n"_s + line + u'\n');
    QCOMPARE(loaded.issues.size(), 1);
    QCOMPARE(loaded.issues.first().key, key);
    // The running default stays.
    QCOMPARE(loaded.config.http.mtaStsMode, HttpConfig().mtaStsMode);
}

QTEST_APPLESS_MAIN(TestDaemonConfigHttp)
#include "tst_daemonconfighttp.moc"
