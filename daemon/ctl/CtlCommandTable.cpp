// CtlCommandTable.cpp - every mailsteadctl command: method, arguments, options, help
//
// One entry per NOUN VERB. Adding a command means adding an entry here (and
// a formatter in CtlOutput.cpp when its result needs one); the parser in
// CtlCommands.cpp needs no change.
#include "CtlCommands.h"
#include "CtlOutput.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mailstead::ctl {

namespace {

using Arity = ArgSpec::Arity;

OptionSpec sizeOption(const QString &name, const QString &param, const QString &help) {
    return {.name = name,
            .kind = ValueKind::Size,
            .param = param,
            .valueName = u"SIZE"_s,
            .help = help};
}

OptionSpec countOption(const QString &name, const QString &param, const QString &help) {
    return {
        .name = name, .kind = ValueKind::Count, .param = param, .valueName = u"N"_s, .help = help};
}

OptionSpec textOption(const QString &name, const QString &param, const QString &valueName,
                      const QString &help) {
    return {.name = name,
            .kind = ValueKind::Text,
            .param = param,
            .valueName = valueName,
            .help = help};
}

OptionSpec activeOption() {
    return {.name = u"active"_s,
            .kind = ValueKind::YesNo,
            .param = u"active"_s,
            .valueName = u"yes|no"_s,
            .help = u"enable or disable"_s};
}

OptionSpec inactiveOption(const QString &what) {
    return {.name = u"inactive"_s,
            .kind = ValueKind::Flag,
            .param = u"active"_s,
            .help = u"create the "_s + what + u" disabled"_s,
            .flagValue = false};
}

OptionSpec forceOption() {
    return {.name = u"force"_s,
            .kind = ValueKind::Flag,
            .param = u"force"_s,
            .help = u"also remove its mailboxes, aliases and alias domains"_s};
}

OptionSpec targetsOption() {
    return {.name = u"targets"_s,
            .kind = ValueKind::List,
            .param = u"targets"_s,
            .valueName = u"A,B,..."_s,
            .help = u"replace the targets"_s};
}

OptionSpec passwordOption(const QString &help) {
    return {.name = u"password-stdin"_s,
            .kind = ValueKind::StdinLine,
            .param = u"password"_s,
            .help = help,
            .exclusiveGroup = u"password"_s};
}

OptionSpec passwordHashOption() {
    return {.name = u"password-hash-stdin"_s,
            .kind = ValueKind::StdinLine,
            .param = u"password_hash"_s,
            .help = u"read an existing crypt hash (yescrypt, bcrypt, SHA-crypt) from stdin"_s,
            .exclusiveGroup = u"password"_s};
}

ArgSpec required(const QString &name, const QString &param) {
    return {.name = name, .param = param, .arity = Arity::Required};
}

ArgSpec optional(const QString &name, const QString &param) {
    return {.name = name, .param = param, .arity = Arity::Optional};
}

ArgSpec oneOrMore(const QString &name, const QString &param) {
    return {.name = name, .param = param, .arity = Arity::OneOrMore};
}

QString validateDomainAdd(const QJsonObject &params) {
    if (!params.contains(u"alias_for"_s))
        return {};
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (it.key() != u"name"_s && it.key() != u"alias_for"_s)
            return u"--alias-for cannot be combined with other domain options"_s;
    }
    return {};
}

QString validateDkimGenerate(const QJsonObject &params) {
    const QString algorithm = params.value(u"algorithm"_s).toString(u"rsa"_s);
    if (algorithm != u"rsa" && algorithm != u"ed25519")
        return u"--algorithm is rsa or ed25519, not \""_s + algorithm + u'"';
    if (algorithm == u"ed25519" && params.contains(u"bits"_s))
        return u"--bits applies to rsa keys only (ed25519 keys have 256 bits)"_s;
    return {};
}

QString validateQueueRetry(const QJsonObject &params) {
    if (params.contains(u"id"_s) == params.contains(u"all"_s))
        return u"give a message ID or --all"_s;
    return {};
}

