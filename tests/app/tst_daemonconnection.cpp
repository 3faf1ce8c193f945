// tst_daemonconnection.cpp - starting, watching and stopping a child daemon
//
// The child is a small shell script standing in for mailsteadd: it prints
// log lines and exits cleanly on SIGTERM, which is all DaemonConnection
// relies on. Nothing here listens on the admin socket.
#include "supervision/DaemonConnection.h"
#include "supervision/DaemonLocator.h"
#include "TestDaemon.h"

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;

class TestDaemonConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void locatorPrefersBuildTree();
    void startsAndStopsChild();
    void stopDaemonAndWaitOnQuit();
    void connectsWhenChildIsReady();
    void missingProgramIsReported();
    void restartsRealDaemon();

private:
    QString writeScript(const QString &name, const QByteArray &body);

    QTemporaryDir *m_dir = nullptr;
};

void TestDaemonConnection::init() {
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    // The client must not find a real daemon while these tests run.
    qputenv("MAILSTEAD_SOCKET", m_dir->filePath(u"none.sock"_s).toLocal8Bit());
    qputenv("XDG_RUNTIME_DIR", m_dir->path().toLocal8Bit());
}

void TestDaemonConnection::cleanup() {
    delete m_dir;
    qunsetenv("MAILSTEAD_SOCKET");
}

