// SmtpServerState.cpp - see SmtpServerState.h
#include "SmtpServerState.h"

#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

QJsonObject SmtpCounters::toJson() const {
    return QJsonObject{
        {u"connections_total"_s, connectionsTotal.load()},
        {u"connections_active"_s, connectionsActive.load()},
        {u"messages_accepted"_s, messagesAccepted.load()},
        {u"recipients_accepted"_s, recipientsAccepted.load()},
        {u"recipients_rejected"_s, recipientsRejected.load()},
        {u"bytes_accepted"_s, bytesAccepted.load()},
        {u"tls_sessions"_s, tlsSessions.load()},
        {u"submission_sessions"_s, submissionSessions.load()},
        {u"auth_successes"_s, authSuccesses.load()},
        {u"auth_failures"_s, authFailures.load()},
        {u"messages_submitted"_s, messagesSubmitted.load()},
        {u"rate_limited"_s, rateLimited.load()},
    };
}

SmtpServerState::SmtpServerState(const SmtpServices &services)
    : m_services(services)
    , m_settings(std::make_shared<const SmtpSettings>()) {}

std::shared_ptr<const SmtpSettings> SmtpServerState::settings() const {
    QMutexLocker locker(&m_mutex);
    return m_settings;
}

void SmtpServerState::setSettings(const SmtpSettings &settings) {
    auto next = std::make_shared<const SmtpSettings>(settings);
    QMutexLocker locker(&m_mutex);
    m_settings = std::move(next);
}

} // namespace mailstead::smtp
