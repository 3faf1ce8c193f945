// MimeLexer.cpp - RFC 5322 section 3.2 tokens
//
// RFC 5322 sections 3.2, 3.4.1, 4.4; RFC 2045 section 5.1; RFC 6532.
//
// SECURITY: untrusted input; no recursion, linear.

#include "MimeLexer.h"

#include <cstring>

namespace mailstead::mime {

bool isAtomChar(uchar c) {
    if (c >= 0x80)
        return true;
    if (c <= 32 || c == 127)
        return false;
    return !std::strchr("()<>[]:;@,.\"", c);
}

bool isTokenChar(uchar c) {
    if (c >= 0x80)
        return true;
    if (c <= 32 || c == 127)
        return false;
    return !std::strchr("()<>@,;:\\\"/[]?=", c);
}

bool MimeLexer::skipCfws(QByteArray *lastComment) {
    const qsizetype start = m_at;
    while (!atEnd()) {
        const char c = peek();
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            advance();
        } else if (c == '(') {
            const QByteArray comment = readComment();
            if (lastComment)
                *lastComment = comment;
        } else {
            break;
        }
    }
    return m_at != start;
}

QByteArray MimeLexer::readQuotedString() {
    QByteArray out;
    advance(); // '"'
    while (!atEnd()) {
        const char c = peek();
        advance();
        if (c == '"')
            break;
        if (c == '\\' && !atEnd()) {
            out.append(peek());
            advance();
        } else if (c != '\r' && c != '\n') {
            out.append(c);
        }
    }
    return out;
}

QByteArray MimeLexer::readDomainLiteral() {
    const qsizetype start = m_at;
    advance(); // '['
    while (!atEnd()) {
        const char c = peek();
        advance();
        if (c == ']')
            break;
        if (c == '\\' && !atEnd())
            advance();
    }
    return m_text.sliced(start, m_at - start).toByteArray();
}

QByteArray MimeLexer::readComment() {
    QByteArray out;
    advance(); // '('
    int depth = 1;
    while (!atEnd()) {
        const char c = peek();
        advance();
        if (c == '\\' && !atEnd()) {
            out.append(peek());
            advance();
            continue;
        }
        if (c == '(') {
            ++depth;
        } else if (c == ')' && --depth == 0) {
            break;
        }
        out.append(c);
    }
    return out.trimmed();
}

QByteArrayView MimeLexer::readWhile(bool (*accept)(uchar)) {
    const qsizetype start = m_at;
    while (!atEnd() && accept(static_cast<uchar>(peek())))
        advance();
    return m_text.sliced(start, m_at - start);
}

} // namespace mailstead::mime
