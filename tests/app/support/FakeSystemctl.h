// FakeSystemctl.h - puts fake-systemctl and fake-pkexec first on PATH
//
// For unit tests of ServiceController and the classes that use it: a
// temporary directory holds bin/systemctl and bin/pkexec (links to the
// scripts beside this file) and the scripts' state; PATH and
// FAKE_SYSTEMCTL_DIR point there while the object lives. The scripts
// record every call in calls(); see fake-systemctl for the files that
// steer them.
#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace mailstead::test {

class FakeSystemctl {
public:
    FakeSystemctl()
        : m_oldPath(qgetenv("PATH")) {
        const QString support = QString::fromUtf8(MAILSTEAD_APP_TEST_SUPPORT_DIR);
        QDir(m_dir.path()).mkdir(QStringLiteral("bin"));
        QFile::link(support + QStringLiteral("/fake-systemctl"),
                    binDir() + QStringLiteral("/systemctl"));
        QFile::link(support + QStringLiteral("/fake-pkexec"), binDir() + QStringLiteral("/pkexec"));
        qputenv("PATH", binDir().toLocal8Bit() + ':' + m_oldPath);
        qputenv("FAKE_SYSTEMCTL_DIR", m_dir.path().toLocal8Bit());
    }
    ~FakeSystemctl() {
        qputenv("PATH", m_oldPath);
        qunsetenv("FAKE_SYSTEMCTL_DIR");
    }
    FakeSystemctl(const FakeSystemctl &) = delete;
    FakeSystemctl &operator=(const FakeSystemctl &) = delete;

    bool isValid() const { return m_dir.isValid(); }
    QString binDir() const { return m_dir.path() + QStringLiteral("/bin"); }
    QString systemctlPath() const { return binDir() + QStringLiteral("/systemctl"); }

    // Every call, one line each: "show mailsteadd.service ...",
    // "pkexec /tmp/.../bin/systemctl start mailsteadd.service".
    QStringList calls() const {
        QFile file(m_dir.filePath(QStringLiteral("calls")));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    }
    // Calls other than show.
    QStringList actions() const {
        QStringList result;
        for (const QString &call : calls())
            if (!call.startsWith(QStringLiteral("show ")))
                result.append(call);
        return result;
    }
    void clearCalls() { QFile::remove(m_dir.filePath(QStringLiteral("calls"))); }

    void setActive(bool active) {
        write(QStringLiteral("state"), active ? "active\n" : "inactive\n");
    }
    // Writes a steering file (see fake-systemctl and fake-pkexec).
    void write(const QString &name, const QByteArray &content) {
        QFile file(m_dir.filePath(name));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(content);
    }
    void remove(const QString &name) { QFile::remove(m_dir.filePath(name)); }

private:
    QTemporaryDir m_dir;
    QByteArray m_oldPath;
};

} // namespace mailstead::test
