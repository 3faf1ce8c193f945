// CtlCommands.h - the mailsteadctl command table and argument parser
//
// Every "NOUN VERB" is one CommandSpec: the IPC method it calls, its
// positional arguments and options (each mapped to an IPC parameter) and the
// formatter that turns the result into text. parseArguments() is a pure
// function from argv to an Invocation {method, params, or a usage error}, so
// the whole command line is testable without a daemon. Passwords are never
// taken from argv: --password-stdin only names the parameter that the runner
// fills with one line read from standard input.
#pragma once

#include <functional>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace mailstead::ctl {

enum ExitCode : int {
    ExitSuccess = 0,
    ExitRefused = 1,     // the daemon answered with an error (or "invalid" for auth-test)
    ExitUsage = 2,       // bad command line
    ExitUnreachable = 3, // no connection to mailsteadd
};

// Human output for one result; exitCode lets auth-test report "invalid".
struct Output {
    QString text;
    int exitCode = ExitSuccess;
};
using Formatter = std::function<Output(const QJsonValue &result)>;

enum class ValueKind {
    Flag,      // no value; sets `param` to `flagValue`
    Size,      // "10G", parsed with parseByteSize
    Count,     // non-negative integer
    Text,      // any string
    YesNo,     // yes|no -> bool
    List,      // "a,b,c" -> array of strings
    StdinLine, // no value; `param` is read as one line from stdin
};

// A file given as an argument (a PEM chain or key) is read up to this size.
inline constexpr qint64 maxArgumentFileBytes = 1024 * 1024;

struct OptionSpec {
    QString name{}; // without the leading "--"
    ValueKind kind = ValueKind::Text;
    QString param{};     // IPC parameter name
    QString valueName{}; // for help: SIZE, N, TEXT, ...
    QString help{};
    QJsonValue flagValue = true;
    QString exclusiveGroup{}; // at most one option of a group may be given
};

struct ArgSpec {
    enum class Arity { Required, Optional, OneOrMore };
    QString name{};  // for help: NAME, ADDRESS, ...
    QString param{}; // IPC parameter; OneOrMore gives an array
    Arity arity = Arity::Required;
    // The argument names a file; the runner sends its contents (at most
    // maxArgumentFileBytes) instead of the name.
    bool fileContents = false;
};

struct CommandSpec {
    QString noun{};
    QString verb{}; // empty for a noun-only command ("status")
    QString method{};
    QString summary{};
    QList<ArgSpec> args{};
    QList<OptionSpec> options{};
    Formatter formatter{};
    QString requiredGroup{};     // one option of this exclusive group is mandatory
    bool requiresChange = false; // "set": at least one option must be given
    // Extra checks on the assembled parameters; returns an error or empty.
    std::function<QString(const QJsonObject &params)> validate{};
    // How long to wait for the reply (an ACME order takes a while).
    int timeoutSeconds = 30;

    QString displayName() const; // "domain add", "status"
};

const QList<CommandSpec> &commandTable();
const CommandSpec *findCommand(const QString &noun, const QString &verb);
QStringList nouns();
QStringList verbsOf(const QString &noun);

struct Invocation {
    enum class Action { Call, ShowHelp, ShowVersion, UsageError };
    Action action = Action::UsageError;
    QString socketPath; // --socket, empty when not given
    bool json = false;
    const CommandSpec *command = nullptr;
    QString method;
    QJsonObject params;
    QString stdinParam; // parameter to fill with one line of stdin, or empty
    QString message;    // help text, or the usage error without "mailsteadctl: "
    QString helpHint;   // e.g. "mailsteadctl domain add --help"
};

// arguments: argv without the program name.
Invocation parseArguments(const QStringList &arguments);

QString globalHelp();
QString nounHelp(const QString &noun);
QString commandHelp(const CommandSpec &command);

} // namespace mailstead::ctl
