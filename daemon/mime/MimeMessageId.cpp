// MimeMessageId.cpp - msg-id lists
//
// RFC 5322 sections 3.6.4, 4.5.4.
//
// SECURITY: untrusted input; linear.

#include "MimeMessageId.h"

#include "MimeLexer.h"

namespace mailstead::mime {

QList<QByteArray> parseMessageIds(QByteArrayView value) {
    QList<QByteArray> ids;
    MimeLexer lexer(value);
    while (true) {
        lexer.skipCfws();
        if (lexer.atEnd())
            break;
        const char c = lexer.peek();
        if (c == '"') {
            lexer.readQuotedString(); // obs-phrase word
            continue;
        }
        if (c != '<') {
            lexer.advance();
            continue;
        }
        lexer.advance();
        QByteArray id;
        while (!lexer.atEnd() && lexer.peek() != '>') {
            const char d = lexer.peek();
            if (d == ' ' || d == '\t' || d == '(') {
                lexer.skipCfws();
            } else if (d == '"') {
                id += '"';
                id += lexer.readQuotedString();
                id += '"';
            } else {
                id.append(d);
                lexer.advance();
            }
        }
        if (!lexer.atEnd())
            lexer.advance();
        if (!id.isEmpty())
            ids.append(id);
    }
    if (ids.isEmpty()) {
        const QByteArray bare = value.trimmed().toByteArray();
        if (bare.contains('@') && !bare.contains(' ') && !bare.contains('\t'))
            ids.append(bare);
    }
    return ids;
}

} // namespace mailstead::mime
