// ImapLog.cpp - see ImapLog.h
#include "ImapLog.h"

namespace mailstead::imap {

Q_LOGGING_CATEGORY(lcImap, "mailstead.imap")

} // namespace mailstead::imap
