// DkimCanonicalization.h - RFC 6376 "relaxed" canonicalization of a message
//
// Splits a message into its header fields and body (RFC 5322 section 2.1)
// and canonicalizes both with the "relaxed" algorithms of RFC 6376 section
// 3.4.2 (header) and 3.4.4 (body), the ones Mailstead signs with. Lines may
// end in CRLF or, as in files written by Unix tools, a bare LF: both count
// as a line end and come out as CRLF, so a message hashes the same before
// and after an MTA normalizes its line ends (RFC 6376 section 5.3).
//
// Pure: bytes in, bytes out; no I/O, no state.
//
// SECURITY: the message comes from an authenticated submitter but is
// otherwise arbitrary bytes (8-bit, NUL, endless lines); everything here is
// linear in the input and never reads past it.
#pragma once

#include <QByteArray>
#include <QList>

namespace mailstead::dkim {

struct DkimHeaderField {
    QByteArray name;  // as written, without the colon
    QByteArray field; // the whole field as written, folds included, without the final line end
};

struct DkimMessageParts {
    QList<DkimHeaderField> headers; // in message order
    QByteArray body;                // everything after the empty line that ends the header
};

// A message without an empty line is all header and has an empty body.
// Lines of the header that are neither a field nor a continuation (no colon)
// are kept as fields with an empty name, which no h= list can select.
DkimMessageParts splitMessage(const QByteArray &message);

// "name:value\r\n" with the name lower-cased, folds removed, runs of
// whitespace reduced to one space and whitespace at the ends of the value
// and around the colon removed (RFC 6376 section 3.4.2).
QByteArray relaxedHeader(const QByteArray &field);

// Whitespace runs reduced to one space, whitespace at line ends removed,
// empty lines at the end removed, and a final CRLF for a non-empty body
// (RFC 6376 section 3.4.4 with erratum 3986: an empty body stays empty).
QByteArray relaxedBody(const QByteArray &body);

} // namespace mailstead::dkim
