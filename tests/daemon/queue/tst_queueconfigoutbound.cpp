// tst_queueconfigoutbound.cpp - the [queue] keys of mailsteadd.conf added for
// outbound mail: delay_warning and the smarthost
//
// Covers daemon/core/DaemonConfigQueue: defaults, every key read (the
// password from its file, never from the config), and each bad value
// reported under its name.

#include "core/DaemonConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;

class TestQueueConfigOutbound : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void everyKey();
    void ipv6AndDefaultPort();
    void badValues_data();
    void badValues();

private:
    LoadedConfig loadText(const QString &text);
    QString writeFile(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
    int m_fileCounter = 0;
};

QString TestQueueConfigOutbound::writeFile(const QString &name, const QByteArray &content) {
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

LoadedConfig TestQueueConfigOutbound::loadText(const QString &text) {
    return loadConfigFile(writeFile(u"queue-%1.conf"_s.arg(++m_fileCounter), text.toUtf8()));
}

void TestQueueConfigOutbound::defaults() {
    const QueueConfig queue = installedDefaults().queue;
    QCOMPARE(queue.delayWarningSeconds, 0); // off, as Postfix's delay_warning_time
    QVERIFY(queue.smarthostHost.isEmpty());
    QVERIFY(!queue.smarthostImplicitTls);
    QVERIFY(queue.smarthostDomains.isEmpty());
}

void TestQueueConfigOutbound::everyKey() {
    const QString password = writeFile(u"password"_s, "s3cret pass\nignored second line\n");
    const QString ca = writeFile(u"ca.pem"_s, "-----BEGIN CERTIFICATE-----\n");
    const LoadedConfig loaded = loadText(u"[queue]\n"
                                         "delay_warning = 4h\n"
                                         "smarthost = relay.isp.test:2525\n"
                                         "smarthost_tls = implicit\n"
                                         "smarthost_user = me@isp.test\n"
                                         "smarthost_password_file = "_s +
                                         password + u"\nsmarthost_ca_file = "_s + ca +
                                         u"\nsmarthost_domains = Example.test, other.test\n"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issues.value(0).toString()));
    const QueueConfig &queue = loaded.config.queue;
    QCOMPARE(queue.delayWarningSeconds, 4 * 3600);
    QCOMPARE(queue.smarthostHost, u"relay.isp.test"_s);
    QCOMPARE(queue.smarthostPort, 2525);
    QVERIFY(queue.smarthostImplicitTls);
    QCOMPARE(queue.smarthostUser, u"me@isp.test"_s);
    QCOMPARE(queue.smarthostPassword, u"s3cret pass"_s);
    QCOMPARE(queue.smarthostCaFile, ca);
    QCOMPARE(queue.smarthostDomains, QStringList({u"example.test"_s, u"other.test"_s}));
}

void TestQueueConfigOutbound::ipv6AndDefaultPort() {
    LoadedConfig loaded = loadText(u"[queue]\nsmarthost = [::1]:587\ndelay_warning = 0\n"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issues.value(0).toString()));
    QCOMPARE(loaded.config.queue.smarthostHost, u"::1"_s);
    QCOMPARE(loaded.config.queue.smarthostPort, 587);
    QCOMPARE(loaded.config.queue.delayWarningSeconds, 0);
    loaded = loadText(u"[queue]\nsmarthost = relay.isp.test\n"_s);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.config.queue.smarthostPort, 0); // 587 or 465 by smarthost_tls
}

void TestQueueConfigOutbound::badValues_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::newRow("delay too short") << u"delay_warning = 10s"_s << u"queue/delay_warning"_s;
    QTest::newRow("delay words") << u"delay_warning = soon"_s << u"queue/delay_warning"_s;
    QTest::newRow("port") << u"smarthost = relay.test:99999"_s << u"queue/smarthost"_s;
    QTest::newRow("port zero") << u"smarthost = relay.test:0"_s << u"queue/smarthost"_s;
    QTest::newRow("bracket") << u"smarthost = [::1"_s << u"queue/smarthost"_s;
    QTest::newRow("tls") << u"smarthost_tls = maybe"_s << u"queue/smarthost_tls"_s;
    QTest::newRow("user alone") << u"smarthost_user = me"_s << u"queue/smarthost_user"_s;
    QTest::newRow("no file") << u"smarthost_user = me\nsmarthost_password_file = /nonexistent/pw"_s
                             << u"queue/smarthost_password_file"_s;
    QTest::newRow("no ca") << u"smarthost_ca_file = /nonexistent/ca.pem"_s
                           << u"queue/smarthost_ca_file"_s;
}

void TestQueueConfigOutbound::badValues() {
    QFETCH(QString, text);
    QFETCH(QString, key);
    const LoadedConfig loaded = loadText(u"[queue]\n"_s + text + u"\n"_s);
    QVERIFY(!loaded.ok());
    QStringList keys;
    for (const ConfigIssue &issue : loaded.issues)
        keys.append(issue.key);
    QVERIFY2(keys.contains(key), qPrintable(keys.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestQueueConfigOutbound)
#include "tst_queueconfigoutbound.moc"
