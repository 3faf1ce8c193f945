// SmtpCommandParser.cpp - SMTP command line parsing
//
// RFC 5321 sections 2.4, 4.1.1, 4.5.3.1.4; RFC 3030 section 2; RFC 4954
// section 4; RFC 3463 for the enhanced codes (see SmtpCommandParser.h).
//
// SECURITY: untrusted peer line; linear, allocation bounded by its length.

#include "SmtpCommandParser.h"

#include "SmtpParameters.h"
#include "SmtpPathParser.h"
#include "validation/Address.h"

#include <iterator>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

// RFC 3030 section 2: chunk-size = 1*DIGIT. 18 digits always fit a qint64;
// a longer count cannot be honoured, and the session cannot skip it either.
constexpr qsizetype maxChunkSizeDigits = 18;
// RFC 4954 section 4 / RFC 4422 section 3.1: sasl-mech = 1*20 characters.
constexpr qsizetype maxMechanismOctets = 20;

struct VerbEntry {
    QByteArrayView name;
    SmtpVerb verb;
};

constexpr VerbEntry verbTable[] = {
    {"EHLO", SmtpVerb::Ehlo},         {"HELO", SmtpVerb::Helo}, {"MAIL", SmtpVerb::Mail},
    {"RCPT", SmtpVerb::Rcpt},         {"DATA", SmtpVerb::Data}, {"BDAT", SmtpVerb::Bdat},
    {"RSET", SmtpVerb::Rset},         {"NOOP", SmtpVerb::Noop}, {"QUIT", SmtpVerb::Quit},
    {"VRFY", SmtpVerb::Vrfy},         {"EXPN", SmtpVerb::Expn}, {"HELP", SmtpVerb::Help},
    {"STARTTLS", SmtpVerb::StartTls}, {"AUTH", SmtpVerb::Auth},
};

// Request methods of protocols that have no business on an SMTP port;
// Postfix's smtpd_forbidden_commands closes the connection on them.
constexpr QByteArrayView foreignVerbs[] = {
    "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "CONNECT", "PATCH", "TRACE",
};

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

QByteArrayView skipBlanks(QByteArrayView text) {
    qsizetype i = 0;
    while (i < text.size() && isBlank(text[i]))
        ++i;
    return text.sliced(i);
}

QByteArrayView trimBlanks(QByteArrayView text) {
    text = skipBlanks(text);
    while (!text.isEmpty() && isBlank(text.back()))
        text.chop(1);
    return text;
}

// RFC 5321 section 4.1.1: commands are printable text; HTAB is tolerated as
// a blank, any other control (NUL, a CR left inside the line, DEL) is not.
bool hasControlCharacter(QByteArrayView line) {
    for (const char c : line) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 32 && c != '\t') || u == 127)
            return true;
    }
    return false;
}

bool isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

SmtpCommandResult failure(SmtpCommandResult result, int code, QByteArrayView status,
                          const QByteArray &text) {
    result.error = makeReply(code, status, text);
    return result;
}

SmtpCommandResult syntax(SmtpCommandResult result, const QByteArray &usage) {
    return failure(std::move(result), 501, "5.5.4", "Syntax: " + usage);
}

