// SessionsPerUser.cpp - see SessionsPerUser.h
#include "SessionsPerUser.h"

#include <QMutexLocker>

namespace mailstead::net {

bool SessionsPerUser::acquire(const QString &user, int limit) {
    QMutexLocker locker(&m_mutex);
    int &count = m_counts[user];
    if (limit > 0 && count >= limit)
        return false; // count >= limit > 0: no empty entry is left behind
    ++count;
    return true;
}

void SessionsPerUser::release(const QString &user) {
    QMutexLocker locker(&m_mutex);
    auto it = m_counts.find(user);
    if (it != m_counts.end() && --it.value() <= 0)
        m_counts.erase(it);
}

int SessionsPerUser::count(const QString &user) const {
    QMutexLocker locker(&m_mutex);
    return m_counts.value(user);
}

} // namespace mailstead::net
