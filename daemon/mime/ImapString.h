// ImapString.h - values as IMAP strings: quoted or literal
//
// RFC 9051 section 4.3 and RFC 3501 section 4.3 (quoted strings carry no
// CR, LF or NUL, escape '"' and '\'; anything else goes in a literal
// "{n}" CRLF bytes), RFC 9051 section 4.3 and RFC 6855 section 3 (with
// IMAP4rev2 or UTF8=ACCEPT, quoted strings may hold UTF-8).
//
// Server-to-client literals are always synchronizing ("{n}", no "+").
// Neither form can carry NUL: a NUL byte is sent as U+FFFD.
//
// SECURITY: values are untrusted mail content; every byte is either
// escaped, or counted into a literal, so a value cannot end the string
// early or inject protocol text.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mailstead::mime {

// Strict UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool isValidUtf8(QByteArrayView bytes);

// Appends `value` as a quoted string when it can be one, else a literal.
void appendImapString(QByteArray &out, QByteArrayView value, bool utf8);
// NIL for a null QByteArray, else a string.
void appendImapNString(QByteArray &out, const QByteArray &value, bool utf8);

} // namespace mailstead::mime
