// PeerCredentials.h - who is on the other end of an admin socket connection
//
// Reads the connecting process's uid, gid and pid (SO_PEERCRED, socket(7)) and
// its supplementary groups (SO_PEERGROUPS, Linux 4.13; otherwise getgrouplist
// of the peer's passwd entry), and decides whether that peer may administer
// the daemon.
//
// SECURITY: the credentials come from the kernel, not from the peer, and are
// those the peer had when it called connect(). isAuthorized() is the one place
// that grants admin access: root, the daemon's own uid, and members of the
// admin group.
#pragma once

#include <optional>
#include <QList>
#include <QString>
#include <sys/types.h>

namespace mailstead::admin {

struct PeerCredentials {
    uid_t uid = 0;
    gid_t gid = 0; // primary group
    pid_t pid = 0;
    QList<gid_t> groups; // supplementary groups
    QString userName;    // from the passwd entry; empty when uid has none
};

// Credentials of the peer of a connected AF_UNIX socket, or nullopt with
// *error set when the kernel would not tell.
std::optional<PeerCredentials> readPeerCredentials(int fd, QString *error = nullptr);

// The access rule (pure, table-tested): root, the daemon's own uid, or the
// admin group as the primary or a supplementary group of the peer.
bool isAuthorized(const PeerCredentials &peer, uid_t daemonUid, std::optional<gid_t> adminGid);

// The gid of a group name, or nullopt when no such group exists.
std::optional<gid_t> lookupGroupId(const QString &groupName);

} // namespace mailstead::admin
