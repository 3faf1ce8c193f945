// SmtpParameters.cpp - ESMTP MAIL/RCPT parameters and xtext
//
// RFC 5321 section 4.1.2, RFC 1870, RFC 6152, RFC 3030, RFC 6531,
// RFC 3461, RFC 4954 (see SmtpParameters.h).
//
// SECURITY: untrusted peer text; every value is checked before use and
// numbers saturate instead of overflowing.

#include "SmtpParameters.h"

#include "codec/Digits.h"
#include "SmtpPathParser.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

// RFC 1870 section 3: size-value ::= 1*20DIGIT
constexpr qsizetype maxSizeDigits = 20;

bool isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

bool sameText(QByteArrayView text, QByteArrayView upper) {
    return text.compare(upper, Qt::CaseInsensitive) == 0;
}

SmtpReply syntaxError(const QByteArray &text) {
    return makeReply(501, "5.5.4", text);
}

SmtpReply unknownParameter(QByteArrayView keyword) {
    // RFC 5321 section 4.1.1.11
    return makeReply(555, "5.5.4", "Unsupported parameter " + keyword.toByteArray());
}

SmtpReply badValue(QByteArrayView keyword) {
    return syntaxError("Invalid value for " + keyword.toByteArray());
}

// esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
bool isKeyword(QByteArrayView text) {
    if (text.isEmpty() || !isAlnum(text.front()))
        return false;
    for (const char c : text) {
        if (!isAlnum(c) && c != '-')
            return false;
    }
    return true;
}

// esmtp-value = 1*(%d33-60 / %d62-126), plus UTF-8 (RFC 6531 section 3.3)
bool isValue(QByteArrayView text) {
    if (text.isEmpty())
        return false;
    bool nonAscii = false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80)
            nonAscii = true;
        else if (u < 33 || u == '=' || u > 126)
            return false;
    }
    return !nonAscii || isValidUtf8(text);
}

struct Parameter {
    QByteArray keyword; // upper case
    QByteArrayView value;
    bool hasValue = false;
};

// Splits "KEY=value KEY2" into parameters, calling handle for each; stops at
// the first error.
template <typename Handler> SmtpReply forEachParameter(QByteArrayView text, Handler handle) {
    qsizetype i = 0;
    while (i < text.size()) {
        if (isBlank(text[i])) {
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && !isBlank(text[end]))
            ++end;
        const QByteArrayView token = text.sliced(i, end - i);
        i = end;

        const qsizetype eq = token.indexOf('=');
        Parameter parameter;
        const QByteArrayView keyword = eq < 0 ? token : token.first(eq);
        if (!isKeyword(keyword))
            return syntaxError("Malformed parameter " + token.toByteArray());
        parameter.keyword = keyword.toByteArray().toUpper();
        if (eq >= 0) {
            parameter.hasValue = true;
            parameter.value = token.sliced(eq + 1);
            if (!isValue(parameter.value))
                return badValue(parameter.keyword);
        }
        SmtpReply error = handle(parameter);
        if (!error.isNull())
            return error;
    }
    return {};
}

// Remembers which keywords were seen so a repeated one is refused.
class SeenKeywords {
public:
    bool firstTime(int bit) {
        const bool first = (m_seen & (1u << bit)) == 0;
        m_seen |= 1u << bit;
        return first;
    }

private:
    unsigned m_seen = 0;
};

qint64 parseSize(QByteArrayView digits, bool *ok) {
    *ok = false;
    if (digits.isEmpty() || digits.size() > maxSizeDigits)
        return 0;
    qint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return 0;
        const int digit = c - '0';
        if (value > (std::numeric_limits<qint64>::max() - digit) / 10)
            value = std::numeric_limits<qint64>::max(); // saturate: 552 follows
        else
            value = value * 10 + digit;
    }
    *ok = true;
    return value;
}

bool parseNotify(QByteArrayView value, DsnNotifyFlags *flags) {
    // RFC 3461 section 4.1: "NEVER" or a comma list of SUCCESS, FAILURE, DELAY.
    DsnNotifyFlags result;
    qsizetype from = 0;
    while (from <= value.size()) {
        qsizetype comma = value.indexOf(',', from);
        if (comma < 0)
            comma = value.size();
        const QByteArrayView item = value.sliced(from, comma - from);
        if (sameText(item, "NEVER"))
            result |= DsnNotify::Never;
        else if (sameText(item, "SUCCESS"))
            result |= DsnNotify::Success;
        else if (sameText(item, "FAILURE"))
            result |= DsnNotify::Failure;
        else if (sameText(item, "DELAY"))
            result |= DsnNotify::Delay;
        else
            return false;
        from = comma + 1;
    }
    if (result.testFlag(DsnNotify::Never) && result != DsnNotify::Never)
        return false;
    *flags = result;
    return true;
}

