// DaemonConfigQueue.cpp - [queue] retry schedule and concurrency
//
// max_age 1h..30d (RFC 5321 section 4.5.4.1 suggests at least 4-5 days,
// the default), retry_base 1s..1d, retry_max retry_base..7d (a test sets
// seconds; a server keeps minutes and hours), max_concurrency 1..1000
// sessions, max_domain_concurrency 1..100 per destination domain (remote
// servers limit connections per client; Postfix's default is 20).
#include "DaemonConfigQueue.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

constexpr qint64 day = 86400;

QString settingsText(QSettings &settings, const QString &key) {
    const QVariant value = settings.value(u"queue/"_s + key);
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u", "_s);
    return value.toString().trimmed();
}

void readDuration(QSettings &settings, QList<ConfigIssue> *issues, const QString &key, qint64 low,
                  qint64 high, const QString &range, qint64 *out) {
    if (!settings.contains(u"queue/"_s + key))
        return;
    const QString value = settingsText(settings, key);
    const qint64 seconds = parseDurationSeconds(value);
    if (seconds < low || seconds > high) {
        issues->append({u"queue/"_s + key,
                        u"must be a duration of "_s + range + u", not \""_s + value + u"\""_s});
        return;
    }
    *out = seconds;
}

void readCount(QSettings &settings, QList<ConfigIssue> *issues, const QString &key, int high,
               int *out) {
    if (!settings.contains(u"queue/"_s + key))
        return;
    const QString value = settingsText(settings, key);
    bool ok = false;
    const int number = value.toInt(&ok);
    if (!ok || number < 1 || number > high) {
        issues->append({u"queue/"_s + key, u"must be a whole number 1.."_s + QString::number(high) +
                                               u", not \""_s + value + u"\""_s});
        return;
    }
    *out = number;
}

} // namespace

QStringList queueConfigKeys() {
    return {u"max_age"_s, u"retry_base"_s, u"retry_max"_s, u"max_concurrency"_s,
            u"max_domain_concurrency"_s};
}

void validateQueueValues(QSettings &settings, QueueConfig *config, QList<ConfigIssue> *issues) {
    readDuration(settings, issues, u"max_age"_s, 3600, 30 * day, u"1h..30d"_s,
                 &config->maxAgeSeconds);
    readDuration(settings, issues, u"retry_base"_s, 1, day, u"1s..1d"_s, &config->retryBaseSeconds);
    readDuration(settings, issues, u"retry_max"_s, 1, 7 * day, u"1s..7d"_s,
                 &config->retryMaxSeconds);
    if (config->retryMaxSeconds < config->retryBaseSeconds)
        issues->append({u"queue/retry_max"_s, u"must not be shorter than retry_base ("_s +
                                                  QString::number(config->retryBaseSeconds) +
                                                  u"s)"_s});
    readCount(settings, issues, u"max_concurrency"_s, 1000, &config->maxConcurrency);
    readCount(settings, issues, u"max_domain_concurrency"_s, 100, &config->maxDomainConcurrency);
}

} // namespace mailstead::core
