// PosixFile.h - the few POSIX file operations the store's durability rests on
//
// Thin wrappers that retry EINTR and turn errno into messages. They exist so
// that every fsync, link and rename in the store is explicit: Qt's QFile
// neither fsyncs directories nor exposes link(2).
// Durability facts relied on (POSIX, Linux ext4/xfs/btrfs): fdatasync makes
// a file's bytes and size durable; a new name (link, rename, mkdir) is durable
// only once its directory is fsynced.
#pragma once

#include <optional>
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace mailstead::store::PosixFile {

QString errorString(int error);

// O_CREAT|O_EXCL, mode 0600; -1 with *error on failure.
int createExclusive(const QString &path, QString *error);
int openRead(const QString &path, QString *error);
void closeFd(int fd);

bool writeAll(int fd, const char *data, qint64 size, QString *error);
bool syncData(int fd, QString *error);
bool syncDir(const QString &path, QString *error);
// Sets atime and mtime (Maildir readers take mtime as the arrival date).
bool setModificationTime(int fd, qint64 secondsSinceEpoch, QString *error);

// link(2). Returns 0 or the errno value, so callers can react to EEXIST and
// EXDEV (the target sits on another file system).
int link(const QString &from, const QString &to);
// Copies `fromFd` into a new file `to` and fdatasyncs it (the EXDEV fallback).
bool copyInto(int fromFd, const QString &to, QString *error);
bool rename(const QString &from, const QString &to, QString *error);
// A directory opened only to name files relative to it (O_PATH): many
// renames in one directory then skip resolving its path each time. -1 on
// failure; the caller closes it with closeFd.
int openDirectory(const QString &path);
// renameat(2) of two names relative to dirFd (from openDirectory).
bool renameAt(int dirFd, const QString &from, const QString &to, QString *error);
// unlink(2); a missing file counts as success.
bool remove(const QString &path, QString *error = nullptr);

// mkdir(2) mode 0700; an existing directory is fine. *created tells whether
// this call made it (its parent then needs an fsync).
bool makeDir(const QString &path, bool *created, QString *error);

// Regular files (and unknown types) in `dir`, without "." entries.
QStringList listFiles(const QString &dir, bool *ok = nullptr);
QStringList listDirs(const QString &dir, bool *ok = nullptr);

struct FileStat {
    qint64 size = -1;
    qint64 mtime = 0;
};
bool stat(const QString &path, FileStat *out);
bool fstat(int fd, FileStat *out);

// Reads the whole file (used for W= of a spool file the caller did not size).
QByteArray readAll(int fd, qint64 size, bool *ok);
// Opens, reads whole and closes `path`; nullopt when any step fails
// (`error`, optional, says which).
std::optional<QByteArray> readFile(const QString &path, QString *error = nullptr);

} // namespace mailstead::store::PosixFile
