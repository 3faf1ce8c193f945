// DaemonLocator.h - where the desktop app finds the mailsteadd binary
//
// In the build tree the daemon sits in ../daemon/ next to app/; installed it
// is next to the app, in ../sbin/ of the same prefix, or in /usr/sbin.
#pragma once

#include <QString>
#include <QStringList>

namespace mailstead::app {

// Candidate paths, in the order they are tried.
QStringList daemonExecutableCandidates(const QString &applicationDir);
// The first candidate that is an executable file, or an empty string.
QString findDaemonExecutable(const QString &applicationDir);

} // namespace mailstead::app
