// DataDirLock.cpp - one mailsteadd per data directory
//
// The lock file is never unlinked: removing it would let a third process
// lock a fresh inode while a second one still waits on the old one. On
// release it is only emptied.
#include "DataDirLock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <QDir>
#include <QFile>
#include <sys/file.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

QString systemError(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

// The pid written by the holder; 0 when unreadable (e.g. it has the lock but
// has not written yet).
qint64 readHolderPid(int fd) {
    char buffer[32] = {};
    const ssize_t got = ::pread(fd, buffer, sizeof buffer - 1, 0);
    if (got <= 0)
        return 0;
    bool ok = false;
    const qint64 pid = QByteArray(buffer, got).trimmed().toLongLong(&ok);
    return ok && pid > 0 ? pid : 0;
}

} // namespace

DataDirLock::~DataDirLock() {
    release();
}

bool DataDirLock::acquire(const QString &dataDir, QString *error) {
    release();
    const QString directory = QDir::cleanPath(dataDir);
    const QString path = directory + u"/mailsteadd.lock"_s;
    const QByteArray nativePath = QFile::encodeName(path);

    const int fd = ::open(nativePath.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) {
        if (error)
            *error = u"cannot open lock file "_s + path + u": "_s + systemError(errno);
        return false;
    }
    int result = 0;
    do {
        result = ::flock(fd, LOCK_EX | LOCK_NB);
    } while (result != 0 && errno == EINTR);
    if (result != 0) {
        const int lockError = errno;
        const qint64 pid = lockError == EWOULDBLOCK ? readHolderPid(fd) : 0;
        ::close(fd);
        if (error) {
            if (lockError != EWOULDBLOCK)
                *error = u"cannot lock "_s + path + u": "_s + systemError(lockError);
            else if (pid > 0)
                *error = u"another mailsteadd (pid "_s + QString::number(pid) +
                         u") is already using "_s + directory +
                         u"; stop it first or choose another data_dir"_s;
            else
                *error = u"another mailsteadd is already using "_s + directory +
                         u"; stop it first or choose another data_dir"_s;
        }
        return false;
    }

    const QByteArray pid = QByteArray::number(qint64(::getpid())) + '\n';
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, pid.constData(), size_t(pid.size()), 0) != pid.size()) {
        const int writeError = errno;
        ::close(fd);
        if (error)
            *error = u"cannot write lock file "_s + path + u": "_s + systemError(writeError);
        return false;
    }
    m_fd = fd;
    m_path = path;
    return true;
}

void DataDirLock::release() {
    if (m_fd < 0)
        return;
    // Empty first so that nobody reads our pid after we are gone.
    if (::ftruncate(m_fd, 0) != 0) {
        // Nothing to do: the lock still goes away with the descriptor.
    }
    ::close(m_fd);
    m_fd = -1;
    m_path.clear();
}

} // namespace mailstead::core