QList<CommandSpec> buildCommandTable() {
    const QString domainQuotaHelp = u"storage for the whole domain, e.g. 10G (0: unlimited)"_s;
    const QString mailboxQuotaHelp = u"storage for the mailbox, e.g. 2G (0: unlimited)"_s;
    const QString descriptionHelp = u"free text shown in lists"_s;
    const QString nameHelp = u"the owner's display name"_s;
    const QString passwordHelp = u"read the password (one line) from stdin"_s;
    const QList<OptionSpec> domainLimits = {
        sizeOption(u"quota"_s, u"quota"_s, domainQuotaHelp),
        countOption(u"max-mailboxes"_s, u"max_mailboxes"_s,
                    u"most mailboxes in the domain (0: unlimited)"_s),
        countOption(u"max-aliases"_s, u"max_aliases"_s,
                    u"most aliases in the domain (0: unlimited)"_s),
        textOption(u"description"_s, u"description"_s, u"TEXT"_s, descriptionHelp),
    };
    const ArgSpec domainName = required(u"NAME"_s, u"name"_s);
    const ArgSpec address = required(u"ADDRESS"_s, u"address"_s);
    const ArgSpec source = required(u"SOURCE"_s, u"source"_s);
    const ArgSpec queueId = required(u"ID"_s, u"id"_s);

    return {
        {.noun = u"status"_s,
         .method = u"system.status"_s,
         .summary = u"show the daemon's version, listeners and object counts"_s,
         .formatter = formatStatus},

        {.noun = u"domain"_s,
         .verb = u"add"_s,
         .method = u"domain.add"_s,
         .summary = u"add a domain, or an alias domain with --alias-for"_s,
         .args = {domainName},
         .options = domainLimits +
                    QList<OptionSpec>{textOption(u"alias-for"_s, u"alias_for"_s, u"DOMAIN"_s,
                                                 u"make NAME an alias domain of DOMAIN"_s),
                                      inactiveOption(u"domain"_s)},
         .formatter = confirmation(u"domain"_s, u"added"_s),
         .validate = validateDomainAdd},
        {.noun = u"domain"_s,
         .verb = u"list"_s,
         .method = u"domain.list"_s,
         .summary = u"list domains and alias domains"_s,
         .formatter = formatDomainList},
        {.noun = u"domain"_s,
         .verb = u"show"_s,
         .method = u"domain.get"_s,
         .summary = u"show one domain"_s,
         .args = {domainName},
         .formatter = formatDomain},
        {.noun = u"domain"_s,
         .verb = u"set"_s,
         .method = u"domain.update"_s,
         .summary = u"change a domain"_s,
         .args = {domainName},
         .options = domainLimits + QList<OptionSpec>{activeOption()},
         .formatter = confirmation(u"domain"_s, u"updated"_s),
         .requiresChange = true},
        {.noun = u"domain"_s,
         .verb = u"remove"_s,
         .method = u"domain.remove"_s,
         .summary = u"remove a domain"_s,
         .args = {domainName},
         .options = {forceOption()},
         .formatter = confirmation(u"domain"_s, u"removed"_s)},

        {.noun = u"mailbox"_s,
         .verb = u"add"_s,
         .method = u"mailbox.add"_s,
         .summary = u"add a mailbox"_s,
         .args = {address},
         .options = {passwordOption(passwordHelp), passwordHashOption(),
                     sizeOption(u"quota"_s, u"quota"_s, mailboxQuotaHelp),
                     textOption(u"name"_s, u"name"_s, u"TEXT"_s, nameHelp),
                     inactiveOption(u"mailbox"_s)},
         .formatter = confirmation(u"mailbox"_s, u"added"_s),
         .requiredGroup = u"password"_s},
        {.noun = u"mailbox"_s,
         .verb = u"list"_s,
         .method = u"mailbox.list"_s,
         .summary = u"list mailboxes, all or of one domain"_s,
         .args = {optional(u"DOMAIN"_s, u"domain"_s)},
         .formatter = formatMailboxList},
        {.noun = u"mailbox"_s,
         .verb = u"show"_s,
         .method = u"mailbox.get"_s,
         .summary = u"show one mailbox"_s,
         .args = {address},
         .formatter = formatMailbox},
        {.noun = u"mailbox"_s,
         .verb = u"set"_s,
         .method = u"mailbox.update"_s,
         .summary = u"change a mailbox or its password"_s,
         .args = {address},
         .options = {sizeOption(u"quota"_s, u"quota"_s, mailboxQuotaHelp),
                     textOption(u"name"_s, u"name"_s, u"TEXT"_s, nameHelp), activeOption(),
                     passwordOption(u"read a new password (one line) from stdin"_s),
                     passwordHashOption()},
         .formatter = confirmation(u"mailbox"_s, u"updated"_s),
         .requiresChange = true},
        {.noun = u"mailbox"_s,
         .verb = u"remove"_s,
         .method = u"mailbox.remove"_s,
         .summary = u"remove a mailbox"_s,
         .args = {address},
         .formatter = confirmation(u"mailbox"_s, u"removed"_s)},
        {.noun = u"mailbox"_s,
         .verb = u"auth-test"_s,
         .method = u"mailbox.auth_test"_s,
         .summary = u"check a password (exit 0 valid, 1 invalid)"_s,
         .args = {address},
         .options = {passwordOption(passwordHelp)},
         .formatter = formatAuthTest,
         .requiredGroup = u"password"_s},
        {.noun = u"mailbox"_s,
         .verb = u"send-as list"_s,
         .method = u"mailbox.send_as_list"_s,
         .summary = u"list send-as grants, all or of one mailbox"_s,
         .args = {optional(u"MAILBOX"_s, u"mailbox"_s)},
         .formatter = formatSendAsList},
        {.noun = u"mailbox"_s,
         .verb = u"send-as add"_s,
         .method = u"mailbox.send_as_add"_s,
         .summary = u"let a mailbox send as ADDRESS, or as any address of @DOMAIN"_s,
         .args = {required(u"MAILBOX"_s, u"mailbox"_s), required(u"ADDRESS"_s, u"address"_s)},
         .formatter = sendAsConfirmation(u"added"_s)},
        {.noun = u"mailbox"_s,
         .verb = u"send-as remove"_s,
         .method = u"mailbox.send_as_remove"_s,
         .summary = u"take a send-as grant back"_s,
         .args = {required(u"MAILBOX"_s, u"mailbox"_s), required(u"ADDRESS"_s, u"address"_s)},
         .formatter = sendAsConfirmation(u"removed"_s)},

        {.noun = u"alias"_s,
         .verb = u"add"_s,
         .method = u"alias.add"_s,
         .summary = u"add an alias; SOURCE \"@domain\" is a catch-all"_s,
         .args = {source, oneOrMore(u"TARGET"_s, u"targets"_s)},
         .options = {inactiveOption(u"alias"_s)},
         .formatter = confirmation(u"alias"_s, u"added"_s)},
        {.noun = u"alias"_s,
         .verb = u"list"_s,
         .method = u"alias.list"_s,
         .summary = u"list aliases, all or of one domain"_s,
         .args = {optional(u"DOMAIN"_s, u"domain"_s)},
         .formatter = formatAliasList},
        {.noun = u"alias"_s,
         .verb = u"show"_s,
         .method = u"alias.get"_s,
         .summary = u"show one alias"_s,
         .args = {source},
         .formatter = formatAlias},
        {.noun = u"alias"_s,
         .verb = u"set"_s,
         .method = u"alias.update"_s,
         .summary = u"change an alias"_s,
         .args = {source},
         .options = {targetsOption(), activeOption()},
         .formatter = confirmation(u"alias"_s, u"updated"_s),
         .requiresChange = true},
        {.noun = u"alias"_s,
         .verb = u"remove"_s,
         .method = u"alias.remove"_s,
         .summary = u"remove an alias"_s,
         .args = {source},
         .formatter = confirmation(u"alias"_s, u"removed"_s)},

        {.noun = u"dkim"_s,
         .verb = u"generate"_s,
         .method = u"dkim.generate"_s,
         .summary = u"make a DKIM key for a domain and print its DNS record"_s,
         .args = {required(u"DOMAIN"_s, u"domain"_s)},
         .options = {textOption(u"selector"_s, u"selector"_s, u"S"_s,
                                u"selector (default: ms and the year and month, e.g. ms202611)"_s),
                     textOption(u"algorithm"_s, u"algorithm"_s, u"rsa|ed25519"_s,
                                u"key type (default: rsa)"_s),
                     countOption(u"bits"_s, u"bits"_s,
                                 u"RSA key size, 2048 to 4096 (default: 2048)"_s)},
         .formatter = formatDkimGenerated,
         .validate = validateDkimGenerate},
        {.noun = u"dkim"_s,
         .verb = u"show"_s,
         .method = u"dkim.show"_s,
         .summary = u"show a domain's DKIM keys and their DNS records"_s,
         .args = {required(u"DOMAIN"_s, u"domain"_s)},
         .formatter = formatDkimShow},
        {.noun = u"dkim"_s,
         .verb = u"list"_s,
         .method = u"dkim.list"_s,
         .summary = u"list the DKIM keys of all domains"_s,
         .formatter = formatDkimList},
        {.noun = u"dkim"_s,
         .verb = u"remove"_s,
         .method = u"dkim.remove"_s,
         .summary = u"remove a domain's DKIM keys, or one with --selector"_s,
         .args = {required(u"DOMAIN"_s, u"domain"_s)},
         .options = {textOption(u"selector"_s, u"selector"_s, u"S"_s, u"remove only this key"_s)},
         .formatter = formatDkimRemoved},

        {.noun = u"queue"_s,
         .verb = u"list"_s,
         .method = u"queue.list"_s,
         .summary = u"list the messages waiting for delivery"_s,
         .formatter = formatQueueList},
        {.noun = u"queue"_s,
         .verb = u"show"_s,
         .method = u"queue.show"_s,
         .summary = u"show one queued message with every delivery attempt"_s,
         .args = {queueId},
         .formatter = formatQueueMessage},
        {.noun = u"queue"_s,
         .verb = u"retry"_s,
         .method = u"queue.retry"_s,
         .summary = u"try to deliver a message (or --all) now"_s,
         .args = {optional(u"ID"_s, u"id"_s)},
         .options = {{.name = u"all"_s,
                      .kind = ValueKind::Flag,
                      .param = u"all"_s,
                      .help = u"every message in the queue"_s}},
         .formatter = queueConfirmation(u"retried"_s),
         .validate = validateQueueRetry},
        {.noun = u"queue"_s,
         .verb = u"hold"_s,
         .method = u"queue.hold"_s,
         .summary = u"keep a message in the queue without trying it"_s,
         .args = {queueId},
         .formatter = queueConfirmation(u"held"_s)},
        {.noun = u"queue"_s,
         .verb = u"release"_s,
         .method = u"queue.release"_s,
         .summary = u"let a held message be delivered again"_s,
         .args = {queueId},
         .formatter = queueConfirmation(u"released"_s)},
        {.noun = u"queue"_s,
         .verb = u"delete"_s,
         .method = u"queue.delete"_s,
         .summary = u"delete a message from the queue without a bounce"_s,
         .args = {queueId},
         .formatter = queueConfirmation(u"deleted"_s)},
        {.noun = u"queue"_s,
         .verb = u"bounce"_s,
         .method = u"queue.bounce"_s,
         .summary = u"give up on a message and bounce it to its sender"_s,
         .args = {queueId},
         .formatter = queueConfirmation(u"bounced"_s)},

        {.noun = u"cert"_s,
         .verb = u"status"_s,
         .method = u"cert.status"_s,
         .summary = u"show the TLS certificate: names, issuer, expiry, source"_s,
         .formatter = formatCertificate},
        {.noun = u"cert"_s,
         .verb = u"import"_s,
         .method = u"cert.import"_s,
         .summary = u"install a PEM certificate chain (server's first) and its key"_s,
         .args = {{.name = u"CHAIN"_s, .param = u"chain"_s, .fileContents = true},
                  {.name = u"KEY"_s, .param = u"key"_s, .fileContents = true}},
         .options = {textOption(u"domain"_s, u"domain"_s, u"DOMAIN"_s,
                                u"a certificate of this domain's own, served to clients "
                                "asking for its names (SNI)"_s)},
         .formatter = formatCertificate},
        {.noun = u"cert"_s,
         .verb = u"remove"_s,
         .method = u"cert.remove"_s,
         .summary = u"remove a domain's own certificate (its clients get the main one)"_s,
         .options = {{.name = u"domain"_s,
                      .kind = ValueKind::Text,
                      .param = u"domain"_s,
                      .valueName = u"DOMAIN"_s,
                      .help = u"the domain whose certificate goes"_s,
                      .exclusiveGroup = u"domain"_s}},
         .formatter = formatCertificate,
         .requiredGroup = u"domain"_s},
        {.noun = u"cert"_s,
         .verb = u"selfsigned"_s,
         .method = u"cert.selfsigned"_s,
         .summary = u"replace the certificate with a new self-signed one"_s,
         .formatter = formatCertificate},
        {.noun = u"cert"_s,
         .verb = u"request"_s,
         .method = u"cert.request"_s,
         .summary = u"get a certificate from the ACME server ([acme] directory)"_s,
         .options = {textOption(u"email"_s, u"email"_s, u"ADDRESS"_s,
                                u"ACME account contact, kept in config.db for renewals"_s),
                     textOption(u"directory"_s, u"directory"_s, u"URL"_s,
                                u"ACME directory (https), kept in config.db for renewals"_s),
                     {.name = u"agree-terms"_s,
                      .kind = ValueKind::Flag,
                      .param = u"agree_terms"_s,
                      .help = u"accept the CA's terms of service (needed with --email or "
                              "--directory)"_s}},
         .formatter = formatCertificate,
         .timeoutSeconds = 600},
        {.noun = u"cert"_s,
         .verb = u"renew"_s,
         .method = u"cert.renew"_s,
         .summary = u"renew the certificate now (self-signed or ACME)"_s,
         .formatter = formatCertificate,
         .timeoutSeconds = 600},

        {.noun = u"dns"_s,
         .verb = u"records"_s,
         .method = u"dns.records"_s,
         .summary = u"show the DNS records a domain needs (no DOMAIN: the host name's A/AAAA "
                    "and PTR only; --zone: as a BIND snippet)"_s,
         .args = {optional(u"DOMAIN"_s, u"domain"_s)},
         .options = {{.name = u"zone"_s,
                      .kind = ValueKind::Flag,
                      .param = u"zone"_s,
                      .help = u"print a BIND zone-file snippet instead of a table"_s}},
         .formatter = formatDnsRecords},
        {.noun = u"dns"_s,
         .verb = u"check"_s,
         .method = u"dns.check"_s,
         .summary = u"look up a domain's records and say which are right, missing or different "
                    "(no DOMAIN: the host name's A/AAAA and PTR only)"_s,
         .args = {optional(u"DOMAIN"_s, u"domain"_s)},
         .formatter = formatDnsCheck},
    };
}

