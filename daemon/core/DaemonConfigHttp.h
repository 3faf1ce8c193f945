// DaemonConfigHttp.h - the [http] section of mailsteadd.conf (internal to
// DaemonConfig.cpp)
//
// mta_sts_mode and mta_sts_max_age shape the MTA-STS policy (RFC 8461
// section 3.2); request_timeout and the connection limits bound what
// unauthenticated HTTP clients may hold.
//
// SECURITY: values from the administrator's config file; each is range
// checked, because they bound what unauthenticated peers may make the
// server hold and wait for.
#pragma once

#include "DaemonConfig.h"

#include <QStringList>

class QSettings;

namespace mailstead::core {

QStringList httpConfigKeys();
// Reads every [http] key present in settings into *config; issues are
// named "http/<key>".
void validateHttpValues(QSettings &settings, HttpConfig *config, QList<ConfigIssue> *issues);

// "none", "testing", "enforce" (RFC 8461 section 5); false for anything else.
bool parseMtaStsMode(const QString &text, MtaStsMode *mode);

} // namespace mailstead::core
