// DaemonConfigImap.h - the [imap] section of mailsteadd.conf (internal to
// DaemonConfig.cpp)
//
// SECURITY: values from the administrator's config file; each is range
// checked, because they bound what unauthenticated peers may hold open and
// send, and allow_plaintext_loopback decides whether passwords may cross a
// connection without TLS.
#pragma once

#include "DaemonConfig.h"

#include <QStringList>

class QSettings;

namespace mailstead::core {

QStringList imapConfigKeys();
// Reads every [imap] key present in settings into *config; issues are
// named "imap/<key>".
void validateImapValues(QSettings &settings, ImapConfig *config, QList<ConfigIssue> *issues);

} // namespace mailstead::core
