// DaemonConfigPop3.h - the [pop3] section of mailsteadd.conf (internal to
// DaemonConfig.cpp)
//
// SECURITY: values from the administrator's config file; each is range
// checked, because they bound what unauthenticated peers may hold open, and
// allow_plaintext_loopback decides whether passwords may cross a
// connection without TLS.
#pragma once

#include "DaemonConfig.h"

#include <QStringList>

class QSettings;

namespace mailstead::core {

QStringList pop3ConfigKeys();
// Reads every [pop3] key present in settings into *config; issues are
// named "pop3/<key>".
void validatePop3Values(QSettings &settings, Pop3Config *config, QList<ConfigIssue> *issues);

} // namespace mailstead::core
