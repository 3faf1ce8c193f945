// Pop3ServerState.cpp - see Pop3ServerState.h
#include "Pop3ServerState.h"

#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace mailstead::pop3 {

Q_LOGGING_CATEGORY(lcPop3, "mailstead.pop3")

QJsonObject Pop3Counters::toJson() const {
    return QJsonObject{
        {u"connections_total"_s, connectionsTotal.load()},
        {u"connections_active"_s, connectionsActive.load()},
        {u"tls_sessions"_s, tlsSessions.load()},
        {u"logins"_s, logins.load()},
        {u"login_failures"_s, loginFailures.load()},
        {u"messages_retrieved"_s, messagesRetrieved.load()},
        {u"bytes_retrieved"_s, bytesRetrieved.load()},
        {u"messages_deleted"_s, messagesDeleted.load()},
    };
}

Pop3ServerState::Pop3ServerState(const Pop3Services &services)
    : m_services(services)
    , m_settings(std::make_shared<const Pop3Settings>()) {}

std::shared_ptr<const Pop3Settings> Pop3ServerState::settings() const {
    QMutexLocker locker(&m_mutex);
    return m_settings;
}

void Pop3ServerState::setSettings(const Pop3Settings &settings) {
    auto next = std::make_shared<const Pop3Settings>(settings);
    QMutexLocker locker(&m_mutex);
    m_settings = std::move(next);
}

bool Pop3ServerState::acquireUser(const QString &mailbox, int limit) {
    QMutexLocker locker(&m_mutex);
    int &count = m_userSessions[mailbox];
    if (limit > 0 && count >= limit) {
        if (count == 0)
            m_userSessions.remove(mailbox);
        return false;
    }
    ++count;
    return true;
}

void Pop3ServerState::releaseUser(const QString &mailbox) {
    QMutexLocker locker(&m_mutex);
    auto it = m_userSessions.find(mailbox);
    if (it != m_userSessions.end() && --it.value() <= 0)
        m_userSessions.erase(it);
}

int Pop3ServerState::userSessions(const QString &mailbox) const {
    QMutexLocker locker(&m_mutex);
    return m_userSessions.value(mailbox);
}

} // namespace mailstead::pop3
