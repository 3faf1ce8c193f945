// QueueLog.h - the logging category of the outbound queue ("mailstead.queue")
//
// Lines appear as "INFO queue: ..." through core::Log's handler, which
// derives the subsystem from the category name.
#pragma once

#include <QLoggingCategory>

namespace mailstead::queue {

Q_DECLARE_LOGGING_CATEGORY(lcQueue) // "mailstead.queue"

} // namespace mailstead::queue
