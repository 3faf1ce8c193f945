// Pop3CommandParser.cpp - POP3 command framing and syntax
//
// RFC 1939 sections 3-7, RFC 2449 sections 4-5, RFC 2595 section 4,
// RFC 5034 section 4, RFC 4422 section 3.1 (mechanism names).
//
// SECURITY: untrusted peer bytes; at most Pop3Limits::maxSaslLine are held.
#include "Pop3CommandParser.h"

#include <algorithm>
#include <QList>
#include <utility>

namespace mailstead::pop3 {

namespace {

using Status = Pop3ParseResult::Status;

// A message number or line count above this is refused as too large: no
// maildrop gets near it, and it keeps the arithmetic far from overflow.
constexpr qint64 maxNumber = 2147483647;
constexpr qsizetype maxNumberDigits = 10;
// RFC 4422 section 3.1: 1 to 20 characters from [A-Z0-9-_].
constexpr qsizetype maxMechanismLength = 20;

struct VerbEntry {
    const char *name;
    Pop3Verb verb;
};

constexpr VerbEntry verbs[] = {
    {"USER", Pop3Verb::User}, {"PASS", Pop3Verb::Pass}, {"STAT", Pop3Verb::Stat},
    {"LIST", Pop3Verb::List}, {"RETR", Pop3Verb::Retr}, {"DELE", Pop3Verb::Dele},
    {"NOOP", Pop3Verb::Noop}, {"RSET", Pop3Verb::Rset}, {"QUIT", Pop3Verb::Quit},
    {"TOP", Pop3Verb::Top},   {"UIDL", Pop3Verb::Uidl}, {"CAPA", Pop3Verb::Capa},
    {"STLS", Pop3Verb::Stls}, {"AUTH", Pop3Verb::Auth},
};

Pop3ParseResult error(Pop3Verb verb, const QByteArray &text) {
    Pop3ParseResult result;
    result.status = Status::Error;
    result.command.verb = verb;
    result.error = text;
    return result;
}

bool hasControlCharacter(QByteArrayView line) {
    return std::any_of(line.begin(), line.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
}

Pop3Verb lookUpVerb(QByteArrayView keyword) {
    for (const VerbEntry &entry : verbs) {
        if (keyword.compare(QByteArrayView(entry.name), Qt::CaseInsensitive) == 0)
            return entry.verb;
    }
    return Pop3Verb::Unknown;
}

// Plain decimal digits in 0..maxNumber.
bool parseNumber(QByteArrayView text, qint64 *value) {
    if (text.isEmpty() || text.size() > maxNumberDigits)
        return false;
    qint64 number = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        number = number * 10 + (c - '0');
    }
    if (number > maxNumber)
        return false;
    *value = number;
    return true;
}

bool isMechanismName(QByteArrayView name) {
    if (name.isEmpty() || name.size() > maxMechanismLength)
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

// Strict base64 (RFC 4648 section 4, padding required), as RFC 5034 asks.
bool decodeBase64(QByteArrayView text, QByteArray *out) {
    if (text.size() % 4 != 0)
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toByteArray(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    *out = *decoded;
    return true;
}

QList<QByteArrayView> splitArguments(QByteArrayView rest) {
    QList<QByteArrayView> words;
    qsizetype position = 0;
    while (position < rest.size()) {
        while (position < rest.size() && rest.at(position) == ' ')
            ++position;
        const qsizetype start = position;
        while (position < rest.size() && rest.at(position) != ' ')
            ++position;
        if (position > start)
            words.append(rest.sliced(start, position - start));
    }
    return words;
}

Pop3ParseResult parseArguments(Pop3Verb verb, QByteArrayView rest, bool hadSpace) {
    const QByteArray name = verbName(verb).toByteArray();
    Pop3ParseResult result;
    result.status = Status::Command;
    Pop3Command &command = result.command;
    command.verb = verb;

    if (verb == Pop3Verb::Pass) {
        // RFC 1939 section 7: the password is everything after the space.
        if (!hadSpace || rest.isEmpty())
            return error(verb, "PASS needs a password");
        command.argument = rest.toByteArray();
        return result;
    }

    const QList<QByteArrayView> words = splitArguments(rest);
    switch (verb) {
    case Pop3Verb::Stat:
    case Pop3Verb::Noop:
    case Pop3Verb::Rset:
    case Pop3Verb::Quit:
    case Pop3Verb::Capa:
    case Pop3Verb::Stls:
        if (!words.isEmpty())
            return error(verb, name + " takes no arguments");
        return result;
    case Pop3Verb::User:
        if (words.size() != 1)
            return error(verb, "USER needs exactly one name");
        command.argument = words.first().toByteArray();
        return result;
    case Pop3Verb::List:
    case Pop3Verb::Uidl:
    case Pop3Verb::Retr:
    case Pop3Verb::Dele: {
        const bool optional = verb == Pop3Verb::List || verb == Pop3Verb::Uidl;
        if (words.isEmpty() && optional)
            return result;
        if (words.size() != 1)
            return error(verb, name + " needs one message number");
        if (!parseNumber(words.first(), &command.message))
            return error(verb, "Invalid message number");
        return result;
    }
    case Pop3Verb::Top:
        if (words.size() != 2)
            return error(verb, "TOP needs a message number and a line count");
        if (!parseNumber(words.at(0), &command.message))
            return error(verb, "Invalid message number");
        if (!parseNumber(words.at(1), &command.lines))
            return error(verb, "Invalid line count");
        return result;
    case Pop3Verb::Auth:
        if (words.isEmpty())
            return result;
        if (words.size() > 2)
            return error(verb, "AUTH takes a mechanism and an optional initial response");
        if (!isMechanismName(words.first()))
            return error(verb, "Invalid SASL mechanism name");
        command.argument = words.first().toByteArray().toUpper();
        if (words.size() == 2) {
            command.hasInitialResponse = true;
            // RFC 5034 section 4: "=" is an empty initial response.
            if (words.at(1) != "=" && !decodeBase64(words.at(1), &command.initialResponse))
                return error(verb, "Invalid base64 in the initial response");
        }
        return result;
    case Pop3Verb::Pass:
    case Pop3Verb::Unknown:
        break;
    }
    return error(verb, "Unknown command");
}

} // namespace

QByteArrayView verbName(Pop3Verb verb) {
    for (const VerbEntry &entry : verbs) {
        if (entry.verb == verb)
            return QByteArrayView(entry.name);
    }
    return {};
}

Pop3ParseResult parseCommandLine(QByteArrayView line, const Pop3Limits &limits) {
    if (line.isEmpty())
        return error(Pop3Verb::Unknown, "Empty command");
    const qsizetype space = line.indexOf(' ');
    const QByteArrayView keyword = space < 0 ? line : line.first(space);
    const Pop3Verb verb = lookUpVerb(keyword);
    const qsizetype limit = verb == Pop3Verb::Auth ? limits.maxSaslLine : limits.maxCommandLine;
    if (line.size() + 2 > limit)
        return error(verb, "Line too long");
    if (hasControlCharacter(line))
        return error(verb, "Invalid characters in the command");
    if (verb == Pop3Verb::Unknown)
        return error(verb, "Unknown command");
    return parseArguments(verb, space < 0 ? QByteArrayView() : line.sliced(space + 1), space >= 0);
}

Pop3ParseResult parseSaslResponse(QByteArrayView line) {
    Pop3ParseResult result;
    result.command.verb = Pop3Verb::Auth;
    if (line == "*") {
        result.status = Status::SaslResponse;
        result.saslCancelled = true;
        return result;
    }
    if (hasControlCharacter(line) || !decodeBase64(line, &result.saslData))
        return error(Pop3Verb::Auth, "Invalid base64 in the SASL response");
    result.status = Status::SaslResponse;
    return result;
}

Pop3CommandParser::Pop3CommandParser(const Pop3Limits &limits)
    : m_limits(limits) {
    m_limits.maxCommandLine = std::max<qsizetype>(m_limits.maxCommandLine, 3);
    m_limits.maxSaslLine = std::max(m_limits.maxSaslLine, m_limits.maxCommandLine);
}

Pop3ParseResult Pop3CommandParser::next(QByteArrayView input, Expect expect) {
    const qsizetype maxFrame = m_limits.maxSaslLine;
    const qsizetype lf = input.indexOf('\n');
    if (lf < 0) {
        if (!m_discarding) {
            // Content plus a CR must leave room for the LF.
            if (m_partial.size() + input.size() > maxFrame - 1) {
                m_discarding = true;
                m_partial.clear();
            } else {
                m_partial += input;
            }
        }
        Pop3ParseResult result;
        result.consumed = input.size();
        return result;
    }

    Pop3ParseResult result;
    QByteArray line = std::exchange(m_partial, {});
    line += input.first(lf);
    if (std::exchange(m_discarding, false) || line.size() + 1 > maxFrame) {
        result = error(Pop3Verb::Unknown, "Line too long");
    } else {
        if (line.endsWith('\r'))
            line.chop(1);
        result =
            expect == Expect::Command ? parseCommandLine(line, m_limits) : parseSaslResponse(line);
    }
    result.consumed = lf + 1;
    return result;
}

void Pop3CommandParser::reset() {
    m_partial.clear();
    m_discarding = false;
}

} // namespace mailstead::pop3
