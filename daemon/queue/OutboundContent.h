// OutboundContent.h - a queued message made ready for a remote server:
// what it needs of the peer, 7-bit conversion, dot-stuffing
//
// RFC 5321 section 4.4 (Return-Path is added at final delivery: a relay
// sends the message without the one our SMTP server put on top), section
// 4.5.2 (transparency: a line starting with "." gets another one, the data
// ends with CRLF "." CRLF), RFC 6152 section 3 (a message with 8-bit
// content for a server without 8BITMIME is converted to 7 bits or
// returned), RFC 2045 section 6.7 (quoted-printable, lines of at most 76
// characters), RFC 6531 section 3.2 (UTF-8 headers need SMTPUTF8).
// Conversion here covers a single-part body (the common case of a text
// message in UTF-8); a multipart message with 8-bit parts is refused with
// a reason, and the queue bounces it with 5.6.3.
// Pure: bytes in, bytes or an error out.
//
// SECURITY: the message is whatever a local or remote sender handed in;
// only its header block is parsed, with bounded work per line.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mailstead::queue {

// The message without a leading Return-Path header field.
QByteArray withoutReturnPath(QByteArrayView message);

// Any octet above 127 in the body (after the first empty line).
bool hasEightBitBody(QByteArrayView message);
// Any octet above 127 in the header block (needs SMTPUTF8 on the way).
bool hasEightBitHeaders(QByteArrayView message);

// The header block, up to and including the empty line, at most maxOctets.
QByteArray headerBlock(QByteArrayView message, qsizetype maxOctets);

struct SevenBitConversion {
    bool ok = false;
    QByteArray message;
    QString error; // why the message cannot be converted
};

// Re-encodes an 8-bit single-part body as quoted-printable and sets
// Content-Transfer-Encoding accordingly (RFC 6152 section 3).
SevenBitConversion convertToSevenBit(QByteArrayView message);

// Encodes the body with quoted-printable (RFC 2045 section 6.7); input line
// ends may be CRLF or LF, output line ends are CRLF.
QByteArray quotedPrintable(QByteArrayView body);

// The DATA payload: CRLF line ends, dot-stuffed, ending in CRLF "." CRLF.
QByteArray dotStuffed(QByteArrayView message);

} // namespace mailstead::queue
