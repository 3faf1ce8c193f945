// DaemonConfigHttp.cpp - [http] keys: MTA-STS policy, request timeout,
// connection limits
//
// RFC 8461 section 3.2: max_age is at most 31557600 seconds (about a year);
// section 5: the three policy modes.
//
// SECURITY: administrator input, parsed defensively (see DaemonConfig.cpp).
#include "DaemonConfigHttp.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

// RFC 8461 section 3.2.
constexpr qint64 maxMtaStsMaxAge = 31557600;
// A client that needs more than five minutes for one small request is not
// one we need to wait for.
constexpr qint64 maxRequestTimeout = 300;
constexpr int maxConnectionsLimit = 100000;

QString settingsText(const QVariant &value) {
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u", "_s);
    return value.toString().trimmed();
}

QString key(const QString &name) {
    return u"http/"_s + name;
}

void readInteger(QSettings &settings, const QString &name, int high, int *out,
                 QList<ConfigIssue> *issues) {
    if (!settings.contains(key(name)))
        return;
    const QString value = settingsText(settings.value(key(name)));
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    if (!ok || number < 1 || number > high) {
        issues->append({key(name), u"must be a whole number 1.."_s + QString::number(high) +
                                       u", not \""_s + value + u"\""_s});
        return;
    }
    *out = int(number);
}

} // namespace

QString mtaStsModeName(MtaStsMode mode) {
    switch (mode) {
    case MtaStsMode::None:
        return u"none"_s;
    case MtaStsMode::Testing:
        return u"testing"_s;
    case MtaStsMode::Enforce:
        return u"enforce"_s;
    }
    return {};
}

bool parseMtaStsMode(const QString &text, MtaStsMode *mode) {
    for (const MtaStsMode candidate :
         {MtaStsMode::None, MtaStsMode::Testing, MtaStsMode::Enforce}) {
        if (text == mtaStsModeName(candidate)) {
            *mode = candidate;
            return true;
        }
    }
    return false;
}

QStringList httpConfigKeys() {
    return {u"mta_sts_mode"_s, u"mta_sts_max_age"_s, u"request_timeout"_s, u"max_connections"_s,
            u"max_connections_per_ip"_s};
}

void validateHttpValues(QSettings &settings, HttpConfig *config, QList<ConfigIssue> *issues) {
    if (settings.contains(key(u"mta_sts_mode"_s))) {
        const QString value = settingsText(settings.value(key(u"mta_sts_mode"_s)));
        if (!parseMtaStsMode(value, &config->mtaStsMode))
            issues->append({key(u"mta_sts_mode"_s),
                            u"must be none, testing or enforce, not \""_s + value + u"\""_s});
    }
    if (settings.contains(key(u"mta_sts_max_age"_s))) {
        const QString value = settingsText(settings.value(key(u"mta_sts_max_age"_s)));
        const qint64 seconds = parseDurationSeconds(value);
        if (seconds < 0 || seconds > maxMtaStsMaxAge)
            issues->append({key(u"mta_sts_max_age"_s),
                            u"must be a duration of 0.."_s + QString::number(maxMtaStsMaxAge) +
                                u" seconds (RFC 8461 section 3.2; \"604800\", \"168h\"), not \""_s +
                                value + u"\""_s});
        else
            config->mtaStsMaxAgeSeconds = seconds;
    }
    if (settings.contains(key(u"request_timeout"_s))) {
        const QString value = settingsText(settings.value(key(u"request_timeout"_s)));
        const qint64 seconds = parseDurationSeconds(value);
        if (seconds < 1 || seconds > maxRequestTimeout)
            issues->append({key(u"request_timeout"_s),
                            u"must be a duration of 1s.."_s + QString::number(maxRequestTimeout) +
                                u"s (\"10\", \"10s\", \"1m\"), not \""_s + value + u"\""_s});
        else
            config->requestTimeoutSeconds = int(seconds);
    }
    readInteger(settings, u"max_connections"_s, maxConnectionsLimit, &config->maxConnections,
                issues);
    readInteger(settings, u"max_connections_per_ip"_s, maxConnectionsLimit,
                &config->maxConnectionsPerIp, issues);
}

} // namespace mailstead::core