bool startsWithCaseInsensitive(QByteArrayView text, QByteArrayView prefix) {
    return text.size() >= prefix.size() &&
           text.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

// MAIL FROM:<path> [params] / RCPT TO:<path> [params]
SmtpCommandResult parseMailOrRcpt(SmtpCommandResult result, QByteArrayView argument) {
    const bool mail = result.command.verb == SmtpVerb::Mail;
    const QByteArrayView keyword = mail ? QByteArrayView("FROM:") : QByteArrayView("TO:");
    const QByteArray usage =
        mail ? "MAIL FROM:<address> [parameters]"_ba : "RCPT TO:<address> [parameters]"_ba;
    // RFC 3463: X.1.7 bad sender, X.1.3 bad destination mailbox syntax.
    const QByteArrayView pathStatus = mail ? QByteArrayView("5.1.7") : QByteArrayView("5.1.3");

    if (!startsWithCaseInsensitive(argument, keyword))
        return syntax(std::move(result), usage);
    // Tolerated: "MAIL FROM: <a@example.org>" (RFC 5321 section 4.1.2 has
    // no space there, but many clients send one).
    const QByteArrayView pathText = skipBlanks(argument.sliced(keyword.size()));
    if (pathText.isEmpty())
        return syntax(std::move(result), usage);

    SmtpPathParse path = parsePath(pathText, mail ? PathRole::ReversePath : PathRole::ForwardPath);
    if (!path.error.isEmpty())
        return failure(std::move(result), 501, pathStatus, path.error);
    result.command.path = std::move(path.path);

    const QByteArrayView rest = pathText.sliced(path.consumed);
    if (!rest.isEmpty() && !isBlank(rest.front()))
        return failure(std::move(result), 501, pathStatus, "Unexpected text after the address");

    SmtpReply error = mail ? parseMailParameters(rest, &result.command.mail)
                           : parseRcptParameters(rest, &result.command.rcpt);
    if (!error.isNull())
        result.error = std::move(error);
    return result;
}

SmtpCommandResult parseHelo(SmtpCommandResult result, QByteArrayView argument) {
    const bool ehlo = result.command.verb == SmtpVerb::Ehlo;
    if (argument.isEmpty())
        return syntax(std::move(result), ehlo ? "EHLO hostname" : "HELO hostname");
    // Tolerant like Postfix: any printable name is taken (clients send
    // "localhost", Windows machine names, bare IPs); heloDomain is set only
    // when it is a valid domain or address literal, for the session's policy.
    if (!isValidUtf8(argument))
        return failure(std::move(result), 501, "5.5.4", "The hostname is not valid UTF-8");
    SmtpCommand &command = result.command;
    command.heloName = QString::fromUtf8(argument);
    if (command.heloName.startsWith(u'[')) {
        command.heloDomain = parseAddressLiteral(command.heloName);
        command.heloIsLiteral = !command.heloDomain.isEmpty();
    } else {
        const DomainName domain = parseDomain(command.heloName, /*allowSingleLabel=*/true);
        if (domain.ok)
            command.heloDomain = domain.ace;
    }
    return result;
}

SmtpCommandResult parseBdat(SmtpCommandResult result, QByteArrayView argument) {
    const QByteArray usage = "BDAT size [LAST]"_ba;
    qsizetype end = 0;
    while (end < argument.size() && !isBlank(argument[end]))
        ++end;
    const QByteArrayView size = argument.first(end);
    const QByteArrayView last = skipBlanks(argument.sliced(end));
    if (size.isEmpty() || size.size() > maxChunkSizeDigits)
        return syntax(std::move(result), usage);
    qint64 value = 0;
    for (const char c : size) {
        if (c < '0' || c > '9')
            return syntax(std::move(result), usage);
        value = value * 10 + (c - '0');
    }
    if (!last.isEmpty() && last.compare("LAST", Qt::CaseInsensitive) != 0)
        return syntax(std::move(result), usage);
    result.command.chunkSize = value;
    result.command.lastChunk = !last.isEmpty();
    return result;
}

// base64 as in RFC 4648 section 4, padded; or "=" for an empty response.
bool isBase64(QByteArrayView text) {
    if (text == "=")
        return true;
    if (text.isEmpty() || text.size() % 4 != 0)
        return false;
    qsizetype padding = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '=') {
            ++padding;
            continue;
        }
        if (padding > 0)
            return false; // data after padding
        if (!isAlnum(c) && c != '+' && c != '/')
            return false;
    }
    return padding <= 2;
}

SmtpCommandResult parseAuth(SmtpCommandResult result, QByteArrayView argument) {
    const QByteArray usage = "AUTH mechanism [initial-response]"_ba;
    qsizetype end = 0;
    while (end < argument.size() && !isBlank(argument[end]))
        ++end;
    const QByteArrayView mechanism = argument.first(end);
    const QByteArrayView response = skipBlanks(argument.sliced(end));
    if (mechanism.isEmpty() || mechanism.size() > maxMechanismOctets)
        return syntax(std::move(result), usage);
    for (const char c : mechanism) {
        if (!isAlnum(c) && c != '-' && c != '_')
            return syntax(std::move(result), usage);
    }
    for (const char c : response) {
        if (isBlank(c))
            return syntax(std::move(result), usage);
    }
    if (!response.isEmpty() && !isBase64(response)) {
        // RFC 4954 section 4: a response that cannot be decoded is 501 5.5.2.
        return failure(std::move(result), 501, "5.5.2", "Invalid base64 in the initial response");
    }
    result.command.authMechanism = mechanism.toByteArray().toUpper();
    result.command.authInitialResponse = response.toByteArray();
    result.command.hasInitialResponse = !response.isEmpty();
    return result;
}

} // namespace

