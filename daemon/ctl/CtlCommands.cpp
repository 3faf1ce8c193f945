// CtlCommands.cpp - mailsteadctl's argument parser: argv -> Invocation
//
// Pure: no I/O, no daemon. Global options (--socket, --json, --help,
// --version) are accepted anywhere; command options only after NOUN VERB,
// where the command table says which exist and which take a value. Only
// "--name" is an option: a name such as "-bad.test" is an argument and gets
// the daemon's verdict.
#include "CtlCommands.h"

#include "validation/Address.h"

#include <algorithm>
#include <QHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::ctl {

namespace {

using Arity = ArgSpec::Arity;

const OptionSpec *findOption(const CommandSpec &command, const QString &name) {
    for (const OptionSpec &option : command.options) {
        if (option.name == name)
            return &option;
    }
    return nullptr;
}

bool isHelpFlag(const QString &arg) {
    return arg == u"--help"_s || arg == u"-h"_s;
}

bool isVersionFlag(const QString &arg) {
    return arg == u"--version"_s || arg == u"-V"_s;
}

// Splits "--name=value" into name and value; hasValue tells "--name=" apart
// from "--name".
struct OptionToken {
    QString name;
    QString value;
    bool hasValue = false;
};

OptionToken splitOption(const QString &arg) {
    OptionToken token;
    const QString body = arg.mid(2);
    const qsizetype eq = body.indexOf(u'=');
    if (eq < 0) {
        token.name = body;
    } else {
        token.name = body.left(eq);
        token.value = body.mid(eq + 1);
        token.hasValue = true;
    }
    return token;
}

QString quoted(const QString &text) {
    return u"'"_s + text + u"'"_s;
}

bool parseYesNo(const QString &text, bool *value) {
    const QString lower = text.toLower();
    if (lower == u"yes"_s || lower == u"true"_s) {
        *value = true;
        return true;
    }
    if (lower == u"no"_s || lower == u"false"_s) {
        *value = false;
        return true;
    }
    return false;
}

// Converts an option value to its JSON form, or returns an error.
QString convertValue(const OptionSpec &option, const QString &text, QJsonValue *value) {
    const QString flag = u"--"_s + option.name;
    switch (option.kind) {
    case ValueKind::Size: {
        const qint64 bytes = parseByteSize(text.trimmed());
        if (bytes < 0)
            return u"invalid size for "_s + flag + u": "_s + quoted(text) +
                   u" (use e.g. 512M, 10G, or 0 for unlimited)"_s;
        *value = QJsonValue(bytes);
        return {};
    }
    case ValueKind::Count: {
        bool ok = false;
        const int count = text.trimmed().toInt(&ok);
        if (!ok || count < 0 || text.trimmed().startsWith(u'+'))
            return u"invalid number for "_s + flag + u": "_s + quoted(text) +
                   u" (use a whole number, 0 for unlimited)"_s;
        *value = count;
        return {};
    }
    case ValueKind::YesNo: {
        bool b = false;
        if (!parseYesNo(text, &b))
            return u"invalid value for "_s + flag + u": "_s + quoted(text) + u" (use yes or no)"_s;
        *value = b;
        return {};
    }
    case ValueKind::List: {
        QJsonArray items;
        const QStringList parts = text.split(u',');
        for (const QString &part : parts) {
            const QString item = part.trimmed();
            if (item.isEmpty())
                return u"empty entry in "_s + flag + u": "_s + quoted(text);
            items.append(item);
        }
        *value = items;
        return {};
    }
    case ValueKind::Text:
        *value = text;
        return {};
    case ValueKind::Flag:
    case ValueKind::StdinLine:
        break;
    }
    return {};
}

bool takesValue(ValueKind kind) {
    return kind != ValueKind::Flag && kind != ValueKind::StdinLine;
}

Invocation usageError(const QString &message, const QString &helpHint) {
    Invocation inv;
    inv.action = Invocation::Action::UsageError;
    inv.message = message;
    inv.helpHint = helpHint;
    return inv;
}

const QString program = u"mailsteadctl"_s;

QString hintFor(const QString &noun = {}, const QString &verb = {}) {
    QString hint = program;
    if (!noun.isEmpty())
        hint += u' ' + noun;
    if (!verb.isEmpty())
        hint += u' ' + verb;
    return hint + u" --help"_s;
}

// Help wins over everything else: find the most specific context named by
// the leading positionals and show its help.
Invocation helpInvocation(const QStringList &positionals) {
    Invocation inv;
    inv.action = Invocation::Action::ShowHelp;
    inv.message = globalHelp();
    if (positionals.isEmpty() || !nouns().contains(positionals.first()))
        return inv;
    const QString noun = positionals.first();
    if (const CommandSpec *nounOnly = findCommand(noun, {})) {
        inv.message = commandHelp(*nounOnly);
        return inv;
    }
    inv.message = nounHelp(noun);
    // The longest verb that matches: "mailbox send-as add --help".
    QString verb;
    for (qsizetype i = 1; i < positionals.size(); ++i) {
        verb = verb.isEmpty() ? positionals.at(i) : verb + u' ' + positionals.at(i);
        if (const CommandSpec *command = findCommand(noun, verb))
            inv.message = commandHelp(*command);
    }
    return inv;
}

QString optionsList(const CommandSpec &command) {
    QStringList names;
    for (const OptionSpec &option : command.options)
        names.append(u"--"_s + option.name);
    return names.join(u", "_s);
}

} // namespace

