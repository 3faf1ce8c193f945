// CtlRunner.h - runs one mailsteadctl invocation against the daemon
//
// Parses the command line (CtlCommands), reads a password line from stdin
// when asked, connects to the admin socket, makes one IPC call and prints
// the result. Returns the process exit status (ExitCode).
//
// SECURITY: passwords only ever come from standard input (with echo off on
// a terminal) and are sent over the local admin socket; they are never
// printed. Text from the daemon is sanitized before it reaches the terminal.
#pragma once

#include <QStringList>

namespace mailstead::ctl {

// Needs a QCoreApplication. arguments: argv without the program name.
int runCtl(const QStringList &arguments);

} // namespace mailstead::ctl
