// DataDirLock.h - one mailsteadd per data directory
//
// flock(2) on <data_dir>/mailsteadd.lock, held for the daemon's lifetime.
// The kernel drops the lock when the process dies, so a crash never leaves
// a stale lock behind. The file holds the holder's pid, so that a second
// daemon can say who is in the way.
#pragma once

#include <QString>

namespace mailstead::core {

class DataDirLock {
public:
    DataDirLock() = default;
    ~DataDirLock();
    DataDirLock(const DataDirLock &) = delete;
    DataDirLock &operator=(const DataDirLock &) = delete;

    // Takes the lock or explains why not, e.g. "another mailsteadd (pid 1234)
    // is already using /var/lib/mailstead; stop it first or choose another
    // data_dir". The directory must exist.
    bool acquire(const QString &dataDir, QString *error);
    void release();

    bool isHeld() const { return m_fd >= 0; }
    QString lockFilePath() const { return m_path; }

private:
    int m_fd = -1;
    QString m_path;
};

} // namespace mailstead::core
