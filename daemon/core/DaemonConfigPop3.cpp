// DaemonConfigPop3.cpp - [pop3] keys: connection limits, idle timeout,
// plaintext logins on loopback
//
// Ranges: the idle timeout may go below RFC 1939's 10 minutes (section 3
// says "at least"; tests and busy servers want less), but not below a
// second; connection counts as for [smtp].
//
// SECURITY: administrator input, parsed defensively (see DaemonConfig.cpp).
#include "DaemonConfigPop3.h"

#include "DaemonConfigReader.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

constexpr qint64 maxIdleTimeout = 24 * 3600;
constexpr int maxConnectionsLimit = 100000;

} // namespace

QStringList pop3ConfigKeys() {
    return {u"max_connections"_s, u"max_connections_per_ip"_s, u"max_connections_per_user"_s,
            u"idle_timeout"_s, u"allow_plaintext_loopback"_s};
}

void validatePop3Values(QSettings &settings, Pop3Config *config, QList<ConfigIssue> *issues) {
    const ConfigSectionReader r(settings, u"pop3"_s, issues);
    r.integer(u"max_connections"_s, 1, maxConnectionsLimit, &config->maxConnections);
    r.integer(u"max_connections_per_ip"_s, 1, maxConnectionsLimit, &config->maxConnectionsPerIp);
    r.integer(u"max_connections_per_user"_s, 1, maxConnectionsLimit,
              &config->maxConnectionsPerUser);
    r.duration(u"idle_timeout"_s, maxIdleTimeout, u"(\"600\", \"10m\")"_s,
               &config->idleTimeoutSeconds);
    r.boolean(u"allow_plaintext_loopback"_s, &config->allowPlaintextLoopback);
}

} // namespace mailstead::core
