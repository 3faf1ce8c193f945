// DaemonConfigImap.cpp - [imap] keys: connection limits, the autologout
// timer, APPENDLIMIT, plaintext logins on loopback
//
// Ranges: idle_timeout may go below RFC 9051 section 5.4's 30 minutes
// (tests want seconds), never below one second; append_limit is a size
// like [smtp] max_message_size ("50M"), 1K..4G; connection counts as for
// [smtp].
//
// SECURITY: administrator input, parsed defensively (see DaemonConfig.cpp).
#include "DaemonConfigImap.h"

#include "validation/Address.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

constexpr qint64 maxIdleTimeout = 24 * 3600;
constexpr int maxConnectionsLimit = 100000;
constexpr qint64 minAppendLimit = 1024;
constexpr qint64 maxAppendLimit = qint64(4) * 1024 * 1024 * 1024;

QString settingsText(const QVariant &value) {
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u", "_s);
    return value.toString().trimmed();
}

struct Reader {
    QSettings &settings;
    QList<ConfigIssue> *issues;

    bool has(const QString &key) const { return settings.contains(u"imap/"_s + key); }
    QString get(const QString &key) const { return settingsText(settings.value(u"imap/"_s + key)); }
    void issue(const QString &key, const QString &message) const {
        issues->append({u"imap/"_s + key, message});
    }

    void count(const QString &key, int *out) const {
        if (!has(key))
            return;
        const QString value = get(key);
        bool ok = false;
        const qint64 number = value.toLongLong(&ok);
        if (!ok || number < 1 || number > maxConnectionsLimit) {
            issue(key, u"must be a whole number 1.."_s + QString::number(maxConnectionsLimit) +
                           u", not \""_s + value + u"\""_s);
            return;
        }
        *out = int(number);
    }
};

} // namespace

QStringList imapConfigKeys() {
    return {u"max_connections"_s, u"max_connections_per_ip"_s, u"max_connections_per_user"_s,
            u"idle_timeout"_s,    u"append_limit"_s,           u"allow_plaintext_loopback"_s};
}

void validateImapValues(QSettings &settings, ImapConfig *config, QList<ConfigIssue> *issues) {
    const Reader r{settings, issues};
    r.count(u"max_connections"_s, &config->maxConnections);
    r.count(u"max_connections_per_ip"_s, &config->maxConnectionsPerIp);
    r.count(u"max_connections_per_user"_s, &config->maxConnectionsPerUser);
    if (r.has(u"idle_timeout"_s)) {
        const QString value = r.get(u"idle_timeout"_s);
        const qint64 seconds = parseDurationSeconds(value);
        if (seconds < 1 || seconds > maxIdleTimeout)
            r.issue(u"idle_timeout"_s, u"must be a duration of 1s.."_s +
                                           QString::number(maxIdleTimeout) +
                                           u"s (\"1800\", \"30m\"), not \""_s + value + u"\""_s);
        else
            config->idleTimeoutSeconds = int(seconds);
    }
    if (r.has(u"append_limit"_s)) {
        const QString value = r.get(u"append_limit"_s);
        const qint64 size = mailstead::parseByteSize(value);
        if (size < minAppendLimit || size > maxAppendLimit)
            r.issue(u"append_limit"_s,
                    u"must be a size of 1K..4G (\"50M\", \"52428800\"), not \""_s + value +
                        u"\""_s);
        else
            config->appendLimit = size;
    }
    if (r.has(u"allow_plaintext_loopback"_s)) {
        const QString value = r.get(u"allow_plaintext_loopback"_s).toLower();
        if (value == u"true"_s || value == u"yes"_s || value == u"on"_s || value == u"1"_s)
            config->allowPlaintextLoopback = true;
        else if (value == u"false"_s || value == u"no"_s || value == u"off"_s || value == u"0"_s)
            config->allowPlaintextLoopback = false;
        else
            r.issue(u"allow_plaintext_loopback"_s, u"must be true or false, not \""_s +
                                                       r.get(u"allow_plaintext_loopback"_s) +
                                                       u"\""_s);
    }
}

} // namespace mailstead::core
