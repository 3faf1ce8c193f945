// ImapServerState.cpp - see ImapServerState.h
#include "ImapServerState.h"

using namespace Qt::StringLiterals;

namespace mailstead::imap {

QJsonObject ImapCounters::toJson() const {
    return QJsonObject{
        {u"connections_total"_s, connectionsTotal.load()},
        {u"connections_active"_s, connectionsActive.load()},
        {u"tls_sessions"_s, tlsSessions.load()},
        {u"logins"_s, logins.load()},
        {u"login_failures"_s, loginFailures.load()},
        {u"commands"_s, commands.load()},
        {u"bad_commands"_s, badCommands.load()},
        {u"messages_appended"_s, messagesAppended.load()},
        {u"bytes_appended"_s, bytesAppended.load()},
        {u"idle_sessions"_s, idleSessions.load()},
    };
}

bool ImapServerState::acquireUser(const QString &user, int limit) {
    return m_users.acquire(user.toCaseFolded(), limit);
}

void ImapServerState::releaseUser(const QString &user) {
    m_users.release(user.toCaseFolded());
}

} // namespace mailstead::imap
