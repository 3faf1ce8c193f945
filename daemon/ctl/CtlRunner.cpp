// CtlRunner.cpp - one mailsteadctl invocation; see CtlRunner.h
#include "CtlRunner.h"

#include "CtlCommands.h"
#include "ipc/IpcClient.h"
#include "Version.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::ctl {

namespace {

constexpr int ipcTimeoutMs = 30 * 1000;

void write(FILE *stream, const QString &text) {
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

void printError(const QString &message) {
    write(stderr, u"mailsteadctl: "_s + message + u'\n');
}

// Turns terminal echo off for its lifetime when stdin is a terminal.
class EchoGuard {
public:
    EchoGuard() {
        if (::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~EchoGuard() {
        if (m_active) {
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
            write(stderr, u"\n"_s);
        }
    }
    EchoGuard(const EchoGuard &) = delete;
    EchoGuard &operator=(const EchoGuard &) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

// One line from stdin without its "\n" or "\r\n"; false at end of input.
bool readStdinLine(const QString &prompt, QString *line) {
    if (::isatty(STDIN_FILENO))
        write(stderr, prompt);
    EchoGuard guard;
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return false;
    QByteArray bytes = in.readLine();
    if (bytes.isEmpty())
        return false;
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    *line = QString::fromUtf8(bytes);
    return true;
}

QString toJsonText(const QJsonValue &value) {
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    // A scalar: serialize it inside an array and strip the brackets.
    QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2)) + u'\n';
}

// A short reason for a failed connect: what is wrong with the path if
// anything, else the client's error without its "cannot connect to PATH:"
// prefix and Qt's function names.
QString connectFailureReason(const QString &socketPath, const QString &clientError) {
    const QByteArray path = QFile::encodeName(socketPath);
    struct stat info {};
    if (::stat(path.constData(), &info) != 0) {
        const int error = errno;
        if (error == ENOENT) {
            const QByteArray dir = QFile::encodeName(QFileInfo(socketPath).absolutePath());
            struct stat dirInfo {};
            if (::stat(dir.constData(), &dirInfo) != 0 && errno == ENOENT)
                return u"the socket directory does not exist"_s;
            return u"no such socket"_s;
        }
        if (error == EACCES)
            return u"permission denied"_s;
        return QString::fromLocal8Bit(std::strerror(error));
    }
    if (!S_ISSOCK(info.st_mode))
        return u"not a socket"_s;
    if (::access(path.constData(), R_OK | W_OK) != 0 && errno == EACCES)
        return u"permission denied"_s;

    QString reason = clientError;
    const QString prefix = u"cannot connect to "_s + socketPath + u": "_s;
    if (reason.startsWith(prefix))
        reason = reason.mid(prefix.size());
    const QString qtPrefix = u"QLocalSocket::connectToServer: "_s;
    if (reason.startsWith(qtPrefix))
        reason = reason.mid(qtPrefix.size());
    if (reason.isEmpty())
        return u"no answer"_s;
    reason[0] = reason.at(0).toLower();
    return reason;
}

// Replaces each file argument's name by the file's contents; false (with
// *error) when one cannot be read.
bool readFileArguments(Invocation *invocation, QString *error) {
    if (!invocation->command)
        return true;
    for (const ArgSpec &arg : invocation->command->args) {
        if (!arg.fileContents || !invocation->params.contains(arg.param))
            continue;
        const QString path = invocation->params.value(arg.param).toString();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error =
                u"cannot read "_s + arg.name + u" file "_s + path + u": "_s + file.errorString();
            return false;
        }
        const QByteArray contents = file.read(maxArgumentFileBytes + 1);
        if (contents.size() > maxArgumentFileBytes) {
            *error = arg.name + u" file "_s + path + u" is larger than "_s +
                     QString::number(maxArgumentFileBytes) + u" bytes"_s;
            return false;
        }
        invocation->params.insert(arg.param, QString::fromUtf8(contents));
    }
    return true;
}

} // namespace

int runCtl(const QStringList &arguments) {
    Invocation invocation = parseArguments(arguments);
    switch (invocation.action) {
    case Invocation::Action::ShowHelp:
        write(stdout, invocation.message);
        return ExitSuccess;
    case Invocation::Action::ShowVersion:
        write(stdout, u"mailsteadctl "_s + QString::fromLatin1(mailstead::versionString) + u'\n');
        return ExitSuccess;
    case Invocation::Action::UsageError:
        write(stderr, u"mailsteadctl: "_s + invocation.message + u"\nTry '"_s +
                          invocation.helpHint + u"' for more information.\n"_s);
        return ExitUsage;
    case Invocation::Action::Call:
        break;
    }

    if (!invocation.stdinParam.isEmpty()) {
        const bool hash = invocation.stdinParam == u"password_hash"_s;
        QString secret;
        if (!readStdinLine(hash ? u"Password hash: "_s : u"Password: "_s, &secret)) {
            printError(hash ? u"no password hash on standard input"_s
                            : u"no password on standard input"_s);
            return ExitUsage;
        }
        if (secret.isEmpty()) {
            printError(hash ? u"empty password hash on standard input"_s
                            : u"empty password on standard input"_s);
            return ExitUsage;
        }
        invocation.params.insert(invocation.stdinParam, secret);
    }

    QString fileError;
    if (!readFileArguments(&invocation, &fileError)) {
        printError(fileError);
        return ExitUsage;
    }

    const QString socketPath = ipc::resolveSocketPath(invocation.socketPath);
    ipc::IpcClient client;
    client.connectTo(socketPath);
    if (!client.waitForConnected(ipcTimeoutMs)) {
        printError(u"cannot connect to mailsteadd at "_s + socketPath + u": "_s +
                   connectFailureReason(socketPath, client.lastError()) + u"; is it running?"_s);
        return ExitUnreachable;
    }

    QElapsedTimer elapsed;
    elapsed.start();
    const int replyTimeoutMs =
        invocation.command ? invocation.command->timeoutSeconds * 1000 : ipcTimeoutMs;
    const ipc::Reply reply =
        client.callAndWait(invocation.method, invocation.params, replyTimeoutMs);
    if (!reply.ok) {
        // InternalError without a connection is the client's "connection
        // lost"; the daemon's own errors (even Unauthorized, after which it
        // hangs up) are refusals.
        const bool lost =
            reply.error.code == ipc::ErrorCode::InternalError && !client.isConnected();
        if (lost || elapsed.elapsed() >= replyTimeoutMs) {
            printError(u"no reply from mailsteadd at "_s + socketPath + u": "_s +
                       reply.error.message);
            return ExitUnreachable;
        }
        const QString field = reply.error.field;
        printError((field.isEmpty() ? QString() : field + u": "_s) + reply.error.message);
        return ExitRefused;
    }

    const Output output = invocation.command->formatter(reply.result);
    write(stdout, invocation.json ? toJsonText(reply.result) : output.text);
    return output.exitCode;
}

} // namespace mailstead::ctl
