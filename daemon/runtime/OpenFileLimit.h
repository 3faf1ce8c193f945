// OpenFileLimit.h - the process's open-file limit, raised to fit the
// connection limits
//
// Every connection holds a descriptor, and so do the store's files and
// databases, the listeners and the admin socket. A service started by
// systemd gets a soft limit of 1024 and a much higher hard limit
// (LimitNOFILE); like most servers, mailsteadd raises its soft limit itself
// (setrlimit(2) RLIMIT_NOFILE, up to the hard limit, never down).
#pragma once

#include <QString>

namespace mailstead::runtime {

// Descriptors kept aside for everything that is not a connection.
inline constexpr int openFilesBesideConnections = 1024;

struct OpenFileLimit {
    quint64 before = 0; // soft limit found
    quint64 now = 0;    // soft limit after raising it
    quint64 hard = 0;
};

// Raises the soft limit to `wanted` (or to the hard limit when that is
// lower); `warning` says what to change when `wanted` does not fit.
OpenFileLimit raiseOpenFileLimit(quint64 wanted, QString *warning);

} // namespace mailstead::runtime
