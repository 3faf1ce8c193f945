// tst_daemonconfigqueue.cpp - the [queue] section of mailsteadd.conf
//
// Covers daemon/core/DaemonConfigQueue: defaults, every key read, the sample
// config stating the defaults, and each bad value reported by name (what
// --check-config prints).

#include "core/DaemonConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;

class TestDaemonConfigQueue : public QObject {
    Q_OBJECT

private Q_SLOTS:
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

LoadedConfig TestDaemonConfigQueue::loadText(const QString &text) {
    const QString path = m_dir.filePath(u"queue-%1.conf"_s.arg(++m_fileCounter));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write the test config");
    file.write(text.toUtf8());
    file.close();
    return loadConfigFile(path);
}

void TestDaemonConfigQueue::defaults() {
    const QueueConfig queue = installedDefaults().queue;
    QCOMPARE(queue.maxAgeSeconds, 5 * 86400);
    QCOMPARE(queue.retryBaseSeconds, 300);
    QCOMPARE(queue.retryMaxSeconds, 4 * 3600);
    QCOMPARE(queue.maxConcurrency, 20);
    QCOMPARE(queue.maxDomainConcurrency, 4);
}

void TestDaemonConfigQueue::everyKey() {
    const LoadedConfig loaded = loadText(u"[queue]\n"
                                         "remote_port = 2525\n"
                                         "max_age = 2d\n"
                                         "retry_base = 1s\n"
                                         "retry_max = 2m\n"
                                         "max_concurrency = 5\n"
                                         "max_domain_concurrency = 2\n"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issues.value(0).toString()));
    QCOMPARE(loaded.config.queueRemotePort, 2525);
    QCOMPARE(loaded.config.queue.maxAgeSeconds, 2 * 86400);
    QCOMPARE(loaded.config.queue.retryBaseSeconds, 1);
    QCOMPARE(loaded.config.queue.retryMaxSeconds, 120);
    QCOMPARE(loaded.config.queue.maxConcurrency, 5);
    QCOMPARE(loaded.config.queue.maxDomainConcurrency, 2);
}

void TestDaemonConfigQueue::sampleStatesTheDefaults() {
    const LoadedConfig loaded = loadConfigFile(qEnvironmentVariable("MAILSTEAD_SOURCE_DIR") +
                                               u"/resources/mailsteadd.conf.sample"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issues.value(0).toString()));
    const QueueConfig defaults = installedDefaults().queue;
    QCOMPARE(loaded.config.queue.maxAgeSeconds, defaults.maxAgeSeconds);
    QCOMPARE(loaded.config.queue.retryBaseSeconds, defaults.retryBaseSeconds);
    QCOMPARE(loaded.config.queue.retryMaxSeconds, defaults.retryMaxSeconds);
    QCOMPARE(loaded.config.queue.maxConcurrency, defaults.maxConcurrency);
    QCOMPARE(loaded.config.queue.maxDomainConcurrency, defaults.maxDomainConcurrency);
}

void TestDaemonConfigQueue::badValues_data() {
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("issue");
    QTest::newRow("max_age too short")
        << u"max_age = 10m"_s << u"[queue] max_age: must be a duration of 1h..30d, not \"10m\""_s;
    QTest::newRow("max_age not a duration")
        << u"max_age = soon"_s << u"[queue] max_age: must be a duration of 1h..30d, not \"soon\""_s;
    QTest::newRow("retry_base zero")
        << u"retry_base = 0"_s << u"[queue] retry_base: must be a duration of 1s..1d, not \"0\""_s;
    QTest::newRow("retry_max below base")
        << u"retry_max = 1m"_s
        << u"[queue] retry_max: must not be shorter than retry_base (300s)"_s;
    QTest::newRow("max_concurrency zero")
        << u"max_concurrency = 0"_s
        << u"[queue] max_concurrency: must be a whole number 1..1000, not \"0\""_s;
    QTest::newRow("max_domain_concurrency too big")
        << u"max_domain_concurrency = 500"_s
        << u"[queue] max_domain_concurrency: must be a whole number 1..100, not \"500\""_s;
    QTest::newRow("unknown key") << u"relay_everything = yes"_s
                                 << u"[queue] relay_everything: unknown key"_s;
}

void TestDaemonConfigQueue::badValues() {
    QFETCH(QString, line);
    QFETCH(QString, issue);
    const LoadedConfig loaded = loadText(u"[queue]\n"_s + line + u'\n');
    QCOMPARE(loaded.issues.size(), 1);
    QCOMPARE(loaded.issues.first().toString(), issue);
}

QTEST_GUILESS_MAIN(TestDaemonConfigQueue)
#include "tst_daemonconfigqueue.moc"
