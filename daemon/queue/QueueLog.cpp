// QueueLog.cpp - see QueueLog.h
#include "QueueLog.h"

namespace mailstead::queue {

Q_LOGGING_CATEGORY(lcQueue, "mailstead.queue")

} // namespace mailstead::queue
