// ImapScanner.cpp - the lexical grammar of IMAP commands
//
// RFC 9051 sections 4 and 9, RFC 3501 section 9, RFC 6855 section 3,
// RFC 7888; see ImapScanner.h.
//
// SECURITY: untrusted peer text; linear, first error wins.

#include "ImapScanner.h"

#include "ImapDateTime.h"
#include "ImapMailboxName.h"

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

constexpr qsizetype maxLiteralDigits = 18;

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

struct SystemFlag {
    QByteArrayView upper;
    QByteArrayView canonical;
};

// RFC 9051 section 2.3.2; \Recent is IMAP4rev1 only and never client-set.
constexpr SystemFlag systemFlags[] = {
    {"ANSWERED", "\\Answered"}, {"FLAGGED", "\\Flagged"}, {"DELETED", "\\Deleted"},
    {"SEEN", "\\Seen"},         {"DRAFT", "\\Draft"},
};

} // namespace

// ATOM-CHAR = <any CHAR except atom-specials>; atom-specials = "(" / ")" /
// "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials.
bool isAtomChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 32 || u >= 127)
        return false;
    switch (c) {
    case '(':
    case ')':
    case '{':
    case '%':
    case '*':
    case '"':
    case '\\':
    case ']':
        return false;
    default:
        return true;
    }
}

bool isAstringChar(char c) {
    return isAtomChar(c) || c == ']';
}

bool isListChar(char c) {
    return isAtomChar(c) || c == '%' || c == '*' || c == ']';
}

ImapScanner::ImapScanner(const ImapRawCommand &raw, const ImapParserOptions &options)
    : m_raw(raw)
    , m_options(options)
    , m_text(raw.text) {}

bool ImapScanner::fail(const QByteArray &reason) {
    if (m_error.isNull())
        m_error = ImapStatusResponse::bad(reason);
    return false;
}

bool ImapScanner::failNo(const QByteArray &reason, QByteArrayView code) {
    if (m_error.isNull())
        m_error = ImapStatusResponse::no(reason, code);
    return false;
}

bool ImapScanner::consume(char c) {
    if (failed() || peek() != c || atEnd())
        return false;
    ++m_pos;
    return true;
}

bool ImapScanner::expect(char c, const QByteArray &what) {
    if (consume(c))
        return true;
    return fail("Expected "_ba + what);
}

bool ImapScanner::space() {
    if (failed())
        return false;
    if (peek() != ' ')
        return fail("Expected a space between arguments");
    while (peek() == ' ')
        ++m_pos;
    if (atEnd())
        return fail("Missing argument");
    return true;
}

bool ImapScanner::spaceBeforeMore() {
    if (failed())
        return false;
    const qsizetype start = m_pos;
    while (peek() == ' ')
        ++m_pos;
    if (atEnd())
        return false;
    if (m_pos == start) {
        fail("Expected a space between arguments");
        return false;
    }
    return true;
}

bool ImapScanner::end() {
    if (failed())
        return false;
    while (peek() == ' ')
        ++m_pos;
    if (!atEnd())
        return fail("Unexpected extra arguments");
    return true;
}

QByteArrayView ImapScanner::atomChars() {
    if (failed())
        return {};
    const qsizetype start = m_pos;
    while (!atEnd() && isAtomChar(m_text[m_pos]))
        ++m_pos;
    return m_text.sliced(start, m_pos - start);
}

QByteArray ImapScanner::peekAtomUpper() const {
    if (failed())
        return {};
    qsizetype end = m_pos;
    while (end < m_text.size() && isAtomChar(m_text[end]))
        ++end;
    return m_text.sliced(m_pos, end - m_pos).toByteArray().toUpper();
}

bool ImapScanner::atom(QByteArray *out, QByteArrayView what) {
    const QByteArrayView run = atomChars();
    if (failed())
        return false;
    if (run.isEmpty())
        return fail("Expected "_ba + what);
    *out = run.toByteArray();
    return true;
}

bool ImapScanner::number64(quint64 *out, QByteArrayView what) {
    if (failed())
        return false;
    const qsizetype start = m_pos;
    quint64 value = 0;
    while (!atEnd() && isDigit(m_text[m_pos])) {
        value = value * 10 + quint64(m_text[m_pos] - '0');
        if (value > quint64(0x7fffffffffffffff))
            return fail(what.toByteArray() + " is too large"_ba);
        ++m_pos;
    }
    if (m_pos == start)
        return fail(what.toByteArray() + " must be a number"_ba);
    *out = value;
    return true;
}