// "NAME", "[DOMAIN]", "TARGET [TARGET...]": the positional part of a usage line.
QString argumentsUsage(const CommandSpec &command) {
    QString usage;
    for (const ArgSpec &arg : command.args) {
        switch (arg.arity) {
        case ArgSpec::Arity::Required:
            usage += u' ' + arg.name;
            break;
        case ArgSpec::Arity::Optional:
            usage += u" ["_s + arg.name + u']';
            break;
        case ArgSpec::Arity::OneOrMore:
            usage += u' ' + arg.name + u" ["_s + arg.name + u"...]"_s;
            break;
        }
    }
    return usage;
}

} // namespace

QString CommandSpec::displayName() const {
    return verb.isEmpty() ? noun : noun + u' ' + verb;
}

const QList<CommandSpec> &commandTable() {
    static const QList<CommandSpec> table = buildCommandTable();
    return table;
}

const CommandSpec *findCommand(const QString &noun, const QString &verb) {
    for (const CommandSpec &command : commandTable()) {
        if (command.noun == noun && command.verb == verb)
            return &command;
    }
    return nullptr;
}

QStringList nouns() {
    QStringList result;
    for (const CommandSpec &command : commandTable()) {
        if (!result.contains(command.noun))
            result.append(command.noun);
    }
    return result;
}

