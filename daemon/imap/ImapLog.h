// ImapLog.h - the logging category of the IMAP server ("mailstead.imap")
//
// Lines appear as "INFO imap: ..." through core::Log's handler, which
// derives the subsystem from the category name.
#pragma once

#include <QLoggingCategory>

namespace mailstead::imap {

Q_DECLARE_LOGGING_CATEGORY(lcImap) // "mailstead.imap"

} // namespace mailstead::imap
