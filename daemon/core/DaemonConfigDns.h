// DaemonConfigDns.h - the [dns] section of mailsteadd.conf beyond "servers"
// (internal to DaemonConfig.cpp)
//
// public_addresses, timeout, max_answers, max_concurrent_queries,
// trust_anchor; see
// dns/DnsLimits.h for what the limits bound and dns/DnsServerAddresses.h
// for where the public addresses are used.
//
// SECURITY: administrator input; every value is range checked because the
// limits bound what remote name servers can make the daemon wait for.
#pragma once

#include "DaemonConfig.h"

#include <QStringList>

class QSettings;

namespace mailstead::core {

QStringList dnsConfigKeys(); // without "servers", which DaemonConfig.cpp reads
// Reads every [dns] key of dnsConfigKeys() present in settings into
// *config; issues are named "dns/<key>".
void validateDnsValues(QSettings &settings, DnsConfig *config, QList<ConfigIssue> *issues);

} // namespace mailstead::core