bool ImapScanner::number(quint32 *out, QByteArrayView what) {
    quint64 value = 0;
    if (!number64(&value, what))
        return false;
    if (value > 0xffffffffu)
        return fail(what.toByteArray() + " is too large"_ba);
    *out = quint32(value);
    return true;
}

bool ImapScanner::nzNumber(quint32 *out, QByteArrayView what) {
    if (!number(out, what))
        return false;
    if (*out == 0)
        return fail(what.toByteArray() + " must not be 0"_ba);
    return true;
}

bool ImapScanner::checkText(QByteArray *value, bool fromQuoted) {
    bool eightBit = false;
    for (const char c : *value) {
        if (c == '\0')
            return fail(fromQuoted ? "NUL in a quoted string"_ba : "NUL in a literal"_ba);
        if (static_cast<unsigned char>(c) >= 0x80)
            eightBit = true;
    }
    if (fromQuoted && eightBit) {
        if (!m_options.utf8())
            return fail("8-bit characters in a quoted string need a literal or ENABLE "
                        "UTF8=ACCEPT");
        if (!isValidUtf8(*value))
            return fail("Quoted string is not valid UTF-8");
    }
    return true;
}

bool ImapScanner::quoted(QByteArray *out) {
    if (!expect('"', "a quoted string"))
        return false;
    QByteArray value;
    while (true) {
        if (atEnd())
            return fail("Unterminated quoted string");
        const char c = m_text[m_pos++];
        if (c == '"')
            break;
        if (c == '\r' || c == '\n')
            return fail("Quoted strings cannot contain CR or LF (use a literal)");
        if (c == '\\') {
            const char escaped = peek();
            if (atEnd() || (escaped != '"' && escaped != '\\'))
                return fail("Only \\\" and \\\\ may be escaped in a quoted string");
            ++m_pos;
            value += escaped;
            continue;
        }
        value += c;
    }
    if (!checkText(&value, true))
        return false;
    *out = std::move(value);
    return true;
}

bool ImapScanner::literal(QByteArray *out, bool allowBinary, bool *binary, bool *isMessage) {
    if (failed())
        return false;
    const bool eightBitLiteral = consume('~');
    if (eightBitLiteral && !allowBinary)
        return fail("literal8 (~{n}) is not allowed here");
    if (!expect('{', "a literal"))
        return false;
    const qsizetype digitsStart = m_pos;
    while (!atEnd() && isDigit(m_text[m_pos]))
        ++m_pos;
    const QByteArrayView digits = m_text.sliced(digitsStart, m_pos - digitsStart);
    if (digits.isEmpty() || digits.size() > maxLiteralDigits)
        return fail("Invalid literal size");
    qint64 size = 0;
    for (const char c : digits)
        size = size * 10 + (c - '0');
    consume('+');
    if (!expect('}', "\"}\" after the literal size"))
        return false;
    if (!m_text.sliced(m_pos).startsWith("\r\n"))
        return fail("A literal size must end the line");
    m_pos += 2;
    if (binary)
        *binary = eightBitLiteral;
    if (m_raw.messageOffset >= 0 && m_pos == m_raw.messageOffset) {
        if (size != m_raw.messageSize)
            return fail("Literal size does not match the message");
        if (isMessage)
            *isMessage = true;
        *out = m_raw.message;
        return true;
    }
    if (isMessage)
        *isMessage = false;
    if (size > m_text.size() - m_pos)
        return fail("Literal is shorter than announced");
    QByteArray value = m_text.sliced(m_pos, qsizetype(size)).toByteArray();
    m_pos += qsizetype(size);
    if (!eightBitLiteral && !checkText(&value, false))
        return false;
    *out = std::move(value);
    return true;
}

bool ImapScanner::string(QByteArray *out) {
    if (failed())
        return false;
    if (peek() == '"')
        return quoted(out);
    if (peek() == '{')
        return literal(out);
    return fail("Expected a quoted string or a literal");
}

