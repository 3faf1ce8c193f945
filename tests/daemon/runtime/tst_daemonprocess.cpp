// tst_daemonprocess.cpp - mailsteadd as a process: options, start, SIGHUP, SIGTERM
//
// Starts the real binary with a config in a temporary directory, every
// listener on 127.0.0.1 port 0, and reads the ports from its stdout lines.
#include "ipc/IpcClient.h"

#include <csignal>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

const QString mailsteadd = QStringLiteral(MAILSTEADD_PATH);

struct Started {
    bool ready = false;
    QHash<QString, quint16> ports; // service -> port
    QString socket;
    QByteArray output;
};

// Reads stdout until "mailsteadd: ready" (or exit).
Started waitUntilReady(QProcess &process) {
    Started started;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        while (process.canReadLine()) {
            const QByteArray line = process.readLine().trimmed();
            started.output += line + '\n';
            if (line == "mailsteadd: ready") {
                started.ready = true;
                return started;
            }
            if (line.startsWith("mailsteadd: listening ")) {
                const QList<QByteArray> words = line.split(' ');
                const QByteArray address = words.value(3);
                started.ports.insert(QString::fromUtf8(words.value(2)),
                                     quint16(address.mid(address.lastIndexOf(':') + 1).toUInt()));
            } else if (line.startsWith("mailsteadd: admin socket ")) {
                started.socket = QString::fromUtf8(line.mid(qstrlen("mailsteadd: admin socket ")));
            }
        }
        if (process.state() == QProcess::NotRunning)
            break;
        process.waitForReadyRead(200);
    }
    return started;
}

QByteArray readLine(QTcpSocket &socket) {
    QDeadlineTimer deadline(5000);
    while (!socket.canReadLine() && !deadline.hasExpired())
        socket.waitForReadyRead(100);
    return socket.readLine();
}

} // namespace

class TestDaemonProcess : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void version();
    void help();
    void unknownOptionIsUsageError();
    void checkConfigOk();
    void checkConfigReportsEveryIssue();
    void startReportsPortsAndStopsOnSigterm();
    void secondDaemonOnSameDataDirIsRefused();
    void sighupAppliesChangesWithoutDroppingConnections();
    void sighupWithBrokenConfigKeepsRunning();
    void busyPortFailsStart();

private:
    QString writeConfig(const QString &listenSection, const QString &extra = {});
    QJsonObject status(const QString &socket);

    QTemporaryDir *m_dir = nullptr;
    QString m_configPath;
    QProcess *m_daemon = nullptr;
};

void TestDaemonProcess::init() {
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    m_configPath = m_dir->filePath(u"mailsteadd.conf"_s);
    m_daemon = new QProcess;
}

void TestDaemonProcess::cleanup() {
    if (m_daemon->state() != QProcess::NotRunning) {
        m_daemon->kill();
        m_daemon->waitForFinished(5000);
    }
    delete m_daemon;
    delete m_dir;
}

