// DaemonConfigPop3.cpp - [pop3] keys: connection limits, idle timeout,
// plaintext logins on loopback
//
// Ranges: the idle timeout may go below RFC 1939's 10 minutes (section 3
// says "at least"; tests and busy servers want less), but not below a
// second; connection counts as for [smtp].
//
// SECURITY: administrator input, parsed defensively (see DaemonConfig.cpp).
#include "DaemonConfigPop3.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

constexpr qint64 maxIdleTimeout = 24 * 3600;
constexpr int maxConnectionsLimit = 100000;

QString settingsText(const QVariant &value) {
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u", "_s);
    return value.toString().trimmed();
}

struct Reader {
    QSettings &settings;
    QList<ConfigIssue> *issues;

    bool has(const QString &key) const { return settings.contains(u"pop3/"_s + key); }
    QString get(const QString &key) const { return settingsText(settings.value(u"pop3/"_s + key)); }
    void issue(const QString &key, const QString &message) const {
        issues->append({u"pop3/"_s + key, message});
    }

    void integer(const QString &key, int low, int high, int *out) const {
        if (!has(key))
            return;
        const QString value = get(key);
        bool ok = false;
        const qint64 number = value.toLongLong(&ok);
        if (!ok || number < low || number > high) {
            issue(key, u"must be a whole number "_s + QString::number(low) + u".."_s +
                           QString::number(high) + u", not \""_s + value + u"\""_s);
            return;
        }
        *out = int(number);
    }

    void boolean(const QString &key, bool *out) const {
        if (!has(key))
            return;
        const QString value = get(key).toLower();
        if (value == u"true"_s || value == u"yes"_s || value == u"on"_s || value == u"1"_s)
            *out = true;
        else if (value == u"false"_s || value == u"no"_s || value == u"off"_s || value == u"0"_s)
            *out = false;
        else
            issue(key, u"must be true or false, not \""_s + get(key) + u"\""_s);
    }
};

} // namespace

QStringList pop3ConfigKeys() {
    return {u"max_connections"_s, u"max_connections_per_ip"_s, u"max_connections_per_user"_s,
            u"idle_timeout"_s, u"allow_plaintext_loopback"_s};
}

void validatePop3Values(QSettings &settings, Pop3Config *config, QList<ConfigIssue> *issues) {
    const Reader r{settings, issues};
    r.integer(u"max_connections"_s, 1, maxConnectionsLimit, &config->maxConnections);
    r.integer(u"max_connections_per_ip"_s, 1, maxConnectionsLimit, &config->maxConnectionsPerIp);
    r.integer(u"max_connections_per_user"_s, 1, maxConnectionsLimit,
              &config->maxConnectionsPerUser);
    if (r.has(u"idle_timeout"_s)) {
        const QString value = r.get(u"idle_timeout"_s);
        const qint64 seconds = parseDurationSeconds(value);
        if (seconds < 1 || seconds > maxIdleTimeout)
            r.issue(u"idle_timeout"_s, u"must be a duration of 1s.."_s +
                                           QString::number(maxIdleTimeout) +
                                           u"s (\"600\", \"10m\"), not \""_s + value + u"\""_s);
        else
            config->idleTimeoutSeconds = int(seconds);
    }
    r.boolean(u"allow_plaintext_loopback"_s, &config->allowPlaintextLoopback);
}

} // namespace mailstead::core
