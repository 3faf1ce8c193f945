// tst_daemonconfigsubmission.cpp - the [submission] section of mailsteadd.conf
//
// Covers daemon/core/DaemonConfigSubmission: defaults, every key read, the
// sample config stating the defaults, and each bad value reported by name.

#include "core/DaemonConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;

class TestDaemonConfigSubmission : public QObject {
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

LoadedConfig TestDaemonConfigSubmission::loadText(const QString &text) {
    const QString path = m_dir.filePath(u"submission-%1.conf"_s.arg(++m_fileCounter));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write the test config");
    file.write(text.toUtf8());
    file.close();
    return loadConfigFile(path);
}

void TestDaemonConfigSubmission::defaults() {
    const SubmissionConfig submission = installedDefaults().submission;
    QCOMPARE(submission.maxAuthFailures, 3);
    QCOMPARE(submission.mailboxMessagesPerHour, 200);
    QCOMPARE(submission.mailboxRecipientsPerDay, 2000);
    QCOMPARE(submission.domainMessagesPerHour, 2000);
    QCOMPARE(submission.domainRecipientsPerDay, 20000);
}

void TestDaemonConfigSubmission::everyKey() {
    const LoadedConfig loaded = loadText(u"[submission]\n"
                                         "max_auth_failures = 5\n"
                                         "mailbox_messages_per_hour = 0\n"
                                         "mailbox_recipients_per_day = 7\n"
                                         "domain_messages_per_hour = 30\n"
                                         "domain_recipients_per_day = 400\n"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issues.value(0).toString()));
    const SubmissionConfig &submission = loaded.config.submission;
    QCOMPARE(submission.maxAuthFailures, 5);
    QCOMPARE(submission.mailboxMessagesPerHour, 0);
    QCOMPARE(submission.mailboxRecipientsPerDay, 7);
    QCOMPARE(submission.domainMessagesPerHour, 30);
    QCOMPARE(submission.domainRecipientsPerDay, 400);
}

void TestDaemonConfigSubmission::sampleStatesTheDefaults() {
    const LoadedConfig loaded = loadConfigFile(qEnvironmentVariable("MAILSTEAD_SOURCE_DIR") +
                                               u"/resources/mailsteadd.conf.sample"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issues.value(0).toString()));
    const SubmissionConfig defaults = installedDefaults().submission;
    const SubmissionConfig &sample = loaded.config.submission;
    QCOMPARE(sample.maxAuthFailures, defaults.maxAuthFailures);
    QCOMPARE(sample.mailboxMessagesPerHour, defaults.mailboxMessagesPerHour);
    QCOMPARE(sample.mailboxRecipientsPerDay, defaults.mailboxRecipientsPerDay);
    QCOMPARE(sample.domainMessagesPerHour, defaults.domainMessagesPerHour);
    QCOMPARE(sample.domainRecipientsPerDay, defaults.domainRecipientsPerDay);
}

void TestDaemonConfigSubmission::badValues_data() {
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("issue");
    QTest::newRow("max_auth_failures zero")
        << u"max_auth_failures = 0"_s
        << u"[submission] max_auth_failures: must be a whole number 1..100, not \"0\""_s;
    QTest::newRow("max_auth_failures words")
        << u"max_auth_failures = many"_s
        << u"[submission] max_auth_failures: must be a whole number 1..100, not \"many\""_s;
    QTest::newRow("negative rate")
        << u"mailbox_messages_per_hour = -1"_s
        << u"[submission] mailbox_messages_per_hour: must be a whole number 0..10000000, "
           "not \"-1\""_s;
    QTest::newRow("rate too big")
        << u"domain_recipients_per_day = 99999999999"_s
        << u"[submission] domain_recipients_per_day: must be a whole number 0..10000000, "
           "not \"99999999999\""_s;
    QTest::newRow("unknown key") << u"messages_per_minute = 3"_s
                                 << u"[submission] messages_per_minute: unknown key"_s;
}

void TestDaemonConfigSubmission::badValues() {
    QFETCH(QString, line);
    QFETCH(QString, issue);
    const LoadedConfig loaded = loadText(u"[submission]\n"_s + line + u'\n');
    QCOMPARE(loaded.issues.size(), 1);
    QCOMPARE(loaded.issues.first().toString(), issue);
}

QTEST_GUILESS_MAIN(TestDaemonConfigSubmission)
#include "tst_daemonconfigsubmission.moc"