QString TestDaemonProcess::writeConfig(const QString &listenSection, const QString &extra) {
    QString text = u"[general]\nhostname = localhost\ndata_dir = "_s + m_dir->filePath(u"data"_s) +
                   u"\n[listen]\n"_s;
    // Everything off unless the test turns it on.
    for (const QString &service : {u"smtp"_s, u"submission"_s, u"submissions"_s, u"imap"_s,
                                   u"imaps"_s, u"pop3"_s, u"pop3s"_s, u"http"_s, u"https"_s}) {
        const QString line = service + u" = "_s;
        const qsizetype at = listenSection.indexOf(line);
        if (at >= 0)
            text += listenSection.mid(at, listenSection.indexOf(u'\n', at) - at + 1);
        else
            text += line + u'\n';
    }
    text += u"[admin]\nsocket = "_s + m_dir->filePath(u"run/admin.sock"_s) +
            u"\n[log]\nlevel = debug\n"_s + extra;
    QFile file(m_configPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write the config");
    file.write(text.toUtf8());
    return m_configPath;
}

QJsonObject TestDaemonProcess::status(const QString &socket) {
    mailstead::ipc::IpcClient client;
    client.connectTo(socket);
    if (!client.waitForConnected(5000))
        return {};
    const mailstead::ipc::Reply reply = client.callAndWait(u"system.status"_s, {}, 5000);
    return reply.ok ? reply.result.toObject() : QJsonObject();
}

void TestDaemonProcess::version() {
    m_daemon->start(mailsteadd, {u"--version"_s});
    QVERIFY(m_daemon->waitForFinished(10000));
    QCOMPARE(m_daemon->exitCode(), 0);
    QCOMPARE(m_daemon->readAllStandardOutput(), QByteArray("mailsteadd 0.1.0\n"));
}

void TestDaemonProcess::help() {
    m_daemon->start(mailsteadd, {u"--help"_s});
    QVERIFY(m_daemon->waitForFinished(10000));
    QCOMPARE(m_daemon->exitCode(), 0);
    const QByteArray help = m_daemon->readAllStandardOutput();
    QVERIFY(help.contains("--config <FILE>"));
    QVERIFY(help.contains("--check-config"));
}

void TestDaemonProcess::unknownOptionIsUsageError() {
    m_daemon->start(mailsteadd, {u"--frobnicate"_s});
    QVERIFY(m_daemon->waitForFinished(10000));
    QCOMPARE(m_daemon->exitCode(), 2);
    QVERIFY(
        m_daemon->readAllStandardError().startsWith("mailsteadd: Unknown option 'frobnicate'."));

    m_daemon->start(mailsteadd, {u"stray"_s});
    QVERIFY(m_daemon->waitForFinished(10000));
    QCOMPARE(m_daemon->exitCode(), 2);
}

void TestDaemonProcess::checkConfigOk() {
    m_daemon->start(mailsteadd,
                    {u"--config"_s, writeConfig(u"smtp = 127.0.0.1:0\n"_s), u"--check-config"_s});
    QVERIFY(m_daemon->waitForFinished(10000));
    QCOMPARE(m_daemon->readAllStandardOutput(), QByteArray("configuration ok\n"));
    QCOMPARE(m_daemon->readAllStandardError(), QByteArray());
    QCOMPARE(m_daemon->exitCode(), 0);
    QVERIFY(!QFile::exists(m_dir->filePath(u"data"_s))); // checking creates nothing
}

void TestDaemonProcess::checkConfigReportsEveryIssue() {
    writeConfig(u"smtp = 127.0.0.1:99999\n"_s, u"[queue]\nremote_port = 0\nbogus = 1\n"_s);
    m_daemon->start(mailsteadd, {u"--check-config"_s, u"--config"_s, m_configPath});
    QVERIFY(m_daemon->waitForFinished(10000));
    QCOMPARE(m_daemon->exitCode(), 1);
    QCOMPARE(m_daemon->readAllStandardOutput(), QByteArray());
    const QList<QByteArray> lines = m_daemon->readAllStandardError().trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    for (const QByteArray &line : lines)
        QVERIFY2(line.startsWith("mailsteadd: config: "), line.constData());
    QVERIFY(lines.contains("mailsteadd: config: [queue] bogus: unknown key"));
}

void TestDaemonProcess::startReportsPortsAndStopsOnSigterm() {
    m_daemon->start(mailsteadd,
                    {u"--config"_s, writeConfig(u"smtp = 127.0.0.1:0\nimap = 127.0.0.1:0\n"_s)});
    const Started started = waitUntilReady(*m_daemon);
    QVERIFY2(started.ready, m_daemon->readAllStandardError().constData());
    QCOMPARE(started.ports.size(), 2);
    QVERIFY(started.ports.value(u"smtp"_s) != 0);
    QCOMPARE(started.socket, m_dir->filePath(u"run/admin.sock"_s));
    struct stat dataDir {};
    QCOMPARE(::stat(QFile::encodeName(m_dir->filePath(u"data"_s)).constData(), &dataDir), 0);
    QCOMPARE(dataDir.st_mode & 07777, 0750u);

    QTcpSocket smtp;
    smtp.connectToHost(QHostAddress::LocalHost, started.ports.value(u"smtp"_s));
    QVERIFY(smtp.waitForConnected(5000));
    QCOMPARE(readLine(smtp), QByteArray("220 localhost ESMTP Mailstead\r\n"));

    const QJsonObject state = status(started.socket);
    QCOMPARE(state.value(u"version"_s).toString(), u"0.1.0"_s);
    QCOMPARE(state.value(u"pid"_s).toInteger(), m_daemon->processId());
    QCOMPARE(state.value(u"config_file"_s).toString(), m_configPath);
    QCOMPARE(state.value(u"local_mode"_s).toBool(), false);
    QCOMPARE(state.value(u"health"_s).toString(), u"ok"_s);
    QCOMPARE(state.value(u"listeners"_s).toArray().size(), 2);
    QCOMPARE(state.value(u"listeners"_s).toArray().at(0).toObject().value(u"port"_s).toInt(),
             int(started.ports.value(u"smtp"_s)));
    QVERIFY(state.value(u"counts"_s).toObject().contains(u"mailboxes"_s));

    ::kill(pid_t(m_daemon->processId()), SIGTERM);
    QVERIFY(m_daemon->waitForFinished(10000));
    QCOMPARE(m_daemon->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_daemon->exitCode(), 0);
    QVERIFY(m_daemon->readAllStandardError().contains("INFO runtime: stopping"));
    QCOMPARE(QFileInfo(m_dir->filePath(u"data/mailsteadd.lock"_s)).size(), 0);
}

void TestDaemonProcess::secondDaemonOnSameDataDirIsRefused() {
    m_daemon->start(mailsteadd, {u"--config"_s, writeConfig(u"smtp = 127.0.0.1:0\n"_s)});
    QVERIFY(waitUntilReady(*m_daemon).ready);

    QProcess second;
    second.start(mailsteadd, {u"--config"_s, m_configPath});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 1);
    const QByteArray expected = "mailsteadd: another mailsteadd (pid " +
                                QByteArray::number(m_daemon->processId()) + ") is already using " +
                                m_dir->filePath(u"data"_s).toUtf8() +
                                "; stop it first or choose another data_dir\n";
    QVERIFY2(second.readAllStandardError().endsWith(expected), expected.constData());
}