QStringList verbsOf(const QString &noun) {
    QStringList result;
    for (const CommandSpec &command : commandTable()) {
        if (command.noun == noun && !command.verb.isEmpty())
            result.append(command.verb);
    }
    return result;
}
QString globalHelp() {
    QString text = u"Usage: mailsteadctl [--socket PATH] [--json] NOUN VERB [ARGS] [OPTIONS]\n"
                   "\n"
                   "Administers a running mailsteadd over its admin socket.\n"
                   "\n"
                   "Commands:\n"_s;
    int width = 0;
    for (const CommandSpec &command : commandTable())
        width = std::max(width, int(command.displayName().size()));
    for (const CommandSpec &command : commandTable()) {
        text += u"  "_s + command.displayName().leftJustified(width + 2) + command.summary + u'\n';
    }
    text += u"\n"
            "Global options:\n"
            "  --socket PATH  admin socket (default: $MAILSTEAD_SOCKET, then\n"
            "                 /run/mailstead/admin.sock, then\n"
            "                 $XDG_RUNTIME_DIR/mailstead/admin.sock)\n"
            "  --json         print the raw result as JSON, for scripts\n"
            "  -h, --help     show help; \"mailsteadctl NOUN --help\" for one noun\n"
            "  -V, --version  show the version\n"
            "\n"
            "Exit status: 0 success, 1 the daemon refused, 2 usage error,\n"
            "3 cannot reach the daemon.\n"_s;
    return text;
}

