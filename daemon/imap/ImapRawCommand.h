// ImapRawCommand.h - one framed IMAP command: its text with the literals
// inline, and the APPEND message kept apart
//
// What ImapCommandReader produces and ImapCommandParser reads. RFC 9051
// section 4.3 (literals), RFC 7888 (non-synchronizing literals).
//
// SECURITY: every octet is peer data; the reader has only checked framing
// and sizes, nothing of the grammar.
#pragma once

#include <QByteArray>

namespace mailstead::imap {

struct ImapRawCommand {
    // The command without its final line ending. Lines are joined by CRLF
    // (a bare LF is written as CRLF), and each literal's octets follow the
    // "{n}" / "{n+}" / "~{n}" and CRLF that announced it, except the octets
    // of the APPEND message literal, which live in message.
    QByteArray text;
    // Where the APPEND message octets would be in text (just after the CRLF
    // of its announcement); -1 when there is no message literal.
    qsizetype messageOffset = -1;
    qint64 messageSize = 0;
    // The message, when the reader collected it (ImapCommandReader::
    // MessageMode::Collect); empty when it was streamed to the session.
    QByteArray message;
    bool messageStreamed = false;
    // text ends at messageOffset: the APPEND arguments before the message,
    // for the session to check before it accepts the literal.
    bool headerOnly = false;
};

} // namespace mailstead::imap