void TestDaemonProcess::sighupAppliesChangesWithoutDroppingConnections() {
    m_daemon->start(mailsteadd, {u"--config"_s, writeConfig(u"smtp = 127.0.0.1:0\n"_s)});
    const Started started = waitUntilReady(*m_daemon);
    QVERIFY(started.ready);

    QTcpSocket smtp;
    smtp.connectToHost(QHostAddress::LocalHost, started.ports.value(u"smtp"_s));
    QVERIFY(smtp.waitForConnected(5000));
    QVERIFY(readLine(smtp).startsWith("220 "));

    writeConfig(u"smtp = 127.0.0.1:0\npop3 = 127.0.0.1:0\n"_s);
    ::kill(pid_t(m_daemon->processId()), SIGHUP);
    QTRY_COMPARE_WITH_TIMEOUT(status(started.socket).value(u"listeners"_s).toArray().size(), 2,
                              10000);
    const QJsonObject state = status(started.socket);
    QCOMPARE(state.value(u"listeners"_s).toArray().at(1).toObject().value(u"service"_s).toString(),
             u"pop3"_s);
    // The unchanged port-0 listener kept its port.
    QCOMPARE(state.value(u"listeners"_s).toArray().at(0).toObject().value(u"port"_s).toInt(),
             int(started.ports.value(u"smtp"_s)));

    // The connection opened before the reload is still served.
    smtp.write("QUIT\r\n");
    QCOMPARE(readLine(smtp), QByteArray("221 2.0.0 Bye\r\n"));
}

void TestDaemonProcess::sighupWithBrokenConfigKeepsRunning() {
    m_daemon->start(mailsteadd, {u"--config"_s, writeConfig(u"smtp = 127.0.0.1:0\n"_s)});
    const Started started = waitUntilReady(*m_daemon);
    QVERIFY(started.ready);

    writeConfig(u"smtp = 127.0.0.1:0\nimap = nowhere\n"_s, u"[log]\nlevel = chatty\n"_s);
    ::kill(pid_t(m_daemon->processId()), SIGHUP);
    QTRY_COMPARE_WITH_TIMEOUT(status(started.socket).value(u"health"_s).toString(), u"warning"_s,
                              10000);
    const QByteArray log = m_daemon->readAllStandardError();
    QVERIFY(
        log.contains("WARNING runtime: config: [listen] imap: \"nowhere\": expected host:port"));
    QVERIFY(log.contains("WARNING runtime: config: [log] level:"));
    QVERIFY(log.contains("keeping the running configuration"));
    QCOMPARE(m_daemon->state(), QProcess::Running);

    QTcpSocket smtp;
    smtp.connectToHost(QHostAddress::LocalHost, started.ports.value(u"smtp"_s));
    QVERIFY(smtp.waitForConnected(5000));
    QVERIFY(readLine(smtp).startsWith("220 "));
}

void TestDaemonProcess::busyPortFailsStart() {
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    const QString address = u"127.0.0.1:"_s + QString::number(occupier.serverPort());
    m_daemon->start(mailsteadd, {u"--config"_s, writeConfig(u"imap = "_s + address + u'\n')});
    QVERIFY(m_daemon->waitForFinished(10000));
    QCOMPARE(m_daemon->exitCode(), 1);
    const QByteArray expected =
        "mailsteadd: cannot listen for imap on " + address.toUtf8() + ": address in use\n";
    QVERIFY(m_daemon->readAllStandardError().endsWith(expected));
    // The lock went with the failed start.
    QCOMPARE(QFileInfo(m_dir->filePath(u"data/mailsteadd.lock"_s)).size(), 0);
}

QTEST_GUILESS_MAIN(TestDaemonProcess)
#include "tst_daemonprocess.moc"
