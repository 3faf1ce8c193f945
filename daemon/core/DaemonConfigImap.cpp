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

#include "DaemonConfigReader.h"
#include "validation/Address.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

constexpr qint64 maxIdleTimeout = 24 * 3600;
constexpr int maxConnectionsLimit = 100000;
constexpr qint64 minAppendLimit = 1024;
constexpr qint64 maxAppendLimit = qint64(4) * 1024 * 1024 * 1024;

} // namespace

QStringList imapConfigKeys() {
    return {u"max_connections"_s, u"max_connections_per_ip"_s, u"max_connections_per_user"_s,
            u"idle_timeout"_s,    u"append_limit"_s,           u"allow_plaintext_loopback"_s};
}

void validateImapValues(QSettings &settings, ImapConfig *config, QList<ConfigIssue> *issues) {
    const ConfigSectionReader r(settings, u"imap"_s, issues);
    r.integer(u"max_connections"_s, 1, maxConnectionsLimit, &config->maxConnections);
    r.integer(u"max_connections_per_ip"_s, 1, maxConnectionsLimit, &config->maxConnectionsPerIp);
    r.integer(u"max_connections_per_user"_s, 1, maxConnectionsLimit,
              &config->maxConnectionsPerUser);
    r.duration(u"idle_timeout"_s, maxIdleTimeout, u"(\"1800\", \"30m\")"_s,
               &config->idleTimeoutSeconds);
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
    r.boolean(u"allow_plaintext_loopback"_s, &config->allowPlaintextLoopback);
}

} // namespace mailstead::core
