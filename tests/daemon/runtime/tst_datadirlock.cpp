// tst_datadirlock.cpp - one mailsteadd per data directory
//
// The competing daemon is this test binary started again with
// "--hold-lock DIR": it takes the lock, says "locked" and holds it until its
// stdin closes.
#include "core/DataDirLock.h"

#include <cstdio>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using mailstead::core::DataDirLock;

namespace {

int holdLock(const QString &dir) {
    DataDirLock lock;
    QString error;
    if (!lock.acquire(dir, &error)) {
        std::fprintf(stderr, "%s\n", error.toUtf8().constData());
        return 1;
    }
    std::printf("locked\n");
    std::fflush(stdout);
    char buffer[64];
    while (std::fread(buffer, 1, sizeof buffer, stdin) > 0) {
    }
    return 0;
}

} // namespace

class TestDataDirLock : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void acquireWritesPid();
    void secondLockInProcessIsRefused();
    void lockHeldByAnotherProcessNamesItsPid();
    void lockIsFreedWhenHolderExits();
    void missingDirectoryIsAnError();
    void releaseEmptiesTheFile();

private:
    bool startHolder(QProcess *process, const QString &dir);
};

bool TestDataDirLock::startHolder(QProcess *process, const QString &dir) {
    process->start(QCoreApplication::applicationFilePath(), {u"--hold-lock"_s, dir});
    if (!process->waitForStarted(5000) || !process->waitForReadyRead(10000))
        return false;
    return process->readAllStandardOutput().trimmed() == "locked";
}

void TestDataDirLock::acquireWritesPid() {
    QTemporaryDir dir;
    DataDirLock lock;
    QString error;
    QVERIFY2(lock.acquire(dir.path(), &error), qPrintable(error));
    QVERIFY(lock.isHeld());
    QCOMPARE(lock.lockFilePath(), dir.filePath(u"mailsteadd.lock"_s));
    QFile file(lock.lockFilePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().trimmed().toLongLong(), QCoreApplication::applicationPid());
}

void TestDataDirLock::secondLockInProcessIsRefused() {
    // flock(2) locks belong to the open file description, so even a second
    // DataDirLock in the same process is refused.
    QTemporaryDir dir;
    DataDirLock first;
    DataDirLock second;
    QString error;
    QVERIFY(first.acquire(dir.path(), &error));
    QVERIFY(!second.acquire(dir.path(), &error));
    QVERIFY(!second.isHeld());
    QCOMPARE(error, u"another mailsteadd (pid "_s +
                        QString::number(QCoreApplication::applicationPid()) +
                        u") is already using "_s + dir.path() +
                        u"; stop it first or choose another data_dir"_s);
    first.release();
    QVERIFY(second.acquire(dir.path(), &error));
}

void TestDataDirLock::lockHeldByAnotherProcessNamesItsPid() {
    QTemporaryDir dir;
    QProcess holder;
    QVERIFY(startHolder(&holder, dir.path()));

    DataDirLock lock;
    QString error;
    QVERIFY(!lock.acquire(dir.path(), &error));
    QCOMPARE(error, u"another mailsteadd (pid "_s + QString::number(holder.processId()) +
                        u") is already using "_s + dir.path() +
                        u"; stop it first or choose another data_dir"_s);

    holder.closeWriteChannel();
    QVERIFY(holder.waitForFinished(10000));
    QCOMPARE(holder.exitCode(), 0);
}

void TestDataDirLock::lockIsFreedWhenHolderExits() {
    QTemporaryDir dir;
    QProcess holder;
    QVERIFY(startHolder(&holder, dir.path()));
    holder.kill(); // no clean release: the kernel must drop the lock
    QVERIFY(holder.waitForFinished(10000));

    DataDirLock lock;
    QString error;
    QVERIFY2(lock.acquire(dir.path(), &error), qPrintable(error));
}

void TestDataDirLock::missingDirectoryIsAnError() {
    QTemporaryDir dir;
    DataDirLock lock;
    QString error;
    QVERIFY(!lock.acquire(dir.filePath(u"absent"_s), &error));
    QVERIFY2(
        error.startsWith(u"cannot open lock file "_s + dir.filePath(u"absent/mailsteadd.lock"_s)),
        qPrintable(error));
}

void TestDataDirLock::releaseEmptiesTheFile() {
    QTemporaryDir dir;
    DataDirLock lock;
    QString error;
    QVERIFY(lock.acquire(dir.path(), &error));
    lock.release();
    QVERIFY(!lock.isHeld());
    QCOMPARE(QFileInfo(dir.filePath(u"mailsteadd.lock"_s)).size(), 0);
}

int main(int argc, char *argv[]) {
    if (argc == 3 && qstrcmp(argv[1], "--hold-lock") == 0)
        return holdLock(QString::fromLocal8Bit(argv[2]));
    QCoreApplication app(argc, argv);
    TestDataDirLock test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_datadirlock.moc"