QString TestDaemonConnection::writeScript(const QString &name, const QByteArray &body) {
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write("#!/bin/sh\n" + body);
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

void TestDaemonConnection::locatorPrefersBuildTree() {
    QDir root(m_dir->path());
    QVERIFY(root.mkpath(u"build/app"_s));
    QVERIFY(root.mkpath(u"build/daemon"_s));
    const QString appDir = m_dir->filePath(u"build/app"_s);
    QCOMPARE(app::daemonExecutableCandidates(appDir).first(),
             m_dir->filePath(u"build/daemon/mailsteadd"_s));

    const QString nextToApp = writeScript(u"build/app/mailsteadd"_s, "exit 0\n");
    QCOMPARE(app::findDaemonExecutable(appDir), nextToApp);
    const QString inBuildTree = writeScript(u"build/daemon/mailsteadd"_s, "exit 0\n");
    QCOMPARE(app::findDaemonExecutable(appDir), inBuildTree);
}

void TestDaemonConnection::startsAndStopsChild() {
    const QString script =
        writeScript(u"fake-daemon"_s, "trap 'echo \"INFO runtime: stopping\"; exit 0' TERM\n"
                                      "echo 'INFO runtime: starting'\n"
                                      "while true; do sleep 0.05; done\n");
    app::DaemonConnection connection;
    connection.setAutoStart(false);
    connection.setDaemonProgram(script);
    QSignalSpy log(&connection, &app::DaemonConnection::logLine);
    QSignalSpy running(&connection, &app::DaemonConnection::childRunningChanged);

    QVERIFY(!connection.ownsDaemon());
    QVERIFY(connection.startDaemon());
    QTRY_COMPARE(running.size(), 1);
    QCOMPARE(running.at(0).at(0).toBool(), true);
    QVERIFY(connection.ownsDaemon());
    QTRY_VERIFY(std::any_of(log.cbegin(), log.cend(), [](const QList<QVariant> &args) {
        return args.at(0).toString() == u"INFO runtime: starting"_s;
    }));

    connection.stopDaemon();
    QTRY_COMPARE(running.size(), 2);
    QCOMPARE(running.at(1).at(0).toBool(), false);
    QVERIFY(!connection.ownsDaemon());
    QStringList lines;
    for (const QList<QVariant> &args : std::as_const(log))
        lines.append(args.at(0).toString());
    QVERIFY2(lines.contains(u"INFO runtime: stopping"_s), qPrintable(lines.join(u'\n')));
    QVERIFY2(lines.contains(u"mailsteadd exited with status 0."_s), qPrintable(lines.join(u'\n')));
}

void TestDaemonConnection::stopDaemonAndWaitOnQuit() {
    const QString marker = m_dir->filePath(u"stopped"_s);
    const QString script = writeScript(u"fake-daemon"_s, "trap 'touch \"" + marker.toLocal8Bit() +
                                                             "\"; exit 0' TERM\n"
                                                             "echo ready\n"
                                                             "while true; do sleep 0.05; done\n");
    app::DaemonConnection connection;
    connection.setAutoStart(false);
    connection.setDaemonProgram(script);
    QSignalSpy running(&connection, &app::DaemonConnection::childRunningChanged);
    QSignalSpy log(&connection, &app::DaemonConnection::logLine);
    QVERIFY(connection.startDaemon());
    QTRY_COMPARE(running.size(), 1);
    // "ready" comes after the trap is installed, as with the real daemon.
    QTRY_VERIFY(std::any_of(log.cbegin(), log.cend(), [](const QList<QVariant> &args) {
        return args.at(0).toString() == u"ready"_s;
    }));

    connection.stopDaemonAndWait();
    QVERIFY(!connection.ownsDaemon());
    QVERIFY(QFile::exists(marker)); // it got SIGTERM, not SIGKILL
}

void TestDaemonConnection::connectsWhenChildIsReady() {
    // The child announces its socket; a server that stands in for it
    // accepts the connection. Before "ready" nothing connects there.
    const QString socketPath = m_dir->filePath(u"child.sock"_s);
    QLocalServer server;
    QVERIFY(server.listen(socketPath));
    const QString script =
        writeScript(u"fake-daemon"_s, "echo 'mailsteadd: listening smtp 127.0.0.1:10025'\n"
                                      "echo 'mailsteadd: admin socket " +
                                          socketPath.toLocal8Bit() +
                                          "'\n"
                                          "sleep 0.3\n"
                                          "trap 'exit 0' TERM\n"
                                          "echo 'mailsteadd: ready'\n"
                                          "while true; do sleep 0.05; done\n");
    app::DaemonConnection connection;
    connection.setAutoStart(false);
    connection.setDaemonProgram(script);
    QSignalSpy running(&connection, &app::DaemonConnection::childRunningChanged);
    QVERIFY(connection.startDaemon());
    QTRY_COMPARE(running.size(), 1);
    QCOMPARE(connection.state(), app::DaemonConnection::State::Connecting);
    QTRY_COMPARE(connection.state(), app::DaemonConnection::State::Connected);
    QCOMPARE(connection.socketPath(), socketPath);
    QVERIFY(server.hasPendingConnections() || server.nextPendingConnection());
    connection.stopDaemonAndWait();
}

void TestDaemonConnection::missingProgramIsReported() {
    app::DaemonConnection connection;
    connection.setAutoStart(false);
    connection.setDaemonProgram(m_dir->filePath(u"does-not-exist"_s));
    QSignalSpy log(&connection, &app::DaemonConnection::logLine);
    QSignalSpy running(&connection, &app::DaemonConnection::childRunningChanged);
    connection.startDaemon();
    QTRY_VERIFY(std::any_of(log.cbegin(), log.cend(), [](const QList<QVariant> &args) {
        return args.at(0).toString().startsWith(u"Could not start mailsteadd"_s);
    }));
    QVERIFY(!connection.ownsDaemon());
}

void TestDaemonConnection::restartsRealDaemon() {
    // A real mailsteadd on a port-0 config in a temporary directory (the
    // test daemon object only provides the config; the connection starts it).
    test::TestDaemon config;
    app::DaemonConnection connection;
    connection.setAutoStart(false);
    connection.setDaemonProgram(test::TestDaemon::daemonProgram());
    connection.setDaemonArguments(config.arguments());
    QSignalSpy log(&connection, &app::DaemonConnection::logLine);
    QVERIFY(connection.restartDaemon()); // nothing running: starts one
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), app::DaemonConnection::State::Connected, 30000);
    const auto pid = [&connection] {
        const ipc::Reply reply = connection.client()->callAndWait(u"system.status"_s, {}, 30000);
        return reply.result.toObject().value(u"pid"_s).toInteger();
    };
    const qint64 first = pid();
    QVERIFY(first > 0);

    // The connection drops and comes back; on an idle machine that can take
    // less than one QTRY poll, so the state changes are recorded.
    QSignalSpy states(&connection, &app::DaemonConnection::stateChanged);
    QVERIFY(connection.restartDaemon());
    const auto sawDisconnect = [&states] {
        return std::any_of(states.cbegin(), states.cend(), [](const QList<QVariant> &args) {
            return args.at(0).value<app::DaemonConnection::State>() !=
                   app::DaemonConnection::State::Connected;
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(sawDisconnect(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), app::DaemonConnection::State::Connected, 30000);
    const qint64 second = pid();
    QVERIFY(second > 0);
    QVERIFY(second != first);
    QVERIFY(connection.ownsDaemon());
    QStringList lines;
    for (const QList<QVariant> &args : std::as_const(log))
        lines.append(args.at(0).toString());
    QVERIFY2(lines.contains(u"Restarting mailsteadd…"_s), qPrintable(lines.join(u'\n')));
    QVERIFY2(lines.count(u"mailsteadd: ready"_s) == 2, qPrintable(lines.join(u'\n')));
    QVERIFY2(lines.contains(u"mailsteadd exited with status 0."_s), qPrintable(lines.join(u'\n')));

    connection.stopDaemonAndWait();
    QVERIFY(!connection.ownsDaemon());
}

QTEST_GUILESS_MAIN(TestDaemonConnection)
#include "tst_daemonconnection.moc"
