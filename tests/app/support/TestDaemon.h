// TestDaemon.h - a real mailsteadd for the app's widget tests
//
// Writes a config into a temporary directory (data directory, admin socket,
// every listener on 127.0.0.1 port 0, so tests run in parallel), starts
// mailsteadd with it and waits for "mailsteadd: ready". call() talks to it
// over the admin IPC with a client of its own, ctl() runs mailsteadctl, so
// that tests check what the app did through the same API as any client.
// The daemon gets SIGTERM when the object goes away.
#pragma once

#include "ipc/IpcClient.h"

#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

namespace mailstead::test {

class TestDaemon {
public:
    TestDaemon();
    ~TestDaemon();

    // Starts the daemon; false (with output() telling why) when it did not become ready.
    bool start();
    void stop();
    bool isRunning() const;

    QString socketPath() const { return m_socketPath; }
    QString configPath() const;
    QString dataDir() const;
    QString output() const { return QString::fromUtf8(m_output); }
    quint16 port(const QString &service) const { return m_ports.value(service); }
    // Arguments that start a second daemon on the same config (for DaemonConnection).
    QStringList arguments() const;

    // A call over the admin IPC; waits up to 30 s.
    ipc::Reply call(const QString &method, const QJsonObject &params = {});
    // Runs mailsteadctl --socket SOCKET ARGS; returns its exit code, output in *out.
    int ctl(const QStringList &arguments, QString *out = nullptr, const QByteArray &input = {});

    static QString daemonProgram();
    static QString ctlProgram();

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_output;
    QString m_socketPath;
    QHash<QString, quint16> m_ports;
    ipc::IpcClient *m_client = nullptr;
};

} // namespace mailstead::test
