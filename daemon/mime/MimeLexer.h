// MimeLexer.h - lexical tokens of structured header fields
//
// RFC 5322 section 3.2 (quoted-pair, FWS, comments, atoms, quoted
// strings), section 3.4.1 (domain literals), section 4.4 (obsolete
// forms), RFC 2045 section 5.1 (MIME tokens), RFC 6532 section 3.2 (UTF-8
// in atoms and quoted strings).
//
// Works on an unfolded field value. Unterminated quoted strings, comments
// and domain literals end at the end of the value.
//
// SECURITY: input is untrusted; nested comments are tracked with a
// counter, not recursion; every call moves forward or returns nothing.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mailstead::mime {

// RFC 5322 atext, plus 8-bit bytes (RFC 6532) and a stray backslash.
bool isAtomChar(uchar c);
// RFC 2045 token characters, plus 8-bit bytes.
bool isTokenChar(uchar c);

class MimeLexer {
public:
    explicit MimeLexer(QByteArrayView text)
        : m_text(text) {}

    bool atEnd() const { return m_at >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_at]; }
    qsizetype position() const { return m_at; }
    void advance() { ++m_at; }

    // Skips whitespace and comments; true if anything was skipped. The
    // text of the last comment skipped goes to lastComment when given.
    bool skipCfws(QByteArray *lastComment = nullptr);
    // At '"': the content, quoted-pairs resolved.
    QByteArray readQuotedString();
    // At '[': the literal as written, brackets included.
    QByteArray readDomainLiteral();
    // At '(': the content, quoted-pairs resolved, nested parentheses kept,
    // surrounding whitespace trimmed.
    QByteArray readComment();
    // The longest run of bytes accepted by `accept` (may be empty).
    QByteArrayView readWhile(bool (*accept)(uchar));

private:
    QByteArrayView m_text;
    qsizetype m_at = 0;
};

} // namespace mailstead::mime
