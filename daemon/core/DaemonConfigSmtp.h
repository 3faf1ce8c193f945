// DaemonConfigSmtp.h - the [smtp] section of mailsteadd.conf (internal to
// DaemonConfig.cpp)
//
// SECURITY: values from the administrator's config file; each is range
// checked, because they bound what unauthenticated peers may make the
// server hold and wait for.
#pragma once

#include "DaemonConfig.h"

#include <QStringList>

class QSettings;

namespace mailstead::core {

QStringList smtpConfigKeys();
// Reads every [smtp] key present in settings into *config; issues are
// named "smtp/<key>".
void validateSmtpValues(QSettings &settings, SmtpConfig *config, QList<ConfigIssue> *issues);

} // namespace mailstead::core
