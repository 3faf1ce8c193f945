// TestDaemon.cpp - a real mailsteadd for widget tests; see TestDaemon.h
#include "TestDaemon.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace mailstead::test {

namespace {

constexpr int readyTimeoutMs = 30000;
constexpr int callTimeoutMs = 30000;
const QStringList services = {u"smtp"_s, u"submission"_s, u"submissions"_s, u"imap"_s, u"imaps"_s,
                              u"pop3"_s, u"pop3s"_s,      u"http"_s,        u"https"_s};

} // namespace

QString TestDaemon::daemonProgram() {
    return QStringLiteral(MAILSTEADD_PATH);
}

QString TestDaemon::ctlProgram() {
    return QStringLiteral(MAILSTEADCTL_PATH);
}

TestDaemon::TestDaemon() {
    QStringList lines = {u"[general]"_s, u"hostname = mail.example.test"_s,
                         u"data_dir = "_s + dataDir(), u""_s, u"[listen]"_s};
    for (const QString &service : services)
        lines.append(service + u" = 127.0.0.1:0"_s);
    lines += {u""_s, u"[admin]"_s, u"socket = "_s + m_dir.filePath(u"run/admin.sock"_s)};
    QFile file(configPath());
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(configPath()));
    file.write(lines.join(u'\n').toUtf8() + '\n');
    m_socketPath = m_dir.filePath(u"run/admin.sock"_s);
}

TestDaemon::~TestDaemon() {
    stop();
}

QString TestDaemon::configPath() const {
    return m_dir.filePath(u"mailsteadd.conf"_s);
}

QString TestDaemon::dataDir() const {
    return m_dir.filePath(u"data"_s);
}

QStringList TestDaemon::arguments() const {
    return {u"--config"_s, configPath()};
}

bool TestDaemon::start() {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"NOTIFY_SOCKET"_s);
    environment.remove(u"MAILSTEAD_SOCKET"_s);
    m_process.setProcessEnvironment(environment);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(daemonProgram(), arguments());
    if (!m_process.waitForStarted(readyTimeoutMs))
        return false;
    const QDeadlineTimer deadline(readyTimeoutMs);
    while (!deadline.hasExpired()) {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            m_output += line + '\n';
            if (line == "mailsteadd: ready") {
                // Keep reading: a full pipe would block the daemon's logging.
                QObject::connect(&m_process, &QProcess::readyRead, &m_process,
                                 [this] { m_output += m_process.readAll(); });
                delete m_client;
                m_client = new ipc::IpcClient;
                m_client->connectTo(m_socketPath);
                return m_client->waitForConnected(callTimeoutMs);
            }
            if (line.startsWith("mailsteadd: listening ")) {
                const QList<QByteArray> words = line.split(' ');
                const QByteArray address = words.value(3);
                m_ports.insert(QString::fromUtf8(words.value(2)),
                               quint16(address.mid(address.lastIndexOf(':') + 1).toUInt()));
            } else if (line.startsWith("mailsteadd: admin socket ")) {
                m_socketPath = QString::fromUtf8(line.mid(qstrlen("mailsteadd: admin socket ")));
            }
        }
        if (m_process.state() == QProcess::NotRunning)
            return false;
        m_process.waitForReadyRead(100);
    }
    return false;
}

void TestDaemon::stop() {
    delete m_client;
    m_client = nullptr;
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(readyTimeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(readyTimeoutMs);
    }
}

bool TestDaemon::isRunning() const {
    return m_process.state() == QProcess::Running;
}

ipc::Reply TestDaemon::call(const QString &method, const QJsonObject &params) {
    if (!m_client) {
        ipc::Reply reply;
        reply.error.message = u"the test daemon is not running"_s;
        return reply;
    }
    return m_client->callAndWait(method, params, callTimeoutMs);
}

int TestDaemon::ctl(const QStringList &arguments, QString *out, const QByteArray &input) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(ctlProgram(), QStringList{u"--socket"_s, m_socketPath} + arguments);
    if (!process.waitForStarted(callTimeoutMs))
        return -1;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(callTimeoutMs);
    if (out)
        *out = QString::fromUtf8(process.readAll());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

} // namespace mailstead::test
