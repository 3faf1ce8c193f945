// DaemonConfigSubmission.cpp - [submission] keys: failed AUTH attempts per
// session and the send rate limits per mailbox and per domain
//
// max_auth_failures 1..100 (each failure already waits for the
// authenticator's growing delay; the limit ends a session that keeps
// guessing). Rate limits 0..10,000,000 with 0 for unlimited.
//
// SECURITY: administrator input, parsed defensively (see DaemonConfig.cpp).
#include "DaemonConfigSubmission.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

constexpr int maxAuthFailuresLimit = 100;
constexpr int maxRateLimit = 10'000'000;

void readInteger(QSettings &settings, QList<ConfigIssue> *issues, const QString &key, int low,
                 int high, int *out) {
    const QString name = u"submission/"_s + key;
    if (!settings.contains(name))
        return;
    const QVariant raw = settings.value(name);
    const QString value = raw.typeId() == QMetaType::QStringList ? raw.toStringList().join(u", "_s)
                                                                 : raw.toString().trimmed();
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    if (!ok || number < low || number > high) {
        issues->append({name, u"must be a whole number "_s + QString::number(low) + u".."_s +
                                  QString::number(high) + u", not \""_s + value + u"\""_s});
        return;
    }
    *out = int(number);
}

} // namespace

QStringList submissionConfigKeys() {
    return {u"max_auth_failures"_s, u"mailbox_messages_per_hour"_s, u"mailbox_recipients_per_day"_s,
            u"domain_messages_per_hour"_s, u"domain_recipients_per_day"_s};
}

void validateSubmissionValues(QSettings &settings, SubmissionConfig *config,
                              QList<ConfigIssue> *issues) {
    readInteger(settings, issues, u"max_auth_failures"_s, 1, maxAuthFailuresLimit,
                &config->maxAuthFailures);
    readInteger(settings, issues, u"mailbox_messages_per_hour"_s, 0, maxRateLimit,
                &config->mailboxMessagesPerHour);
    readInteger(settings, issues, u"mailbox_recipients_per_day"_s, 0, maxRateLimit,
                &config->mailboxRecipientsPerDay);
    readInteger(settings, issues, u"domain_messages_per_hour"_s, 0, maxRateLimit,
                &config->domainMessagesPerHour);
    readInteger(settings, issues, u"domain_recipients_per_day"_s, 0, maxRateLimit,
                &config->domainRecipientsPerDay);
}

} // namespace mailstead::core
