// Log.h - logging for mailsteadd: one line per message on stderr
//
// Format: "LEVEL subsystem: message". When stderr is the journal
// ($JOURNAL_STREAM matches stderr) each line starts with the sd-daemon
// priority prefix ("<6>") instead of a timestamp, so journald records the
// level. Otherwise lines start with an ISO 8601 UTC timestamp. Messages at or
// above the configured level are also published as "event.log" on the
// EventBus when one is attached.
#pragma once

#include <QLoggingCategory>
#include <QString>

namespace mailstead::core {

class EventBus;

Q_DECLARE_LOGGING_CATEGORY(lcCore)    // "mailstead.core"
Q_DECLARE_LOGGING_CATEGORY(lcStore)   // "mailstead.store"
Q_DECLARE_LOGGING_CATEGORY(lcNet)     // "mailstead.net"
Q_DECLARE_LOGGING_CATEGORY(lcSmtp)    // "mailstead.smtp"
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)   // "mailstead.admin"
Q_DECLARE_LOGGING_CATEGORY(lcRuntime) // "mailstead.runtime"

namespace Log {
// Installs the message handler. level: "debug", "info", "warning", "error".
void install(const QString &level);
void setLevel(const QString &level);
bool isValidLevel(const QString &level);
// Attach (or detach with nullptr) the bus that receives event.log.
void setEventBus(EventBus *bus);
} // namespace Log

} // namespace mailstead::core