QString nounHelp(const QString &noun) {
    QString text = u"Usage: mailsteadctl "_s + noun + u" VERB [ARGS] [OPTIONS]\n\nVerbs:\n"_s;
    QList<QPair<QString, QString>> lines;
    int width = 0;
    for (const CommandSpec &command : commandTable()) {
        if (command.noun != noun)
            continue;
        const QString usage = command.verb + argumentsUsage(command);
        width = std::max(width, int(usage.size()));
        lines.append({usage, command.summary});
    }
    for (const auto &[usage, summary] : std::as_const(lines))
        text += u"  "_s + usage.leftJustified(width + 2) + summary + u'\n';
    text += u"\n\"mailsteadctl "_s + noun + u" VERB --help\" shows a verb's options.\n"_s;
    return text;
}

QString commandHelp(const CommandSpec &command) {
    QString usage = u"Usage: mailsteadctl "_s + command.displayName() + argumentsUsage(command);
    if (!command.options.isEmpty())
        usage += u" [OPTIONS]"_s;
    QString text = usage + u"\n\n"_s;
    QString summary = command.summary;
    if (!summary.isEmpty())
        summary[0] = summary.at(0).toUpper();
    text += summary + u".\nIPC method: "_s + command.method + u"\n"_s;
    if (!command.options.isEmpty()) {
        text += u"\nOptions:\n"_s;
        QList<QPair<QString, QString>> lines;
        int width = 0;
        for (const OptionSpec &option : command.options) {
            QString left = u"--"_s + option.name;
            if (!option.valueName.isEmpty())
                left += u' ' + option.valueName;
            width = std::max(width, int(left.size()));
            lines.append({left, option.help});
        }
        for (const auto &[left, help] : std::as_const(lines))
            text += u"  "_s + left.leftJustified(width + 2) + help + u'\n';
    }
    if (!command.requiredGroup.isEmpty())
        text += u"\nOne of the password options is required. Passwords are never taken "
                "from the command line.\n"_s;
    return text;
}

} // namespace mailstead::ctl