Invocation parseArguments(const QStringList &arguments) {
    // First pass: global flags that short-circuit, and the positionals that
    // name the help context. "--" ends option processing.
    QStringList leadingPositionals;
    bool wantHelp = false;
    bool wantVersion = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == u"--"_s)
            break;
        if (isHelpFlag(arg))
            wantHelp = true;
        else if (isVersionFlag(arg))
            wantVersion = true;
        else if (arg == u"--socket"_s)
            ++i; // skip its value
        else if (!arg.startsWith(u"--"_s))
            leadingPositionals.append(arg);
    }
    if (leadingPositionals.value(0) == u"help"_s) {
        wantHelp = true;
        leadingPositionals.removeFirst();
    }
    if (wantHelp)
        return helpInvocation(leadingPositionals);
    if (wantVersion) {
        Invocation inv;
        inv.action = Invocation::Action::ShowVersion;
        return inv;
    }

    QString socketPath;
    bool json = false;
    QStringList positionals;
    QList<OptionToken> commandOptions;
    bool optionsEnded = false;

    const CommandSpec *command = nullptr;
    QString noun;
    QString verb;

    // Second pass: globals are accepted anywhere; command options only after
    // NOUN VERB, where we know which options exist and which take values.
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        // Only "--name" is an option (besides -h and -V, handled above), so
        // names such as "-bad.test" reach the daemon and get its verdict.
        if (optionsEnded || !arg.startsWith(u"--"_s)) {
            positionals.append(arg);
            if (!command && positionals.size() == 1) {
                noun = arg;
                if (!nouns().contains(noun))
                    return usageError(u"unknown command "_s + quoted(noun) +
                                          u"; valid commands: "_s + nouns().join(u", "_s),
                                      hintFor());
                command = findCommand(noun, {});
            } else if (!command) {
                // A verb may be two words ("mailbox send-as add").
                verb = verb.isEmpty() ? arg : verb + u' ' + arg;
                command = findCommand(noun, verb);
                const bool longer = std::any_of(
                    commandTable().cbegin(), commandTable().cend(), [&](const CommandSpec &c) {
                        return c.noun == noun && c.verb.startsWith(verb + u' ');
                    });
                if (!command && !longer)
                    return usageError(u"unknown "_s + noun + u" command "_s + quoted(verb) +
                                          u"; valid: "_s + verbsOf(noun).join(u", "_s),
                                      hintFor(noun));
            }
            continue;
        }
        if (arg == u"--"_s) {
            optionsEnded = true;
            continue;
        }
        OptionToken token = splitOption(arg);
        if (token.name == u"json"_s) {
            if (token.hasValue)
                return usageError(u"option --json takes no value"_s, hintFor());
            json = true;
            continue;
        }
        if (token.name == u"socket"_s) {
            if (!token.hasValue) {
                if (i + 1 >= arguments.size())
                    return usageError(u"option --socket needs a value (PATH)"_s, hintFor());
                token.value = arguments.at(++i);
            }
            if (token.value.isEmpty())
                return usageError(u"option --socket needs a non-empty PATH"_s, hintFor());
            socketPath = token.value;
            continue;
        }
        if (!command) {
            return usageError(u"unknown option "_s + quoted(arg) + u" before the command"_s,
                              hintFor(noun));
        }
        const OptionSpec *option = findOption(*command, token.name);
        if (!option) {
            if (token.name == u"password"_s || token.name == u"password-hash"_s)
                return usageError(u"passwords are never accepted on the command line; "
                                  "use --password-stdin"_s,
                                  hintFor(command->noun, command->verb));
            QString message = u"unknown option "_s + quoted(u"--"_s + token.name) + u" for "_s +
                              command->displayName();
            if (!command->options.isEmpty())
                message += u"; valid: "_s + optionsList(*command);
            return usageError(message, hintFor(command->noun, command->verb));
        }
        if (takesValue(option->kind) && !token.hasValue) {
            if (i + 1 >= arguments.size())
                return usageError(u"option --"_s + option->name + u" needs a value ("_s +
                                      option->valueName + u")"_s,
                                  hintFor(command->noun, command->verb));
            token.value = arguments.at(++i);
            token.hasValue = true;
        } else if (!takesValue(option->kind) && token.hasValue) {
            return usageError(u"option --"_s + option->name + u" takes no value"_s,
                              hintFor(command->noun, command->verb));
        }
        commandOptions.append(token);
    }

    if (!command) {
        if (noun.isEmpty())
            return usageError(u"missing command; valid commands: "_s + nouns().join(u", "_s),
                              hintFor());
        return usageError(u"missing "_s + noun + u" command; valid: "_s +
                              verbsOf(noun).join(u", "_s),
                          hintFor(noun));
    }

    const QString hint = hintFor(command->noun, command->verb);
    Invocation inv;
    inv.action = Invocation::Action::Call;
    inv.socketPath = socketPath;
    inv.json = json;
    inv.command = command;
    inv.method = command->method;

    // Positional arguments after NOUN [VERB].
    const qsizetype firstArg =
        command->verb.isEmpty() ? 1 : 2 + qsizetype(command->verb.count(u' '));
    const QStringList args = positionals.mid(firstArg);
    qsizetype next = 0;
    for (const ArgSpec &spec : command->args) {
        switch (spec.arity) {
        case Arity::Required:
            if (next >= args.size())
                return usageError(u"missing "_s + spec.name + u" for "_s + command->displayName(),
                                  hint);
            inv.params.insert(spec.param, args.at(next++));
            break;
        case Arity::Optional:
            if (next < args.size())
                inv.params.insert(spec.param, args.at(next++));
            break;
        case Arity::OneOrMore: {
            if (next >= args.size())
                return usageError(u"missing "_s + spec.name + u" for "_s + command->displayName(),
                                  hint);
            QJsonArray items;
            while (next < args.size())
                items.append(args.at(next++));
            inv.params.insert(spec.param, items);
            break;
        }
        }
    }
    if (next < args.size())
        return usageError(u"unexpected argument "_s + quoted(args.at(next)) + u" for "_s +
                              command->displayName(),
                          hint);

    QStringList seen;
    QHash<QString, QString> groupUsers; // exclusive group -> option that used it
    for (const OptionToken &token : std::as_const(commandOptions)) {
        const OptionSpec *option = findOption(*command, token.name);
        if (seen.contains(option->name))
            return usageError(u"option --"_s + option->name + u" given twice"_s, hint);
        seen.append(option->name);
        if (!option->exclusiveGroup.isEmpty()) {
            const QString other = groupUsers.value(option->exclusiveGroup);
            if (!other.isEmpty())
                return usageError(u"--"_s + other + u" and --"_s + option->name +
                                      u" cannot be used together"_s,
                                  hint);
            groupUsers.insert(option->exclusiveGroup, option->name);
        }
        if (inv.params.contains(option->param))
            return usageError(u"--"_s + option->name + u" conflicts with another argument"_s, hint);
        switch (option->kind) {
        case ValueKind::Flag:
            inv.params.insert(option->param, option->flagValue);
            break;
        case ValueKind::StdinLine:
            inv.stdinParam = option->param;
            break;
        default: {
            QJsonValue value;
            const QString error = convertValue(*option, token.value, &value);
            if (!error.isEmpty())
                return usageError(error, hint);
            inv.params.insert(option->param, value);
            break;
        }
        }
    }
    if (!command->requiredGroup.isEmpty() && !groupUsers.contains(command->requiredGroup)) {
        QStringList names;
        for (const OptionSpec &option : command->options) {
            if (option.exclusiveGroup == command->requiredGroup)
                names.append(u"--"_s + option.name);
        }
        return usageError(command->displayName() + u" needs "_s + names.join(u" or "_s), hint);
    }
    if (command->requiresChange && seen.isEmpty())
        return usageError(u"nothing to change; give at least one of "_s + optionsList(*command),
                          hint);
    if (command->validate) {
        const QString error = command->validate(inv.params);
        if (!error.isEmpty())
            return usageError(error, hint);
    }
    return inv;
}

} // namespace mailstead::ctl
