// PeerCredentials.cpp - SO_PEERCRED / SO_PEERGROUPS and the admin access rule
//
// SECURITY: see PeerCredentials.h. Every buffer size here is bounded; errors
// from the kernel or NSS deny nothing by themselves, they only leave the
// supplementary group list shorter (the caller then decides on uid and gid).
#include "PeerCredentials.h"

#include <cerrno>
#include <cstring>
#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

// Large enough for any group or passwd entry that NSS hands out in practice;
// the loops below grow the buffer up to this limit on ERANGE.
constexpr size_t maxNssBufferBytes = 1024 * 1024;
// NGROUPS_MAX on Linux is 65536.
constexpr int maxSupplementaryGroups = 65536;

struct PasswdEntry {
    QString name;
    QByteArray rawName;
    gid_t gid = 0;
};

std::optional<PasswdEntry> passwdEntry(uid_t uid) {
    std::vector<char> buffer(4096);
    while (true) {
        passwd entry{};
        passwd *found = nullptr;
        const int rc = ::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found);
        if (rc == ERANGE && buffer.size() < maxNssBufferBytes) {
            buffer.resize(buffer.size() * 2);
            continue;
        }
        if (rc != 0 || !found)
            return std::nullopt;
        return PasswdEntry{QString::fromLocal8Bit(found->pw_name), QByteArray(found->pw_name),
                           found->pw_gid};
    }
}

QList<gid_t> kernelPeerGroups(int fd, bool *supported) {
    *supported = false;
#ifdef SO_PEERGROUPS
    std::vector<gid_t> groups(64);
    while (true) {
        socklen_t length = socklen_t(groups.size() * sizeof(gid_t));
        if (::getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups.data(), &length) == 0) {
            *supported = true;
            return QList<gid_t>(groups.begin(), groups.begin() + length / sizeof(gid_t));
        }
        // On ERANGE the kernel reports the size it needs in length.
        if (errno == ERANGE && length / sizeof(gid_t) > groups.size() &&
            length / sizeof(gid_t) <= size_t(maxSupplementaryGroups)) {
            groups.resize(length / sizeof(gid_t));
            continue;
        }
        return {};
    }
#else
    Q_UNUSED(fd);
    return {};
#endif
}

QList<gid_t> passwdGroups(const PasswdEntry &entry) {
    std::vector<gid_t> groups(64);
    while (true) {
        int count = int(groups.size());
        if (::getgrouplist(entry.rawName.constData(), entry.gid, groups.data(), &count) >= 0)
            return QList<gid_t>(groups.begin(), groups.begin() + count);
        if (count <= int(groups.size()) || count > maxSupplementaryGroups)
            return {};
        groups.resize(size_t(count));
    }
}

} // namespace

std::optional<PeerCredentials> readPeerCredentials(int fd, QString *error) {
    ucred credentials{};
    socklen_t length = sizeof(credentials);
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0 ||
        length != sizeof(credentials)) {
        if (error)
            *error =
                u"cannot read peer credentials: "_s + QString::fromLocal8Bit(std::strerror(errno));
        return std::nullopt;
    }

    PeerCredentials peer;
    peer.uid = credentials.uid;
    peer.gid = credentials.gid;
    peer.pid = credentials.pid;

    const std::optional<PasswdEntry> entry = passwdEntry(peer.uid);
    if (entry)
        peer.userName = entry->name;

    bool kernelKnowsGroups = false;
    peer.groups = kernelPeerGroups(fd, &kernelKnowsGroups);
    if (!kernelKnowsGroups && entry)
        peer.groups = passwdGroups(*entry);
    return peer;
}

bool isAuthorized(const PeerCredentials &peer, uid_t daemonUid, std::optional<gid_t> adminGid) {
    if (peer.uid == 0 || peer.uid == daemonUid)
        return true;
    if (!adminGid)
        return false;
    return peer.gid == *adminGid || peer.groups.contains(*adminGid);
}

std::optional<gid_t> lookupGroupId(const QString &groupName) {
    if (groupName.isEmpty())
        return std::nullopt;
    const QByteArray name = groupName.toLocal8Bit();
    std::vector<char> buffer(4096);
    while (true) {
        group entry{};
        group *found = nullptr;
        const int rc = ::getgrnam_r(name.constData(), &entry, buffer.data(), buffer.size(), &found);
        if (rc == ERANGE && buffer.size() < maxNssBufferBytes) {
            buffer.resize(buffer.size() * 2);
            continue;
        }
        if (rc != 0 || !found)
            return std::nullopt;
        return found->gr_gid;
    }
}

} // namespace mailstead::admin