bool ImapScanner::astring(QByteArray *out) {
    if (failed())
        return false;
    const char c = peek();
    if (c == '"')
        return quoted(out);
    if (c == '{' || (c == '~' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '{'))
        return literal(out);
    const qsizetype start = m_pos;
    while (!atEnd() && isAstringChar(m_text[m_pos]))
        ++m_pos;
    if (m_pos == start)
        return fail("Expected a string");
    *out = m_text.sliced(start, m_pos - start).toByteArray();
    return true;
}

bool ImapScanner::nstring(std::optional<QByteArray> *out) {
    if (failed())
        return false;
    if (peekAtomUpper() == "NIL") {
        m_pos += 3;
        out->reset();
        return true;
    }
    QByteArray value;
    if (!string(&value))
        return false;
    *out = std::move(value);
    return true;
}

bool ImapScanner::mailbox(QString *out) {
    QByteArray wire;
    if (!astring(&wire))
        return false;
    ImapMailboxNameDecode decoded =
        decodeMailboxName(wire, m_options.utf8(), m_options.limits.maxMailboxNameOctets);
    if (!decoded.ok())
        return failNo(decoded.error, responsecode::cannot());
    *out = std::move(decoded.name);
    return true;
}

bool ImapScanner::listMailbox(QString *out) {
    if (failed())
        return false;
    QByteArray wire;
    const char c = peek();
    if (c == '"' || c == '{') {
        if (!string(&wire))
            return false;
    } else {
        const qsizetype start = m_pos;
        while (!atEnd() && isListChar(m_text[m_pos]))
            ++m_pos;
        if (m_pos == start)
            return fail("Expected a mailbox name or pattern");
        wire = m_text.sliced(start, m_pos - start).toByteArray();
    }
    ImapMailboxNameDecode decoded =
        decodeMailboxName(wire, m_options.utf8(), m_options.limits.maxMailboxNameOctets);
    if (!decoded.ok())
        return failNo(decoded.error, responsecode::cannot());
    *out = std::move(decoded.name);
    return true;
}

bool ImapScanner::flag(QByteArray *out) {
    if (failed())
        return false;
    if (consume('\\')) {
        const QByteArrayView name = atomChars();
        const QByteArray upper = name.toByteArray().toUpper();
        for (const SystemFlag &system : systemFlags) {
            if (upper == system.upper) {
                *out = system.canonical.toByteArray();
                return true;
            }
        }
        if (upper == "RECENT")
            return fail("\\Recent cannot be set by a client");
        return fail("Unknown system flag");
    }
    return atom(out, "a flag");
}

bool ImapScanner::flagList(QByteArrayList *out) {
    if (!expect('(', "a flag list \"(...)\""))
        return false;
    out->clear();
    while (peek() == ' ')
        ++m_pos;
    if (consume(')'))
        return true;
    while (true) {
        QByteArray value;
        if (!flag(&value))
            return false;
        out->append(std::move(value));
        const qsizetype before = m_pos;
        while (peek() == ' ')
            ++m_pos;
        if (consume(')'))
            return true;
        if (m_pos == before || atEnd())
            return fail("Expected \")\" to end the flag list");
    }
}

bool ImapScanner::sequenceSet(ImapSequenceSet *out, bool allowSaved) {
    if (failed())
        return false;
    const ImapSequenceSetParse parsed =
        parseSequenceSet(m_text.sliced(m_pos), m_options.limits.maxSequenceSetRanges, allowSaved);
    if (!parsed.error.isEmpty())
        return fail(parsed.error);
    m_pos += parsed.consumed;
    if (!atEnd() && peek() != ' ' && peek() != ')')
        return fail("Invalid character in sequence set");
    *out = parsed.set;
    return true;
}

bool ImapScanner::date(QDate *out) {
    if (failed())
        return false;
    QByteArray text;
    if (peek() == '"') {
        if (!quoted(&text))
            return false;
    } else {
        text = atomChars().toByteArray();
    }
    const std::optional<QDate> value = parseImapDate(text);
    if (!value)
        return fail("Invalid date (expected a date like 1-Feb-1994)");
    *out = *value;
    return true;
}

bool ImapScanner::dateTime(QDateTime *out) {
    QByteArray text;
    if (!quoted(&text))
        return false;
    const std::optional<QDateTime> value = parseImapDateTime(text);
    if (!value)
        return fail("Invalid date-time (expected a date like \"17-Jul-1996 02:44:25 -0700\")");
    *out = *value;
    return true;
}

} // namespace mailstead::imap