QByteArrayView verbName(SmtpVerb verb) {
    for (const VerbEntry &entry : verbTable) {
        if (entry.verb == verb)
            return entry.name;
    }
    return {};
}

SmtpCommandResult parseCommand(QByteArrayView line, const SmtpLimits &limits) {
    SmtpCommandResult result;
    qsizetype verbEnd = 0;
    while (verbEnd < line.size() && !isBlank(line[verbEnd]))
        ++verbEnd;
    const QByteArrayView verbText = line.first(verbEnd);
    for (const VerbEntry &entry : verbTable) {
        if (verbText.compare(entry.name, Qt::CaseInsensitive) == 0) {
            result.command.verb = entry.verb;
            break;
        }
    }

    // RFC 5321 section 4.5.3.1.4 counts the CRLF; MAIL and RCPT may be
    // longer because of their extension parameters (see SmtpLimits.h).
    const SmtpVerb verb = result.command.verb;
    const qsizetype limit = (verb == SmtpVerb::Mail || verb == SmtpVerb::Rcpt)
                                ? qMax(limits.maxExtendedCommandLine, limits.maxCommandLine)
                                : limits.maxCommandLine;
    if (line.size() + 2 > limit)
        return failure(std::move(result), 500, "5.5.2", "Line too long");
    if (trimBlanks(line).isEmpty())
        return failure(std::move(result), 500, "5.5.2", "Empty command");
    if (hasControlCharacter(line))
        return failure(std::move(result), 500, "5.5.2", "Control characters in the command");

    if (verb == SmtpVerb::Unknown) {
        // Only printable ASCII is kept for the log: the verb is peer text.
        for (const char c : verbText.first(qMin<qsizetype>(verbText.size(), 32)))
            result.command.verbText += (c > 32 && c < 127) ? c : '?';
        result.command.verbText = result.command.verbText.toUpper();
        for (const QByteArrayView foreign : foreignVerbs) {
            if (verbText == foreign) // HTTP methods are case-sensitive
                result.disconnect = true;
        }
        return failure(std::move(result), 500, "5.5.1", "Command not recognized");
    }
    result.command.verbText = verbName(verb).toByteArray();

    const QByteArrayView argument = trimBlanks(line.sliced(verbEnd));
    result.command.argument = argument.toByteArray();

    switch (verb) {
    case SmtpVerb::Ehlo:
    case SmtpVerb::Helo:
        return parseHelo(std::move(result), argument);
    case SmtpVerb::Mail:
    case SmtpVerb::Rcpt:
        return parseMailOrRcpt(std::move(result), argument);
    case SmtpVerb::Bdat:
        return parseBdat(std::move(result), argument);
    case SmtpVerb::Auth:
        return parseAuth(std::move(result), argument);
    case SmtpVerb::Data:
    case SmtpVerb::Rset:
    case SmtpVerb::Quit:
    case SmtpVerb::StartTls:
        // RFC 5321 sections 4.1.1.4, 4.1.1.5, 4.1.1.10; RFC 3207 section 4.
        if (!argument.isEmpty())
            return syntax(std::move(result), verbName(verb).toByteArray());
        return result;
    case SmtpVerb::Vrfy:
    case SmtpVerb::Expn:
        if (argument.isEmpty()) {
            return syntax(std::move(result), verbName(verb).toByteArray() + " address"_ba);
        }
        return result;
    case SmtpVerb::Noop:
    case SmtpVerb::Help:
        // RFC 5321 sections 4.1.1.8 and 4.1.1.9: an optional string.
        return result;
    case SmtpVerb::Unknown:
        break;
    }
    return result;
}

} // namespace mailstead::smtp
