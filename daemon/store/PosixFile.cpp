// PosixFile.cpp - EINTR-safe file primitives with errno turned into text
#include "PosixFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <QFile>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::store::PosixFile {

namespace {

QByteArray native(const QString &path) {
    return QFile::encodeName(path);
}

void setError(QString *error, const QString &what, const QString &path, int code) {
    if (error)
        *error = what + u' ' + path + u": "_s + errorString(code);
}

template <typename Call> auto retry(Call call) {
    auto result = call();
    while (result < 0 && errno == EINTR)
        result = call();
    return result;
}

QStringList listEntries(const QString &dir, bool wantDirs, bool *ok) {
    QStringList names;
    DIR *handle = ::opendir(native(dir).constData());
    if (ok)
        *ok = handle != nullptr;
    if (!handle)
        return names;
    while (const dirent *entry = ::readdir(handle)) {
        if (entry->d_name[0] == '.' && !wantDirs)
            continue;
        if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0)
            continue;
        unsigned char type = entry->d_type;
        if (type == DT_UNKNOWN) {
            struct stat info {};
            const QByteArray full = native(dir) + '/' + entry->d_name;
            if (::lstat(full.constData(), &info) == 0)
                type = S_ISDIR(info.st_mode) ? DT_DIR : DT_REG;
        }
        const bool isDir = type == DT_DIR;
        if (isDir == wantDirs)
            names.append(QFile::decodeName(entry->d_name));
    }
    ::closedir(handle);
    return names;
}

} // namespace

QString errorString(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

int createExclusive(const QString &path, QString *error) {
    const QByteArray name = native(path);
    const int fd = retry(
        [&] { return ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600); });
    if (fd < 0)
        setError(error, u"cannot create"_s, path, errno);
    return fd;
}

int openRead(const QString &path, QString *error) {
    const QByteArray name = native(path);
    const int fd = retry([&] { return ::open(name.constData(), O_RDONLY | O_CLOEXEC); });
    if (fd < 0)
        setError(error, u"cannot open"_s, path, errno);
    return fd;
}

void closeFd(int fd) {
    if (fd >= 0)
        ::close(fd);
}

bool writeAll(int fd, const char *data, qint64 size, QString *error) {
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size_t(size));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            setError(error, u"cannot write"_s, u"message file"_s, errno);
            return false;
        }
        data += written;
        size -= written;
    }
    return true;
}

bool syncData(int fd, QString *error) {
    if (retry([&] { return ::fdatasync(fd); }) != 0) {
        setError(error, u"cannot fsync"_s, u"message file"_s, errno);
        return false;
    }
    return true;
}

bool syncDir(const QString &path, QString *error) {
    const QByteArray name = native(path);
    const int fd =
        retry([&] { return ::open(name.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); });
    if (fd < 0) {
        setError(error, u"cannot open directory"_s, path, errno);
        return false;
    }
    const int result = retry([&] { return ::fsync(fd); });
    const int code = errno;
    ::close(fd);
    if (result != 0) {
        setError(error, u"cannot fsync directory"_s, path, code);
        return false;
    }
    return true;
}

bool setModificationTime(int fd, qint64 secondsSinceEpoch, QString *error) {
    const struct timespec times[2] = {{time_t(secondsSinceEpoch), 0},
                                      {time_t(secondsSinceEpoch), 0}};
    if (::futimens(fd, times) != 0) {
        setError(error, u"cannot set time of"_s, u"message file"_s, errno);
        return false;
    }
    return true;
}

int link(const QString &from, const QString &to) {
    const QByteArray source = native(from);
    const QByteArray target = native(to);
    return retry([&] { return ::link(source.constData(), target.constData()); }) == 0 ? 0 : errno;
}

bool copyInto(int fromFd, const QString &to, QString *error) {
    const int out = createExclusive(to, error);
    if (out < 0)
        return false;
    char buffer[64 * 1024];
    off_t offset = 0;
    bool ok = true;
    for (;;) {
        const ssize_t got = ::pread(fromFd, buffer, sizeof buffer, offset);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            setError(error, u"cannot read"_s, u"spool file"_s, errno);
            ok = false;
            break;
        }
        if (got == 0)
            break;
        if (!writeAll(out, buffer, got, error)) {
            ok = false;
            break;
        }
        offset += got;
    }
    ok = ok && syncData(out, error);
    ::close(out);
    if (!ok)
        remove(to);
    return ok;
}

bool rename(const QString &from, const QString &to, QString *error) {
    if (::rename(native(from).constData(), native(to).constData()) != 0) {
        setError(error, u"cannot rename"_s, from, errno);
        return false;
    }
    return true;
}

int openDirectory(const QString &path) {
    return retry(
        [&] { return ::open(native(path).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC); });
}

bool renameAt(int dirFd, const QString &from, const QString &to, QString *error) {
    if (::renameat(dirFd, native(from).constData(), dirFd, native(to).constData()) != 0) {
        setError(error, u"cannot rename"_s, from, errno);
        return false;
    }
    return true;
}

bool remove(const QString &path, QString *error) {
    if (::unlink(native(path).constData()) != 0 && errno != ENOENT) {
        setError(error, u"cannot remove"_s, path, errno);
        return false;
    }
    return true;
}

bool makeDir(const QString &path, bool *created, QString *error) {
    if (created)
        *created = false;
    if (::mkdir(native(path).constData(), 0700) == 0) {
        if (created)
            *created = true;
        return true;
    }
    const int code = errno;
    struct stat info {};
    if (code == EEXIST && ::stat(native(path).constData(), &info) == 0 && S_ISDIR(info.st_mode))
        return true;
    setError(error, u"cannot create directory"_s, path, code);
    return false;
}

QStringList listFiles(const QString &dir, bool *ok) {
    return listEntries(dir, false, ok);
}

QStringList listDirs(const QString &dir, bool *ok) {
    return listEntries(dir, true, ok);
}

bool stat(const QString &path, FileStat *out) {
    struct stat info {};
    if (::stat(native(path).constData(), &info) != 0)
        return false;
    out->size = qint64(info.st_size);
    out->mtime = qint64(info.st_mtim.tv_sec);
    return true;
}

bool fstat(int fd, FileStat *out) {
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        return false;
    out->size = qint64(info.st_size);
    out->mtime = qint64(info.st_mtim.tv_sec);
    return true;
}

QByteArray readAll(int fd, qint64 size, bool *ok) {
    QByteArray data(size, Qt::Uninitialized);
    qint64 done = 0;
    while (done < size) {
        const ssize_t got = ::pread(fd, data.data() + done, size_t(size - done), off_t(done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        done += got;
    }
    *ok = done == size;
    return data;
}

std::optional<QByteArray> readFile(const QString &path, QString *error) {
    const int fd = openRead(path, error);
    if (fd < 0)
        return std::nullopt;
    FileStat info;
    bool ok = fstat(fd, &info);
    QByteArray bytes = ok ? readAll(fd, info.size, &ok) : QByteArray();
    closeFd(fd);
    if (!ok) {
        if (error)
            *error = u"cannot read "_s + path;
        return std::nullopt;
    }
    return bytes;
}

} // namespace mailstead::store::PosixFile
