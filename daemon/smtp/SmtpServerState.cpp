// SmtpServerState.cpp - see SmtpServerState.h
#include "SmtpServerState.h"

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

} // namespace mailstead::smtp
