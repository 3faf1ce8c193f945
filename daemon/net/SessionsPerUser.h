// SessionsPerUser.h - how many sessions each logged-in user holds, over
// every listener and I/O thread of one protocol
//
// What enforces maxConnectionsPerUser of IMAP and POP3: a session counts
// itself in at login and out when it ends. The key is the caller's (IMAP
// folds its case, POP3 takes the mailbox address as it is).
//
// SECURITY: no peer input; keys are addresses of authenticated users.
#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace mailstead::net {

class SessionsPerUser {
public:
    // Counts a session of `user` unless it already has `limit` of them
    // (limit <= 0: no limit); pair each true with release().
    bool acquire(const QString &user, int limit);
    void release(const QString &user);
    int count(const QString &user) const;

private:
    mutable QMutex m_mutex;
    QHash<QString, int> m_counts; // guarded by m_mutex
};

} // namespace mailstead::net
