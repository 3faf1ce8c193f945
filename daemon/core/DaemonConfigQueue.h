// DaemonConfigQueue.h - the [queue] section of mailsteadd.conf beyond
// "remote_port" (internal to DaemonConfig.cpp)
//
// max_age, retry_base, retry_max, max_concurrency, max_domain_concurrency;
// queue/QueueLimits.h says what each bounds.
//
// SECURITY: administrator input; every value is range checked.
#pragma once

#include "DaemonConfig.h"

#include <QStringList>

class QSettings;

namespace mailstead::core {

QStringList queueConfigKeys(); // without "remote_port", which DaemonConfig.cpp reads
// Reads every [queue] key of queueConfigKeys() present in settings into
// *config; issues are named "queue/<key>".
void validateQueueValues(QSettings &settings, QueueConfig *config, QList<ConfigIssue> *issues);

} // namespace mailstead::core
