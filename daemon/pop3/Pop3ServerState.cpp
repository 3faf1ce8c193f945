// Pop3ServerState.cpp - see Pop3ServerState.h
#include "Pop3ServerState.h"

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

bool Pop3ServerState::acquireUser(const QString &mailbox, int limit) {
    return m_userSessions.acquire(mailbox, limit);
}

void Pop3ServerState::releaseUser(const QString &mailbox) {
    m_userSessions.release(mailbox);
}

int Pop3ServerState::userSessions(const QString &mailbox) const {
    return m_userSessions.count(mailbox);
}

} // namespace mailstead::pop3
