// DaemonLocator.cpp - find mailsteadd; see DaemonLocator.h
#include "DaemonLocator.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace mailstead::app {

QStringList daemonExecutableCandidates(const QString &applicationDir) {
    const QDir dir(applicationDir);
    return {
        QDir::cleanPath(dir.filePath(u"../daemon/mailsteadd"_s)), // build tree
        QDir::cleanPath(dir.filePath(u"mailsteadd"_s)),
        QDir::cleanPath(dir.filePath(u"../sbin/mailsteadd"_s)), // same install prefix
        u"/usr/sbin/mailsteadd"_s,
    };
}

QString findDaemonExecutable(const QString &applicationDir) {
    const QStringList candidates = daemonExecutableCandidates(applicationDir);
    for (const QString &candidate : candidates) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.absoluteFilePath();
    }
    return {};
}

} // namespace mailstead::app
