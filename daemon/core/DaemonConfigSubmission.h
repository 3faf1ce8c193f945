// DaemonConfigSubmission.h - the [submission] section of mailsteadd.conf
// (internal to DaemonConfig.cpp)
//
// max_auth_failures, mailbox_messages_per_hour, mailbox_recipients_per_day,
// domain_messages_per_hour, domain_recipients_per_day; SubmissionConfig in
// DaemonConfig.h has the defaults.
//
// SECURITY: administrator input; every value is range checked, because
// these numbers bound what a stolen password can send.
#pragma once

#include "DaemonConfig.h"

#include <QStringList>

class QSettings;

namespace mailstead::core {

QStringList submissionConfigKeys();
// Reads every [submission] key present in settings into *config; issues
// are named "submission/<key>".
void validateSubmissionValues(QSettings &settings, SubmissionConfig *config,
                              QList<ConfigIssue> *issues);

} // namespace mailstead::core
