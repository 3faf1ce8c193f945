// CommandLine.h - mailsteadd's options and which configuration to run with
//
// mailsteadd [--config FILE | --local] [--check-config] [--foreground]
// The daemon always runs in the foreground (systemd Type=notify supervises
// it), so --foreground is accepted and implied. Which configuration:
// --config FILE; --local forces local mode (also as root, for a developer
// box or a container); else, as root, /etc/mailstead/mailsteadd.conf when it
// exists, else the installed defaults; else (a normal user) local mode.
#pragma once

#include "core/DaemonConfig.h"

#include <QString>
#include <QStringList>

namespace mailstead::runtime {

inline constexpr char installedConfigPath[] = "/etc/mailstead/mailsteadd.conf";

enum class ConfigSource { File, InstalledDefaults, LocalMode };

struct ConfigChoice {
    ConfigSource source = ConfigSource::LocalMode;
    QString path; // ConfigSource::File only

    // Applies the rule above; configOption is --config's value or empty.
    static ConfigChoice choose(const QString &configOption, bool forceLocal = false);
    core::LoadedConfig load() const;
    QString describe() const; // "config file /etc/...", "installed defaults", "local mode"
};

struct CommandLine {
    enum class Action { Run, CheckConfig, Exit };

    Action action = Action::Run;
    int exitCode = 0; // for Action::Exit: 0 after --help/--version, 2 on usage errors
    ConfigChoice config;

    // Prints --help, --version and usage errors itself.
    static CommandLine parse(const QStringList &arguments);
};

// --check-config: every issue as "mailsteadd: config: <issue>" on stderr, or
// "configuration ok" on stdout. Returns the exit code (0 or 1).
int checkConfig(const ConfigChoice &choice);

// Prints each line of text to stderr as "mailsteadd: <line>".
void printErrorLines(const QString &text);
// Prints one line to stdout and flushes (scripts wait for these lines).
void printOutputLine(const QString &line);

} // namespace mailstead::runtime