// addr-type = atom (RFC 3461 section 4.2, RFC 5322 atext)
bool isAtom(QByteArrayView text) {
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (isAlnum(c))
            continue;
        if (!QByteArrayView("!#$%&'*+-/=?^_`{|}~").contains(c))
            return false;
    }
    return true;
}

} // namespace

bool isXtext(QByteArrayView text) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '+') {
            if (i + 2 >= text.size())
                return false;
            if (hexDigitValue(text[i + 1]) < 0 || hexDigitValue(text[i + 2]) < 0)
                return false;
            i += 2;
        } else if (c < 33 || c > 126 || c == '=') {
            return false;
        }
    }
    return true;
}

std::optional<QByteArray> decodeXtext(QByteArrayView text) {
    if (!isXtext(text))
        return std::nullopt;
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += char(hexDigitValue(text[i + 1]) * 16 + hexDigitValue(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

QByteArray encodeXtext(QByteArrayView text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 33 || u > 126 || u == '+' || u == '=') {
            out += '+';
            out += hex[u >> 4];
            out += hex[u & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

SmtpReply parseMailParameters(QByteArrayView text, MailParameters *parameters) {
    enum Bit { Size, Body, SmtpUtf8, Ret, EnvId, Auth };
    SeenKeywords seen;
    MailParameters &p = *parameters;
    return forEachParameter(text, [&](const Parameter &parameter) -> SmtpReply {
        const QByteArray &keyword = parameter.keyword;
        const QByteArrayView value = parameter.value;
        int bit = -1;
        if (keyword == "SIZE") {
            bit = Size;
            bool ok = false;
            p.size = parseSize(value, &ok);
            if (!ok)
                return badValue(keyword);
        } else if (keyword == "BODY") {
            bit = Body;
            if (sameText(value, "7BIT"))
                p.body = SmtpBodyType::SevenBit;
            else if (sameText(value, "8BITMIME"))
                p.body = SmtpBodyType::EightBitMime;
            else if (sameText(value, "BINARYMIME"))
                p.body = SmtpBodyType::BinaryMime;
            else
                return badValue(keyword);
        } else if (keyword == "SMTPUTF8") {
            bit = SmtpUtf8;
            if (parameter.hasValue)
                return syntaxError("SMTPUTF8 takes no value");
            p.smtpUtf8 = true;
        } else if (keyword == "RET") {
            bit = Ret;
            if (sameText(value, "FULL"))
                p.ret = DsnReturn::Full;
            else if (sameText(value, "HDRS"))
                p.ret = DsnReturn::Headers;
            else
                return badValue(keyword);
        } else if (keyword == "ENVID") {
            bit = EnvId;
            if (value.isEmpty() || value.size() > maxEnvelopeIdOctets || !isXtext(value))
                return badValue(keyword);
            p.envelopeId = value.toByteArray();
        } else if (keyword == "AUTH") {
            bit = Auth;
            const std::optional<QByteArray> mailbox = decodeXtext(value);
            if (!mailbox || mailbox->isEmpty())
                return badValue(keyword);
            p.hasAuth = true;
            p.auth = *mailbox;
        } else {
            return unknownParameter(keyword);
        }
        if (!seen.firstTime(bit))
            return syntaxError("Duplicate parameter " + keyword);
        return {};
    });
}

SmtpReply parseRcptParameters(QByteArrayView text, RcptParameters *parameters) {
    enum Bit { Notify, Orcpt };
    SeenKeywords seen;
    RcptParameters &p = *parameters;
    return forEachParameter(text, [&](const Parameter &parameter) -> SmtpReply {
        const QByteArray &keyword = parameter.keyword;
        const QByteArrayView value = parameter.value;
        int bit = -1;
        if (keyword == "NOTIFY") {
            bit = Notify;
            if (!parseNotify(value, &p.notify))
                return badValue(keyword);
        } else if (keyword == "ORCPT") {
            bit = Orcpt;
            const qsizetype semicolon = value.indexOf(';');
            if (semicolon < 0 || value.size() > maxOriginalRecipientOctets)
                return badValue(keyword);
            const QByteArrayView type = value.first(semicolon);
            const QByteArrayView address = value.sliced(semicolon + 1);
            // RFC 3461 section 4.2: "rfc822" addresses are xtext; other
            // types (RFC 6533 "utf-8") keep their own encoding, passed on.
            if (!isAtom(type) || address.isEmpty() ||
                (sameText(type, "rfc822") && !isXtext(address))) {
                return badValue(keyword);
            }
            p.originalRecipientType = type.toByteArray();
            p.originalRecipient = address.toByteArray();
        } else {
            return unknownParameter(keyword);
        }
        if (!seen.firstTime(bit))
            return syntaxError("Duplicate parameter " + keyword);
        return {};
    });
}

} // namespace mailstead::smtp
