// ImapServerState.cpp - see ImapServerState.h
#include "ImapServerState.h"

#include <QMutexLocker>

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

ImapServerState::ImapServerState(const ImapServices &services)
    : m_services(services)
    , m_settings(std::make_shared<const ImapSettings>()) {}

std::shared_ptr<const ImapSettings> ImapServerState::settings() const {
    QMutexLocker locker(&m_mutex);
    return m_settings;
}

void ImapServerState::setSettings(const ImapSettings &settings) {
    auto next = std::make_shared<const ImapSettings>(settings);
    QMutexLocker locker(&m_mutex);
    m_settings = std::move(next);
}

bool ImapServerState::acquireUser(const QString &user, int limit) {
    const QString key = user.toCaseFolded();
    QMutexLocker locker(&m_mutex);
    int &count = m_users[key];
    if (limit > 0 && count >= limit) {
        if (count == 0)
            m_users.remove(key);
        return false;
    }
    ++count;
    return true;
}

void ImapServerState::releaseUser(const QString &user) {
    const QString key = user.toCaseFolded();
    QMutexLocker locker(&m_mutex);
    auto it = m_users.find(key);
    if (it != m_users.end() && --it.value() <= 0)
        m_users.erase(it);
}

} // namespace mailstead::imap
